import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { SeededRandom } from '../../middleware/src/sandbox/prng.js';
import { sandboxVendorEnvironment } from '../../middleware/src/demo-composition.js';
import { freePort, waitFor } from '../helpers/child-service.js';
import { testEnvironment } from '../helpers/test-config.js';
import { createPostgresTestDatabaseUrl, usingPostgres } from '../helpers/test-database.js';
import { recordCcConsents, seedCcTickets } from './support/cc-world.js';
import { killPoints, streamCcWebhooks } from './support/cc-stream.js';
import { checkCcInvariants, unprocessedInbox } from './support/invariants.js';
import { ServiceProcess } from './support/service-process.js';
import { emptyTally } from './support/zendesk-sender.js';
import { printSummary, scaled } from './support/scale.js';

/**
 * Restarts the PostgreSQL server (every database on it) while webhooks are accepted and jobs run.
 * It disturbs every other test using that server, so it runs only when asked
 * (RELIABILITY_DB_RESTART=1, set by `npm run test:soak`) and never from `npm test`.
 * PG_RESTART_COMMAND overrides how the server is restarted (default: the Debian cluster 15/main).
 */
const RESTART_COMMAND = (process.env.PG_RESTART_COMMAND ?? 'pg_ctlcluster --skip-systemctl-redirect 15 main restart').split(' ');
const SEED = process.env.RELIABILITY_SEED ?? 'db-restart-1';
const FIGURES = { tickets: scaled(10, 60), webhooks: scaled(300, 2_000), restarts: scaled(1, 3), concurrency: scaled(6, 10) };

let sandbox: SandboxServer | undefined;
let service: ServiceProcess | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
afterAll(async () => {
  await service?.kill();
  await sandbox?.close();
  await dropDatabase?.();
});

async function restartPostgres(): Promise<number> {
  const started = Date.now();
  const [command, ...args] = RESTART_COMMAND;
  await promisify(execFile)(command!, args);
  return Date.now() - started;
}

describe.runIf(usingPostgres() && process.env.RELIABILITY_DB_RESTART === '1')('the PostgreSQL server restarts under load', () => {
  it(`when PostgreSQL is restarted ${FIGURES.restarts} time(s) while webhooks are accepted and jobs are in flight, then the middleware stays up, /healthz recovers to 200, deliveries refused during the restart are retried and every acknowledged webhook is processed once (C07)`, async () => {
    const random = new SeededRandom(SEED);
    sandbox = await startSandboxServer({ rateLimits: { zendeskPerMinute: 100_000, zendeskTicketUpdatesPer10Minutes: 1_000 } });
    const tickets = await seedCcTickets(sandbox, FIGURES.tickets, SEED.replace(/\W/g, ''));
    const database = await createPostgresTestDatabaseUrl();
    dropDatabase = database.drop;
    const env = testEnvironment({
      PORT: String(await freePort()),
      DATABASE_URL: database.url,
      POLICY_PROFILE: 'plesk',
      LOG_LEVEL: 'warn',
      WORKERS_ENABLED: 'true',
      ZENDESK_RATE_LIMIT_PER_MINUTE: '100000',
      RELIABILITY_JOB_EXPIRE_SECONDS: '15',
      ...sandboxVendorEnvironment(sandbox.url),
    });
    await recordCcConsents(env, tickets);
    sandbox.sandbox.requestLog.clear();
    sandbox.sandbox.setFaults({ seed: SEED, latencyMs: [5, 40], vendors: ['zendesk'] });
    service = new ServiceProcess(env);
    await service.start();

    const tally = emptyTally();
    const points = killPoints(random, FIGURES.webhooks, FIGURES.restarts);
    let restarts = 0;
    const restartMs: number[] = [];
    const unhealthySeen: number[] = [];
    let restarting: Promise<void> | undefined;
    const restartAndWatch = async () => {
      const watching = { on: true };
      // Sample /healthz while the server restarts, to see the degraded answer and its recovery.
      const watcher = (async () => {
        while (watching.on) {
          const status = await fetch(`${service!.url}/healthz`, { signal: AbortSignal.timeout(3_000) }).then((r) => r.status, () => 0);
          if (status !== 200) unhealthySeen.push(status);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      try {
        restartMs.push(await restartPostgres());
        restarts++;
        await waitFor(async () => (await fetch(`${service!.url}/healthz`)).status === 200, 60_000, '/healthz to recover after the restart');
      } finally {
        watching.on = false;
        await watcher;
      }
    };
    await streamCcWebhooks({
      sandbox,
      tickets,
      serviceUrl: service.url,
      random,
      webhooks: FIGURES.webhooks,
      concurrency: FIGURES.concurrency,
      redeliveryRate: 0.1,
      changeRate: 0.05,
      tally,
      stop: () => service!.unexpectedExits.length > 0,
      onDelivered: (delivered) => {
        if (!restarting && restarts < points.length && delivered >= points[restarts]!) {
          restarting = restartAndWatch()
            .catch(() => undefined) // the check after the stream reports a /healthz that never recovered
            .finally(() => (restarting = undefined));
        }
      },
    });
    await restarting;
    // A restart point the stream passed while an earlier restart was still running is taken now,
    // while the accepted deliveries are still being processed.
    for (let left = points.length - restarts; left > 0 && service.unexpectedExits.length === 0; left--) await restartAndWatch().catch(() => undefined);
    expect(service.unexpectedExits).toEqual([]);
    const lastHealth = () => fetch(`${service!.url}/healthz`).then(async (r) => `${r.status} ${await r.text()}`, (e: Error) => e.message);
    await waitFor(async () => (await fetch(`${service!.url}/healthz`)).status === 200, 60_000, '/healthz to answer 200').catch(async (error: Error) => {
      throw new Error(`${error.message}; last answer ${await lastHealth()}; service output:\n${service!.output().slice(-4_000)}`);
    });
    await waitFor(async () => (await unprocessedInbox(service!.url)) === 0, scaled(90_000, 600_000), 'every accepted webhook to be processed');
    expect(service.alive).toBe(true);
    expect(service.starts).toBe(1);
    expect(await service.stop()).toBe(0);

    const { violations, figures } = await checkCcInvariants({ env, sandbox, tickets, tally });
    printSummary('db-restart', {
      engine: 'postgresql',
      webhooksSent: FIGURES.webhooks + tickets.length,
      webhooksAccepted: tally.accepted,
      duplicatesAcknowledged: tally.duplicates,
      clientRetries: tally.retriedAttempts,
      inboxRows: figures.inboxRows,
      jobsRun: figures.jobsRun,
      dbRestarts: restarts,
      restartMs: restartMs.join('/'),
      unhealthyAnswers: unhealthySeen.length,
      unexpectedExits: service.unexpectedExits.length,
      invariantViolations: violations.length + service.unexpectedExits.length,
    });
    for (const violation of violations) process.stdout.write(`VIOLATION ${violation}\n`);
    expect(restarts).toBe(FIGURES.restarts);
    expect(service.unexpectedExits).toEqual([]);
    expect(violations).toEqual([]);
    // A delivery whose answer was lost (a kill, a restart) is re-signed by the sender: the inbox is
    // keyed by signed content only, so that retry is a row of its own, whose job finds nothing left to do.
    expect(figures.inboxRows).toBeGreaterThanOrEqual(tally.acknowledged.size);
  }, scaled(180_000, 3_600_000));
});
