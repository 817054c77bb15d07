import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { productModules } from '../../middleware/src/modules.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { testConfig } from '../helpers/test-config.js';

let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
let appKey: CryptoKey;
let strangerKey: CryptoKey;
const AUDIENCE = 'https://acme.zendesk.com/api/v2/apps/installations/42.json';
const { logger, lines } = capturedLogger();
const users = { agent: 0, admin: 0, endUser: 0 };
let issuer = '';

async function createUser(name: string, role: string) {
  const res = await fetch(`${sandbox.url}/zendesk/api/v2/users`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('setup@example.com/token:x').toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user: { name, email: `${name.toLowerCase().replace(/\s/g, '.')}@example.com`, role } }),
  });
  return ((await res.json()) as { user: { id: number } }).user.id;
}

function zendeskToken(claims: { sub?: string; iss?: string; aud?: string; expSeconds?: number }, key: CryptoKey = appKey) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setIssuedAt(now).setExpirationTime(now + (claims.expSeconds ?? 300));
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  jwt.setIssuer(claims.iss ?? issuer);
  jwt.setAudience(claims.aud ?? AUDIENCE);
  return jwt.sign(key);
}

async function openSidebar(token?: string) {
  return fetch(`${service.url}/app/sidebar`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: token === undefined ? '' : new URLSearchParams({ token }).toString(),
  });
}

async function sessionFor(userId: number): Promise<string> {
  const res = await openSidebar(await zendeskToken({ sub: String(userId) }));
  expect(res.status).toBe(200);
  const html = await res.text();
  const boot = JSON.parse(html.match(/<script id="pg-boot" type="application\/json">(.*?)<\/script>/)![1]!.replace(/\\u003c/g, '<'));
  return boot.session as string;
}

const api = (path: string, session?: string) => fetch(`${service.url}${path}`, { headers: session ? { authorization: `Bearer ${session}` } : {} });

beforeAll(async () => {
  sandbox = await startSandboxServer();
  users.agent = await createUser('Ada Agent', 'agent');
  users.admin = await createUser('Ali Admin', 'admin');
  users.endUser = await createUser('Eve Enduser', 'end-user');
  const pair = await generateKeyPair('RS256', { extractable: true });
  appKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  issuer = new URL(sandbox.url).host;
  database = await createTestDatabase();
  const config = testConfig({
    ZENDESK_BASE_URL: `${sandbox.url}/zendesk`,
    ZENDESK_APP_PUBLIC_KEY: (await exportSPKI(pair.publicKey)).replace(/\n/g, '\\n'),
    ZENDESK_APP_AUDIENCE: AUDIENCE,
  });
  service = await startService(config, { db: database.db, logger, modules: (ctx) => productModules(ctx), workers: false });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

describe('app page sign-in (signedUrls token)', () => {
  it('when no token is posted, then 401', async () => {
    expect((await openSidebar()).status).toBe(401);
  });
  it('when the page is opened with GET (not from Zendesk), then 401', async () => {
    expect((await fetch(`${service.url}/app/sidebar`)).status).toBe(401);
  });
  it('when the token is signed by another key, then 401', async () => {
    expect((await openSidebar(await zendeskToken({ sub: String(users.agent) }, strangerKey))).status).toBe(401);
  });
  it('when the token has expired, then 401 saying so', async () => {
    const res = await openSidebar(await zendeskToken({ sub: String(users.agent), expSeconds: -120 }));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('expired');
  });
  it('when the token is for another account (iss), then 401', async () => {
    expect((await openSidebar(await zendeskToken({ sub: String(users.agent), iss: 'other.zendesk.com' }))).status).toBe(401);
  });
  it('when the token is for another installation (aud), then 401', async () => {
    expect((await openSidebar(await zendeskToken({ sub: String(users.agent), aud: 'https://acme.zendesk.com/api/v2/apps/installations/7.json' }))).status).toBe(401);
  });
  it('when the token is valid, then the page is served with a session, a frame policy and no-store', async () => {
    const res = await openSidebar(await zendeskToken({ sub: String(users.agent) }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('app API authorization matrix', () => {
  it('when no session is sent, then 401', async () => {
    expect((await api('/api/v1/audit')).status).toBe(401);
    expect((await api('/api/v1/summary?ticket_id=1&requester_id=1')).status).toBe(401);
  });
  it('when the session is tampered with, then 401', async () => {
    const session = await sessionFor(users.admin);
    const tampered = session.slice(0, -4) + (session.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await api('/api/v1/audit', tampered)).status).toBe(401);
  });
  it('when an agent calls an admin route, then 403; an admin gets 200', async () => {
    expect((await api('/api/v1/audit', await sessionFor(users.agent))).status).toBe(403);
    expect((await api('/api/v1/audit', await sessionFor(users.admin))).status).toBe(200);
  });
  it('when an end user somehow holds a valid Zendesk token, then every API call is 403', async () => {
    const session = await sessionFor(users.endUser);
    expect((await api('/api/v1/summary?ticket_id=1&requester_id=1', session)).status).toBe(403);
  });
  it('when the browser claims a role, then it is ignored: the role comes from Zendesk', async () => {
    const session = await sessionFor(users.agent);
    const res = await fetch(`${service.url}/api/v1/audit`, { headers: { authorization: `Bearer ${session}`, 'x-role': 'admin', cookie: 'role=admin' } });
    expect(res.status).toBe(403);
  });
  it('when an admin verifies the audit ledger, then it answers ok', async () => {
    const res = await fetch(`${service.url}/api/v1/audit/verify`, { method: 'POST', headers: { authorization: `Bearer ${await sessionFor(users.admin)}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
  it('C11 when an agent records an on-behalf attestation, then it is stored and audited', async () => {
    const session = await sessionFor(users.agent);
    const res = await fetch(`${service.url}/api/v1/attestations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ticketId: 77, personKey: `zendesk:${users.endUser}`, statement: 'The requester confirmed the privacy policy was conveyed to the person.' }),
    });
    expect(res.status).toBe(201);
    const entries = await service.context.audit.recent(20);
    expect(entries.some((e) => e.action === 'attestation.recorded' && e.clause === 'C11')).toBe(true);
  });

  it('then no token or session appears in the logs', () => {
    const all = lines.join('\n');
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});
