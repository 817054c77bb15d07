/**
 * The dry run (C14, C15): pages through candidates, confirms each across the three systems and
 * stores the outcome per person. Progress (cursor, counts) is committed after every chunk, so a
 * killed scan resumes from its stored cursor and skips people it already evaluated.
 */
import type { AppContext } from '../app-context.js';
import { addMonthsUtc } from '../policy/calendar.js';
import type { CallActivitySource } from './call-activity.js';
import { fetchCandidatePage, isExpiredCursorError, searchExportUnavailable, type CandidatePage } from './candidate-source.js';
import { evaluateCandidates } from './evaluate-candidates.js';
import type { SqlExecutor } from '../store/database.js';
import {
  countOutcomes,
  evaluatedUserIds,
  finishScan,
  getPreview,
  insertPeople,
  insertPreview,
  saveScanProgress,
  type CandidateStrategy,
  type PreviewCounts,
  type PreviewRecord,
} from './preview-store.js';

/** Candidates evaluated and committed together. */
export const SCAN_CHUNK_SIZE = 100;

/** Reported after every committed chunk. */
export interface ScanProgress {
  previewId: string;
  scanned: number;
  processed: number;
  counts: PreviewCounts;
}

export interface ScanOptions {
  callActivity: CallActivitySource;
  onProgress?: (progress: ScanProgress) => void;
  concurrency?: number;
  /** Test hook: called after each committed chunk; throw to simulate a crash. */
  afterChunk?: (processed: number) => void | Promise<void>;
}

/** Starts a preview row (status scanning) for the current profile and clock. */
export async function createPreview(ctx: AppContext, input: { trigger: 'schedule' | 'admin' | 'cli'; requestedBy?: string; strategy?: CandidateStrategy }, sql: SqlExecutor = ctx.db): Promise<PreviewRecord> {
  const asOf = ctx.now();
  return insertPreview(sql, {
    trigger: input.trigger,
    requestedBy: input.requestedBy ?? null,
    profileId: ctx.profile.id,
    mode: ctx.profile.retention.mode,
    asOf,
    cutoff: addMonthsUtc(asOf, -ctx.profile.retention.windowMonths),
    strategy: input.strategy ?? 'search_export',
    createdAt: asOf,
  });
}

/** Runs (or resumes) the dry run of `previewId` to the end; returns the finished preview. */
export async function scanPreview(ctx: AppContext, previewId: string, options: ScanOptions): Promise<PreviewRecord> {
  let preview = await getPreview(ctx.db, previewId);
  if (!preview) throw new Error(`Retention: preview ${previewId} does not exist.`);
  if (preview.status !== 'scanning') return preview;
  let strategy = preview.strategy;
  let cursor = preview.cursor;
  let scanned = preview.scanned;
  let processed = preview.processed;
  const counts = await countOutcomes(ctx.db, previewId);
  ctx.logger.info({ previewId, strategy, resumed: cursor !== null || processed > 0 }, 'retention scan started');

  for (;;) {
    let page: CandidatePage;
    try {
      page = await fetchCandidatePage(ctx.vendors.zendesk, strategy, preview.cutoff, cursor);
    } catch (error) {
      if (strategy === 'search_export' && isExpiredCursorError(error, cursor)) {
        // Export cursors live an hour; restart the export, already evaluated people are skipped.
        ctx.logger.warn({ previewId }, 'retention scan: search export cursor expired; restarting the export');
        cursor = null;
        continue;
      }
      if (strategy === 'search_export' && searchExportUnavailable(error)) {
        ctx.logger.warn({ previewId }, 'retention scan: search export unavailable; falling back to the incremental user export');
        strategy = 'incremental';
        cursor = null;
        await saveScanProgress(ctx.db, previewId, { cursor, scannedDelta: 0, strategy });
        continue;
      }
      throw error;
    }
    const done = await evaluatedUserIds(ctx.db, previewId, page.candidates.map((u) => u.id));
    const fresh = page.candidates.filter((u) => !done.has(u.id));
    for (let i = 0; i < fresh.length; i += SCAN_CHUNK_SIZE) {
      const chunk = fresh.slice(i, i + SCAN_CHUNK_SIZE);
      const evaluated = await evaluateCandidates(ctx, chunk, { callActivity: options.callActivity, concurrency: options.concurrency });
      const inserted = await ctx.db.transaction((tx) => insertPeople(tx, previewId, evaluated.map((e) => e.row)));
      processed += inserted;
      for (const e of evaluated) counts[e.row.outcome] += 1;
      options.onProgress?.({ previewId, scanned: scanned + page.scanned, processed, counts: { ...counts } });
      await options.afterChunk?.(processed);
    }
    scanned += page.scanned;
    await saveScanProgress(ctx.db, previewId, { cursor: page.nextCursor, scannedDelta: page.scanned });
    options.onProgress?.({ previewId, scanned, processed, counts: { ...counts } });
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }

  preview = await finishScan(ctx.db, previewId, ctx.now());
  await ctx.audit.append({
    actor: 'system:retention',
    action: 'retention.preview_ready',
    clause: 'C14',
    outcome: 'pending_approval',
    details: { previewId, profile: preview.profileId, mode: preview.mode, cutoff: preview.cutoff.toISOString(), strategy: preview.strategy, scanned: preview.scanned, counts: preview.counts },
  });
  ctx.logger.info({ previewId, counts: preview.counts, scanned: preview.scanned }, 'retention preview ready');
  return preview;
}
