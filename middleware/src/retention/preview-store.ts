/**
 * SQL for retention previews and their per-person outcomes (migration 10). A preview is both
 * the dry run's result and the approved run's progress: each person row carries its erasure
 * status, so a killed run resumes from the rows, not from memory.
 */
import { randomUUID } from 'node:crypto';
import type { Database, SqlExecutor } from '../store/database.js';
import type { RetentionMode } from '../policy/profile-schema.js';

/** Outcomes counted in a preview (exempt people, i.e. agents, are not listed). */
export const PREVIEW_OUTCOMES = ['due', 'held', 'blocked', 'active_elsewhere', 'not_due'] as const;
export type PreviewOutcome = (typeof PREVIEW_OUTCOMES)[number];
export type PreviewCounts = Record<PreviewOutcome, number>;

/** `scanning` while the dry run pages through candidates; the app API shows the others. */
export type PreviewStatus = 'scanning' | 'pending_approval' | 'approved' | 'running' | 'done' | 'superseded';
export type CandidateStrategy = 'search_export' | 'incremental';
/**
 * A due person's stored erasure status (migration 10 allows these values). `erasing` covers both
 * a runner calling the erasure (claimed, `erasure_claimed_at` set) and an erasure handed to a
 * privacy request that has not ended yet (unclaimed, `erasure_detail.requestId` set); a refused
 * erasure is `blocked` with `erasure_detail.reason = 'erasure_refused'`. `ErasureProgress` names
 * these cases apart.
 */
export type ErasureStatus = 'queued' | 'erasing' | 'erased' | 'held' | 'blocked' | 'failed';

/**
 * How a due person's erasure stands, read live against the privacy request it started:
 * `erasure_started` until the request ends, then `erased` (completed), `refused` or `failed`.
 */
export type ErasureProgress = 'queued' | 'erasing' | 'erasure_started' | 'erased' | 'refused' | 'held' | 'blocked' | 'failed';
export const ERASURE_PROGRESS: readonly ErasureProgress[] = ['queued', 'erasing', 'erasure_started', 'erased', 'refused', 'held', 'blocked', 'failed'];

/** One preview as stored. */
export interface PreviewRecord {
  id: string;
  createdAt: Date;
  status: PreviewStatus;
  trigger: string;
  requestedBy: string | null;
  profileId: string;
  mode: RetentionMode;
  asOf: Date;
  cutoff: Date;
  strategy: CandidateStrategy;
  cursor: string | null;
  scanned: number;
  processed: number;
  counts: PreviewCounts;
  scanFinishedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  runFinishedAt: Date | null;
  summary: RunSummary | null;
}

/** What an approved run did, per final outcome; written once no erasure is running. */
export interface RunSummary {
  /** Erasure requests completed (receipt issued). */
  erased: number;
  /** Erasures refused by the erasure module (C18 hold, C24 restriction), before or after they started. */
  refused: number;
  held: number;
  blocked: number;
  failed: number;
  batches: number;
}

/** A run's progress for the admin page: `running` counts claimed people and started requests. */
export interface RunProgress {
  queued: number;
  running: number;
  erased: number;
  refused: number;
  held: number;
  blocked: number;
  failed: number;
}

/** One evaluated person of a preview. */
export interface PreviewPersonRow {
  zendeskUserId: number;
  personKey: string;
  outcome: PreviewOutcome;
  reason: string;
  clause: string;
  lastActivityAt: Date | null;
  lastActivitySystem: string | null;
  dueAt: Date | null;
  blockingTicketIds: number[] | null;
  ticketsToClose: number[] | null;
  holdIds: string[] | null;
}

export interface PreviewPersonState extends PreviewPersonRow {
  batchNo: number | null;
  erasureStatus: ErasureStatus | null;
  erasureProgress: ErasureProgress | null;
  erasureDetail: Record<string, unknown> | null;
  /** The privacy request the erasure runs as, once the erasure module accepted it. */
  erasureRequestId: string | null;
}

export function emptyCounts(): PreviewCounts {
  return { due: 0, held: 0, blocked: 0, active_elsewhere: 0, not_due: 0 };
}

const date = (value: unknown): Date | null => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value)));
const json = <T>(value: unknown): T | null => (value === null || value === undefined ? null : typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

/** A person whose erasure was handed to a privacy request that retention has not yet seen end. */
const STARTED_SQL = `p.erasure_status = 'erasing' AND p.erasure_claimed_at IS NULL AND p.erasure_detail->>'requestId' IS NOT NULL`;
// privacy_requests belongs to the requests module; retention only reads how its erasures ended.
const REQUEST_JOIN_SQL = `LEFT JOIN privacy_requests r ON ${STARTED_SQL} AND r.id::text = p.erasure_detail->>'requestId'`;
/** `ErasureProgress` of a row `p` joined to its request `r` by REQUEST_JOIN_SQL. */
const PROGRESS_SQL = `CASE
    WHEN ${STARTED_SQL} THEN CASE r.status WHEN 'completed' THEN 'erased' WHEN 'refused' THEN 'refused' WHEN 'failed' THEN 'failed' ELSE 'erasure_started' END
    WHEN p.erasure_status = 'blocked' AND p.erasure_detail->>'reason' = 'erasure_refused' THEN 'refused'
    ELSE p.erasure_status END`;

function toPreview(row: Record<string, unknown>): PreviewRecord {
  return {
    id: String(row.id),
    createdAt: date(row.created_at)!,
    status: row.status as PreviewStatus,
    trigger: String(row.trigger),
    requestedBy: (row.requested_by as string | null) ?? null,
    profileId: String(row.profile_id),
    mode: row.mode as RetentionMode,
    asOf: date(row.as_of)!,
    cutoff: date(row.cutoff)!,
    strategy: row.strategy as CandidateStrategy,
    cursor: (row.cursor as string | null) ?? null,
    scanned: Number(row.scanned),
    processed: Number(row.processed),
    counts: { ...emptyCounts(), ...(json<Partial<PreviewCounts>>(row.counts) ?? {}) },
    scanFinishedAt: date(row.scan_finished_at),
    approvedBy: (row.approved_by as string | null) ?? null,
    approvedAt: date(row.approved_at),
    runFinishedAt: date(row.run_finished_at),
    summary: json<RunSummary>(row.summary),
  };
}

function toPerson(row: Record<string, unknown>): PreviewPersonState {
  return {
    zendeskUserId: Number(row.zendesk_user_id),
    personKey: String(row.person_key),
    outcome: row.outcome as PreviewOutcome,
    reason: String(row.reason),
    clause: String(row.clause),
    lastActivityAt: date(row.last_activity_at),
    lastActivitySystem: (row.last_activity_system as string | null) ?? null,
    dueAt: date(row.due_at),
    blockingTicketIds: json<number[]>(row.blocking_ticket_ids),
    ticketsToClose: json<number[]>(row.tickets_to_close),
    holdIds: json<string[]>(row.hold_ids),
    batchNo: row.batch_no === null || row.batch_no === undefined ? null : Number(row.batch_no),
    erasureStatus: (row.erasure_status as ErasureStatus | null) ?? null,
    erasureProgress: (row.erasure_progress as ErasureProgress | null | undefined) ?? (row.erasure_status as ErasureStatus | null) ?? null,
    erasureDetail: json<Record<string, unknown>>(row.erasure_detail),
    erasureRequestId: (row.erasure_request_id as string | null | undefined) ?? null,
  };
}

export async function insertPreview(
  sql: SqlExecutor,
  input: { trigger: string; requestedBy: string | null; profileId: string; mode: RetentionMode; asOf: Date; cutoff: Date; strategy: CandidateStrategy; createdAt: Date },
): Promise<PreviewRecord> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `INSERT INTO retention_previews (id, created_at, status, trigger, requested_by, profile_id, mode, as_of, cutoff, strategy)
     VALUES ($1, $2, 'scanning', $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [randomUUID(), input.createdAt.toISOString(), input.trigger, input.requestedBy, input.profileId, input.mode, input.asOf.toISOString(), input.cutoff.toISOString(), input.strategy],
  );
  return toPreview(rows[0]!);
}

export async function getPreview(sql: SqlExecutor, id: string, options: { forUpdate?: boolean } = {}): Promise<PreviewRecord | undefined> {
  const { rows } = await sql.query<Record<string, unknown>>(`SELECT * FROM retention_previews WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toPreview(rows[0]) : undefined;
}

/** The newest preview whose dry run finished (what the admin page shows). */
export async function latestScannedPreview(sql: SqlExecutor): Promise<PreviewRecord | undefined> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT * FROM retention_previews WHERE status NOT IN ('scanning', 'superseded') ORDER BY created_at DESC, id DESC LIMIT 1`,
  );
  return rows[0] ? toPreview(rows[0]) : undefined;
}

/** The newest preview still scanning that was created after `since`, if any. */
export async function scanningPreviewSince(sql: SqlExecutor, since: Date): Promise<PreviewRecord | undefined> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT * FROM retention_previews WHERE status = 'scanning' AND created_at > $1 ORDER BY created_at DESC LIMIT 1`,
    [since.toISOString()],
  );
  return rows[0] ? toPreview(rows[0]) : undefined;
}

/** Previews whose dry run or approved run has not finished (resumed after a crash). */
export async function unfinishedPreviews(sql: SqlExecutor): Promise<PreviewRecord[]> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT * FROM retention_previews WHERE status IN ('scanning', 'approved', 'running') ORDER BY created_at`,
  );
  return rows.map(toPreview);
}

export async function saveScanProgress(sql: SqlExecutor, id: string, progress: { cursor: string | null; scannedDelta: number; strategy?: CandidateStrategy }): Promise<void> {
  await sql.query(
    `UPDATE retention_previews SET cursor = $2, scanned = scanned + $3, strategy = COALESCE($4, strategy) WHERE id = $1`,
    [id, progress.cursor, progress.scannedDelta, progress.strategy ?? null],
  );
}

/** Of `userIds`, those already evaluated in this preview (a resumed scan skips them). */
export async function evaluatedUserIds(sql: SqlExecutor, previewId: string, userIds: readonly number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const { rows } = await sql.query<{ zendesk_user_id: number }>(
    'SELECT zendesk_user_id FROM retention_preview_people WHERE preview_id = $1 AND zendesk_user_id = ANY($2::bigint[])',
    [previewId, userIds],
  );
  return new Set(rows.map((r) => Number(r.zendesk_user_id)));
}

/** Stores evaluated people; a row already there (a resumed page) is kept as it was. */
export async function insertPeople(sql: SqlExecutor, previewId: string, people: readonly PreviewPersonRow[]): Promise<number> {
  if (people.length === 0) return 0;
  const values: unknown[] = [previewId];
  const tuples = people.map((p, i) => {
    const o = i * 11;
    values.push(
      p.zendeskUserId,
      p.personKey,
      p.outcome,
      p.reason,
      p.clause,
      p.lastActivityAt?.toISOString() ?? null,
      p.lastActivitySystem,
      p.dueAt?.toISOString() ?? null,
      p.blockingTicketIds ? JSON.stringify(p.blockingTicketIds) : null,
      p.ticketsToClose ? JSON.stringify(p.ticketsToClose) : null,
      p.holdIds ? JSON.stringify(p.holdIds) : null,
    );
    return `($1, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7}, $${o + 8}, $${o + 9}, $${o + 10}::jsonb, $${o + 11}::jsonb, $${o + 12}::jsonb)`;
  });
  const result = await sql.query(
    `INSERT INTO retention_preview_people (preview_id, zendesk_user_id, person_key, outcome, reason, clause, last_activity_at,
       last_activity_system, due_at, blocking_ticket_ids, tickets_to_close, hold_ids)
     VALUES ${tuples.join(', ')} ON CONFLICT (preview_id, zendesk_user_id) DO NOTHING`,
    values,
  );
  await sql.query('UPDATE retention_previews SET processed = processed + $2 WHERE id = $1', [previewId, result.rowCount]);
  return result.rowCount;
}

export async function countOutcomes(sql: SqlExecutor, previewId: string): Promise<PreviewCounts> {
  const { rows } = await sql.query<{ outcome: PreviewOutcome; n: number }>(
    'SELECT outcome, count(*)::int AS n FROM retention_preview_people WHERE preview_id = $1 GROUP BY outcome',
    [previewId],
  );
  const counts = emptyCounts();
  for (const row of rows) if (row.outcome in counts) counts[row.outcome] = Number(row.n);
  return counts;
}

/** Ends the dry run: counts stored, status pending_approval, older pending previews superseded. */
export async function finishScan(db: Database, previewId: string, finishedAt: Date): Promise<PreviewRecord> {
  return db.transaction(async (tx) => {
    const counts = await countOutcomes(tx, previewId);
    await tx.query(
      `UPDATE retention_previews SET status = 'superseded' WHERE status = 'pending_approval' AND id <> $1`,
      [previewId],
    );
    const { rows } = await tx.query<Record<string, unknown>>(
      `UPDATE retention_previews SET status = 'pending_approval', counts = $2::jsonb, scan_finished_at = $3, cursor = NULL
       WHERE id = $1 AND status = 'scanning' RETURNING *`,
      [previewId, JSON.stringify(counts), finishedAt.toISOString()],
    );
    return rows[0] ? toPreview(rows[0]) : (await getPreview(tx, previewId))!;
  });
}

/** People of a preview with their live erasure progress (read against their privacy requests). */
export async function previewPeople(sql: SqlExecutor, previewId: string, options: { limit?: number; outcomes?: readonly PreviewOutcome[] } = {}): Promise<PreviewPersonState[]> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT p.*, ${PROGRESS_SQL} AS erasure_progress, p.erasure_detail->>'requestId' AS erasure_request_id
     FROM retention_preview_people p ${REQUEST_JOIN_SQL}
     WHERE p.preview_id = $1 AND ($2::text[] IS NULL OR p.outcome = ANY($2::text[]))
     ORDER BY p.zendesk_user_id LIMIT $3`,
    [previewId, options.outcomes ? [...options.outcomes] : null, options.limit ?? 10_000],
  );
  return rows.map(toPerson);
}

/**
 * Marks the due people for erasure in numbered batches. Returns the batch numbers. Runs inside
 * the approval transaction.
 */
export async function assignBatches(sql: SqlExecutor, previewId: string, batchSize: number): Promise<number[]> {
  await sql.query(
    `UPDATE retention_preview_people p SET batch_no = b.batch_no, erasure_status = 'queued'
     FROM (SELECT zendesk_user_id, ((row_number() OVER (ORDER BY zendesk_user_id)) - 1) / $2 AS batch_no
           FROM retention_preview_people WHERE preview_id = $1 AND outcome = 'due') b
     WHERE p.preview_id = $1 AND p.zendesk_user_id = b.zendesk_user_id`,
    [previewId, batchSize],
  );
  return pendingBatches(sql, previewId);
}

/**
 * Batches with people the runner has still to hand to the erasure module (queued, or claimed by a
 * runner that may have died). People whose erasure request is running need no batch again.
 */
export async function pendingBatches(sql: SqlExecutor, previewId: string): Promise<number[]> {
  const { rows } = await sql.query<{ batch_no: number }>(
    `SELECT DISTINCT batch_no FROM retention_preview_people
     WHERE preview_id = $1 AND (erasure_status = 'queued' OR (erasure_status = 'erasing' AND erasure_claimed_at IS NOT NULL)) ORDER BY batch_no`,
    [previewId],
  );
  return rows.map((r) => Number(r.batch_no));
}

/**
 * Claims the batch's people that nobody is erasing: queued ones, and ones whose claim is older
 * than `leaseMs` (their runner died). One runner per person at a time.
 */
export async function claimBatch(sql: SqlExecutor, previewId: string, batchNo: number, now: Date, leaseMs: number): Promise<PreviewPersonState[]> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `UPDATE retention_preview_people SET erasure_status = 'erasing', erasure_claimed_at = $3
     WHERE preview_id = $1 AND batch_no = $2
       AND (erasure_status = 'queued' OR (erasure_status = 'erasing' AND erasure_claimed_at <= $4))
     RETURNING *`,
    [previewId, batchNo, now.toISOString(), new Date(now.getTime() - leaseMs).toISOString()],
  );
  return rows.map(toPerson).sort((a, b) => a.zendeskUserId - b.zendeskUserId);
}

export async function setErasureStatus(sql: SqlExecutor, previewId: string, zendeskUserId: number, status: ErasureStatus, detail: Record<string, unknown> | null): Promise<void> {
  await sql.query(
    `UPDATE retention_preview_people SET erasure_status = $3, erasure_detail = $4::jsonb, erasure_claimed_at = NULL
     WHERE preview_id = $1 AND zendesk_user_id = $2`,
    [previewId, zendeskUserId, status, detail ? JSON.stringify(detail) : null],
  );
}

/** The erasure module accepted the person's erasure as privacy request `requestId`, which now runs on its own. */
export async function markErasureStarted(sql: SqlExecutor, previewId: string, zendeskUserId: number, requestId: string): Promise<void> {
  await setErasureStatus(sql, previewId, zendeskUserId, 'erasing', { requestId });
}

/**
 * Records the outcome of every started erasure whose privacy request has ended: completed as
 * `erased`, failed as `failed`, refused as `blocked` with reason `erasure_refused`. Each person is
 * returned once, however many runners settle at the same time.
 */
export async function settleStartedErasures(sql: SqlExecutor, previewId: string): Promise<Array<{ zendeskUserId: number; personKey: string; requestId: string; requestStatus: 'completed' | 'refused' | 'failed' }>> {
  const { rows } = await sql.query<{ zendesk_user_id: number; person_key: string; request_id: string; request_status: 'completed' | 'refused' | 'failed' }>(
    `UPDATE retention_preview_people p
     SET erasure_status = CASE r.status WHEN 'completed' THEN 'erased' WHEN 'failed' THEN 'failed' ELSE 'blocked' END,
         erasure_detail = p.erasure_detail || jsonb_build_object('requestStatus', r.status)
           || CASE WHEN r.status = 'refused' THEN jsonb_build_object('reason', 'erasure_refused', 'refusal', r.refusal_reason) ELSE '{}'::jsonb END
     FROM privacy_requests r
     WHERE p.preview_id = $1 AND ${STARTED_SQL} AND r.id::text = p.erasure_detail->>'requestId'
       AND r.status IN ('completed', 'refused', 'failed')
     RETURNING p.zendesk_user_id, p.person_key, r.id::text AS request_id, r.status AS request_status`,
    [previewId],
  );
  return rows.map((r) => ({ zendeskUserId: Number(r.zendesk_user_id), personKey: String(r.person_key), requestId: String(r.request_id), requestStatus: r.request_status }));
}

/** Counts per live erasure progress (see `ErasureProgress`). */
export async function erasureProgressCounts(sql: SqlExecutor, previewId: string): Promise<Record<ErasureProgress, number>> {
  const { rows } = await sql.query<{ progress: ErasureProgress; n: number }>(
    `SELECT ${PROGRESS_SQL} AS progress, count(*)::int AS n
     FROM retention_preview_people p ${REQUEST_JOIN_SQL}
     WHERE p.preview_id = $1 AND p.erasure_status IS NOT NULL GROUP BY 1`,
    [previewId],
  );
  const counts = Object.fromEntries(ERASURE_PROGRESS.map((k) => [k, 0])) as Record<ErasureProgress, number>;
  for (const row of rows) counts[row.progress] = Number(row.n);
  return counts;
}

/** The admin page's view of a run's progress. */
export function runProgress(counts: Record<ErasureProgress, number>): RunProgress {
  return {
    queued: counts.queued,
    running: counts.erasing + counts.erasure_started,
    erased: counts.erased,
    refused: counts.refused,
    held: counts.held,
    blocked: counts.blocked,
    failed: counts.failed,
  };
}

export async function setPreviewStatus(sql: SqlExecutor, id: string, from: readonly PreviewStatus[], to: PreviewStatus, extra: { approvedBy?: string; approvedAt?: Date; runFinishedAt?: Date; summary?: RunSummary } = {}): Promise<boolean> {
  const result = await sql.query(
    `UPDATE retention_previews SET status = $3,
       approved_by = COALESCE($4, approved_by), approved_at = COALESCE($5, approved_at),
       run_finished_at = COALESCE($6, run_finished_at), summary = COALESCE($7::jsonb, summary)
     WHERE id = $1 AND status = ANY($2::text[])`,
    [id, [...from], to, extra.approvedBy ?? null, extra.approvedAt?.toISOString() ?? null, extra.runFinishedAt?.toISOString() ?? null, extra.summary ? JSON.stringify(extra.summary) : null],
  );
  return result.rowCount > 0;
}
