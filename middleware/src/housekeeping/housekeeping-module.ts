import type { ServiceModule } from '../service-module.js';
import { enqueueOnCron } from '../jobs/cron-enqueue.js';
import { purgeExpiredCopies } from './purge-own-copies.js';
import { expireUnconfirmedRequests } from '../requests/confirmation.js';

/** Data of a `housekeeping` job: the cron slot that enqueued it. */
export interface HousekeepingJob {
  slot: string;
}

/**
 * Purges this service's own expired copies, and ends requests left unconfirmed past their
 * deadline, on a schedule. Like the retention sweep, node-cron
 * only enqueues a job whose id is derived from the slot, so replicas firing together make one job
 * and a crash mid-purge is retried by the queue.
 */
export function housekeepingModule(): ServiceModule {
  return {
    name: 'housekeeping',

    async registerJobs(ctx) {
      await ctx.queue.work<HousekeepingJob>('housekeeping', async (data) => {
        const purged = await purgeExpiredCopies(ctx, { exportKeepDays: ctx.config.exportKeepDays, webhookPayloadKeepDays: ctx.config.webhookPayloadKeepDays });
        // Requests the person never confirmed end at their deadline (C20, C26), with a notice to them.
        const unconfirmedRequestsExpired = await expireUnconfirmedRequests(ctx);
        const result = { ...purged, unconfirmedRequestsExpired };
        ctx.logger.info({ slot: data.slot, ...result }, 'housekeeping: expired copies purged, unconfirmed requests expired');
        return result;
      });
    },

    async start(ctx) {
      return enqueueOnCron(ctx, { kind: 'housekeeping', expression: ctx.config.housekeepingCron, setting: 'HOUSEKEEPING_CRON' });
    },
  };
}
