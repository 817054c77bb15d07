import type { AppContext } from '../app-context.js';
import type { PrivacyRequest } from '../../../zendesk-app/src/api/contract.js';
import { deadlineStatus } from '../policy/deadlines.js';
import type { PrivacyRequestRecord } from './request-store.js';

/** A request as the sidebar and admin page show it: display status, deadline and overdue flag (C26). */
export function toPrivacyRequest(request: PrivacyRequestRecord, ctx: AppContext): PrivacyRequest {
  const status = deadlineStatus({ type: request.type, receivedAt: request.receivedAt, extension: request.extension, completedAt: request.completedAt }, ctx.profile, ctx.now());
  const final = request.status === 'completed' || request.status === 'refused' || request.status === 'failed';
  return {
    id: request.id,
    type: request.type,
    personKey: request.personKey,
    status: request.needsReview && request.status === 'received' ? 'awaiting_admin_review' : request.blocked && request.status === 'in_progress' ? 'blocked' : request.status,
    createdAt: request.receivedAt.toISOString(),
    dueAt: request.dueAt.toISOString(),
    overdue: !final && ctx.now().getTime() > request.dueAt.getTime() && status.dueAt.getTime() >= 0,
    ...(request.completedAt ? { completedAt: request.completedAt.toISOString() } : {}),
    ...(request.ticketId !== null ? { ticketId: request.ticketId } : {}),
  };
}
