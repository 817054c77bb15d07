import type { ServiceModule } from '../service-module.js';
import type { AppAuthenticator } from '../http/app-auth.js';
import { recordVersionInForce, resumeNoticeRuns, sendChangeNoticePage } from './change-notices.js';
import { policyVersionRoutes } from './policy-version-routes.js';

/** C32: the version in force is recorded at start; publishing it sends change notices, resumed after a restart. */
export function policyNoticeModule(auth: AppAuthenticator): ServiceModule {
  return {
    name: 'policy-notices',
    registerJobs: async (ctx) => {
      await ctx.queue.work<{ version: string; page: number }>('policy-notice', (data) => sendChangeNoticePage(ctx, data));
    },
    routes: (ctx) => [{ path: '/', router: policyVersionRoutes(ctx, auth) }],
    start: async (ctx) => {
      await recordVersionInForce(ctx);
      await resumeNoticeRuns(ctx);
    },
  };
}
