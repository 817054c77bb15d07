import type { AppContext } from '../app-context.js';
import type { TicketTriggerBody, ZendeskWebhookEvent } from '../webhooks/zendesk/payload-schema.js';
import { decideCcRemovals } from '../policy/cc-decision.js';
import { overriddenPersonKeys } from '../cc-precheck/cc-override-store.js';
import { deriveConsentState, type PersonConsentState } from '../policy/consent.js';
import { personKeyCandidates } from '../policy/person-key.js';
import { renderCcRemovalNote } from '../policy/note-texts.js';
import { consentRecordsByKey } from '../store/consent-store.js';
import { eventCanAddParticipants, loadTicketParticipants } from './ticket-participants.js';
import { withTicketLock } from './ticket-lock.js';

/** A removal we made: who, and when, so a stale delivery describing the ticket before it is ignored. */
interface RemovalMark {
  userId: number;
  kind: 'email_cc' | 'follower';
  at: string;
}

export interface CcEnforcementOutcome {
  ticketId: number;
  action: 'none' | 'removed' | 'skipped_stale';
  removed: number;
  kept: number;
  vendorReads: number;
  vendorUpdates: number;
}

/**
 * C07/C08: removes every e-mail CC and follower of the ticket who lacks the consent the profile
 * requires, in ONE ticket update with ONE internal note, and audits it. Runs under a lock per
 * ticket so concurrent deliveries for the same ticket make at most one update per change; the
 * webhook our own update fires finds nothing to do. The removal is recorded as pending before the
 * Zendesk call and settled after it, so a crash in between is resolved by a read, not a resend.
 */
export async function stripUnconsentedCcs(event: ZendeskWebhookEvent, ctx: AppContext): Promise<CcEnforcementOutcome | undefined> {
  if (!event.ticketId || !event.eventType.startsWith('ticket.')) return undefined;
  if (event.eventType.includes('deleted')) return undefined;
  if (!eventCanAddParticipants(event)) return undefined;
  const ticketId = event.ticketId;
  // Most ticket events carry no CC at all: one query (is a removal of ours unsettled?) instead of
  // the lock and the consent look-ups.
  if (payloadHasNoParticipants(event, ctx)) {
    const { rows } = await ctx.db.query<{ pending: unknown }>('SELECT pending FROM cc_enforcement_state WHERE ticket_id = $1', [ticketId], { name: 'cc_pending' });
    if (!parsePending(rows[0]?.pending)) return { ticketId, action: 'none', removed: 0, kept: 0, vendorReads: 0, vendorUpdates: 0 };
  }
  return withTicketLock(ctx.db, ticketId, async () => {
    await ctx.db.query('INSERT INTO cc_enforcement_state (ticket_id) VALUES ($1) ON CONFLICT (ticket_id) DO NOTHING', [ticketId]);
    const state = await ctx.db.query<{ last_removed: unknown; pending: unknown }>('SELECT last_removed, pending FROM cc_enforcement_state WHERE ticket_id = $1', [ticketId]);
    let marks = parseMarks(state.rows[0]?.last_removed);
    let vendorReads = 0;

    // A removal was sent but its outcome never committed (the process died around the Zendesk
    // call): ask Zendesk what happened instead of sending it again.
    const pending = parsePending(state.rows[0]?.pending);
    if (pending) {
      const ticket = await ctx.vendors.zendesk.showTicket(ticketId);
      vendorReads++;
      const still = { email_cc: new Set(ticket.email_cc_ids ?? []), follower: new Set(ticket.follower_ids ?? []) };
      const done = pending.removals.filter((r) => !still[r.kind].has(r.userId));
      marks = mergeMarks(marks, done, ticket.updated_at ?? pending.at);
      await ctx.db.transaction(async (tx) => {
        await tx.query('UPDATE cc_enforcement_state SET last_removed = $2, pending = NULL, updated_at = now() WHERE ticket_id = $1', [ticketId, JSON.stringify(marks)]);
        if (done.length > 0) {
          await ctx.audit.append(
            { actor: 'system:cc-enforcement', action: 'ticket.ccs_removed', clause: 'C07', subjectRef: `ticket:${ticketId}`, outcome: 'confirmed_after_restart', details: { ticketId, removed: done.length } },
            tx,
          );
        }
      });
    }

    const snapshot = await loadTicketParticipants(event, ctx, ctx.db);
    vendorReads += snapshot.vendorReads;
    // A delivery that describes the ticket as it was before our last removal must not trigger it
    // again; without a timestamp we cannot tell, so such CCs are re-read from Zendesk.
    const alreadyRemoved = (userId: number | undefined, kind: string) => {
      if (userId === undefined) return false;
      const mark = marks.find((m) => m.userId === userId && m.kind === kind);
      if (!mark) return false;
      return snapshot.describedAt !== undefined && snapshot.describedAt.getTime() <= Date.parse(mark.at);
    };
    let participants = snapshot.participants.filter((p) => !alreadyRemoved(p.userId, p.kind));
    const stale = snapshot.participants.length - participants.length;
    if (snapshot.describedAt === undefined && snapshot.fromPayload && participants.some((p) => marks.some((m) => m.userId === p.userId && m.kind === p.kind))) {
      const current = new Set((await ctx.vendors.zendesk.showTicket(ticketId)).email_cc_ids ?? []);
      vendorReads++;
      participants = participants.filter((p) => p.kind !== 'email_cc' || (p.userId !== undefined && current.has(p.userId)));
    }

    const keys = [...new Set(participants.flatMap((p) => personKeyCandidates({ zendeskUserId: p.userId ?? null, email: p.email })))];
    // C08 needs the requester's address (the outside-domain rule) and their sharing consent, which
    // may be recorded under their user key or their e-mail key.
    const requester = snapshot.requesterId ? { zendeskUserId: snapshot.requesterId, email: snapshot.requesterEmail ?? null } : undefined;
    const requesterKeys = requester ? personKeyCandidates(requester) : [];
    const recordsByKey = await consentRecordsByKey(ctx.db, [...keys, ...requesterKeys]);
    const now = ctx.now();
    const consentByPerson = new Map<string, PersonConsentState>();
    for (const key of [...keys, ...requesterKeys]) consentByPerson.set(key, deriveConsentState(recordsByKey.get(key) ?? [], ctx.profile, now));
    const decision = decideCcRemovals({
      ccs: participants,
      consentByPerson,
      profile: ctx.profile,
      requester,
    });
    // C24: a restricted CC is removed like anyone else. Removal limits what is done with their
    // address (policy/restriction.ts: `cc_removal` is allowed while restricted), so no flag is read here.
    // Only people Zendesk knows by id can be removed through the API; an admin's audited
    // override (the sidebar's pre-save check) keeps that person on this ticket.
    const overridden = await overriddenPersonKeys(ctx.db, ticketId);
    const removable = decision.remove.filter(
      (r) => r.cc.userId !== undefined && !personKeyCandidates({ zendeskUserId: r.cc.userId, email: r.cc.email }).some((k) => overridden.has(k)),
    );
    if (removable.length === 0) {
      return { ticketId, action: stale > 0 ? 'skipped_stale' : 'none', removed: 0, kept: decision.keep.length, vendorReads, vendorUpdates: 0 } satisfies CcEnforcementOutcome;
    }

    const intent: PendingRemoval = { at: now.toISOString(), removals: removable.map((r) => ({ userId: r.cc.userId!, kind: r.cc.kind })) };
    await ctx.db.query('UPDATE cc_enforcement_state SET pending = $2, updated_at = now() WHERE ticket_id = $1', [ticketId, JSON.stringify(intent)]);
    const note = renderCcRemovalNote(removable, ctx.config.accountLocale);
    const updated = await ctx.vendors.zendesk.removeParticipants(ticketId, {
      emailCcUserIds: removable.filter((r) => r.cc.kind === 'email_cc').map((r) => r.cc.userId!),
      followerUserIds: removable.filter((r) => r.cc.kind === 'follower').map((r) => r.cc.userId!),
      internalNote: note,
    });
    const at = updated.updated_at ?? now.toISOString();
    const newMarks = mergeMarks(marks, intent.removals, at);
    await ctx.db.transaction(async (tx) => {
      await tx.query('UPDATE cc_enforcement_state SET last_removed = $2, pending = NULL, updates_made = updates_made + 1, updated_at = now() WHERE ticket_id = $1', [
        ticketId,
        JSON.stringify(newMarks),
      ]);
      await ctx.audit.append(
        {
          actor: 'system:cc-enforcement',
          action: 'ticket.ccs_removed',
          clause: removable.some((r) => r.clause === 'C08') ? 'C07,C08' : 'C07',
          subjectRef: `ticket:${ticketId}`,
          outcome: 'removed',
          details: {
            ticketId,
            removed: removable.map((r) => ({ subject: ctx.audit.subjectRefFor(r.personKey), kind: r.cc.kind, reason: r.reason, clause: r.clause })),
            kept: decision.keep.length,
            zendeskTicketUpdatedAt: at,
          },
        },
        tx,
      );
    });
    ctx.logger.info({ ticketId, removed: removable.length, kept: decision.keep.length }, 'unconsented CCs removed');
    return { ticketId, action: 'removed', removed: removable.length, kept: decision.keep.length, vendorReads, vendorUpdates: 1 } satisfies CcEnforcementOutcome;
  });
}

/** True when a trigger body says the ticket has no e-mail CC and no follower that could need removing. */
function payloadHasNoParticipants(event: ZendeskWebhookEvent, ctx: AppContext): boolean {
  if (event.source !== 'trigger') return false;
  const ticket = (event.payload as TicketTriggerBody).ticket;
  const ccs = ticket.email_ccs ?? ticket.email_cc_ids;
  const followers = ticket.followers ?? ticket.follower_ids ?? (ctx.profile.cc.exemptAgents ? [] : undefined);
  return ccs !== undefined && ccs.length === 0 && followers !== undefined && followers.length === 0;
}

/** A removal sent to Zendesk whose outcome is not yet recorded. */
interface PendingRemoval {
  at: string;
  removals: Array<{ userId: number; kind: 'email_cc' | 'follower' }>;
}

function parsePending(value: unknown): PendingRemoval | undefined {
  const raw = typeof value === 'string' ? JSON.parse(value) : value;
  return raw && typeof raw === 'object' && Array.isArray((raw as PendingRemoval).removals) ? (raw as PendingRemoval) : undefined;
}

function parseMarks(value: unknown): RemovalMark[] {
  const raw = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(raw) ? (raw as RemovalMark[]) : [];
}

function mergeMarks(marks: RemovalMark[], removals: ReadonlyArray<{ userId: number; kind: RemovalMark['kind'] }>, at: string): RemovalMark[] {
  const next = marks.filter((m) => !removals.some((r) => r.userId === m.userId && r.kind === m.kind));
  for (const r of removals) next.push({ userId: r.userId, kind: r.kind, at });
  // Keep the record small: the last 200 removals per ticket are plenty to recognise stale deliveries.
  return next.slice(-200);
}
