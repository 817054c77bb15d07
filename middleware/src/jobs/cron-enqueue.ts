import cron from 'node-cron';
import type { AppContext } from '../app-context.js';
import { cronSlot, deterministicJobId } from './job-ids.js';
import type { JobKind } from './queue.js';

/**
 * Enqueues one `kind` job per firing of `expression`, with an id derived from the cron slot:
 * replicas firing the same slot make one job, and the work itself runs (and retries) in the queue.
 * `setting` names the environment variable, so a bad expression fails start-up saying which.
 * Returns the function that stops the schedule.
 */
export function enqueueOnCron(ctx: Pick<AppContext, 'queue' | 'logger'>, options: { kind: JobKind; expression: string; setting: string }): () => Promise<void> {
  if (!cron.validate(options.expression)) {
    throw new Error(`${options.setting} "${options.expression}" is not a valid cron expression (e.g. "0 3 * * *").`);
  }
  const task = cron.schedule(
    options.expression,
    async (context) => {
      const slot = cronSlot(context.date);
      try {
        await ctx.queue.enqueue(options.kind, { slot }, { id: deterministicJobId(`${options.kind}:slot:${slot}`) });
      } catch (error) {
        ctx.logger.error({ kind: options.kind, slot, errorMessage: (error as Error).message }, 'could not enqueue the scheduled job');
      }
    },
    { name: options.kind, noOverlap: true },
  );
  return async () => {
    await task.stop();
    await task.destroy();
  };
}
