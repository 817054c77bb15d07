import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, RateLimitedError, TransientError } from '../../middleware/src/errors.js';
import { MalformedResponseError } from '../../middleware/src/connectors/index.js';
import { RateBudget } from '../../middleware/src/connectors/http/rate-budget.js';
import { backoffDelayMs, defaultRetryPolicy, parseRetryAfterMs } from '../../middleware/src/connectors/http/runtime.js';
import { vendorCallsTotal } from '../../middleware/src/observability/metrics.js';
import { START_MS, TALKDESK, VirtualTime, ZENDESK, failure, fixture, nockTalkdeskToken, resetNock, testConnectors } from './harness.js';

beforeEach(resetNock);

function connectionReset(): Error {
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}
afterEach(() => {
  nock.cleanAll();
});

describe('rate budget (token bucket)', () => {
  it('when 1,000 calls compete for a 400/min plan at share 0.5, then no sliding 60 s window sees more than 200', async () => {
    const time = new VirtualTime();
    const budget = new RateBudget({ planLimitPerMinute: 400, share: 0.5, clock: time.clock, sleep: time.sleep });
    const sentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 1000 }, async () => {
        await budget.take();
        sentAt.push(time.clock.now());
      }),
    );
    sentAt.sort((a, b) => a - b);
    let start = 0;
    let busiestWindow = 0;
    for (let end = 0; end < sentAt.length; end += 1) {
      while ((sentAt[end] as number) - (sentAt[start] as number) >= 60_000) start += 1;
      busiestWindow = Math.max(busiestWindow, end - start + 1);
    }
    expect(budget.perMinute).toBe(200);
    expect(busiestWindow).toBeLessThanOrEqual(200);
    // and the budget is actually used: 1,000 calls take about 5 minutes, not much longer
    const minutes = ((sentAt.at(-1) as number) - START_MS) / 60_000;
    expect(minutes).toBeGreaterThan(4.5);
    expect(minutes).toBeLessThan(6);
  });

  it('when the vendor reports fewer remaining calls than the bucket holds, then the bucket shrinks to our share of them', () => {
    const time = new VirtualTime();
    const budget = new RateBudget({ planLimitPerMinute: 700, share: 0.5, clock: time.clock, sleep: time.sleep });
    expect(budget.available()).toBe(35);
    budget.observeVendorRemaining(20, 700);
    expect(budget.available()).toBe(10);
    budget.observeVendorRemaining(500, 700);
    expect(budget.available()).toBe(10); // never grows from a header, only from time
  });

  it('when Zendesk answers with X-Rate-Limit-Remaining lower than our bucket, then later calls wait for tokens', async () => {
    const c = testConnectors();
    nock(ZENDESK)
      .get('/api/v2/users/35436')
      .reply(200, fixture('zendesk/user.json'), { 'X-Rate-Limit': '400', 'X-Rate-Limit-Remaining': '0' });
    await c.zendesk.showUser(35436);
    expect(c.http.zendesk.budget.available()).toBe(0);
    nock(ZENDESK).get('/api/v2/users/35436').reply(200, fixture('zendesk/user.json'));
    await c.zendesk.showUser(35436);
    expect(c.time.sleeps.length).toBeGreaterThan(0);
    expect(nock.isDone()).toBe(true);
  });
});

describe('Retry-After', () => {
  it('when a 429 carries Retry-After seconds, then the retry is sent exactly that long later', async () => {
    const c = testConnectors();
    const sentAt: number[] = [];
    const scope = nock(ZENDESK)
      .get('/api/v2/users/35436')
      .reply(() => {
        sentAt.push(c.time.clock.now());
        return [429, fixture('zendesk/error-rate-limited.json'), { 'Retry-After': '30' }];
      })
      .get('/api/v2/users/35436')
      .reply(() => {
        sentAt.push(c.time.clock.now());
        return [200, fixture('zendesk/user.json')];
      });
    const user = await c.zendesk.showUser(35436);
    expect(user.id).toBe(35436);
    expect(sentAt).toEqual([START_MS, START_MS + 30_000]);
    expect(c.time.sleeps).toEqual([30_000]);
    scope.done();
  });

  it('when a 429 carries Retry-After as an HTTP date, then the wait ends exactly at that date', async () => {
    const c = testConnectors();
    const retryAt = new Date(START_MS + 45_000).toUTCString();
    const scope = nock(TALKDESK)
      .get('/recordings/rec-1')
      .reply(429, fixture('talkdesk/error-rate-limited.json'), { 'Retry-After': retryAt })
      .get('/recordings/rec-1')
      .reply(200, fixture('talkdesk/recording.json'));
    nockTalkdeskToken();
    await c.talkdesk.getRecording('rec-1');
    expect(c.time.sleeps).toEqual([45_000]);
    scope.done();
  });

  it('when a call starts during a vendor-wide pause, then it is not sent before the pause ends', async () => {
    const c = testConnectors({ retry: { maxAttempts: 1 } });
    nock(ZENDESK).get('/api/v2/users/1').reply(429, {}, { 'Retry-After': '20' });
    const error = await failure(c.zendesk.showUser(1));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(20_000);
    expect(c.http.zendesk.pausedUntilMs()).toBe(START_MS + 20_000);
    let sentAt = 0;
    const scope = nock(ZENDESK)
      .get('/api/v2/tickets/7')
      .reply(() => {
        sentAt = c.time.clock.now();
        return [200, fixture('zendesk/ticket.json')];
      });
    await c.zendesk.showTicket(7);
    expect(sentAt).toBe(START_MS + 20_000);
    scope.done();
  });

  it('when Retry-After is longer than the inline limit, then the call fails at once with RateLimitedError carrying the exact wait', async () => {
    const c = testConnectors();
    const scope = nock(ZENDESK).delete('/api/v2/deleted_users/35436').reply(429, {}, { 'Retry-After': '600' });
    const error = await failure(c.zendesk.permanentlyDeleteUser(35436));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(600_000);
    expect(error.message).toContain('Zendesk');
    expect(c.time.sleeps).toEqual([]);
    scope.done();
  });

  it('when Retry-After is parsed, then seconds, decimals and dates are exact and garbage is ignored', () => {
    expect(parseRetryAfterMs('120', START_MS)).toBe(120_000);
    expect(parseRetryAfterMs('1.5', START_MS)).toBe(1_500);
    expect(parseRetryAfterMs(new Date(START_MS + 10_000).toUTCString(), START_MS)).toBe(10_000);
    expect(parseRetryAfterMs('soon', START_MS)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, START_MS)).toBeUndefined();
  });
});

describe('retries', () => {
  it('when an idempotent GET meets 503 then 200, then it is retried after a jittered back-off and succeeds', async () => {
    const c = testConnectors();
    const scope = nock(ZENDESK)
      .get('/api/v2/tickets/35436')
      .reply(503, 'Service Unavailable')
      .get('/api/v2/tickets/35436')
      .reply(502, 'Bad Gateway')
      .get('/api/v2/tickets/35436')
      .reply(200, fixture('zendesk/ticket.json'));
    const ticket = await c.zendesk.showTicket(35436);
    expect(ticket.id).toBe(35436);
    // equal jitter with random 0.5: 200 ms -> 150, 400 ms -> 300
    expect(c.time.sleeps).toEqual([150, 300]);
    scope.done();
  });

  it('when the vendor keeps failing, then the call stops after 5 attempts with TransientError', async () => {
    const c = testConnectors();
    const scope = nock(ZENDESK).get('/api/v2/tickets/1').times(5).reply(500, {});
    const error = await failure(c.zendesk.showTicket(1));
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toMatch(/^Zendesk GET \/api\/v2\/tickets\/\{ticket_id\} answered HTTP 500/);
    expect(c.time.sleeps).toEqual([150, 300, 600, 1200]);
    scope.done();
  });

  it('when back-off grows, then it is capped at 10 s', () => {
    const delays = Array.from({ length: 12 }, (_, index) => backoffDelayMs(index + 1, defaultRetryPolicy, () => 0.999));
    expect(Math.max(...delays)).toBeLessThanOrEqual(10_000);
    expect(delays.at(-1)).toBeGreaterThan(9_900);
  });

  it('when a non-idempotent POST meets a 500, then it is not retried (Zendesk may have created the ticket)', async () => {
    const c = testConnectors();
    const scope = nock(ZENDESK).post('/api/v2/tickets').once().reply(500, {});
    const error = await failure(c.zendesk.createTicket({ subject: 'Erasure request', comment: { body: 'x' } }));
    expect(error).toBeInstanceOf(TransientError);
    expect(c.time.sleeps).toEqual([]);
    scope.done();
  });

  it('when a non-idempotent POST meets a connection reset, then it is not retried', async () => {
    const c = testConnectors();
    const scope = nock(ZENDESK).post('/api/v2/users').replyWithError(connectionReset());
    const error = await failure(c.zendesk.createUser({ name: 'New person', email: 'new@example.com' }));
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toContain('not retried');
    scope.done();
  });

  it('when a non-idempotent POST meets a 429, then it is retried after Retry-After (the vendor did not process it)', async () => {
    const c = testConnectors();
    const scope = nock(ZENDESK)
      .post('/api/v2/tickets')
      .reply(429, {}, { 'Retry-After': '3' })
      .post('/api/v2/tickets')
      .reply(201, fixture('zendesk/ticket.json'));
    const ticket = await c.zendesk.createTicket({ subject: 'x', comment: { body: 'y' } });
    expect(ticket.id).toBe(35436);
    expect(c.time.sleeps).toEqual([3_000]);
    scope.done();
  });

  it('when requests time out, then a GET is retried and a POST is not', async () => {
    // nock's socket mock ignores socket timeouts, so this uses a real loopback server that stalls.
    nock.enableNetConnect('127.0.0.1');
    let gets = 0;
    const server = createServer((request, response) => {
      if (request.method === 'GET' && ++gets > 1) {
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(fixture('zendesk/user.json')));
      }
      // otherwise never answer
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const c = testConnectors({
        config: { timeoutMs: 50, zendesk: { baseUrl: `http://127.0.0.1:${port}`, email: 'a@b.c', apiToken: 't', planLimitPerMinute: 400 } },
      });
      await c.zendesk.showUser(35436);
      expect(gets).toBe(2);
      const error = await failure(c.zendesk.createTicket({ comment: { body: 'x' } }));
      expect(error).toBeInstanceOf(TransientError);
      expect(error.message).toMatch(/timed out after 50 ms.*not retried/);
      expect(c.exchanges.map((exchange) => `${exchange.method} ${exchange.status}`)).toEqual(['GET network', 'GET 200', 'POST network']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('when an idempotent GET meets a connection reset, then it is retried', async () => {
    const c = testConnectors();
    const scope = nock(ZENDESK)
      .get('/api/v2/users/35436')
      .replyWithError(connectionReset())
      .get('/api/v2/users/35436')
      .reply(200, fixture('zendesk/user.json'));
    await c.zendesk.showUser(35436);
    expect(c.time.sleeps).toEqual([150]);
    scope.done();
  });
});

describe('Talkdesk OAuth client credentials', () => {
  it('when three calls run concurrently, then they share one token request and the token is reused', async () => {
    const c = testConnectors();
    const token = nockTalkdeskToken(1);
    const api = nock(TALKDESK)
      .matchHeader('authorization', 'Bearer td-access-1')
      .get('/recordings/r1')
      .times(4)
      .reply(200, fixture('talkdesk/recording.json'));
    await Promise.all([c.talkdesk.getRecording('r1'), c.talkdesk.getRecording('r1'), c.talkdesk.getRecording('r1')]);
    await c.talkdesk.getRecording('r1');
    expect(c.talkdeskAuth.tokenRequests).toBe(1);
    token.done();
    api.done();
  });

  it('when the token is within 60 s of expiring, then a new one is fetched before the call', async () => {
    const c = testConnectors();
    const token = nockTalkdeskToken(2, 600);
    nock(TALKDESK).get('/recordings/r1').matchHeader('authorization', 'Bearer td-access-1').reply(200, fixture('talkdesk/recording.json'));
    await c.talkdesk.getRecording('r1');
    c.time.nowMs += 539_000; // 61 s left: still cached
    nock(TALKDESK).get('/recordings/r1').matchHeader('authorization', 'Bearer td-access-1').reply(200, fixture('talkdesk/recording.json'));
    await c.talkdesk.getRecording('r1');
    c.time.nowMs += 2_000; // 59 s left: renewed
    nock(TALKDESK).get('/recordings/r1').matchHeader('authorization', 'Bearer td-access-2').reply(200, fixture('talkdesk/recording.json'));
    await c.talkdesk.getRecording('r1');
    expect(c.talkdeskAuth.tokenRequests).toBe(2);
    token.done();
    expect(nock.isDone()).toBe(true);
  });

  it('when the API answers 401, then the token is refreshed once and the request retried once', async () => {
    const c = testConnectors();
    const token = nockTalkdeskToken(2);
    const api = nock(TALKDESK)
      .get('/recordings/r1')
      .matchHeader('authorization', 'Bearer td-access-1')
      .reply(401, fixture('talkdesk/error-unauthorized.json'))
      .get('/recordings/r1')
      .matchHeader('authorization', 'Bearer td-access-2')
      .reply(200, fixture('talkdesk/recording.json'));
    await c.talkdesk.getRecording('r1');
    expect(c.talkdeskAuth.tokenRequests).toBe(2);
    token.done();
    api.done();
  });

  it('when the API answers 401 even with a fresh token, then AuthError is thrown after exactly one refresh', async () => {
    const c = testConnectors();
    const token = nockTalkdeskToken(2);
    const api = nock(TALKDESK).get('/recordings/r1').times(2).reply(401, fixture('talkdesk/error-unauthorized.json'));
    const error = await failure(c.talkdesk.getRecording('r1'));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('TALKDESK_CLIENT_ID');
    expect(error.message).not.toContain('td-secret');
    expect(c.talkdeskAuth.tokenRequests).toBe(2);
    token.done();
    api.done();
  });

  it('when the token endpoint rejects the client, then AuthError names the settings to check', async () => {
    const c = testConnectors();
    nock('https://acme.talkdeskid.com').post('/oauth/token').reply(401, { error: 'invalid_client' });
    const error = await failure(c.talkdesk.getRecording('r1'));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/client id and secret/);
  });
});

describe('errors, validation, credentials and metrics', () => {
  it('when a 2xx body does not match the schema, then MalformedResponseError names vendor and endpoint', async () => {
    const c = testConnectors();
    nock(ZENDESK).get('/api/v2/users/35436').reply(200, { user: { id: 'not-a-number' } });
    const error = await failure(c.zendesk.showUser(35436));
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toBeInstanceOf(TransientError);
    expect(error.message).toContain('Zendesk GET /api/v2/users/{user_id}');
  });

  it('when an error message is built for a call carrying an e-mail and secrets, then it contains none of them', async () => {
    const c = testConnectors();
    nock(ZENDESK).get('/api/v2/users/search').query(true).reply(401, fixture('zendesk/error-unauthorized.json'));
    const error = await failure(c.zendesk.searchUsers('email:johnny@example.com'));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toMatch(/johnny|example\.com|zd-test-token|privacy-bot/);
    expect(error.message).toContain('ZENDESK_API_TOKEN');
  });

  it('when each vendor is called, then it gets its documented Authorization header', async () => {
    const c = testConnectors();
    const zendeskBasic = `Basic ${Buffer.from('privacy-bot@acme.example/token:zd-test-token').toString('base64')}`;
    const livechatBasic = `Basic ${Buffer.from('acc-123:lc-test-pat').toString('base64')}`;
    const zd = nock(ZENDESK).matchHeader('authorization', zendeskBasic).get('/api/v2/users/35436').reply(200, fixture('zendesk/user.json'));
    const lc = nock('https://api.livechatinc.com')
      .matchHeader('authorization', livechatBasic)
      .post('/v3.6/agent/action/get_customer')
      .reply(200, fixture('livechat/get-customer.json'));
    await c.zendesk.showUser(35436);
    await c.livechat.getCustomer('b7eff798-f8df-4364-8059-649c35c9ed0c');
    zd.done();
    lc.done();
  });

  it('when Zendesk is configured with an OAuth token, then it is sent as a bearer token', async () => {
    const c = testConnectors({ config: { zendesk: { baseUrl: ZENDESK, oauthToken: 'oauth-abc', planLimitPerMinute: 200 } } });
    const scope = nock(ZENDESK).matchHeader('authorization', 'Bearer oauth-abc').get('/api/v2/users/35436').reply(200, fixture('zendesk/user.json'));
    await c.zendesk.showUser(35436);
    scope.done();
  });

  it('when a call completes, then the vendor call counter is incremented with vendor, method and status', async () => {
    const c = testConnectors();
    const before = (await vendorCallsTotal.get()).values.find(
      (value) => value.labels.vendor === 'zendesk' && value.labels.method === 'GET' && value.labels.status === '200',
    )?.value ?? 0;
    nock(ZENDESK).get('/api/v2/users/35436').reply(200, fixture('zendesk/user.json'));
    await c.zendesk.showUser(35436);
    const after = (await vendorCallsTotal.get()).values.find(
      (value) => value.labels.vendor === 'zendesk' && value.labels.method === 'GET' && value.labels.status === '200',
    )?.value;
    expect(after).toBe(before + 1);
  });

  it('when the base URL is overridden, then calls go to that host', async () => {
    const c = testConnectors({ config: { zendesk: { baseUrl: 'http://127.0.0.1:4010/zendesk/', email: 'a@b.c', apiToken: 't', planLimitPerMinute: 200 } } });
    const scope = nock('http://127.0.0.1:4010').get('/zendesk/api/v2/users/35436').reply(200, fixture('zendesk/user.json'));
    await c.zendesk.showUser(35436);
    scope.done();
  });
});
