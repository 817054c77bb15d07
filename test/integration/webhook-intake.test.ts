import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { testConfig } from '../helpers/test-config.js';
import { TEST_WEBHOOK_SECRET, sampleEventEnvelope, sampleTicketTrigger, signedZendeskHeaders } from '../helpers/webhooks.js';

let service: RunningService;
let database: TestDatabase;
const { logger, lines } = capturedLogger();
const deliveryTimestamp = new Date().toISOString();

async function post(path: string, body: string, headers: Record<string, string>) {
  const res = await fetch(`${service.url}${path}`, { method: 'POST', body, headers });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as { error?: { code: string; message: string; issues?: string[] }; status?: string } };
}

async function count(sql: string): Promise<number> {
  const { rows } = await service.db.query<{ n: number }>(sql);
  return Number(rows[0]?.n ?? 0);
}
const inboxRows = () => count('SELECT count(*)::int AS n FROM webhook_inbox');
const jobs = () => count(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'webhook-event'`);

beforeAll(async () => {
  database = await createTestDatabase();
  // Workers off: these tests look at what intake persists, not at processing.
  service = await startService(testConfig({ METRICS_TOKEN: 'metrics-token-for-tests-0123456789abcdef' }), { db: database.db, logger, workers: false });
});
afterAll(async () => {
  await service?.stop();
  await database?.drop();
});

describe('POST /webhooks/zendesk', () => {
  it('when a signed trigger body arrives, then it answers 200 and persists one inbox row and one job', async () => {
    const body = JSON.stringify(sampleTicketTrigger(1001));
    const first = await post('/webhooks/zendesk', body, signedZendeskHeaders(body, { timestamp: deliveryTimestamp }));
    expect(first.status).toBe(200);
    expect(first.json.status).toBe('accepted');
    expect(await inboxRows()).toBe(1);
    expect(await jobs()).toBe(1);
  });

  it('when the same delivery is replayed, then it answers 200 and enqueues nothing more', async () => {
    const body = JSON.stringify(sampleTicketTrigger(1001));
    const replay = await post('/webhooks/zendesk', body, signedZendeskHeaders(body, { timestamp: deliveryTimestamp }));
    expect(replay.status).toBe(200);
    expect(replay.json.status).toBe('duplicate');
    expect(await inboxRows()).toBe(1);
    expect(await jobs()).toBe(1);
  });

  it('when an event envelope arrives twice, then its event id makes the second a no-op', async () => {
    const body = JSON.stringify(sampleEventEnvelope('evt-1'));
    expect((await post('/webhooks/zendesk', body, signedZendeskHeaders(body))).json.status).toBe('accepted');
    const again = JSON.stringify(sampleEventEnvelope('evt-1'));
    expect((await post('/webhooks/zendesk', again, signedZendeskHeaders(again))).json.status).toBe('duplicate');
    expect(await jobs()).toBe(2);
  });

  it('when the content type has parameters and another case, then it is still read as JSON', async () => {
    const body = JSON.stringify(sampleTicketTrigger(1003));
    const headers = { ...signedZendeskHeaders(body), 'content-type': 'Application/JSON; charset=UTF-8' };
    expect((await post('/webhooks/zendesk', body, headers)).json.status).toBe('accepted');
  });

  it('when the body is signed with a rotated-out secret still listed, then it is accepted', async () => {
    const body = JSON.stringify(sampleTicketTrigger(1002));
    expect((await post('/webhooks/zendesk', body, signedZendeskHeaders(body, { secret: 'old-rotated-secret' }))).status).toBe(200);
  });

  describe('rejections leave no row, no job and no payload in the logs', () => {
    let rowsBefore = 0;
    let jobsBefore = 0;
    beforeAll(async () => {
      rowsBefore = await inboxRows();
      jobsBefore = await jobs();
    });
    const marker = 'customer-secret-marker@example.org';
    const body = JSON.stringify(sampleTicketTrigger(2001, { email_ccs: [{ email: marker }] }));

    it('when the signature is wrong, then 401 bad_signature', async () => {
      const headers = signedZendeskHeaders(body);
      headers['x-zendesk-webhook-signature'] = Buffer.from('not the signature').toString('base64');
      const res = await post('/webhooks/zendesk', body, headers);
      expect(res.status).toBe(401);
      expect(res.json.error?.code).toBe('bad_signature');
    });

    it('when signed with a secret not configured, then 401', async () => {
      expect((await post('/webhooks/zendesk', body, signedZendeskHeaders(body, { secret: 'someone-elses-secret' }))).status).toBe(401);
    });

    it('when the body was changed after signing, then 401', async () => {
      const headers = signedZendeskHeaders(body);
      expect((await post('/webhooks/zendesk', body.replace('2001', '2002'), headers)).status).toBe(401);
    });

    it('when the timestamp is more than five minutes old, then 401 stale_timestamp', async () => {
      const stale = new Date(Date.now() - 6 * 60_000).toISOString();
      const res = await post('/webhooks/zendesk', body, signedZendeskHeaders(body, { timestamp: stale }));
      expect(res.status).toBe(401);
      expect(res.json.error?.code).toBe('stale_timestamp');
    });

    it('when the signature headers are missing, then 400 naming each', async () => {
      const res = await post('/webhooks/zendesk', body, { 'content-type': 'application/json' });
      expect(res.status).toBe(400);
      expect(res.json.error?.message).toContain('X-Zendesk-Webhook-Signature');
      expect(res.json.error?.message).toContain('X-Zendesk-Webhook-Signature-Timestamp');
    });

    it('when the content type is not JSON, then 415', async () => {
      const headers = { ...signedZendeskHeaders(body), 'content-type': 'text/plain' };
      expect((await post('/webhooks/zendesk', body, headers)).status).toBe(415);
    });

    it('when the signed body is not JSON, then 400 malformed_json', async () => {
      const broken = `{"type":"ticket_trigger","ticket":{"id":"1","email":"${marker}"`;
      const res = await post('/webhooks/zendesk', broken, signedZendeskHeaders(broken));
      expect(res.status).toBe(400);
      expect(res.json.error?.code).toBe('malformed_json');
    });

    it('when the signed JSON violates the schema, then 400 naming the field without echoing values', async () => {
      const wrong = JSON.stringify({ type: 'ticket_trigger', ticket: { id: marker } });
      const res = await post('/webhooks/zendesk', wrong, signedZendeskHeaders(wrong));
      expect(res.status).toBe(400);
      expect(res.json.error?.code).toBe('invalid_payload');
      expect(res.json.error?.issues?.join(' ')).toContain('ticket.id');
      expect(JSON.stringify(res.json)).not.toContain(marker);
    });

    it('when a signed body is 2 MB, then 413', async () => {
      const big = JSON.stringify({ ...sampleTicketTrigger(3001), padding: 'x'.repeat(2 * 1024 * 1024) });
      const res = await post('/webhooks/zendesk', big, signedZendeskHeaders(big));
      expect(res.status).toBe(413);
    });

    it('when a signed body is 10 MB (past the point where reading stops), then 413 and the server keeps answering', async () => {
      const huge = JSON.stringify({ ...sampleTicketTrigger(3002), padding: 'x'.repeat(10 * 1024 * 1024) });
      expect((await post('/webhooks/zendesk', huge, signedZendeskHeaders(huge))).status).toBe(413);
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    });

    it('when the client goes away halfway through the body, then nothing is persisted and the server keeps answering', async () => {
      const headers = signedZendeskHeaders(body);
      const { port } = new URL(service.url);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          const head = Object.entries({ ...headers, 'content-length': String(body.length), host: `127.0.0.1:${port}` })
            .map(([k, v]) => `${k}: ${v}`)
            .join('\r\n');
          socket.write(`POST /webhooks/zendesk HTTP/1.1\r\n${head}\r\n\r\n${body.slice(0, body.length / 2)}`);
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    });

    it('then none of them left a row, a job, or the payload in a log line', async () => {
      expect(await inboxRows()).toBe(rowsBefore);
      expect(await jobs()).toBe(jobsBefore);
      expect(lines.join('\n')).not.toContain(marker);
      expect(lines.join('\n')).not.toContain(TEST_WEBHOOK_SECRET);
    });
  });
});

describe('POST /webhooks/livechat', () => {
  const event = (secret: string) =>
    JSON.stringify({ webhook_id: 'wh-1', secret_key: secret, action: 'incoming_chat', organization_id: 'org', payload: { chat: { id: 'PJ0MRSHTDG' } } });

  it('when the secret_key matches, then 200 and a replay is a duplicate', async () => {
    const before = await jobs();
    const ok = await post('/webhooks/livechat', event('livechat-secret-for-tests'), { 'content-type': 'application/json' });
    expect(ok.status).toBe(200);
    const again = await post('/webhooks/livechat', event('livechat-secret-for-tests'), { 'content-type': 'application/json' });
    expect(again.json.status).toBe('duplicate');
    expect(await jobs()).toBe(before + 1);
  });

  it('when the secret_key is wrong, then 401', async () => {
    expect((await post('/webhooks/livechat', event('wrong'), { 'content-type': 'application/json' })).status).toBe(401);
  });

  it('when the payload misses fields, then 400 naming them', async () => {
    const res = await post('/webhooks/livechat', JSON.stringify({ secret_key: 'livechat-secret-for-tests' }), { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json.error?.issues?.join(' ')).toContain('action');
  });
});

describe('health and metrics', () => {
  it('when the database and queue are up, then /healthz answers 200', async () => {
    const res = await fetch(`${service.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ database: 'up', queue: 'up' });
  });

  it('when scraped, then /metrics reports webhooks by outcome', async () => {
    const text = await (await fetch(`${service.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-for-tests-0123456789abcdef' } })).text();
    expect(text).toMatch(/privacy_guard_webhooks_total\{vendor="zendesk",outcome="accepted"\} \d+/);
    expect(text).toMatch(/privacy_guard_webhooks_total\{vendor="zendesk",outcome="bad_signature"\} \d+/);
    expect(text).toContain('privacy_guard_queue_depth');
  });

  it('when an unknown route is called, then 404 in the error shape', async () => {
    const res = await fetch(`${service.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No such route.' } });
  });
});
