import type { AppAuthenticator } from '../http/app-auth.js';
import type { ServiceModule } from '../service-module.js';
import { handleZendeskEvent } from './intake.js';
import { requestsRoutes } from './routes.js';
import { confirmationPageRoutes } from './confirmation-page.js';
import { CONFIRM_PATH } from './confirmation.js';
import { requestReplyJob, type RequestReplyJob } from './person-replies.js';
import type { RequestsOptions } from './step-types.js';
import { requestStepJob, resolveOptions, resumeAbandonedSteps, type RequestStepJob } from './step-runner.js';

/**
 * Data-subject requests (C20-C27) and erasure with receipts (C17-C19, C30): intake from tagged
 * tickets and the app, one `request-step` job per system step, the app API routes.
 */
export function requestsModule(auth: AppAuthenticator, moduleOptions: RequestsOptions = {}): ServiceModule {
  const options = resolveOptions(moduleOptions);
  return {
    name: 'requests',
    async registerJobs(ctx) {
      await ctx.queue.work<RequestStepJob>('request-step', requestStepJob(ctx, options));
      await ctx.queue.work<RequestReplyJob>('request-reply', requestReplyJob(ctx));
    },
    routes(ctx) {
      return [
        { path: '/api/v1', router: requestsRoutes(ctx, auth, options) },
        // Public: the person's confirmation link opens it (the token is the credential).
        { path: CONFIRM_PATH, router: confirmationPageRoutes(ctx) },
      ];
    },
    onZendeskEvent(event, ctx) {
      return handleZendeskEvent(ctx, event);
    },
    async start(ctx) {
      // A worker killed mid-step leaves its lease to expire; this picks such steps up again.
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        resumeAbandonedSteps(ctx)
          .catch((error: Error) => ctx.logger.warn({ errorMessage: error.message }, 'resuming abandoned request steps failed'))
          .finally(() => (running = false));
      }, options.resumeIntervalMs);
      timer.unref();
      return async () => clearInterval(timer);
    },
  };
}
