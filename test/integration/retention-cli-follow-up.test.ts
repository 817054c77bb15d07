import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { requestsModule } from '../../middleware/src/requests/index.js';
import { retentionModule } from '../../middleware/src/retention/index.js';
import { sweepCommand } from '../../middleware/src/retention/sweep-command.js';
import { sandboxEnvironment } from '../../middleware/src/sandbox/cli-sandbox.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { generateSeedDataset } from '../../middleware/src/sandbox/seed-dataset.js';
import { openDatabase } from '../../middleware/src/store/open-database.js';
import { loadConfig } from '../../middleware/src/config.js';
import { freshDatabaseEnvironment } from '../helpers/test-database.js';
import { testEnvironment } from '../helpers/test-config.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { waitFor } from '../helpers/child-service.js';

/**
 * C15: a run approved from the CLI (`sweep --approve`) hands each due person to the real erasure,
 * whose requests then run in the service's `request-step` workers. The CLI exits before they end,
 * so the run must leave the service a follow-up that records their outcomes and marks it done.
 */
let sandbox: SandboxServer;
let env: Record<string, string>;
let dropDatabase: (() => Promise<void>) | undefined;
let service: RunningService | undefined;

function output(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, done) { text += String(chunk); done(); } }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

beforeAll(async () => {
  const seeded = generateSeedDataset({ seed: 'retention-cli-follow-up', size: 200, now: new Date() });
  sandbox = await startSandboxServer({ dataset: seeded.dataset, rateLimits: { zendeskPerMinute: 40_000, livechatPerMinute: 40_000, talkdeskPerMinute: 40_000 }, zendesk: { jobAutoCompleteMs: 0 } });
  const fresh = await freshDatabaseEnvironment('retention-cli-follow-up');
  dropDatabase = fresh.drop;
  const database = fresh.env;
  env = testEnvironment({ ...sandboxEnvironment(sandbox.url), ...database, ZENDESK_RATE_LIMIT_PER_MINUTE: '20000', LIVECHAT_RATE_LIMIT_PER_MINUTE: '20000', TALKDESK_RATE_LIMIT_PER_MINUTE: '20000', LOG_LEVEL: 'warn' });
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await sandbox?.close();
  await dropDatabase?.();
});

describe('a retention sweep approved from the CLI', () => {
  it('C15 when the CLI approves a run whose erasure requests are still running as it exits, then the service finishes the requests and marks the run done', async () => {
    const dryRun = output();
    expect(await sweepCommand(['--dry-run'], { out: dryRun.stream, err: dryRun.stream, env })).toBe(0);
    const previewId = /Preview ([0-9a-f-]{36})/.exec(dryRun.text())?.[1];
    expect(previewId, dryRun.text()).toBeDefined();

    const approval = output();
    expect(await sweepCommand(['--approve', previewId!], { out: approval.stream, err: approval.stream, env })).toBe(0);
    // The real erasure only starts requests: their steps run in the service, which is not up yet.
    expect(approval.text()).toMatch(/\(running\)/);

    const config = loadConfig(env);
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const auth = new AppAuthenticator({ sessionSecret: config.sessionSecret, publicKey: 'unused', lookupRole: async () => 'agent' });
    service = await startService(config, {
      db,
      logger: capturedLogger().logger,
      modules: () => [requestsModule(auth), retentionModule(auth, { followUpSeconds: 1 })],
      pollingIntervalSeconds: 0.5,
    });
    const status = async () => (await db.query<{ status: string }>('SELECT status FROM retention_previews WHERE id = $1', [previewId])).rows[0]?.status;
    await waitFor(async () => (await status()) === 'done', 30_000, 'the CLI-approved run to be marked done');
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM privacy_requests WHERE origin = 'retention' AND status NOT IN ('completed', 'refused', 'failed')`);
    expect(Number(rows[0]!.n)).toBe(0);
  }, 120_000);
});
