import type { AppContext } from '../app-context.js';
import { AppAuthenticator } from './app-auth.js';

/**
 * The app pages' authenticator for this deployment: the app's public key from configuration or
 * fetched once from the account, `iss` = the account host, roles looked up in Zendesk.
 */
export function createAppAuthenticator(ctx: AppContext): AppAuthenticator {
  const { config } = ctx;
  const accountHost = new URL(config.vendors.zendesk.baseUrl).host;
  return new AppAuthenticator({
    sessionSecret: config.sessionSecret,
    issuer: config.demoMode ? undefined : accountHost,
    audience: config.zendeskApp.audience,
    publicKey:
      config.zendeskApp.publicKeyPem ??
      (async () => {
        if (!config.zendeskApp.appId) throw new Error('ZENDESK_APP_ID or ZENDESK_APP_PUBLIC_KEY is required to verify app tokens');
        return ctx.vendors.zendesk.appPublicKey(Number(config.zendeskApp.appId));
      }),
    lookupRole: async (userId) => {
      const user = await ctx.vendors.zendesk.showUser(userId);
      const role = user.role === 'admin' || user.role === 'agent' ? user.role : 'end-user';
      return role;
    },
    now: () => ctx.now().getTime(),
  });
}
