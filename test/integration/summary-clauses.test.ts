import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { productModules } from '../../middleware/src/modules.js';
import { createRequest } from '../../middleware/src/requests/intake.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { appSigner, sandboxZendeskSetup } from '../helpers/app-sign-in.js';
import { testConfig } from '../helpers/test-config.js';
import type { TicketPrivacySummary } from '../../zendesk-app/src/api/contract.js';

/** The sidebar's summary as production builds it (real server, database and sandbox vendors), clause by clause. */
let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
let signer: Awaited<ReturnType<typeof appSigner>>;
let agentId = 0;
let adminId = 0;
const AUDIENCE = 'https://acme.zendesk.com/api/v2/apps/installations/42.json';
const { logger } = capturedLogger();


const { zendesk, createUser, createTicket } = sandboxZendeskSetup(() => sandbox.url);

async function session(userId = agentId): Promise<string> {
  return signer.session(service.url, userId);
}

async function summary(ticketId: number, requesterId: number): Promise<TicketPrivacySummary> {
  const res = await fetch(`${service.url}/api/v1/summary?ticket_id=${ticketId}&requester_id=${requesterId}`, { headers: { authorization: `Bearer ${await session()}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as TicketPrivacySummary;
}

beforeAll(async () => {
  sandbox = await startSandboxServer();
  agentId = await createUser({ name: 'Ada Agent', email: 'ada.agent@example.com', role: 'agent' });
  adminId = await createUser({ name: 'Ali Admin', email: 'ali.admin@example.com', role: 'admin' });
  signer = await appSigner(new URL(sandbox.url).host, AUDIENCE);
  database = await createTestDatabase();
  const config = testConfig({
    ZENDESK_BASE_URL: `${sandbox.url}/zendesk`,
    ZENDESK_APP_PUBLIC_KEY: signer.publicKey,
    ZENDESK_APP_AUDIENCE: AUDIENCE,
    // ispsystem: minimum age 18 (C27).
    POLICY_PROFILE: 'ispsystem',
  });
  service = await startService(config, { db: database.db, logger, modules: (ctx) => productModules(ctx), workers: false });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

describe('sidebar summary in production wiring', () => {
  it('C01 when a requester wrote by web form, has a company and pasted a connection string, then IP, company, credentials and server IPs are listed', async () => {
    const requesterId = await createUser({ name: 'Cora Customer', email: 'cora@example.com', role: 'end-user', phone: '+15550100', organization_id: 9 });
    const ticketId = await createTicket({ requester_id: requesterId, via: { channel: 'web' } });
    await database.db.query(
      `INSERT INTO comment_findings (ticket_id, comment_id, kind, subtype, status, count, action) VALUES ($1, 1, 'credential', 'connection_string', 'flagged', 1, 'redact_on_solved')`,
      [ticketId],
    );
    const { requester } = await summary(ticketId, requesterId);
    expect(requester.piiCategories.zendesk).toEqual(['name', 'email', 'ip', 'company', 'phone', 'server_ips', 'credentials']);
  });

  it('C01 when a requester has only a name and an e-mail on an API ticket, then no other category is claimed', async () => {
    const requesterId = await createUser({ name: 'Pia Plain', email: 'pia@example.com', role: 'end-user' });
    const ticketId = await createTicket({ requester_id: requesterId, via: { channel: 'api' } });
    const { requester } = await summary(ticketId, requesterId);
    expect(requester.piiCategories).toEqual({ zendesk: ['name', 'email'], livechat: [], talkdesk: [] });
  });

  it('C27 when the requester\'s age field says 16 under a profile with minimum age 18, then the summary shows a restricted minor', async () => {
    const requesterId = await createUser({ name: 'Tim Teen', email: 'tim@example.com', role: 'end-user', user_fields: { pg_age: 16 } });
    const ticketId = await createTicket({ requester_id: requesterId });
    const { requester } = await summary(ticketId, requesterId);
    expect(requester).toMatchObject({ minor: true, restricted: true });
  });

  it('C27 when the requester\'s birth date makes them an adult, then they are not a minor', async () => {
    const requesterId = await createUser({ name: 'Ann Adult', email: 'ann@example.com', role: 'end-user', user_fields: { pg_birth_date: '1990-05-01' } });
    const ticketId = await createTicket({ requester_id: requesterId });
    const { requester } = await summary(ticketId, requesterId);
    expect(requester).toMatchObject({ minor: false, restricted: false });
  });

  it('C11 when an agent raised the ticket for the requester, then an attestation is asked for until one is recorded; a ticket the requester raised asks none', async () => {
    const requesterId = await createUser({ name: 'Otto Onbehalf', email: 'otto@example.com', role: 'end-user' });
    const onBehalf = await createTicket({ requester_id: requesterId, submitter_id: agentId });
    expect((await summary(onBehalf, requesterId)).requester.needsAttestation).toBe(true);
    const res = await fetch(`${service.url}/api/v1/attestations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await session()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ticketId: onBehalf, personKey: `zendesk:${requesterId}`, statement: 'The requester confirmed the privacy policy was conveyed to the person.' }),
    });
    expect(res.status).toBe(201);
    expect((await summary(onBehalf, requesterId)).requester.needsAttestation).toBe(false);
    const own = await createTicket({ requester_id: requesterId });
    expect((await summary(own, requesterId)).requester.needsAttestation ?? false).toBe(false);
  });

  it('C13 when the requester\'s pg_region is an EEA country, then the summary flags each non-EEA processor without a safeguard; outside the EEA nothing is flagged', async () => {
    const inEea = await createUser({ name: 'Dora Deutsch', email: 'dora@example.com', role: 'end-user', user_fields: { pg_region: 'DE' } });
    const eeaSummary = await summary(await createTicket({ requester_id: inEea }), inEea);
    expect(eeaSummary.requester.region).toBe('eea');
    expect(eeaSummary.requester.transfersFlagged).toEqual(['Google Inc.', 'OOO Yandex', 'Zendesk', 'Talkdesk']);
    expect(eeaSummary.processors?.filter((p) => p.transferFlagged).map((p) => p.name)).toEqual(['Google Inc.', 'OOO Yandex', 'Zendesk', 'Talkdesk']);
    const outside = await createUser({ name: 'Uma States', email: 'uma@example.com', role: 'end-user', user_fields: { pg_region: 'US' } });
    const outsideSummary = await summary(await createTicket({ requester_id: outside }), outside);
    expect(outsideSummary.requester).toMatchObject({ region: 'non_eea', transfersFlagged: [] });
  });

  it('C12 C13 when an admin opens the admin page, then its data lists the processors with function and country, flagged for EEA people, and the assumed profile values', async () => {
    const res = await fetch(`${service.url}/api/v1/admin/dashboard`, { headers: { authorization: `Bearer ${await session(adminId)}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { processors: Array<{ name: string; function: string; country: string; transferFlagged: boolean }>; assumedProfileValues: Array<{ path: string; reason: string }> };
    expect(body.processors.map((p) => [p.name, p.country, p.transferFlagged])).toEqual([
      ['Google Inc.', 'USA', true],
      ['OOO Yandex', 'Russia', true],
      ['Zendesk', 'USA', true],
      ['LiveChat', 'Poland', false],
      ['Talkdesk', 'USA', true],
    ]);
    expect(body.processors.every((p) => p.function.length > 0)).toBe(true);
    expect(body.assumedProfileValues.length).toBeGreaterThan(0);
    expect(body.assumedProfileValues.every((v) => v.reason.length > 0)).toBe(true);
  });

  it('C13 when people were seen with a pg_region, then the dashboard counts them by region and each request carries its person\'s region from the people store, without a Zendesk read', async () => {
    type Dashboard = { peopleByRegion: { eea: number; nonEea: number; unknown: number }; requests: Array<{ id: string; region?: string }> };
    const dashboard = async () => {
      const res = await fetch(`${service.url}/api/v1/admin/dashboard`, { headers: { authorization: `Bearer ${await session(adminId)}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as Dashboard;
    };
    const before = (await dashboard()).peopleByRegion;
    const eva = await createUser({ name: 'Eva Austria', email: 'eva@example.com', role: 'end-user', user_fields: { pg_region: 'AT' } });
    const sam = await createUser({ name: 'Sam States', email: 'sam@example.com', role: 'end-user', user_fields: { pg_region: 'US' } });
    const nia = await createUser({ name: 'Nia Nowhere', email: 'nia@example.com', role: 'end-user' });
    // The sidebar's summary reads these users anyway; that read is what records their region.
    for (const id of [eva, sam, nia]) await summary(await createTicket({ requester_id: id }), id);
    const made = new Map<number, string>();
    for (const id of [eva, sam, nia]) {
      const { request } = await createRequest(service.context, { type: 'access', origin: 'agent', personKey: `zendesk:${id}`, zendeskUserId: id, createdBy: `agent:${adminId}` });
      made.set(id, request.id);
    }
    sandbox.sandbox.requestLog.clear();
    const after = await dashboard();
    // Regions come from the people store: the dashboard asks Zendesk nothing, whatever the number of rows.
    expect(sandbox.sandbox.requestLog.count({ vendor: 'zendesk' })).toBe(0);
    expect(after.peopleByRegion).toEqual({ eea: before.eea + 1, nonEea: before.nonEea + 1, unknown: before.unknown + 1 });
    const regionOf = (id: number) => after.requests.find((r) => r.id === made.get(id))?.region;
    expect([regionOf(eva), regionOf(sam), regionOf(nia)]).toEqual(['eea', 'non_eea', 'unknown']);

    // A cleared field clears the remembered region at the next read.
    await zendesk('PUT', `/users/${eva}`, { user: { user_fields: { pg_region: null } } });
    await summary(await createTicket({ requester_id: eva }), eva);
    expect((await dashboard()).requests.find((r) => r.id === made.get(eva))?.region).toBe('unknown');
  });

  it('when an admin confirms an assumed profile value, then the ledger records it and the dashboard shows it; agents and stated values are refused', async () => {
    const confirm = async (userId: number, path: string) =>
      fetch(`${service.url}/api/v1/admin/profile-values/confirm`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await session(userId)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ path }),
      });
    const profile = service.context.profile;
    const assumedPath = Object.entries(profile.trace).find(([, e]) => e.basis !== 'stated')![0];
    const statedPath = Object.entries(profile.trace).find(([, e]) => e.basis === 'stated')![0];
    expect((await confirm(agentId, assumedPath)).status).toBe(403);
    expect((await confirm(adminId, statedPath)).status).toBe(404);
    const ok = await confirm(adminId, assumedPath);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { confirmed: { by: string } }).confirmed.by).toBe(`agent:${adminId}`);
    const entries = await service.db.query<{ clause: string }>("SELECT clause FROM audit_ledger WHERE action = 'profile.value_confirmed'");
    expect(entries.rows.map((r) => r.clause)).toEqual([profile.trace[assumedPath]!.clause]);
    const dashboard = (await (await fetch(`${service.url}/api/v1/admin/dashboard`, { headers: { authorization: `Bearer ${await session(adminId)}` } })).json()) as { assumedProfileValues: Array<{ path: string; confirmed: unknown }> };
    expect(dashboard.assumedProfileValues.filter((v) => v.confirmed).map((v) => v.path)).toEqual([assumedPath]);
  });
});
