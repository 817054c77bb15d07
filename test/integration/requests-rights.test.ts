import { sandboxVendorEnvironment } from '../../middleware/src/demo-composition.js';
import { sandboxCallHistory } from '../../middleware/src/sandbox/call-history.js';
import { unzip } from '../helpers/unzip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { requestsModule } from '../../middleware/src/requests/index.js';
import { erasePerson } from '../../middleware/src/erasure/index.js';
import { PreconditionError } from '../../middleware/src/errors.js';
import { startSandboxServer, generateSeedDataset, type SandboxServer, type SeedDataset } from '../../middleware/src/sandbox/index.js';
import type { ZendeskTicketRecord, ZendeskUserRecord } from '../../middleware/src/sandbox/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/child-service.js';
import { capturedLogger } from '../helpers/captured-logger.js';

let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
let dataset: SeedDataset;
let adminSession: string;
let agentSession: string;
const ADMIN_ID = 1_000_001;
const AGENT_ID = 1_000_002;
const used = new Set<number>();

/** An unused end user with a LiveChat customer and a Talkdesk contact (and, when asked, only closed tickets). */
function person(options: { closedOnly?: boolean; withCalls?: boolean } = {}) {
  for (const user of dataset.zendesk.users) {
    if (used.has(user.id) || user.role !== 'end-user' || !user.email || user.email.includes('desk.example.com')) continue;
    const tickets = dataset.zendesk.tickets.filter((t) => t.requester_id === user.id);
    if (tickets.length === 0 || (options.closedOnly && tickets.some((t) => t.status !== 'closed'))) continue;
    const customer = dataset.livechat.customers.find((c) => c.email === user.email);
    const contact = dataset.talkdesk.contacts.find((c) => c.emails.some((e) => e.number === user.email));
    if (!customer || !contact) continue;
    if (options.withCalls && !dataset.talkdesk.calls.some((c) => c.contact_id === contact.id && dataset.talkdesk.recordings.some((r) => r.call_id === c.id))) continue;
    used.add(user.id);
    return { user, tickets, customer, contact };
  }
  throw new Error('no suitable person left in the seed');
}

let nextTicketId = 700_001;
function seedRequestTicket(user: ZendeskUserRecord, tag: string): number {
  const id = nextTicketId++;
  const now = new Date().toISOString();
  sandbox.sandbox.seed({
    zendesk: {
      tickets: [
        {
          id, requester_id: user.id, submitter_id: user.id, assignee_id: null, status: 'new', subject: 'Privacy request', description: 'Privacy request',
          email_cc_ids: [], follower_ids: [], collaborator_ids: [], via: { channel: 'email', source: { from: { address: user.email }, to: {}, rel: null } },
          created_at: now, updated_at: now, tags: [tag],
        } as unknown as ZendeskTicketRecord,
      ],
    },
  });
  return id;
}

async function api(path: string, init: { method?: string; body?: unknown; session?: string | null } = {}) {
  const session = init.session === undefined ? adminSession : init.session;
  const res = await fetch(`${service.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(session ? { authorization: `Bearer ${session}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
}

async function statusOf(id: string): Promise<string | undefined> {
  const { rows } = await service.db.query<{ status: string }>('SELECT status FROM privacy_requests WHERE id = $1', [id]);
  return rows[0]?.status;
}

beforeAll(async () => {
  dataset = generateSeedDataset({ seed: 'requests-rights', size: 300, now: new Date() }).dataset;
  sandbox = await startSandboxServer({ dataset, zendesk: { jobAutoCompleteMs: 2000 }, talkdesk: { recordingRetentionDays: null } });
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
  service = await startService(config, { db: database.db, logger: capturedLogger().logger, modules: [requestsModule(auth, { jobPollInitialMs: 100, talkdeskCalls: calls })], pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

describe('access export (C21, C22)', () => {
  it('when an access request completes, then the archive holds every record the three systems have for the person and nothing of anyone else (C02, C21, C22)', async () => {
    const subject = person({ withCalls: true });
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'access', personKey: `zendesk:${subject.user.id}` }, session: agentSession });
    expect(created.status).toBe(201);
    expect(created.json.status).toBe('awaiting_identity');
    expect((await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {}, session: agentSession })).status).toBe(403);
    expect((await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} })).status).toBe(200);
    await waitFor(async () => (await statusOf(created.json.id)) === 'completed', 60_000, 'the export');

    const link = await api(`/api/v1/requests/${created.json.id}/export-link`, { method: 'POST', body: {} });
    expect(link.status).toBe(200);
    const download = await fetch(`${service.url}${link.json.path}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('application/zip');
    const files = unzip(Buffer.from(await download.arrayBuffer()));
    expect([...files.keys()].sort()).toEqual(
      ['calls.csv', 'chat_messages.csv', 'chats.csv', 'comments.csv', 'consent_history.csv', 'export.json', 'identities.csv', 'livechat_customers.csv', 'processors.csv', 'profile.csv', 'recordings.csv', 'requests.csv', 'talkdesk_contacts.csv', 'third_party_recipients.csv', 'tickets.csv'],
    );
    const data = JSON.parse(files.get('export.json')!);
    // C35: the third parties the policy names as recipients (plesk names six; a profile naming none lists none).
    expect(data.third_party_recipients.map((r: { name: string }) => r.name)).toEqual(service.context.profile.thirdPartyRecipients?.map((r) => r.name) ?? []);
    // C12, C13: who processed the data and where, with the person's region.
    expect(data.processors.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Zendesk', 'LiveChat', 'Talkdesk']));
    const state = sandbox.sandbox.state;

    // Zendesk: profile, identities, every requested ticket with all its comments.
    expect(data.profile).toHaveLength(1);
    expect(files.get('profile.csv')).toContain(subject.user.email);
    expect(data.identities.map((i: { value: string }) => i.value).sort()).toEqual(subject.user.identities.map((i) => i.value).sort());
    const requested = [...(state.zendesk.ticketsByRequester.get(subject.user.id) ?? [])].sort((a, b) => a - b);
    expect(data.tickets.filter((t: { role: string }) => t.role === 'requester').map((t: { id: number }) => t.id).sort((a: number, b: number) => a - b)).toEqual(requested);
    const commentIds = requested.flatMap((id) => (state.zendesk.commentsByTicket.get(id) ?? []).map((c) => c.id)).sort();
    expect(data.comments.filter((c: { ticket_id: number }) => requested.includes(c.ticket_id)).map((c: { id: number }) => c.id).sort()).toEqual(commentIds);
    // LiveChat: every thread and message of every chat.
    const chats = [...state.livechat.chats.values()].filter((c) => c.customer_id === subject.customer.id);
    expect(data.chats.map((c: { thread_id: string }) => c.thread_id).sort()).toEqual(chats.flatMap((c) => c.threads.map((t) => t.id)).sort());
    expect(data.chat_messages.map((m: { id: string }) => m.id).sort()).toEqual(chats.flatMap((c) => c.threads.flatMap((t) => t.events.map((e) => e.id))).sort());
    expect(data.livechat_customers.map((c: { id: string }) => c.id)).toEqual([subject.customer.id]);
    // Talkdesk: the contact, its calls and recording metadata.
    expect(data.talkdesk_contacts.map((c: { id: string }) => c.id)).toEqual([subject.contact.id]);
    const calls = [...state.talkdesk.calls.values()].filter((c) => c.contact_id === subject.contact.id);
    expect(data.calls.map((c: { id: string }) => c.id).sort()).toEqual(calls.map((c) => c.id).sort());
    expect(data.recordings.map((r: { id: string }) => r.id).sort()).toEqual([...state.talkdesk.recordings.values()].filter((r) => calls.some((c) => c.id === r.call_id)).map((r) => r.id).sort());
    expect(data.recordings.length).toBeGreaterThan(0);
    expect(data.requests.map((r: { id: string }) => r.id)).toContain(created.json.id);

    // Nothing of anyone else: no other end user's e-mail, name or phone anywhere in the archive.
    const everything = [...files.values()].join('\n');
    for (const other of dataset.zendesk.users) {
      if (other.id === subject.user.id || other.role !== 'end-user') continue;
      if (other.email) expect(everything.includes(other.email)).toBe(false);
      expect(new RegExp(`${other.name}(?!\\d)`).test(everything)).toBe(false);
      if (other.phone && other.phone !== subject.user.phone) expect(everything.includes(other.phone)).toBe(false);
    }
  });

  it('when the export is meant for a third party without third_party_sharing consent, then the link is refused and audited (C22, C08)', async () => {
    const subject = person();
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'access', personKey: `zendesk:${subject.user.id}` } });
    await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} });
    await waitFor(async () => (await statusOf(created.json.id)) === 'completed', 60_000, 'the export');
    const refused = await api(`/api/v1/requests/${created.json.id}/export-link`, { method: 'POST', body: { recipient: 'third_party' } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('consent_required');
    const { rows } = await service.db.query<{ clause: string }>(`SELECT clause FROM audit_ledger WHERE action = 'request.export.third_party_refused'`);
    expect(rows.map((r) => r.clause)).toContain('C08');
    // A link with a wrong signature is refused; the agent (not admin) cannot mint one.
    expect((await fetch(`${service.url}/api/v1/requests/${created.json.id}/export?expires=9999999999&signature=forged`)).status).toBe(403);
    expect((await api(`/api/v1/requests/${created.json.id}/export-link`, { method: 'POST', body: {}, session: agentSession })).status).toBe(403);
  });
});

describe('holds, restriction, objection, rectification, deadlines, minors', () => {
  it('when a legal hold is active, then an erasure request is refused with its reason, and placing and lifting are audited (C18)', async () => {
    const subject = person({ closedOnly: true });
    const personKey = `zendesk:${subject.user.id}`;
    const hold = await api('/api/v1/holds', { method: 'POST', body: { personKey, reason: 'Chargeback dispute 2026-114' } });
    expect(hold.status).toBe(201);
    const ticketId = seedRequestTicket(subject.user, 'privacy_request_erasure');
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'erasure', personKey, ticketId }, session: agentSession });
    // C20: filed by an agent, an erasure waits for the person (or an admin's override) even on a ticket from the primary address.
    expect(created.json.status).toBe('awaiting_identity');
    await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} });
    await waitFor(async () => (await statusOf(created.json.id)) === 'refused', 30_000, 'the held erasure to be refused');
    const { rows } = await service.db.query<{ refusal_reason: string }>('SELECT refusal_reason FROM privacy_requests WHERE id = $1', [created.json.id]);
    expect(rows[0]!.refusal_reason).toContain('Chargeback dispute');
    expect(sandbox.sandbox.state.zendesk.users.get(subject.user.id)?.active).toBe(true);
    // The retention sweep's call is refused the same way, as a precondition.
    await expect(erasePerson(service.context, { personRef: { zendeskUserId: subject.user.id }, mode: 'delete', origin: 'retention', requestId: `retention:test:${subject.user.id}` })).rejects.toBeInstanceOf(PreconditionError);
    expect((await api(`/api/v1/holds/${hold.json.id}`, { method: 'DELETE', session: agentSession })).status).toBe(403);
    expect((await api(`/api/v1/holds/${hold.json.id}`, { method: 'DELETE' })).json).toEqual({ ok: true });
    const audit = await service.db.query<{ action: string; clause: string }>(`SELECT action, clause FROM audit_ledger WHERE clause = 'C18' ORDER BY seq`);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['legal_hold.placed', 'request.erasure.refused', 'legal_hold.lifted']));
  });

  it('when a rectification is requested from the primary address, then Zendesk and LiveChat are corrected and Talkdesk gets a manual task (C23)', async () => {
    const subject = person();
    const ticketId = seedRequestTicket(subject.user, 'privacy_request_rectification');
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'rectification', personKey: `zendesk:${subject.user.id}`, ticketId, changes: { name: 'Corrected Name' } }, session: agentSession });
    expect(created.status).toBe(201);
    // C23: a rectification changes the person's identity data, so it too waits for a confirmation.
    expect(created.json.status).toBe('awaiting_identity');
    await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} });
    await waitFor(async () => (await statusOf(created.json.id)) === 'completed', 60_000, 'the rectification');
    expect(sandbox.sandbox.state.zendesk.users.get(subject.user.id)!.name).toBe('Corrected Name');
    expect(sandbox.sandbox.state.livechat.customers.get(subject.customer.id)!.name).toBe('Corrected Name');
    const tasks = await api('/api/v1/manual-tasks');
    const task = tasks.json.find((t: { requestId?: string; system: string }) => t.requestId === created.json.id && t.system === 'talkdesk');
    expect(task).toBeDefined();
    expect((await api(`/api/v1/manual-tasks/${task.id}/done`, { method: 'POST', body: { proof: 'Corrected in Talkdesk by agent 2' } })).json.status).toBe('done');
    // A rectification without the corrected values is a 400 with issues.
    const invalid = await api('/api/v1/requests', { method: 'POST', body: { type: 'rectification', personKey: `zendesk:${subject.user.id}` } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('invalid_request');
  });

  it('when a restriction is requested, then the person is restricted and audited, and lifting it is audited (C24)', async () => {
    const subject = person();
    const personKey = `zendesk:${subject.user.id}`;
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'restriction', personKey } });
    await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} });
    await waitFor(async () => (await statusOf(created.json.id)) === 'completed', 30_000, 'the restriction');
    const flags = await service.db.query<{ restricted: boolean }>('SELECT restricted FROM people WHERE person_key = $1', [personKey]);
    expect(flags.rows[0]!.restricted).toBe(true);
    // The sweep skips a restricted person (C24).
    await expect(erasePerson(service.context, { personRef: { zendeskUserId: subject.user.id }, mode: 'delete', origin: 'retention', requestId: `retention:restricted:${subject.user.id}` })).rejects.toBeInstanceOf(PreconditionError);
    expect((await api(`/api/v1/people/${encodeURIComponent(personKey)}/restriction`, { method: 'DELETE' })).status).toBe(200);
    const audit = await service.db.query<{ action: string }>(`SELECT action FROM audit_ledger WHERE clause = 'C24' AND subject_ref = $1 ORDER BY seq`, [service.context.audit.subjectRefFor(personKey)]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['person.restriction.set', 'request.erasure.refused', 'person.restriction.lifted']));
  });

  it('when an objection arrives on a tagged ticket, then the marketing purpose is withdrawn with a new consent record (C25)', async () => {
    const subject = person();
    const personKey = `zendesk:${subject.user.id}`;
    const ticketId = seedRequestTicket(subject.user, 'privacy_request_objection');
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'objection', personKey, ticketId } });
    await waitFor(async () => (await statusOf(created.json.id)) === 'completed', 30_000, 'the objection');
    const { rows } = await service.db.query<{ purpose: string; action: string; source: string }>('SELECT purpose, action, source FROM consent_records WHERE person_key = $1', [personKey]);
    expect(rows).toEqual([{ purpose: 'marketing', action: 'withdrawn', source: 'api' }]);
  });

  it('when requests are listed, then each has a due date from the profile, extensions beyond it are refused and overdue ones are flagged (C26)', async () => {
    const subject = person();
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'access', personKey: `zendesk:${subject.user.id}` } });
    // One calendar month (C26): the same day of next month, or its last day when it is shorter.
    const received = new Date();
    const due = new Date(created.json.dueAt);
    const monthLater = new Date(Date.UTC(received.getUTCFullYear(), received.getUTCMonth() + 1, 1));
    const lastDay = new Date(Date.UTC(monthLater.getUTCFullYear(), monthLater.getUTCMonth() + 1, 0)).getUTCDate();
    expect(due.toISOString().slice(0, 10)).toBe(`${monthLater.toISOString().slice(0, 7)}-${String(Math.min(received.getUTCDate(), lastDay)).padStart(2, '0')}`);
    const extension = await api(`/api/v1/requests/${created.json.id}/extend`, { method: 'POST', body: { days: 10, reason: 'Large archive' } });
    expect(extension.status).toBe(400);
    expect(extension.json.error.issues.join(' ')).toContain('allows no extension');
    await service.db.query(`UPDATE privacy_requests SET due_at = now() - interval '1 day' WHERE id = $1`, [created.json.id]);
    // The list names people across every ticket: an agent is refused, an admin sees it (C29).
    expect((await api('/api/v1/requests?status=open', { session: agentSession })).status).toBe(403);
    const listed = await api('/api/v1/requests?status=open');
    expect(listed.json.find((r: { id: string }) => r.id === created.json.id)).toMatchObject({ status: 'awaiting_identity', overdue: true });
    expect((await api('/api/v1/requests', { session: null })).status).toBe(401);
  });

  it('when an agent marks a requester as a minor, then they are restricted and an erasure waits for an admin\'s approval (C27)', async () => {
    const subject = person({ closedOnly: true });
    const personKey = `zendesk:${subject.user.id}`;
    const marked = await api(`/api/v1/people/${encodeURIComponent(personKey)}/minor`, { method: 'POST', body: { evidence: 'Said they are 15 in ticket #12' }, session: agentSession });
    expect(marked.status).toBe(200);
    expect(marked.json).toMatchObject({ personKey, minor: true, restricted: true });
    const erasure = marked.json.openRequests.find((r: { type: string }) => r.type === 'erasure');
    expect(erasure.status).toBe('awaiting_admin_review');
    expect(sandbox.sandbox.state.zendesk.users.get(subject.user.id)?.active).toBe(true);
    expect((await api(`/api/v1/requests/${erasure.id}/approve`, { method: 'POST', body: {}, session: agentSession })).status).toBe(403);
    expect((await api(`/api/v1/requests/${erasure.id}/approve`, { method: 'POST', body: {} })).status).toBe(200);
    await waitFor(async () => (await statusOf(erasure.id)) === 'completed', 90_000, 'the approved erasure');
    expect(sandbox.sandbox.state.zendesk.users.has(subject.user.id)).toBe(false);
  });
});

describe('restriction of processing on every automation (C24)', () => {
  async function restrict(userId: number) {
    await service.db.query(
      `INSERT INTO people (person_key, zendesk_user_id, restricted) VALUES ($1, $2, true) ON CONFLICT (person_key) DO UPDATE SET restricted = true`,
      [`zendesk:${userId}`, userId],
    );
  }

  it('C24 when the person is restricted and an access request is confirmed by an admin on their behalf, then it is refused and no export is built', async () => {
    const subject = person();
    await restrict(subject.user.id);
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'access', personKey: `zendesk:${subject.user.id}` }, session: agentSession });
    await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} });
    await waitFor(async () => (await statusOf(created.json.id)) === 'refused', 30_000, 'the access request to be refused');
    const { rows } = await service.db.query<{ refusal_reason: string }>('SELECT refusal_reason FROM privacy_requests WHERE id = $1', [created.json.id]);
    expect(rows[0]!.refusal_reason).toContain('C24');
    expect((await service.db.query('SELECT 1 FROM request_exports WHERE request_id = $1', [created.json.id])).rows).toEqual([]);
    expect((await service.db.query('SELECT 1 FROM request_steps WHERE request_id = $1', [created.json.id])).rows).toEqual([]);
    expect((await api(`/api/v1/requests/${created.json.id}/export-link`, { method: 'POST', body: {} })).status).not.toBe(200);
  });

  it('C24 when the person becomes restricted while an access request\'s look-ups run, then the export step refuses and no archive is built', async () => {
    const subject = person();
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'access', personKey: `zendesk:${subject.user.id}` }, session: agentSession });
    expect((await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} })).status).toBe(200);
    expect(await statusOf(created.json.id)).toBe('in_progress');
    await restrict(subject.user.id);
    await waitFor(async () => (await statusOf(created.json.id)) === 'refused', 30_000, 'the running access request to be refused');
    expect((await service.db.query('SELECT 1 FROM request_exports WHERE request_id = $1', [created.json.id])).rows).toEqual([]);
    const { rows } = await service.db.query<{ result: Record<string, unknown> }>(`SELECT result FROM request_steps WHERE request_id = $1 AND step = 'build_export'`, [created.json.id]);
    expect(rows[0]!.result).toMatchObject({ refused: true });
    const refusal = await service.db.query<{ refusal_reason: string }>('SELECT refusal_reason FROM privacy_requests WHERE id = $1', [created.json.id]);
    expect(refusal.rows[0]!.refusal_reason).toContain('C24');
  });

  it('C24 when the person is restricted and a rectification is confirmed by an admin on their behalf, then it is refused and Zendesk and LiveChat keep the old values', async () => {
    const subject = person();
    await restrict(subject.user.id);
    const before = { zendesk: sandbox.sandbox.state.zendesk.users.get(subject.user.id)!.name, livechat: sandbox.sandbox.state.livechat.customers.get(subject.customer.id)!.name };
    const ticketId = seedRequestTicket(subject.user, 'privacy_request_rectification');
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'rectification', personKey: `zendesk:${subject.user.id}`, ticketId, changes: { name: 'Restricted Rename' } }, session: agentSession });
    await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} });
    await waitFor(async () => (await statusOf(created.json.id)) === 'refused', 30_000, 'the rectification to be refused');
    expect(sandbox.sandbox.state.zendesk.users.get(subject.user.id)!.name).toBe(before.zendesk);
    expect(sandbox.sandbox.state.livechat.customers.get(subject.customer.id)!.name).toBe(before.livechat);
    const audit = await service.db.query<{ action: string }>(`SELECT action FROM audit_ledger WHERE clause = 'C24' AND subject_ref = $1`, [service.context.audit.subjectRefFor(`zendesk:${subject.user.id}`)]);
    expect(audit.rows.map((r) => r.action)).toContain('request.rectification.refused');
  });
});

describe('audit ledger (C29)', () => {
  it('when one audit row is changed in the database, then verification fails and names that entry (C29)', async () => {
    expect((await service.context.audit.verify()).ok).toBe(true);
    const { rows } = await service.db.query<{ seq: number }>(`SELECT seq FROM audit_ledger WHERE action LIKE 'request.%' ORDER BY seq LIMIT 1 OFFSET 2`);
    const seq = Number(rows[0]!.seq);
    await service.db.query(`UPDATE audit_ledger SET outcome = 'tampered' WHERE seq = $1`, [seq]);
    const verification = await service.context.audit.verify();
    expect(verification).toMatchObject({ ok: false, firstBrokenSeq: seq, reason: 'content does not match its hash' });
  });
});
