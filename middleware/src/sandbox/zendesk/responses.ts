import type { Response } from 'express';
import type {
  ZendeskCommentRecord,
  ZendeskIdentityRecord,
  ZendeskTicketRecord,
  ZendeskUserFieldRecord,
  ZendeskUserRecord,
} from '../types.js';
import type { ZendeskJob } from '../state.js';

// Error bodies in Zendesk's shapes:
// https://developer.zendesk.com/api-reference/introduction/requests/#response-format

export function sendNotFound(res: Response): void {
  res.status(404).json({ error: 'RecordNotFound', description: 'Not found' });
}

/** 422 `RecordInvalid` with per-attribute details, as Zendesk answers validation failures. */
export function sendRecordInvalid(
  res: Response,
  details: Record<string, Array<{ description: string; error?: string }>>,
  description = 'Record validation errors',
): void {
  res.status(422).json({ error: 'RecordInvalid', description, details });
}

export function sendInvalidValue(res: Response, description: string, status = 400): void {
  res.status(status).json({ error: 'InvalidValue', description });
}

export function sendInvalidPagination(res: Response, description: string): void {
  res.status(400).json({ error: 'InvalidPaginationParameter', description });
}

export function serializeUser(user: ZendeskUserRecord, baseUrl: string): Record<string, unknown> {
  return {
    id: user.id,
    url: `${baseUrl}/api/v2/users/${user.id}.json`,
    name: user.name,
    email: user.email,
    role: user.role,
    role_type: user.role === 'admin' ? 4 : (user.role_type ?? null),
    custom_role_id: user.custom_role_id ?? null,
    ticket_restriction: user.role === 'end-user' ? 'requested' : (user.ticket_restriction ?? null),
    phone: user.phone,
    organization_id: user.organization_id,
    created_at: user.created_at,
    updated_at: user.updated_at,
    last_login_at: user.last_login_at,
    user_fields: user.user_fields,
    verified: user.verified,
    active: user.active,
    tags: user.tags,
    external_id: null,
    locale: 'en-US',
    time_zone: 'UTC',
    suspended: false,
    shared: false,
    shared_agent: false,
    moderator: user.role !== 'end-user',
    only_private_comments: false,
    restricted_agent: user.role === 'agent' && Boolean(user.ticket_restriction),
  };
}

/** A soft-deleted user as `GET /api/v2/deleted_users/{id}` shows it. */
export function serializeDeletedUser(user: ZendeskUserRecord, baseUrl: string): Record<string, unknown> {
  return {
    id: user.id,
    url: `${baseUrl}/api/v2/deleted_users/${user.id}.json`,
    name: user.name,
    email: user.email,
    phone: user.phone,
    role: user.role,
    organization_id: user.organization_id,
    created_at: user.created_at,
    updated_at: user.updated_at,
    active: false,
    locale: 'en-US',
    time_zone: 'UTC',
    shared_phone_number: null,
    photo: null,
  };
}

/** What permanent deletion leaves: no personal data, the documented placeholder name. */
export function serializePurgedUser(id: number, baseUrl: string, nowIso: string): Record<string, unknown> {
  return {
    id,
    url: `${baseUrl}/api/v2/deleted_users/${id}.json`,
    name: 'Permanently Deleted User',
    email: null,
    phone: null,
    role: 'end-user',
    organization_id: null,
    created_at: null,
    updated_at: nowIso,
    active: false,
  };
}

export function serializeIdentity(identity: ZendeskIdentityRecord, baseUrl: string): Record<string, unknown> {
  return {
    ...identity,
    url: `${baseUrl}/api/v2/users/${identity.user_id}/identities/${identity.id}.json`,
    undeliverable_count: 0,
    deliverable_state: 'deliverable',
  };
}

export function serializeTicket(ticket: ZendeskTicketRecord, baseUrl: string): Record<string, unknown> {
  return {
    id: ticket.id,
    url: `${baseUrl}/api/v2/tickets/${ticket.id}.json`,
    external_id: null,
    type: null,
    subject: ticket.subject,
    raw_subject: ticket.subject,
    description: ticket.description,
    priority: null,
    status: ticket.status,
    requester_id: ticket.requester_id,
    submitter_id: ticket.submitter_id,
    assignee_id: ticket.assignee_id,
    organization_id: ticket.organization_id ?? null,
    group_id: ticket.group_id ?? null,
    collaborator_ids: ticket.collaborator_ids,
    follower_ids: ticket.follower_ids,
    email_cc_ids: ticket.email_cc_ids,
    has_incidents: false,
    is_public: true,
    tags: ticket.tags,
    via: ticket.via,
    custom_fields: [],
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
  };
}

export function serializeComment(comment: ZendeskCommentRecord): Record<string, unknown> {
  return {
    id: comment.id,
    type: 'Comment',
    author_id: comment.author_id,
    body: comment.body,
    html_body: comment.html_body,
    plain_body: comment.body,
    public: comment.public,
    attachments: comment.attachments ?? [],
    audit_id: comment.id,
    via: comment.via ?? { channel: 'web', source: { from: {}, to: {}, rel: null } },
    metadata: { system: {}, custom: {} },
    created_at: comment.created_at,
  };
}

export function serializeUserField(field: ZendeskUserFieldRecord, baseUrl: string): Record<string, unknown> {
  return {
    ...field,
    url: `${baseUrl}/api/v2/user_fields/${field.id}.json`,
    raw_title: field.title,
    raw_description: field.description,
    position: 0,
    system: false,
    regexp_for_validation: null,
  };
}

export function serializeJob(job: ZendeskJob, baseUrl: string): Record<string, unknown> {
  return {
    id: job.id,
    url: `${baseUrl}/api/v2/job_statuses/${job.id}.json`,
    job_type: job.job_type,
    status: job.status,
    total: job.total,
    progress: job.progress,
    message: job.message,
    results: job.status === 'completed' ? job.results : null,
  };
}

/** HTML for a plain comment body, the way Zendesk wraps it. */
export function htmlFromPlain(body: string): string {
  const escaped = body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<div class="zd-comment" dir="auto">${escaped.split('\n').join('<br>')}</div>`;
}

/** Plain text of comment HTML (tags dropped, entities decoded). */
export function plainFromHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
