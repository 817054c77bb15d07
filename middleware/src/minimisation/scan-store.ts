/** SQL of the comment scanner, in one place: the per-ticket scan state (with its lease) and the findings. */
import type { FindingKind } from '../policy/pii/index.js';
import type { SqlExecutor } from '../store/database.js';
import type { FindingAction } from './finding-actions.js';

/** A stored finding row: counts per comment, kind and subtype; never the data. */
export interface StoredFinding {
  id: number;
  commentId: number;
  kind: FindingKind;
  subtype: string;
  status: 'redacted' | 'flagged';
  count: number;
  action: Exclude<FindingAction, 'ignore'>;
  redactionMethod: string | null;
  notedAt: string | null;
}

export type LeaseOutcome = { claimed: true; lastScannedCommentId: number } | { claimed: false; leaseUntil: Date };

/**
 * Claims the ticket for one scan (a lease, so two workers never redact and note the same comment
 * twice, without holding a transaction open across Zendesk calls). The same job may re-claim
 * after a crash; others wait until the lease ends.
 */
export async function claimTicketScan(sql: { transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> }, ticketId: number, owner: string, now: Date, leaseMs: number): Promise<LeaseOutcome> {
  return sql.transaction(async (tx) => {
    await tx.query('INSERT INTO comment_scan_state (ticket_id) VALUES ($1) ON CONFLICT (ticket_id) DO NOTHING', [ticketId]);
    const { rows } = await tx.query<{ last_scanned_comment_id: string | number; lease_owner: string | null; lease_until: Date | string | null }>(
      'SELECT last_scanned_comment_id, lease_owner, lease_until FROM comment_scan_state WHERE ticket_id = $1 FOR UPDATE',
      [ticketId],
    );
    const row = rows[0]!;
    const leaseUntil = row.lease_until === null ? undefined : new Date(row.lease_until);
    if (leaseUntil && leaseUntil.getTime() > now.getTime() && row.lease_owner !== owner) return { claimed: false, leaseUntil };
    await tx.query('UPDATE comment_scan_state SET lease_owner = $2, lease_until = $3, updated_at = now() WHERE ticket_id = $1', [
      ticketId,
      owner,
      new Date(now.getTime() + leaseMs).toISOString(),
    ]);
    return { claimed: true, lastScannedCommentId: Number(row.last_scanned_comment_id) };
  });
}

/** Gives the lease back without recording progress (the scan failed; its retry starts over). */
export async function releaseTicketScan(sql: SqlExecutor, ticketId: number, owner: string): Promise<void> {
  await sql.query('UPDATE comment_scan_state SET lease_owner = NULL, lease_until = NULL WHERE ticket_id = $1 AND lease_owner = $2', [ticketId, owner]);
}

/** Records how far the scan got and gives the lease back. */
export async function finishTicketScan(sql: SqlExecutor, ticketId: number, owner: string, lastScannedCommentId: number): Promise<void> {
  await sql.query(
    `UPDATE comment_scan_state
        SET last_scanned_comment_id = GREATEST(last_scanned_comment_id, $3), scans = scans + 1,
            lease_owner = NULL, lease_until = NULL, updated_at = now()
      WHERE ticket_id = $1 AND lease_owner = $2`,
    [ticketId, owner, lastScannedCommentId],
  );
}

/** Findings that still need something: a planned redaction not yet confirmed, or a redaction without its note. */
export async function openFindings(sql: SqlExecutor, ticketId: number): Promise<StoredFinding[]> {
  const { rows } = await sql.query<Record<string, unknown>>(
    `SELECT id, comment_id, kind, subtype, status, count, action, redaction_method, noted_at FROM comment_findings
      WHERE ticket_id = $1 AND ((status = 'flagged' AND action <> 'flag') OR (status = 'redacted' AND noted_at IS NULL))
      ORDER BY comment_id, kind, subtype`,
    [ticketId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    commentId: Number(r.comment_id),
    kind: r.kind as FindingKind,
    subtype: String(r.subtype),
    status: r.status as StoredFinding['status'],
    count: Number(r.count),
    action: r.action as StoredFinding['action'],
    redactionMethod: (r.redaction_method as string | null) ?? null,
    notedAt: r.noted_at === null ? null : String(r.noted_at),
  }));
}

/** Records what a comment holds, before anything is done about it; a re-scan of the same comment changes nothing. */
export async function recordFindings(
  sql: SqlExecutor,
  ticketId: number,
  commentId: number,
  counts: ReadonlyArray<{ kind: FindingKind; subtype: string; count: number; action: Exclude<FindingAction, 'ignore'> }>,
  now: Date,
): Promise<number> {
  let inserted = 0;
  for (const c of counts) {
    const result = await sql.query(
      `INSERT INTO comment_findings (ticket_id, comment_id, kind, subtype, status, count, action, found_at)
       VALUES ($1, $2, $3, $4, 'flagged', $5, $6, $7)
       ON CONFLICT (ticket_id, comment_id, kind, subtype) DO NOTHING`,
      [ticketId, commentId, c.kind, c.subtype, c.count, c.action, now.toISOString()],
    );
    inserted += result.rowCount;
  }
  return inserted;
}

/** Marks a comment's findings of these kinds as removed (by our call, or found gone on a re-check). */
export async function markRedacted(sql: SqlExecutor, ticketId: number, commentId: number, kinds: readonly FindingKind[], method: string, now: Date, noted: boolean): Promise<void> {
  if (kinds.length === 0) return;
  await sql.query(
    `UPDATE comment_findings SET status = 'redacted', redacted_at = $5, redaction_method = $4, noted_at = CASE WHEN $6 THEN $5::timestamptz ELSE NULL END
      WHERE ticket_id = $1 AND comment_id = $2 AND kind = ANY($3::text[]) AND status = 'flagged' AND action <> 'flag' AND subtype NOT LIKE 'attachment:%'`,
    [ticketId, commentId, [...kinds], method, now.toISOString(), noted],
  );
}

/** The subtype prefix of findings in one attachment of a comment (kept apart from the comment text's findings). */
export function attachmentSubtypePrefix(attachmentId: number): string {
  return `attachment:${attachmentId}:`;
}

/** The attachment id of a finding found in an attachment, or undefined for the comment text's own. */
export function attachmentIdOf(finding: Pick<StoredFinding, 'subtype'>): number | undefined {
  const match = /^attachment:(\d+):/.exec(finding.subtype);
  return match ? Number(match[1]) : undefined;
}

/** Marks every flagged finding of one attachment as removed: the whole file was replaced. */
export async function markAttachmentRedacted(sql: SqlExecutor, ticketId: number, commentId: number, attachmentId: number, method: string, now: Date): Promise<void> {
  await sql.query(
    `UPDATE comment_findings SET status = 'redacted', redacted_at = $5, redaction_method = $4
      WHERE ticket_id = $1 AND comment_id = $2 AND starts_with(subtype, $3) AND status = 'flagged'`,
    [ticketId, commentId, attachmentSubtypePrefix(attachmentId), method, now.toISOString()],
  );
}

export async function markNoted(sql: SqlExecutor, findingIds: readonly number[], now: Date): Promise<void> {
  if (findingIds.length === 0) return;
  await sql.query('UPDATE comment_findings SET noted_at = $2 WHERE id = ANY($1::bigint[]) AND noted_at IS NULL', [[...findingIds], now.toISOString()]);
}
