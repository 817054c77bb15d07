import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxVendorEnvironment } from '../../middleware/src/demo-composition.js';
import { sandboxCallHistory } from '../../middleware/src/sandbox/call-history.js';
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

/**
 * C23 end to end: a rectification that arrives as a tagged ticket (no agent typed the values) is
 * confirmed by the person and then changes what it can read from their message through the real
 * Zendesk and LiveChat connectors; what it cannot read goes to an agent, and the person is told.
 */
let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
let dataset: SeedDataset;
const { logger, lines } = capturedLogger();
const used: number[] = [];
const ACME = 361_000_001;

let nextTicketId = 950_001;
function seedRectificationTicket(requesterId: number, fromAddress: string, text: string): number {
  const id = nextTicketId++;
  const now = new Date().toISOString();
  const ticket = {
    id, requester_id: requesterId, submitter_id: requesterId, assignee_id: null, status: 'new', subject: 'Please correct my details', description: text,
    email_cc_ids: [], follower_ids: [], collaborator_ids: [], via: { channel: 'email', source: { from: { address: fromAddress }, to: {}, rel: null } },
    created_at: now, updated_at: now, tags: ['privacy_request_rectification'],
  } as unknown as ZendeskTicketRecord;
  sandbox.sandbox.seed({ zendesk: { tickets: [ticket], comments: [{ id: 7_100_000_000 + id, ticket_id: id, author_id: requesterId, body: text, html_body: `<p>${text}</p>`, public: true, created_at: now }] } });
  return id;
}

async function deliverTrigger(ticketId: number, requesterId: number) {
  const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketId), status: 'new', requester_id: String(requesterId), via: 'Mail', tags: 'privacy_request_rectification' } });
  const res = await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body) });
  expect(res.status).toBe(200);
}

async function requestFor(ticketId: number) {
  return (await service.db.query<{ id: string; status: string }>('SELECT id, status FROM privacy_requests WHERE ticket_id = $1', [ticketId])).rows[0];
}

async function tagAndConfirm(person: ReturnType<typeof crossSystemPerson>, text: string): Promise<number> {
  const ticketId = seedRectificationTicket(person.user.id, person.user.email!, text);
  await deliverTrigger(ticketId, person.user.id);
  await replyWithConfirmationCode(sandbox, ticketId, { id: person.user.id, email: person.user.email! });
  await deliverTrigger(ticketId, person.user.id);
  return ticketId;
}

beforeAll(async () => {
  dataset = generateSeedDataset({ seed: 'requests-rectification', size: 120, now: new Date() }).dataset;
  sandbox = await startSandboxServer({ dataset, zendesk: { jobAutoCompleteMs: 0 } });
  sandbox.sandbox.seed({ zendesk: { organizations: [{ id: ACME, name: 'Acme Holdings Ltd', created_at: new Date().toISOString(), updated_at: new Date().toISOString() }] } });
  database = await createTestDatabase();
  const config = testConfig({ ...sandboxVendorEnvironment(sandbox.url), POLICY_PROFILE: 'ispsystem' });
  const auth = new AppAuthenticator({ sessionSecret: config.sessionSecret, publicKey: 'unused', lookupRole: async () => 'admin' });
  const calls = sandboxCallHistory(() => sandbox.sandbox.state).talkdeskCalls;
  service = await startService(config, { db: database.db, logger, modules: [requestsModule(auth, { jobPollInitialMs: 100, talkdeskCalls: calls })], pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

describe('rectification from a tagged ticket (C23)', () => {
  it('C23 when a tagged rectification gives a new name, e-mail, phone and company and the person confirms, then Zendesk has them (the new address primary and verified, the old one kept; the company as the organization of that name), LiveChat the new name and e-mail, and Talkdesk a task', async () => {
    const person = crossSystemPerson(dataset, used);
    used.push(person.user.id);
    const oldEmail = person.user.email!;
    const text = 'Hello, my details are wrong. Please correct them:\nName: Jane Q. Corrected\nNew e-mail: jane.corrected@example.org\nPhone: +44 20 7946 0018\nCompany: ACME Holdings Ltd\nThanks';
    const ticketId = await tagAndConfirm(person, text);
    await waitFor(async () => (await requestFor(ticketId))?.status === 'completed', 60_000, 'the rectification to complete');

    const user = sandbox.sandbox.state.zendesk.users.get(person.user.id)!;
    expect(user.name).toBe('Jane Q. Corrected');
    expect(user.phone).toBe('+44 20 7946 0018');
    expect(user.organization_id).toBe(ACME);
    const emails = user.identities.filter((i) => i.type === 'email');
    expect(emails.find((i) => i.primary)).toMatchObject({ value: 'jane.corrected@example.org', verified: true });
    expect(emails.map((i) => i.value)).toContain(oldEmail);
    expect(user.email).toBe('jane.corrected@example.org');
    const customer = sandbox.sandbox.state.livechat.customers.get(person.customer.id)!;
    expect(customer).toMatchObject({ name: 'Jane Q. Corrected', email: 'jane.corrected@example.org' });
    const request = (await requestFor(ticketId))!;
    const tasks = await service.db.query<{ system: string; details: unknown }>('SELECT system, details FROM manual_tasks WHERE request_id = $1', [request.id]);
    expect(tasks.rows.map((t) => t.system)).toEqual(['talkdesk']);
    expect(JSON.stringify(tasks.rows[0]!.details)).toContain('phone');
    await waitFor(async () => (sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? []).some((c) => c.public && c.body.includes('has been carried out')), 30_000, 'the reply that the correction was made');
  });

  it('C23 when a tagged rectification names no value an automation can read, then nothing is changed, an agent gets a task and the person a public reply saying so', async () => {
    const person = crossSystemPerson(dataset, used);
    used.push(person.user.id);
    const before = { name: person.user.name, email: person.user.email };
    const ticketId = await tagAndConfirm(person, 'Hi, the name on my account is misspelt since I married last year, could you fix it please?');
    let requestId = '';
    await waitFor(async () => {
      const request = await requestFor(ticketId);
      requestId = request?.id ?? '';
      if (!request) return false;
      const { rows } = await service.db.query('SELECT 1 FROM manual_tasks WHERE request_id = $1 AND system = $2', [request.id, 'zendesk']);
      return rows.length === 1 && (sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? []).some((c) => c.public && c.body.includes('could not read the corrected values'));
    }, 60_000, 'the agent task and the reply');
    const user = sandbox.sandbox.state.zendesk.users.get(person.user.id)!;
    expect({ name: user.name, email: user.email }).toEqual(before);
    expect(sandbox.sandbox.state.livechat.customers.get(person.customer.id)!.name).toBe(person.customer.name);
    const task = (await service.db.query<{ title: string }>('SELECT title FROM manual_tasks WHERE request_id = $1 AND system = $2', [requestId, 'zendesk'])).rows[0]!;
    expect(task.title).toContain(`#${ticketId}`);
    // Not told "carried out" while an agent still has to do it.
    expect((sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? []).some((c) => c.public && c.body.includes('has been carried out'))).toBe(false);
  });

  it('when rectifications ran, then no log line carries the old or the corrected values', () => {
    const all = lines.join('\n');
    expect(all).not.toContain('jane.corrected@example.org');
    expect(all).not.toContain('Jane Q. Corrected');
    expect(all).not.toContain('7946');
  });
});
