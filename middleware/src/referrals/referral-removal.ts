/**
 * C33: "Any referral contact may request to be removed from our database" (004). A ticket tagged
 * `privacy_referral_removal` puts the requester's address on the suppression list at once and opens
 * an erasure request that the contact confirms for themselves (a referral contact has no account
 * administrator). Later tickets that someone else opens for a suppressed contact get a
 * "do not contact" note, and change notices (C32) skip them.
 */
import type { AppContext } from '../app-context.js';
import type { ServiceModule } from '../service-module.js';
import type { SqlExecutor } from '../store/database.js';
import { triggerFacts } from '../webhooks/zendesk/trigger-facts.js';
import type { ZendeskWebhookEvent } from '../webhooks/zendesk/payload-schema.js';
import { NotFoundError } from '../errors.js';
import { isReferralRemovalRequest, needsDoNotContactNote, suppressionKey } from '../policy/referral-removal.js';
import { askForConfirmation, assessTicketIdentity, createRequest } from '../requests/intake.js';

const ACTOR = 'privacy-guard:referral-removal';

/** Whether this address asked to be removed. */
export async function isSuppressed(ctx: Pick<AppContext, 'config'>, db: SqlExecutor, email: string | null | undefined): Promise<boolean> {
  if (!email) return false;
  const found = await db.query('SELECT 1 FROM suppressed_contacts WHERE address_hash = $1', [suppressionKey(email, ctx.config.auditKey)]);
  return found.rows.length > 0;
}

export const REFERRAL_REMOVAL_NOTE = [
  'Privacy Guard: this referral contact asked to be removed from our database (C33).',
  'Their address is on the suppression list now, so nobody writes to them again. An erasure request was opened; they confirm it from their own address.',
].join('\n');

export const DO_NOT_CONTACT_NOTE = [
  'Privacy Guard: this person asked to be removed from our database as a referral contact (C33).',
  'Do not contact them unless they write to us themselves.',
].join('\n');

/** The webhook handler: removal requests, and tickets opened for suppressed contacts by someone else. */
export async function handleReferralContacts(ctx: AppContext, event: ZendeskWebhookEvent): Promise<Record<string, unknown> | undefined> {
  if (!event.ticketId || !event.eventType.startsWith('ticket.') || event.eventType === 'ticket.deleted') return undefined;
  // Without the removal tag, only a suppressed requester matters: the body's tags and address
  // decide that without a ticket read (one database look-up).
  const facts = triggerFacts(event);
  if (facts?.tags !== undefined && !isReferralRemovalRequest(facts.tags) && facts.requesterEmail !== undefined) {
    if (!(await isSuppressed(ctx, ctx.db, facts.requesterEmail))) return undefined;
  }
  let ticket;
  try {
    ticket = await ctx.vendors.zendesk.showTicket(event.ticketId);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
  const tags = ((ticket as { tags?: unknown }).tags as string[] | undefined) ?? [];
  const requesterId = ticket.requester_id ?? null;
  if (requesterId === null) return undefined;
  if (isReferralRemovalRequest(tags)) return removeReferralContact(ctx, ticket.id, requesterId);

  // Only tickets opened by someone else can be a referral entered again; read the requester only then.
  const submitterId = ticket.submitter_id ?? null;
  if (submitterId === null || submitterId === requesterId) return undefined;
  const requester = await ctx.vendors.zendesk.showUser(requesterId).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  const suppressed = await isSuppressed(ctx, ctx.db, requester?.email);
  if (!needsDoNotContactNote({ requesterSuppressed: suppressed, requesterId, submitterId, tags })) return undefined;
  const noted = await ctx.db.query(`SELECT 1 FROM audit_ledger WHERE action = 'referral.do_not_contact_noted' AND details->>'ticketId' = $1 LIMIT 1`, [String(ticket.id)]);
  if (noted.rows.length > 0) return { referral: 'already_noted' };
  await ctx.audit.append({ actor: ACTOR, action: 'referral.do_not_contact_noted', clause: 'C33', subjectRef: ctx.audit.subjectRefFor(`zendesk:${requesterId}`), outcome: 'noted', details: { ticketId: ticket.id } });
  await ctx.vendors.zendesk.updateTicket(ticket.id, { comment: { body: DO_NOT_CONTACT_NOTE, public: false } });
  return { referral: 'do_not_contact_noted' };
}

/** Suppression (at once, audited) and an erasure request the contact confirms; safe to run twice. */
async function removeReferralContact(ctx: AppContext, ticketId: number, requesterId: number): Promise<Record<string, unknown>> {
  const requester = await ctx.vendors.zendesk.showUser(requesterId);
  let newlySuppressed = false;
  if (requester.email) {
    const inserted = await ctx.db.transaction(async (tx) => {
      const row = await tx.query(
        `INSERT INTO suppressed_contacts (address_hash, reason, ticket_id, actor) VALUES ($1, 'referral_removal', $2, $3) ON CONFLICT (address_hash) DO NOTHING RETURNING address_hash`,
        [suppressionKey(requester.email!, ctx.config.auditKey), ticketId, ACTOR],
      );
      if (row.rowCount === 0) return false;
      await ctx.audit.append({ actor: ACTOR, action: 'referral.suppressed', clause: 'C33', subjectRef: ctx.audit.subjectRefFor(`zendesk:${requesterId}`), outcome: 'suppressed', details: { ticketId } }, tx);
      return true;
    });
    newlySuppressed = inserted;
  }
  const { verdict } = await assessTicketIdentity(ctx, ticketId);
  const { created, request } = await createRequest(ctx, {
    type: 'erasure',
    origin: 'ticket',
    personKey: `zendesk:${requesterId}`,
    zendeskUserId: requesterId,
    ticketId,
    createdBy: ACTOR,
    // Erasure waits for the person's own confirmation (the code or the link), as every ticket erasure does (C20).
    identity: null,
    workingData: { referralContact: true },
  });
  if (created && request.status === 'awaiting_identity') await askForConfirmation(ctx, request, verdict);
  if (newlySuppressed) await ctx.vendors.zendesk.updateTicket(ticketId, { comment: { body: REFERRAL_REMOVAL_NOTE, public: false } });
  return { referral: 'removal', suppressed: newlySuppressed, requestId: request.id, requestStatus: request.status };
}

/** C33 in production: every Zendesk ticket event. */
export function referralContactsModule(): ServiceModule {
  return { name: 'referral-contacts', onZendeskEvent: (event, ctx) => handleReferralContacts(ctx, event) };
}
