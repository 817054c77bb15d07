/**
 * C36: the satisfaction survey honours the `surveys` purpose. When a ticket is solved and its
 * requester withdrew survey consent (or is restricted), the ticket gets the `pg_no_survey` tag;
 * the desk's survey automation excludes tickets with that tag (README: "Survey consent"). A ticket
 * whose requester consents again loses the tag on its next event. Audited once per change.
 */
import type { AppContext } from '../app-context.js';
import type { ServiceModule } from '../service-module.js';
import type { ZendeskWebhookEvent } from '../webhooks/zendesk/payload-schema.js';
import { triggerFacts } from '../webhooks/zendesk/trigger-facts.js';
import { NotFoundError } from '../errors.js';
import { NO_SURVEY_TAG, surveyInvitation } from '../policy/survey-gate.js';
import { consentStateOf } from '../consent/consent-service.js';

export async function gateSurveyInvitation(ctx: AppContext, event: ZendeskWebhookEvent): Promise<Record<string, unknown> | undefined> {
  if (!event.ticketId || !event.eventType.startsWith('ticket.') || event.eventType === 'ticket.deleted') return undefined;
  // Only solved tickets are gated; the trigger body's status says so without a ticket read.
  const status = triggerFacts(event)?.status;
  if (status !== undefined && status !== 'solved') return undefined;
  let ticket;
  try {
    ticket = await ctx.vendors.zendesk.showTicket(event.ticketId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
  if (ticket.status !== 'solved' || !ticket.requester_id) return undefined;
  const personKey = `zendesk:${ticket.requester_id}`;
  const known = await ctx.db.query<{ restricted: boolean; minor: boolean }>('SELECT restricted, minor FROM people WHERE person_key = $1', [personKey]);
  const restricted = known.rows.some((r) => r.restricted || r.minor);
  const verdict = surveyInvitation(ctx.profile, await consentStateOf(ctx, { zendeskUserId: ticket.requester_id }), { restricted });
  const tags = ((ticket as { tags?: unknown }).tags as string[] | undefined) ?? [];
  const tagged = tags.includes(NO_SURVEY_TAG);
  if (verdict.allowed === !tagged) return { survey: verdict.allowed ? 'allowed' : 'already_suppressed' };
  const next = verdict.allowed ? tags.filter((t) => t !== NO_SURVEY_TAG) : [...tags, NO_SURVEY_TAG];
  // Safe update: an agent's change in between makes Zendesk refuse this one, and the retry reads again.
  await ctx.vendors.zendesk.updateTicket(ticket.id, { tags: next }, ticket.updated_at ? { updatedStamp: ticket.updated_at } : {});
  await ctx.audit.append({
    actor: 'privacy-guard:survey-gate',
    action: verdict.allowed ? 'survey.allowed_again' : 'survey.suppressed',
    clause: 'C36',
    subjectRef: ctx.audit.subjectRefFor(personKey),
    outcome: verdict.reason,
    details: { ticketId: ticket.id },
  });
  return { survey: verdict.allowed ? 'allowed_again' : 'suppressed', reason: verdict.reason };
}

/** C36 in production: every Zendesk ticket event. */
export function surveyGateModule(): ServiceModule {
  return { name: 'survey-gate', onZendeskEvent: (event, ctx) => gateSurveyInvitation(ctx, event) };
}
