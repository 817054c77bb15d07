import type { AppContext } from '../app-context.js';
import type { ServiceModule } from '../service-module.js';
import type { ZendeskWebhookEvent } from '../webhooks/zendesk/payload-schema.js';
import { NotFoundError } from '../errors.js';
import { isUnsubscribeSubject, purposesToUnsubscribe } from '../policy/unsubscribe-subject.js';
import { triggerFacts } from '../webhooks/zendesk/trigger-facts.js';
import { viaChannelOf } from '../requests/identity.js';
import { consentStateOf, recordConsent } from './consent-service.js';

/** Who the ledger names for withdrawals made because of an e-mail's subject. */
export const UNSUBSCRIBE_ACTOR = 'privacy-guard:unsubscribe-subject';

/** The audit action that marks a ticket's unsubscribe as handled. */
export const UNSUBSCRIBE_AUDIT_ACTION = 'consent.unsubscribed_by_subject';

/** Note for the agent: what was withdrawn and why; no name, address or text of the e-mail. */
export function unsubscribeNote(purposes: readonly string[]): string {
  return [
    'Privacy Guard: this e-mail asks to unsubscribe in its subject, so the requester\'s marketing consent was withdrawn (C31).',
    `Withdrawn: ${purposes.join(', ')}. Service messages are not affected. No reply is needed unless the requester asked for more.`,
  ].join('\n');
}

/**
 * C31: a ticket that came in by e-mail with "Unsubscribe" in its subject withdraws the requester's
 * optional marketing purposes (new records, C09), audited, with an internal note. Once per ticket:
 * a later event of the same ticket (or a retried job) finds the audit entry and does nothing, even
 * if the person consented again in between.
 */
export async function withdrawMarketingOnUnsubscribeSubject(ctx: AppContext, event: ZendeskWebhookEvent): Promise<Record<string, unknown> | undefined> {
  if (!event.ticketId || !event.eventType.startsWith('ticket.') || event.eventType === 'ticket.deleted') return undefined;
  // The trigger body usually decides without a ticket read: the subject that counts is the one the
  // e-mail created the ticket with, so only a created e-mail ticket whose subject asks can qualify.
  const facts = triggerFacts(event);
  if (facts?.updateType === 'change' || facts?.viaEmail === false) return undefined;
  if (facts?.subject !== undefined && !isUnsubscribeSubject(facts.subject)) return undefined;
  let ticket;
  try {
    ticket = await ctx.vendors.zendesk.showTicket(event.ticketId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
  const requesterId = ticket.requester_id ?? null;
  if (requesterId === null) return undefined;
  const person = { zendeskUserId: requesterId };
  const done = await ctx.db.query(
    `SELECT 1 FROM audit_ledger WHERE action = $1 AND details->>'ticketId' = $2 LIMIT 1`,
    [UNSUBSCRIBE_AUDIT_ACTION, String(ticket.id)],
  );
  if (done.rows.length > 0) return { unsubscribe: 'already_recorded' };
  // A run that stopped half-way left some withdrawals of this ticket: they count, the rest follow.
  const earlier = await ctx.db.query<{ purpose: string }>(
    `SELECT DISTINCT purpose FROM consent_records WHERE actor = $1 AND action = 'withdrawn' AND evidence->>'ticketId' = $2`,
    [UNSUBSCRIBE_ACTOR, String(ticket.id)],
  );
  const toWithdraw = purposesToUnsubscribe({ subject: ticket.subject, channel: viaChannelOf(ticket) }, ctx.profile, await consentStateOf(ctx, person));
  const purposes = [...new Set([...earlier.rows.map((r) => r.purpose), ...toWithdraw])];
  if (purposes.length === 0) return undefined;
  for (const purpose of toWithdraw) {
    await recordConsent(ctx, { person, purpose, action: 'withdrawn', source: 'email_reply', evidence: { ticketId: ticket.id }, actor: UNSUBSCRIBE_ACTOR });
  }
  await ctx.audit.append({
    actor: UNSUBSCRIBE_ACTOR,
    action: UNSUBSCRIBE_AUDIT_ACTION,
    clause: 'C31',
    subjectRef: ctx.audit.subjectRefFor(`zendesk:${requesterId}`),
    outcome: 'withdrawn',
    details: { ticketId: ticket.id, purposes },
  });
  await ctx.vendors.zendesk.updateTicket(ticket.id, { comment: { body: unsubscribeNote(purposes), public: false } });
  return { unsubscribe: 'withdrawn', purposes };
}

/** C31 in production: every Zendesk ticket event is checked for an "Unsubscribe" subject. */
export function unsubscribeSubjectModule(): ServiceModule {
  return { name: 'unsubscribe-subject', onZendeskEvent: (event, ctx) => withdrawMarketingOnUnsubscribeSubject(ctx, event) };
}
