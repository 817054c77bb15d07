import { createHash } from 'node:crypto';
import type { TicketTriggerBody, ZendeskWebhookEvent } from '../webhooks/zendesk/payload-schema.js';
import { normaliseTicketStatus } from './finding-actions.js';
import type { CommentScanJobData } from './scan-ticket-comments.js';

/** The scan a ticket webhook asks for, or undefined for events that cannot add comments (user events, deletions). */
export function commentScanRequestFor(event: ZendeskWebhookEvent): CommentScanJobData | undefined {
  if (!event.ticketId || !event.eventType.startsWith('ticket.') || event.eventType.includes('deleted')) return undefined;
  const data: CommentScanJobData = { ticketId: event.ticketId, eventType: event.eventType };
  if (event.source === 'trigger') {
    const ticket = (event.payload as TicketTriggerBody).ticket;
    const status = normaliseTicketStatus(ticket.status);
    if (status) data.ticketStatus = status;
    if (typeof ticket.latest_comment_id === 'number') data.latestCommentId = ticket.latest_comment_id;
    if (typeof ticket.requester_id === 'number') data.requesterId = ticket.requester_id;
  } else {
    const detail = (event.payload as { detail?: Record<string, unknown> }).detail;
    const status = normaliseTicketStatus(detail?.status);
    if (status) data.ticketStatus = status;
  }
  return data;
}

/**
 * The scan job's id, derived from the webhook job's id: a retried webhook job enqueues the same
 * id, which pg-boss ignores, so one delivery never yields two scans. (pg-boss ids are UUIDs.)
 */
export function commentScanJobId(webhookJobId: string): string {
  const hex = createHash('sha256').update(`comment-scan:${webhookJobId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
