/**
 * Retention enforcement (C14-C19) as a service module: the `retention-sweep` and
 * `retention-batch` job workers, the app API for previews, and the schedule. The schedule only
 * enqueues a sweep job whose id is derived from the cron slot, so several replicas firing the
 * same slot make one job.
 */
import cron from 'node-cron';
import type { AppContext } from '../app-context.js';
import type { AppAuthenticator } from '../http/app-auth.js';
import type { ServiceModule } from '../service-module.js';
import { unknownCallActivity, type CallActivitySource } from './call-activity.js';
import { loadErasePerson, type ErasePerson } from './erasure-port.js';
import { runErasureBatch } from './erasure-run.js';
import { cronSlot, deterministicJobId } from './job-ids.js';
import { pendingBatches, unfinishedPreviews } from './preview-store.js';
import { retentionRouter } from './retention-routes.js';
import { createPreview, scanPreview } from './sweep-scan.js';

export interface RetentionModuleOptions {
  /** The erasure to call; default: `erasePerson` of middleware/src/erasure/, loaded on first use. */
  erasePerson?: ErasePerson;
  /** Talkdesk call activity; default: unknown (people with a Talkdesk contact are never presumed inactive). */
  callActivity?: CallActivitySource;
  /** How long POST /previews waits for the dry run before answering 202. Default 20 s. */
  awaitPreviewMs?: number;
  /** Vendor lookups in flight per chunk. Default 8. */
  concurrency?: number;
}

/** Data of a `retention-sweep` job: a given preview to scan, or a scheduled slot. */
export interface RetentionSweepJob {
  previewId?: string;
  slot?: string;
}

export interface RetentionBatchJob {
  previewId: string;
  batchNo: number;
}

/** Resumes interrupted work, then (for a scheduled slot) starts and scans a new preview. */
export async function runScheduledSweep(ctx: AppContext, options: { callActivity: CallActivitySource; concurrency?: number; slot?: string }): Promise<{ previewId: string | null }> {
  let scanningExists = false;
  for (const preview of await unfinishedPreviews(ctx.db)) {
    if (preview.status === 'scanning') {
      scanningExists = true;
      await scanPreview(ctx, preview.id, options);
    } else {
      // An approved run whose batch jobs were lost (or dead-lettered): queue its open batches again.
      for (const batchNo of await pendingBatches(ctx.db, preview.id)) {
        await ctx.queue.enqueue('retention-batch', { previewId: preview.id, batchNo }, { id: deterministicJobId(`retention-batch:${preview.id}:${batchNo}:resume:${options.slot ?? ''}`) });
      }
    }
  }
  if (scanningExists) return { previewId: null };
  const preview = await createPreview(ctx, { trigger: 'schedule' });
  await scanPreview(ctx, preview.id, options);
  return { previewId: preview.id };
}

export function retentionModule(auth: AppAuthenticator, options: RetentionModuleOptions = {}): ServiceModule {
  const callActivity = options.callActivity ?? unknownCallActivity;
  let erasePerson: ErasePerson | undefined = options.erasePerson;
  const eraser = async () => (erasePerson ??= await loadErasePerson());

  return {
    name: 'retention',

    async registerJobs(ctx) {
      await ctx.queue.work<RetentionSweepJob>('retention-sweep', async (data) => {
        if (data.previewId) {
          const preview = await scanPreview(ctx, data.previewId, { callActivity, concurrency: options.concurrency });
          return { previewId: preview.id, status: preview.status, counts: preview.counts };
        }
        return runScheduledSweep(ctx, { callActivity, concurrency: options.concurrency, slot: data.slot });
      });
      await ctx.queue.work<RetentionBatchJob>('retention-batch', async (data) => runErasureBatch(ctx, data.previewId, data.batchNo, { erasePerson: await eraser() }));
    },

    routes(ctx) {
      return [{ path: '/api/v1/retention', router: retentionRouter(ctx, auth, { awaitPreviewMs: options.awaitPreviewMs ?? 20_000 }) }];
    },

    async start(ctx) {
      if (!cron.validate(ctx.config.retentionCron)) {
        throw new Error(`Retention: RETENTION_CRON "${ctx.config.retentionCron}" is not a valid cron expression (e.g. "0 3 * * *").`);
      }
      const task = cron.schedule(
        ctx.config.retentionCron,
        async (context) => {
          const slot = cronSlot(context.date);
          try {
            await ctx.queue.enqueue('retention-sweep', { slot }, { id: deterministicJobId(`retention-sweep:slot:${slot}`) });
          } catch (error) {
            ctx.logger.error({ slot, errorMessage: (error as Error).message }, 'retention: could not enqueue the scheduled sweep');
          }
        },
        { name: 'retention-sweep', noOverlap: true },
      );
      return async () => {
        await task.stop();
        await task.destroy();
      };
    },
  };
}
