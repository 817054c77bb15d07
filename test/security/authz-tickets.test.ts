/**
 * Ticket-level authorization (issue 13, point 5): the summary and the consent routes answer only
 * for tickets Zendesk lets the calling agent see, by the role's ticket access (all, groups,
 * organization, assigned), checked server-side against the sandbox's Zendesk.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoService, type DemoService } from '../helpers/demo-service.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import type { ZendeskTicketRecord, ZendeskUserRecord } from '../../middleware/src/sandbox/types.js';
import { callApi, sessionFor } from './support.js';

const { logger, lines } = capturedLogger();
let demo: DemoService;
const GROUP = 501;
const OTHER_GROUP = 502;
const ORG = 601;
const OTHER_ORG = 602;
const AGENTS = { groups: 7_800_001, organization: 7_800_002, assigned: 7_800_003, light: 7_800_004 } as const;
const sessions: Record<string, string> = {};
/** Seen: in the agents' group and organization, assigned to the assigned-only agent. Hidden: none of these. */
let seen: ZendeskTicketRecord;
let hidden: ZendeskTicketRecord;

function seedAgent(id: number, name: string, extra: Partial<ZendeskUserRecord>): void {
  const now = new Date().toISOString();
  demo.sandbox.seed({
    zendesk: {
      users: [{ id, name, email: `${name.toLowerCase().replace(/\s+/g, '.')}@desk.example.com`, role: 'agent', phone: null, organization_id: null, created_at: now, updated_at: now, last_login_at: now, user_fields: {}, verified: true, active: true, tags: [], identities: [], ...extra }],
    },
  });
}

const summaryOf = (ticket: ZendeskTicketRecord, session: string) => callApi(demo.url, `/api/v1/summary?ticket_id=${ticket.id}&requester_id=${ticket.requester_id}`, { session });
const historyOf = (personKey: string, session: string, ticketId?: number) =>
  callApi(demo.url, `/api/v1/people/${encodeURIComponent(personKey)}/consent-history${ticketId ? `?ticket_id=${ticketId}` : ''}`, { session });

beforeAll(async () => {
  demo = await startDemoService({ logger });
  const state = demo.sandbox.state;
  const open = demo.dataset.zendesk!.tickets!.filter((t) => t.status !== 'closed' && t.email_cc_ids.length > 0);
  const [a, b] = open.filter((t, i, all) => all.findIndex((o) => o.requester_id === t.requester_id) === i);
  const otherAgent = demo.groundTruth.agents[1]!;
  seen = { ...state.zendesk.tickets.get(a!.id)!, group_id: GROUP, organization_id: ORG, assignee_id: AGENTS.assigned };
  hidden = { ...state.zendesk.tickets.get(b!.id)!, group_id: OTHER_GROUP, organization_id: OTHER_ORG, assignee_id: otherAgent };
  state.zendesk.putTicket(seen);
  state.zendesk.putTicket(hidden);
  seedAgent(AGENTS.groups, 'Greta Groups', { ticket_restriction: 'groups', group_ids: [GROUP] });
  seedAgent(AGENTS.organization, 'Olga Org', { ticket_restriction: 'organization', organization_id: ORG });
  seedAgent(AGENTS.assigned, 'Asa Assigned', { ticket_restriction: 'assigned' });
  seedAgent(AGENTS.light, 'Lino Light', { role_type: 1, ticket_restriction: 'groups', group_ids: [GROUP] });
  for (const [kind, id] of Object.entries(AGENTS)) sessions[kind] = await sessionFor(id);
  sessions.all = await sessionFor(otherAgent);
  sessions.admin = await sessionFor(demo.groundTruth.agents[0]!);
});

afterAll(async () => {
  await demo?.stop();
});

describe('GET /api/v1/summary by ticket access', () => {
  it.each(['groups', 'organization', 'assigned', 'light'] as const)('C29 when an agent whose role sees "%s" tickets asks for a ticket outside them, then 403 and no name or address in the answer', async (kind) => {
    const res = await summaryOf(hidden, sessions[kind]!);
    expect(res.status).toBe(403);
    const requester = demo.sandbox.state.zendesk.users.get(hidden.requester_id)!;
    expect(res.text).not.toContain(requester.email!);
    expect(res.text).not.toContain(requester.name);
  });

  it.each(['groups', 'organization', 'assigned', 'light'] as const)('C29 when an agent whose role sees "%s" tickets asks for a ticket inside them, then the summary', async (kind) => {
    const res = await summaryOf(seen, sessions[kind]!);
    expect(res.status).toBe(200);
    expect(res.json.requester.zendeskUserId).toBe(seen.requester_id);
  });

  it('C29 when an agent with access to all tickets or an admin asks for either ticket, then the summary', async () => {
    for (const session of [sessions.all!, sessions.admin!]) {
      expect((await summaryOf(seen, session)).status).toBe(200);
      expect((await summaryOf(hidden, session)).status).toBe(200);
    }
  });
});

describe('consent history and consent records by ticket access', () => {
  it('C09 when a restricted agent asks for the consent history of a person on a ticket they cannot see, then 403', async () => {
    const key = `zendesk:${hidden.requester_id}`;
    expect((await historyOf(key, sessions.groups!, hidden.id)).status).toBe(403);
    // Naming a ticket they can see does not help when the person is not on it.
    expect((await historyOf(key, sessions.groups!, seen.id)).status).toBe(403);
    // And without a ticket, an agent gets nothing.
    expect((await historyOf(key, sessions.all!)).status).toBe(403);
  });

  it('C09 when an agent asks for the history of a person on a ticket they can see, or an admin asks for anyone, then the history', async () => {
    expect((await historyOf(`zendesk:${seen.requester_id}`, sessions.groups!, seen.id)).status).toBe(200);
    const requester = demo.sandbox.state.zendesk.users.get(seen.requester_id)!;
    expect((await historyOf(`email:${requester.email!.toUpperCase()}`, sessions.assigned!, seen.id)).status).toBe(200);
    expect((await historyOf(`zendesk:${hidden.requester_id}`, sessions.admin!)).status).toBe(200);
  });

  it('C09 when a restricted agent records consent with a ticket they cannot see as evidence, then 403 and nothing is recorded', async () => {
    const key = `zendesk:${hidden.requester_id}`;
    const res = await callApi(demo.url, '/api/v1/consent', { method: 'POST', session: sessions.groups!, body: { personKey: key, purpose: 'marketing', action: 'granted', evidence: { ticketId: hidden.id } } });
    expect(res.status).toBe(403);
    const { rows } = await demo.service.db.query('SELECT 1 FROM consent_records WHERE person_key = $1', [key]);
    expect(rows).toHaveLength(0);
  });

  it('C20 when a restricted agent files a request from a ticket they cannot see, then 403 and no request is stored', async () => {
    const res = await callApi(demo.url, '/api/v1/requests', { method: 'POST', session: sessions.organization!, body: { type: 'access', personKey: `zendesk:${hidden.requester_id}`, ticketId: hidden.id } });
    expect(res.status).toBe(403);
    const { rows } = await demo.service.db.query('SELECT 1 FROM privacy_requests WHERE ticket_id = $1', [hidden.id]);
    expect(rows).toHaveLength(0);
  });
});

describe('request logs (C29)', () => {
  it('C29 when a route is called with an e-mail person key in its path, then the request log shows the audit subject ref, never the address', async () => {
    const requester = demo.sandbox.state.zendesk.users.get(seen.requester_id)!;
    const key = `email:${requester.email!}`;
    await historyOf(key, sessions.admin!);
    const logged = lines.filter((l) => l.includes('consent-history'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('\n')).not.toContain('@');
    expect(logged.join('\n')).toContain(demo.service.context.audit.subjectRefFor(key));
  });
});
