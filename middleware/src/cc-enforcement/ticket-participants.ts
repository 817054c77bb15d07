import type { AppContext } from '../app-context.js';
import type { SqlExecutor } from '../store/database.js';
import type { EventEnvelope, ZendeskWebhookEvent, TicketTriggerBody } from '../webhooks/zendesk/payload-schema.js';
import type { TicketCc } from '../policy/cc-decision.js';
import { peopleByZendeskIds, rememberZendeskUser } from '../store/people-store.js';

/** The ticket's CCs and followers as the decision needs them, and what it cost to learn them. */
export interface TicketParticipants {
  ticketId: number;
  requesterId?: number;
  /** The requester's address (C08 outside-domain rule): from the body, the people store or a read already made. */
  requesterEmail?: string;
  /** When the payload describes the ticket (minute precision from the trigger placeholder). */
  describedAt?: Date;
  participants: TicketCc[];
  vendorReads: number;
  /** True when the CC list came from the webhook payload rather than a read. */
  fromPayload: boolean;
}

interface RawParticipant {
  userId?: number;
  email?: string;
  role?: string;
  kind: TicketCc['kind'];
}

function fromTrigger(body: TicketTriggerBody): { ccs?: RawParticipant[]; followers?: RawParticipant[] } {
  const t = body.ticket;
  const objects = (list: typeof t.email_ccs, kind: TicketCc['kind']) =>
    list?.map((p) => ({ userId: p.id ?? p.user_id, email: p.email || undefined, role: p.role, kind }));
  const ids = (list: number[] | undefined, kind: TicketCc['kind']) => list?.map((userId) => ({ userId, kind }));
  return {
    ccs: objects(t.email_ccs, 'email_cc') ?? ids(t.email_cc_ids, 'email_cc'),
    followers: objects(t.followers, 'follower') ?? ids(t.follower_ids, 'follower'),
  };
}

/** Event types whose envelope carries a ticket's CC or follower list in `event.current` (unconfirmed names; both spellings). */
const CC_EVENT = /^ticket\.(email_ccs?|ccs?|collaborators?)_(changed|added|removed)$/;
const FOLLOWER_EVENT = /^ticket\.followers?_(changed|added|removed)$/;

/**
 * Ticket events that can add a CC or a follower: a created ticket, and the CC and follower change
 * events. Any other ticket event (a status change, a comment, a tag) cannot, so CC enforcement
 * has nothing to decide and costs no call. Trigger bodies always count: a trigger fires on every
 * update, and its body says what the ticket holds.
 */
export function eventCanAddParticipants(event: ZendeskWebhookEvent): boolean {
  if (event.source === 'trigger') return true;
  return event.eventType === 'ticket.created' || CC_EVENT.test(event.eventType) || FOLLOWER_EVENT.test(event.eventType);
}

/**
 * The list an event envelope's `event.current` holds: ids, or user objects with `id` (and
 * `email` / `role` when Zendesk includes them). Undefined when it is not such a list.
 */
function participantsFromEnvelope(envelope: EventEnvelope, kind: TicketCc['kind']): RawParticipant[] | undefined {
  const current = (envelope.event as { current?: unknown } | undefined)?.current;
  if (!Array.isArray(current)) return undefined;
  const out: RawParticipant[] = [];
  for (const item of current) {
    const raw: Record<string, unknown> = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : { id: item };
    const id = Number(typeof raw.id === 'string' ? raw.id.trim() : (raw.id ?? raw.user_id));
    if (!Number.isSafeInteger(id) || id <= 0) continue;
    const email = typeof raw.email === 'string' && raw.email.trim() ? raw.email.trim() : undefined;
    const role = raw.role === 'end-user' || raw.role === 'agent' || raw.role === 'admin' ? raw.role : undefined;
    out.push({ userId: id, email, role, kind });
  }
  return out;
}

/**
 * Learns the ticket's e-mail CCs and followers: from the payload where it carries them, else
 * with reads. E-mails and roles missing from the payload come from the people the product has
 * already seen, and only the unknown rest from one `show_many` read (then remembered).
 */
export async function loadTicketParticipants(event: ZendeskWebhookEvent, ctx: AppContext, sql: SqlExecutor): Promise<TicketParticipants> {
  const ticketId = event.ticketId!;
  let vendorReads = 0;
  let requesterId: number | undefined;
  let requesterEmail: string | undefined;
  let describedAt: Date | undefined;
  let ccs: RawParticipant[] | undefined;
  let followers: RawParticipant[] | undefined;
  if (event.source === 'trigger') {
    const body = event.payload as TicketTriggerBody;
    ({ ccs, followers } = fromTrigger(body));
    requesterId = body.ticket.requester_id;
    requesterEmail = body.ticket.requester_email;
    const at = body.ticket.updated_at ? Date.parse(body.ticket.updated_at) : NaN;
    describedAt = Number.isFinite(at) ? new Date(at) : undefined;
    // Zendesk documents no placeholder that lists followers' ids, but only agents and admins can
    // follow a ticket; when the profile exempts agents no follower can need removing, so a body
    // with its CCs is complete without a read.
    if (ccs !== undefined && followers === undefined && ctx.profile.cc.exemptAgents) followers = [];
  } else {
    // An envelope names one list that changed; the other is unchanged, so nothing in it is new.
    const envelope = event.payload as EventEnvelope;
    if (CC_EVENT.test(event.eventType)) {
      ccs = participantsFromEnvelope(envelope, 'email_cc');
      if (ccs) followers = [];
    } else if (FOLLOWER_EVENT.test(event.eventType)) {
      followers = participantsFromEnvelope(envelope, 'follower');
      if (followers) ccs = [];
    }
    const at = Date.parse(envelope.time);
    if (ccs !== undefined && Number.isFinite(at)) describedAt = new Date(at);
    const detail = envelope.detail as { requester_id?: unknown };
    const requester = Number(detail.requester_id);
    if (Number.isSafeInteger(requester) && requester > 0) requesterId = requester;
  }
  const fromPayload = ccs !== undefined && followers !== undefined;
  if (ccs === undefined || followers === undefined) {
    const ticket = await ctx.vendors.zendesk.showTicket(ticketId);
    vendorReads++;
    requesterId = ticket.requester_id ?? requesterId;
    ccs ??= (ticket.email_cc_ids ?? []).map((userId) => ({ userId, kind: 'email_cc' as const }));
    followers ??= (ticket.follower_ids ?? []).map((userId) => ({ userId, kind: 'follower' as const }));
    describedAt = undefined; // a fresh read describes the ticket as it is now
  }
  const all = [...ccs, ...followers];
  const needLookup = all.filter((p) => p.userId !== undefined && (!p.email || !p.role)).map((p) => p.userId!);
  // The requester's address, when the body lacks it, comes from what the product has already seen;
  // it never costs a read of its own (a no-op event must stay free), only a place in one being made.
  const requesterLookup = requesterEmail === undefined && requesterId !== undefined && all.length > 0 ? [requesterId] : [];
  const known = await peopleByZendeskIds(sql, [...new Set([...needLookup, ...requesterLookup])]);
  const unknown = [...new Set(needLookup.filter((id) => !known.get(id)?.email || !known.get(id)?.role))];
  if (unknown.length > 0) {
    if (requesterLookup.length > 0 && !known.get(requesterId!)?.email && !unknown.includes(requesterId!)) unknown.push(requesterId!);
    const users = await ctx.vendors.zendesk.showManyUsers(unknown);
    vendorReads++;
    for (const user of users) {
      await rememberZendeskUser(sql, { id: user.id, email: user.email ?? null, name: user.name ?? null, role: user.role ?? null, user_fields: user.user_fields as Record<string, unknown> | null | undefined });
      known.set(user.id, { personKey: `zendesk:${user.id}`, zendeskUserId: user.id, email: user.email ?? null, displayName: user.name ?? null, role: user.role ?? null, restricted: false, minor: false, region: 'unknown' });
    }
  }
  requesterEmail ??= requesterId !== undefined ? (known.get(requesterId)?.email ?? undefined) : undefined;
  const participants: TicketCc[] = [];
  for (const p of all) {
    const person = p.userId !== undefined ? known.get(p.userId) : undefined;
    const email = p.email ?? person?.email ?? undefined;
    if (!email) continue; // a user with no e-mail cannot be an e-mail CC; nothing to decide
    const role = (p.role ?? person?.role ?? undefined) as TicketCc['role'];
    participants.push({ userId: p.userId, email, role, kind: p.kind });
  }
  return { ticketId, requesterId, requesterEmail, describedAt, participants, vendorReads, fromPayload };
}
