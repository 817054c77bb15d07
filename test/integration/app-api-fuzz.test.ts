import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoService, type DemoService } from '../helpers/demo-service.js';

/**
 * Bad input on the app API (sidebar and admin page): malformed and hostile bodies, ids and query
 * values on every route must get a 4xx naming the problem, never a 5xx.
 */
let demo: DemoService;
let session: string;

beforeAll(async () => {
  demo = await startDemoService({ size: 60 });
  const html = await (await fetch(`${demo.url}/preview/app/admin`)).text();
  session = html.match(/"session":"([^"]+)"/)?.[1] ?? '';
  expect(session).not.toBe('');
}, 60_000);
afterAll(async () => {
  await demo?.stop();
});

const BODIES = [
  '', '{', 'null', '[]', '"x"', '1e309', '\u0000',
  JSON.stringify({ a: 1 }),
  JSON.stringify({ personKey: 'x'.repeat(10_000) }),
  JSON.stringify({ personKey: 'zendesk:99999999999999999999', reason: 'r' }),
  JSON.stringify({ type: 'erasure', zendeskUserId: -1 }),
  JSON.stringify({ days: 1e20, reason: 'x' }),
  JSON.stringify({ ticketId: 9007199254740993, personKey: 'zendesk:1', statement: 's' }),
  JSON.stringify({ until: 'not a date', personKey: 'zendesk:1', reason: 'r' }),
  JSON.stringify({ personKey: 'email:a\u0000@b.c', purpose: 'cc\u0000', action: 'granted', reason: 'r\u0000', statement: 's\u0000', ticketId: 1, evidence: { ticketId: 1 }, type: 'erasure', days: 5, proof: 'p\u0000' }),
  JSON.stringify({ personKey: 'zendesk:1', purpose: 'cc', action: 'granted', source: 'sidebar', evidence: { ticketId: 1, formId: 'f\u0000' } }),
];
const IDS = ['1', 'abc', 'zendesk:99999999999999999999', 'email:a@b.c%00', '00000000-0000-4000-8000-000000000000', '%00', '..%2f..', 'zendesk:1', 'email:%40', '9'.repeat(40), '-1'];

function routes(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const id of IDS) {
    for (const p of [`/api/v1/requests/${id}/extend`, `/api/v1/requests/${id}/confirm-identity`, `/api/v1/requests/${id}/approve`, `/api/v1/requests/${id}/export-link`, `/api/v1/manual-tasks/${id}/done`, `/api/v1/people/${id}/minor`, `/api/v1/retention/previews/${id}/approve`]) out.push(['POST', p]);
    for (const p of [`/api/v1/requests/${id}/receipt`, `/api/v1/requests/${id}/export?expires=1&signature=x`, `/api/v1/people/${id}/consent-history`, `/api/v1/retention/previews/${id}`, `/api/v1/summary?ticket_id=${id}`, `/api/v1/audit?limit=${id}`, `/api/v1/requests?status=${id}`, `/api/v1/manual-tasks?status=${id}`]) out.push(['GET', p]);
    out.push(['DELETE', `/api/v1/holds/${id}`], ['DELETE', `/api/v1/people/${id}/restriction`]);
  }
  for (const p of ['/api/v1/consent', '/api/v1/requests', '/api/v1/holds', '/api/v1/attestations', '/api/v1/audit/verify', '/api/v1/cc-check', '/api/v1/cc-overrides']) out.push(['POST', p]);
  return out;
}

describe('app API under bad input', () => {
  it('when malformed bodies, odd ids and NUL characters reach every app API route, then none gets a 5xx', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [method, path] of routes()) {
      for (const body of method === 'GET' || method === 'DELETE' ? [undefined] : BODIES) {
        // Each request from its own address (the app trusts X-Forwarded-For from loopback), so the
        // per-address rate limit does not answer 429 in place of the routes under test.
        const from = `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`;
        const res = await fetch(`${demo.url}${path}`, { method, headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json', 'x-forwarded-for': from }, body });
        sent++;
        if (res.status === 429) failures.push(`429 (rate limited, so not tested) ${method} ${path}`);
        if (res.status >= 500) failures.push(`${res.status} ${method} ${path} ${JSON.stringify(body ?? '').slice(0, 60)}`);
        await res.arrayBuffer();
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 120_000);

  it('when a text field carries a NUL character, then 400 names the field', async () => {
    const res = await fetch(`${demo.url}/api/v1/consent`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
      body: JSON.stringify({ personKey: 'zendesk:1', purpose: 'cc', action: 'granted', source: 'sidebar', evidence: { ticketId: 1, formId: 'f\u0000' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues?: string[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.issues).toEqual(['evidence.formId']);
  });
});
