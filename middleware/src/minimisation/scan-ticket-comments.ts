import { performance } from 'node:perf_hooks';
import type { AppContext } from '../app-context.js';
import type { ZendeskComment } from '../connectors/zendesk/schemas.js';
import { TransientError } from '../errors.js';
import type { JobContext } from '../jobs/queue.js';
import type { Finding, FindingKind } from '../policy/pii/index.js';
import type { CommentScanner } from './scan-pool.js';
import { automationAllowed } from '../policy/restriction.js';
import type { SqlExecutor } from '../store/database.js';
import { countByKindAndSubtype, findingActionFor, isSolvedOrClosed, redactsNow, type FindingAction } from './finding-actions.js';
import { linkAttributeText, markTagsForRedaction, tagsHoldingFindings } from './link-attributes.js';
import { legacyRedactionTexts, redactionHtmlFor } from './redaction-html.js';
import { renderRedactionNote, renderUnscannedAttachmentsNote, type RedactedKind, type RemovedCounts } from './redaction-note-texts.js';
import { attachmentPlan, attachmentText } from './attachment-scan.js';
import {
  attachmentIdOf,
  attachmentSubtypePrefix,
  markAttachmentRedacted,
  claimTicketScan,
  finishTicketScan,
  markNoted,
  markRedacted,
  openFindings,
  recordFindings,
  releaseTicketScan,
  type StoredFinding,
} from './scan-store.js';

/** What a comment-scan job is asked to do: one ticket, with what the webhook already told us. */
export interface CommentScanJobData {
  ticketId: number;
  /** Normalised status from the webhook ("solved"), when it carried a recognisable one. */
  ticketStatus?: string;
  /** The newest comment id the webhook named; lets a re-delivery end without any Zendesk call. */
  latestCommentId?: number;
  /** The ticket's requester, when the webhook named one (read from Zendesk otherwise, and only when something would be redacted). */
  requesterId?: number;
  eventType: string;
}

/** What one scan did (stored as the job's output; counts and ids only). */
export interface CommentScanOutcome {
  ticketId: number;
  action: 'up_to_date' | 'scanned';
  commentsRead: number;
  commentsScanned: number;
  redacted: Partial<Record<FindingKind, number>>;
  flagged: Partial<Record<FindingKind, number>>;
  /** "unscanned_attachments": a note naming only files that were not scanned; "already_added": that note was found (a re-run). */
  note: 'added' | 'none' | 'skipped_closed_ticket' | 'unscanned_attachments' | 'already_added';
  vendorCalls: number;
  durationMs: number;
  /** Comments longer than the per-comment cap (MAX_SCAN_CHARS): only their first part was scanned. */
  truncatedComments?: number;
  /** C24: the requester's processing is restricted, so what would have been redacted was only flagged. */
  restricted?: boolean;
}

/** Long enough for a ticket with many comments to be listed and redacted; a crashed scan frees the ticket after it. */
const LEASE_MS = 5 * 60_000;

/**
 * C03-C06 for one ticket: reads the comments not scanned yet, redacts card numbers at once (C04)
 * and credentials when the ticket is solved or closed (C05) through comment_redactions, flags
 * the rest (C05 while open, C06 always), adds ONE internal note per run saying what was removed,
 * audits it, and records the findings for the sidebar. Safe to run twice: the last scanned
 * comment id and the findings rows make a repeat a no-op, and a redaction is recorded before
 * its note so a crash in between leaves a note to add, never a second redaction.
 */
export async function scanTicketComments(data: CommentScanJobData, ctx: AppContext, job: JobContext, scanner: CommentScanner): Promise<CommentScanOutcome> {
  const started = performance.now();
  const { ticketId } = data;
  const owner = job.jobId;
  const lease = await claimTicketScan(ctx.db, ticketId, owner, ctx.now(), LEASE_MS);
  if (!lease.claimed) {
    // Another scan of this ticket is running; this job's retry (with back-off) picks up what it leaves.
    throw new TransientError(`Comment scan: ticket ${ticketId} is being scanned by another job until ${lease.leaseUntil.toISOString()}; this job is retried.`);
  }
  try {
    const outcome = await scanClaimedTicket(data, ctx, job, lease.lastScannedCommentId, scanner);
    outcome.durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    ctx.logger.info(
      { jobId: job.jobId, ticketId, action: outcome.action, commentsScanned: outcome.commentsScanned, redacted: outcome.redacted, flagged: outcome.flagged, note: outcome.note, vendorCalls: outcome.vendorCalls },
      'comment scan finished',
    );
    return outcome;
  } catch (error) {
    await releaseTicketScan(ctx.db, ticketId, owner).catch(() => undefined);
    throw error;
  }
}

async function scanClaimedTicket(data: CommentScanJobData, ctx: AppContext, job: JobContext, lastScanned: number, scanner: CommentScanner): Promise<CommentScanOutcome> {
  const { ticketId } = data;
  const zendesk = ctx.vendors.zendesk;
  const outcome: CommentScanOutcome = { ticketId, action: 'up_to_date', commentsRead: 0, commentsScanned: 0, redacted: {}, flagged: {}, note: 'none', vendorCalls: 0, durationMs: 0 };
  const actionOf = (kind: FindingKind, subtype?: string): FindingAction => findingActionFor(kind, ctx.profile.redaction, subtype);

  let status = data.ticketStatus;
  let requesterId = data.requesterId;
  const readTicket = async (): Promise<void> => {
    const ticket = await zendesk.showTicket(ticketId);
    outcome.vendorCalls++;
    status ??= ticket.status;
    requesterId ??= ticket.requester_id ?? undefined;
  };
  const ticketStatus = async (): Promise<string> => {
    if (status === undefined) await readTicket();
    return status!;
  };
  // C24: while the requester's processing is restricted (or they are marked a minor), the product's
  // automations skip them, comment redaction included (policy/restriction.ts): findings are recorded
  // and flagged, and redacted by the first scan after the restriction is lifted.
  let restricted: boolean | undefined;
  const requesterRestricted = async (): Promise<boolean> => {
    if (restricted !== undefined) return restricted;
    if (requesterId === undefined) await readTicket();
    const flags = requesterId === undefined ? { restricted: false, minor: false } : await zendeskUserFlags(ctx.db, requesterId);
    restricted = !automationAllowed(flags, 'comment_redaction').allowed;
    if (restricted) outcome.restricted = true;
    return restricted;
  };

  const open = await openFindings(ctx.db, ticketId);
  // Planned redactions not yet confirmed (a crash or a failed call), and credentials waiting for "solved".
  const waitsForSolved = open.some((f) => f.status === 'flagged' && f.action === 'redact_on_solved');
  const solvedNow = waitsForSolved ? isSolvedOrClosed(await ticketStatus()) : isSolvedOrClosed(status);
  const revisit = new Map<number, Set<FindingKind>>();
  // Attachments with findings now due (credentials once the ticket is solved): replaced whole, not re-read.
  const attachmentsDue = new Map<number, Set<number>>();
  for (const f of open) {
    const attachmentId = attachmentIdOf(f);
    if (attachmentId !== undefined) {
      if (f.status === 'flagged' && f.kind !== 'special_category' && redactsNow(f.action, solvedNow ? 'solved' : undefined)) {
        attachmentsDue.set(f.commentId, new Set([...(attachmentsDue.get(f.commentId) ?? []), attachmentId]));
      }
      continue;
    }
    if (f.status === 'flagged' && redactsNow(f.action, solvedNow ? 'solved' : undefined)) {
      const kinds = revisit.get(f.commentId) ?? new Set<FindingKind>();
      kinds.add(f.kind);
      revisit.set(f.commentId, kinds);
    }
  }
  const unnotedBefore = open.some((f) => f.status === 'redacted' && f.notedAt === null);
  const nothingNew = data.latestCommentId !== undefined && data.latestCommentId <= lastScanned;
  if (nothingNew && revisit.size === 0 && attachmentsDue.size === 0 && !unnotedBefore) {
    await finishTicketScan(ctx.db, ticketId, job.jobId, lastScanned);
    return outcome;
  }

  outcome.action = 'scanned';
  // The connector lists a ticket's comments oldest first; what was scanned before is skipped, not re-read for findings.
  const toScan: ZendeskComment[] = [];
  let newest = lastScanned;
  // Internal notes after the last scanned comment: a run that crashed after adding its note left it there.
  const recentNotes = new Set<string>();
  for await (const comment of zendesk.listComments(ticketId)) {
    outcome.commentsRead++;
    newest = Math.max(newest, comment.id);
    if (comment.id > lastScanned || revisit.has(comment.id) || attachmentsDue.has(comment.id)) toScan.push(comment);
    if (comment.id > lastScanned && comment.public === false && comment.body !== undefined) recentNotes.add(comment.body.trim());
  }
  outcome.vendorCalls += Math.max(1, Math.ceil(outcome.commentsRead / 100));

  // Images, PDFs and other binaries, and text files over the cap, are not scanned: the note names them.
  const attachmentsNotScanned: string[] = [];
  const attachmentsReplaced: string[] = [];
  const tally = (into: Partial<Record<FindingKind, number>>, kind: FindingKind, n: number) => (into[kind] = (into[kind] ?? 0) + n);
  const replaceAttachment = async (comment: ZendeskComment, attachment: { id: number; content_url?: string; file_name?: unknown }) => {
    if (!attachment.content_url) return false;
    const method = await zendesk.redactAttachment(ticketId, comment.id, { id: attachment.id, contentUrl: attachment.content_url });
    outcome.vendorCalls++;
    await markAttachmentRedacted(ctx.db, ticketId, comment.id, attachment.id, `attachment_${method}`, ctx.now());
    attachmentsReplaced.push(attachmentName(attachment));
    return true;
  };
  for (const comment of toScan) {
    const body = comment.body ?? '';
    const isNew = comment.id > lastScanned;
    for (const attachmentId of attachmentsDue.get(comment.id) ?? []) {
      const attachment = (comment.attachments ?? []).find((a) => a.id === attachmentId);
      if (attachment && !(await requesterRestricted())) await replaceAttachment(comment, attachment);
    }
    if (isNew) {
      for (const attachment of comment.attachments ?? []) {
        const plan = attachmentPlan(attachment, ctx.config.attachmentScanMaxBytes);
        if (plan === 'empty') continue;
        if (plan !== 'scan') {
          attachmentsNotScanned.push(attachmentName(attachment));
          continue;
        }
        const file = await zendesk.downloadAttachment(attachment.content_url!, ctx.config.attachmentScanMaxBytes);
        outcome.vendorCalls++;
        const content = file.kind === 'ok' ? attachmentText(file.bytes) : undefined;
        if (content === undefined) {
          attachmentsNotScanned.push(attachmentName(attachment));
          continue;
        }
        const found = (await scanner.scan(content)).findings.filter((f) => actionOf(f.kind, f.subtype) !== 'ignore');
        if (found.length === 0) continue;
        const prefix = attachmentSubtypePrefix(attachment.id);
        const counts = countByKindAndSubtype(found).map((c) => ({ ...c, subtype: `${prefix}${c.subtype}`, action: actionOf(c.kind, c.subtype) as Exclude<FindingAction, 'ignore'> }));
        await recordFindings(ctx.db, ticketId, comment.id, counts, ctx.now());
        const due = found.filter((f) => f.kind !== 'special_category' && redactsNow(actionOf(f.kind, f.subtype), solvedNow ? 'solved' : undefined));
        if (due.length > 0 && !(await requesterRestricted()) && (await replaceAttachment(comment, attachment))) {
          for (const f of found) tally(f.kind === 'special_category' ? outcome.flagged : outcome.redacted, f.kind, 1);
        } else for (const f of found) tally(outcome.flagged, f.kind, 1);
      }
    }
    if (!isNew && !revisit.has(comment.id)) continue;
    const scan = await scanner.scan(body);
    const textFindings = scan.findings.filter((f) => actionOf(f.kind, f.subtype) !== 'ignore');
    // Links and images: what sits in an href or src is not in the text, so it is scanned on its own.
    const links = comment.html_body === undefined ? undefined : linkAttributeText(comment.html_body);
    const linkScan = links && links.text.length > 0 ? await scanner.scan(links.text) : undefined;
    const linkFindings = (linkScan?.findings ?? []).filter((f) => actionOf(f.kind, f.subtype) !== 'ignore' && f.kind !== 'special_category');
    const findings = [...textFindings, ...linkFindings];
    outcome.commentsScanned++;
    if (scan.truncated || linkScan?.truncated) outcome.truncatedComments = (outcome.truncatedComments ?? 0) + 1;
    if (isNew && findings.length > 0) {
      const counts = countByKindAndSubtype(findings).map((c) => ({ ...c, action: actionOf(c.kind, c.subtype) as Exclude<FindingAction, 'ignore'> }));
      await recordFindings(ctx.db, ticketId, comment.id, counts, ctx.now());
    }
    const pendingKinds = revisit.get(comment.id);
    const due = findings.filter((f) => (isNew || pendingKinds?.has(f.kind)) && redactsNow(actionOf(f.kind, f.subtype), solvedNow ? 'solved' : undefined));
    const removeNow = due.length > 0 && (await requesterRestricted()) ? [] : due;
    for (const f of findings) if (!removeNow.includes(f) && isNew) tally(outcome.flagged, f.kind, 1);
    if (pendingKinds) {
      // Planned for removal but no longer in the comment: an earlier call went through, or an agent redacted it.
      // A finding only flagged (the learned backstop's) beside it does not count: it was never to be removed.
      const gone = [...pendingKinds].filter((kind) => !findings.some((f) => f.kind === kind && actionOf(f.kind, f.subtype) !== 'flag'));
      await markRedacted(ctx.db, ticketId, comment.id, gone, 'found_absent', ctx.now(), true);
    }
    if (removeNow.length === 0) continue;
    const removeInText = removeNow.filter((f) => textFindings.includes(f));
    const tagsToRedact = links ? tagsHoldingFindings(links, removeNow.filter((f) => linkFindings.includes(f))) : new Set<number>();
    const method = await redactFindings(ctx, ticketId, comment, body, removeInText, tagsToRedact);
    outcome.vendorCalls += method === 'comment_redactions' ? 1 : 1 + legacyRedactionTexts(body, removeInText).length;
    const kinds = [...new Set(removeNow.map((f) => f.kind))];
    await markRedacted(ctx.db, ticketId, comment.id, kinds, method, ctx.now(), false);
    for (const f of removeNow) tally(outcome.redacted, f.kind, 1);
  }

  // One note for everything removed and not yet announced (this run's, and a crashed run's).
  const toAnnounce = (await openFindings(ctx.db, ticketId)).filter((f) => f.status === 'redacted' && f.notedAt === null);
  if (toAnnounce.length > 0) {
    // Zendesk refuses updates to closed tickets; the redaction stands and the audit entry records it.
    if ((await ticketStatus()) === 'closed') outcome.note = 'skipped_closed_ticket';
    else {
      await zendesk.updateTicket(ticketId, { comment: { body: renderRedactionNote(removedCounts(toAnnounce), ctx.config.accountLocale, attachmentsNotScanned, attachmentsReplaced), public: false } });
      outcome.vendorCalls++;
      outcome.note = 'added';
    }
  } else if (attachmentsNotScanned.length > 0 && ctx.config.unscannedAttachmentNote === 'always') {
    outcome.note = await noteUnscannedAttachments(ctx, ticketId, attachmentsNotScanned, recentNotes, ticketStatus, requesterRestricted);
    if (outcome.note === 'unscanned_attachments') outcome.vendorCalls++;
  }
  const newlyFlagged = Object.keys(outcome.flagged).length > 0;
  await ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    if (toAnnounce.length > 0) {
      await markNoted(tx, toAnnounce.map((f) => f.id), now);
      const kinds = new Set(toAnnounce.map((f) => f.kind));
      await ctx.audit.append(
        {
          actor: 'system:minimisation',
          action: 'ticket.comments_redacted',
          clause: [kinds.has('card_number') ? 'C04' : '', kinds.has('credential') ? 'C05' : ''].filter(Boolean).join(','),
          subjectRef: `ticket:${ticketId}`,
          outcome: 'redacted',
          details: { ticketId, comments: perComment(toAnnounce), removed: removedCounts(toAnnounce), note: outcome.note, ticketStatus: status ?? null, jobId: job.jobId },
        },
        tx,
      );
    }
    if (newlyFlagged) {
      const clauses = [outcome.flagged.card_number ? 'C04' : '', outcome.flagged.credential ? 'C05' : '', outcome.flagged.special_category ? 'C06' : '', outcome.restricted ? 'C24' : ''].filter(Boolean).join(',');
      await ctx.audit.append(
        { actor: 'system:minimisation', action: 'ticket.comments_flagged', clause: clauses, subjectRef: `ticket:${ticketId}`, outcome: 'flagged', details: { ticketId, flagged: outcome.flagged, restricted: outcome.restricted ?? false, jobId: job.jobId } },
        tx,
      );
    }
    await finishTicketScan(tx, ticketId, job.jobId, newest);
  });
  return outcome;
}

/**
 * Names the new comments' files that were not scanned in an internal note of their own, so an agent looks at a
 * screenshot or PDF that may show a card or password even when the text held nothing. Not on a closed ticket (Zendesk
 * refuses the update), not while the requester is restricted (C24: the note would copy their file names), and not
 * twice: a run that crashed after adding it finds the same note among the comments.
 */
async function noteUnscannedAttachments(
  ctx: AppContext,
  ticketId: number,
  names: readonly string[],
  recentNotes: ReadonlySet<string>,
  ticketStatus: () => Promise<string>,
  requesterRestricted: () => Promise<boolean>,
): Promise<CommentScanOutcome['note']> {
  const body = renderUnscannedAttachmentsNote(names, ctx.config.accountLocale);
  if (recentNotes.has(body.trim())) return 'already_added';
  if ((await ticketStatus()) === 'closed') return 'skipped_closed_ticket';
  if (await requesterRestricted()) return 'none';
  await ctx.vendors.zendesk.updateTicket(ticketId, { comment: { body, public: false } });
  return 'unscanned_attachments';
}

/** One comment_redactions call (the legacy endpoint, string by string, where Agent Workspace is off). */
async function redactFindings(ctx: AppContext, ticketId: number, comment: ZendeskComment, body: string, findings: readonly Finding[], tagsToRedact: ReadonlySet<number>): Promise<string> {
  const result = await ctx.vendors.zendesk.redactComment({
    ticketId,
    commentId: comment.id,
    htmlBody: markTagsForRedaction(redactionHtmlFor({ body, html_body: comment.html_body }, findings), tagsToRedact),
    legacyTexts: legacyRedactionTexts(body, findings),
  });
  return result.method;
}

function removedCounts(findings: readonly StoredFinding[]): RemovedCounts {
  const counts: RemovedCounts = {};
  for (const kind of ['card_number', 'credential'] as const satisfies readonly RedactedKind[]) {
    const rows = findings.filter((f) => f.kind === kind);
    if (rows.length > 0) counts[kind] = { items: rows.reduce((n, f) => n + f.count, 0), comments: new Set(rows.map((f) => f.commentId)).size };
  }
  return counts;
}

function perComment(findings: readonly StoredFinding[]): Array<{ commentId: number; kinds: Record<string, number>; method: string | null }> {
  const byComment = new Map<number, { commentId: number; kinds: Record<string, number>; method: string | null }>();
  for (const f of findings) {
    const entry = byComment.get(f.commentId) ?? { commentId: f.commentId, kinds: {}, method: f.redactionMethod };
    entry.kinds[f.kind] = (entry.kinds[f.kind] ?? 0) + f.count;
    byComment.set(f.commentId, entry);
  }
  return [...byComment.values()];
}

/** Restriction (C24) and minor (C27) flags of the person with this Zendesk user id; unknown people are neither. */
async function zendeskUserFlags(sql: SqlExecutor, zendeskUserId: number): Promise<{ restricted: boolean; minor: boolean }> {
  const { rows } = await sql.query<{ restricted: boolean; minor: boolean }>('SELECT restricted, minor FROM people WHERE zendesk_user_id = $1', [zendeskUserId]);
  return { restricted: rows.some((r) => Boolean(r.restricted)), minor: rows.some((r) => Boolean(r.minor)) };
}

/** An attachment's file name as Zendesk lists it (a name, never its content). */
function attachmentName(attachment: { id: number; file_name?: unknown }): string {
  if (typeof attachment.file_name !== 'string' || attachment.file_name.length === 0) return 'unnamed file';
  // A long digit run in a file name ("card_4111….png") is not repeated in the note.
  return attachment.file_name.slice(0, 120).replace(/\d{6,}/gu, '▇');
}
