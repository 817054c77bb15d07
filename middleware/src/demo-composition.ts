import type { AppContext } from './app-context.js';
import type { ServiceModule } from './service-module.js';
import type { Sandbox } from './sandbox/index.js';
import { productModules, talkdeskCallsReportSources } from './modules.js';
import { createAppAuthenticator } from './http/create-authenticator.js';
import { previewRouter } from './http/app-pages.js';

/** The vendor settings that point every connector at a sandbox mounted at `sandboxBase`. */
export function sandboxVendorEnvironment(sandboxBase: string): Record<string, string> {
  return {
    ZENDESK_BASE_URL: `${sandboxBase}/zendesk`,
    ZENDESK_EMAIL: 'demo-agent@example.com',
    ZENDESK_API_TOKEN: 'sandbox-token',
    LIVECHAT_BASE_URL: `${sandboxBase}/livechat`,
    LIVECHAT_ACCOUNT_ID: 'sandbox-account',
    LIVECHAT_PAT: 'sandbox-pat',
    TALKDESK_BASE_URL: `${sandboxBase}/talkdesk`,
    TALKDESK_TOKEN_URL: `${sandboxBase}/talkdesk/oauth/token`,
    TALKDESK_CLIENT_ID: 'sandbox-client',
    TALKDESK_CLIENT_SECRET: 'sandbox-client-secret',
  };
}

/**
 * The product's modules plus the preview pages, acting as `admin` (a sandbox user), with the
 * sandbox standing in for Talkdesk's call history. Shared by `npm run demo` and the tests.
 */
export function demoModules(sandbox: Sandbox, admin: { id: number; name: string }, extra?: (ctx: AppContext, auth: ReturnType<typeof createAppAuthenticator>) => ServiceModule[]) {
  return (ctx: AppContext): ServiceModule[] => {
    const auth = createAppAuthenticator(ctx);
    const preview = previewRouter({
      auth,
      previewUser: async () => ({ id: admin.id, name: admin.name, role: 'admin', locale: ctx.config.accountLocale }),
      ticketContext: async (ticketId) => {
        const ticket = await ctx.vendors.zendesk.showTicket(ticketId);
        const ids = [ticket.requester_id!, ...(ticket.email_cc_ids ?? [])];
        const users = new Map((await ctx.vendors.zendesk.showManyUsers(ids)).map((u) => [u.id, u]));
        const person = (id: number) => ({ id, name: users.get(id)?.name ?? '', email: users.get(id)?.email ?? '' });
        return { ticket: { id: ticket.id, subject: ticket.subject ?? '', requester: person(ticket.requester_id!), collaborators: (ticket.email_cc_ids ?? []).map(person) } };
      },
    });
    return [
      // The demo reads Talkdesk calls as production does: the sandbox serves the calls report.
      ...productModules(ctx, auth, talkdeskCallsReportSources(ctx)),
      ...(extra?.(ctx, auth) ?? []),
      { name: 'preview', routes: () => [{ path: '/', router: preview }] },
    ];
  };
}
