import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import type { ZendeskWebhookEvent } from '../webhooks/zendesk/payload-schema.js';
import { dueDate, type RequestType } from '../policy/deadlines.js';
import { NotFoundError } from '../errors.js';
import type { SqlExecutor } from '../store/database.js';
import { requestStore, type PrivacyRequestRecord, type RequestIdentity, type RequestOrigin, type RequestWorkingData } from './request-store.js';
import { startRequest } from './step-runner.js';
import { askForConfirmation, confirmIdentityIn, readConfirmationReplies } from './confirmation.js';
import { assessRequesterIdentity, requestTypesFromTags, senderAddressOf, viaChannelOf, type IdentityVerdict } from './identity.js';

export { askForConfirmation };
import { channelEstablishesIdentity, ticketIdentityRule } from '../policy/erasure-identity.js';
import { objectionScopeFromTags } from '../policy/objection-scope.js';

/** What creating a request needs; identity present means it may start at once. */
export interface NewRequestInput {
  id?: string;
  type: RequestType;
  origin: RequestOrigin;
  personKey: string;
  zendeskUserId: number | null;
  ticketId?: number | null;
  createdBy: string;
  identity?: RequestIdentity | null;
  mode?: 'delete' | 'anonymize' | null;
  needsReview?: boolean;
  workingData?: RequestWorkingData;
}

/**
 * Records a request with its due date (C26) and starts it when the identity is established. The
 * same ticket and type twice is a no-op that returns the first request.
 */
export async function createRequest(ctx: AppContext, input: NewRequestInput, tx?: SqlExecutor): Promise<{ created: boolean; request: PrivacyRequestRecord }> {
  const work = async (sql: SqlExecutor) => {
    const receivedAt = ctx.now();
    const { created, request } = await requestStore.insert(sql, {
      id: input.id ?? randomUUID(),
      type: input.type,
      origin: input.origin,
      // C16: an erasure removes the person's data the way the profile's policy says (parallels
      // de-identifies), whoever asked for it; only a caller that names a mode overrides it.
      mode: input.type === 'erasure' ? (input.mode ?? ctx.profile.retention.mode) : null,
      personKey: input.personKey,
      zendeskUserId: input.zendeskUserId,
      ticketId: input.ticketId ?? null,
      status: input.identity ? 'received' : 'awaiting_identity',
      receivedAt,
      dueAt: dueDate(receivedAt, ctx.profile),
      identity: input.identity ?? null,
      needsReview: input.needsReview ?? false,
      workingData: input.workingData ?? {},
      createdBy: input.createdBy,
    });
    if (!created) return { created, request };
    await sql.query(
      `INSERT INTO people (person_key, zendesk_user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [input.personKey, input.zendeskUserId],
    );
    await ctx.audit.append(
      {
        actor: input.createdBy,
        action: `request.${input.type}.received`,
        clause: 'C26',
        subjectRef: ctx.audit.subjectRefFor(input.personKey),
        outcome: request.status,
        details: { requestId: request.id, origin: input.origin, ticketId: input.ticketId ?? null, dueAt: request.dueAt.toISOString(), identity: input.identity?.method ?? 'pending' },
      },
      sql,
    );
    if (input.identity) {
      const status = await startRequest(ctx, sql, request);
      return { created, request: { ...request, status } };
    }
    return { created, request };
  };
  return tx ? work(tx) : ctx.db.transaction(work);
}

/** Checks the ticket's channel and sender against the requester's verified primary address (C20). */
export async function assessTicketIdentity(ctx: AppContext, ticketId: number): Promise<{ verdict: IdentityVerdict; requesterId: number | null }> {
  const ticket = await ctx.vendors.zendesk.showTicket(ticketId);
  const requesterId = ticket.requester_id ?? null;
  if (requesterId === null) return { verdict: { accepted: false, reason: 'no_verified_primary_address' }, requesterId };
  const identities = await ctx.vendors.zendesk.listUserIdentities(requesterId);
  return { verdict: assessRequesterIdentity({ channel: viaChannelOf(ticket), senderAddress: senderAddressOf(ticket), identities }), requesterId };
}

/** Marks the identity established and starts the request (the admin's manual override uses it). */
export async function confirmIdentity(ctx: AppContext, requestId: string, identity: RequestIdentity): Promise<PrivacyRequestRecord | undefined> {
  return ctx.db.transaction(async (tx) => {
    const request = await requestStore.get(tx, requestId, { forUpdate: true });
    if (!request) return undefined;
    return confirmIdentityIn(ctx, tx, request, identity);
  });
}

function tagsOf(event: ZendeskWebhookEvent): string[] | undefined {
  const payload = event.payload as { ticket?: { tags?: string[] }; detail?: { tags?: unknown } };
  if (payload.ticket?.tags) return payload.ticket.tags;
  const detailTags = payload.detail?.tags;
  return Array.isArray(detailTags) ? detailTags.map(String) : undefined;
}

/**
 * The module's webhook handler: a ticket tagged `privacy_request_<type>` becomes a request; a later
 * event on a ticket whose request awaits confirmation reads the person's replies for the
 * confirmation code (only a valid code confirms; see confirmation.ts). Safe to run twice (the ticket and type are unique).
 */
export async function handleZendeskEvent(ctx: AppContext, event: ZendeskWebhookEvent): Promise<Record<string, unknown> | undefined> {
  const ticketId = event.ticketId;
  if (!ticketId || !event.eventType.startsWith('ticket.')) return undefined;
  const types = requestTypesFromTags(tagsOf(event));
  const existing = await requestStore.findByTicket(ctx.db, ticketId);
  const awaiting = existing.filter((r) => r.status === 'awaiting_identity');
  const newTypes = types.filter((t) => !existing.some((r) => r.type === t));
  if (newTypes.length === 0 && awaiting.length === 0) return types.length ? { requests: 'already_recorded' } : undefined;

  const outcome: Record<string, unknown> = {};
  if (newTypes.length > 0) {
    let assessed: { verdict: IdentityVerdict; requesterId: number | null };
    try {
      assessed = await assessTicketIdentity(ctx, ticketId);
    } catch (error) {
      if (error instanceof NotFoundError) return { skipped: 'ticket_or_requester_gone' };
      throw error;
    }
    if (assessed.requesterId === null) return { skipped: 'no_requester' };
    const identity: RequestIdentity | null = assessed.verdict.accepted ? { method: 'account_primary_email', verifiedAt: ctx.now().toISOString() } : null;
    for (const type of newTypes) {
      const byAgent = ticketIdentityRule(ctx.profile, type) === 'administrator_confirmed_by_agent';
      const { request } = await createRequest(ctx, {
        type,
        origin: 'ticket',
        personKey: `zendesk:${assessed.requesterId}`,
        zendeskUserId: assessed.requesterId,
        ticketId,
        createdBy: 'zendesk:ticket',
        identity: byAgent || !channelEstablishesIdentity(type) ? null : identity,
        ...(type === 'objection' ? { workingData: { objectionScope: objectionScopeFromTags(tagsOf(event)) } } : {}),
      });
      if (request.status === 'awaiting_identity' && !byAgent) await askForConfirmation(ctx, request, assessed.verdict);
      outcome[type] = { requestId: request.id, status: request.status, identity: assessed.verdict.reason };
    }
  }
  for (const request of awaiting) {
    // Where the administrator must ask (the profile's rule), an agent confirms; replies never do.
    if (ticketIdentityRule(ctx.profile, request.type, { referralContact: request.workingData.referralContact === true }) === 'administrator_confirmed_by_agent') continue;
    // An ask that could not be posted (Zendesk failed) is sent on the next event of the ticket.
    if (!request.confirmationRequestedAt && request.origin === 'ticket') {
      await askForConfirmation(ctx, request);
      continue;
    }
    // Only a valid code (or the link's page) confirms; every other reply is answered and audited.
    const outcomes = await readConfirmationReplies(ctx, request);
    if (outcomes.length > 0) outcome[request.type] = { requestId: request.id, replies: outcomes };
  }
  return outcome;
}
