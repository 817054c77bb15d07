/** Contract tests of the Zendesk connector against documented example payloads. */
import nock from 'nock';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, PreconditionError, TransientError } from '../../../middleware/src/errors.js';
import { REQUESTER_OF_UNCLOSED_TICKETS } from '../../../middleware/src/connectors/zendesk/index.js';
import { ZENDESK, failure, fixture, resetNock, testConnectors } from '../harness.js';
import { errorMatrix, type MatrixCase } from './error-matrix.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const zendeskError = (status: number): unknown =>
  status === 401
    ? fixture('zendesk/error-unauthorized.json')
    : status === 404
      ? fixture('zendesk/error-not-found.json')
      : status === 429
        ? fixture('zendesk/error-rate-limited.json')
        : { error: 'InternalError' };

function zd(partial: Omit<MatrixCase, 'host' | 'errorBody' | 'okStatus'> & { okStatus?: number }): MatrixCase {
  return { host: ZENDESK, errorBody: zendeskError, okStatus: 200, ...partial };
}

const JOB_ID = '82de0b044094f0c67893ac9fe64f1a99';

export const zendeskMatrix: MatrixCase[] = [
  zd({ name: 'showUser', method: 'get', path: '/api/v2/users/35436', okBody: fixture('zendesk/user.json'), invoke: (c) => c.zendesk.showUser(35436), idempotent: true, validates: true }),
  zd({ name: 'showManyUsers', method: 'get', path: '/api/v2/users/show_many', okBody: fixture('zendesk/users-show-many.json'), invoke: (c) => c.zendesk.showManyUsers([35436, 35437]), idempotent: true, validates: true }),
  zd({ name: 'createUser', method: 'post', path: '/api/v2/users', okStatus: 201, okBody: fixture('zendesk/user.json'), invoke: (c) => c.zendesk.createUser({ name: 'Johnny Agent', email: 'johnny@example.com' }), idempotent: false, validates: true }),
  zd({ name: 'updateUser', method: 'put', path: '/api/v2/users/35436', okBody: fixture('zendesk/user-updated.json'), invoke: (c) => c.zendesk.updateUser(35436, { user_fields: { privacy_consent_marketing: 'granted' } }), idempotent: true, validates: true }),
  zd({ name: 'searchOrganizationsByName', method: 'get', path: '/api/v2/organizations/search', okBody: fixture('zendesk/organizations-search.json'), invoke: (c) => c.zendesk.searchOrganizationsByName('One Organization'), idempotent: true, validates: true }),
  zd({ name: 'listUserIdentities', method: 'get', path: '/api/v2/users/35436/identities', okBody: fixture('zendesk/identities.json'), invoke: (c) => c.zendesk.listUserIdentities(35436), idempotent: true, validates: true }),
  zd({ name: 'createEmailIdentity', method: 'post', path: '/api/v2/users/35436/identities', okStatus: 201, okBody: fixture('zendesk/identity-created.json'), invoke: (c) => c.zendesk.createEmailIdentity(35436, 'johnny.new@example.com', { skipVerifyEmail: true }), idempotent: false, validates: true }),
  zd({ name: 'makeIdentityPrimary', method: 'put', path: '/api/v2/users/35436/identities/77136/make_primary', okBody: fixture('zendesk/identities-make-primary.json'), invoke: (c) => c.zendesk.makeIdentityPrimary(35436, 77136), idempotent: true, validates: true }),
  zd({ name: 'verifyIdentity', method: 'put', path: '/api/v2/users/35436/identities/77136/verify', okBody: fixture('zendesk/identity-verified.json'), invoke: (c) => c.zendesk.verifyIdentity(35436, 77136), idempotent: true, validates: true }),
  zd({ name: 'listGroupMemberships', method: 'get', path: '/api/v2/users/29/group_memberships', okBody: fixture('zendesk/group-memberships.json'), invoke: (c) => c.zendesk.listGroupMemberships(29), idempotent: true, validates: true }),
  zd({ name: 'searchUsers', method: 'get', path: '/api/v2/users/search', okBody: fixture('zendesk/users-search.json'), invoke: (c) => c.zendesk.searchUsers('johnny'), idempotent: true, validates: true }),
  zd({ name: 'searchExportUsersPage', method: 'get', path: '/api/v2/search/export', okBody: fixture('zendesk/search-export-page2.json'), invoke: (c) => c.zendesk.searchExportUsersPage('role:end-user'), idempotent: true, validates: true }),
  zd({ name: 'incrementalUsersPage', method: 'get', path: '/api/v2/incremental/users/cursor', okBody: fixture('zendesk/incremental-users-page2.json'), invoke: (c) => c.zendesk.incrementalUsersPage({ startTime: 1_700_000_000 }), idempotent: true, validates: true }),
  zd({ name: 'complianceDeletionStatuses', method: 'get', path: '/api/v2/users/35436/compliance_deletion_statuses', okBody: fixture('zendesk/compliance-deletion-statuses.json'), invoke: (c) => c.zendesk.complianceDeletionStatuses(35436), idempotent: true, validates: true }),
  zd({ name: 'showTicket', method: 'get', path: '/api/v2/tickets/35436', okBody: fixture('zendesk/ticket.json'), invoke: (c) => c.zendesk.showTicket(35436), idempotent: true, validates: true }),
  zd({ name: 'showManyTickets', method: 'get', path: '/api/v2/tickets/show_many', okBody: fixture('zendesk/tickets-show-many.json'), invoke: (c) => c.zendesk.showManyTickets([35436, 35437]), idempotent: true, validates: true }),
  zd({ name: 'createTicket', method: 'post', path: '/api/v2/tickets', okStatus: 201, okBody: fixture('zendesk/ticket.json'), invoke: (c) => c.zendesk.createTicket({ subject: 'Access request', comment: { body: 'x' } }), idempotent: false, validates: true }),
  zd({ name: 'ticketsRequestedByPage', method: 'get', path: '/api/v2/users/20978392/tickets/requested', okBody: fixture('zendesk/tickets-requested-page2.json'), invoke: (c) => c.zendesk.ticketsRequestedByPage(20978392), idempotent: true, validates: true }),
  zd({ name: 'ticketsCcdOnPage', method: 'get', path: '/api/v2/users/35334/tickets/ccd', okBody: fixture('zendesk/tickets-ccd.json'), invoke: (c) => c.zendesk.ticketsCcdOnPage(35334), idempotent: true, validates: true }),
  zd({ name: 'listEmailCcs', method: 'get', path: '/api/v2/tickets/35436/email_ccs', okBody: fixture('zendesk/ticket-email-ccs.json'), invoke: (c) => c.zendesk.listEmailCcs(35436), idempotent: true, validates: true }),
  zd({ name: 'listFollowers', method: 'get', path: '/api/v2/tickets/35436/followers', okBody: fixture('zendesk/ticket-followers.json'), invoke: (c) => c.zendesk.listFollowers(35436), idempotent: true, validates: true }),
  zd({ name: 'listCollaborators', method: 'get', path: '/api/v2/tickets/35436/collaborators', okBody: fixture('zendesk/ticket-collaborators.json'), invoke: (c) => c.zendesk.listCollaborators(35436), idempotent: true, validates: true }),
  zd({ name: 'updateTicket (no comment)', method: 'put', path: '/api/v2/tickets/35436', okBody: fixture('zendesk/ticket-updated.json'), invoke: (c) => c.zendesk.updateTicket(35436, { email_ccs: [{ user_id: 234, action: 'delete' }] }), idempotent: true, validates: true }),
  zd({ name: 'removeParticipants (with note, no stamp)', method: 'put', path: '/api/v2/tickets/35436', okBody: fixture('zendesk/ticket-updated.json'), invoke: (c) => c.zendesk.removeParticipants(35436, { emailCcUserIds: [234], internalNote: 'Removed CCs without consent.' }), idempotent: false, validates: true }),
  zd({ name: 'closeTickets', method: 'put', path: '/api/v2/tickets/update_many', okBody: fixture('zendesk/job-status-queued.json'), invoke: (c) => c.zendesk.closeTickets([35436, 35437]), idempotent: true, validates: true }),
  zd({ name: 'listCommentsPage', method: 'get', path: '/api/v2/tickets/35436/comments', okBody: fixture('zendesk/comments.json'), invoke: (c) => c.zendesk.listCommentsPage(35436), idempotent: true, validates: true }),
  zd({ name: 'redactComment', method: 'put', path: '/api/v2/comment_redactions/1274', okBody: fixture('zendesk/comment-redacted.json'), invoke: (c) => c.zendesk.redactComment({ ticketId: 35436, commentId: 1274, htmlBody: '<redact>847564</redact>' }), idempotent: true, validates: true }),
  zd({ name: 'softDeleteUser', method: 'delete', path: '/api/v2/users/35436', okBody: fixture('zendesk/user-deleted.json'), invoke: (c) => c.zendesk.softDeleteUser(35436), idempotent: true, validates: true }),
  zd({ name: 'softDeleteUsers', method: 'delete', path: '/api/v2/users/destroy_many', okBody: fixture('zendesk/job-status-queued.json'), invoke: (c) => c.zendesk.softDeleteUsers([35436, 35437]), idempotent: true, validates: true }),
  zd({ name: 'permanentlyDeleteUser', method: 'delete', path: '/api/v2/deleted_users/35436', okBody: fixture('zendesk/deleted-user.json'), invoke: (c) => c.zendesk.permanentlyDeleteUser(35436), idempotent: true, validates: false }),
  zd({ name: 'softDeleteTickets', method: 'delete', path: '/api/v2/tickets/destroy_many', okBody: fixture('zendesk/job-status-queued.json'), invoke: (c) => c.zendesk.softDeleteTickets([35436]), idempotent: true, validates: true }),
  zd({ name: 'permanentlyDeleteTickets', method: 'delete', path: '/api/v2/deleted_tickets/destroy_many', okBody: fixture('zendesk/job-status-queued.json'), invoke: (c) => c.zendesk.permanentlyDeleteTickets([35436]), idempotent: true, validates: true }),
  zd({ name: 'showJobStatus', method: 'get', path: `/api/v2/job_statuses/${JOB_ID}`, okBody: fixture('zendesk/job-status-completed.json'), invoke: (c) => c.zendesk.showJobStatus(JOB_ID), idempotent: true, validates: true }),
  zd({ name: 'listUserFields', method: 'get', path: '/api/v2/user_fields', okBody: fixture('zendesk/user-fields.json'), invoke: (c) => c.zendesk.listUserFields(), idempotent: true, validates: true }),
  zd({ name: 'createUserField', method: 'post', path: '/api/v2/user_fields', okStatus: 201, okBody: fixture('zendesk/user-field-created.json'), invoke: (c) => c.zendesk.createUserField({ key: 'privacy_legal_hold', type: 'checkbox', title: 'Legal hold' }), idempotent: false, validates: true }),
];

/** Registers every Zendesk contract test. */
export function zendeskContractSuite(): void {
  beforeEach(resetNock);
  afterEach(() => {
    nock.cleanAll();
  });

  describe('Zendesk identities and roles (C23, ticket-level authorization)', () => {
    it('C23 when an e-mail is rectified, then the identity is created without a verification mail, made primary and verified, as Zendesk documents', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .post('/api/v2/users/35436/identities', { identity: { type: 'email', value: 'johnny.new@example.com', skip_verify_email: true } })
        .reply(201, fixture('zendesk/identity-created.json'))
        .put('/api/v2/users/35436/identities/77136/make_primary')
        .reply(200, fixture('zendesk/identities-make-primary.json'))
        .put('/api/v2/users/35436/identities/77136/verify')
        .reply(200, fixture('zendesk/identity-verified.json'));
      const created = await c.zendesk.createEmailIdentity(35436, 'johnny.new@example.com', { skipVerifyEmail: true });
      expect(created).toMatchObject({ id: 77136, primary: false, verified: false });
      const all = await c.zendesk.makeIdentityPrimary(35436, created.id);
      expect(all.find((i) => i.primary)?.value).toBe('johnny.new@example.com');
      expect(await c.zendesk.verifyIdentity(35436, created.id)).toMatchObject({ verified: true, primary: true });
      scope.done();
    });

    it('when a light agent with a custom role is shown, then role_type, custom_role_id, ticket_restriction and organization_id are read', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK).get('/api/v2/users/35436').reply(200, fixture('zendesk/user-light-agent.json'));
      expect(await c.zendesk.showUser(35436)).toMatchObject({ role: 'agent', role_type: 1, custom_role_id: 9373643, ticket_restriction: 'groups', organization_id: 57542 });
      scope.done();
    });

    it('when an agent\'s group memberships are listed, then every page is read and the group ids come back', async () => {
      const c = testConnectors();
      const page1 = { ...fixture<Record<string, unknown>>('zendesk/group-memberships.json'), meta: { has_more: true, after_cursor: 'xyz', before_cursor: null } };
      const scope = nock(ZENDESK)
        .get('/api/v2/users/29/group_memberships')
        .query({ 'page[size]': 100 })
        .reply(200, page1)
        .get('/api/v2/users/29/group_memberships')
        .query({ 'page[size]': 100, 'page[after]': 'xyz' })
        .reply(200, { group_memberships: [{ id: 50, user_id: 29, group_id: 44, default: false }], meta: { has_more: false, after_cursor: null } });
      expect((await c.zendesk.listGroupMemberships(29)).map((m) => m.group_id)).toEqual([12, 3, 44]);
      scope.done();
    });
  });

  describe('Zendesk users', () => {
    it('when a user is shown, then the documented fields are parsed and extra fields kept', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK).get('/api/v2/users/35436').reply(200, fixture('zendesk/user.json'));
      const user = await c.zendesk.showUser(35436);
      expect(user).toMatchObject({ id: 35436, role: 'end-user', last_login_at: '2011-05-05T10:38:52Z' });
      expect(user.locale).toBe('en-US');
      scope.done();
    });

    it('when 150 users are asked for, then show_many is called in chunks of 100 ids', async () => {
      const c = testConnectors();
      const ids = Array.from({ length: 150 }, (_, index) => index + 1);
      const scope = nock(ZENDESK)
        .get('/api/v2/users/show_many')
        .query({ ids: ids.slice(0, 100).join(',') })
        .reply(200, fixture('zendesk/users-show-many.json'))
        .get('/api/v2/users/show_many')
        .query({ ids: ids.slice(100).join(',') })
        .reply(200, fixture('zendesk/users-show-many.json'));
      const users = await c.zendesk.showManyUsers(ids);
      expect(users).toHaveLength(4);
      scope.done();
    });

    it('when a user is created, then the body is {user: ...} and the created user returned', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .post('/api/v2/users', { user: { name: 'Johnny Agent', email: 'johnny@example.com' } })
        .reply(201, fixture('zendesk/user.json'));
      expect((await c.zendesk.createUser({ name: 'Johnny Agent', email: 'johnny@example.com' })).id).toBe(35436);
      scope.done();
    });

    it('when user_fields are updated, then they are sent under user.user_fields', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .put('/api/v2/users/35436', { user: { user_fields: { privacy_consent_marketing: 'granted' } } })
        .reply(200, fixture('zendesk/user-updated.json'));
      const user = await c.zendesk.updateUser(35436, { user_fields: { privacy_consent_marketing: 'granted' } });
      expect(user.user_fields?.privacy_consent_marketing).toBe('granted');
      scope.done();
    });

    it('C23 when organizations are searched by name, then name= is sent and the organizations come back', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK).get('/api/v2/organizations/search').query({ name: 'One Organization' }).reply(200, fixture('zendesk/organizations-search.json'));
      expect(await c.zendesk.searchOrganizationsByName('One Organization')).toMatchObject([{ id: 35436, name: 'One Organization' }]);
      scope.done();
    });

    it('when identities are listed, then e-mail and phone identities come back', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK).get('/api/v2/users/35436/identities').query({ 'page[size]': '100' }).reply(200, fixture('zendesk/identities.json'));
      const identities = await c.zendesk.listUserIdentities(35436);
      expect(identities.map((identity) => identity.type)).toEqual(['email', 'phone_number']);
      scope.done();
    });

    it('when users are searched with offset paging, then the next page number is derived from next_page', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .get('/api/v2/users/search')
        .query({ query: 'email:johnny@example.com', page: '1', per_page: '100' })
        .reply(200, fixture('zendesk/users-search.json'));
      const result = await c.zendesk.searchUsers('email:johnny@example.com');
      expect(result.nextPage).toBe(2);
      expect(result.count).toBe(2);
      scope.done();
    });

    it('when search export is iterated, then filter[type]=user is sent and page[after] follows meta.after_cursor', async () => {
      const c = testConnectors();
      const page1 = fixture<{ meta: { after_cursor: string } }>('zendesk/search-export-page1.json');
      const scope = nock(ZENDESK)
        .get('/api/v2/search/export')
        .query({ query: 'role:end-user', 'filter[type]': 'user', 'page[size]': '100' })
        .reply(200, page1)
        .get('/api/v2/search/export')
        .query({ query: 'role:end-user', 'filter[type]': 'user', 'page[size]': '100', 'page[after]': page1.meta.after_cursor })
        .reply(200, fixture('zendesk/search-export-page2.json'));
      const users = await collect(c.zendesk.searchExportUsers('role:end-user'));
      expect(users.map((user) => user.id)).toEqual([35436, 35437]);
      scope.done();
    });

    it('when a search export page is fetched, then its cursor is returned so a job can resume from it', async () => {
      const c = testConnectors();
      nock(ZENDESK).get('/api/v2/search/export').query(true).reply(200, fixture('zendesk/search-export-page1.json'));
      const page = await c.zendesk.searchExportUsersPage('role:end-user');
      expect(page.nextCursor).toMatch(/^eyJ/);
      const scope = nock(ZENDESK)
        .get('/api/v2/search/export')
        .query((query) => query['page[after]'] === page.nextCursor)
        .reply(200, fixture('zendesk/search-export-page2.json'));
      const resumed = await collect(c.zendesk.searchExportUsers('role:end-user', page.nextCursor ?? undefined));
      expect(resumed.map((user) => user.id)).toEqual([35437]);
      scope.done();
    });

    it('when the incremental user export is iterated, then start_time is used first, then cursor, until end_of_stream', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .get('/api/v2/incremental/users/cursor')
        .query({ start_time: '1700000000' })
        .reply(200, fixture('zendesk/incremental-users-page1.json'))
        .get('/api/v2/incremental/users/cursor')
        .query({ cursor: 'MTU3NjYxMzUzOS4wfHw0Njd8' })
        .reply(200, fixture('zendesk/incremental-users-page2.json'));
      const users = await collect(c.zendesk.incrementalUsers({ startTime: 1_700_000_000 }));
      expect(users.map((user) => user.last_login_at ?? null)).toEqual(['2011-05-05T10:38:52Z', null]);
      scope.done();
    });

    it('when an incremental page ends the stream, then its after_cursor is still returned for the next run', async () => {
      const c = testConnectors();
      nock(ZENDESK).get('/api/v2/incremental/users/cursor').query({ cursor: 'abc' }).reply(200, fixture('zendesk/incremental-users-page2.json'));
      const page = await c.zendesk.incrementalUsersPage({ cursor: 'abc' });
      expect(page).toMatchObject({ endOfStream: true, afterCursor: 'MTU3NjYxMzU5OS4wfHw0Njh8' });
    });

    it('when compliance deletion statuses are read, then one entry per application comes back', async () => {
      const c = testConnectors();
      nock(ZENDESK).get('/api/v2/users/35436/compliance_deletion_statuses').reply(200, fixture('zendesk/compliance-deletion-statuses.json'));
      const statuses = await c.zendesk.complianceDeletionStatuses(35436);
      expect(statuses.map((status) => status.action)).toEqual(['request_deletion', 'started', 'complete']);
    });
  });

  describe('Zendesk tickets', () => {
    it('when a ticket is shown, then requester, CCs and followers are parsed', async () => {
      const c = testConnectors();
      nock(ZENDESK).get('/api/v2/tickets/35436').reply(200, fixture('zendesk/ticket.json'));
      const ticket = await c.zendesk.showTicket(35436);
      expect(ticket).toMatchObject({ requester_id: 20978392, email_cc_ids: [35334, 234], follower_ids: [35334] });
    });

    it('when a ticket is created with email_ccs and a comment, then they are sent under ticket', async () => {
      const c = testConnectors();
      const body = { ticket: { subject: 'Erasure request', comment: { body: 'Please erase', public: false }, email_ccs: [{ user_email: 'dpo@example.com', action: 'put' }] } };
      const scope = nock(ZENDESK).post('/api/v2/tickets', body).reply(201, fixture('zendesk/ticket.json'));
      await c.zendesk.createTicket(body.ticket as never);
      scope.done();
    });

    it('when tickets requested by a user are iterated, then all cursor pages are read', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .get('/api/v2/users/20978392/tickets/requested')
        .query({ 'page[size]': '100' })
        .reply(200, fixture('zendesk/tickets-requested-page1.json'))
        .get('/api/v2/users/20978392/tickets/requested')
        .query({ 'page[size]': '100', 'page[after]': 'xxx1' })
        .reply(200, fixture('zendesk/tickets-requested-page2.json'));
      const tickets = await collect(c.zendesk.ticketsRequestedBy(20978392));
      expect(tickets.map((ticket) => ticket.status)).toEqual(['open', 'closed']);
      scope.done();
    });

    it("when tickets a user is CC'd on are listed, then /tickets/ccd is read", async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK).get('/api/v2/users/35334/tickets/ccd').query(true).reply(200, fixture('zendesk/tickets-ccd.json'));
      expect((await collect(c.zendesk.ticketsCcdOn(35334))).map((ticket) => ticket.id)).toEqual([35440]);
      scope.done();
    });

    it('when email CCs, followers and collaborators are read, then each endpoint returns users', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .get('/api/v2/tickets/35436/email_ccs')
        .reply(200, fixture('zendesk/ticket-email-ccs.json'))
        .get('/api/v2/tickets/35436/followers')
        .reply(200, fixture('zendesk/ticket-followers.json'))
        .get('/api/v2/tickets/35436/collaborators')
        .reply(200, fixture('zendesk/ticket-collaborators.json'));
      expect((await c.zendesk.listEmailCcs(35436)).map((user) => user.id)).toEqual([35334, 234]);
      expect((await c.zendesk.listFollowers(35436)).map((user) => user.id)).toEqual([234]);
      expect((await c.zendesk.listCollaborators(35436)).map((user) => user.id)).toEqual([35334, 234]);
      scope.done();
    });

    it('when CCs and followers are removed with a note, then ONE PUT carries action:"delete" entries and a private comment', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .put('/api/v2/tickets/35436', {
          ticket: {
            email_ccs: [{ user_id: 35334, action: 'delete' }, { user_id: 234, action: 'delete' }],
            followers: [{ user_id: 234, action: 'delete' }],
            comment: { body: 'Removed CCs without consent (policy C-3).', public: false },
            safe_update: true,
            updated_stamp: '2011-05-05T10:38:52Z',
          },
        })
        .once()
        .reply(200, fixture('zendesk/ticket-updated.json'));
      const ticket = await c.zendesk.removeParticipants(
        35436,
        { emailCcUserIds: [35334, 234], followerUserIds: [234], internalNote: 'Removed CCs without consent (policy C-3).' },
        { updatedStamp: '2011-05-05T10:38:52Z' },
      );
      expect(ticket.email_cc_ids).toEqual([]);
      scope.done();
    });

    it('when a safe update with a note meets 500, then it is retried (safe_update makes a duplicate impossible)', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK).put('/api/v2/tickets/35436').reply(500, {}).put('/api/v2/tickets/35436').reply(200, fixture('zendesk/ticket-updated.json'));
      await c.zendesk.removeParticipants(35436, { emailCcUserIds: [234], internalNote: 'note' }, { updatedStamp: '2011-05-05T10:38:52Z' });
      scope.done();
    });

    it('when a safe update meets 409, then ConflictError says to re-read the ticket', async () => {
      const c = testConnectors();
      nock(ZENDESK).put('/api/v2/tickets/35436').reply(409, { error: 'UpdateConflict', description: 'Ticket was updated' });
      const error = await failure(c.zendesk.removeParticipants(35436, { emailCcUserIds: [234], internalNote: 'n' }, { updatedStamp: 'x' }));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.message).toMatch(/re-read/);
    });

    it('when tickets are closed in bulk, then update_many gets ids and {ticket:{status:"closed"}}', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .put('/api/v2/tickets/update_many', { ticket: { status: 'closed' } })
        .query({ ids: '35436,35437' })
        .reply(200, fixture('zendesk/job-status-queued.json'));
      const jobs = await c.zendesk.closeTickets([35436, 35437]);
      expect(jobs[0]?.status).toBe('queued');
      scope.done();
    });
  });

  describe('Zendesk comments', () => {
    it('when comments are listed, then public and private comments come back in order', async () => {
      const c = testConnectors();
      nock(ZENDESK).get('/api/v2/tickets/35436/comments').query({ 'page[size]': '100' }).reply(200, fixture('zendesk/comments.json'));
      const comments = await collect(c.zendesk.listComments(35436));
      expect(comments.map((comment) => comment.public)).toEqual([true, false]);
    });

    it('when a comment is redacted, then comment_redactions gets ticket_id and html_body with <redact> tags', async () => {
      const c = testConnectors();
      const html = '<div class="zd-comment" dir="auto">My ID number is <redact>847564</redact>!</div>';
      const scope = nock(ZENDESK)
        .put('/api/v2/comment_redactions/1274', { ticket_id: 35436, html_body: html })
        .reply(200, fixture('zendesk/comment-redacted.json'));
      const result = await c.zendesk.redactComment({ ticketId: 35436, commentId: 1274, htmlBody: html });
      expect(result.method).toBe('comment_redactions');
      expect(result.comment.body).toContain('▇');
      scope.done();
    });

    it('when comment_redactions is unavailable (404), then the legacy redact endpoint is used per string', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .put('/api/v2/comment_redactions/1274')
        .reply(404, fixture('zendesk/error-not-found.json'))
        .put('/api/v2/tickets/35436/comments/1274/redact', { text: '847564' })
        .reply(200, fixture('zendesk/comment-redacted.json'));
      const result = await c.zendesk.redactComment({ ticketId: 35436, commentId: 1274, htmlBody: '<redact>847564</redact>', legacyTexts: ['847564'] });
      expect(result.method).toBe('legacy_redact');
      scope.done();
    });
  });

  describe('Zendesk attachments (C04, C05)', () => {
    const CONTENT_URL = `${ZENDESK}/attachments/token/vJkkrOWjNQk3PsPaq9TZmPLaf/?name=server.env`;

    it('C04 when an attachment is downloaded, then the API credentials go to the account host only and a redirect to file storage carries none', async () => {
      const c = testConnectors();
      const account = nock(ZENDESK, { reqheaders: { authorization: /^Basic / } })
        .get('/attachments/token/vJkkrOWjNQk3PsPaq9TZmPLaf/')
        .query({ name: 'server.env' })
        .reply(302, '', { location: 'https://files.zdusercontent.com/file/abc?sig=1' });
      const storage = nock('https://files.zdusercontent.com', { badheaders: ['authorization'] })
        .get('/file/abc')
        .query({ sig: '1' })
        .reply(200, 'DB_PASSWORD=secret\n', { 'content-type': 'text/plain' });
      const file = await c.zendesk.downloadAttachment(CONTENT_URL, 1024);
      expect(file.kind).toBe('ok');
      expect(file.kind === 'ok' && file.bytes.toString()).toBe('DB_PASSWORD=secret\n');
      account.done();
      storage.done();
    });

    it('C04 when an attachment is larger than the cap, then reading stops at the cap (declared or streamed) and it is reported too large', async () => {
      const c = testConnectors();
      nock(ZENDESK).get('/attachments/token/big/').reply(200, 'x'.repeat(5000), { 'content-length': '5000' });
      expect(await c.zendesk.downloadAttachment(`${ZENDESK}/attachments/token/big/`, 1024)).toEqual({ kind: 'too_large', limitBytes: 1024 });
      // No Content-Length (chunked): the stream is cut once it passes the cap.
      nock(ZENDESK).get('/attachments/token/chunked/').reply(200, () => Readable.from(['y'.repeat(800), 'y'.repeat(800)]));
      expect(await c.zendesk.downloadAttachment(`${ZENDESK}/attachments/token/chunked/`, 1024)).toEqual({ kind: 'too_large', limitBytes: 1024 });
      nock(ZENDESK).get('/attachments/token/gone/').reply(404, fixture('zendesk/error-not-found.json'));
      expect(await c.zendesk.downloadAttachment(`${ZENDESK}/attachments/token/gone/`, 1024)).toEqual({ kind: 'gone', status: 404 });
    });

    it('C04 when an attachment is redacted, then comment_redactions gets its content_url in external_attachment_urls; without Agent Workspace the attachment redact endpoint is used', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .put('/api/v2/comment_redactions/1274', { ticket_id: 35436, external_attachment_urls: [CONTENT_URL] })
        .reply(200, fixture('zendesk/comment-redacted.json'));
      expect(await c.zendesk.redactAttachment(35436, 1274, { id: 498483, contentUrl: CONTENT_URL })).toBe('comment_redactions');
      scope.done();
      const legacy = nock(ZENDESK)
        .put('/api/v2/comment_redactions/1274')
        .reply(403, { error: 'Forbidden', description: 'You do not have access to this page.' })
        .put('/api/v2/tickets/35436/comments/1274/attachments/498483/redact')
        .reply(200, { attachment: { id: 498483, file_name: 'redacted.txt', content_type: 'text/plain', size: 0 } });
      expect(await c.zendesk.redactAttachment(35436, 1274, { id: 498483, contentUrl: CONTENT_URL })).toBe('legacy_redact');
      legacy.done();
    });
  });

  describe('Zendesk deletion', () => {
    it('when a user is soft deleted, then the inactive user is returned', async () => {
      const c = testConnectors();
      nock(ZENDESK).delete('/api/v2/users/35436').reply(200, fixture('zendesk/user-deleted.json'));
      expect((await c.zendesk.softDeleteUser(35436)).active).toBe(false);
    });

    it('when the user is the requester of tickets that are not closed, then PreconditionError with reason requester_of_unclosed_tickets', async () => {
      const c = testConnectors();
      nock(ZENDESK).delete('/api/v2/users/35436').reply(422, fixture('zendesk/error-requester-unclosed.json'));
      const error = await failure(c.zendesk.softDeleteUser(35436));
      expect(error).toBeInstanceOf(PreconditionError);
      expect((error as PreconditionError).details?.reason).toBe(REQUESTER_OF_UNCLOSED_TICKETS);
      expect(error.message).toMatch(/close them/);
    });

    it('when users are soft deleted in bulk, then destroy_many gets the ids and a job status comes back', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK).delete('/api/v2/users/destroy_many').query({ ids: '35436,35437' }).reply(200, fixture('zendesk/job-status-queued.json'));
      expect((await c.zendesk.softDeleteUsers([35436, 35437]))[0]?.id).toBe(JOB_ID);
      scope.done();
    });

    it('when a user is permanently deleted, then DELETE /deleted_users/{id} is sent', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK).delete('/api/v2/deleted_users/35436').reply(200, fixture('zendesk/deleted-user.json'));
      await c.zendesk.permanentlyDeleteUser(35436);
      scope.done();
    });

    it('when tickets are soft then permanently deleted, then both bulk endpoints get ids and the job is polled to completion with back-off', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .delete('/api/v2/tickets/destroy_many')
        .query({ ids: '35436,35437' })
        .reply(200, fixture('zendesk/job-status-queued.json'))
        .delete('/api/v2/deleted_tickets/destroy_many')
        .query({ ids: '35436,35437' })
        .reply(200, fixture('zendesk/job-status-queued.json'))
        .get(`/api/v2/job_statuses/${JOB_ID}`)
        .reply(200, fixture('zendesk/job-status-queued.json'))
        .get(`/api/v2/job_statuses/${JOB_ID}`)
        .reply(200, fixture('zendesk/job-status-working.json'))
        .get(`/api/v2/job_statuses/${JOB_ID}`)
        .reply(200, fixture('zendesk/job-status-completed.json'));
      await c.zendesk.softDeleteTickets([35436, 35437]);
      const [job] = await c.zendesk.permanentlyDeleteTickets([35436, 35437]);
      const done = await c.zendesk.waitForJob(job?.id ?? '');
      expect(done.status).toBe('completed');
      expect(c.time.sleeps).toEqual([1_000, 2_000]);
      scope.done();
    });

    it('when a job does not finish within maxWaitMs, then TransientError says to poll again later', async () => {
      const c = testConnectors();
      nock(ZENDESK).get(`/api/v2/job_statuses/${JOB_ID}`).times(3).reply(200, fixture('zendesk/job-status-working.json'));
      const error = await failure(c.zendesk.waitForJob(JOB_ID, { maxWaitMs: 3_500 }));
      expect(error).toBeInstanceOf(TransientError);
      expect(error.message).toMatch(/poll it again later/);
    });
  });

  describe('Zendesk user fields', () => {
    it('when user fields are listed and one created, then {user_field: ...} is sent and parsed', async () => {
      const c = testConnectors();
      const scope = nock(ZENDESK)
        .get('/api/v2/user_fields')
        .query(true)
        .reply(200, fixture('zendesk/user-fields.json'))
        .post('/api/v2/user_fields', { user_field: { key: 'privacy_legal_hold', type: 'checkbox', title: 'Legal hold' } })
        .reply(201, fixture('zendesk/user-field-created.json'));
      expect((await c.zendesk.listUserFields()).map((field) => field.key)).toEqual(['privacy_consent_marketing']);
      expect((await c.zendesk.createUserField({ key: 'privacy_legal_hold', type: 'checkbox', title: 'Legal hold' })).id).toBe(75);
      scope.done();
    });
  });

  errorMatrix('Zendesk', zendeskMatrix);
}
