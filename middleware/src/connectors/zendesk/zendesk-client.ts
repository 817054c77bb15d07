import { z } from 'zod';
import type { ZodType } from 'zod';
import { InvalidRequestError, NotFoundError, PermissionError, TransientError } from '../../errors.js';
import { iterateCursorPages, type CursorPage } from '../http/pagination.js';
import type { CappedDownload } from '../http/capped-download.js';
import type { HttpRuntime } from '../http/runtime.js';
import type { VendorHttpClient } from '../http/vendor-http-client.js';
import { classifySafeUpdateConflict } from './zendesk-errors.js';
import {
  commentResponseSchema,
  complianceDeletionStatusesResponseSchema,
  cursorListSchema,
  identitiesResponseSchema,
  identityResponseSchema,
  incrementalUsersResponseSchema,
  jobStatusResponseSchema,
  ticketResponseSchema,
  ticketsResponseSchema,
  ticketUsersResponseSchema,
  userFieldResponseSchema,
  userResponseSchema,
  userSearchResponseSchema,
  usersResponseSchema,
  organizationsResponseSchema,
  type ZendeskOrganization,
  zendeskCommentSchema,
  zendeskGroupMembershipSchema,
  zendeskIdentitySchema,
  zendeskTicketSchema,
  zendeskUserFieldSchema,
  zendeskUserSchema,
  type CursorList,
  type ZendeskComment,
  type ZendeskComplianceDeletionStatus,
  type ZendeskGroupMembership,
  type ZendeskIdentity,
  type ZendeskJobStatus,
  type ZendeskTicket,
  type ZendeskUser,
  type ZendeskUserField,
} from './schemas.js';

/** Zendesk's limit for `ids=` lists (show_many, destroy_many, update_many). */
export const ZENDESK_BULK_LIMIT = 100;
const PAGE_SIZE = 100;

/** Fields we set on a user; `user_fields` holds custom user fields by key. */
export interface ZendeskUserInput {
  name?: string;
  email?: string;
  phone?: string | null;
  role?: string;
  external_id?: string | null;
  user_fields?: Record<string, string | number | boolean | null>;
  [key: string]: unknown;
}

/** One e-mail CC or follower change; `action: "delete"` removes the user from the ticket. */
export interface ZendeskParticipantChange {
  user_id?: number;
  user_email?: string;
  action?: 'put' | 'delete';
}

/** A ticket update. Everything is sent in ONE PUT, so the audit shows a single change. */
export interface ZendeskTicketUpdate {
  email_ccs?: ZendeskParticipantChange[];
  followers?: ZendeskParticipantChange[];
  comment?: { body?: string; html_body?: string; public: boolean; author_id?: number };
  status?: string;
  tags?: string[];
  [key: string]: unknown;
}

/** A new ticket (used by tests, the sandbox seeder and manual-task tickets). */
export interface ZendeskTicketInput {
  subject?: string;
  comment: { body?: string; html_body?: string; public?: boolean };
  requester_id?: number;
  requester?: { name?: string; email: string };
  email_ccs?: ZendeskParticipantChange[];
  status?: string;
  tags?: string[];
  [key: string]: unknown;
}

/** Where an incremental export starts: a Unix time for the first call, then the stored cursor. */
export type IncrementalStart = { startTime: number } | { cursor: string };

/** A page of the incremental user export; `endOfStream` says the export has caught up. */
export interface IncrementalUsersPage {
  items: ZendeskUser[];
  /** Resume from here next time (even at the end of the stream: new changes appear after it). */
  afterCursor: string | null;
  endOfStream: boolean;
}

/** How a comment was redacted (the newer endpoint, or the legacy one as a fallback). */
export interface CommentRedactionResult {
  method: 'comment_redactions' | 'legacy_redact';
  comment: ZendeskComment;
}

/** What to redact from one comment. */
export interface CommentRedaction {
  ticketId: number;
  commentId: number;
  /** The comment's `html_body` with `<redact>` tags around what to remove (newer endpoint). */
  htmlBody?: string;
  /** `content_url`s of attachments to remove (newer endpoint). */
  externalAttachmentUrls?: string[];
  /**
   * Plain strings to remove with the legacy endpoint when the newer one is unavailable (no Agent
   * Workspace): one PUT per string. Without them there is no fallback.
   */
  legacyTexts?: string[];
}

/** Options for waiting on a Zendesk background job. */
export interface WaitForJobOptions {
  /** Give up (TransientError) after this long; the job keeps running at Zendesk. Default 10 min. */
  maxWaitMs?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

const TERMINAL_JOB_STATES = new Set(['completed', 'failed', 'killed']);

/**
 * Zendesk Support API client: users, tickets, comments, deletion, user fields.
 * Paths are the documented ones without `.json`. https://developer.zendesk.com/api-reference/
 */
export class ZendeskClient {
  constructor(
    private readonly http: VendorHttpClient,
    private readonly runtime: HttpRuntime,
  ) {}

  // ---- users -------------------------------------------------------------------------------

  /**
   * GET /api/v2/apps/{app_id}/public_key.pem: the key that verifies the app's signed-URL tokens.
   * https://developer.zendesk.com/documentation/apps/app-developer-guide/using-the-apps-framework/#authenticating-zendesk-in-your-server-side-app
   */
  async appPublicKey(appId: number): Promise<string> {
    return this.http.call({
      method: 'GET',
      path: `/api/v2/apps/${appId}/public_key.pem`,
      endpoint: 'GET /api/v2/apps/{app_id}/public_key.pem',
      schema: z.string().includes('PUBLIC KEY', { message: 'expected a PEM public key' }),
    });
  }

  /** GET /api/v2/users/{id} */
  async showUser(userId: number): Promise<ZendeskUser> {
    const data = await this.http.call({
      method: 'GET',
      path: `/api/v2/users/${userId}`,
      endpoint: 'GET /api/v2/users/{user_id}',
      schema: userResponseSchema,
    });
    return data.user;
  }

  /** GET /api/v2/users/show_many?ids= (chunked by 100). */
  async showManyUsers(userIds: readonly number[]): Promise<ZendeskUser[]> {
    const users: ZendeskUser[] = [];
    for (const chunk of chunks(userIds, ZENDESK_BULK_LIMIT)) {
      const data = await this.http.call({
        method: 'GET',
        path: '/api/v2/users/show_many',
        endpoint: 'GET /api/v2/users/show_many',
        query: { ids: chunk.join(',') },
        schema: usersResponseSchema,
      });
      users.push(...data.users);
    }
    return users;
  }

  /** POST /api/v2/users (not retried after it may have reached Zendesk). */
  async createUser(user: ZendeskUserInput): Promise<ZendeskUser> {
    const data = await this.http.call({
      method: 'POST',
      path: '/api/v2/users',
      endpoint: 'POST /api/v2/users',
      body: { user },
      schema: userResponseSchema,
    });
    return data.user;
  }

  /** PUT /api/v2/users/{id}; `user_fields` sets custom user fields (consent, holds, ...). */
  async updateUser(userId: number, changes: ZendeskUserInput): Promise<ZendeskUser> {
    const data = await this.http.call({
      method: 'PUT',
      path: `/api/v2/users/${userId}`,
      endpoint: 'PUT /api/v2/users/{user_id}',
      body: { user: changes },
      schema: userResponseSchema,
    });
    return data.user;
  }

  /**
   * GET /api/v2/organizations/search?name= : organizations whose name is exactly `name` (Zendesk
   * compares case-insensitively). Admins only.
   * https://developer.zendesk.com/api-reference/ticketing/organizations/organizations/#search-organizations
   */
  async searchOrganizationsByName(name: string): Promise<ZendeskOrganization[]> {
    const data = await this.http.call({
      method: 'GET',
      path: '/api/v2/organizations/search',
      endpoint: 'GET /api/v2/organizations/search',
      query: { name },
      schema: organizationsResponseSchema,
    });
    return data.organizations;
  }

  /** GET /api/v2/users/{id}/identities, all pages. */
  async listUserIdentities(userId: number): Promise<ZendeskIdentity[]> {
    const identities: ZendeskIdentity[] = [];
    const schema = cursorListSchema('identities', zendeskIdentitySchema);
    for await (const identity of iterateCursorPages((cursor) =>
      this.cursorPage(`/api/v2/users/${userId}/identities`, 'GET /api/v2/users/{user_id}/identities', {}, schema, cursor),
    )) {
      identities.push(identity);
    }
    return identities;
  }

  /**
   * POST /api/v2/users/{id}/identities: adds an e-mail identity (secondary until made primary).
   * `skip_verify_email` keeps Zendesk from mailing the new address; the product verifies it itself
   * once the person confirmed the change (C23). Not retried after it may have reached Zendesk.
   * https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#create-identity
   */
  async createEmailIdentity(userId: number, email: string, options: { skipVerifyEmail?: boolean } = {}): Promise<ZendeskIdentity> {
    const data = await this.http.call({
      method: 'POST',
      path: `/api/v2/users/${userId}/identities`,
      endpoint: 'POST /api/v2/users/{user_id}/identities',
      body: { identity: { type: 'email', value: email, ...(options.skipVerifyEmail ? { skip_verify_email: true } : {}) } },
      schema: identityResponseSchema,
    });
    return data.identity;
  }

  /**
   * PUT /api/v2/users/{id}/identities/{identity_id}/make_primary: the user's primary e-mail becomes
   * this identity; Zendesk answers with the whole collection.
   * https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#make-identity-primary
   */
  async makeIdentityPrimary(userId: number, identityId: number): Promise<ZendeskIdentity[]> {
    const data = await this.http.call({
      method: 'PUT',
      path: `/api/v2/users/${userId}/identities/${identityId}/make_primary`,
      endpoint: 'PUT /api/v2/users/{user_id}/identities/{user_identity_id}/make_primary',
      body: {},
      schema: identitiesResponseSchema,
    });
    return data.identities;
  }

  /**
   * PUT /api/v2/users/{id}/identities/{identity_id}/verify: marks the identity verified.
   * https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#verify-identity
   */
  async verifyIdentity(userId: number, identityId: number): Promise<ZendeskIdentity> {
    const data = await this.http.call({
      method: 'PUT',
      path: `/api/v2/users/${userId}/identities/${identityId}/verify`,
      endpoint: 'PUT /api/v2/users/{user_id}/identities/{user_identity_id}/verify',
      body: {},
      schema: identityResponseSchema,
    });
    return data.identity;
  }

  /**
   * GET /api/v2/users/{id}/group_memberships, all pages: the groups an agent belongs to, which
   * decide the tickets a "groups"-restricted agent may see.
   * https://developer.zendesk.com/api-reference/ticketing/groups/group_memberships/#list-memberships
   */
  async listGroupMemberships(userId: number): Promise<ZendeskGroupMembership[]> {
    const memberships: ZendeskGroupMembership[] = [];
    const schema = cursorListSchema('group_memberships', zendeskGroupMembershipSchema);
    for await (const membership of iterateCursorPages((cursor) =>
      this.cursorPage(`/api/v2/users/${userId}/group_memberships`, 'GET /api/v2/users/{user_id}/group_memberships', {}, schema, cursor),
    )) {
      memberships.push(membership);
    }
    return memberships;
  }

  /**
   * GET /api/v2/users/search?query= with offset paging (Zendesk stops at 10,000 results; use
   * searchExportUsers for more). `page` starts at 1; `nextPage` is null on the last page.
   */
  async searchUsers(query: string, page = 1, perPage = PAGE_SIZE): Promise<{ users: ZendeskUser[]; nextPage: number | null; count?: number }> {
    const data = await this.http.call({
      method: 'GET',
      path: '/api/v2/users/search',
      endpoint: 'GET /api/v2/users/search',
      query: { query, page, per_page: perPage },
      schema: userSearchResponseSchema,
    });
    return { users: data.users, nextPage: data.next_page ? page + 1 : null, ...(data.count === undefined ? {} : { count: data.count }) };
  }

  /**
   * One page of GET /api/v2/search/export (filter[type]=user). Cursors expire after an hour.
   * https://developer.zendesk.com/api-reference/ticketing/ticket-management/search/#export-search-results
   */
  searchExportUsersPage(query: string, cursor?: string, pageSize = PAGE_SIZE): Promise<CursorPage<ZendeskUser>> {
    return this.cursorPage(
      '/api/v2/search/export',
      'GET /api/v2/search/export',
      { query, 'filter[type]': 'user' },
      cursorListSchema('results', zendeskUserSchema),
      cursor,
      pageSize,
    );
  }

  /** All users matching `query`, following the export cursor; resumes from `startCursor`. */
  searchExportUsers(query: string, startCursor?: string): AsyncGenerator<ZendeskUser, void, undefined> {
    return iterateCursorPages((cursor) => this.searchExportUsersPage(query, cursor), startCursor);
  }

  /**
   * One page of GET /api/v2/incremental/users/cursor (users with `last_login_at`; 10 requests/min).
   * https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-user-export-cursor-based
   */
  async incrementalUsersPage(start: IncrementalStart, perPage?: number): Promise<IncrementalUsersPage> {
    const data = await this.http.call({
      method: 'GET',
      path: '/api/v2/incremental/users/cursor',
      endpoint: 'GET /api/v2/incremental/users/cursor',
      query: {
        ...('cursor' in start ? { cursor: start.cursor } : { start_time: start.startTime }),
        per_page: perPage,
      },
      schema: incrementalUsersResponseSchema,
    });
    return { items: data.users, afterCursor: data.after_cursor ?? null, endOfStream: data.end_of_stream };
  }

  /** Every user changed since `start`, until the end of the stream. */
  async *incrementalUsers(start: IncrementalStart): AsyncGenerator<ZendeskUser, void, undefined> {
    let position = start;
    for (;;) {
      const page = await this.incrementalUsersPage(position);
      yield* page.items;
      if (page.endOfStream || page.afterCursor === null) return;
      if ('cursor' in position && position.cursor === page.afterCursor) return;
      position = { cursor: page.afterCursor };
    }
  }

  /** GET /api/v2/users/{id}/compliance_deletion_statuses (per-product GDPR deletion status). */
  async complianceDeletionStatuses(userId: number, application?: string): Promise<ZendeskComplianceDeletionStatus[]> {
    const data = await this.http.call({
      method: 'GET',
      path: `/api/v2/users/${userId}/compliance_deletion_statuses`,
      endpoint: 'GET /api/v2/users/{user_id}/compliance_deletion_statuses',
      query: { application },
      schema: complianceDeletionStatusesResponseSchema,
    });
    return data.compliance_deletion_statuses;
  }

  // ---- tickets -----------------------------------------------------------------------------

  /** GET /api/v2/tickets/{id} */
  async showTicket(ticketId: number): Promise<ZendeskTicket> {
    const data = await this.http.call({
      method: 'GET',
      path: `/api/v2/tickets/${ticketId}`,
      endpoint: 'GET /api/v2/tickets/{ticket_id}',
      schema: ticketResponseSchema,
    });
    return data.ticket;
  }

  /** GET /api/v2/tickets/show_many?ids= (chunked by 100): the tickets that still exist; deleted ones are left out. */
  async showManyTickets(ticketIds: readonly number[]): Promise<ZendeskTicket[]> {
    const tickets: ZendeskTicket[] = [];
    for (const chunk of chunks(ticketIds, ZENDESK_BULK_LIMIT)) {
      const data = await this.http.call({
        method: 'GET',
        path: '/api/v2/tickets/show_many',
        endpoint: 'GET /api/v2/tickets/show_many',
        query: { ids: chunk.join(',') },
        schema: ticketsResponseSchema,
      });
      tickets.push(...data.tickets);
    }
    return tickets;
  }

  /** POST /api/v2/tickets (not retried after it may have reached Zendesk). */
  async createTicket(ticket: ZendeskTicketInput): Promise<ZendeskTicket> {
    const data = await this.http.call({
      method: 'POST',
      path: '/api/v2/tickets',
      endpoint: 'POST /api/v2/tickets',
      body: { ticket },
      schema: ticketResponseSchema,
    });
    return data.ticket;
  }

  /**
   * One page of GET /api/v2/users/{id}/tickets/requested. Documented under "List Tickets"
   * (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-tickets) but
   * absent from the split OpenAPI copy in reference/; see test/contract/spec-index.ts.
   */
  ticketsRequestedByPage(userId: number, cursor?: string): Promise<CursorPage<ZendeskTicket>> {
    return this.cursorPage(
      `/api/v2/users/${userId}/tickets/requested`,
      'GET /api/v2/users/{user_id}/tickets/requested',
      {},
      cursorListSchema('tickets', zendeskTicketSchema),
      cursor,
    );
  }

  /** Every ticket the user requested (any status). */
  ticketsRequestedBy(userId: number, startCursor?: string): AsyncGenerator<ZendeskTicket, void, undefined> {
    return iterateCursorPages((cursor) => this.ticketsRequestedByPage(userId, cursor), startCursor);
  }

  /** One page of GET /api/v2/users/{id}/tickets/ccd (same documentation caveat as requested). */
  ticketsCcdOnPage(userId: number, cursor?: string): Promise<CursorPage<ZendeskTicket>> {
    return this.cursorPage(
      `/api/v2/users/${userId}/tickets/ccd`,
      'GET /api/v2/users/{user_id}/tickets/ccd',
      {},
      cursorListSchema('tickets', zendeskTicketSchema),
      cursor,
    );
  }

  /** Every ticket the user is CC'd on. */
  ticketsCcdOn(userId: number, startCursor?: string): AsyncGenerator<ZendeskTicket, void, undefined> {
    return iterateCursorPages((cursor) => this.ticketsCcdOnPage(userId, cursor), startCursor);
  }

  /** GET /api/v2/tickets/{id}/email_ccs (needs the CCs and Followers feature). */
  listEmailCcs(ticketId: number): Promise<ZendeskUser[]> {
    return this.ticketUsers(ticketId, 'email_ccs');
  }

  /** GET /api/v2/tickets/{id}/followers */
  listFollowers(ticketId: number): Promise<ZendeskUser[]> {
    return this.ticketUsers(ticketId, 'followers');
  }

  /** GET /api/v2/tickets/{id}/collaborators (CCs on accounts without the CCs and Followers feature). */
  listCollaborators(ticketId: number): Promise<ZendeskUser[]> {
    return this.ticketUsers(ticketId, 'collaborators');
  }

  /**
   * PUT /api/v2/tickets/{id} with everything in one request (CC/follower removals and the
   * internal note). A comment makes the update unsafe to repeat, so it is retried only with
   * `updatedStamp` (the ticket's `updated_at`): Zendesk's safe_update then answers 409 instead of
   * adding the note twice, surfaced as ConflictError.
   * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#protecting-against-ticket-update-collisions
   */
  async updateTicket(ticketId: number, update: ZendeskTicketUpdate, options: { updatedStamp?: string } = {}): Promise<ZendeskTicket> {
    const safe = options.updatedStamp !== undefined;
    const ticket = safe ? { ...update, safe_update: true, updated_stamp: options.updatedStamp } : update;
    const data = await this.http.call({
      method: 'PUT',
      path: `/api/v2/tickets/${ticketId}`,
      endpoint: 'PUT /api/v2/tickets/{ticket_id}',
      body: { ticket },
      schema: ticketResponseSchema,
      idempotent: update.comment === undefined || safe,
      ...(safe ? { classifyError: classifySafeUpdateConflict } : {}),
    });
    return data.ticket;
  }

  /**
   * Removes e-mail CCs and followers and adds one internal note, in ONE ticket update.
   * https://developer.zendesk.com/documentation/ticketing/managing-tickets/creating-and-managing-ccs-and-followers/
   */
  removeParticipants(
    ticketId: number,
    remove: { emailCcUserIds?: readonly number[]; followerUserIds?: readonly number[]; internalNote?: string },
    options: { updatedStamp?: string } = {},
  ): Promise<ZendeskTicket> {
    const update: ZendeskTicketUpdate = {};
    if (remove.emailCcUserIds?.length) update.email_ccs = remove.emailCcUserIds.map((user_id) => ({ user_id, action: 'delete' }));
    if (remove.followerUserIds?.length) update.followers = remove.followerUserIds.map((user_id) => ({ user_id, action: 'delete' }));
    if (remove.internalNote !== undefined) update.comment = { body: remove.internalNote, public: false };
    return this.updateTicket(ticketId, update, options);
  }

  /** PUT /api/v2/tickets/update_many?ids= with one change for all (e.g. status closed); returns the job. */
  async updateManyTickets(ticketIds: readonly number[], changes: Omit<ZendeskTicketUpdate, 'comment'>): Promise<ZendeskJobStatus[]> {
    const jobs: ZendeskJobStatus[] = [];
    for (const chunk of chunks(ticketIds, ZENDESK_BULK_LIMIT)) {
      const data = await this.http.call({
        method: 'PUT',
        path: '/api/v2/tickets/update_many',
        endpoint: 'PUT /api/v2/tickets/update_many',
        query: { ids: chunk.join(',') },
        body: { ticket: changes },
        schema: jobStatusResponseSchema,
      });
      jobs.push(data.job_status);
    }
    return jobs;
  }

  /** Closes tickets in bulk (update_many); returns one job per 100 tickets. */
  closeTickets(ticketIds: readonly number[]): Promise<ZendeskJobStatus[]> {
    return this.updateManyTickets(ticketIds, { status: 'closed' });
  }

  // ---- comments ----------------------------------------------------------------------------

  /** One page of GET /api/v2/tickets/{id}/comments (cursor pagination). */
  listCommentsPage(ticketId: number, cursor?: string): Promise<CursorPage<ZendeskComment>> {
    return this.cursorPage(
      `/api/v2/tickets/${ticketId}/comments`,
      'GET /api/v2/tickets/{ticket_id}/comments',
      {},
      cursorListSchema('comments', zendeskCommentSchema),
      cursor,
    );
  }

  /** Every comment of a ticket, oldest first. */
  listComments(ticketId: number, startCursor?: string): AsyncGenerator<ZendeskComment, void, undefined> {
    return iterateCursorPages((cursor) => this.listCommentsPage(ticketId, cursor), startCursor);
  }

  /**
   * PUT /api/v2/comment_redactions/{comment_id} (works on closed and archived tickets; needs
   * Agent Workspace). When that endpoint is unavailable (404/403) and `legacyTexts` are given,
   * falls back to PUT /api/v2/tickets/{t}/comments/{c}/redact, one string at a time (not on
   * closed tickets). https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#redact-ticket-comment-in-agent-workspace
   */
  async redactComment(redaction: CommentRedaction): Promise<CommentRedactionResult> {
    if (redaction.htmlBody === undefined && !redaction.externalAttachmentUrls?.length && !redaction.legacyTexts?.length) {
      throw new InvalidRequestError('Zendesk comment redaction: nothing to redact was given.', ['htmlBody', 'legacyTexts']);
    }
    if (redaction.htmlBody !== undefined || redaction.externalAttachmentUrls?.length) {
      try {
        const data = await this.http.call({
          method: 'PUT',
          path: `/api/v2/comment_redactions/${redaction.commentId}`,
          endpoint: 'PUT /api/v2/comment_redactions/{ticket_comment_id}',
          body: {
            ticket_id: redaction.ticketId,
            ...(redaction.htmlBody === undefined ? {} : { html_body: redaction.htmlBody }),
            ...(redaction.externalAttachmentUrls?.length ? { external_attachment_urls: redaction.externalAttachmentUrls } : {}),
          },
          schema: commentResponseSchema,
        });
        return { method: 'comment_redactions', comment: data.comment };
      } catch (error) {
        const unavailable = error instanceof NotFoundError || error instanceof PermissionError;
        if (!unavailable || !redaction.legacyTexts?.length) throw error;
      }
    }
    let comment: ZendeskComment | undefined;
    for (const text of redaction.legacyTexts ?? []) {
      const data = await this.http.call({
        method: 'PUT',
        path: `/api/v2/tickets/${redaction.ticketId}/comments/${redaction.commentId}/redact`,
        endpoint: 'PUT /api/v2/tickets/{ticket_id}/comments/{ticket_comment_id}/redact',
        body: { text },
        schema: commentResponseSchema,
      });
      comment = data.comment;
    }
    if (!comment) throw new InvalidRequestError('Zendesk comment redaction: nothing to redact was given.', ['legacyTexts']);
    return { method: 'legacy_redact', comment };
  }

  /**
   * An attachment's file by its `content_url`, at most `maxBytes` (the API token goes only to the
   * account's own host; Zendesk redirects to its file storage, which gets no credentials).
   * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-attachments/#json-format
   */
  downloadAttachment(contentUrl: string, maxBytes: number): Promise<CappedDownload> {
    return this.http.download(contentUrl, 'GET {attachment content_url}', maxBytes);
  }

  /**
   * Replaces a whole attachment with an empty "redacted.txt": comment_redactions with
   * `external_attachment_urls` (works on closed tickets; Agent Workspace), else the older
   * PUT /api/v2/tickets/{t}/comments/{c}/attachments/{a}/redact (not on closed tickets).
   * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-attachments/#redact-comment-attachment
   */
  async redactAttachment(ticketId: number, commentId: number, attachment: { id: number; contentUrl: string }): Promise<'comment_redactions' | 'legacy_redact'> {
    try {
      await this.redactComment({ ticketId, commentId, externalAttachmentUrls: [attachment.contentUrl] });
      return 'comment_redactions';
    } catch (error) {
      if (!(error instanceof NotFoundError || error instanceof PermissionError)) throw error;
    }
    await this.http.call({
      method: 'PUT',
      path: `/api/v2/tickets/${ticketId}/comments/${commentId}/attachments/${attachment.id}/redact`,
      endpoint: 'PUT /api/v2/tickets/{ticket_id}/comments/{comment_id}/attachments/{attachment_id}/redact',
    });
    return 'legacy_redact';
  }

  // ---- deletion ----------------------------------------------------------------------------

  /**
   * DELETE /api/v2/users/{id} (soft delete). A requester of a ticket that is not closed cannot be
   * deleted: PreconditionError with details.reason `requester_of_unclosed_tickets`.
   */
  async softDeleteUser(userId: number): Promise<ZendeskUser> {
    const data = await this.http.call({
      method: 'DELETE',
      path: `/api/v2/users/${userId}`,
      endpoint: 'DELETE /api/v2/users/{user_id}',
      schema: userResponseSchema,
    });
    return data.user;
  }

  /** DELETE /api/v2/users/destroy_many?ids= (100 per job); returns one job per chunk. */
  async softDeleteUsers(userIds: readonly number[]): Promise<ZendeskJobStatus[]> {
    return this.bulkJob(userIds, '/api/v2/users/destroy_many', 'DELETE /api/v2/users/destroy_many');
  }

  /**
   * DELETE /api/v2/deleted_users/{id}: permanent, after a soft delete (700 per 10 minutes).
   * https://developer.zendesk.com/api-reference/ticketing/users/users/#permanently-delete-user
   */
  async permanentlyDeleteUser(userId: number): Promise<void> {
    await this.http.call({
      method: 'DELETE',
      path: `/api/v2/deleted_users/${userId}`,
      endpoint: 'DELETE /api/v2/deleted_users/{deleted_user_id}',
    });
  }

  /** DELETE /api/v2/tickets/destroy_many?ids= (soft delete, 100 per job). */
  softDeleteTickets(ticketIds: readonly number[]): Promise<ZendeskJobStatus[]> {
    return this.bulkJob(ticketIds, '/api/v2/tickets/destroy_many', 'DELETE /api/v2/tickets/destroy_many');
  }

  /** DELETE /api/v2/deleted_tickets/destroy_many?ids= (permanent, soft-deleted tickets only). */
  permanentlyDeleteTickets(ticketIds: readonly number[]): Promise<ZendeskJobStatus[]> {
    return this.bulkJob(ticketIds, '/api/v2/deleted_tickets/destroy_many', 'DELETE /api/v2/deleted_tickets/destroy_many');
  }

  /** GET /api/v2/job_statuses/{id} */
  async showJobStatus(jobId: string): Promise<ZendeskJobStatus> {
    const data = await this.http.call({
      method: 'GET',
      path: `/api/v2/job_statuses/${encodeURIComponent(jobId)}`,
      endpoint: 'GET /api/v2/job_statuses/{job_status_id}',
      schema: jobStatusResponseSchema,
    });
    return data.job_status;
  }

  /**
   * Polls a job until completed, failed or killed, with exponential back-off. Returns the final
   * status (a failed job is returned, not thrown: its `results` say which ids failed).
   */
  async waitForJob(jobId: string, options: WaitForJobOptions = {}): Promise<ZendeskJobStatus> {
    const { clock, sleep } = this.runtime;
    const deadline = clock.now() + (options.maxWaitMs ?? 600_000);
    let delay = options.initialDelayMs ?? 1_000;
    const maxDelay = options.maxDelayMs ?? 15_000;
    for (;;) {
      const job = await this.showJobStatus(jobId);
      if (TERMINAL_JOB_STATES.has(job.status)) return job;
      if (clock.now() + delay > deadline) {
        throw new TransientError(`Zendesk job ${jobId} is still ${job.status}; poll it again later with waitForJob.`);
      }
      await sleep(delay);
      delay = Math.min(maxDelay, delay * 2);
    }
  }

  // ---- user fields -------------------------------------------------------------------------

  /** GET /api/v2/user_fields, all pages. */
  async listUserFields(): Promise<ZendeskUserField[]> {
    const fields: ZendeskUserField[] = [];
    const schema = cursorListSchema('user_fields', zendeskUserFieldSchema);
    for await (const field of iterateCursorPages((cursor) =>
      this.cursorPage('/api/v2/user_fields', 'GET /api/v2/user_fields', {}, schema, cursor),
    )) {
      fields.push(field);
    }
    return fields;
  }

  /** POST /api/v2/user_fields (e.g. the consent and legal-hold fields). */
  async createUserField(field: { key: string; type: string; title: string; description?: string; [key: string]: unknown }): Promise<ZendeskUserField> {
    const data = await this.http.call({
      method: 'POST',
      path: '/api/v2/user_fields',
      endpoint: 'POST /api/v2/user_fields',
      body: { user_field: field },
      schema: userFieldResponseSchema,
    });
    return data.user_field;
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async ticketUsers(ticketId: number, list: 'email_ccs' | 'followers' | 'collaborators'): Promise<ZendeskUser[]> {
    const data = await this.http.call({
      method: 'GET',
      path: `/api/v2/tickets/${ticketId}/${list}`,
      endpoint: `GET /api/v2/tickets/{ticket_id}/${list}`,
      schema: ticketUsersResponseSchema,
    });
    return data.users;
  }

  private async bulkJob(ids: readonly number[], path: string, endpoint: string): Promise<ZendeskJobStatus[]> {
    const jobs: ZendeskJobStatus[] = [];
    for (const chunk of chunks(ids, ZENDESK_BULK_LIMIT)) {
      const data = await this.http.call({
        method: 'DELETE',
        path,
        endpoint,
        query: { ids: chunk.join(',') },
        schema: jobStatusResponseSchema,
      });
      jobs.push(data.job_status);
    }
    return jobs;
  }

  /**
   * Cursor pagination: `page[size]`, then `page[after]` with the previous `meta.after_cursor`.
   * Rebuilding the URL from the cursor (rather than following `links.next`) lets a job resume
   * from a stored cursor. https://developer.zendesk.com/api-reference/introduction/pagination/
   */
  private async cursorPage<T>(
    path: string,
    endpoint: string,
    query: Record<string, string | number | undefined>,
    schema: ZodType<CursorList<T>>,
    cursor: string | undefined,
    pageSize = PAGE_SIZE,
  ): Promise<CursorPage<T>> {
    const data = await this.http.call({
      method: 'GET',
      path,
      endpoint,
      query: { ...query, 'page[size]': pageSize, 'page[after]': cursor },
      schema,
    });
    return { items: data.items, nextCursor: data.hasMore && data.afterCursor ? data.afterCursor : null };
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}

