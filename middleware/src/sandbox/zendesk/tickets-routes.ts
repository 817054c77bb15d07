import type { Router } from 'express';
import type { SandboxContext } from '../options.js';
import { retryAfterSeconds } from '../rate-limiter.js';
import type { ZendeskCommentRecord, ZendeskTicketRecord, ZendeskTicketStatus, ZendeskUserRecord } from '../types.js';
import { baseUrlOf, markRateLimited, queryOf } from '../vendor-gate.js';
import { enqueueJob } from './jobs.js';
import { sendPage } from './pagination.js';
import {
  htmlFromPlain,
  plainFromHtml,
  sendInvalidValue,
  sendNotFound,
  sendRecordInvalid,
  serializeComment,
  serializeJob,
  serializeTicket,
  serializeUser,
} from './responses.js';
import { createUser, isSoftDeleted, isValidEmail } from './user-ops.js';
import { asRecord, parseId, parseIdList } from './users-routes.js';

const STATUSES: readonly ZendeskTicketStatus[] = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const REDACTION_CHAR = '▇';

type Details = Record<string, Array<{ description: string; error: string }>>;
type PlanResult = { ok: true; plan: TicketPlan } | { ok: false; details: Details };

/** A CC or follower entry as the API takes it: `{user_id | user_email, user_name?, action?}`. */
interface ParticipantChange {
  action: 'put' | 'delete';
  userId?: number;
  email?: string;
  name?: string;
}

/** A validated change to a ticket, applied only after every check passed. */
interface TicketPlan {
  status?: ZendeskTicketStatus;
  subject?: string;
  tags?: string[];
  requesterId?: number;
  newRequester?: { email: string; name: string };
  assigneeId?: number | null;
  emailCcs?: ParticipantChange[];
  followers?: ParticipantChange[];
  comment?: { body: string; html_body: string; public: boolean; author_id: number };
}

export function registerTicketRoutes(router: Router, ctx: SandboxContext): void {
  const z = () => ctx.state.zendesk;
  const maxEmailCcs = () => ctx.options.zendesk?.maxEmailCcs ?? 48;
  const apiUserId = () => ctx.options.zendesk?.apiUserId ?? 1;

  const liveTicket = (id: string | undefined): ZendeskTicketRecord | undefined => {
    const ticket = z().tickets.get(parseId(id) ?? -1);
    return ticket && !ticket._deleted_at ? ticket : undefined;
  };

  /** Reads the request's ticket object into a plan, or answers the validation error. */
  const planFrom = (raw: unknown, creating: boolean, ticket?: ZendeskTicketRecord): PlanResult => {
    const body = asRecord(raw);
    const plan: TicketPlan = {};
    const details: Details = {};
    if ('status' in body) {
      if (!STATUSES.includes(body.status as ZendeskTicketStatus)) {
        details.status = [{ description: `Status: ${String(body.status)} is not valid`, error: 'InvalidValue' }];
      } else plan.status = body.status as ZendeskTicketStatus;
    }
    if (typeof body.subject === 'string') plan.subject = body.subject;
    if (Array.isArray(body.tags)) plan.tags = body.tags.filter((t): t is string => typeof t === 'string');
    if ('assignee_id' in body) plan.assigneeId = typeof body.assignee_id === 'number' ? body.assignee_id : null;
    if (typeof body.requester_id === 'number') {
      const requester = z().users.get(body.requester_id);
      if (!requester || isSoftDeleted(requester)) details.requester = [{ description: 'Requester: is invalid', error: 'InvalidValue' }];
      else plan.requesterId = requester.id;
    } else if (body.requester && typeof body.requester === 'object') {
      const requester = asRecord(body.requester);
      const email = typeof requester.email === 'string' ? requester.email : '';
      if (!isValidEmail(email)) details.requester = [{ description: 'Requester: e-mail is invalid', error: 'InvalidValue' }];
      else {
        const existing = z().findUserByEmail(email);
        if (existing) plan.requesterId = existing.id;
        else plan.newRequester = { email, name: typeof requester.name === 'string' ? requester.name : email.split('@')[0] ?? email };
      }
    } else if (creating) {
      details.requester = [{ description: 'Requester: cannot be blank', error: 'BlankValue' }];
    }
    const ccSource = body.email_ccs ?? (Array.isArray(body.collaborator_ids) ? body.collaborator_ids.map((id) => ({ user_id: id })) : undefined);
    if (ccSource !== undefined) plan.emailCcs = participantChanges(ccSource);
    if (body.followers !== undefined) plan.followers = participantChanges(body.followers);
    const comment = body.comment ? asRecord(body.comment) : null;
    const description = typeof body.description === 'string' ? body.description : null;
    if (comment || (creating && description)) {
      const html = typeof comment?.html_body === 'string' ? comment.html_body : null;
      const text = typeof comment?.body === 'string' ? comment.body : html ? plainFromHtml(html) : description ?? '';
      if (!text.trim()) details.comment = [{ description: 'Comment: body cannot be blank', error: 'BlankValue' }];
      else {
        plan.comment = {
          body: text,
          html_body: html ?? htmlFromPlain(text),
          public: comment?.public !== false,
          author_id: typeof comment?.author_id === 'number' ? comment.author_id : apiUserId(),
        };
      }
    } else if (creating) {
      details.description = [{ description: 'Description: cannot be blank', error: 'BlankValue' }];
    }
    if (plan.emailCcs) {
      const requesterId = plan.requesterId ?? ticket?.requester_id;
      const after = resultingCcs(ctx, ticket?.email_cc_ids ?? [], plan.emailCcs, requesterId, false);
      if (after.ids.length + after.newEmails.length > maxEmailCcs()) {
        details.email_ccs = [{ description: `Email CCs: a ticket can have at most ${maxEmailCcs()} email CCs`, error: 'InvalidValue' }];
      }
    }
    return Object.keys(details).length > 0 ? { ok: false, details } : { ok: true, plan };
  };

  /** Applies a validated plan; returns the audit events. */
  const applyPlan = (ticket: ZendeskTicketRecord, plan: TicketPlan): Array<Record<string, unknown>> => {
    const now = ctx.nowIso();
    const events: Array<Record<string, unknown>> = [];
    const before = { requester_id: ticket.requester_id, email_cc_ids: [...ticket.email_cc_ids] };
    if (plan.newRequester) plan.requesterId = createUser(ctx, { name: plan.newRequester.name, email: plan.newRequester.email }).id;
    if (plan.requesterId !== undefined && plan.requesterId !== ticket.requester_id) {
      events.push(change('requester_id', plan.requesterId, ticket.requester_id));
      ticket.requester_id = plan.requesterId;
    }
    if (plan.status && plan.status !== ticket.status) {
      events.push(change('status', plan.status, ticket.status));
      ticket.status = plan.status;
    }
    if (plan.subject !== undefined) ticket.subject = plan.subject;
    if (plan.tags) ticket.tags = plan.tags;
    if (plan.assigneeId !== undefined) ticket.assignee_id = plan.assigneeId;
    if (plan.emailCcs) {
      const after = resultingCcs(ctx, ticket.email_cc_ids, plan.emailCcs, ticket.requester_id, false);
      const created = after.newEmails.map((entry) => createUser(ctx, { name: entry.name, email: entry.email }).id);
      const next = [...after.ids, ...created];
      events.push(change('email_cc_ids', next, ticket.email_cc_ids));
      ticket.email_cc_ids = next;
    }
    if (plan.followers) {
      const after = resultingCcs(ctx, ticket.follower_ids, plan.followers, undefined, true);
      events.push(change('follower_ids', after.ids, ticket.follower_ids));
      ticket.follower_ids = after.ids;
    }
    ticket.email_cc_ids = ticket.email_cc_ids.filter((id) => id !== ticket.requester_id);
    ticket.collaborator_ids = [...new Set([...ticket.email_cc_ids, ...ticket.follower_ids])];
    if (plan.comment) {
      const comment: ZendeskCommentRecord = { id: z().nextCommentId, ticket_id: ticket.id, created_at: now, ...plan.comment };
      z().addComment(comment);
      events.push({ id: comment.id, type: 'Comment', author_id: comment.author_id, body: comment.body, html_body: comment.html_body, public: comment.public });
    }
    // Zendesk's updated_at never goes back: an update lands at or after the ticket's last change.
    ticket.updated_at = Date.parse(now) >= Date.parse(ticket.updated_at) ? now : ticket.updated_at;
    z().reindexTicket(ticket, before);
    return events;
  };

  const auditOf = (ticket: ZendeskTicketRecord, events: Array<Record<string, unknown>>) => ({
    id: z().nextCommentId + 1_000_000_000,
    ticket_id: ticket.id,
    created_at: ticket.updated_at,
    author_id: apiUserId(),
    via: { channel: 'api' },
    metadata: { system: {}, custom: {} },
    events: events.map((event, index) => ({ id: index + 1, ...event })),
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-ticket
  router.post('/api/v2/tickets', (req, res) => {
    const planned = planFrom(asRecord(req.body).ticket, true);
    if (!planned.ok) return sendRecordInvalid(res, planned.details);
    const plan = planned.plan;
    const now = ctx.nowIso();
    const body = asRecord(asRecord(req.body).ticket);
    const ticket: ZendeskTicketRecord = {
      id: z().nextTicketId,
      requester_id: plan.requesterId ?? -1,
      submitter_id: typeof body.submitter_id === 'number' ? body.submitter_id : plan.requesterId ?? -1,
      assignee_id: plan.assigneeId ?? null,
      status: plan.status ?? 'new',
      subject: plan.subject ?? (plan.comment?.body.slice(0, 80) ?? ''),
      description: plan.comment?.body ?? '',
      email_cc_ids: [],
      follower_ids: [],
      collaborator_ids: [],
      via: { channel: typeof asRecord(body.via).channel === 'string' ? String(asRecord(body.via).channel) : 'api' },
      created_at: now,
      updated_at: now,
      tags: plan.tags ?? [],
    };
    if (plan.newRequester) {
      plan.requesterId = createUser(ctx, { name: plan.newRequester.name, email: plan.newRequester.email }).id;
      delete plan.newRequester;
      ticket.requester_id = plan.requesterId;
      if (typeof body.submitter_id !== 'number') ticket.submitter_id = plan.requesterId;
    }
    if (plan.comment && typeof asRecord(body.comment).author_id !== 'number') plan.comment.author_id = ticket.submitter_id;
    z().putTicket(ticket);
    const events = applyPlan(ticket, plan);
    ticket.updated_at = ticket.created_at;
    const base = baseUrlOf(req);
    res.status(201).location(`${base}/api/v2/tickets/${ticket.id}.json`).json({ ticket: serializeTicket(ticket, base), audit: auditOf(ticket, events) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-many-tickets
  router.put('/api/v2/tickets/update_many', (req, res) => {
    const idsParam = queryOf(req).get('ids');
    const body = asRecord(req.body);
    let updates: Array<{ id: number; change: unknown }>;
    if (idsParam) {
      const ids = parseIdList(idsParam);
      if (!ids) return sendInvalidValue(res, 'ids must be a comma-separated list of up to 100 ticket ids');
      updates = ids.map((id) => ({ id, change: body.ticket }));
    } else if (Array.isArray(body.tickets) && body.tickets.length <= 100) {
      updates = body.tickets.map((t) => ({ id: Number(asRecord(t).id), change: t }));
    } else {
      return sendInvalidValue(res, 'Send ?ids= with a ticket object, or a tickets array of up to 100');
    }
    const job = enqueueJob(ctx, 'Bulk Update Tickets', updates.length, () =>
      updates.map(({ id, change: raw }, index) => {
        const ticket = z().tickets.get(id);
        if (!ticket || ticket._deleted_at) return { index, id, success: false, error: 'TicketNotFound', details: 'Not found' };
        if (ticket.status === 'closed') return { index, id, success: false, error: 'TicketUpdateFailed', details: 'Status: closed prevents ticket update' };
        const planned = planFrom(raw, false, ticket);
        if (!planned.ok) return { index, id, success: false, error: 'RecordInvalid', details: JSON.stringify(planned.details) };
        applyPlan(ticket, planned.plan);
        return { index, id, action: 'update', success: true, status: 'Updated' };
      }),
    );
    res.json({ job_status: serializeJob(job, baseUrlOf(req)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#bulk-delete-tickets
  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-multiple-tickets
  // Deleted and unknown ids are left out of the list (no error).
  router.get('/api/v2/tickets/show_many', (req, res) => {
    const ids = parseIdList(queryOf(req).get('ids'));
    if (!ids) return sendInvalidValue(res, 'ids must be a comma-separated list of up to 100 ticket ids');
    const base = baseUrlOf(req);
    const tickets = ids.map((id) => liveTicket(String(id))).filter((t): t is ZendeskTicketRecord => t !== undefined);
    res.json({ tickets: tickets.map((t) => serializeTicket(t, base)), next_page: null, previous_page: null, count: tickets.length });
  });

  router.delete('/api/v2/tickets/destroy_many', (req, res) => {
    const ids = parseIdList(queryOf(req).get('ids'));
    if (!ids) return sendInvalidValue(res, 'ids must be a comma-separated list of up to 100 ticket ids');
    const job = enqueueJob(ctx, 'Bulk Delete Tickets', ids.length, () =>
      ids.map((id, index) => {
        const ticket = z().tickets.get(id);
        if (!ticket || ticket._deleted_at) return { index, id, success: false, error: 'TicketNotFound', details: 'Not found' };
        ticket._deleted_at = ctx.nowIso();
        return { index, id, action: 'delete', success: true, status: 'Deleted' };
      }),
    );
    res.json({ job_status: serializeJob(job, baseUrlOf(req)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#delete-ticket
  router.delete('/api/v2/tickets/:id', (req, res) => {
    const ticket = liveTicket(req.params.id);
    if (!ticket) return sendNotFound(res);
    ticket._deleted_at = ctx.nowIso();
    res.status(204).end();
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#show-ticket
  router.get('/api/v2/tickets/:id', (req, res) => {
    const ticket = liveTicket(req.params.id);
    if (!ticket) return sendNotFound(res);
    res.json({ ticket: serializeTicket(ticket, baseUrlOf(req)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-ticket
  router.put('/api/v2/tickets/:id', (req, res) => {
    const ticket = liveTicket(req.params.id);
    if (!ticket) return sendNotFound(res);
    const limit = ctx.limiters.zendeskTicketUpdates.take(String(ticket.id), ctx.now());
    if (!limit.allowed) {
      markRateLimited(res, limit.retryAfterMs);
      res.setHeader('Retry-After', String(retryAfterSeconds(limit.retryAfterMs)));
      res.status(429).json({
        error: 'TooManyRequests',
        description: 'Rate limit for ticket updates exceeded, please wait before updating this ticket again',
      });
      return;
    }
    if (ticket.status === 'closed') {
      return sendRecordInvalid(res, { status: [{ description: 'Status: closed prevents ticket update', error: 'InvalidValue' }] });
    }
    const planned = planFrom(asRecord(req.body).ticket, false, ticket);
    if (!planned.ok) return sendRecordInvalid(res, planned.details);
    const events = applyPlan(ticket, planned.plan);
    res.json({ ticket: serializeTicket(ticket, baseUrlOf(req)), audit: auditOf(ticket, events) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-email-ccs-for-a-ticket
  const participantLists: Array<[string, (t: ZendeskTicketRecord) => number[]]> = [
    ['email_ccs', (t) => t.email_cc_ids],
    ['followers', (t) => t.follower_ids],
    ['collaborators', (t) => t.collaborator_ids],
  ];
  for (const [name, idsOf] of participantLists) {
    router.get(`/api/v2/tickets/:id/${name}`, (req, res) => {
      const ticket = liveTicket(req.params.id);
      if (!ticket) return sendNotFound(res);
      const base = baseUrlOf(req);
      const users = idsOf(ticket)
        .map((id) => z().users.get(id))
        .filter((u): u is ZendeskUserRecord => u !== undefined);
      res.json({ users: users.map((u) => serializeUser(u, base)), next_page: null, previous_page: null, count: users.length });
    });
  }

  // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#list-comments
  router.get('/api/v2/tickets/:id/comments', (req, res) => {
    const ticket = liveTicket(req.params.id);
    if (!ticket) return sendNotFound(res);
    const query = queryOf(req);
    const descending = query.get('sort') === '-created_at' || query.get('sort_order') === 'desc';
    const comments = [...(z().commentsByTicket.get(ticket.id) ?? [])].sort((a, b) => a.id - b.id);
    if (descending) comments.reverse();
    sendPage(req, res, {
      items: comments,
      key: 'comments',
      // Cursor keys must ascend in list order, so descending lists use negated ids.
      keyOf: (c) => (descending ? -c.id : c.id),
      serialize: serializeComment,
    });
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#redact-string-in-comment
  router.put('/api/v2/tickets/:ticketId/comments/:commentId/redact', (req, res) => {
    const ticket = liveTicket(req.params.ticketId);
    const comment = z().findComment(parseId(req.params.commentId) ?? -1);
    if (!ticket || !comment || comment.ticket_id !== ticket.id) return sendNotFound(res);
    const text = asRecord(req.body).text;
    if (typeof text !== 'string' || !text) return sendRecordInvalid(res, { text: [{ description: 'Text: cannot be blank', error: 'BlankValue' }] });
    if (ticket.status === 'closed') {
      // "Once a ticket is closed, you can no longer redact strings from its comments."
      return sendRecordInvalid(res, {
        base: [{ description: 'Ticket is closed: strings can no longer be redacted from its comments; use PUT /api/v2/comment_redactions/{comment_id}', error: 'InvalidValue' }],
      });
    }
    const mask = REDACTION_CHAR.repeat([...text].length);
    comment.body = comment.body.split(text).join(mask);
    comment.html_body = comment.html_body.split(escapeHtml(text)).join(mask).split(text).join(mask);
    res.json({ comment: serializeComment(comment) });
  });

  /** "The attachment is replaced with an empty 'redacted.txt' file"; the file's content is gone. */
  const replaceWithRedactedFile = (comment: ZendeskCommentRecord, attachmentId: number) => {
    const attachment = (comment.attachments ?? []).find((a) => a.id === attachmentId);
    if (!attachment) return undefined;
    const token = /\/attachments\/token\/([^/?]+)/.exec(attachment.content_url)?.[1];
    if (token) z().attachmentFiles.delete(token);
    attachment.file_name = 'redacted.txt';
    attachment.content_type = 'text/plain';
    attachment.size = 0;
    return attachment;
  };

  // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-attachments/#redact-comment-attachment
  router.put('/api/v2/tickets/:ticketId/comments/:commentId/attachments/:attachmentId/redact', (req, res) => {
    const ticket = liveTicket(req.params.ticketId);
    const comment = z().findComment(parseId(req.params.commentId) ?? -1);
    if (!ticket || !comment || comment.ticket_id !== ticket.id) return sendNotFound(res);
    if (ticket.status === 'closed') {
      return sendRecordInvalid(res, { base: [{ description: 'Ticket is closed: its attachments can no longer be redacted', error: 'InvalidValue' }] });
    }
    const attachment = replaceWithRedactedFile(comment, parseId(req.params.attachmentId) ?? -1);
    if (!attachment) return sendNotFound(res);
    res.json({ attachment });
  });

  // A comment attachment's content_url (private attachments: the API credentials are required).
  router.get('/attachments/token/:token', (req, res) => {
    const file = z().attachmentFiles.get(req.params.token ?? '');
    if (!file) return sendNotFound(res);
    res.setHeader('content-type', file.contentType);
    res.setHeader('content-length', String(file.content.length));
    res.end(file.content);
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#redact-ticket-comment-in-agent-workspace
  router.put('/api/v2/comment_redactions/:commentId', (req, res) => {
    const comment = z().findComment(parseId(req.params.commentId) ?? -1);
    const body = asRecord(req.body);
    if (!comment || !z().tickets.has(comment.ticket_id)) return sendNotFound(res);
    if (typeof body.ticket_id !== 'number') return sendRecordInvalid(res, { ticket_id: [{ description: 'Ticket: cannot be blank', error: 'BlankValue' }] });
    if (body.ticket_id !== comment.ticket_id) return sendNotFound(res);
    const html = typeof body.html_body === 'string' ? body.html_body : null;
    const attachments = Array.isArray(body.external_attachment_urls) ? body.external_attachment_urls : [];
    if (!html && attachments.length === 0) {
      return sendRecordInvalid(res, { html_body: [{ description: 'Html body: must contain <redact> tags', error: 'BlankValue' }] });
    }
    const unknown = attachments.filter((u) => typeof u !== 'string' || !(comment.attachments ?? []).some((a) => a.content_url === u));
    if (unknown.length > 0) return sendRecordInvalid(res, { external_attachment_urls: [{ description: 'External attachment urls: must be attachments of this comment', error: 'InvalidValue' }] });
    for (const url of attachments as string[]) replaceWithRedactedFile(comment, (comment.attachments ?? []).find((a) => a.content_url === url)!.id);
    if (html) {
      const segments = [...html.matchAll(/<redact>([\s\S]*?)<\/redact>/g)].map((m) => m[1] ?? '');
      // "To redact HTML elements such inline images, anchor tags, and links, add the `redact` tag attribute
      // to the element ... The `redact` attribute only redacts the tag. Any inner text will be left behind."
      const REDACT_ATTRIBUTE = /\sredact(?=[\s/>])/;
      const markedLinks = /<a\b[^<>]*\sredact(?=[\s/>])[^<>]*>([\s\S]*?)<\/a>/gi;
      const markedImages = /<img\b[^<>]*\sredact(?=[\s/>])[^<>]*>/gi;
      const hasMarkedElements = /<(?:a|img)\b[^<>]*\sredact(?=[\s/>])/i.test(html);
      if (segments.length === 0 && !hasMarkedElements) {
        return sendRecordInvalid(res, { html_body: [{ description: 'Html body: must contain <redact> tags or redact attributes', error: 'InvalidValue' }] });
      }
      const redactedHtml = html
        .replace(/<redact>([\s\S]*?)<\/redact>/g, (_m, inner: string) => REDACTION_CHAR.repeat([...plainFromHtml(inner)].length))
        .replace(markedLinks, '$1')
        .replace(markedImages, '');
      const withoutTags = html.replace(/<\/?redact>/g, '').replace(/<(?:a|img)\b[^<>]*>/gi, (tag) => tag.replace(REDACT_ATTRIBUTE, ''));
      if (withoutTags === comment.html_body) {
        comment.html_body = redactedHtml;
        comment.body = plainFromHtml(redactedHtml);
      } else {
        // The client rebuilt the HTML differently: redact each marked string wherever it occurs.
        for (const segment of segments) {
          const plain = plainFromHtml(segment);
          const mask = REDACTION_CHAR.repeat([...plain].length);
          comment.body = comment.body.split(plain).join(mask);
          comment.html_body = comment.html_body.split(segment).join(mask).split(escapeHtml(plain)).join(mask);
        }
      }
    }
    res.json({ comment: serializeComment(comment) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-deleted-tickets
  router.get('/api/v2/deleted_tickets', (req, res) => {
    const deleted = [...z().tickets.values()].filter((t) => t._deleted_at).sort((a, b) => a.id - b.id);
    sendPage(req, res, {
      items: deleted,
      key: 'deleted_tickets',
      keyOf: (t) => t.id,
      serialize: (t) => ({ id: t.id, subject: t.subject, description: t.description, previous_state: t.status, deleted_at: t._deleted_at, actor: { id: apiUserId(), name: 'API' } }),
    });
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#delete-tickets-permanently
  router.delete('/api/v2/deleted_tickets/destroy_many', (req, res) => {
    const ids = parseIdList(queryOf(req).get('ids'));
    if (!ids) return sendInvalidValue(res, 'ids must be a comma-separated list of up to 100 ticket ids');
    const job = enqueueJob(ctx, 'Bulk Permanent Delete Tickets', ids.length, () => ids.map((id, index) => purgeTicket(id, index)));
    res.json({ job_status: serializeJob(job, baseUrlOf(req)) });
  });

  router.delete('/api/v2/deleted_tickets/:id', (req, res) => {
    const id = parseId(req.params.id);
    const ticket = z().tickets.get(id ?? -1);
    if (id === null || !ticket || !ticket._deleted_at) return sendNotFound(res);
    const job = enqueueJob(ctx, 'Permanent Delete Ticket', 1, () => [purgeTicket(id, 0)]);
    res.json({ job_status: serializeJob(job, baseUrlOf(req)) });
  });

  const purgeTicket = (id: number, index: number): Record<string, unknown> => {
    const ticket = z().tickets.get(id);
    if (!ticket || !ticket._deleted_at) {
      return { index, id, success: false, error: 'TicketNotFound', details: 'Only soft-deleted tickets can be deleted permanently' };
    }
    z().removeTicket(id);
    return { index, id, action: 'delete', success: true, status: 'Deleted' };
  };
}

function participantChanges(raw: unknown): ParticipantChange[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((item) => {
    const entry = asRecord(item);
    const change: ParticipantChange = { action: entry.action === 'delete' ? 'delete' : 'put' };
    if (typeof entry.user_id === 'number') change.userId = entry.user_id;
    if (typeof entry.user_email === 'string') change.email = entry.user_email;
    if (typeof entry.user_name === 'string') change.name = entry.user_name;
    return change;
  });
}

/**
 * The participant list after the changes. E-mail CCs accept any user (unknown e-mails become new
 * end users); followers must be agents or admins, others are ignored as Zendesk ignores them.
 */
function resultingCcs(
  ctx: SandboxContext,
  current: number[],
  changes: ParticipantChange[],
  requesterId: number | undefined,
  agentsOnly: boolean,
): { ids: number[]; newEmails: Array<{ email: string; name: string }> } {
  const zendesk = ctx.state.zendesk;
  const ids = new Set(current);
  const newEmails = new Map<string, { email: string; name: string }>();
  for (const change of changes) {
    let user: ZendeskUserRecord | undefined;
    if (change.userId !== undefined) user = zendesk.users.get(change.userId);
    else if (change.email) user = zendesk.findUserByEmail(change.email);
    if (change.action === 'delete') {
      if (user) ids.delete(user.id);
      else if (change.email) newEmails.delete(change.email.toLowerCase());
      continue;
    }
    if (user) {
      if (isSoftDeleted(user) || user.id === requesterId) continue;
      if (agentsOnly && user.role === 'end-user') continue;
      ids.add(user.id);
    } else if (!agentsOnly && change.email && isValidEmail(change.email)) {
      newEmails.set(change.email.toLowerCase(), { email: change.email, name: change.name ?? change.email.split('@')[0] ?? change.email });
    }
  }
  return { ids: [...ids], newEmails: [...newEmails.values()] };
}

function change(field: string, value: unknown, previous: unknown): Record<string, unknown> {
  return { type: 'Change', field_name: field, value, previous_value: previous };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
