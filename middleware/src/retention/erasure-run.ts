/**
 * The approved run (C15-C19): the preview's due people are erased in numbered batches through
 * the erasure module, within the vendors' rate budget. Before each erasure the person's holds and
 * tickets are read again (the preview may be days old): a new hold wins (C18), solved tickets are
 * closed in bulk where the profile allows and open ones block (C19). Each person's status is
 * committed as it changes, so a killed run resumes without erasing anyone twice.
 *
 * The erasure module answers with the privacy request it started; the person is `erasure_started`
 * until that request ends, and the run is done only when every started request has ended
 * (`settleStartedErasures`, called after each batch, by the run's follow-up job and by the sweep).
 */
import type { AppContext } from '../app-context.js';
import { ConflictError, NotFoundError, PreconditionError, isRetryable } from '../errors.js';
import { isHoldActive } from '../policy/retention.js';
import { erasureHandover, type ErasePerson } from './erasure-port.js';
import { deterministicJobId } from '../jobs/job-ids.js';
import { requesterTickets } from './evaluate-candidates.js';
import { holdsByPersonKey } from './legal-hold-reader.js';
import {
  assignBatches,
  claimBatch,
  erasureProgressCounts,
  getPreview,
  markErasureStarted,
  pendingBatches,
  setErasureStatus,
  settleStartedErasures,
  setPreviewStatus,
  type PreviewPersonState,
  type PreviewRecord,
  type RunSummary,
} from './preview-store.js';

/** People per `retention-batch` job: small enough to retry cheaply, one bulk close per batch. */
export const ERASURE_BATCH_SIZE = 50;
/** A claim older than this is taken over (its runner died). */
export const DEFAULT_CLAIM_LEASE_MS = 15 * 60_000;

export interface RunOptions {
  erasePerson: ErasePerson;
  leaseMs?: number;
  onPersonDone?: (event: { previewId: string; zendeskUserId: number; status: string }) => void;
}

/** Result of one batch: what happened to its people while the batch ran. */
export interface BatchResult {
  previewId: string;
  batchNo: number;
  /** Erasure requests started; their outcome is recorded when they end. */
  started: number;
  /** Erasures that ended within the call (an erasure that ran synchronously, or one already done). */
  erased: number;
  refused: number;
  held: number;
  blocked: number;
  failed: number;
  /** True when this batch was the last unfinished one and the run is now done. */
  runFinished: boolean;
}

/**
 * Approves a pending preview: numbers the due people into batches and, with `enqueue`, queues one
 * `retention-batch` job per batch in the same transaction.
 */
export async function approvePreview(ctx: AppContext, previewId: string, approvedBy: string, options: { enqueue: boolean }): Promise<{ preview: PreviewRecord; batches: number[] }> {
  const result = await ctx.db.transaction(async (tx) => {
    const preview = await getPreview(tx, previewId, { forUpdate: true });
    if (!preview) return { error: 'not_found' as const };
    if (preview.status !== 'pending_approval') return { error: 'wrong_status' as const, status: preview.status };
    const batches = await assignBatches(tx, previewId, ERASURE_BATCH_SIZE);
    const now = ctx.now();
    await setPreviewStatus(tx, previewId, ['pending_approval'], batches.length > 0 ? 'approved' : 'done', {
      approvedBy,
      approvedAt: now,
      ...(batches.length === 0 ? { runFinishedAt: now, summary: { erased: 0, refused: 0, held: 0, blocked: 0, failed: 0, batches: 0 } } : {}),
    });
    if (options.enqueue) {
      for (const batchNo of batches) {
        await ctx.queue.enqueue('retention-batch', { previewId, batchNo }, { tx, id: deterministicJobId(`retention-batch:${previewId}:${batchNo}`) });
      }
    }
    await ctx.audit.append(
      {
        actor: approvedBy,
        action: 'retention.approved',
        clause: preview.mode === 'anonymize' ? 'C16' : 'C15',
        outcome: 'approved',
        details: { previewId, due: preview.counts.due, batches: batches.length, mode: preview.mode },
      },
      tx,
    );
    return { batches };
  });
  if ('error' in result) {
    if (result.error === 'not_found') throw new NotFoundError(`Retention: preview ${previewId} does not exist.`);
    throw new ConflictError(`Retention: preview ${previewId} is ${result.status}; only a preview pending approval can be approved. Run a new dry run.`);
  }
  return { preview: (await getPreview(ctx.db, previewId))!, batches: result.batches };
}

/** Erases one batch; people already final are skipped, so running a batch twice is safe. */
export async function runErasureBatch(ctx: AppContext, previewId: string, batchNo: number, options: RunOptions): Promise<BatchResult> {
  const preview = await getPreview(ctx.db, previewId);
  if (!preview) throw new Error(`Retention: preview ${previewId} does not exist.`);
  const result: BatchResult = { previewId, batchNo, started: 0, erased: 0, refused: 0, held: 0, blocked: 0, failed: 0, runFinished: false };
  if (preview.status === 'done') return { ...result, runFinished: true };
  await setPreviewStatus(ctx.db, previewId, ['approved'], 'running');

  const people = await claimBatch(ctx.db, previewId, batchNo, ctx.now(), options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS);
  let retryLater: unknown;
  if (people.length > 0) {
    const ready = await recheckBeforeErasure(ctx, preview, people, result, options);
    for (const person of ready) {
      const requestId = `retention:${previewId}:${person.zendeskUserId}`;
      try {
        const handover = erasureHandover(
          await options.erasePerson(ctx, {
            personRef: { zendeskUserId: person.zendeskUserId },
            mode: preview.mode,
            origin: 'retention',
            requestId,
          }),
          requestId,
        );
        if (handover.outcome === 'started') {
          await markErasureStarted(ctx.db, previewId, person.zendeskUserId, handover.requestId);
          result.started += 1;
          options.onPersonDone?.({ previewId, zendeskUserId: person.zendeskUserId, status: 'erasure_started' });
        } else if (handover.outcome === 'refused') {
          // A request refused earlier under the same key (a retried batch): the refusal stands.
          await markRefused(ctx, previewId, person, result, { requestId: handover.requestId }, options);
        } else if (handover.outcome === 'failed') {
          await markFailed(ctx, previewId, person, result, { requestId: handover.requestId, error: 'ErasureRequestFailed', message: 'The erasure request failed; see its steps.' }, options);
        } else {
          await setErasureStatus(ctx.db, previewId, person.zendeskUserId, 'erased', { requestId: handover.requestId, receipt: handover.receipt });
          result.erased += 1;
          options.onPersonDone?.({ previewId, zendeskUserId: person.zendeskUserId, status: 'erased' });
        }
      } catch (error) {
        if (error instanceof PreconditionError) {
          // C18 hold or C24 restriction seen by the erasure module (already audited there as the request's refusal).
          await markRefused(ctx, previewId, person, result, { requestId, ...(error.details ?? {}) }, options);
        } else if (isRetryable(error)) {
          // Back to the queue: the job is retried with back-off and the person claimed again.
          await setErasureStatus(ctx.db, previewId, person.zendeskUserId, 'queued', null);
          retryLater ??= error;
        } else {
          await markFailed(ctx, previewId, person, result, { requestId, error: (error as Error).name, message: (error as Error).message }, options);
        }
      }
    }
  }
  ctx.logger.info({ previewId, batchNo, started: result.started, erased: result.erased, refused: result.refused, held: result.held, blocked: result.blocked, failed: result.failed }, 'retention batch done');
  if (retryLater) throw retryLater;
  result.runFinished = await finishRunIfComplete(ctx, previewId);
  return result;
}

/** Holds and tickets read again right before erasing; closes solved tickets in one bulk call. */
async function recheckBeforeErasure(ctx: AppContext, preview: PreviewRecord, people: PreviewPersonState[], result: BatchResult, options: RunOptions): Promise<PreviewPersonState[]> {
  const now = ctx.now();
  const holds = await holdsByPersonKey(ctx.db, people.map((p) => p.personKey));
  const ready: PreviewPersonState[] = [];
  const toClose: number[] = [];
  const closeSolved = ctx.profile.retention.closeSolvedTicketsBeforeDeletion;
  for (const person of people) {
    const active = (holds.get(person.personKey) ?? []).filter((h) => isHoldActive(h, now));
    if (active.length > 0) {
      await setErasureStatus(ctx.db, preview.id, person.zendeskUserId, 'held', { holdIds: active.map((h) => h.id) });
      result.held += 1;
      options.onPersonDone?.({ previewId: preview.id, zendeskUserId: person.zendeskUserId, status: 'held' });
      await ctx.audit.append({ actor: 'system:retention', action: 'retention.skipped_held', clause: 'C18', subjectRef: ctx.audit.subjectRefFor(person.personKey), outcome: 'held', details: { previewId: preview.id, holdIds: active.map((h) => h.id) } });
      continue;
    }
    const tickets = await requesterTickets(ctx, person.zendeskUserId).catch((error: unknown) => {
      // A user already gone (an earlier, interrupted attempt finished the erasure) has no tickets left to check.
      if ((error as { code?: string }).code === 'not_found') return { lastUpdateAt: null, openTicketIds: [], solvedTicketIds: [] };
      throw error;
    });
    const blocking = closeSolved ? tickets.openTicketIds : [...tickets.openTicketIds, ...tickets.solvedTicketIds];
    if (blocking.length > 0) {
      await markBlocked(ctx, preview.id, person, result, { reason: 'open_tickets', blockingTicketIds: blocking.sort((a, b) => a - b) }, options);
      continue;
    }
    if (closeSolved) toClose.push(...tickets.solvedTicketIds);
    ready.push(person);
  }
  if (toClose.length > 0) {
    // C19: solved is not closed, and Zendesk will not delete a requester of unclosed tickets.
    const jobs = await ctx.vendors.zendesk.closeTickets(toClose);
    for (const job of jobs) await ctx.vendors.zendesk.waitForJob(job.id, { initialDelayMs: 200, maxDelayMs: 2_000 });
    await ctx.audit.append({ actor: 'system:retention', action: 'retention.closed_solved_tickets', clause: 'C19', outcome: 'closed', details: { previewId: preview.id, ticketIds: toClose } });
  }
  return ready;
}

async function markBlocked(ctx: AppContext, previewId: string, person: PreviewPersonState, result: BatchResult, detail: Record<string, unknown>, options: RunOptions): Promise<void> {
  await setErasureStatus(ctx.db, previewId, person.zendeskUserId, 'blocked', detail);
  result.blocked += 1;
  options.onPersonDone?.({ previewId, zendeskUserId: person.zendeskUserId, status: 'blocked' });
  await ctx.audit.append({ actor: 'system:retention', action: 'retention.blocked', clause: 'C19', subjectRef: ctx.audit.subjectRefFor(person.personKey), outcome: 'blocked', details: { previewId, ...detail } });
}

/** Stored as `blocked` with reason `erasure_refused` (see `ErasureStatus`); shown and counted as refused. */
async function markRefused(ctx: AppContext, previewId: string, person: PreviewPersonState, result: BatchResult, detail: { requestId: string } & Record<string, unknown>, options: RunOptions): Promise<void> {
  await setErasureStatus(ctx.db, previewId, person.zendeskUserId, 'blocked', { ...detail, reason: 'erasure_refused' });
  result.refused += 1;
  options.onPersonDone?.({ previewId, zendeskUserId: person.zendeskUserId, status: 'refused' });
  await auditRefused(ctx, previewId, person.personKey, detail.requestId);
}

async function markFailed(ctx: AppContext, previewId: string, person: PreviewPersonState, result: BatchResult, detail: { requestId: string; error: string; message: string }, options: RunOptions): Promise<void> {
  await setErasureStatus(ctx.db, previewId, person.zendeskUserId, 'failed', detail);
  result.failed += 1;
  options.onPersonDone?.({ previewId, zendeskUserId: person.zendeskUserId, status: 'failed' });
  await auditFailed(ctx, previewId, person.personKey, detail.requestId, detail.error);
}

// The refusal's own clause (C18 hold, C24 restriction) is on the request's audit entry; this one records the run's outcome.
async function auditRefused(ctx: AppContext, previewId: string, personKey: string, requestId: string): Promise<void> {
  await ctx.audit.append({ actor: 'system:retention', action: 'retention.erasure_refused', clause: 'C15', subjectRef: ctx.audit.subjectRefFor(personKey), outcome: 'refused', details: { previewId, requestId } });
}

async function auditFailed(ctx: AppContext, previewId: string, personKey: string, requestId: string, error: string): Promise<void> {
  await ctx.audit.append({ actor: 'system:retention', action: 'retention.erasure_failed', clause: 'C15', subjectRef: ctx.audit.subjectRefFor(personKey), outcome: 'failed', details: { previewId, requestId, error } });
}

/**
 * Records the outcome of the run's erasure requests that have ended, then marks the run done when
 * nobody is queued, being handed over or erasing; writes the summary once. Cheap (two queries)
 * and safe to call from several places at once.
 */
export async function finishRunIfComplete(ctx: AppContext, previewId: string): Promise<boolean> {
  for (const settled of await settleStartedErasures(ctx.db, previewId)) {
    if (settled.requestStatus === 'refused') await auditRefused(ctx, previewId, settled.personKey, settled.requestId);
    if (settled.requestStatus === 'failed') await auditFailed(ctx, previewId, settled.personKey, settled.requestId, 'ErasureRequestFailed');
  }
  const counts = await erasureProgressCounts(ctx.db, previewId);
  if (counts.queued > 0 || counts.erasing > 0 || counts.erasure_started > 0) return false;
  const batches = await ctx.db.query<{ n: number }>('SELECT count(DISTINCT batch_no)::int AS n FROM retention_preview_people WHERE preview_id = $1 AND batch_no IS NOT NULL', [previewId]);
  const summary: RunSummary = { erased: counts.erased, refused: counts.refused, held: counts.held, blocked: counts.blocked, failed: counts.failed, batches: Number(batches.rows[0]?.n ?? 0) };
  const changed = await setPreviewStatus(ctx.db, previewId, ['approved', 'running'], 'done', { runFinishedAt: ctx.now(), summary });
  if (changed) {
    await ctx.audit.append({ actor: 'system:retention', action: 'retention.run_done', clause: 'C15', outcome: 'done', details: { previewId, ...summary } });
    ctx.logger.info({ previewId, ...summary }, 'retention run done');
  }
  return true;
}

/** Runs every unfinished batch of an approved preview in this process (CLI and crash recovery). */
export async function runRemainingBatches(ctx: AppContext, previewId: string, options: RunOptions & { onBatch?: (result: BatchResult) => void }): Promise<PreviewRecord> {
  for (const batchNo of await pendingBatches(ctx.db, previewId)) {
    const result = await runErasureBatch(ctx, previewId, batchNo, options);
    options.onBatch?.(result);
  }
  await finishRunIfComplete(ctx, previewId);
  return (await getPreview(ctx.db, previewId))!;
}
