/**
 * Retention enforcement (C14-C19) as a service module: the `retention-sweep` and
 * `retention-batch` job workers, the app API for previews, and the schedule. The schedule only
 * enqueues a sweep job whose id is derived from the cron slot, so several replicas firing the
 * same slot make one job. An approved run whose erasure requests are still running gets a chain
 * of follow-up `retention-batch` jobs that record their outcomes and finish the run.
 */
import type { AppContext } from '../app-context.js';
import type { AppAuthenticator } from '../http/app-auth.js';
import type { ServiceModule } from '../service-module.js';
import { unknownCallActivity, type CallActivitySource } from './call-activity.js';
import { loadErasePerson, type ErasePerson } from './erasure-port.js';
import { finishRunIfComplete, runErasureBatch } from './erasure-run.js';
import { deterministicJobId } from '../jobs/job-ids.js';
import { enqueueOnCron } from '../jobs/cron-enqueue.js';
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
  /** Seconds between follow-ups on a run's running erasure requests. Default 15. */
  followUpSeconds?: number;
  /** How long the follow-ups go on before the next scheduled sweep takes over. Default 24 h. */
  followUpForSeconds?: number;
}

/** Data of a `retention-sweep` job: a given preview to scan, or a scheduled slot. */
export interface RetentionSweepJob {
  previewId?: string;
  slot?: string;
}

/** Data of a `retention-batch` job: a batch to erase, or the n-th follow-up on the run's started erasures. */
export type RetentionBatchJob = { previewId: string; batchNo: number } | { previewId: string; followUp: number };

/**
 * Queues follow-up `n` of a run. Its id is derived from the preview and `n`, so the batches of one
 * run that all ask for follow-up 0 make one job, and the chain stays single. The CLI queues follow-up
 * 0 too when it exits with the run's erasure requests still running, so the service finishes the run.
 */
export async function scheduleFollowUp(ctx: AppContext, previewId: string, n: number, afterSeconds: number): Promise<void> {
  await ctx.queue.enqueue('retention-batch', { previewId, followUp: n } satisfies RetentionBatchJob, { id: deterministicJobId(`retention-follow-up:${previewId}:${n}`), startAfterSeconds: afterSeconds });
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
      // Erasure requests that ended after the run's follow-ups gave up are recorded here.
      await finishRunIfComplete(ctx, preview.id);
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
  const followUpSeconds = options.followUpSeconds ?? 15;
  const maxFollowUps = Math.ceil((options.followUpForSeconds ?? 86_400) / followUpSeconds);

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
      await ctx.queue.work<RetentionBatchJob>('retention-batch', async (data) => {
        if ('followUp' in data) {
          const finished = await finishRunIfComplete(ctx, data.previewId);
          if (!finished && data.followUp + 1 < maxFollowUps) await scheduleFollowUp(ctx, data.previewId, data.followUp + 1, followUpSeconds);
          return { previewId: data.previewId, followUp: data.followUp, finished };
        }
        const result = await runErasureBatch(ctx, data.previewId, data.batchNo, { erasePerson: await eraser() });
        if (!result.runFinished) await scheduleFollowUp(ctx, data.previewId, 0, followUpSeconds);
        return result;
      });
    },

    routes(ctx) {
      return [{ path: '/api/v1/retention', router: retentionRouter(ctx, auth, { awaitPreviewMs: options.awaitPreviewMs ?? 20_000 }) }];
    },

    async start(ctx) {
      return enqueueOnCron(ctx, { kind: 'retention-sweep', expression: ctx.config.retentionCron, setting: 'RETENTION_CRON' });
    },
  };
}
