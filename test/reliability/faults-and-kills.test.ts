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
 * The middleware (real entry point, product modules) in a child process, a vendor sandbox that
 * fails, drops and delays calls, a stream of signed ticket webhooks for tickets whose CCs
 * include people without consent, and SIGKILLs at seeded random points with a restart after
 * each. Short form in `npm test`; `npm run test:soak` (SOAK=1) runs it longer.
 */
const SEED = process.env.RELIABILITY_SEED ?? 'faults-and-kills-1';
const FIGURES = {
  tickets: scaled(8, 150),
  webhooks: Number(process.env.RELIABILITY_WEBHOOKS ?? scaled(120, 5_000)),
  kills: Number(process.env.RELIABILITY_KILLS ?? scaled(3, 12)),
  concurrency: scaled(6, 12),
  errorRate: scaled(0.2, 0.3),
  dropRate: scaled(0.05, 0.05),
};

let sandbox: SandboxServer | undefined;
let service: ServiceProcess | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
afterAll(async () => {
  await service?.kill();
  await sandbox?.close();
  await dropDatabase?.();
});

describe('CC enforcement under vendor faults and SIGKILLs', () => {
  it(`C07 C29 when vendor calls fail (${FIGURES.errorRate * 100}% errors, drops, latency) and the middleware is SIGKILLed ${FIGURES.kills} times while ${FIGURES.webhooks} webhooks arrive, then no acknowledged webhook is lost, no CC is removed twice for one change, nobody is wrongly removed and the audit chain verifies`, async () => {
    const random = new SeededRandom(SEED);
    sandbox = await startSandboxServer({
      rateLimits: { zendeskPerMinute: 100_000, zendeskTicketUpdatesPer10Minutes: 1_000, livechatPerMinute: 100_000, talkdeskPerMinute: 100_000 },
    });
    const tickets = await seedCcTickets(sandbox, FIGURES.tickets, SEED.replace(/\W/g, ''));
    const env = testEnvironment({
      PORT: String(await freePort()),
      POLICY_PROFILE: 'plesk',
      LOG_LEVEL: 'warn',
      WORKERS_ENABLED: 'true',
      ZENDESK_RATE_LIMIT_PER_MINUTE: '100000',
      RELIABILITY_JOB_EXPIRE_SECONDS: scaled('8', '15'),
      ...sandboxVendorEnvironment(sandbox.url),
    });
    if (usingPostgres()) {
      const database = await createPostgresTestDatabaseUrl();
      dropDatabase = database.drop;
      env.DATABASE_URL = database.url;
    }
    await recordCcConsents(env, tickets);
    sandbox.sandbox.requestLog.clear();
    sandbox.sandbox.setFaults({ seed: SEED, errorRate: FIGURES.errorRate, dropRate: FIGURES.dropRate, latencyMs: [5, 60], latencyRate: 0.5, vendors: ['zendesk'] });

    service = new ServiceProcess(env);
    await service.start();
    const tally = emptyTally();
    const points = killPoints(random, FIGURES.webhooks, FIGURES.kills);
    let kills = 0;
    const killTimes: string[] = [];
    let killing: Promise<void> | undefined;
    const killAndRestart = async () => {
      // A seeded extra delay, so the kill lands at a random moment of intake and job work.
      await new Promise((r) => setTimeout(r, random.int(0, 250)));
      await service!.kill();
      kills++;
      killTimes.push(new Date().toISOString());
      await service!.start();
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
        if (!killing && kills < points.length && delivered >= points[kills]!) {
          killing = killAndRestart().finally(() => (killing = undefined));
        }
      },
    });
    await killing;
    // Kill points the stream passed while an earlier restart was running are taken now, while the
    // accepted deliveries are still being worked.
    for (let left = points.length - kills; left > 0 && service.unexpectedExits.length === 0; left--) await killAndRestart();
    expect(service.unexpectedExits).toEqual([]);
    await waitFor(async () => (await unprocessedInbox(service!.url)) === 0, scaled(45_000, 600_000), 'every accepted webhook to be processed');
    // Comment scans and consent mirrors run after the webhook jobs; let them settle before stopping.
    expect(await service.stop()).toBe(0);

    const { violations, figures } = await checkCcInvariants({ env, sandbox, tickets, tally });
    const log = sandbox.sandbox.requestLog;
    printSummary('faults-and-kills', {
      engine: usingPostgres() ? 'postgresql' : 'pglite',
      webhooksSent: FIGURES.webhooks + tickets.length,
      webhooksAccepted: tally.accepted,
      duplicatesAcknowledged: tally.duplicates,
      clientRetries: tally.retriedAttempts,
      inboxRows: figures.inboxRows,
      jobsRun: figures.jobsRun,
      vendorCalls: log.count(),
      faultsInjected: log.count({ fault: 'error' }) + log.count({ fault: 'drop' }),
      ccChanges: tickets.reduce((n, t) => n + t.changes, 0),
      ticketUpdates: log.filter({ endpoint: 'PUT /api/v2/tickets/{id}' }).filter((e) => e.status === 200).length,
      kills,
      unexpectedExits: service.unexpectedExits.length,
      auditEntries: figures.auditEntries,
      invariantViolations: violations.length + service.unexpectedExits.length,
    });
    for (const violation of violations) process.stdout.write(`VIOLATION ${violation}\n`);
    expect(violations, `kills at ${killTimes.join(', ')}`).toEqual([]);
    expect(kills).toBe(FIGURES.kills);
    expect(log.count({ fault: 'error' })).toBeGreaterThan(0);
    expect(service.unexpectedExits).toEqual([]);
    expect(violations).toEqual([]);
    // A delivery whose answer was lost (a kill, a restart) is re-signed by the sender: the inbox is
    // keyed by signed content only, so that retry is a row of its own, whose job finds nothing left to do.
    expect(figures.inboxRows).toBeGreaterThanOrEqual(tally.acknowledged.size);
    // A hang guard, not a timing check: alone this takes about 45 s on 2 cores, and beside the suite's other fork it took
    // over 90 s twice on 2026-12-07 (a CI rehearsal with other work running), so the short form allows 180 s.
  }, scaled(180_000, 3_600_000));
});
