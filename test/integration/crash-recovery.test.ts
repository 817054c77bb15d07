import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../middleware/src/store/open-database.js';
import { testEnvironment } from '../helpers/test-config.js';
import { freePort, startChildService, waitFor, waitForExit, type ChildService } from '../helpers/child-service.js';
import { createPostgresTestDatabaseUrl, usingPostgres } from '../helpers/test-database.js';
import { sampleEventEnvelope, signedZendeskHeaders } from '../helpers/webhooks.js';

const running: ChildService[] = [];
let dropPostgres: (() => Promise<void>) | undefined;
afterAll(async () => {
  for (const s of running) s.child.kill('SIGKILL');
  await dropPostgres?.();
});

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';

async function completedJobs(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const match = text.match(/privacy_guard_job_outcomes_total\{kind="webhook-event",outcome="completed"\} (\d+)/);
  return match ? Number(match[1]) : 0;
}

describe('durability of accepted webhooks', () => {
  it('when the server is SIGKILLed right after answering 200, then on restart the job is there and runs', async () => {
    const port = await freePort();
    const env = testEnvironment({ PORT: String(port), WORKERS_ENABLED: 'false', METRICS_TOKEN });
    if (usingPostgres()) {
      const pg = await createPostgresTestDatabaseUrl();
      dropPostgres = pg.drop;
      env.DATABASE_URL = pg.url;
    }
    const first = await startChildService(env);
    running.push(first);
    // A user event: durable intake is what is under test, and no capability calls a vendor for it.
    const body = JSON.stringify({ ...sampleEventEnvelope('crash-evt-1'), type: 'zen:event-type:user.created', subject: 'zen:user:4242', detail: { id: '4242' } });
    const res = await fetch(`${first.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body) });
    expect(res.status).toBe(200);
    first.child.kill('SIGKILL');
    await waitForExit(first.child);

    const second = await startChildService({ ...env, WORKERS_ENABLED: 'true' });
    running.push(second);
    await waitFor(async () => (await completedJobs(second.url)) === 1, 30_000, 'the recovered job to complete');

    second.child.kill('SIGTERM');
    expect(await waitForExit(second.child)).toBe(0);
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      const { rows } = await db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM webhook_inbox GROUP BY status`);
      expect(rows).toEqual([{ status: 'processed', n: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('when SIGTERM arrives while the service is still starting (its database opened, not yet listening), then it finishes starting, stops cleanly and exits 0', async () => {
    const env = testEnvironment({ PORT: String(await freePort()), METRICS_TOKEN });
    const { spawn } = await import('node:child_process');
    const { existsSync } = await import('node:fs');
    const child = spawn(process.execPath, ['--import', 'tsx', 'middleware/src/main.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
    running.push({ child, url: '', output: () => '' });
    // The embedded database's folder appears as startService opens it, before the migrations and the listening socket.
    await waitFor(async () => existsSync(`${env.DATA_DIR}/pglite`), 30_000, 'the database to be opened');
    child.kill('SIGTERM');
    expect(await waitForExit(child)).toBe(0);
  });

  it('when the configuration is missing required variables, then the process exits 2 naming each', async () => {
    const env = testEnvironment({ PORT: '0', ZENDESK_WEBHOOK_SECRETS: undefined, SESSION_SECRET: 'short' });
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'middleware/src/main.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('ZENDESK_WEBHOOK_SECRETS is required');
    expect(result.stderr).toContain('SESSION_SECRET must be at least 32 characters');
  });
});
