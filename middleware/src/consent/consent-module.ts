import type { ServiceModule } from '../service-module.js';
import type { AppAuthenticator } from '../http/app-auth.js';
import { consentRoutes } from './consent-routes.js';
import { mirrorConsentToZendesk } from './consent-service.js';

/** C09/C10/C28: the consent ledger's API and the mirror of its state to Zendesk user fields. */
export function consentModule(auth: AppAuthenticator): ServiceModule {
  return {
    name: 'consent',
    registerJobs: async (ctx) => {
      await ctx.queue.work<{ zendeskUserId: number; email: string | null }>('consent-mirror', (data) => mirrorConsentToZendesk(ctx, data));
    },
    routes: (ctx) => [{ path: '/', router: consentRoutes(ctx, auth) }],
  };
}
