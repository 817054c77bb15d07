import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { requestsModule } from '../../middleware/src/requests/index.js';
import { housekeepingModule } from '../../middleware/src/housekeeping/housekeeping-module.js';
import { purgeExpiredCopies } from '../../middleware/src/housekeeping/purge-own-copies.js';
import { deterministicJobId } from '../../middleware/src/jobs/job-ids.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/child-service.js';
import { capturedLogger } from '../helpers/captured-logger.js';

let service: RunningService;
let database: TestDatabase;
let adminSession: string;
const { logger, lines } = capturedLogger();
const DAY = 86_400_000;
const ADDRESS = 'housekeeping-person@example.org';

async function accessRequestWithExport(id: string, builtDaysAgo: number) {
  await service.db.query(
    `INSERT INTO privacy_requests (id, type, origin, person_key, status, received_at, due_at, created_by, completed_at)
     VALUES ($1, 'access', 'agent', $2, 'completed', now(), now() + interval '30 days', 'agent:1', now())`,
    [id, `email:${ADDRESS}`],
  );
  await service.db.query(`INSERT INTO request_exports (request_id, archive, sha256, byte_size, created_at) VALUES ($1, $2, 'digest', 12, $3)`, [
    id,
    Buffer.from(`export of ${ADDRESS}`),
    new Date(Date.now() - builtDaysAgo * DAY).toISOString(),
  ]);
}

async function inboxRow(key: string, status: 'queued' | 'processed', receivedDaysAgo: number) {
  await service.db.query(
    `INSERT INTO webhook_inbox (vendor, event_key, event_type, payload, received_at, status) VALUES ('zendesk', $1, 'ticket_trigger', $2, $3, $4)`,
    [key, JSON.stringify({ ticket: { requester: { email: ADDRESS } } }), new Date(Date.now() - receivedDaysAgo * DAY).toISOString(), status],
  );
}

const payloadOf = async (key: string) => (await service.db.query<{ payload: unknown }>('SELECT payload FROM webhook_inbox WHERE event_key = $1', [key])).rows[0]!.payload;
const exportExists = async (id: string) => (await service.db.query('SELECT 1 FROM request_exports WHERE request_id = $1', [id])).rows.length === 1;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ EXPORT_KEEP_DAYS: '7', WEBHOOK_PAYLOAD_KEEP_DAYS: '3' });
  const auth = new AppAuthenticator({ sessionSecret: config.sessionSecret, publicKey: 'unused', lookupRole: async () => 'admin' });
  adminSession = await auth.issueSession(1);
  service = await startService(config, { db: database.db, logger, modules: [requestsModule(auth), housekeepingModule()], pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await service?.stop();
  await database?.drop();
});

describe('housekeeping of this service\'s own copies (C15)', () => {
  it('C15 when exports and processed payloads are past their keep days, then they are purged, audited, and fresh or unprocessed ones are kept; processed rows go after 30 days', async () => {
    await accessRequestWithExport('7a000000-0000-4000-8000-000000000001', 8);
    await accessRequestWithExport('7a000000-0000-4000-8000-000000000002', 2);
    await inboxRow('old-processed', 'processed', 4);
    await inboxRow('new-processed', 'processed', 1);
    await inboxRow('old-queued', 'queued', 10);
    await inboxRow('ancient-processed', 'processed', 31);
    await inboxRow('ancient-queued', 'queued', 40);

    const result = await purgeExpiredCopies(service.context, { exportKeepDays: 7, webhookPayloadKeepDays: 3 });
    expect(result).toEqual({ exportsPurged: 1, webhookPayloadsPurged: 2, webhookRowsDeleted: 1 });
    expect((await service.db.query(`SELECT 1 FROM webhook_inbox WHERE event_key = 'ancient-processed'`)).rows).toHaveLength(0);
    expect(JSON.stringify(await payloadOf('ancient-queued'))).toContain(ADDRESS);
    expect(await exportExists('7a000000-0000-4000-8000-000000000001')).toBe(false);
    expect(await exportExists('7a000000-0000-4000-8000-000000000002')).toBe(true);
    expect(await payloadOf('old-processed')).toEqual({ purged: true });
    expect(JSON.stringify(await payloadOf('new-processed'))).toContain(ADDRESS);
    expect(JSON.stringify(await payloadOf('old-queued'))).toContain(ADDRESS);

    const { rows } = await service.db.query<{ action: string; subject_ref: string | null; details: unknown }>(
      `SELECT action, subject_ref, details FROM audit_ledger WHERE action IN ('request.export.purged', 'webhook.payloads.purged') ORDER BY seq`,
    );
    expect(rows.map((r) => r.action)).toEqual(['request.export.purged', 'webhook.payloads.purged']);
    expect(rows[0]!.subject_ref).toBe(service.context.audit.subjectRefFor(`email:${ADDRESS}`));
    expect(JSON.stringify(rows)).not.toContain(ADDRESS);
    expect((await service.context.audit.verify()).ok).toBe(true);

    // Running again finds nothing more: the purge is idempotent.
    expect(await purgeExpiredCopies(service.context, { exportKeepDays: 7, webhookPayloadKeepDays: 3 })).toEqual({ exportsPurged: 0, webhookPayloadsPurged: 0, webhookRowsDeleted: 0 });
  });

  it('when an admin asks for a link to a purged export, then 410 says why and what to do, and a link issued before answers 410 too', async () => {
    const res = await fetch(`${service.url}/api/v1/requests/7a000000-0000-4000-8000-000000000001/export-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminSession}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: 'data_subject' }),
    });
    expect(res.status).toBe(410);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('export_purged');
    expect(body.error.message).toContain('new access request');

    const kept = await fetch(`${service.url}/api/v1/requests/7a000000-0000-4000-8000-000000000002/export-link`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminSession}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: 'data_subject' }),
    });
    expect(kept.status).toBe(200);
    const { path } = (await kept.json()) as { path: string };
    await service.db.query('DELETE FROM request_exports WHERE request_id = $1', ['7a000000-0000-4000-8000-000000000002']);
    expect((await fetch(`${service.url}${path}`)).status).toBe(410);
  });

  it('when two replicas enqueue the same cron slot, then one housekeeping job runs and it purges', async () => {
    await accessRequestWithExport('7a000000-0000-4000-8000-000000000003', 30);
    const id = deterministicJobId('housekeeping:slot:2026-11-29T04:30:00.000Z');
    const first = await service.context.queue.enqueue('housekeeping', { slot: '2026-11-29T04:30:00.000Z' }, { id });
    const second = await service.context.queue.enqueue('housekeeping', { slot: '2026-11-29T04:30:00.000Z' }, { id });
    expect(first).toBe(id);
    expect(second).toBeNull();
    await waitFor(async () => !(await exportExists('7a000000-0000-4000-8000-000000000003')), 30_000, 'the housekeeping job to purge');
    const { rows } = await service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'housekeeping'`);
    expect(rows[0]!.n).toBe(1);
    expect(lines.join('\n')).not.toContain(ADDRESS);
  });
});
