/**
 * Wrongful erasure by reply (issue 13, point 1): a reply to the confirmation message confirms only
 * when it carries this request's live code and comes from the account's verified primary address.
 * Every scenario ends with the person intact, an audit entry and a reply telling them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, confirmationOf, crossSystemPerson, deliverTrigger, expectIntact, processed, reply, repliesPosted, repliesToPerson, requestFor, seedRequestTicket, startHarness, type Harness, type Person } from './confirmation-harness.js';
import { waitFor } from '../helpers/child-service.js';

let h: Harness;
const used: number[] = [];

/** A fresh person and an erasure ticket filed in their name from another address: the confirmation is asked. */
async function erasureAwaitingConfirmation(options: { requireCode?: boolean } = {}): Promise<{ person: Person; ticketId: number; code: string; link: string | null; requestId: string }> {
  const person = crossSystemPerson(h.dataset, used);
  used.push(person.user.id);
  const ticketId = seedRequestTicket(h, person.user.id, 'someone.else@example.net');
  await deliverTrigger(h, ticketId, person.user.id);
  const { code, link } = await confirmationOf(h, ticketId, person.user.id, options);
  await processed(h, ticketId);
  const request = await requestFor(h, ticketId);
  expect(request.status).toBe('awaiting_identity');
  return { person, ticketId, code, link, requestId: request.id };
}

beforeAll(async () => {
  h = await startHarness('security-confirmation-replies');
});

afterAll(async () => {
  await h?.stop();
});

describe('a reply to the confirmation message (C20, C29)', () => {
  it('C20 C29 when the person answers "I did NOT make this request. Do NOT delete my account." from the primary address, then the request is cancelled, nothing is erased, the objection is audited and the person is told', async () => {
    const { person, ticketId, requestId } = await erasureAwaitingConfirmation({ requireCode: false });
    await reply(h, ticketId, person.user.id, 'I did NOT make this request. Do NOT delete my account.', person.user.email!);
    await waitFor(async () => (await requestFor(h, ticketId)).status !== 'awaiting_identity', 30_000, 'the request to leave awaiting_identity');
    await repliesPosted(h);

    const request = await requestFor(h, ticketId);
    expect(request.status).toBe('refused');
    expect(request.identity).toBeNull();
    expectIntact(h, person);
    const audit = await auditOf(h, requestId);
    expect(audit.map((a) => a.action)).toContain('request.identity.objected');
    expect(audit.map((a) => a.action)).not.toContain('request.identity.confirmed');
    expect(repliesToPerson(h, ticketId, person.user.id).some((b) => b.includes('It is cancelled and nothing has been changed'))).toBe(true);
    expect(h.sandbox.sandbox.state.zendesk.tickets.get(ticketId)?.status).toBe('solved');
  });

  it('C20 C23 when an erasure or rectification tag is on a ticket that came from the person\'s own primary address (an agent can tag any ticket the person sent; an e-mail From can be forged), then nothing starts: the person is asked for the code and stays intact', async () => {
    const person = crossSystemPerson(h.dataset, used);
    used.push(person.user.id);
    for (const type of ['erasure', 'rectification'] as const) {
      const ticketId = seedRequestTicket(h, person.user.id, person.user.email!, `privacy_request_${type}`);
      await deliverTrigger(h, ticketId, person.user.id, `privacy_request_${type}`);
      const { code } = await confirmationOf(h, ticketId, person.user.id);
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await processed(h, ticketId);
      expect((await requestFor(h, ticketId, type)).status).toBe('awaiting_identity');
    }
    expectIntact(h, person);
  });

  it('C20 when the person answers "yes, go ahead" without the code, then the request keeps waiting, nothing is erased, the reply is audited and the person is told how to confirm', async () => {
    const { person, ticketId, requestId } = await erasureAwaitingConfirmation({ requireCode: false });
    await reply(h, ticketId, person.user.id, 'Yes, go ahead.', person.user.email!);

    expect((await requestFor(h, ticketId)).status).toBe('awaiting_identity');
    expectIntact(h, person);
    expect((await auditOf(h, requestId)).map((a) => a.action)).toContain('request.identity.reply_without_code');
    expect(repliesToPerson(h, ticketId, person.user.id).some((b) => b.includes('did not contain the confirmation code'))).toBe(true);
  });

  it('C20 when the valid code comes from a secondary address of the account, then it does not confirm: the request waits, the refusal is audited and the person is told', async () => {
    const { person, ticketId, code, requestId } = await erasureAwaitingConfirmation();
    // A verified secondary e-mail identity of the same account.
    const user = h.sandbox.sandbox.state.zendesk.users.get(person.user.id)!;
    const primary = user.identities.find((i) => i.type === 'email' && i.primary)!;
    const secondary = `second.${person.user.email!}`;
    user.identities.push({ ...primary, id: primary.id + 50_000_000, value: secondary, primary: false, verified: true });
    await reply(h, ticketId, person.user.id, `Confirmed: ${code}`, secondary);

    expect((await requestFor(h, ticketId)).status).toBe('awaiting_identity');
    expectIntact(h, person);
    const refused = (await auditOf(h, requestId)).find((a) => a.action === 'request.identity.code_refused');
    expect(refused?.details.reason).toBe('sender_is_not_primary_address');
    expect(repliesToPerson(h, ticketId, person.user.id).some((b) => b.includes('only accept the confirmation code from the e-mail address registered'))).toBe(true);
  });

  it('C20 when a wrong code comes from the primary address, then it does not confirm, the failed attempt is counted and audited, and after five the confirmation is revoked so even the right code no longer confirms', async () => {
    const { person, ticketId, code, requestId } = await erasureAwaitingConfirmation();
    const wrong = code.startsWith('2') ? `3${code.slice(1)}` : `2${code.slice(1)}`;
    await reply(h, ticketId, person.user.id, `Here is the code: ${wrong}`, person.user.email!);
    expect((await requestFor(h, ticketId)).status).toBe('awaiting_identity');
    expect((await auditOf(h, requestId)).find((a) => a.action === 'request.identity.code_refused')?.details).toMatchObject({ reason: 'no_matching_code', failedAttempts: 1 });
    expect(repliesToPerson(h, ticketId, person.user.id).some((b) => b.includes('The code in your reply is not valid'))).toBe(true);

    for (let i = 0; i < 4; i++) await reply(h, ticketId, person.user.id, `Code ${wrong}`, person.user.email!);
    expect((await auditOf(h, requestId)).map((a) => a.action)).toContain('request.identity.confirmation_revoked');
    await reply(h, ticketId, person.user.id, code, person.user.email!);
    expect((await requestFor(h, ticketId)).status).toBe('awaiting_identity');
    expect((await auditOf(h, requestId)).filter((a) => a.action === 'request.identity.code_refused').at(-1)?.details.reason).toBe('confirmation_revoked');
    expectIntact(h, person);
  });

  it('C20 when the right code comes from the primary address after the confirmation expired, then it does not confirm and the refusal is audited as expired', async () => {
    const { person, ticketId, code, requestId } = await erasureAwaitingConfirmation();
    await h.service.db.query(`UPDATE request_confirmations SET expires_at = now() - interval '1 minute' WHERE request_id = $1`, [requestId]);
    await reply(h, ticketId, person.user.id, code, person.user.email!);

    expect((await requestFor(h, ticketId)).status).toBe('awaiting_identity');
    expectIntact(h, person);
    expect((await auditOf(h, requestId)).find((a) => a.action === 'request.identity.code_refused')?.details.reason).toBe('confirmation_expired');
  });

  it('C20 when two requests race for the same person and the code of one is sent back on the other\'s ticket, then it confirms neither (a code is bound to its request)', async () => {
    const first = await erasureAwaitingConfirmation();
    const secondTicket = seedRequestTicket(h, first.person.user.id, 'someone.else@example.net', 'privacy_request_rectification');
    await deliverTrigger(h, secondTicket, first.person.user.id, 'privacy_request_rectification');
    await confirmationOf(h, secondTicket, first.person.user.id);
    await processed(h, secondTicket);
    const second = await requestFor(h, secondTicket, 'rectification');

    await reply(h, secondTicket, first.person.user.id, first.code, first.person.user.email!);
    expect((await requestFor(h, secondTicket, 'rectification')).status).toBe('awaiting_identity');
    expect((await requestFor(h, first.ticketId)).status).toBe('awaiting_identity');
    expect((await auditOf(h, second.id)).find((a) => a.action === 'request.identity.code_refused')?.details.reason).toBe('no_matching_code');
    expectIntact(h, first.person);
  });

  it('C20 C26 when a request is never confirmed, then at its deadline the housekeeping job ends it as expired, the person is told and a later code no longer confirms', async () => {
    const { person, ticketId, code, requestId } = await erasureAwaitingConfirmation();
    await h.service.db.query(`UPDATE privacy_requests SET due_at = now() - interval '1 minute' WHERE id = $1`, [requestId]);
    await h.service.context.queue.enqueue('housekeeping', { slot: 'test-expiry' });
    await waitFor(async () => (await requestFor(h, ticketId)).status === 'refused', 30_000, 'the request to expire');
    await repliesPosted(h);

    expect((await requestFor(h, ticketId)).refusal_reason).toMatch(/not confirmed by the person before the deadline/i);
    const expired = (await auditOf(h, requestId)).find((a) => a.action === 'request.identity.expired');
    expect(expired?.clause).toBe('C26');
    expect(repliesToPerson(h, ticketId, person.user.id).some((b) => b.includes('was not confirmed in time, so it has expired'))).toBe(true);

    await reply(h, ticketId, person.user.id, code, person.user.email!);
    expect((await requestFor(h, ticketId)).status).toBe('refused');
    expectIntact(h, person);
    expect(h.lines.join('\n')).not.toContain(person.user.email!);
  });
});
