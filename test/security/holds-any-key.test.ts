/**
 * A legal hold binds whatever key it was placed by (issue 13, point 4): the real service as the
 * demo composes it, against the seeded sandbox, erasures confirmed by an admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoService, type DemoService } from '../helpers/demo-service.js';
import { waitFor } from '../helpers/child-service.js';
import type { ZendeskUserRecord } from '../../middleware/src/sandbox/types.js';
import { callApi, sessionFor } from './support.js';

let demo: DemoService;
let adminSession: string;
const used = new Set<number>();

const api = (path: string, init: { method?: string; body?: unknown; session?: string } = {}) => callApi(demo.url, path, { session: adminSession, ...init });

/** An unused seeded end user with closed tickets only, a LiveChat customer with chats and a Talkdesk contact. */
function crossSystemPerson(): { user: ZendeskUserRecord; customerId: string; contactId: string } {
  const data = demo.dataset;
  for (const user of data.zendesk!.users!) {
    if (used.has(user.id) || user.role !== 'end-user' || !user.email || user.email.includes('desk.example.com')) continue;
    const tickets = data.zendesk!.tickets!.filter((t) => t.requester_id === user.id);
    if (tickets.length === 0 || tickets.some((t) => t.status !== 'closed')) continue;
    const customer = data.livechat!.customers!.find((c) => c.email === user.email);
    const hasChats = customer && data.livechat!.chats!.some((c) => c.customer_id === customer.id);
    const contact = data.talkdesk!.contacts!.find((c) => c.emails.some((e) => e.number === user.email));
    if (customer && hasChats && contact) {
      used.add(user.id);
      return { user, customerId: customer.id, contactId: contact.id };
    }
  }
  throw new Error('the seed has no more people in all three systems; change the seed or size');
}

async function requestRow(id: string) {
  const { rows } = await demo.service.db.query<{ status: string; refusal_reason: string | null }>('SELECT status, refusal_reason FROM privacy_requests WHERE id = $1', [id]);
  return rows[0]!;
}

/** Files an erasure for the Zendesk user, confirms it as an admin, and waits for where it ends. */
async function eraseAndWait(userId: number): Promise<{ id: string; status: string; refusal_reason: string | null }> {
  const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'erasure', personKey: `zendesk:${userId}` } });
  expect(created.status).toBe(201);
  expect((await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} })).status).toBe(200);
  await waitFor(async () => ['refused', 'completed', 'failed'].includes((await requestRow(created.json.id)).status), 90_000, 'the erasure to end');
  return { id: created.json.id, ...(await requestRow(created.json.id)) };
}

/** Nothing of the person was deleted or masked in any of the three systems. */
function expectIntact(person: { user: ZendeskUserRecord; customerId: string; contactId: string }): void {
  const state = demo.sandbox.state;
  expect(state.zendesk.users.get(person.user.id)?.active).toBe(true);
  expect(state.livechat.customers.get(person.customerId)?.email).toBe(person.user.email);
  expect(state.talkdesk.contacts.has(person.contactId)).toBe(true);
}

async function holdRefusalAudited(requestId: string): Promise<boolean> {
  const { rows } = await demo.service.db.query(`SELECT 1 FROM audit_ledger WHERE action = 'request.erasure.refused' AND clause = 'C18' AND details->>'requestId' = $1`, [requestId]);
  return rows.length === 1;
}

beforeAll(async () => {
  demo = await startDemoService();
  adminSession = await sessionFor(demo.groundTruth.agents[0]!);
});

afterAll(async () => {
  await demo?.stop();
});

describe('a legal hold binds by any of the person\'s keys (C18)', () => {
  it('C18 when a hold is placed on the person\'s address typed in mixed case, then their erasure is refused with the hold\'s reason and nothing is deleted', async () => {
    const person = crossSystemPerson();
    const mixed = person.user.email!.replace(/(^|[._])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
    expect(mixed).not.toBe(person.user.email);
    const hold = await api('/api/v1/holds', { method: 'POST', body: { personKey: `email:${mixed}`, reason: 'Litigation 2026-07' } });
    expect(hold.status).toBe(201);
    expect(hold.json.personKey).toBe(`email:${person.user.email!.toLowerCase()}`);
    const request = await eraseAndWait(person.user.id);
    expect(request.status).toBe('refused');
    expect(request.refusal_reason).toContain('Litigation 2026-07');
    expectIntact(person);
    expect(await holdRefusalAudited(request.id)).toBe(true);
  });

  it('C18 when a hold is placed on a secondary e-mail identity of the person, then their erasure is refused', async () => {
    const person = crossSystemPerson();
    const user = demo.sandbox.state.zendesk.users.get(person.user.id)!;
    const now = new Date().toISOString();
    user.identities.push({ id: 9_900_000_000 + person.user.id, user_id: user.id, type: 'email', value: `second.${user.id}@example.net`, verified: true, primary: false, created_at: now, updated_at: now });
    expect((await api('/api/v1/holds', { method: 'POST', body: { personKey: `email:Second.${user.id}@Example.NET`, reason: 'Fraud case 88' } })).status).toBe(201);
    const request = await eraseAndWait(person.user.id);
    expect(request.status).toBe('refused');
    expectIntact(person);
  });

  it('C18 when a hold is placed on the person\'s LiveChat customer id, then their erasure is refused before anything is deleted or masked', async () => {
    const person = crossSystemPerson();
    expect((await api('/api/v1/holds', { method: 'POST', body: { personKey: `livechat:${person.customerId}`, reason: 'Chat evidence for dispute' } })).status).toBe(201);
    const request = await eraseAndWait(person.user.id);
    expect(request.status).toBe('refused');
    expect(request.refusal_reason).toContain('Chat evidence for dispute');
    expectIntact(person);
    expect(await holdRefusalAudited(request.id)).toBe(true);
  });

  it('C18 when a hold is placed on the person\'s Talkdesk contact id, then their erasure is refused before anything is deleted or masked', async () => {
    const person = crossSystemPerson();
    expect((await api('/api/v1/holds', { method: 'POST', body: { personKey: `talkdesk:${person.contactId}`, reason: 'Call recording subpoena' } })).status).toBe(201);
    const request = await eraseAndWait(person.user.id);
    expect(request.status).toBe('refused');
    expectIntact(person);
  });

  it('C18 when a hold names no recognisable person key, then 400 and no hold is stored (a hold that matches nobody would silently not bind)', async () => {
    for (const personKey of ['Jamie Sample', 'email:not-an-address', 'zendesk:abc', 'phone:+15550100']) {
      const res = await api('/api/v1/holds', { method: 'POST', body: { personKey, reason: 'x' } });
      expect(res.status, personKey).toBe(400);
    }
  });
});

describe('a request for a merged user (C20)', () => {
  it('C20 when the requested Zendesk user was merged into another, then the surviving user, their tickets, chats and contacts are untouched and the request is audited', async () => {
    const merged = crossSystemPerson();
    const survivor = crossSystemPerson();
    const state = demo.sandbox.state;
    // Zendesk's merge: the source user's identities and tickets move to the target; the source is gone.
    const target = state.zendesk.users.get(survivor.user.id)!;
    const now = new Date().toISOString();
    for (const identity of state.zendesk.users.get(merged.user.id)!.identities) target.identities.push({ ...identity, user_id: target.id, primary: false, updated_at: now });
    for (const ticket of state.zendesk.tickets.values()) if (ticket.requester_id === merged.user.id) state.zendesk.putTicket({ ...ticket, requester_id: target.id, submitter_id: target.id });
    state.zendesk.users.delete(merged.user.id);
    const survivorTickets = [...state.zendesk.tickets.values()].filter((t) => t.requester_id === target.id).map((t) => t.id);

    const request = await eraseAndWait(merged.user.id);
    expect(state.zendesk.users.get(survivor.user.id)?.active).toBe(true);
    for (const ticketId of survivorTickets) expect(state.zendesk.tickets.has(ticketId)).toBe(true);
    expectIntact(survivor);
    const { rows } = await demo.service.db.query(`SELECT action FROM audit_ledger WHERE details->>'requestId' = $1`, [request.id]);
    expect(rows.length).toBeGreaterThan(0);
  });
});
