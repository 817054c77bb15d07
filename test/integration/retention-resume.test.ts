import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxEnvironment } from '../../middleware/src/sandbox/cli-sandbox.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { generateSeedDataset, type SeedResult } from '../../middleware/src/sandbox/seed-dataset.js';
import { openDatabase } from '../../middleware/src/store/open-database.js';
import { freshDatabaseEnvironment } from '../helpers/test-database.js';
import { testEnvironment } from '../helpers/test-config.js';
import { waitFor, waitForExit } from '../helpers/child-service.js';

/**
 * C15/C17 durability: the operator CLI runs the sweep in a child process against a sandbox that
 * lives in this test; the child is SIGKILLed half-way through the dry run and again half-way
 * through the approved run, and `sweep --resume` finishes both with nobody erased twice or missed.
 */
const OPEN = new Set(['new', 'open', 'pending', 'hold']);
let seeded: SeedResult;
let sandbox: SandboxServer;
let env: Record<string, string>;
let dropDatabase: (() => Promise<void>) | undefined;

function cli(args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'middleware/src/cli.ts', 'sweep', ...args, '--erasure-module', 'test/unit/retention/support/stand-in-erasure.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  return { child, output: () => output };
}

const calls = (endpoint: string) => sandbox.sandbox.requestLog.count({ endpoint });

beforeAll(async () => {
  seeded = generateSeedDataset({ seed: 'retention-resume', size: 3000, now: new Date() });
  sandbox = await startSandboxServer({
    dataset: seeded.dataset,
    rateLimits: { zendeskPerMinute: 40_000, livechatPerMinute: 40_000, talkdeskPerMinute: 40_000 },
    zendesk: { jobAutoCompleteMs: 0 },
  });
  const fresh = await freshDatabaseEnvironment('retention-resume');
  dropDatabase = fresh.drop;
  const database = fresh.env;
  env = testEnvironment({ ...sandboxEnvironment(sandbox.url), ...database, ZENDESK_RATE_LIMIT_PER_MINUTE: '20000', LIVECHAT_RATE_LIMIT_PER_MINUTE: '20000', TALKDESK_RATE_LIMIT_PER_MINUTE: '20000', LOG_LEVEL: 'warn' });
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  await dropDatabase?.();
});

describe('retention sweep killed with SIGKILL', () => {
  let previewId = '';

  it('when the dry run is killed half-way, then --resume finishes it from the stored cursor (C14)', async () => {
    sandbox.sandbox.setFaults({ seed: 1, latencyMs: [60, 80], vendors: ['zendesk'] });
    const first = cli(['--dry-run']);
    await waitFor(async () => calls('GET /api/v2/users/{id}/tickets/requested') >= 110, 60_000, 'the dry run to be under way');
    first.child.kill('SIGKILL');
    await waitForExit(first.child);
    expect(first.output()).not.toMatch(/pending_approval/);
    sandbox.sandbox.setFaults(null);
    const beforeResume = calls('GET /api/v2/users/{id}/tickets/requested');

    const resumed = cli(['--resume']);
    expect(await waitForExit(resumed.child)).toBe(0);
    const match = /Preview ([0-9a-f-]{36}) \(pending_approval\)/.exec(resumed.output());
    expect(match, resumed.output()).not.toBeNull();
    previewId = match![1]!;
    const candidates = Object.keys(seeded.groundTruth.crossSystemIds).length;
    // Resumed from the cursor: people committed before the kill were not asked for again.
    expect(calls('GET /api/v2/users/{id}/tickets/requested') - beforeResume).toBeLessThan(candidates);
  }, 120_000);

  it('when the approved run is killed half-way, then --resume erases the rest, nobody twice and nobody missed (C15, C17)', async () => {
    const truth = seeded.groundTruth;
    const tickets = new Map(seeded.dataset.zendesk.tickets.map((t) => [t.id, t]));
    // C14: the CLI reads Talkdesk's calls report (served by the sandbox), so a person whose Talkdesk
    // contact has no recent call is due like anyone else; before, nobody with a contact ever was.
    const expectedDue = truth.stale
      .filter((id) => !(truth.staleWithOpenTickets[String(id)] ?? []).some((t) => OPEN.has(tickets.get(t)!.status)))
      .sort((a, b) => a - b);
    expect(expectedDue.some((id) => truth.crossSystemIds[String(id)]?.talkdeskContactId)).toBe(true);
    expect(expectedDue.length).toBeGreaterThan(20);

    sandbox.sandbox.setFaults({ seed: 2, latencyMs: [30, 40], vendors: ['zendesk'] });
    const first = cli(['--approve', previewId]);
    const z = sandbox.sandbox.state.zendesk;
    await waitFor(async () => z.purgedUserIds.size >= Math.floor(expectedDue.length / 2), 90_000, 'half the erasures');
    first.child.kill('SIGKILL');
    await waitForExit(first.child);
    const erasedAtKill = z.purgedUserIds.size;
    expect(erasedAtKill).toBeLessThan(expectedDue.length);
    sandbox.sandbox.setFaults(null);

    const resumed = cli(['--resume']);
    expect(await waitForExit(resumed.child), resumed.output()).toBe(0);
    expect(resumed.output()).toMatch(/\(done\)/);
    expect([...z.purgedUserIds].sort((a, b) => a - b)).toEqual(expectedDue);
    const permanent = sandbox.sandbox.requestLog.filter({ endpoint: 'DELETE /api/v2/deleted_users/{id}', status: 200 }).map((e) => e.path);
    expect(permanent.length).toBe(expectedDue.length);
    expect(new Set(permanent).size).toBe(permanent.length);

    const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
    try {
      const { rows } = await db.query<{ erasure_status: string; n: number }>(
        `SELECT erasure_status, count(*)::int AS n FROM retention_preview_people WHERE preview_id = $1 AND outcome = 'due' GROUP BY erasure_status`,
        [previewId],
      );
      expect(rows).toEqual([{ erasure_status: 'erased', n: expectedDue.length }]);
    } finally {
      await db.close();
    }
  }, 180_000);
});
