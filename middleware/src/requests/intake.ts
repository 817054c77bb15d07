import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import type { ZendeskWebhookEvent } from '../webhooks/zendesk/payload-schema.js';
import { dueDate, type RequestType } from '../policy/deadlines.js';
import { NotFoundError } from '../errors.js';
import type { SqlExecutor } from '../store/database.js';
import { requestStore, type PrivacyRequestRecord, type RequestIdentity, type RequestOrigin, type RequestWorkingData } from './request-store.js';
import { ACTOR, startRequest } from './step-runner.js';
import { ticketIdentityRule } from '../policy/erasure-identity.js';
import { assessRequesterIdentity, CONFIRMATION_REPLY, requestTypesFromTags, senderAddressOf, viaChannelOf, type IdentityVerdict } from './identity.js';

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
      mode: input.type === 'erasure' ? (input.mode ?? 'delete') : null,
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

/** Asks the person, by public reply on the ticket, to confirm from the account's address; sent once per request. */
export async function askForConfirmation(ctx: AppContext, request: PrivacyRequestRecord, verdict: IdentityVerdict): Promise<void> {
  if (request.ticketId === null || request.confirmationRequestedAt) return;
  const fresh = await requestStore.get(ctx.db, request.id);
  if (!fresh || fresh.confirmationRequestedAt) return;
  const ticket = await ctx.vendors.zendesk.updateTicket(request.ticketId, { comment: { body: CONFIRMATION_REPLY, public: true } });
  await ctx.db.transaction(async (tx) => {
    await requestStore.update(tx, request.id, { confirmationRequestedAt: ctx.now() });
    await ctx.audit.append(
      { actor: ACTOR, action: 'request.identity.confirmation_requested', clause: 'C20', subjectRef: ctx.audit.subjectRefFor(request.personKey), outcome: 'awaiting_identity', details: { requestId: request.id, ticketId: ticket.id, reason: verdict.accepted ? 'accepted' : verdict.reason } },
      tx,
    );
  });
}

/** Marks the identity established and starts the request. */
export async function confirmIdentity(ctx: AppContext, requestId: string, identity: RequestIdentity): Promise<PrivacyRequestRecord | undefined> {
  return ctx.db.transaction(async (tx) => {
    const request = await requestStore.get(tx, requestId, { forUpdate: true });
    if (!request) return undefined;
    if (request.status !== 'awaiting_identity') return request;
    await requestStore.update(tx, requestId, { identity, status: 'received' });
    await ctx.audit.append(
      { actor: identity.by ?? ACTOR, action: 'request.identity.confirmed', clause: 'C20', subjectRef: ctx.audit.subjectRefFor(request.personKey), outcome: identity.method, details: { requestId } },
      tx,
    );
    const status = await startRequest(ctx, tx, { ...request, identity, status: 'received' });
    return { ...request, identity, status };
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
 * event on a ticket whose request awaits confirmation checks whether the person replied from the
 * account's primary address. Safe to run twice (the ticket and type are unique).
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
        identity: byAgent ? null : identity,
      });
      if (request.status === 'awaiting_identity' && !byAgent) await askForConfirmation(ctx, request, assessed.verdict);
      outcome[type] = { requestId: request.id, status: request.status, identity: assessed.verdict.reason };
    }
  }
  for (const request of awaiting) {
    if (request.zendeskUserId === null || ticketIdentityRule(ctx.profile, request.type) === 'administrator_confirmed_by_agent') continue;
    if (await repliedFromPrimaryAddress(ctx, ticketId, request.zendeskUserId)) {
      const confirmed = await confirmIdentity(ctx, request.id, { method: 'confirmed_from_primary_email', verifiedAt: ctx.now().toISOString() });
      outcome[request.type] = { requestId: request.id, status: confirmed?.status, identity: 'confirmed_from_primary_email' };
    }
  }
  return outcome;
}

/** True when the ticket's latest comment is the requester's, sent from their verified primary address. */
async function repliedFromPrimaryAddress(ctx: AppContext, ticketId: number, requesterId: number): Promise<boolean> {
  let latest: unknown;
  for await (const comment of ctx.vendors.zendesk.listComments(ticketId)) latest = comment;
  if (!latest || (latest as { author_id?: number }).author_id !== requesterId) return false;
  const identities = await ctx.vendors.zendesk.listUserIdentities(requesterId);
  return assessRequesterIdentity({ channel: viaChannelOf(latest) ?? 'email', senderAddress: senderAddressOf(latest), identities }).accepted;
}
