import { sandboxVendorEnvironment } from '../../middleware/src/demo-composition.js';
import { sandboxCallHistory } from '../../middleware/src/sandbox/call-history.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { requestsModule } from '../../middleware/src/requests/index.js';
import { startSandboxServer, generateSeedDataset, type SandboxServer, type SeedDataset } from '../../middleware/src/sandbox/index.js';
import type { ZendeskTicketRecord } from '../../middleware/src/sandbox/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { testConfig } from '../helpers/test-config.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import { crossSystemPerson } from '../helpers/cross-system-person.js';
import { replyWithConfirmationCode } from '../helpers/person-confirms.js';
import { waitFor } from '../helpers/child-service.js';
import { capturedLogger } from '../helpers/captured-logger.js';

let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
let dataset: SeedDataset;
let adminSession: string;
let agentSession: string;
const { logger, lines } = capturedLogger();
const ADMIN_ID = 1_000_001;
const AGENT_ID = 1_000_002;

let nextTicketId = 900_001;
/** Seeds a ticket tagged as a privacy request, as it arrives by e-mail from `fromAddress`. */
function seedRequestTicket(requesterId: number, fromAddress: string, tag = 'privacy_request_erasure'): number {
  const id = nextTicketId++;
  const now = new Date().toISOString();
  const ticket = {
    id,
    requester_id: requesterId,
    submitter_id: requesterId,
    assignee_id: null,
    status: 'new',
    subject: 'Please delete my account',
    description: 'Please delete all my data.',
    email_cc_ids: [],
    follower_ids: [],
    collaborator_ids: [],
    via: { channel: 'email', source: { from: { address: fromAddress }, to: {}, rel: null } },
    created_at: now,
    updated_at: now,
    tags: [tag],
  } as unknown as ZendeskTicketRecord;
  sandbox.sandbox.seed({ zendesk: { tickets: [ticket], comments: [{ id: 7_000_000_000 + id, ticket_id: id, author_id: requesterId, body: 'Please delete all my data.', html_body: '<p>Please delete all my data.</p>', public: true, created_at: now }] } });
  return id;
}

async function deliverTicketTrigger(ticketId: number, requesterId: number, tags: string) {
  const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketId), status: 'new', requester_id: String(requesterId), via: 'Mail', tags } });
  const res = await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body) });
  expect(res.status).toBe(200);
}

async function api(path: string, init: { method?: string; body?: unknown; session?: string } = {}) {
  const res = await fetch(`${service.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.session ?? adminSession}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
}

async function requestFor(ticketId: number): Promise<{ id: string; status: string } | undefined> {
  const { rows } = await service.db.query<{ id: string; status: string }>('SELECT id, status FROM privacy_requests WHERE ticket_id = $1', [ticketId]);
  return rows[0];
}

beforeAll(async () => {
  dataset = generateSeedDataset({ seed: 'requests-erasure-e2e', size: 120, now: new Date() }).dataset;
  sandbox = await startSandboxServer({ dataset, zendesk: { jobAutoCompleteMs: 2000 } });
  database = await createTestDatabase();
  const config = testConfig({
    ...sandboxVendorEnvironment(sandbox.url),
    POLICY_PROFILE: 'ispsystem',
  });
  const auth = new AppAuthenticator({ sessionSecret: config.sessionSecret, publicKey: 'unused', lookupRole: async (id) => (id === ADMIN_ID ? 'admin' : 'agent') });
  adminSession = await auth.issueSession(ADMIN_ID);
  agentSession = await auth.issueSession(AGENT_ID);
  // Talkdesk's public API cannot list a contact's calls; the sandbox's records stand in for a call report.
  const calls = sandboxCallHistory(() => sandbox.sandbox.state).talkdeskCalls;
  service = await startService(config, { db: database.db, logger, modules: [requestsModule(auth, { jobPollInitialMs: 100, talkdeskCalls: calls, blockedRetrySeconds: 1 })], pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

describe('erasure requests end to end on the sandbox', () => {
  it('when an erasure request is e-mailed from the account\'s primary address and the person answers with the confirmation code, then it runs across Zendesk, LiveChat and Talkdesk and a receipt lists each (C20, C17, C30)', async () => {
    const person = crossSystemPerson(dataset);
    const userId = person.user.id;
    const ticketId = seedRequestTicket(userId, person.user.email!);
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');
    // C20: a request from the primary address still waits for the person's code (a From can be forged).
    await replyWithConfirmationCode(sandbox, ticketId, { id: userId, email: person.user.email! });
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');

    await waitFor(async () => (await requestFor(ticketId))?.status === 'completed', 90_000, 'the erasure to complete');
    const request = (await requestFor(ticketId))!;

    const state = sandbox.sandbox.state;
    // Zendesk: the user and every ticket of theirs permanently deleted, verified by 404.
    expect(state.zendesk.users.has(userId)).toBe(false);
    expect(state.zendesk.purgedUserIds.has(userId)).toBe(true);
    for (const ticket of [...person.tickets.map((t) => t.id), ticketId]) expect(state.zendesk.tickets.has(ticket)).toBe(false);
    // LiveChat: profile masked, transcripts left to a manual task.
    const customer = state.livechat.customers.get(person.customer.id)!;
    expect(customer.email).not.toBe(person.user.email);
    expect(customer.name).toBe('Erased customer');
    // Talkdesk: contact deleted, GDPR request sent once.
    expect(state.talkdesk.contacts.has(person.contact.id)).toBe(false);
    expect(state.talkdesk.gdprRequests).toHaveLength(1);
    expect(state.talkdesk.gdprRequests[0]!.body.reason).toBe('rtbf');

    const receipt = await api(`/api/v1/requests/${request.id}/receipt`);
    expect(receipt.status).toBe(200);
    const systems = receipt.json.systems as Record<string, { actions: Array<{ step: string; status: string; result: Record<string, unknown> }> }>;
    const step = (system: string, name: string) => systems[system]!.actions.find((a) => a.step === name)!;
    expect(step('zendesk', 'permanently_delete_user').status).toBe('done');
    expect(step('zendesk', 'soft_delete_tickets').result.jobIds).toHaveLength(1);
    expect(step('zendesk', 'permanently_delete_tickets').result.ticketIds).toEqual(expect.arrayContaining(person.tickets.map((t) => t.id)));
    expect(step('zendesk', 'verify_deleted').result.userAnswers404).toBe(true);
    expect(step('livechat', 'mask_customers').result.maskedCustomerIds).toEqual([person.customer.id]);
    expect(step('livechat', 'transcripts_task').status).toBe('manual');
    // The GDPR request went first and removed the contact; the next step read it (404) and deleted nothing.
    expect(step('talkdesk', 'delete_contacts').result.alreadyGoneContactIds).toEqual([person.contact.id]);
    expect(step('talkdesk', 'delete_contacts').result.deletedContactIds).toEqual([]);
    expect(step('talkdesk', 'gdpr_forget').result.httpStatus).toBe(204);
    const tasks = receipt.json.manualTasks as Array<{ system: string; title: string }>;
    expect(tasks.some((t) => t.system === 'livechat' && t.title.includes('transcript'))).toBe(true);
    // No personal data in the receipt.
    expect(JSON.stringify(receipt.json)).not.toContain(person.user.email);

    // C29: the task list names people across every ticket, so an agent (not admin) is refused.
    expect((await api('/api/v1/manual-tasks', { session: agentSession })).status).toBe(403);
    expect((await api('/api/v1/requests?status=all', { session: agentSession })).status).toBe(403);
    expect((await api(`/api/v1/requests/${request.id}/receipt`, { session: agentSession })).status).toBe(403);
    const manual = await api('/api/v1/manual-tasks');
    expect(manual.json.some((t: { requestId?: string; system: string }) => t.requestId === request.id && t.system === 'livechat')).toBe(true);

    // Every deleting call was made once.
    const log = sandbox.sandbox.requestLog;
    expect(log.filter({ vendor: 'zendesk', endpoint: 'DELETE /api/v2/deleted_users/{id}' }).filter((e) => e.status === 200)).toHaveLength(1);
    expect(log.filter({ vendor: 'talkdesk', endpoint: 'POST /internal-contacts/gdpr' }).filter((e) => e.status === 204)).toHaveLength(1);

    const verification = await service.context.audit.verify();
    expect(verification.ok).toBe(true);
    const { rows } = await service.db.query<{ action: string; clause: string | null; details: unknown }>('SELECT action, clause, details FROM audit_ledger ORDER BY seq');
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['request.erasure.received', 'request.erasure.started', 'talkdesk.contact.deleted', 'zendesk.user.permanently_deleted', 'request.erasure.completed']));
    expect(JSON.stringify(rows)).not.toContain(person.user.email);
    expect(lines.join('\n')).not.toContain(person.user.email);
  });

  it('when the erasure request comes from another address, then a confirmation is asked on the ticket and nothing is deleted until an agent confirms (C20)', async () => {
    const first = crossSystemPerson(dataset);
    const person = crossSystemPerson(dataset, [first.user.id]);
    const userId = person.user.id;
    const ticketId = seedRequestTicket(userId, 'someone.else@example.net');
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');
    await waitFor(async () => (await requestFor(ticketId))?.status === 'awaiting_identity', 30_000, 'the request to await identity');
    await waitFor(async () => {
      const comments = [...(sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? [])];
      return comments.some((c) => c.public && /with this code: /.test(c.body));
    }, 30_000, 'the confirmation reply');
    const comments = [...sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? []];
    expect(comments.some((c) => c.public && /with this code: [A-Z0-9]{4}-[A-Z0-9]{4}/.test(c.body))).toBe(true);

    // The same delivery again (Zendesk retries) creates nothing new.
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');
    const before = sandbox.sandbox.requestLog.count({ vendor: 'zendesk', method: 'DELETE' });
    const request = (await requestFor(ticketId))!;
    expect(sandbox.sandbox.state.zendesk.users.get(userId)?.active).toBe(true);
    expect(sandbox.sandbox.state.talkdesk.contacts.has(person.contact.id)).toBe(true);
    const { rows } = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM privacy_requests WHERE ticket_id = $1', [ticketId]);
    expect(rows[0]!.n).toBe(1);
    expect(sandbox.sandbox.requestLog.count({ vendor: 'zendesk', method: 'DELETE' })).toBe(before);

    // The manual override is an admin's (C20): an agent's is refused.
    expect((await api(`/api/v1/requests/${request.id}/confirm-identity`, { method: 'POST', body: {}, session: agentSession })).status).toBe(403);
    const confirmed = await api(`/api/v1/requests/${request.id}/confirm-identity`, { method: 'POST', body: {} });
    expect(confirmed.status).toBe(200);
    await waitFor(async () => (await requestFor(ticketId))?.status === 'completed', 90_000, 'the confirmed erasure to complete');
    expect(sandbox.sandbox.state.zendesk.users.has(userId)).toBe(false);
    expect((await service.context.audit.verify()).ok).toBe(true);
  });
  it('C15 C17 when an erasure completes, then no table of this service holds the person\'s address any more, and what is kept for accountability is re-keyed to the audit reference', async () => {
    const first = crossSystemPerson(dataset);
    const second = crossSystemPerson(dataset, [first.user.id]);
    const person = crossSystemPerson(dataset, [first.user.id, second.user.id]);
    const userId = person.user.id;
    const email = person.user.email!.toLowerCase();
    const zendeskKey = `zendesk:${userId}`;
    // What this service came to hold about the person before the erasure: their profile row, a CC
    // consent given by e-mail before they were a user, an earlier access request with its archive,
    // and a processed delivery about someone else's ticket that CC'd them.
    await service.db.query(`INSERT INTO people (person_key, zendesk_user_id, email, display_name) VALUES ($1, $2, $3, $4)`, [zendeskKey, userId, email, person.user.name]);
    for (const [key, uid] of [[`email:${email}`, null], [zendeskKey, userId]] as const) {
      await service.db.query(
        `INSERT INTO consent_records (person_key, zendesk_user_id, email, purpose, action, source, evidence, policy_version, actor) VALUES ($1, $2, $3, 'cc', 'granted', 'email_reply', '{"ticketId":1}', 'v1', 'agent:1')`,
        [key, uid, email],
      );
    }
    const accessId = '6f1c2a9e-0000-4000-8000-000000000001';
    await service.db.query(
      `INSERT INTO privacy_requests (id, type, origin, person_key, zendesk_user_id, status, received_at, due_at, created_by, completed_at, working_data)
       VALUES ($1, 'access', 'agent', $2, NULL, 'completed', now(), now() + interval '30 days', 'agent:1', now(), '{}')`,
      [accessId, `email:${email}`],
    );
    await service.db.query(`INSERT INTO request_exports (request_id, archive, sha256, byte_size) VALUES ($1, $2, 'x', 10)`, [accessId, Buffer.from(`export of ${email}`)]);
    const otherTicket = 880_001;
    const ccBody = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(otherTicket), status: 'open', requester_id: '1', email_ccs: [{ email }] } });
    expect((await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body: ccBody, headers: signedZendeskHeaders(ccBody) })).status).toBe(200);
    await waitFor(async () => (await service.db.query(`SELECT 1 FROM webhook_inbox WHERE subject_ref = $1 AND status <> 'queued'`, [`ticket:${otherTicket}`])).rows.length === 1, 30_000, 'the CC delivery to be processed');

    const ticketId = seedRequestTicket(userId, person.user.email!);
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');
    // C20: a request from the primary address still waits for the person's code (a From can be forged).
    await replyWithConfirmationCode(sandbox, ticketId, { id: userId, email: person.user.email! });
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');
    await waitFor(async () => (await requestFor(ticketId))?.status === 'completed', 90_000, 'the erasure to complete');

    const tables = (await service.db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_schema IN ('public', 'pgboss') AND table_type = 'BASE TABLE'`,
    )).rows;
    const holding: string[] = [];
    for (const table of tables) {
      const { rows } = await service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table.schema}"."${table.name}" t WHERE lower(t::text) LIKE $1`, [`%${email}%`]);
      if (rows[0]!.n > 0) holding.push(`${table.schema}.${table.name}`);
    }
    expect(holding).toEqual([]);

    const erasedKey = `erased:${service.context.audit.subjectRefFor(zendeskKey)}`;
    expect((await service.db.query('SELECT 1 FROM people WHERE zendesk_user_id = $1', [userId])).rows).toHaveLength(0);
    expect((await service.db.query('SELECT 1 FROM request_exports WHERE request_id = $1', [accessId])).rows).toHaveLength(0);
    const consent = await service.db.query<{ person_key: string; email: string | null }>(`SELECT person_key, email FROM consent_records WHERE person_key IN ($1, $2) ORDER BY person_key`, [erasedKey, zendeskKey]);
    expect(consent.rows).toEqual([{ person_key: erasedKey, email: null }, { person_key: zendeskKey, email: null }]);
    expect((await service.db.query<{ person_key: string }>('SELECT person_key FROM privacy_requests WHERE id = $1', [accessId])).rows[0]!.person_key).toBe(erasedKey);
    // The re-keyed records still resolve to the person's audit reference.
    expect(service.context.audit.subjectRefFor(erasedKey)).toBe(service.context.audit.subjectRefFor(zendeskKey));
    const request = (await requestFor(ticketId))!;
    const receipt = await api(`/api/v1/requests/${request.id}/receipt`);
    const local = (receipt.json.systems as Record<string, { actions: Array<{ step: string; result: Record<string, number> }> }>).privacy_guard!.actions.find((a) => a.step === 'erase_local_copies')!;
    expect(local.result).toMatchObject({ exportsDeleted: 1, peopleDeleted: 1, consentRecordsPseudonymised: 2, requestsPseudonymised: 1 });
    expect(local.result.webhookPayloadsScrubbed).toBeGreaterThanOrEqual(2);
    expect((await service.context.audit.verify()).ok).toBe(true);
  });
  it('C19 when the person is the requester of a ticket still open, then the erasure is blocked with that ticket id and nothing is deleted; once the ticket is closed it completes', async () => {
    const used: number[] = [];
    for (let i = 0; i < 3; i++) used.push(crossSystemPerson(dataset, used).user.id);
    const person = crossSystemPerson(dataset, used);
    const userId = person.user.id;
    const openTicketId = seedRequestTicket(userId, person.user.email!, 'billing');
    const openTicket = sandbox.sandbox.state.zendesk.tickets.get(openTicketId)!;
    openTicket.status = 'open';
    const deletesBefore = sandbox.sandbox.requestLog.count({ vendor: 'zendesk', method: 'DELETE' });

    const ticketId = seedRequestTicket(userId, person.user.email!);
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');
    // C20: a request from the primary address still waits for the person's code (a From can be forged).
    await replyWithConfirmationCode(sandbox, ticketId, { id: userId, email: person.user.email! });
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');
    await waitFor(async () => {
      const { rows } = await service.db.query<{ blocked: unknown }>('SELECT blocked FROM privacy_requests WHERE ticket_id = $1', [ticketId]);
      return rows[0]?.blocked != null;
    }, 60_000, 'the erasure to be blocked');
    const request = (await requestFor(ticketId))!;
    const listed = await api('/api/v1/requests?status=open');
    expect(listed.json.find((r: { id: string }) => r.id === request.id)?.status).toBe('blocked');
    const { rows } = await service.db.query<{ blocked: { ticketIds: number[] } }>('SELECT blocked FROM privacy_requests WHERE id = $1', [request.id]);
    const blocked = typeof rows[0]!.blocked === 'string' ? JSON.parse(rows[0]!.blocked as unknown as string) : rows[0]!.blocked;
    expect(blocked.ticketIds).toEqual([openTicketId]);
    expect(sandbox.sandbox.requestLog.count({ vendor: 'zendesk', method: 'DELETE' })).toBe(deletesBefore);
    expect(sandbox.sandbox.state.zendesk.users.get(userId)?.active).toBe(true);
    const audit = await service.db.query<{ clause: string; details: { ticketIds?: number[] } | string }>(`SELECT clause, details FROM audit_ledger WHERE action = 'request.erasure.blocked'`);
    expect(audit.rows.some((r) => r.clause === 'C19' && JSON.stringify(r.details).includes(String(openTicketId)))).toBe(true);

    openTicket.status = 'closed';
    await waitFor(async () => (await requestFor(ticketId))?.status === 'completed', 90_000, 'the unblocked erasure to complete');
    expect(sandbox.sandbox.state.zendesk.users.has(userId)).toBe(false);
    expect((await service.db.query('SELECT blocked FROM privacy_requests WHERE id = $1 AND blocked IS NULL', [request.id])).rows).toHaveLength(1);
  });
  it('C20 when the person sends the confirmation code back by e-mail from the account\'s primary address, then the erasure starts; the same code from another address does not start it', async () => {
    const used: number[] = [];
    for (let i = 0; i < 4; i++) used.push(crossSystemPerson(dataset, used).user.id);
    const person = crossSystemPerson(dataset, used);
    const userId = person.user.id;
    const ticketId = seedRequestTicket(userId, 'not-the-account@example.net');
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');
    await waitFor(async () => {
      const comments = [...(sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? [])];
      return comments.some((c) => c.public && /with this code: /.test(c.body));
    }, 30_000, 'the confirmation reply');

    const asked = [...sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? []].find((c) => c.public && /with this code: /.test(c.body))!;
    const code = /with this code: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(asked.body)![1]!;
    const reply = (id: number, from: string) => {
      const at = new Date().toISOString();
      const body = `Yes, please delete it. ${code}`;
      sandbox.sandbox.seed({ zendesk: { comments: [{ id, ticket_id: ticketId, author_id: userId, body, html_body: `<p>${body}</p>`, public: true, created_at: at, via: { channel: 'email', source: { from: { address: from }, to: {}, rel: null } } }] } });
    };
    reply(7_100_000_000 + ticketId, 'not-the-account@example.net');
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');
    await waitFor(async () => (await service.db.query(`SELECT 1 FROM webhook_inbox WHERE subject_ref = $1 AND status = 'queued'`, [`ticket:${ticketId}`])).rows.length === 0, 30_000, 'the delivery to be processed');
    expect((await requestFor(ticketId))?.status).toBe('awaiting_identity');

    reply(7_200_000_000 + ticketId, person.user.email!.toUpperCase());
    await deliverTicketTrigger(ticketId, userId, 'privacy_request_erasure');
    await waitFor(async () => (await requestFor(ticketId))?.status === 'completed', 90_000, 'the confirmed erasure to complete');
    const { rows } = await service.db.query<{ identity: { method: string } | string }>('SELECT identity FROM privacy_requests WHERE ticket_id = $1', [ticketId]);
    const identity = typeof rows[0]!.identity === 'string' ? JSON.parse(rows[0]!.identity) : rows[0]!.identity;
    expect(identity.method).toBe('confirmation_code');
    expect(sandbox.sandbox.state.zendesk.users.has(userId)).toBe(false);
  });
});
