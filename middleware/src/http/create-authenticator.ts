import type { AppContext } from '../app-context.js';
import { AppAuthenticator, type AgentRole } from './app-auth.js';
import type { ZendeskUser } from '../connectors/index.js';

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
    lookupRole: async (userId) => roleOfZendeskUser(await ctx.vendors.zendesk.showUser(userId)),
    now: () => ctx.now().getTime(),
  });
}

/** The Zendesk role decides (light agents are role type 1); only role "admin" is an admin here, whatever a custom role allows. */
export function roleOfZendeskUser(user: Pick<ZendeskUser, 'role' | 'role_type'>): 'end-user' | AgentRole {
  if (user.role === 'admin') return 'admin';
  if (user.role !== 'agent') return 'end-user';
  return user.role_type === 1 ? 'light_agent' : 'agent';
}
