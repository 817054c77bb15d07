import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { createPostgresTestDatabaseUrl, usingPostgres } from '../helpers/test-database.js';
import { testEnvironment } from '../helpers/test-config.js';
import { freePort, startChildService, waitFor, type ChildService } from '../helpers/child-service.js';
import { startRoundRobinProxy } from '../helpers/round-robin-proxy.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';

const replicas: ChildService[] = [];
let sandbox: SandboxServer | undefined;
let proxy: { url: string; close(): Promise<void> } | undefined;
let drop: (() => Promise<void>) | undefined;

afterAll(async () => {
  for (const r of replicas) r.child.kill('SIGKILL');
  await proxy?.close();
  await sandbox?.close();
  await drop?.();
});

/** Several replicas need a shared server: PGlite is one process's embedded database. */
describe.runIf(usingPostgres())('three replicas on one PostgreSQL behind a load balancer', () => {
  it('when webhooks arrive through the balancer and the sweep is scheduled on every replica, then every job runs exactly once and each slot sweeps once', async () => {
    const database = await createPostgresTestDatabaseUrl();
    drop = database.drop;
    sandbox = await startSandboxServer();
    const shared = {
      DATABASE_URL: database.url,
      ZENDESK_BASE_URL: `${sandbox.url}/zendesk`,
      RETENTION_CRON: '*/5 * * * * *',
      LOG_LEVEL: 'info',
    };
    for (let i = 0; i < 3; i++) {
      replicas.push(await startChildService(testEnvironment({ ...shared, PORT: String(await freePort()) })));
    }
    proxy = await startRoundRobinProxy(replicas.map((r) => r.url));

    const total = 150;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        const body = JSON.stringify({
          id: `replica-evt-${i}`,
          type: 'zen:event-type:user.created',
          account_id: 1,
          subject: `zen:user:${9000 + i}`,
          time: new Date().toISOString(),
          detail: { id: String(9000 + i) },
        });
        const res = await fetch(`${proxy!.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body) });
        statuses.push(res.status);
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(total);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await waitFor(async () => {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status = 'processed'`);
        return rows[0].n === total;
      }, 90_000, 'all webhook jobs to be processed');
      // Each replica logs one line per job it ran; across replicas every inbox row appears once.
      const processedByInbox = () => {
        const counts = new Map<number, number>();
        for (const replica of replicas) {
          for (const line of replica.output().split('\n')) {
            if (!line.includes('"webhook event processed"')) continue;
            const inboxId = JSON.parse(line).inboxId as number;
            counts.set(inboxId, (counts.get(inboxId) ?? 0) + 1);
          }
        }
        return counts;
      };
      // A job's log line is written after its row is marked processed: wait for the pipes to catch up.
      await waitFor(async () => processedByInbox().size >= total, 15_000, 'every processed job to be logged');
      const processedBy = processedByInbox();
      expect(processedBy.size).toBe(total);
      expect([...processedBy.values()].every((n) => n === 1)).toBe(true);
      const workers = replicas.filter((r) => r.output().includes('"webhook event processed"')).length;
      expect(workers).toBeGreaterThanOrEqual(2);

      // The cron fires on all three replicas every 5 s; the slot key lets one sweep through per minute.
      await waitFor(async () => {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM retention_previews`);
        return rows[0].n >= 1;
      }, 90_000, 'a scheduled sweep');
      const { rows } = await client.query(`SELECT date_trunc('minute', created_at) AS slot, count(*)::int AS n FROM retention_previews GROUP BY 1`);
      for (const row of rows) expect(row.n).toBe(1);
    } finally {
      await client.end();
    }
  }, 240_000);
});
