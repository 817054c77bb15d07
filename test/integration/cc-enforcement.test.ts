import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { ccEnforcementModule } from '../../middleware/src/cc-enforcement/cc-enforcement-module.js';
import { recordConsent } from '../../middleware/src/consent/consent-service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { testConfig } from '../helpers/test-config.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import { waitFor } from '../helpers/child-service.js';

let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
const { logger, lines } = capturedLogger();
const people = { requester: 0, consented: 0, agent: 0, colleague: 0, unconsented: 0, sameDomain: 0 };
const emails = {
  requester: 'rita.requester@example.com',
  sameDomain: 'sam.samedomain@example.com',
  consented: 'carl.consented@example.org',
  agent: 'agnes.agent@plesk.com',
  colleague: 'colin.colleague@plesk.com',
  unconsented: 'ursula.unconsented@example.net',
};
let ticketId = 0;
let deliveries = 0;

async function zendesk(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/zendesk${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from('setup@example.com/token:x').toString('base64')}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, any>;
}

async function createUser(name: string, email: string, role = 'end-user') {
  return (await zendesk('POST', '/api/v2/users', { user: { name, email, role, verified: true } })).user.id as number;
}

function ticketState() {
  return sandbox.sandbox.state.zendesk.tickets.get(ticketId)!;
}

/** The trigger body with the CCs in it, as the installed trigger sends it. */
function triggerBody(ccIds: number[], updatedAt: string) {
  const roleOf = (id: number) => (id === people.agent ? 'agent' : 'end-user');
  const emailOf = Object.fromEntries(Object.entries(people).map(([k, id]) => [id, emails[k as keyof typeof emails]]));
  return JSON.stringify({
    type: 'ticket_trigger',
    ticket: {
      id: String(ticketId),
      status: 'Open',
      requester_id: String(people.requester),
      requester_email: emails.requester,
      updated_at: updatedAt,
      email_ccs: ccIds.map((id) => ({ id: String(id), email: emailOf[id], role: roleOf(id) })),
      followers: [],
    },
  });
}

let lastSignedAt = 0;
async function deliver(body: string) {
  deliveries++;
  // Each delivery is signed at its own (strictly increasing) timestamp: the inbox is keyed by signed
  // content, so two deliveries of the same body at the same millisecond would be one.
  lastSignedAt = Math.max(Date.now(), lastSignedAt + 1);
  const headers = { ...signedZendeskHeaders(body, { timestamp: new Date(lastSignedAt).toISOString() }), 'x-zendesk-webhook-invocation-id': `delivery-${deliveries}` };
  const res = await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers });
  expect(res.status).toBe(200);
}

async function processedCount(): Promise<number> {
  const { rows } = await service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status = 'processed'`);
  return rows[0]!.n;
}

async function deliverAndWait(bodies: string[]) {
  const before = await processedCount();
  await Promise.all(bodies.map(deliver));
  await waitFor(async () => (await processedCount()) === before + bodies.length, 60_000, 'webhook jobs to finish');
}

const calls = (method: string) => sandbox.sandbox.requestLog.filter({ vendor: 'zendesk', method }).length;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  people.requester = await createUser('Rita Requester', emails.requester);
  people.consented = await createUser('Carl Consented', emails.consented);
  people.agent = await createUser('Agnes Agent', emails.agent, 'agent');
  people.colleague = await createUser('Colin Colleague', emails.colleague);
  people.unconsented = await createUser('Ursula Unconsented', emails.unconsented);
  people.sameDomain = await createUser('Sam Samedomain', emails.sameDomain);
  const ticket = await zendesk('POST', '/api/v2/tickets', {
    ticket: {
      subject: 'Server down',
      requester_id: people.requester,
      comment: { body: 'Please help' },
      email_ccs: [people.consented, people.agent, people.colleague, people.unconsented].map((user_id) => ({ user_id, action: 'put' })),
    },
  });
  ticketId = ticket.ticket.id;
  database = await createTestDatabase();
  service = await startService(testConfig({ ZENDESK_BASE_URL: `${sandbox.url}/zendesk`, POLICY_PROFILE: 'plesk' }), {
    db: database.db,
    logger,
    modules: [ccEnforcementModule()],
    pollingIntervalSeconds: 0.5,
  });
  await recordConsent(service.context, {
    person: { zendeskUserId: people.consented, email: emails.consented },
    purpose: 'cc',
    action: 'granted',
    source: 'email_reply',
    evidence: { ticketId },
    actor: 'agent:1',
  });
  await recordConsent(service.context, {
    person: { zendeskUserId: people.sameDomain, email: emails.sameDomain },
    purpose: 'cc',
    action: 'granted',
    source: 'email_reply',
    evidence: { ticketId },
    actor: 'agent:1',
  });
  // Carl's address is on another domain than Rita's: he stays as a CC only because Rita let her
  // ticket be shared with third parties (C08). The C08 tests below withdraw and grant this again.
  await sharing('granted');
});

async function sharing(action: 'granted' | 'withdrawn') {
  await recordConsent(service.context, {
    person: { zendeskUserId: people.requester, email: emails.requester },
    purpose: 'third_party_sharing',
    action,
    source: 'email_reply',
    evidence: { ticketId },
    actor: 'agent:1',
  });
}

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

beforeEach(() => sandbox.sandbox.requestLog.clear());

describe('CC enforcement on ticket webhooks', () => {
  it('C07 when a ticket has a consented, an agent, an exempt-domain and an unconsented CC, then one update removes only the unconsented one with an internal note, and no read is made', async () => {
    expect(ticketState().email_cc_ids).toHaveLength(4);
    await deliverAndWait([triggerBody([people.consented, people.agent, people.colleague, people.unconsented], new Date().toISOString())]);
    expect(calls('PUT')).toBe(1);
    expect(sandbox.sandbox.requestLog.filter({ vendor: 'zendesk', method: 'GET' }).map((e) => e.path)).toEqual([]);
    expect(ticketState().email_cc_ids.sort()).toEqual([people.consented, people.agent, people.colleague].sort());
    const comments = sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? [];
    const note = comments.find((c) => !c.public);
    expect(note?.body).toContain(emails.unconsented);
    expect(note?.body).toContain('C07');
    expect(note?.body).not.toContain(emails.consented);
  });

  it('C07 when the webhook caused by our own update arrives, then it makes no vendor call', async () => {
    await deliverAndWait([triggerBody(ticketState().email_cc_ids, new Date().toISOString())]);
    expect(sandbox.sandbox.requestLog.filter({ vendor: 'zendesk' })).toHaveLength(0);
  });

  it('C07 when the same delivery arrives three times, then there is one update', async () => {
    await zendesk('PUT', `/api/v2/tickets/${ticketId}`, { ticket: { email_ccs: [{ user_id: people.unconsented, action: 'put' }] } });
    sandbox.sandbox.requestLog.clear();
    const body = triggerBody([people.consented, people.agent, people.colleague, people.unconsented], new Date().toISOString());
    const headers = { ...signedZendeskHeaders(body), 'x-zendesk-webhook-invocation-id': 'same-delivery' };
    const before = await processedCount();
    for (let i = 0; i < 3; i++) expect((await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers })).status).toBe(200);
    await waitFor(async () => (await processedCount()) === before + 1, 30_000, 'the one job');
    expect(calls('PUT')).toBe(1);
    expect(ticketState().email_cc_ids).not.toContain(people.unconsented);
  });

  it('C07 when 50 deliveries for one ticket arrive concurrently, then at most one update per distinct change and the final CC list is right', async () => {
    await zendesk('PUT', `/api/v2/tickets/${ticketId}`, { ticket: { email_ccs: [{ user_id: people.unconsented, action: 'put' }] } });
    sandbox.sandbox.requestLog.clear();
    const at = new Date().toISOString();
    const body = triggerBody([people.consented, people.agent, people.colleague, people.unconsented], at);
    await deliverAndWait(Array.from({ length: 50 }, () => body));
    expect(calls('PUT')).toBe(1);
    expect(ticketState().email_cc_ids.sort()).toEqual([people.consented, people.agent, people.colleague].sort());
  });

  it('C09 when consent is withdrawn and the ticket is then updated, then the person is stripped; granted again, then kept', async () => {
    await recordConsent(service.context, {
      person: { zendeskUserId: people.consented, email: emails.consented },
      purpose: 'cc',
      action: 'withdrawn',
      source: 'email_reply',
      evidence: { ticketId },
      actor: 'agent:1',
    });
    sandbox.sandbox.requestLog.clear();
    await deliverAndWait([triggerBody([people.consented, people.agent, people.colleague], new Date(Date.now() + 1000).toISOString())]);
    expect(calls('PUT')).toBe(1);
    expect(ticketState().email_cc_ids).not.toContain(people.consented);

    await recordConsent(service.context, {
      person: { zendeskUserId: people.consented, email: emails.consented },
      purpose: 'cc',
      action: 'granted',
      source: 'web_form',
      evidence: { formId: 'consent-form-1' },
      actor: 'requester',
    });
    await zendesk('PUT', `/api/v2/tickets/${ticketId}`, { ticket: { email_ccs: [{ user_id: people.consented, action: 'put' }] } });
    sandbox.sandbox.requestLog.clear();
    await deliverAndWait([triggerBody([people.consented, people.agent, people.colleague], new Date(Date.now() + 2000).toISOString())]);
    expect(calls('PUT')).toBe(0);
    expect(ticketState().email_cc_ids).toContain(people.consented);
  });

  it('C08 when the requester has not consented to third-party sharing, then a CC on another domain is removed citing C08 even with their own CC consent, and a consented CC on the requester\'s domain stays', async () => {
    await sharing('withdrawn');
    await zendesk('PUT', `/api/v2/tickets/${ticketId}`, { ticket: { email_ccs: [{ user_id: people.sameDomain, action: 'put' }] } });
    sandbox.sandbox.requestLog.clear();
    await deliverAndWait([triggerBody([people.consented, people.agent, people.colleague, people.sameDomain], new Date(Date.now() + 3000).toISOString())]);
    expect(calls('PUT')).toBe(1);
    expect(calls('GET')).toBe(0);
    expect(ticketState().email_cc_ids.sort()).toEqual([people.agent, people.colleague, people.sameDomain].sort());
    const note = (sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? []).filter((c) => !c.public).at(-1);
    expect(note?.body).toContain(emails.consented);
    expect(note?.body).toContain('C08');
    const removal = (await service.context.audit.recent(5)).find((e) => e.action === 'ticket.ccs_removed');
    expect(JSON.stringify(removal?.details)).toContain('no_third_party_sharing_consent');
  });

  it('C08 when the requester grants third-party sharing again, then the outside-domain CC with its own consent stays', async () => {
    await sharing('granted');
    await zendesk('PUT', `/api/v2/tickets/${ticketId}`, { ticket: { email_ccs: [{ user_id: people.consented, action: 'put' }] } });
    sandbox.sandbox.requestLog.clear();
    await deliverAndWait([triggerBody([people.consented, people.agent, people.colleague, people.sameDomain], new Date(Date.now() + 4000).toISOString())]);
    expect(calls('PUT')).toBe(0);
    expect(ticketState().email_cc_ids).toContain(people.consented);
  });

  it('C08 when an older body carries no requester address and sharing is withdrawn, then the address comes from the user read already made for the CCs, and the outside-domain CC is removed', async () => {
    await sharing('withdrawn');
    sandbox.sandbox.requestLog.clear();
    const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketId), requester_id: String(people.requester), updated_at: new Date(Date.now() + 5000).toISOString(), email_cc_ids: String(people.consented) } });
    await deliverAndWait([body]);
    expect(calls('PUT')).toBe(1);
    expect(calls('GET')).toBeLessThanOrEqual(1);
    expect(ticketState().email_cc_ids).not.toContain(people.consented);
    await sharing('granted');
  });

  it('C24 when an unconsented CC is restricted, then they are still removed (removal limits processing) with one update', async () => {
    await service.db.query(
      `INSERT INTO people (person_key, zendesk_user_id, restricted) VALUES ($1, $2, true) ON CONFLICT (person_key) DO UPDATE SET restricted = true`,
      [`zendesk:${people.unconsented}`, people.unconsented],
    );
    await zendesk('PUT', `/api/v2/tickets/${ticketId}`, { ticket: { email_ccs: [{ user_id: people.unconsented, action: 'put' }] } });
    sandbox.sandbox.requestLog.clear();
    await deliverAndWait([triggerBody([people.consented, people.agent, people.colleague, people.sameDomain, people.unconsented], new Date(Date.now() + 6000).toISOString())]);
    expect(calls('PUT')).toBe(1);
    expect(ticketState().email_cc_ids).not.toContain(people.unconsented);
    await service.db.query('UPDATE people SET restricted = false WHERE zendesk_user_id = $1', [people.unconsented]);
  });

  it('C08 when the payload carries no CCs, then one ticket read and one user read replace it, and the decision is the same', async () => {
    await zendesk('PUT', `/api/v2/tickets/${ticketId}`, { ticket: { email_ccs: [{ user_id: people.unconsented, action: 'put' }] } });
    sandbox.sandbox.requestLog.clear();
    const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketId) } });
    await deliverAndWait([body]);
    expect(calls('PUT')).toBe(1);
    expect(calls('GET')).toBeLessThanOrEqual(2);
    expect(ticketState().email_cc_ids).not.toContain(people.unconsented);
  });

  it('C29 when CCs were removed, then each removal is in the audit ledger without personal data and the chain verifies', async () => {
    const entries = await service.context.audit.recent(100);
    const removals = entries.filter((e) => e.action === 'ticket.ccs_removed');
    expect(removals.length).toBeGreaterThanOrEqual(4);
    const text = JSON.stringify(removals);
    for (const email of Object.values(emails)) expect(text).not.toContain(email);
    expect(await service.context.audit.verify()).toMatchObject({ ok: true });
  });

  it('when enforcement ran, then no log line carries an e-mail address or a name', () => {
    const all = lines.join('\n');
    for (const email of Object.values(emails)) expect(all).not.toContain(email);
    for (const name of ['Rita', 'Carl', 'Agnes', 'Colin', 'Ursula', 'Sam Samedomain']) expect(all).not.toContain(name);
  });
});
