import type { AppContext } from '../app-context.js';
import type { SqlExecutor } from '../store/database.js';
import type { ZendeskComment } from '../connectors/index.js';
import { readConfirmationReply, formatConfirmationCode } from '../policy/confirmation-reply.js';
import { replyTexts } from '../policy/request-reply-texts.js';
import { assessRequesterIdentity, senderAddressOf, viaChannelOf, type IdentityVerdict } from './identity.js';
import { requestStore, type PrivacyRequestRecord, type RequestIdentity } from './request-store.js';
import { ACTOR } from './step-types.js';
import { startRequest } from './step-runner.js';
import { oweReply } from './person-replies.js';
import {
  confirmationKey,
  confirmationStore,
  hashCode,
  hashLinkToken,
  isLive,
  LINK_TOKEN_PATTERN,
  MAX_FAILED_CODE_ATTEMPTS,
  newCode,
  newLinkToken,
  sameHash,
  type ConfirmationRecord,
} from './confirmation-store.js';

/** The public path of the confirmation page; the link is `${PUBLIC_URL}${CONFIRM_PATH}/<token>`. */
export const CONFIRM_PATH = '/confirm';

const audit = (ctx: AppContext, tx: SqlExecutor, request: Pick<PrivacyRequestRecord, 'id' | 'personKey'>, action: string, outcome: string, details: Record<string, unknown> = {}, actor = ACTOR) =>
  ctx.audit.append({ actor, action, clause: 'C20', subjectRef: ctx.audit.subjectRefFor(request.personKey), outcome, details: { requestId: request.id, ...details } }, tx);

/**
 * Marks the identity established and starts the request, in the caller's transaction. The request
 * must be locked by the caller; anything but `awaiting_identity` is returned unchanged.
 */
export async function confirmIdentityIn(ctx: AppContext, tx: SqlExecutor, request: PrivacyRequestRecord, identity: RequestIdentity): Promise<PrivacyRequestRecord> {
  if (request.status !== 'awaiting_identity') return request;
  await requestStore.update(tx, request.id, { identity, status: 'received' });
  await ctx.audit.append(
    { actor: identity.by ?? ACTOR, action: 'request.identity.confirmed', clause: 'C20', subjectRef: ctx.audit.subjectRefFor(request.personKey), outcome: identity.method, details: { requestId: request.id } },
    tx,
  );
  await confirmationStore.revoke(tx, request.id, 'confirmed_otherwise', ctx.now());
  const status = await startRequest(ctx, tx, { ...request, identity, status: 'received' });
  return { ...request, identity, status };
}

/** Ends a request that will not be confirmed (the person objected, or it expired); the person is told. */
async function cancelUnconfirmed(ctx: AppContext, tx: SqlExecutor, request: PrivacyRequestRecord, why: 'objected' | 'expired', details: Record<string, unknown>): Promise<void> {
  const reason = why === 'objected' ? 'The person said they did not make or do not want this request (C20).' : 'Not confirmed by the person before the deadline (C20, C26).';
  await requestStore.update(tx, request.id, { status: 'refused', refusalReason: reason, completedAt: ctx.now(), workingData: {} });
  await confirmationStore.revoke(tx, request.id, why, ctx.now());
  await ctx.audit.append(
    { actor: ACTOR, action: why === 'objected' ? 'request.identity.objected' : 'request.identity.expired', clause: why === 'objected' ? 'C20' : 'C26', subjectRef: ctx.audit.subjectRefFor(request.personKey), outcome: 'refused', details: { requestId: request.id, type: request.type, ...details } },
    tx,
  );
  await oweReply(ctx, tx, request, why === 'objected' ? 'objected' : 'expired', { solveTicket: true });
}

/**
 * Asks the person, by public reply on the request ticket, to confirm with a single-use code (sent
 * back from the account's primary address) and, when PUBLIC_URL is set and nobody else receives
 * the ticket's e-mails, a single-use link to the confirmation page. Sent once per request; the
 * code and link expire at the request's deadline. Only the ticket's requester may be asked, and
 * only when the requester is the person the request is about. Without a verdict it is a retry of
 * an ask that could not be sent.
 */
export async function askForConfirmation(ctx: AppContext, request: PrivacyRequestRecord, verdict?: IdentityVerdict): Promise<void> {
  if (request.ticketId === null || request.confirmationRequestedAt || request.zendeskUserId === null) return;
  const ticket = await ctx.vendors.zendesk.showTicket(request.ticketId);
  if (ticket.requester_id !== request.zendeskUserId) {
    // The reply would reach someone else than the person to be confirmed.
    await ctx.db.transaction((tx) => audit(ctx, tx, request, 'request.identity.confirmation_not_sent', 'awaiting_identity', { ticketId: request.ticketId, reason: 'requester_is_not_the_person' }));
    return;
  }
  // Anyone who receives the ticket's e-mails could press a link; a code only counts from the primary address.
  const others = [...(ticket.email_cc_ids ?? []), ...(ticket.collaborator_ids ?? []), ...(ticket.follower_ids ?? [])].filter((id) => id !== request.zendeskUserId);
  const withLink = Boolean(ctx.config.publicUrl) && others.length === 0;
  const key = confirmationKey(ctx.config.sessionSecret);
  const code = newCode();
  const token = withLink ? newLinkToken() : null;
  const issuedAt = ctx.now();
  const claimed = await ctx.db.transaction(async (tx) => {
    const fresh = await requestStore.get(tx, request.id, { forUpdate: true });
    if (!fresh || fresh.confirmationRequestedAt || fresh.status !== 'awaiting_identity') return false;
    const inserted = await confirmationStore.insert(tx, {
      requestId: request.id,
      subjectRef: ctx.audit.subjectRefFor(request.personKey),
      zendeskUserId: request.zendeskUserId!,
      linkHash: token ? hashLinkToken(key, token) : null,
      codeHash: hashCode(key, request.id, code),
      expiresAt: fresh.dueAt,
    });
    if (!inserted) return false;
    await requestStore.update(tx, request.id, { confirmationRequestedAt: issuedAt });
    return true;
  });
  if (!claimed) return;
  const t = replyTexts(ctx.config.accountLocale);
  const body = t.confirm({
    type: t.types[request.type],
    ticketId: request.ticketId,
    code: formatConfirmationCode(code),
    link: token ? `${ctx.config.publicUrl!.replace(/\/+$/, '')}${CONFIRM_PATH}/${token}` : null,
    expires: request.dueAt.toISOString(),
  });
  try {
    await ctx.vendors.zendesk.updateTicket(request.ticketId, { comment: { body, public: true } });
  } catch (error) {
    // Not sent: release the claim so the next event on the ticket asks again with a new code.
    await ctx.db.transaction(async (tx) => {
      await tx.query('DELETE FROM request_confirmations WHERE request_id = $1', [request.id]);
      await tx.query('UPDATE privacy_requests SET confirmation_requested_at = NULL WHERE id = $1', [request.id]);
    });
    throw error;
  }
  await ctx.db.transaction((tx) =>
    audit(ctx, tx, request, 'request.identity.confirmation_requested', 'awaiting_identity', { ticketId: request.ticketId, reason: !verdict ? 'asked_again' : verdict.accepted ? 'accepted' : verdict.reason, link: withLink, linkWithheld: Boolean(ctx.config.publicUrl) && !withLink ? 'ticket_has_other_recipients' : null, expiresAt: request.dueAt.toISOString() }),
  );
}

/** What one reply did to the request. */
export type ReplyOutcome = 'confirmed' | 'objected' | 'ambiguous' | 'no_code' | 'code_refused' | 'code_from_other_address' | 'attempts_exhausted';

/**
 * Reads the person's new public comments on the request ticket since the confirmation was asked.
 * Only a code that matches this request's stored hash, sent from the account's verified primary
 * address while the confirmation is live, confirms. A clear objection cancels the request; any
 * other reply leaves it waiting. Every reply is audited and answered. Each comment is read once.
 */
export async function readConfirmationReplies(ctx: AppContext, request: PrivacyRequestRecord): Promise<ReplyOutcome[]> {
  if (request.ticketId === null || request.zendeskUserId === null || !request.confirmationRequestedAt) return [];
  const confirmation = await confirmationStore.forRequest(ctx.db, request.id);
  if (!confirmation) return [];
  const askedAt = request.confirmationRequestedAt.getTime();
  const replies: ZendeskComment[] = [];
  for await (const comment of ctx.vendors.zendesk.listComments(request.ticketId)) {
    if (comment.author_id !== request.zendeskUserId || comment.public === false) continue;
    if (comment.id <= confirmation.lastSeenCommentId) continue;
    if (comment.created_at && Date.parse(comment.created_at) <= askedAt) continue;
    replies.push(comment);
  }
  if (replies.length === 0) return [];
  const identities = await ctx.vendors.zendesk.listUserIdentities(request.zendeskUserId);
  const key = confirmationKey(ctx.config.sessionSecret);
  const outcomes: ReplyOutcome[] = [];
  for (const comment of replies.sort((a, b) => a.id - b.id)) {
    const fromPrimary = assessRequesterIdentity({ channel: viaChannelOf(comment) ?? 'email', senderAddress: senderAddressOf(comment), identities }).accepted;
    const outcome = await ctx.db.transaction(async (tx) => {
      const current = await requestStore.get(tx, request.id, { forUpdate: true });
      const live = await confirmationStore.forRequest(tx, request.id, { forUpdate: true });
      if (!current || !live || current.status !== 'awaiting_identity' || comment.id <= live.lastSeenCommentId) return undefined;
      await confirmationStore.markCommentSeen(tx, request.id, comment.id);
      const result = await decideOnReply(ctx, tx, current, live, comment, fromPrimary, key);
      return result;
    });
    if (outcome) outcomes.push(outcome);
    if (outcome === 'confirmed' || outcome === 'objected') break;
  }
  return outcomes;
}

async function decideOnReply(ctx: AppContext, tx: SqlExecutor, request: PrivacyRequestRecord, confirmation: ConfirmationRecord, comment: ZendeskComment, fromPrimary: boolean, key: Buffer): Promise<ReplyOutcome> {
  const reading = readConfirmationReply(comment.body ?? '');
  const details = { ticketId: request.ticketId, commentId: comment.id };
  const dedupe = String(comment.id);
  if (reading.kind === 'objection') {
    await cancelUnconfirmed(ctx, tx, request, 'objected', { ...details, via: 'reply' });
    return 'objected';
  }
  if (reading.kind === 'nothing' || reading.kind === 'ambiguous') {
    await audit(ctx, tx, request, reading.kind === 'nothing' ? 'request.identity.reply_without_code' : 'request.identity.reply_ambiguous', 'awaiting_identity', details);
    await oweReply(ctx, tx, request, reading.kind === 'nothing' ? 'no_code' : 'ambiguous', { dedupe });
    return reading.kind === 'nothing' ? 'no_code' : 'ambiguous';
  }
  if (!fromPrimary) {
    await audit(ctx, tx, request, 'request.identity.code_refused', 'awaiting_identity', { ...details, reason: 'sender_is_not_primary_address' });
    await oweReply(ctx, tx, request, 'code_from_other_address', { dedupe });
    return 'code_from_other_address';
  }
  const expected = confirmation.codeHash;
  const matches = reading.codes.some((code) => sameHash(hashCode(key, request.id, code), expected));
  if (matches && isLive(confirmation, ctx.now())) {
    await confirmationStore.markUsed(tx, request.id, 'code', ctx.now());
    await confirmIdentityIn(ctx, tx, request, { method: 'confirmation_code', verifiedAt: ctx.now().toISOString() });
    return 'confirmed';
  }
  const reason = !matches ? 'no_matching_code' : confirmation.usedAt ? 'confirmation_used' : confirmation.revokedAt ? 'confirmation_revoked' : 'confirmation_expired';
  const attempts = matches ? confirmation.failedAttempts : await confirmationStore.countFailedAttempt(tx, request.id);
  await audit(ctx, tx, request, 'request.identity.code_refused', 'awaiting_identity', { ...details, reason, failedAttempts: attempts });
  if (!matches && attempts >= MAX_FAILED_CODE_ATTEMPTS && !confirmation.revokedAt) {
    await confirmationStore.revoke(tx, request.id, 'too_many_failed_codes', ctx.now());
    await audit(ctx, tx, request, 'request.identity.confirmation_revoked', 'awaiting_identity', { reason: 'too_many_failed_codes' });
    await oweReply(ctx, tx, request, 'attempts_exhausted');
    return 'attempts_exhausted';
  }
  await oweReply(ctx, tx, request, 'code_refused', { dedupe });
  return 'code_refused';
}

/** What the confirmation page may show about a link: nothing but the request type and ticket number. */
export type LinkState = { state: 'unknown' } | { state: 'gone' } | { state: 'live'; type: PrivacyRequestRecord['type']; ticketId: number | null };

async function linkRecord(ctx: AppContext, sql: SqlExecutor, token: string, forUpdate: boolean): Promise<ConfirmationRecord | undefined> {
  if (!LINK_TOKEN_PATTERN.test(token)) return undefined;
  return confirmationStore.byLinkHash(sql, hashLinkToken(confirmationKey(ctx.config.sessionSecret), token), { forUpdate });
}

/** Binding: the confirmation was issued for this request's person, and the request still waits for it. */
function usable(ctx: AppContext, confirmation: ConfirmationRecord, request: PrivacyRequestRecord | undefined): request is PrivacyRequestRecord {
  return (
    request !== undefined &&
    request.status === 'awaiting_identity' &&
    isLive(confirmation, ctx.now()) &&
    confirmation.subjectRef === ctx.audit.subjectRefFor(request.personKey) &&
    confirmation.zendeskUserId === request.zendeskUserId
  );
}

/** Reads a link's state for the page's GET; never changes anything (mail scanners fetch links). */
export async function peekLink(ctx: AppContext, token: string): Promise<LinkState> {
  const confirmation = await linkRecord(ctx, ctx.db, token, false);
  if (!confirmation) return { state: 'unknown' };
  const request = await requestStore.get(ctx.db, confirmation.requestId);
  if (!usable(ctx, confirmation, request)) return { state: 'gone' };
  return { state: 'live', type: request.type, ticketId: request.ticketId };
}

/** The page's POST: confirms (or cancels) with the link, once. */
export async function answerLink(ctx: AppContext, token: string, decision: 'confirm' | 'cancel'): Promise<LinkState | { state: 'confirmed' | 'cancelled'; type: PrivacyRequestRecord['type'] }> {
  return ctx.db.transaction(async (tx) => {
    const found = await linkRecord(ctx, tx, token, false);
    if (!found) return { state: 'unknown' } as const;
    // Lock the request, then the confirmation (the order every path uses), and decide on fresh rows.
    const request = await requestStore.get(tx, found.requestId, { forUpdate: true });
    const confirmation = await confirmationStore.forRequest(tx, found.requestId, { forUpdate: true });
    if (!confirmation || !usable(ctx, confirmation, request)) {
      if (request) await audit(ctx, tx, request, 'request.identity.link_refused', request.status, { reason: !confirmation ? 'unknown' : confirmation.usedAt ? 'used' : confirmation.revokedAt ? 'revoked' : !isLive(confirmation, ctx.now()) ? 'expired' : 'request_not_waiting' }, 'confirmation-link');
      return { state: 'gone' } as const;
    }
    await confirmationStore.markUsed(tx, request.id, 'link', ctx.now());
    if (decision === 'cancel') {
      await cancelUnconfirmed(ctx, tx, request, 'objected', { ticketId: request.ticketId, via: 'link' });
      return { state: 'cancelled', type: request.type } as const;
    }
    await confirmIdentityIn(ctx, tx, request, { method: 'confirmation_link', verifiedAt: ctx.now().toISOString() });
    return { state: 'confirmed', type: request.type } as const;
  });
}

/**
 * Ends requests still awaiting confirmation at their deadline (C26): refused as expired, the
 * confirmation revoked, the person told. Run by the housekeeping job; safe to run twice.
 */
export async function expireUnconfirmedRequests(ctx: AppContext): Promise<number> {
  const { rows } = await ctx.db.query<{ id: string }>(`SELECT id FROM privacy_requests WHERE status = 'awaiting_identity' AND due_at <= $1 ORDER BY due_at LIMIT 500`, [ctx.now().toISOString()]);
  let expired = 0;
  for (const { id } of rows) {
    const did = await ctx.db.transaction(async (tx) => {
      const request = await requestStore.get(tx, String(id), { forUpdate: true });
      if (!request || request.status !== 'awaiting_identity' || request.dueAt.getTime() > ctx.now().getTime()) return false;
      await cancelUnconfirmed(ctx, tx, request, 'expired', { dueAt: request.dueAt.toISOString() });
      return true;
    });
    if (did) expired++;
  }
  return expired;
}
