import type { TicketTriggerBody, ZendeskWebhookEvent } from './payload-schema.js';
import { normaliseTicketStatus } from '../../minimisation/finding-actions.js';

/**
 * What the shipped trigger body already says about the ticket, so a module can decide that an
 * event needs nothing without reading the ticket (0 vendor calls per no-op event, issue 16).
 * Undefined for event-subscription envelopes; each field is undefined when the body lacks it
 * (an older body, or an empty placeholder), and the module then reads the ticket as before.
 */
export interface TriggerFacts {
  updateType?: 'create' | 'change';
  /** Normalised: new, open, pending, hold, solved, closed. */
  status?: string;
  requesterEmail?: string;
  /** True for an e-mail ticket (`{{ticket.via}}` renders "Mail"). */
  viaEmail?: boolean;
  tags?: string[];
  subject?: string;
}

export function triggerFacts(event: ZendeskWebhookEvent): TriggerFacts | undefined {
  if (event.source !== 'trigger') return undefined;
  const ticket = (event.payload as TicketTriggerBody).ticket as TicketTriggerBody['ticket'] & { subject?: string };
  const updateType = ticket.update_type?.toLowerCase();
  return {
    ...(updateType === 'create' || updateType === 'change' ? { updateType } : {}),
    ...(ticket.status !== undefined ? { status: normaliseTicketStatus(ticket.status) } : {}),
    ...(ticket.requester_email !== undefined ? { requesterEmail: ticket.requester_email } : {}),
    ...(ticket.via !== undefined ? { viaEmail: /^(mail|e-?mail)$/i.test(ticket.via) } : {}),
    ...(ticket.tags !== undefined ? { tags: ticket.tags } : {}),
    ...(ticket.subject !== undefined ? { subject: ticket.subject } : {}),
  };
}
