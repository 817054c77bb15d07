import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoService, findTicketsWithCcs, DEMO_NOW, type DemoService } from '../helpers/demo-service.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import { waitFor } from '../helpers/child-service.js';

let demo: DemoService;
const { logger, lines } = capturedLogger();
let session = '';

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${demo.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${session}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as any };
}

beforeAll(async () => {
  demo = await startDemoService({ logger, env: { LOG_LEVEL: 'debug' } });
  const html = await (await fetch(`${demo.url}/preview/app/admin`)).text();
  session = JSON.parse(html.match(/<script id="pg-boot" type="application\/json">(.*?)<\/script>/)![1]!.replace(/\\u003c/g, '<')).session;
});
afterAll(async () => {
  await demo?.stop();
});

describe('no personal data or secret in the logs', () => {
  it('C29 when the product runs CC enforcement, comment scans, consent, a summary, an erasure request and a retention preview at debug level, then no log line holds a seeded e-mail, name, phone, comment text, token or session', async () => {
    const tickets = findTicketsWithCcs(demo.dataset, demo.groundTruth).slice(0, 5);
    const cardCommentIds = new Set(demo.groundTruth.commentsWithCardNumbers);
    const cardTickets = [...new Set(demo.dataset.zendesk.comments.filter((c) => cardCommentIds.has(c.id)).map((c) => c.ticket_id))].slice(0, 3);
    for (const id of [...tickets.map((t) => t.ticket.id), ...cardTickets]) {
      const ticket = demo.dataset.zendesk.tickets.find((t) => t.id === id)!;
      const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticket.id), requester_id: String(ticket.requester_id), status: 'Solved', updated_at: DEMO_NOW, email_cc_ids: ticket.email_cc_ids.join(',') } });
      expect((await fetch(`${demo.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body, { timestamp: DEMO_NOW }) })).status).toBe(200);
    }
    await waitFor(async () => {
      const { rows } = await demo.service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status <> 'processed'`);
      return rows[0]!.n === 0;
    }, 120_000, 'webhooks to be processed');

    const first = tickets[0]!;
    expect((await api('GET', `/api/v1/summary?ticket_id=${first.ticket.id}&requester_id=${first.ticket.requester_id}`)).status).toBe(200);
    const requester = demo.dataset.zendesk.users.find((u) => u.id === first.ticket.requester_id)!;
    expect((await api('POST', '/api/v1/consent', { personKey: `zendesk:${requester.id}`, zendeskUserId: requester.id, email: requester.email, purpose: 'cc', action: 'granted', evidence: { ticketId: first.ticket.id } })).status).toBe(201);
    const other = demo.dataset.zendesk.tickets.find((t) => t.status === 'closed' && t.requester_id !== requester.id)!;
    const erasure = await api('POST', '/api/v1/requests', { type: 'erasure', personKey: `zendesk:${other.requester_id}`, ticketId: other.id });
    expect([200, 201, 202, 409]).toContain(erasure.status); // 409: refused with a reason (e.g. open tickets), which is logged too
    const preview = await api('POST', '/api/v1/retention/previews');
    expect([200, 201, 202], JSON.stringify(preview.json)).toContain(preview.status);
    await new Promise((r) => setTimeout(r, 3000)); // let the erasure steps and the sweep log what they log

    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const user of demo.dataset.zendesk.users) {
      if (user.email && all.includes(user.email)) leaks.push(`email of user ${user.id}`);
      if (user.name && user.name.length > 5 && all.includes(user.name)) leaks.push(`name of user ${user.id}`);
      if (user.phone && all.includes(user.phone)) leaks.push(`phone of user ${user.id}`);
    }
    for (const comment of demo.dataset.zendesk.comments.slice(0, 2000)) {
      if (comment.body.length > 30 && all.includes(comment.body.slice(0, 30))) leaks.push(`text of comment ${comment.id}`);
    }
    for (const secret of ['sandbox-token', 'sandbox-pat', 'sandbox-client-secret', session, demo.service.config.sessionSecret, demo.service.config.auditKey, ...demo.service.config.zendeskWebhookSecrets]) {
      if (all.includes(secret)) leaks.push('a secret or token');
    }
    expect(all).not.toMatch(/Bearer\s+[A-Za-z0-9._-]{10,}/);
    expect(all).not.toMatch(/Basic\s+[A-Za-z0-9+/=]{10,}/);
    expect(leaks).toEqual([]);
  }, 240_000);
});
