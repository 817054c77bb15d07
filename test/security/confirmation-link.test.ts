/**
 * Wrongful erasure by link (issue 13, points 1 and 7): the confirmation page's GET never confirms
 * (mail scanners prefetch links), the POST confirms once, a used, unknown or cancelled link does
 * nothing; the person hears from us before anything is deleted and once more with the summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, confirmationOf, crossSystemPerson, deliverTrigger, expectIntact, processed, reply, repliesPosted, repliesToPerson, requestFor, seedRequestTicket, startHarness, type Harness, type Person } from './confirmation-harness.js';
import { waitFor } from '../helpers/child-service.js';

let h: Harness;
const used: number[] = [];

async function erasureAwaitingConfirmation(): Promise<{ person: Person; ticketId: number; code: string; link: string; requestId: string }> {
  const person = crossSystemPerson(h.dataset, used);
  used.push(person.user.id);
  const ticketId = seedRequestTicket(h, person.user.id, 'someone.else@example.net');
  await deliverTrigger(h, ticketId, person.user.id);
  const { code, link } = await confirmationOf(h, ticketId, person.user.id);
  await processed(h, ticketId);
  const request = await requestFor(h, ticketId);
  expect(link).not.toBeNull();
  return { person, ticketId, code, link: link!, requestId: request.id };
}

const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
const post = (token: string, decision: string) =>
  fetch(`${h.service.url}/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, decision }).toString() });

beforeAll(async () => {
  h = await startHarness('security-confirmation-link');
});

afterAll(async () => {
  await h?.stop();
});

describe('the confirmation link and page (C20, C29)', () => {
  it('C20 when the link is fetched with GET (as a mail scanner would, three times), then the page asks but nothing is confirmed; unknown tokens answer 404 and reveal nothing', async () => {
    const { person, ticketId, link, requestId } = await erasureAwaitingConfirmation();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(link);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('Yes, erase my data');
      expect(html).toContain('No, cancel this request');
      expect(html).toContain(`#${ticketId}`);
      expect(html).not.toContain(person.user.email!);
      expect(html).not.toContain(person.user.name!);
    }
    expect((await requestFor(h, ticketId)).status).toBe('awaiting_identity');
    expect((await auditOf(h, requestId)).map((a) => a.action)).not.toContain('request.identity.confirmed');
    expectIntact(h, person);
    // The token is a credential: the request log names the route, never the token.
    expect(h.lines.join('\n')).not.toContain(tokenOf(link));
    expect(h.lines.join('\n')).toContain('/confirm/:token');

    const unknown = await fetch(`${h.service.url}/confirm/${'A'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    const body = await unknown.text();
    expect(body).toContain('This link is not valid.');
    expect(body).not.toMatch(/erasure|ticket/i);
    expect((await post('A'.repeat(32), 'confirm')).status).toBe(404);
  });

  it('C20 when the page\'s "No, cancel" is pressed, then the request is cancelled, nothing is erased, the objection is audited and the person is told; the link then answers 410', async () => {
    const { person, ticketId, link, code, requestId } = await erasureAwaitingConfirmation();
    const res = await post(tokenOf(link), 'cancel');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('is cancelled');
    await repliesPosted(h);
    expect((await requestFor(h, ticketId)).status).toBe('refused');
    expect((await auditOf(h, requestId)).find((a) => a.action === 'request.identity.objected')?.details.via).toBe('link');
    expect(repliesToPerson(h, ticketId, person.user.id).some((b) => b.includes('It is cancelled and nothing has been changed'))).toBe(true);
    expect((await fetch(link)).status).toBe(410);
    expect((await post(tokenOf(link), 'confirm')).status).toBe(410);
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expectIntact(h, person);
  });

  it('C20 C29 when two confirmations of the same link race, then exactly one confirms, the others answer 410 and the ledger records one confirmation', async () => {
    const { ticketId, link, requestId } = await erasureAwaitingConfirmation();
    const results = await Promise.all(Array.from({ length: 5 }, () => post(tokenOf(link), 'confirm')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 410, 410, 410, 410]);
    expect((await auditOf(h, requestId)).filter((a) => a.action === 'request.identity.confirmed')).toHaveLength(1);
    expect((await auditOf(h, requestId)).filter((a) => a.action === 'request.identity.link_refused')).toHaveLength(4);
    await waitFor(async () => (await requestFor(h, ticketId)).status === 'completed', 90_000, 'the confirmed erasure to complete');
  });

  it('C20 C30 when the person confirms with the link\'s POST, then the erasure runs: the person is told before anything is deleted and receives a last reply with the summary, and the request ticket is deleted after it', async () => {
    const { person, ticketId, link, requestId } = await erasureAwaitingConfirmation();
    const logStart = h.sandbox.sandbox.requestLog.entries.length;
    const res = await post(tokenOf(link), 'confirm');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('is confirmed');
    await waitFor(async () => (await requestFor(h, ticketId)).status === 'completed', 90_000, 'the erasure to complete');

    const request = await requestFor(h, ticketId);
    expect((typeof request.identity === 'string' ? JSON.parse(request.identity) : request.identity).method).toBe('confirmation_link');
    const state = h.sandbox.sandbox.state;
    expect(state.zendesk.users.has(person.user.id)).toBe(false);
    expect(state.zendesk.tickets.has(ticketId)).toBe(false);
    // Both replies were posted on the request ticket while it existed: the first before any vendor
    // deletion, the last before the tickets and the account were deleted.
    const toPerson = h.posted.filter((c) => c.ticketId === ticketId && c.public && c.authorId !== person.user.id);
    const before = toPerson.find((c) => c.body.includes('We are about to erase'));
    const last = toPerson.find((c) => c.body.includes('This is the last message'));
    expect(before).toBeDefined();
    expect(last).toBeDefined();
    const log = h.sandbox.sandbox.requestLog.entries.slice(logStart);
    const firstDelete = log.find((e) => e.method === 'DELETE')!;
    const ticketsDeleted = log.find((e) => e.vendor === 'zendesk' && e.method === 'DELETE' && e.path.includes('/tickets/destroy_many'))!;
    expect(before!.afterRequests).toBeLessThan(firstDelete.seq);
    expect(last!.afterRequests).toBeLessThan(ticketsDeleted.seq);
    expect(last!.body).toContain(requestId);
    expect(last!.body).toMatch(/Chat: 1 chat profile\(s\) anonymised/);
    expect(last!.body).toMatch(/Phone: 1 contact\(s\) deleted/);
    expect(last!.body).not.toContain(person.user.email!);
    const actions = (await auditOf(h, requestId)).map((a) => a.action);
    expect(actions.filter((a) => a === 'request.erasure.person_notified')).toHaveLength(2);
    const firstErasing = actions.findIndex((a) => /^(livechat|talkdesk)\.|^zendesk\.(tickets\.(soft|perm)|user\.|participant)/.test(a));
    expect(actions.indexOf('request.erasure.person_notified')).toBeLessThan(firstErasing);
    expect((await h.service.context.audit.verify()).ok).toBe(true);
    expect(h.lines.join('\n')).not.toContain(person.user.email!);
  });

  it('C18 when the person is under a legal hold, then the erasure is refused before anything is deleted and the person is told it is a legal hold, without the hold\'s internal reason', async () => {
    const person = crossSystemPerson(h.dataset, used);
    used.push(person.user.id);
    await h.service.db.query(`INSERT INTO legal_holds (person_key, reason, placed_by, starts_at) VALUES ($1, 'Litigation 2026-17 internal', 'test', now())`, [`zendesk:${person.user.id}`]);
    const ticketId = seedRequestTicket(h, person.user.id, person.user.email!);
    await deliverTrigger(h, ticketId, person.user.id);
    const { code } = await confirmationOf(h, ticketId, person.user.id);
    await reply(h, ticketId, person.user.id, `Yes, go ahead: ${code}`, person.user.email!);
    await waitFor(async () => (await requestFor(h, ticketId))?.status === 'refused', 30_000, 'the erasure to be refused');
    await repliesPosted(h);
    const replies = repliesToPerson(h, ticketId, person.user.id);
    expect(replies.some((b) => b.includes('legally required to keep some of your data'))).toBe(true);
    expect(replies.join('\n')).not.toContain('Litigation');
    expectIntact(h, person);
  });
});
