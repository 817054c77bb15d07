/**
 * Confirms candidates (C14, C18, C19): for each, the last activity across Zendesk, LiveChat and
 * Talkdesk, the person's holds and open tickets, then the pure `decideRetention`. Systems are asked
 * in order of cost and only while the person may still be due: a requester with a recent ticket is
 * settled after one call.
 */
import type { AppContext } from '../app-context.js';
import type { TalkdeskContact, ZendeskUser } from '../connectors/index.js';
import { decideRetention, type CrossSystemActivity, type RetentionDecision } from '../policy/retention.js';
import { personKeyFor } from '../policy/person-key.js';
import type { CallActivitySource } from './call-activity.js';
import { holdsByPersonKey, restrictedZendeskUserIds } from './legal-hold-reader.js';
import type { PreviewOutcome, PreviewPersonRow } from './preview-store.js';

/** `GET /contacts` filters: up to 50 values of a kind per request (openapi.yaml maxItems). */
const TALKDESK_LOOKUP_GROUP = 25;
const OPEN_STATUSES = new Set(['new', 'open', 'pending', 'hold']);

/** Zendesk's view of one person's tickets as requester. */
export interface RequesterTickets {
  lastUpdateAt: Date | null;
  openTicketIds: number[];
  solvedTicketIds: number[];
}

/** Every ticket the user requested, summarised (one request per 100 tickets). */
export async function requesterTickets(ctx: AppContext, userId: number): Promise<RequesterTickets> {
  const summary: RequesterTickets = { lastUpdateAt: null, openTicketIds: [], solvedTicketIds: [] };
  for await (const ticket of ctx.vendors.zendesk.ticketsRequestedBy(userId)) {
    const updated = ticket.updated_at ? new Date(ticket.updated_at) : null;
    if (updated && (!summary.lastUpdateAt || updated > summary.lastUpdateAt)) summary.lastUpdateAt = updated;
    if (OPEN_STATUSES.has(ticket.status)) summary.openTicketIds.push(ticket.id);
    else if (ticket.status === 'solved') summary.solvedTicketIds.push(ticket.id);
  }
  return summary;
}

/** The latest chat of a customer e-mail: list_archives, newest first, one result. */
async function lastChatAt(ctx: AppContext, email: string): Promise<Date | null> {
  const livechat = ctx.vendors.livechat;
  if (!livechat) return null;
  const page = await livechat.listArchivesPage({ customerEmail: email, limit: 1 });
  let latest: number | null = null;
  for (const chat of page.items) {
    const thread = chat.thread;
    if (!thread) continue;
    for (const at of [thread.created_at, ...(thread.events ?? []).map((e) => e.created_at)]) {
      const ms = Date.parse(at);
      if (!Number.isNaN(ms) && (latest === null || ms > latest)) latest = ms;
    }
  }
  return latest === null ? null : new Date(latest);
}

function contactMatches(contact: TalkdeskContact, email: string | null, phone: string | null): boolean {
  const emails = (contact.emails ?? []).map((e) => String(e.email ?? (e as { number?: string }).number ?? '').toLowerCase());
  const phones = (contact.phones ?? []).map((p) => p.number ?? '');
  return (email !== null && emails.includes(email)) || (phone !== null && phones.includes(phone));
}

/** Talkdesk contacts of a group of people, found by e-mail and phone in shared requests. */
async function talkdeskContactsOf(
  ctx: AppContext,
  people: ReadonlyArray<{ id: number; email: string | null; phone: string | null }>,
  phonesByContact: Map<string, string[]> = new Map(),
): Promise<Map<number, string[]>> {
  const found = new Map<number, string[]>();
  const talkdesk = ctx.vendors.talkdesk;
  if (!talkdesk) return found;
  for (let i = 0; i < people.length; i += TALKDESK_LOOKUP_GROUP) {
    const group = people.slice(i, i + TALKDESK_LOOKUP_GROUP);
    const emails = group.flatMap((p) => (p.email ? [p.email] : []));
    const phones = group.flatMap((p) => (p.phone ? [p.phone] : []));
    if (emails.length === 0 && phones.length === 0) continue;
    for await (const contact of talkdesk.searchContacts({ emails, phones })) {
      // The calls report matches calls by number: keep the numbers the search already returned.
      phonesByContact.set(contact.id, (contact.phones ?? []).map((p) => p.number ?? '').filter(Boolean));
      for (const person of group) {
        if (!contactMatches(contact, person.email, person.phone)) continue;
        const list = found.get(person.id) ?? [];
        if (!list.includes(contact.id)) list.push(contact.id);
        found.set(person.id, list);
      }
    }
  }
  return found;
}

/** Runs `work` over `items` with at most `limit` in flight (the rate budget does the pacing). */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(runners);
  return results;
}

/** One evaluated person, ready to store, with the decision it came from. */
export interface EvaluatedPerson {
  row: PreviewPersonRow;
  decision: RetentionDecision;
}

export interface EvaluateOptions {
  callActivity: CallActivitySource;
  concurrency?: number;
}

/** Settled: recent activity somewhere; the remaining systems need not be asked. */
const stillPossiblyDue = (d: RetentionDecision) => !(d.outcome === 'not_due' && d.reason === 'within_window') && d.outcome !== 'active_elsewhere' && d.outcome !== 'exempt';

/**
 * Evaluates a chunk of candidates. Exempt people (agents) are dropped: a preview lists end users.
 */
export async function evaluateCandidates(ctx: AppContext, users: readonly ZendeskUser[], options: EvaluateOptions): Promise<EvaluatedPerson[]> {
  const now = ctx.now();
  const profile = ctx.profile;
  const counts = new Set(profile.retention.countsActivityFrom);
  const concurrency = options.concurrency ?? 8;
  const people = users.map((user) => ({
    user,
    id: user.id,
    email: user.email ? user.email.trim().toLowerCase() : null,
    phone: user.phone ?? null,
    personKey: personKeyFor({ zendeskUserId: user.id }),
    activity: {
      zendesk: {
        lastLoginAt: user.last_login_at ? new Date(user.last_login_at) : null,
        createdAt: user.created_at ? new Date(user.created_at) : null,
      },
    } as CrossSystemActivity,
    tickets: { lastUpdateAt: null, openTicketIds: [], solvedTicketIds: [] } as RequesterTickets,
    talkdeskUnknown: false,
  }));

  const keys = people.flatMap((p) => [p.personKey, ...(p.email ? [`email:${p.email}`] : [])]);
  const [holds, restricted] = await Promise.all([holdsByPersonKey(ctx.db, keys), restrictedZendeskUserIds(ctx.db, people.map((p) => p.id))]);
  const holdsOf = (p: (typeof people)[number]) => [...(holds.get(p.personKey) ?? []), ...(p.email ? (holds.get(`email:${p.email}`) ?? []) : [])];
  const decide = (p: (typeof people)[number]) =>
    decideRetention({
      activity: p.activity,
      profile,
      now,
      holds: holdsOf(p),
      openTicketIds: p.tickets.openTicketIds,
      solvedTicketIds: p.tickets.solvedTicketIds,
      restricted: restricted.has(p.id),
      isAgent: (p.user.role ?? 'end-user') !== 'end-user',
    });

  // 1. Zendesk: tickets requested (activity as requester, and the open matters of C19).
  await mapLimited(people, concurrency, async (p) => {
    if ((p.user.role ?? 'end-user') !== 'end-user') return;
    p.tickets = await requesterTickets(ctx, p.id);
    p.activity.zendesk!.lastRequesterTicketUpdateAt = p.tickets.lastUpdateAt;
  });

  // 2. LiveChat, for those Zendesk alone leaves possibly due.
  if (counts.has('livechat') && ctx.vendors.livechat) {
    const open = people.filter((p) => p.email && stillPossiblyDue(decide(p)));
    await mapLimited(open, concurrency, async (p) => {
      p.activity.livechat = { lastChatAt: await lastChatAt(ctx, p.email!) };
    });
  }

  // 3. Talkdesk, for those still possibly due: contacts in groups, then their calls.
  if (counts.has('talkdesk') && ctx.vendors.talkdesk) {
    const open = people.filter((p) => stillPossiblyDue(decide(p)));
    const phonesByContact = new Map<string, string[]>();
    const contacts = await talkdeskContactsOf(ctx, open, phonesByContact);
    const allContactIds = [...contacts.values()].flat();
    const calls = allContactIds.length > 0 ? await options.callActivity.lastCallAt(allContactIds, phonesByContact) : new Map<string, Date>();
    for (const p of open) {
      const ids = contacts.get(p.id) ?? [];
      if (ids.length === 0) continue;
      if (calls === 'unknown') {
        p.talkdeskUnknown = true;
        continue;
      }
      let latest: Date | null = null;
      for (const id of ids) {
        const at = calls.get(id);
        if (at && (!latest || at > latest)) latest = at;
      }
      p.activity.talkdesk = { lastCallAt: latest };
    }
  }

  const evaluated: EvaluatedPerson[] = [];
  for (const p of people) {
    const decision = decide(p);
    if (decision.outcome === 'exempt') continue;
    let outcome = decision.outcome as PreviewOutcome;
    let reason: string = decision.reason;
    if (outcome === 'due' && p.talkdeskUnknown) {
      // A Talkdesk contact whose calls cannot be read: never presume inactivity (C14).
      outcome = 'blocked';
      reason = 'talkdesk_activity_unknown';
    }
    evaluated.push({
      decision,
      row: {
        zendeskUserId: p.id,
        personKey: p.personKey,
        outcome,
        reason,
        clause: decision.clause,
        lastActivityAt: decision.lastActivity,
        lastActivitySystem: decision.lastActivitySystem,
        dueAt: decision.dueAt,
        blockingTicketIds: decision.blockingTicketIds ?? null,
        ticketsToClose: decision.ticketsToCloseFirst ?? null,
        holdIds: decision.holdIds ?? null,
      },
    });
  }
  return evaluated;
}
