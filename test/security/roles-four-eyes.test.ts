/**
 * Four eyes for the manual identity override (issue 13, "Roles"): with a profile that asks for it
 * (deskpro), one admin's override waits for a second, different admin; every step is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoService, type DemoService } from '../helpers/demo-service.js';
import { callApi, sessionFor } from './support.js';

let demo: DemoService;
const SECOND_ADMIN_ID = 7_900_001;
let firstAdmin: string;
let secondAdmin: string;
let agent: string;

beforeAll(async () => {
  demo = await startDemoService({ env: { POLICY_PROFILE: 'deskpro' } });
  const now = new Date().toISOString();
  demo.sandbox.seed({ zendesk: { users: [{ id: SECOND_ADMIN_ID, name: 'Second Admin', email: 'second.admin@desk.example.com', role: 'admin', phone: null, organization_id: null, created_at: now, updated_at: now, last_login_at: now, user_fields: {}, verified: true, active: true, tags: [], identities: [] }] } });
  firstAdmin = await sessionFor(demo.groundTruth.agents[0]!);
  secondAdmin = await sessionFor(SECOND_ADMIN_ID);
  agent = await sessionFor(demo.groundTruth.agents[1]!);
});

afterAll(async () => {
  await demo?.stop();
});

describe('four-eyes manual override (C20)', () => {
  it('C20 when the profile asks for four eyes, then one admin\'s override waits, the same admin cannot approve twice, and a second admin starts the request; each step is audited', async () => {
    const person = demo.dataset.zendesk!.users!.find((u) => u.role === 'end-user' && u.email && !u.email.includes('desk.example.com'))!;
    const created = await callApi(demo.url, '/api/v1/requests', { method: 'POST', session: agent, body: { type: 'access', personKey: `zendesk:${person.id}` } });
    expect(created.json.status).toBe('awaiting_identity');
    const path = `/api/v1/requests/${created.json.id}/confirm-identity`;

    const first = await callApi(demo.url, path, { method: 'POST', session: firstAdmin, body: {} });
    expect(first.status).toBe(202);
    expect(first.json.status).toBe('awaiting_identity');
    expect((await callApi(demo.url, path, { method: 'POST', session: firstAdmin, body: {} })).status).toBe(409);
    expect((await callApi(demo.url, path, { method: 'POST', session: agent, body: {} })).status).toBe(403);
    const { rows: still } = await demo.service.db.query<{ status: string }>('SELECT status FROM privacy_requests WHERE id = $1', [created.json.id]);
    expect(still[0]!.status).toBe('awaiting_identity');

    const second = await callApi(demo.url, path, { method: 'POST', session: secondAdmin, body: {} });
    expect(second.status).toBe(200);
    expect(['in_progress', 'completed']).toContain(second.json.status);
    const { rows } = await demo.service.db.query<{ action: string; outcome: string; actor: string }>(`SELECT action, outcome, actor FROM audit_ledger WHERE details->>'requestId' = $1 ORDER BY seq`, [created.json.id]);
    const trail = rows.map((r) => `${r.action}:${r.outcome}`);
    expect(trail).toEqual(expect.arrayContaining(['request.identity.override_approved:awaiting_second_admin', 'request.identity.override_refused:same_admin', 'request.identity.override_refused:refused', 'request.identity.override_approved:confirmed', 'request.identity.confirmed:agent_confirmed']));
    expect(new Set(rows.filter((r) => r.action === 'request.identity.override_approved').map((r) => r.actor)).size).toBe(2);
  });

  it('C20 when two admins approve the same override at the same moment, then one waits and the other starts it: the request starts exactly once', async () => {
    const person = demo.dataset.zendesk!.users!.filter((u) => u.role === 'end-user' && u.email && !u.email.includes('desk.example.com'))[1]!;
    const created = await callApi(demo.url, '/api/v1/requests', { method: 'POST', session: agent, body: { type: 'access', personKey: `zendesk:${person.id}` } });
    const path = `/api/v1/requests/${created.json.id}/confirm-identity`;
    const answers = await Promise.all([firstAdmin, secondAdmin].map((session) => callApi(demo.url, path, { method: 'POST', session, body: {} })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 202]);
    const { rows } = await demo.service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_ledger WHERE action = 'request.identity.confirmed' AND details->>'requestId' = $1`, [created.json.id]);
    expect(rows[0]!.n).toBe(1);
  });

  it('C20 when the same admin sends the override twice at the same moment, then it waits for a second admin and does not start', async () => {
    const person = demo.dataset.zendesk!.users!.filter((u) => u.role === 'end-user' && u.email && !u.email.includes('desk.example.com'))[2]!;
    const created = await callApi(demo.url, '/api/v1/requests', { method: 'POST', session: agent, body: { type: 'erasure', personKey: `zendesk:${person.id}` } });
    const path = `/api/v1/requests/${created.json.id}/confirm-identity`;
    const answers = await Promise.all([0, 1].map(() => callApi(demo.url, path, { method: 'POST', session: firstAdmin, body: {} })));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409]);
    const { rows } = await demo.service.db.query<{ status: string }>('SELECT status FROM privacy_requests WHERE id = $1', [created.json.id]);
    expect(rows[0]!.status).toBe('awaiting_identity');
    expect(demo.sandbox.state.zendesk.users.get(person.id)?.active).toBe(true);
  });
});
