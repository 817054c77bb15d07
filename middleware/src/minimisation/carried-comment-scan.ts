import type { AppContext } from '../app-context.js';
import type { TicketTriggerBody, ZendeskWebhookEvent } from '../webhooks/zendesk/payload-schema.js';
import { detectSensitiveData, type Finding } from '../policy/pii/index.js';
import { findingActionFor } from './finding-actions.js';
import type { CommentScanner } from './scan-pool.js';

/**
 * Carried comments up to this length are scanned in the webhook job itself: at most about 6 ms of the event loop even
 * for adversarial text (bench/redaction/hostile-input.ts: under 35 ms per 100 KB), less than a message to a worker
 * costs for an ordinary comment. Longer ones go to the scan workers, so a comment of up to the 1 MB a webhook body may
 * carry never stalls intake or /healthz.
 */
export const INLINE_SCAN_MAX_CHARS = 16 * 1024;

async function carriedFindings(text: string, scanner: () => CommentScanner): Promise<Finding[] | undefined> {
  if (text.length <= INLINE_SCAN_MAX_CHARS) return detectSensitiveData(text);
  const scan = await scanner().scan(text);
  // Past the scan cap the tail was not read: the full scan decides.
  return scan.truncated ? undefined : scan.findings;
}

/** What a scan of the comment the webhook carried came to, when it settled the ticket on its own. */
export type CarriedCommentOutcome = { commentScan: 'up_to_date' | 'scanned_from_payload'; ticketId: number; vendorCalls: 0 };

/**
 * C03-C06 without a Zendesk call, where the trigger body makes it safe: it lists every comment id
 * of the ticket and carries the newest comment's text. When no comment is unscanned, or the only
 * unscanned one is the carried one, carries no attachment and the detectors find nothing to act on, the scan state moves
 * on here and no comment-scan job is queued. Anything else (a finding, an attachment or a body that does not say,
 * an older unscanned comment, open findings, a scan holding the ticket) returns undefined, and the caller queues the full scan,
 * which lists the comments. Advancing needs no scan lease: the update only applies while no scan
 * holds one and no finding is open, and only moves the mark forward.
 */
export async function scanCarriedComment(event: ZendeskWebhookEvent, ctx: AppContext, scanner: () => CommentScanner): Promise<CarriedCommentOutcome | undefined> {
  if (event.source !== 'trigger' || !event.ticketId) return undefined;
  const ticket = (event.payload as TicketTriggerBody).ticket;
  const commentIds = ticket.comment_ids;
  if (!commentIds || commentIds.length === 0) return undefined;
  const ticketId = event.ticketId;
  const { rows } = await ctx.db.query<{ last: number | string; leased: boolean; open: boolean }>(
    `SELECT s.last_scanned_comment_id AS last,
            (s.lease_until IS NOT NULL AND s.lease_until > now()) AS leased,
            EXISTS (SELECT 1 FROM comment_findings f WHERE f.ticket_id = $1
                     AND ((f.status = 'flagged' AND f.action <> 'flag') OR (f.status = 'redacted' AND f.noted_at IS NULL))) AS open
       FROM (SELECT $1::bigint AS ticket_id) t LEFT JOIN comment_scan_state s ON s.ticket_id = t.ticket_id`,
    [ticketId],
  );
  const state = rows[0];
  if (state?.leased || state?.open) return undefined;
  const lastScanned = Number(state?.last ?? 0);
  const unscanned = commentIds.filter((id) => id > lastScanned);
  if (unscanned.length === 0) return { commentScan: 'up_to_date', ticketId, vendorCalls: 0 };

  const latest = ticket.latest_comment;
  if (!latest || unscanned.length !== 1 || latest.id !== unscanned[0] || typeof latest.value !== 'string') return undefined;
  // Files are read only by the full scan (downloaded and scanned, or named in the note as not scanned): the body settles
  // the comment alone only when it says the comment has none (an older body, without the count, does not).
  if (latest.attachment_count !== 0) return undefined;
  const findings = await carriedFindings(latest.value, scanner);
  if (findings === undefined || findings.some((f) => findingActionFor(f.kind, ctx.profile.redaction) !== 'ignore')) return undefined;

  const { rowCount } = await ctx.db.query(
    `INSERT INTO comment_scan_state (ticket_id, last_scanned_comment_id, scans) VALUES ($1, $2, 1)
     ON CONFLICT (ticket_id) DO UPDATE SET last_scanned_comment_id = GREATEST(comment_scan_state.last_scanned_comment_id, EXCLUDED.last_scanned_comment_id),
       scans = comment_scan_state.scans + 1, updated_at = now()
     WHERE comment_scan_state.lease_until IS NULL OR comment_scan_state.lease_until <= now()`,
    [ticketId, latest.id],
  );
  // A scan claimed the ticket in between: let the queued scan decide.
  if (rowCount === 0) return undefined;
  return { commentScan: 'scanned_from_payload', ticketId, vendorCalls: 0 };
}
