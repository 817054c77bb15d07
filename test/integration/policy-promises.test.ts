import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { productModules } from '../../middleware/src/modules.js';
import { recordConsent, consentStateOf } from '../../middleware/src/consent/consent-service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { testConfig } from '../helpers/test-config.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import { waitFor } from '../helpers/child-service.js';

/** The promises C31+ in the production wiring: real server, database, queue and sandbox vendors (parallels: 002). */
let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
const { logger, lines } = capturedLogger();

async function zendesk<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url}/zendesk/api/v2${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from('setup@example.com/token:x').toString('base64')}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as T;
}
const createUser = async (user: Record<string, unknown>) => (await zendesk<{ user: { id: number } }>('POST', '/users', { user: { role: 'end-user', verified: true, ...user } })).user.id;
const createTicket = async (ticket: Record<string, unknown>) => (await zendesk<{ ticket: { id: number } }>('POST', '/tickets', { ticket: { subject: 'Help', comment: { body: 'Hello' }, ...ticket } })).ticket.id;
const notesOf = (ticketId: number) => (sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? []).filter((c) => c.public === false).map((c) => c.body ?? '');

let deliveries = 0;
let lastSignedAt = 0;
/** Delivers a trigger body for the ticket and waits until its job is processed. */
async function deliverTicketEvent(ticketId: number, requesterId: number): Promise<void> {
  deliveries++;
  lastSignedAt = Math.max(Date.now(), lastSignedAt + 1);
  const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketId), requester_id: String(requesterId), updated_at: new Date(lastSignedAt).toISOString() } });
  const before = await processed();
  const headers = { ...signedZendeskHeaders(body, { timestamp: new Date(lastSignedAt).toISOString() }), 'x-zendesk-webhook-invocation-id': `promises-${deliveries}` };
  const res = await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers });
  expect(res.status).toBe(200);
  await waitFor(async () => (await processed()) > before, 30_000, 'the webhook job');
}
async function processed(): Promise<number> {
  const { rows } = await service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status IN ('processed', 'failed', 'dead')`);
  return rows[0]!.n;
}

beforeAll(async () => {
  sandbox = await startSandboxServer();
  database = await createTestDatabase();
  const config = testConfig({ ZENDESK_BASE_URL: `${sandbox.url}/zendesk`, POLICY_PROFILE: 'parallels' });
  service = await startService(config, { db: database.db, logger, modules: (ctx) => productModules(ctx), workers: true, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

describe('C31 an "Unsubscribe" subject withdraws marketing consent', () => {
  it('C31 when an e-mail ticket\'s subject says Unsubscribe, then every optional marketing purpose is withdrawn once, audited, with an internal note; a later event of the ticket changes nothing', async () => {
    const ctx = service.context;
    const userId = await createUser({ name: 'Una Subscriber', email: 'una@example.com' });
    for (const purpose of ['marketing', 'partner_marketing_sharing']) {
      await recordConsent(ctx, { person: { zendeskUserId: userId }, purpose, action: 'granted', source: 'web_form', evidence: { formId: 'signup' }, actor: 'requester' });
    }
    const ticketId = await createTicket({ requester_id: userId, subject: 'Re: Newsletter December — UNSUBSCRIBE', via: { channel: 'email' } });
    await deliverTicketEvent(ticketId, userId);

    const state = await consentStateOf(ctx, { zendeskUserId: userId });
    expect(state.purposes.marketing!.state).toBe('withdrawn');
    expect(state.purposes.partner_marketing_sharing!.state).toBe('withdrawn');
    expect(state.purposes.marketing!.evidence).toEqual({ ticketId });
    expect(state.purposes.service_messages!.effective).toBe(true);
    const audit = await service.db.query<{ clause: string; details: unknown }>(`SELECT clause, details FROM audit_ledger WHERE action = 'consent.unsubscribed_by_subject'`);
    expect(audit.rows.map((r) => r.clause)).toEqual(['C31']);
    expect(notesOf(ticketId)).toHaveLength(1);
    expect(notesOf(ticketId)[0]).toContain('marketing, partner_marketing_sharing');
    expect(notesOf(ticketId)[0]).not.toContain('una@example.com');

    // The person opts in again; another event of the same ticket must not withdraw it a second time.
    await recordConsent(ctx, { person: { zendeskUserId: userId }, purpose: 'marketing', action: 'granted', source: 'web_form', evidence: { formId: 'signup' }, actor: 'requester' });
    await deliverTicketEvent(ticketId, userId);
    expect((await consentStateOf(ctx, { zendeskUserId: userId })).purposes.marketing!.state).toBe('granted');
    expect(notesOf(ticketId)).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('una@example.com');
  });

  it('C31 when the subject only mentions unsubscribing in passing, or the ticket did not come by e-mail, then consent stays', async () => {
    const userId = await createUser({ name: 'Stay Subscribed', email: 'stay@example.com' });
    await recordConsent(service.context, { person: { zendeskUserId: userId }, purpose: 'marketing', action: 'granted', source: 'web_form', evidence: { formId: 'signup' }, actor: 'requester' });
    const unsubscribed = await createTicket({ requester_id: userId, subject: 'I was unsubscribed by mistake', via: { channel: 'email' } });
    const webForm = await createTicket({ requester_id: userId, subject: 'Unsubscribe', via: { channel: 'web' } });
    await deliverTicketEvent(unsubscribed, userId);
    await deliverTicketEvent(webForm, userId);
    expect((await consentStateOf(service.context, { zendeskUserId: userId })).purposes.marketing!.state).toBe('granted');
    expect(notesOf(unsubscribed)).toEqual([]);
    expect(notesOf(webForm)).toEqual([]);
  });
});
