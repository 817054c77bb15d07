import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVendorClients, type AppContext } from '../../middleware/src/app-context.js';
import { JobQueue } from '../../middleware/src/jobs/queue.js';
import { loadProfile } from '../../middleware/src/policy/load-profile.js';
import { approvePreview, createPreview, runRemainingBatches, scanPreview } from '../../middleware/src/retention/index.js';
import { sandboxCallActivity } from '../../middleware/src/sandbox/call-history.js';
import { sandboxEnvironment } from '../../middleware/src/sandbox/cli-sandbox.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { generateSeedDataset, type SeedResult } from '../../middleware/src/sandbox/seed-dataset.js';
import { AuditLedger } from '../../middleware/src/store/audit-ledger.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { testConfig } from '../helpers/test-config.js';
import { erasePerson } from '../unit/retention/support/stand-in-erasure.js';

/** C16 under the parallels profile (anonymize instead of delete), on a smaller sandbox. */
const OPEN = new Set(['new', 'open', 'pending', 'hold']);
let seeded: SeedResult;
let sandbox: SandboxServer;
let database: TestDatabase;
let ctx: AppContext;

beforeAll(async () => {
  seeded = generateSeedDataset({ seed: 'retention-parallels', size: 2000, now: new Date() });
  sandbox = await startSandboxServer({ dataset: seeded.dataset, rateLimits: { zendeskPerMinute: 40_000, livechatPerMinute: 40_000, talkdeskPerMinute: 40_000 }, zendesk: { jobAutoCompleteMs: 0 } });
  database = await createTestDatabase();
  const config = testConfig({ ...sandboxEnvironment(sandbox.url), POLICY_PROFILE: 'parallels', ZENDESK_RATE_LIMIT_PER_MINUTE: '20000', LIVECHAT_RATE_LIMIT_PER_MINUTE: '20000', TALKDESK_RATE_LIMIT_PER_MINUTE: '20000' });
  const { logger } = capturedLogger();
  const now = () => new Date();
  ctx = {
    config,
    db: database.db,
    queue: await JobQueue.start(database.db, logger),
    logger,
    profile: loadProfile('parallels'),
    now,
    vendors: createVendorClients(config),
    audit: new AuditLedger(database.db, config.auditKey, now),
  };
}, 60_000);

afterAll(async () => {
  await ctx?.queue.stop(1_000);
  await database?.drop();
  await sandbox?.close();
});

describe('retention under an anonymize profile (parallels)', () => {
  it('when the run is approved, then the due people are anonymized, nobody is deleted, and solved tickets are closed first (C16, C19)', async () => {
    const callActivity = sandboxCallActivity(() => sandbox.sandbox.state);
    const created = await createPreview(ctx, { trigger: 'cli' });
    const preview = await scanPreview(ctx, created.id, { callActivity });
    const truth = seeded.groundTruth;
    const tickets = new Map(seeded.dataset.zendesk.tickets.map((t) => [t.id, t]));
    const blocked = truth.stale.filter((id) => (truth.staleWithOpenTickets[String(id)] ?? []).some((t) => OPEN.has(tickets.get(t)!.status)));
    const due = truth.stale.filter((id) => !blocked.includes(id));
    const solvedFirst = due.flatMap((id) => (truth.staleWithOpenTickets[String(id)] ?? []).filter((t) => tickets.get(t)!.status === 'solved'));
    expect(preview.mode).toBe('anonymize');
    expect(preview.counts).toEqual({ due: due.length, held: 0, blocked: blocked.length, active_elsewhere: truth.staleButActiveInChat.length + truth.staleButActiveInPhone.length, not_due: 0 });

    await approvePreview(ctx, preview.id, 'zendesk:1', { enqueue: false });
    const done = await runRemainingBatches(ctx, preview.id, { erasePerson });
    expect(done.status).toBe('done');
    expect(done.summary?.erased).toBe(due.length);
    const z = sandbox.sandbox.state.zendesk;
    expect(z.purgedUserIds.size).toBe(0);
    for (const id of due) expect(z.users.get(id)?.name).toBe(`Anonymous ${id}`);
    for (const id of blocked) expect(z.users.get(id)?.name).not.toMatch(/^Anonymous/);
    expect(solvedFirst.length).toBeGreaterThan(0);
    for (const ticketId of solvedFirst) expect(z.tickets.get(ticketId)?.status).toBe('closed');
    expect(sandbox.sandbox.requestLog.count({ rateLimited: true })).toBe(0);
  }, 90_000);
});
