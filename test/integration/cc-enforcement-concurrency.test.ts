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

/**
 * CC enforcement with many webhook jobs in flight at once (JOB_CONCURRENCY well above the number
 * of deliveries for one ticket), and with event-subscription envelopes.
 */
let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
let deliveries = 0;
let lastSignedAt = 0;
const consented = { id: 0, email: 'carla.consented@example.org' };
const unconsented: Array<{ id: number; email: string }> = [];

async function zendesk(method: string, path: string, body?: unknown): Promise<Record<string, any>> {
  const send = () =>
    fetch(`${sandbox.url}/zendesk${path}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from('setup@example.com/token:x').toString('base64')}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // A kept-alive socket the sandbox closed while the service started answers ECONNRESET once.
  const res = await send().catch(send);
  return (await res.json()) as Record<string, any>;
}

async function createUser(name: string, email: string) {
  return (await zendesk('POST', '/api/v2/users', { user: { name, email, role: 'end-user', verified: true } })).user.id as number;
}

async function createTicket(requesterId: number, ccIds: number[]): Promise<number> {
  const created = await zendesk('POST', '/api/v2/tickets', {
    ticket: { subject: 'Order', requester_id: requesterId, comment: { body: 'Hello' }, email_ccs: ccIds.map((user_id) => ({ user_id, action: 'put' })) },
  });
  return created.ticket.id as number;
}

async function deliver(body: string) {
  deliveries++;
  // Each copy is signed at its own instant (strictly increasing), as Zendesk re-signs a retry: the
  // inbox keys signed content, so two copies signed at one instant would be one delivery.
  lastSignedAt = Math.max(Date.now(), lastSignedAt + 1);
  const timestamp = new Date(lastSignedAt).toISOString();
  const headers = { ...signedZendeskHeaders(body, { timestamp }), 'x-zendesk-webhook-invocation-id': `concurrency-${deliveries}` };
  const res = await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers });
  expect(res.status).toBe(200);
}

async function processed(): Promise<number> {
  const { rows } = await service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status = 'processed'`);
  return rows[0]!.n;
}

async function deliverAndWait(bodies: string[]) {
  const before = await processed();
  await Promise.all(bodies.map(deliver));
  await waitFor(async () => (await processed()) === before + bodies.length, 60_000, 'webhook jobs to finish');
}

const zendeskCalls = () => sandbox.sandbox.requestLog.filter({ vendor: 'zendesk' });

beforeAll(async () => {
  sandbox = await startSandboxServer();
  consented.id = await createUser('Carla Consented', consented.email);
  for (let i = 0; i < 5; i++) {
    const email = `uma.unconsented${i}@example.net`;
    unconsented.push({ id: await createUser(`Uma Unconsented ${i}`, email), email });
  }
  database = await createTestDatabase();
  service = await startService(
    testConfig({ ZENDESK_BASE_URL: `${sandbox.url}/zendesk`, POLICY_PROFILE: 'plesk', JOB_CONCURRENCY: 'webhook-event=64', ZENDESK_RATE_LIMIT_PER_MINUTE: '100000', RATE_BUDGET_SHARE: '1' }),
    { db: database.db, logger: capturedLogger().logger, modules: [ccEnforcementModule()] },
  );
  await recordConsent(service.context, {
    person: { zendeskUserId: consented.id, email: consented.email },
    purpose: 'cc',
    action: 'granted',
    source: 'web_form',
    evidence: { formId: 'f1' },
    actor: 'requester',
  });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

beforeEach(() => sandbox.sandbox.requestLog.clear());

describe('CC enforcement under concurrency', () => {
  it('C07 when 60 deliveries for one ticket (10 snapshots as CCs were added, 6 copies each) run at once, then every unconsented CC is removed exactly once and the consented one stays', async () => {
    const requester = await createUser('Rhea Requester', 'rhea.requester@example.com');
    const ticketId = await createTicket(requester, [consented.id, ...unconsented.map((u) => u.id)]);
    sandbox.sandbox.requestLog.clear();
    // Snapshots described before any removal, each one CC further along, with copies.
    const t0 = Date.now() - 60_000;
    const bodies: string[] = [];
    for (let k = 0; k < 10; k++) {
      const present = unconsented.slice(0, Math.min(unconsented.length, Math.ceil((k + 1) / 2)));
      const body = JSON.stringify({
        type: 'ticket_trigger',
        ticket: {
          id: ` ${ticketId}\n`,
          requester_id: String(requester),
          updated_at: new Date(t0 + k * 1000).toISOString(),
          email_ccs: [consented, ...present].map((p) => ({ id: String(p.id), email: p.email, role: 'End user' })),
        },
      });
      for (let copy = 0; copy < 6; copy++) bodies.push(body);
    }
    await deliverAndWait(bodies);

    expect(sandbox.sandbox.state.zendesk.tickets.get(ticketId)!.email_cc_ids).toEqual([consented.id]);
    const { rows } = await service.db.query<{ removed: number }>(
      `SELECT COALESCE(SUM((outcome->'ccEnforcement'->>'removed')::int), 0)::int AS removed FROM webhook_inbox WHERE subject_ref = $1`,
      [`ticket:${ticketId}`],
    );
    expect(rows[0]!.removed).toBe(unconsented.length);
    // The payloads carried everything: no reads, and at most one update per snapshot that added someone.
    expect(zendeskCalls().filter((c) => c.method === 'GET')).toHaveLength(0);
    expect(zendeskCalls().filter((c) => c.method === 'PUT').length).toBeLessThanOrEqual(unconsented.length);
  });

  it('C07 when an email-CC change envelope carries the current CCs with e-mails and roles, then one call removes the unconsented one and none reads', async () => {
    const requester = await createUser('Rolf Requester', 'rolf.requester@example.com');
    const victim = unconsented[0]!;
    const ticketId = await createTicket(requester, [consented.id, victim.id]);
    sandbox.sandbox.requestLog.clear();
    await deliverAndWait([
      JSON.stringify({
        id: `01HZCCCHANGED${ticketId}`,
        type: 'zen:event-type:ticket.email_ccs_changed',
        account_id: 1,
        subject: `zen:ticket:${ticketId}`,
        time: new Date().toISOString(),
        detail: { id: String(ticketId), requester_id: String(requester) },
        event: {
          current: [consented, victim].map((p) => ({ id: p.id, email: p.email, role: 'end-user' })),
          previous: [{ id: consented.id, email: consented.email, role: 'end-user' }],
        },
      }),
    ]);
    expect(zendeskCalls().map((c) => c.method)).toEqual(['PUT']);
    expect(sandbox.sandbox.state.zendesk.tickets.get(ticketId)!.email_cc_ids).toEqual([consented.id]);
  });

  it('C07 when a ticket event that cannot add a CC arrives (a status change), then CC enforcement makes no call', async () => {
    const requester = await createUser('Ruth Requester', 'ruth.requester@example.com');
    const ticketId = await createTicket(requester, [consented.id]);
    sandbox.sandbox.requestLog.clear();
    await deliverAndWait([
      JSON.stringify({
        id: `01HZSTATUS${ticketId}`,
        type: 'zen:event-type:ticket.status_changed',
        account_id: 1,
        subject: `zen:ticket:${ticketId}`,
        time: new Date().toISOString(),
        detail: { id: String(ticketId), status: 'SOLVED' },
        event: { current: 'SOLVED', previous: 'OPEN' },
      }),
    ]);
    expect(zendeskCalls()).toHaveLength(0);
  });
});
