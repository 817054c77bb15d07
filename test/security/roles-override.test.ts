/**
 * Wrongful erasure by role (issue 13, points 2 and 3): the real service as the demo composes it,
 * on a free port with its database and queue, roles looked up in the sandbox's Zendesk (never
 * taken from the session), against the seeded sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoService, type DemoService } from '../helpers/demo-service.js';
import { waitFor } from '../helpers/child-service.js';
import type { ZendeskUserRecord } from '../../middleware/src/sandbox/types.js';
import { callApi, sessionFor } from './support.js';

let demo: DemoService;
let adminSession: string;
let agentSession: string;
let lightAgentSession: string;
let customRoleSession: string;
const LIGHT_AGENT_ID = 7_700_001;
const CUSTOM_ROLE_AGENT_ID = 7_700_002;

const api = (path: string, init: { method?: string; body?: unknown; session?: string } = {}) => callApi(demo.url, path, { session: adminSession, ...init });

/** Seeded end users with e-mail, not on the desk's domain, whose tickets are all closed (an erasure would not be blocked). */
function endUsers(): ZendeskUserRecord[] {
  return demo.dataset.zendesk!.users!.filter((u) => {
    if (u.role !== 'end-user' || !u.email || u.email.includes('desk.example.com')) return false;
    const tickets = demo.dataset.zendesk!.tickets!.filter((t) => t.requester_id === u.id);
    return tickets.length > 0 && tickets.every((t) => t.status === 'closed');
  });
}

async function requestRow(id: string) {
  const { rows } = await demo.service.db.query<{ status: string; refusal_reason: string | null }>('SELECT status, refusal_reason FROM privacy_requests WHERE id = $1', [id]);
  return rows[0]!;
}

async function auditActions(requestId: string): Promise<string[]> {
  const { rows } = await demo.service.db.query<{ action: string }>(`SELECT action FROM audit_ledger WHERE details->>'requestId' = $1 ORDER BY seq`, [requestId]);
  return rows.map((r) => r.action);
}

function seedStaff(id: number, name: string, extra: Partial<ZendeskUserRecord>): void {
  const now = new Date().toISOString();
  demo.sandbox.seed({
    zendesk: {
      users: [
        {
          id,
          name,
          email: `${name.toLowerCase().replace(/\s+/g, '.')}@desk.example.com`,
          role: 'agent',
          phone: null,
          organization_id: null,
          created_at: now,
          updated_at: now,
          last_login_at: now,
          user_fields: {},
          verified: true,
          active: true,
          tags: [],
          identities: [],
          ...extra,
        },
      ],
    },
  });
}

beforeAll(async () => {
  demo = await startDemoService();
  const [admin, agent] = demo.groundTruth.agents;
  adminSession = await sessionFor(admin!);
  agentSession = await sessionFor(agent!);
  seedStaff(LIGHT_AGENT_ID, 'Lena Light', { role_type: 1 });
  // An Enterprise custom role: whatever it grants in Zendesk, it is not an admin here.
  seedStaff(CUSTOM_ROLE_AGENT_ID, 'Cora Custom', { role_type: 0, custom_role_id: 9_373_643 });
  lightAgentSession = await sessionFor(LIGHT_AGENT_ID);
  customRoleSession = await sessionFor(CUSTOM_ROLE_AGENT_ID);
});

afterAll(async () => {
  await demo?.stop();
});

describe('manual identity override is for admins only (C20)', () => {
  it('C20 when an agent files an erasure for an end user and confirms the identity itself, then 403, the person is intact and the refusal is audited', async () => {
    const person = endUsers()[0]!;
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'erasure', personKey: `zendesk:${person.id}` }, session: agentSession });
    expect(created.status).toBe(201);
    expect(created.json.status).toBe('awaiting_identity');

    const confirmed = await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {}, session: agentSession });
    expect(confirmed.status).toBe(403);
    expect((await requestRow(created.json.id)).status).toBe('awaiting_identity');
    expect(demo.sandbox.state.zendesk.users.get(person.id)?.active).toBe(true);
    expect(demo.sandbox.requestLog.count({ vendor: 'zendesk', method: 'DELETE' })).toBe(0);
    expect(await auditActions(created.json.id)).toContain('request.identity.override_refused');
  });

  it('C20 when an agent with an Enterprise custom role or a light agent tries the override, then 403 as well (a custom role never escalates)', async () => {
    const person = endUsers()[1]!;
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'erasure', personKey: `zendesk:${person.id}` } });
    expect((await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {}, session: customRoleSession })).status).toBe(403);
    expect((await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {}, session: lightAgentSession })).status).toBe(403);
    expect((await requestRow(created.json.id)).status).toBe('awaiting_identity');
    expect(demo.sandbox.state.zendesk.users.get(person.id)?.active).toBe(true);
  });

  it('C20 when an admin confirms the identity on the person\'s behalf, then the request starts and the override is audited with the admin', async () => {
    const person = endUsers()[2]!;
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'access', personKey: `zendesk:${person.id}` }, session: agentSession });
    const confirmed = await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} });
    expect(confirmed.status).toBe(200);
    expect(['in_progress', 'completed']).toContain((await requestRow(created.json.id)).status);
    expect(await auditActions(created.json.id)).toContain('request.identity.confirmed');
  });

  it('C20 when a light agent files a request, records consent or attests, then 403: light agents only read', async () => {
    const person = endUsers()[3]!;
    expect((await api('/api/v1/requests', { method: 'POST', body: { type: 'erasure', personKey: `zendesk:${person.id}` }, session: lightAgentSession })).status).toBe(403);
    expect((await api('/api/v1/consent', { method: 'POST', body: { personKey: `zendesk:${person.id}`, purpose: 'marketing', action: 'granted', evidence: { formId: 'f1' } }, session: lightAgentSession })).status).toBe(403);
  });

  it('C18 when an agent places or lifts a legal hold, then 403 (holds are admin-only)', async () => {
    const person = endUsers()[3]!;
    expect((await api('/api/v1/holds', { method: 'POST', body: { personKey: `zendesk:${person.id}`, reason: 'dispute' }, session: agentSession })).status).toBe(403);
  });
});

describe('staff accounts are never erased or rectified by a request (C20, C23)', () => {
  it('C23 when an agent files a rectification of an admin\'s e-mail, then the agent cannot confirm it, an admin\'s confirmation is refused for a staff account, and the admin\'s primary e-mail is unchanged', async () => {
    const adminId = demo.groundTruth.agents[0]!;
    const before = demo.sandbox.state.zendesk.users.get(adminId)!;
    const primaryBefore = before.email;
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'rectification', personKey: `zendesk:${adminId}`, changes: { email: 'attacker@evil.example' } }, session: agentSession });
    expect(created.status).toBe(201);
    expect((await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {}, session: agentSession })).status).toBe(403);
    expect((await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} })).status).toBe(200);
    await waitFor(async () => (await requestRow(created.json.id)).status === 'refused', 30_000, 'the rectification to be refused');
    expect((await requestRow(created.json.id)).refusal_reason).toContain('staff account');
    const after = demo.sandbox.state.zendesk.users.get(adminId)!;
    expect(after.email).toBe(primaryBefore);
    expect(after.identities.some((i) => i.value === 'attacker@evil.example')).toBe(false);
    expect(await auditActions(created.json.id)).toContain('request.rectification.refused');
  });

  it('C20 when an admin confirms an erasure of an agent, then it is refused and the agent is intact', async () => {
    const agentId = demo.groundTruth.agents[1]!;
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'erasure', personKey: `zendesk:${agentId}` } });
    expect((await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} })).status).toBe(200);
    await waitFor(async () => (await requestRow(created.json.id)).status === 'refused', 30_000, 'the erasure to be refused');
    expect(demo.sandbox.state.zendesk.users.get(agentId)?.active).toBe(true);
  });
});

describe('e-mail rectification goes through Zendesk identities (C23)', () => {
  it('C23 when an end user\'s e-mail is rectified, then the address is added as an identity, made primary and verified, and the old one stays as a secondary identity', async () => {
    const person = endUsers()[4]!;
    const oldEmail = person.email!;
    const newEmail = `corrected.${person.id}@example.org`;
    const created = await api('/api/v1/requests', { method: 'POST', body: { type: 'rectification', personKey: `zendesk:${person.id}`, changes: { email: newEmail } } });
    expect((await api(`/api/v1/requests/${created.json.id}/confirm-identity`, { method: 'POST', body: {} })).status).toBe(200);
    await waitFor(async () => ['completed', 'failed', 'refused'].includes((await requestRow(created.json.id)).status), 60_000, 'the rectification');
    expect((await requestRow(created.json.id)).status).toBe('completed');
    const user = demo.sandbox.state.zendesk.users.get(person.id)!;
    expect(user.email).toBe(newEmail);
    const identity = user.identities.find((i) => i.value === newEmail)!;
    expect(identity).toMatchObject({ primary: true, verified: true, type: 'email' });
    expect(user.identities.find((i) => i.value === oldEmail)).toMatchObject({ primary: false });
    const log = demo.sandbox.requestLog;
    expect(log.filter({ vendor: 'zendesk', endpoint: 'POST /api/v2/users/{id}/identities' })).toHaveLength(1);
    expect(log.filter({ vendor: 'zendesk', method: 'PUT' }).filter((e) => e.path.endsWith('/make_primary'))).toHaveLength(1);
    expect(log.filter({ vendor: 'zendesk', method: 'PUT' }).filter((e) => e.path.endsWith('/verify'))).toHaveLength(1);
  });
});
