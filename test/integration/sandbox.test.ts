import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateSeedDataset, startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';

const ZENDESK_AUTH = `Basic ${Buffer.from('admin@desk.example.com/token:sandbox-token').toString('base64')}`;
const LIVECHAT_AUTH = `Basic ${Buffer.from('account-1:dal:pat-secret').toString('base64')}`;
const TALKDESK_CLIENT = `Basic ${Buffer.from('client-id:client-secret').toString('base64')}`;

const NOW = Date.parse('2025-06-01T12:00:00Z');

async function json(response: Response): Promise<Record<string, any>> {
  return (await response.json()) as Record<string, any>;
}

describe('vendor sandbox over HTTP', () => {
  let server: SandboxServer;
  let clockMs = NOW;
  const seeded = generateSeedDataset({ seed: 7, size: 300, now: NOW });

  const zendesk = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/zendesk${path}`, {
      ...init,
      headers: { authorization: ZENDESK_AUTH, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    });
  const livechat = (action: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/livechat/v3.6/agent/action/${action}`, {
      method: 'POST',
      headers: { authorization: LIVECHAT_AUTH, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  let talkdeskToken = '';
  const talkdesk = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/talkdesk${path}`, {
      ...init,
      redirect: 'manual',
      headers: { authorization: `Bearer ${talkdeskToken}`, 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
    });

  beforeAll(async () => {
    server = await startSandboxServer({
      port: 0,
      clock: () => clockMs,
      dataset: seeded.dataset,
      credentials: {
        zendesk: { email: 'admin@desk.example.com', apiToken: 'sandbox-token' },
        livechat: { accountId: 'account-1', pat: 'dal:pat-secret' },
        talkdesk: { clientId: 'client-id', clientSecret: 'client-secret' },
      },
      rateLimits: { zendeskPerMinute: 100_000, zendeskIncrementalPerMinute: 100_000 },
    });
    const token = await fetch(`${server.url}/talkdesk/oauth/token`, {
      method: 'POST',
      headers: { authorization: TALKDESK_CLIENT, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=contacts:read',
    });
    talkdeskToken = (await json(token)).access_token as string;
  });

  afterAll(async () => {
    await server.close();
  });

  afterEach(() => {
    clockMs = NOW;
  });

  describe('authentication', () => {
    it('when a request has no Authorization header, then each vendor answers 401 in its own error shape', async () => {
      const z = await fetch(`${server.url}/zendesk/api/v2/users/1000001.json`);
      expect(z.status).toBe(401);
      expect(await json(z)).toEqual({ error: "Couldn't authenticate you" });

      const l = await fetch(`${server.url}/livechat/v3.6/agent/action/get_customer`, { method: 'POST', body: '{}' });
      expect(l.status).toBe(401);
      expect((await json(l)).error.type).toBe('authentication');

      const t = await fetch(`${server.url}/talkdesk/contacts`);
      expect(t.status).toBe(401);
      expect((await json(t)).code).toBe('0210002');
    });

    it('when configured credentials are wrong, then the request is refused', async () => {
      const wrong = await fetch(`${server.url}/zendesk/api/v2/users/1000001`, {
        headers: { authorization: `Basic ${Buffer.from('admin@desk.example.com/token:nope').toString('base64')}` },
      });
      expect(wrong.status).toBe(401);
      const badClient = await fetch(`${server.url}/talkdesk/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('client-id:wrong').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      expect(badClient.status).toBe(401);
      const unknownToken = await fetch(`${server.url}/talkdesk/contacts`, { headers: { authorization: 'Bearer not-issued' } });
      expect(unknownToken.status).toBe(401);
    });
  });

  describe('Zendesk', () => {
    it('when a path has a .json suffix or none, then both are served the same and carry rate-limit headers', async () => {
      const userId = seeded.groundTruth.requesterIds[5]!;
      const withSuffix = await zendesk(`/api/v2/users/${userId}.json`);
      const without = await zendesk(`/api/v2/users/${userId}`);
      expect(withSuffix.status).toBe(200);
      expect((await json(withSuffix)).user.id).toBe(userId);
      expect((await json(without)).user.id).toBe(userId);
      expect(withSuffix.headers.get('x-rate-limit')).toBe('100000');
      expect(Number(withSuffix.headers.get('x-rate-limit-remaining'))).toBeGreaterThan(0);
    });

    it('when an unknown user is asked for, then Zendesk answers RecordNotFound', async () => {
      const response = await zendesk('/api/v2/users/42');
      expect(response.status).toBe(404);
      expect(await json(response)).toEqual({ error: 'RecordNotFound', description: 'Not found' });
    });

    it('when deleting the requester of a ticket that is not closed, then it is refused; once closed, soft then permanent delete work', async () => {
      const created = await zendesk('/api/v2/users', {
        method: 'POST',
        body: JSON.stringify({ user: { name: 'Delete Me', email: 'delete.me@example.com' } }),
      });
      expect(created.status).toBe(201);
      const userId = (await json(created)).user.id as number;
      const ticket = await json(
        await zendesk('/api/v2/tickets', {
          method: 'POST',
          body: JSON.stringify({ ticket: { requester_id: userId, subject: 'Help', comment: { body: 'Please help' }, status: 'solved' } }),
        }),
      );
      const ticketId = ticket.ticket.id as number;

      const refused = await zendesk(`/api/v2/users/${userId}`, { method: 'DELETE' });
      expect(refused.status).toBe(422);
      const body = await json(refused);
      expect(body.error).toBe('RecordInvalid');
      expect(body.details.base[0].description).toContain(String(ticketId));
      expect((await zendesk(`/api/v2/deleted_users/${userId}`, { method: 'DELETE' })).status).toBe(404);

      await zendesk(`/api/v2/tickets/${ticketId}`, { method: 'PUT', body: JSON.stringify({ ticket: { status: 'closed' } }) });
      const soft = await zendesk(`/api/v2/users/${userId}.json`, { method: 'DELETE' });
      expect(soft.status).toBe(200);
      expect((await json(soft)).user.active).toBe(false);
      expect((await json(await zendesk(`/api/v2/deleted_users/${userId}`))).deleted_user.id).toBe(userId);

      const permanent = await zendesk(`/api/v2/deleted_users/${userId}`, { method: 'DELETE' });
      expect(permanent.status).toBe(200);
      expect((await json(permanent)).deleted_user).toMatchObject({ name: 'Permanently Deleted User', email: null });
      expect((await zendesk(`/api/v2/users/${userId}`)).status).toBe(404);
      expect((await zendesk(`/api/v2/deleted_users/${userId}`)).status).toBe(404);
    });

    it('when bulk deleting users, then a job status goes queued, working, completed and only then users are deleted', async () => {
      const ids = seeded.groundTruth.requesterIds.filter((id) => server.sandbox.state.zendesk.openRequestedTicketIds(id).length === 0).slice(0, 3);
      const blocked = Number(Object.keys(seeded.groundTruth.staleWithOpenTickets)[0]);
      const queued = await json(await zendesk(`/api/v2/users/destroy_many.json?ids=${[...ids, blocked].join(',')}`, { method: 'DELETE' }));
      expect(queued.job_status.status).toBe('queued');
      expect(server.sandbox.state.zendesk.users.get(ids[0]!)?.active).toBe(true);
      const working = await json(await zendesk(`/api/v2/job_statuses/${queued.job_status.id}`));
      expect(working.job_status.status).toBe('working');
      const done = await json(await zendesk(`/api/v2/job_statuses/${queued.job_status.id}.json`));
      expect(done.job_status.status).toBe('completed');
      expect(done.job_status.results.filter((r: { success: boolean }) => r.success)).toHaveLength(3);
      expect(done.job_status.results.find((r: { id: number }) => r.id === blocked).success).toBe(false);
      expect(server.sandbox.state.zendesk.users.get(ids[0]!)?.active).toBe(false);
    });

    it('when walking the incremental user export by cursor, then every user comes exactly once', async () => {
      const seen = new Map<number, number>();
      let url = `/api/v2/incremental/users/cursor.json?start_time=0&per_page=97`;
      for (let guard = 0; guard < 100; guard += 1) {
        const page = await json(await zendesk(url));
        for (const user of page.users as Array<{ id: number }>) seen.set(user.id, (seen.get(user.id) ?? 0) + 1);
        expect(page.after_url).toContain(page.after_cursor);
        if (page.end_of_stream) break;
        url = `/api/v2/incremental/users/cursor?cursor=${page.after_cursor}&per_page=97`;
      }
      expect(seen.size).toBe(server.sandbox.state.zendesk.users.size);
      expect([...seen.values()].every((count) => count === 1)).toBe(true);
    });

    it('when walking the search export by cursor, then every active matching user comes once and links.next ends it', async () => {
      const ids: number[] = [];
      let next: string | null = `${server.url}/zendesk/api/v2/search/export?query=${encodeURIComponent('email:*@example.com')}&filter[type]=user&page[size]=50`;
      while (next) {
        const page = await json(await fetch(next, { headers: { authorization: ZENDESK_AUTH } }));
        ids.push(...(page.results as Array<{ id: number }>).map((u) => u.id));
        expect(page.meta.has_more).toBe(page.links.next !== null);
        next = page.links.next as string | null;
      }
      const expected = [...server.sandbox.state.zendesk.users.values()].filter((u) => u.active && u.email?.endsWith('@example.com'));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(expected.length);
    });

    it('when searching users by e-mail and by updated date, then only matching users come back with offset paging', async () => {
      const someone = seeded.dataset.zendesk.users.find((u) => u.id === seeded.groundTruth.requesterIds[10])!;
      const byEmail = await json(await zendesk(`/api/v2/users/search.json?query=${encodeURIComponent(`email:${someone.email}`)}`));
      expect(byEmail.users.map((u: { id: number }) => u.id)).toEqual([someone.id]);
      expect(byEmail.count).toBe(1);
      const cutoffDay = seeded.groundTruth.staleCutoff.slice(0, 10);
      const stale = await json(await zendesk(`/api/v2/users/search?query=${encodeURIComponent(`role:end-user updated<${cutoffDay}`)}&per_page=100`));
      const staleIds = new Set(stale.users.map((u: { id: number }) => u.id));
      for (const id of seeded.groundTruth.stale) {
        if (server.sandbox.state.zendesk.users.get(id)?.active) expect(staleIds.has(id)).toBe(true);
      }
      const tooDeep = await zendesk('/api/v2/users/search?query=alex&page=101&per_page=100');
      expect(tooDeep.status).toBe(422);
    });

    it('when a ticket is created with e-mail CCs, then unknown addresses become users and CCs can be removed with action delete', async () => {
      const requester = seeded.groundTruth.requesterIds[20]!;
      const agent = seeded.groundTruth.agents[1]!;
      const created = await zendesk('/api/v2/tickets', {
        method: 'POST',
        body: JSON.stringify({
          ticket: {
            requester_id: requester,
            comment: { body: 'New issue' },
            email_ccs: [{ user_email: 'brand.new.cc@example.org', user_name: 'New CC', action: 'put' }],
            followers: [{ user_id: agent, action: 'put' }],
          },
        }),
      });
      expect(created.status).toBe(201);
      const ticket = (await json(created)).ticket;
      const newCc = server.sandbox.state.zendesk.findUserByEmail('brand.new.cc@example.org')!;
      expect(ticket.email_cc_ids).toEqual([newCc.id]);
      expect(ticket.follower_ids).toEqual([agent]);
      expect(ticket.collaborator_ids.sort()).toEqual([newCc.id, agent].sort());

      const ccs = await json(await zendesk(`/api/v2/tickets/${ticket.id}/email_ccs`));
      expect(ccs.users.map((u: { email: string }) => u.email)).toEqual(['brand.new.cc@example.org']);
      const ccd = await json(await zendesk(`/api/v2/users/${newCc.id}/tickets/ccd`));
      expect(ccd.tickets.map((t: { id: number }) => t.id)).toContain(ticket.id);

      const updated = await json(
        await zendesk(`/api/v2/tickets/${ticket.id}`, {
          method: 'PUT',
          body: JSON.stringify({ ticket: { email_ccs: [{ user_id: newCc.id, action: 'delete' }], comment: { body: 'Removed a CC without consent', public: false } } }),
        }),
      );
      expect(updated.ticket.email_cc_ids).toEqual([]);
      const comments = await json(await zendesk(`/api/v2/tickets/${ticket.id}/comments`));
      expect(comments.comments.at(-1)).toMatchObject({ body: 'Removed a CC without consent', public: false });
    });

    it('when more than 48 e-mail CCs would result, then the update is refused and nothing changes', async () => {
      const ticketId = seeded.dataset.zendesk.tickets.find((t) => t.status !== 'closed')!.id;
      const before = [...server.sandbox.state.zendesk.tickets.get(ticketId)!.email_cc_ids];
      const emailCcs = Array.from({ length: 49 }, (_, i) => ({ user_email: `cc${i}@example.net`, action: 'put' }));
      const response = await zendesk(`/api/v2/tickets/${ticketId}`, { method: 'PUT', body: JSON.stringify({ ticket: { email_ccs: emailCcs } }) });
      expect(response.status).toBe(422);
      expect(server.sandbox.state.zendesk.tickets.get(ticketId)!.email_cc_ids).toEqual(before);
      expect(server.sandbox.state.zendesk.findUserByEmail('cc0@example.net')).toBeUndefined();
    });

    it('when one ticket is updated more than the per-ticket limit, then it answers 429 with Retry-After', async () => {
      const ticketId = seeded.dataset.zendesk.tickets.filter((t) => t.status !== 'closed')[1]!.id;
      let last: Response | undefined;
      for (let i = 0; i < 31; i += 1) {
        last = await zendesk(`/api/v2/tickets/${ticketId}`, { method: 'PUT', body: JSON.stringify({ ticket: { tags: [`t${i}`] } }) });
      }
      expect(last!.status).toBe(429);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      clockMs += 10 * 60_000 + 1000;
      const later = await zendesk(`/api/v2/tickets/${ticketId}`, { method: 'PUT', body: JSON.stringify({ ticket: { tags: ['later'] } }) });
      expect(later.status).toBe(200);
    });

    it('when comments are paged by cursor, then all come once; redaction replaces text with the documented marker', async () => {
      const ticket = seeded.dataset.zendesk.tickets.find((t) => t.status === 'closed' && (server.sandbox.state.zendesk.commentsByTicket.get(t.id)?.length ?? 0) >= 3)!;
      const ids: number[] = [];
      let next: string | null = `${server.url}/zendesk/api/v2/tickets/${ticket.id}/comments.json?page[size]=1`;
      while (next) {
        const page = await json(await fetch(next, { headers: { authorization: ZENDESK_AUTH } }));
        ids.push(...page.comments.map((c: { id: number }) => c.id));
        next = page.meta.has_more ? (page.links.next as string) : null;
      }
      expect(ids).toEqual(server.sandbox.state.zendesk.commentsByTicket.get(ticket.id)!.map((c) => c.id));

      const comment = server.sandbox.state.zendesk.commentsByTicket.get(ticket.id)![0]!;
      const word = [...comment.body.split(/[^A-Za-z]+/)].sort((a, b) => b.length - a.length)[0]!;
      const oldStyle = await zendesk(`/api/v2/tickets/${ticket.id}/comments/${comment.id}/redact`, { method: 'PUT', body: JSON.stringify({ text: word }) });
      expect(oldStyle.status).toBe(422);

      const html = comment.html_body.replace(word, `<redact>${word}</redact>`);
      const redacted = await json(
        await zendesk(`/api/v2/comment_redactions/${comment.id}.json`, { method: 'PUT', body: JSON.stringify({ ticket_id: ticket.id, html_body: html }) }),
      );
      expect(redacted.comment.body).toContain('▇'.repeat(word.length));
      expect(redacted.comment.html_body).toContain('▇'.repeat(word.length));
    });

    it('when tickets are soft deleted then permanently deleted, then they disappear after the job completes', async () => {
      const ticketId = seeded.dataset.zendesk.tickets.find((t) => t.status === 'closed' && !t._deleted_at)!.id;
      const soft = await json(await zendesk(`/api/v2/tickets/destroy_many?ids=${ticketId}`, { method: 'DELETE' }));
      server.sandbox.completeJobs();
      expect((await json(await zendesk(`/api/v2/job_statuses/${soft.job_status.id}`))).job_status.status).toBe('completed');
      expect((await zendesk(`/api/v2/tickets/${ticketId}`)).status).toBe(404);
      const permanent = await json(await zendesk(`/api/v2/deleted_tickets/destroy_many?ids=${ticketId}`, { method: 'DELETE' }));
      expect(permanent.job_status.job_type).toBeDefined();
      server.sandbox.completeJobs();
      expect(server.sandbox.state.zendesk.tickets.has(ticketId)).toBe(false);
    });

    it('when user fields are created and a user is updated, then user_fields merge', async () => {
      const field = await zendesk('/api/v2/user_fields', { method: 'POST', body: JSON.stringify({ user_field: { type: 'checkbox', key: 'consent_cc', title: 'CC consent' } }) });
      expect(field.status).toBe(201);
      const duplicate = await zendesk('/api/v2/user_fields', { method: 'POST', body: JSON.stringify({ user_field: { type: 'checkbox', key: 'consent_cc', title: 'Again' } }) });
      expect(duplicate.status).toBe(422);
      const list = await json(await zendesk('/api/v2/user_fields.json'));
      expect(list.user_fields.map((f: { key: string }) => f.key)).toContain('consent_cc');

      const userId = seeded.groundTruth.requesterIds[30]!;
      await zendesk(`/api/v2/users/${userId}`, { method: 'PUT', body: JSON.stringify({ user: { user_fields: { consent_cc: true, note: 'a' } } }) });
      const after = await json(await zendesk(`/api/v2/users/${userId}`, { method: 'PUT', body: JSON.stringify({ user: { user_fields: { note: 'b' } } }) }));
      expect(after.user.user_fields).toMatchObject({ consent_cc: true, note: 'b' });
      const identities = await json(await zendesk(`/api/v2/users/${userId}/identities`));
      expect(identities.identities[0]).toMatchObject({ type: 'email', primary: true });
    });
  });

  describe('Zendesk account rate limit', () => {
    let limited: SandboxServer;
    let now = NOW;
    beforeAll(async () => {
      limited = await startSandboxServer({ clock: () => now, rateLimits: { zendeskPerMinute: 5 } });
    });
    afterAll(async () => {
      await limited.close();
    });

    it('when the per-minute limit is used up, then 429 with Retry-After; a client that waits is served and the log shows no violation', async () => {
      const get = () => fetch(`${limited.url}/zendesk/api/v2/user_fields.json`, { headers: { authorization: 'Bearer any' } });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await get()).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await get();
      expect(refused.status).toBe(429);
      expect(refused.headers.get('x-rate-limit-remaining')).toBe('0');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await json(refused)).toMatchObject({ error: 'APIRateLimitExceeded' });

      // The second 429 came before the first Retry-After elapsed: the log flags it.
      expect(limited.sandbox.requestLog.retryAfterViolations('zendesk')).toHaveLength(1);
      limited.sandbox.requestLog.clear();
      const again = await get();
      expect(again.status).toBe(429);
      const waitMs = Number(again.headers.get('retry-after')) * 1000;
      now += waitMs;
      expect((await get()).status).toBe(200);
      expect(limited.sandbox.requestLog.retryAfterViolations('zendesk')).toEqual([]);
      expect(limited.sandbox.requestLog.filter({ rateLimited: true })[0]?.retryAfterMs).toBe(waitMs);
      expect(limited.sandbox.requestLog.countByEndpoint('zendesk').get('GET /api/v2/user_fields')).toBe(2);
    });
  });

  describe('Talkdesk', () => {
    it('when contacts are looked up by e-mail, then a HAL page comes back; delete answers 204 then 404', async () => {
      const contact = seeded.dataset.talkdesk.contacts[0]!;
      const email = contact.emails[0]!.number;
      const page = await json(await talkdesk(`/contacts?emails[]=${encodeURIComponent(email)}&per_page=10`));
      expect(page.total).toBe(1);
      expect(page._embedded.contacts[0].id).toBe(contact.id);
      expect(page._links.self.href).toContain('/contacts?');
      expect((await talkdesk('/contacts?per_page=51')).status).toBe(400);
      const all = await json(await talkdesk('/contacts?per_page=50'));
      expect(all._links.next.href).toContain('page=2');

      expect((await talkdesk(`/contacts/${contact.id}`, { method: 'DELETE' })).status).toBe(204);
      const gone = await talkdesk(`/contacts/${contact.id}`, { method: 'DELETE' });
      expect(gone.status).toBe(404);
      expect((await json(gone)).code).toBe('0210001');
    });

    it('when a GDPR request is posted, then 204 and the request is recorded', async () => {
      const contact = seeded.dataset.talkdesk.contacts[1]!;
      const response = await talkdesk('/internal-contacts/gdpr', { method: 'POST', body: JSON.stringify({ phones: [contact.phones[0]!.number], reason: 'rtbf' }) });
      expect(response.status).toBe(204);
      const recorded = server.sandbox.state.talkdesk.gdprRequests.at(-1)!;
      expect(recorded.deletedContactIds).toEqual([contact.id]);
      expect((await talkdesk('/internal-contacts/gdpr', { method: 'POST', body: JSON.stringify({}) })).status).toBe(400);
    });

    it('when a recording is older than the retention period, then its media answers 410; a fresh one redirects', async () => {
      const recordings = seeded.dataset.talkdesk.recordings;
      const old = recordings.find((r) => Date.parse(r.created_at) < NOW - 200 * 86_400_000)!;
      const fresh = recordings.find((r) => r.id !== old.id)!;
      fresh.created_at = new Date(NOW - 10 * 86_400_000).toISOString();
      const list = await json(await talkdesk(`/calls/${old.call_id}/recordings`));
      expect(list._embedded.recordings[0].id).toBe(old.id);
      const gone = await talkdesk(`/recordings/${old.id}/media`);
      expect(gone.status).toBe(410);
      expect((await json(gone)).code).toBe('0050006');
      const media = await talkdesk(`/recordings/${fresh.id}/media`);
      expect(media.status).toBe(302);
      expect((await talkdesk('/recordings/nope')).status).toBe(404);
    });
  });

  describe('LiveChat', () => {
    it('when archives are listed by customer e-mail, then pages follow next_page_id and page_id refuses filters', async () => {
      const customer = seeded.dataset.livechat.customers.find((c) => (server.sandbox.state.livechat.chatIdsByCustomer.get(c.id)?.length ?? 0) >= 2)!;
      const first = await json(await livechat('list_archives', { filters: { customer_email: customer.email }, limit: 1 }));
      expect(first.found_chats).toBeGreaterThanOrEqual(2);
      expect(first.chats).toHaveLength(1);
      expect(first.chats[0].users[0].id).toBe(customer.id);
      const second = await json(await livechat('list_archives', { page_id: first.next_page_id }));
      expect(second.chats[0].thread.id).not.toBe(first.chats[0].thread.id);
      expect(second.previous_page_id).toBeDefined();

      const invalid = await livechat('list_archives', { page_id: first.next_page_id, filters: { customer_email: customer.email } });
      expect(invalid.status).toBe(400);
      expect((await json(invalid)).error.type).toBe('validation');
      expect((await livechat('list_archives', { limit: 101 })).status).toBe(400);
    });

    it('when a customer is read and masked, then get_customer shows the new values', async () => {
      const customer = seeded.dataset.livechat.customers[0]!;
      const before = await json(await livechat('get_customer', { id: customer.id }));
      expect(before.email).toBe(customer.email);
      expect(before.chat_ids.length).toBeGreaterThan(0);
      const update = await livechat('update_customer', { id: customer.id, name: 'Erased', email: 'erased@example.invalid' });
      expect(update.status).toBe(200);
      expect(await json(await livechat('get_customer', { id: customer.id }))).toMatchObject({ name: 'Erased', email: 'erased@example.invalid' });
      const chat = await json(await livechat('get_chat', { chat_id: before.chat_ids[0] }));
      expect(chat.thread.events.length).toBeGreaterThan(0);
      const threads = await json(await livechat('list_threads', { chat_id: before.chat_ids[0] }));
      expect(threads.found_threads).toBeGreaterThan(0);
      expect((await livechat('get_customer', { id: 'missing' })).status).toBe(404);
    });

    it('when a request is flagged for another region, then misdirected_request names the home region', async () => {
      const response = await livechat('get_customer', { id: 'x' }, { 'x-region': 'fra' });
      expect(response.status).toBe(421);
      expect(await json(response)).toEqual({ error: { type: 'misdirected_request', message: 'Wrong region', data: { region: 'dal' } } });
    });
  });

  describe('faults', () => {
    it('when the same fault seed is used twice, then the same requests fail the same way; a faulted write changes nothing', async () => {
      const runOnce = async () => {
        const faulty = await startSandboxServer({ faults: { seed: 'repeatable', errorRate: 0.3, dropRate: 0.1, latencyMs: [0, 5] } });
        faulty.sandbox.seed({ zendesk: { users: [{ ...seeded.dataset.zendesk.users[0]!, user_fields: {}, identities: [] }] } });
        const userId = seeded.dataset.zendesk.users[0]!.id;
        const outcomes: string[] = [];
        for (let i = 0; i < 30; i += 1) {
          const before = JSON.stringify(faulty.sandbox.state.zendesk.users.get(userId)!.user_fields);
          try {
            const response = await fetch(`${faulty.url}/zendesk/api/v2/users/${userId}`, {
              method: 'PUT',
              headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
              body: JSON.stringify({ user: { user_fields: { [`k${i}`]: i } } }),
            });
            outcomes.push(String(response.status));
            if (response.status >= 500) expect(JSON.stringify(faulty.sandbox.state.zendesk.users.get(userId)!.user_fields)).toBe(before);
          } catch {
            outcomes.push('dropped');
            expect(JSON.stringify(faulty.sandbox.state.zendesk.users.get(userId)!.user_fields)).toBe(before);
          }
        }
        const logged = faulty.sandbox.requestLog.entries.map((e) => e.fault ?? 'none');
        await faulty.close();
        return { outcomes, logged };
      };
      const first = await runOnce();
      const second = await runOnce();
      expect(second).toEqual(first);
      expect(first.outcomes).toContain('dropped');
      expect(first.outcomes.some((o) => o === '500' || o === '503')).toBe(true);
      expect(first.outcomes).toContain('200');
    });

    it('when faults are switched off at runtime, then requests succeed again', async () => {
      server.sandbox.setFaults({ seed: 1, errorRate: 1 });
      expect((await zendesk('/api/v2/user_fields')).status).toBeGreaterThanOrEqual(500);
      server.sandbox.setFaults(null);
      expect((await zendesk('/api/v2/user_fields')).status).toBe(200);
    });
  });
});

describe('seeded dataset', () => {
  const { dataset, groundTruth } = generateSeedDataset({ seed: 'ground-truth', size: 3000, now: NOW });
  const users = new Map(dataset.zendesk.users.map((u) => [u.id, u]));
  const cutoff = Date.parse(groundTruth.staleCutoff);

  /** Latest activity per person in each system, computed from the raw data. */
  function lastActivity(userId: number): { zendesk: number; chat: number; phone: number } {
    const user = users.get(userId)!;
    let zendesk = Math.max(Date.parse(user.updated_at), user.last_login_at ? Date.parse(user.last_login_at) : 0);
    for (const t of dataset.zendesk.tickets) if (t.requester_id === userId) zendesk = Math.max(zendesk, Date.parse(t.updated_at));
    let chat = 0;
    for (const c of dataset.livechat.customers.filter((c) => c.email === user.email)) {
      for (const ch of dataset.livechat.chats) if (ch.customer_id === c.id) for (const th of ch.threads) for (const e of th.events) chat = Math.max(chat, Date.parse(e.created_at));
    }
    let phone = 0;
    const contactIds = new Set(dataset.talkdesk.contacts.filter((c) => c.emails.some((e) => e.number === user.email)).map((c) => c.id));
    for (const call of dataset.talkdesk.calls) if (call.contact_id && contactIds.has(call.contact_id)) phone = Math.max(phone, Date.parse(call.started_at));
    return { zendesk, chat, phone };
  }

  it('when generated twice with the same inputs, then the data is identical', () => {
    const again = generateSeedDataset({ seed: 'ground-truth', size: 3000, now: NOW });
    expect(again.groundTruth).toEqual(groundTruth);
    expect(again.dataset.zendesk.tickets.slice(0, 50)).toEqual(dataset.zendesk.tickets.slice(0, 50));
  });

  it('when the ground truth says stale, then no system has activity after the cutoff, and about 2 % are stale', () => {
    expect(groundTruth.stale.length).toBeGreaterThan(3000 * 0.01);
    expect(groundTruth.stale.length).toBeLessThan(3000 * 0.035);
    for (const id of groundTruth.stale) {
      const last = lastActivity(id);
      expect(Math.max(last.zendesk, last.chat, last.phone)).toBeLessThan(cutoff);
    }
    const staleSet = new Set(groundTruth.stale);
    const activeSample = groundTruth.requesterIds.filter((id) => !staleSet.has(id)).slice(0, 300);
    for (const id of activeSample) {
      const last = lastActivity(id);
      expect(Math.max(last.zendesk, last.chat, last.phone)).toBeGreaterThan(cutoff);
    }
  });

  it('when someone is stale in Zendesk but active in chat or phone, then only that system is recent', () => {
    expect(groundTruth.staleButActiveInChat.length).toBeGreaterThan(0);
    expect(groundTruth.staleButActiveInPhone.length).toBeGreaterThan(0);
    for (const id of groundTruth.staleButActiveInChat) {
      const last = lastActivity(id);
      expect(last.zendesk).toBeLessThan(cutoff);
      expect(last.chat).toBeGreaterThan(cutoff);
      expect(last.phone).toBeLessThan(cutoff);
    }
    for (const id of groundTruth.staleButActiveInPhone) {
      const last = lastActivity(id);
      expect(last.zendesk).toBeLessThan(cutoff);
      expect(last.phone).toBeGreaterThan(cutoff);
      expect(last.chat).toBeLessThan(cutoff);
    }
  });

  it('when stale people have tickets that are not closed, then the ground truth lists exactly those tickets', () => {
    const staleSet = new Set(groundTruth.stale);
    const expected: Record<string, number[]> = {};
    for (const t of dataset.zendesk.tickets) {
      if (staleSet.has(t.requester_id) && t.status !== 'closed') (expected[String(t.requester_id)] ??= []).push(t.id);
    }
    expect(groundTruth.staleWithOpenTickets).toEqual(expected);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
  });

  it('when minors, agents, holds and PII comments are listed, then the data backs each list', () => {
    expect(groundTruth.minors.length).toBeGreaterThan(0);
    for (const id of groundTruth.minors) {
      const dob = Date.parse(String(users.get(id)!.user_fields.date_of_birth));
      expect(NOW - dob).toBeLessThan(16 * 365.25 * 86_400_000);
    }
    for (const id of groundTruth.agents) expect(users.get(id)!.role).not.toBe('end-user');
    for (const id of groundTruth.exemptDomainUsers) expect(users.get(id)!.email).toMatch(/@desk\.example\.com$/);
    expect(groundTruth.legalHoldSuggestions.some((id) => groundTruth.stale.includes(id))).toBe(true);
    const comments = new Map(dataset.zendesk.comments.map((c) => [c.id, c]));
    for (const id of groundTruth.commentsWithCardNumbers) expect(comments.get(id)!.body).toMatch(/\d{4}[ -]\d{4,6}[ -]\d{4,5}/);
    for (const id of groundTruth.commentsWithPasswords) expect(comments.get(id)!.body).toContain('password:');
    const piiShare = (groundTruth.commentsWithCardNumbers.length + groundTruth.commentsWithPasswords.length) / dataset.zendesk.comments.length;
    expect(piiShare).toBeLessThan(0.05);
    for (const u of dataset.zendesk.users) expect(u.email).toMatch(/@(example\.(com|org)|desk\.example\.com)$/);
  });
});
