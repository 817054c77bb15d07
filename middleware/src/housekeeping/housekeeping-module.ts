import cron from 'node-cron';
import type { ServiceModule } from '../service-module.js';
import { cronSlot, deterministicJobId } from '../retention/job-ids.js';
import { purgeExpiredCopies } from './purge-own-copies.js';

/** Data of a `housekeeping` job: the cron slot that enqueued it (or `manual`). */
export interface HousekeepingJob {
  slot: string;
}

/**
 * Purges this service's own expired copies on a schedule. Like the retention sweep, node-cron
 * only enqueues a job whose id is derived from the slot, so replicas firing together make one job
 * and a crash mid-purge is retried by the queue.
 */
export function housekeepingModule(): ServiceModule {
  return {
    name: 'housekeeping',

    async registerJobs(ctx) {
      await ctx.queue.work<HousekeepingJob>('housekeeping', async (data) => {
        const result = await purgeExpiredCopies(ctx, { exportKeepDays: ctx.config.exportKeepDays, webhookPayloadKeepDays: ctx.config.webhookPayloadKeepDays });
        ctx.logger.info({ slot: data.slot, ...result }, 'housekeeping: expired copies purged');
        return result;
      });
    },

    async start(ctx) {
      if (!cron.validate(ctx.config.housekeepingCron)) {
        throw new Error(`Housekeeping: HOUSEKEEPING_CRON "${ctx.config.housekeepingCron}" is not a valid cron expression (e.g. "30 * * * *").`);
      }
      const task = cron.schedule(
        ctx.config.housekeepingCron,
        async (context) => {
          const slot = cronSlot(context.date);
          try {
            await ctx.queue.enqueue('housekeeping', { slot } satisfies HousekeepingJob, { id: deterministicJobId(`housekeeping:slot:${slot}`) });
          } catch (error) {
            ctx.logger.error({ slot, errorMessage: (error as Error).message }, 'housekeeping: could not enqueue the purge');
          }
        },
        { name: 'housekeeping', noOverlap: true },
      );
      return async () => {
        await task.stop();
        await task.destroy();
      };
    },
  };
}
