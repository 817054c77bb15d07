/**
 * C27 at intake: when a ticket or user webhook concerns an end user whose age field
 * (`pg_birth_date` or `pg_age`, see policy/minors.ts) puts them under the profile's minimum age,
 * they are marked as a minor as an agent's mark would (restricted, erasure for admin review),
 * audited, and the ticket gets an internal note, before any agent opens the sidebar.
 */
import type { AppContext } from '../app-context.js';
import type { ServiceModule } from '../service-module.js';
import type { ZendeskWebhookEvent } from '../webhooks/zendesk/payload-schema.js';
import { NotFoundError } from '../errors.js';
import { isMinorByUserFields } from '../policy/minors.js';
import { markPersonAsMinor } from './mark-minor.js';

const ACTOR = 'privacy-guard:age-field';

export function minorAtIntakeNote(minimumAge: number): string {
  return [
    `Privacy Guard: the requester's age field puts them under this desk's minimum age of ${minimumAge} (C27).`,
    'They are restricted now (C24): the product processes nothing more for them, and an erasure request waits for an admin\'s review on the admin page.',
  ].join('\n');
}

/** Which end user the event is about, and the ticket to note on (none for a user event). */
async function subjectOf(ctx: AppContext, event: ZendeskWebhookEvent): Promise<{ userId: number; ticketId: number | null } | null> {
  if (event.eventType.startsWith('user.') && event.userId && event.eventType !== 'user.deleted') return { userId: event.userId, ticketId: null };
  if (!event.ticketId || !event.eventType.startsWith('ticket.') || event.eventType === 'ticket.deleted') return null;
  // The trigger body names the requester: no ticket read for that.
  const fromBody = (event.payload as { ticket?: { requester_id?: number } }).ticket?.requester_id;
  if (typeof fromBody === 'number') return { userId: fromBody, ticketId: event.ticketId };
  const ticket = await ctx.vendors.zendesk.showTicket(event.ticketId);
  return ticket.requester_id ? { userId: ticket.requester_id, ticketId: ticket.id } : null;
}

export async function flagMinorAtIntake(ctx: AppContext, event: ZendeskWebhookEvent): Promise<Record<string, unknown> | undefined> {
  const minimumAge = ctx.profile.minimumAge;
  if (minimumAge === null) return undefined;
  try {
    const subject = await subjectOf(ctx, event);
    if (!subject) return undefined;
    const personKey = `zendesk:${subject.userId}`;
    const known = await ctx.db.query<{ minor: boolean }>('SELECT minor FROM people WHERE person_key = $1', [personKey]);
    if (known.rows[0]?.minor) return { minor: 'already_marked' };
    const user = await ctx.vendors.zendesk.showUser(subject.userId);
    if ((user.role ?? 'end-user') !== 'end-user' || !isMinorByUserFields(user.user_fields ?? null, ctx.profile, ctx.now())) return undefined;
    const marked = await ctx.db.transaction((tx) =>
      markPersonAsMinor(ctx, tx, { personKey, zendeskUserId: subject.userId, actor: ACTOR, details: { source: 'user_field', minimumAge, ticketId: subject.ticketId } }),
    );
    if (marked && subject.ticketId !== null) await ctx.vendors.zendesk.updateTicket(subject.ticketId, { comment: { body: minorAtIntakeNote(minimumAge), public: false } });
    return { minor: marked ? 'marked_at_intake' : 'already_marked' };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** C27 in production: every Zendesk ticket and user event. */
export function minorIntakeModule(): ServiceModule {
  return { name: 'minor-intake', onZendeskEvent: (event, ctx) => flagMinorAtIntake(ctx, event) };
}
