/**
 * The sidebar's CC check before Zendesk saves (C07, C08) and the audited admin override, on the
 * real middleware with a seeded sandbox: decisions match the webhook's rules, roles come from
 * Zendesk rather than the browser, the override is admin-only and recorded without its free text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { findTicketsWithCcs, startDemoService, userOf, type DemoService, type TicketWithCcs } from '../helpers/demo-service.js';

let demo: DemoService;
let adminSession: string;
let agentSession: string;
let tk: TicketWithCcs;

beforeAll(async () => {
  demo = await startDemoService();
  const html = await (await fetch(`${demo.url}/preview/app/admin`)).text();
  adminSession = html.match(/"session":"([^"]+)"/)?.[1] ?? '';
  const agent = demo.dataset.zendesk.users.find((u) => u.role === 'agent')!;
  // Signed with the service's secret; the service still looks the role up in Zendesk on each call.
  const auth = new AppAuthenticator({ sessionSecret: demo.service.context.config.sessionSecret, publicKey: 'unused', lookupRole: async () => 'agent' });
  agentSession = await auth.issueSession(agent.id);
  tk = findTicketsWithCcs(demo.dataset, demo.groundTruth)[0]!;
}, 60_000);
afterAll(async () => {
  await demo?.stop();
});

async function post(path: string, body: unknown, session: string | null = adminSession) {
  const res = await fetch(`${demo.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
}

describe('CC check before saving', () => {
  it('C07 when the form holds an agent, a desk colleague and an end user without consent (twice), then the end user is to be removed, once', async () => {
    const agentCc = userOf(demo.dataset, tk.agentCcId);
    const colleague = userOf(demo.dataset, tk.exemptCcId);
    const endUser = userOf(demo.dataset, tk.endUserCcId);
    const res = await post('/api/v1/cc-check', {
      ticketId: tk.ticket.id,
      requester: { id: tk.requesterId },
      ccs: [
        // The browser's claim about the agent's address is not trusted: Zendesk's record is used.
        { id: agentCc.id, email: 'someone.else@example.net' },
        { id: colleague.id, email: colleague.email },
        { id: endUser.id, email: endUser.email, name: 'Whatever the form says' },
        { id: endUser.id, email: endUser.email!.toUpperCase() },
      ],
    }, agentSession);
    expect(res.status).toBe(200);
    const byId = new Map(res.json.results.map((r: { zendeskUserId: number }) => [r.zendeskUserId, r]));
    expect(res.json.results).toHaveLength(3);
    expect(byId.get(agentCc.id)).toMatchObject({ decision: 'keep', reason: 'agent', email: agentCc.email!.toLowerCase() });
    expect(byId.get(colleague.id)).toMatchObject({ decision: 'keep', reason: 'exempt_domain' });
    expect(byId.get(endUser.id)).toMatchObject({ decision: 'remove', reason: 'no_cc_consent', ccConsent: 'never', displayName: endUser.name });
    expect(res.json.choices).toEqual({ recordConsent: true, adminOverride: false });
  });

  it('C07 when consent is recorded for the end user, then the check keeps them', async () => {
    const endUser = userOf(demo.dataset, tk.endUserCcId);
    const consent = await post('/api/v1/consent', { personKey: `zendesk:${endUser.id}`, purpose: 'cc', action: 'granted', evidence: { ticketId: tk.ticket.id, note: 'phone' } }, agentSession);
    expect(consent.status).toBe(201);
    const res = await post('/api/v1/cc-check', { ticketId: tk.ticket.id, requester: { id: tk.requesterId }, ccs: [{ id: endUser.id, email: endUser.email }] }, agentSession);
    expect(res.json.results[0]).toMatchObject({ decision: 'keep', reason: 'consented', ccConsent: 'granted' });
  });

  it('C07 C29 when an agent asks for an override, then 403; when an admin does, then it is audited without the reason text and the check keeps that CC on that ticket only', async () => {
    const exempt = new Set([...demo.groundTruth.agents, ...demo.groundTruth.exemptDomainUsers, tk.endUserCcId]);
    const plain = (id: number) => !exempt.has(id) && userOf(demo.dataset, id).role === 'end-user';
    const otherTicket = demo.dataset.zendesk.tickets.find((t) => t.id !== tk.ticket.id && t.email_cc_ids.some((id) => plain(id) && id !== t.requester_id))!;
    const person = userOf(demo.dataset, otherTicket.email_cc_ids.find((id) => plain(id) && id !== otherTicket.requester_id)!);
    const other = { ticket: otherTicket };
    const body = { ticketId: other.ticket.id, personKey: `zendesk:${person.id}`, reason: 'Legal guardian, court order 4411' };
    expect((await post('/api/v1/cc-overrides', body, agentSession)).status).toBe(403);
    const created = await post('/api/v1/cc-overrides', body);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ ticketId: other.ticket.id, personKey: `zendesk:${person.id}` });

    const { rows } = await demo.service.db.query<{ actor: string; details: unknown; subject_ref: string }>(`SELECT actor, details, subject_ref FROM audit_ledger WHERE action = 'cc.override'`);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toContain('court order');
    expect(rows[0]!.subject_ref).toMatch(/^person:[0-9a-f]{32}$/);

    const check = (ticketId: number) => post('/api/v1/cc-check', { ticketId, ccs: [{ id: person.id, email: person.email }] });
    expect((await check(other.ticket.id)).json.results[0]).toMatchObject({ decision: 'keep', reason: 'admin_override' });
    expect((await check(tk.ticket.id)).json.results[0]).toMatchObject({ decision: 'remove' });
  });

  it('when the body is malformed or there is no session, then 400 naming the field or 401, never a 5xx', async () => {
    expect((await post('/api/v1/cc-check', { ccs: [{ id: 1, email: 'x@example.com' }] }, null)).status).toBe(401);
    const missing = await post('/api/v1/cc-check', { ticketId: 1 });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.json)).toContain('ccs');
    expect((await post('/api/v1/cc-check', '{')).status).toBe(400);
    expect((await post('/api/v1/cc-check', { ccs: Array.from({ length: 101 }, (_, i) => ({ email: `p${i}@example.com` })) })).status).toBe(400);
    const badKey = await post('/api/v1/cc-overrides', { personKey: 'nobody', reason: 'because' });
    expect(badKey.status).toBe(400);
    expect(badKey.json.error.message).toContain('personKey');
  });
});
