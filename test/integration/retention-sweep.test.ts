import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { retentionModule } from '../../middleware/src/retention/index.js';
import { sandboxCallActivity } from '../../middleware/src/sandbox/call-history.js';
import { sandboxEnvironment } from '../../middleware/src/sandbox/cli-sandbox.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { generateSeedDataset, type SeedResult } from '../../middleware/src/sandbox/seed-dataset.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/child-service.js';
import { erasePerson } from '../unit/retention/support/stand-in-erasure.js';

/**
 * Retention on a sandbox of 10,000 people (C14-C19): the dry run's counts against the seeded
 * ground truth, then the approved run against the sandbox's state and request log.
 */
const SIZE = 10_000;
const ADMIN = 901;
const AGENT = 902;
const OPEN = new Set(['new', 'open', 'pending', 'hold']);

let seeded: SeedResult;
let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
let adminToken: string;
let agentToken: string;
const { logger, lines } = capturedLogger();

/** Limits far above the budget below, so any 429 would be the client's fault. */
const HIGH = { zendeskPerMinute: 40_000, livechatPerMinute: 40_000, talkdeskPerMinute: 40_000, zendeskPermanentDeletesPer10Minutes: 7_000 };

let heldIds: number[] = [];
let expiredHoldId = 0;
let liftedHoldId = 0;

function expected() {
  const truth = seeded.groundTruth;
  const tickets = new Map(seeded.dataset.zendesk.tickets.map((t) => [t.id, t]));
  const held = new Set(heldIds);
  const blocked = new Map<number, number[]>();
  for (const id of truth.stale) {
    if (held.has(id)) continue;
    // C19 with closeSolvedTicketsBeforeDeletion: solved tickets are closed, the rest block.
    const open = (truth.staleWithOpenTickets[String(id)] ?? []).filter((t) => OPEN.has(tickets.get(t)!.status));
    if (open.length > 0) blocked.set(id, open.sort((a, b) => a - b));
  }
  const due = truth.stale.filter((id) => !held.has(id) && !blocked.has(id));
  const elsewhere = [...truth.staleButActiveInChat, ...truth.staleButActiveInPhone];
  return { held, blocked, due, elsewhere };
}

async function api(path: string, token: string, method = 'GET') {
  const res = await fetch(`${service.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

beforeAll(async () => {
  seeded = generateSeedDataset({ seed: 'retention-10k', size: SIZE, now: new Date() });
  sandbox = await startSandboxServer({ dataset: seeded.dataset, rateLimits: HIGH, zendesk: { jobAutoCompleteMs: 0 } });
  database = await createTestDatabase();
  const config = testConfig({
    ...sandboxEnvironment(sandbox.url),
    ZENDESK_RATE_LIMIT_PER_MINUTE: '20000',
    LIVECHAT_RATE_LIMIT_PER_MINUTE: '20000',
    TALKDESK_RATE_LIMIT_PER_MINUTE: '20000',
    RETENTION_CRON: '0 3 1 1 *',
  });
  const auth = new AppAuthenticator({
    sessionSecret: config.sessionSecret,
    publicKey: 'unused: sessions are issued directly in this test',
    lookupRole: async (id) => (id === ADMIN ? 'admin' : id === AGENT ? 'agent' : 'end-user'),
  });
  adminToken = await auth.issueSession(ADMIN);
  agentToken = await auth.issueSession(AGENT);
  service = await startService(config, {
    db: database.db,
    logger,
    modules: [retentionModule(auth, { erasePerson, callActivity: sandboxCallActivity(() => sandbox.sandbox.state), awaitPreviewMs: 100_000 })],
  });

  // C18: holds on stale people (one suggested by the dataset, more from the stale list), one
  // that has ended and one that was lifted (both no longer hold anybody).
  const truth = seeded.groundTruth;
  const unblockedStale = truth.stale.filter((id) => !truth.staleWithOpenTickets[String(id)]);
  const blockedStale = truth.stale.filter((id) => truth.staleWithOpenTickets[String(id)]);
  heldIds = [...new Set([truth.legalHoldSuggestions[0]!, ...unblockedStale.slice(1, 4), blockedStale[0]!])];
  expiredHoldId = unblockedStale[5]!;
  liftedHoldId = unblockedStale[6]!;
  const insert = (id: number, extra = '') =>
    database.db.query(`INSERT INTO legal_holds (person_key, reason, placed_by, starts_at${extra ? ', ' + extra : ''}) VALUES ($1, 'litigation', 'zendesk:${ADMIN}', now() - interval '10 days'${extra ? ", now() - interval '1 day'" : ''})`, [`zendesk:${id}`]);
  for (const id of heldIds) await insert(id);
  await insert(expiredHoldId, 'ends_at');
  await insert(liftedHoldId, 'lifted_at');
  // Holds on active people change nothing.
  for (const id of truth.legalHoldSuggestions.slice(1)) await insert(id);
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

describe('retention sweep on 10,000 people', () => {
  let preview: Record<string, any>;
  let sweepCalls = 0;

  it('when an agent who is not an admin asks for a dry run, then 403 and nothing starts', async () => {
    const res = await api('/api/v1/retention/previews', agentToken, 'POST');
    expect(res.status).toBe(403);
    expect((await api('/api/v1/retention/previews/latest', agentToken)).status).toBe(404);
  });

  it('when an admin runs a dry run (three clicks at once), then one scan runs, and the C14/C18/C19 counts match the ground truth exactly and nothing is erased', async () => {
    const started = Date.now();
    const answers = await Promise.all([1, 2, 3].map(() => api('/api/v1/retention/previews', adminToken, 'POST')));
    const res = answers[0]!;
    expect(res.status).toBe(201);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const jobs = await service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'retention-sweep' AND data->>'previewId' IS NOT NULL`);
    expect(jobs.rows[0]!.n).toBe(1);
    const requested = await service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_ledger WHERE action = 'retention.dry_run_requested'`);
    expect(requested.rows[0]!.n).toBe(1);
    preview = res.body;
    const exp = expected();
    expect(preview.status).toBe('pending_approval');
    expect(preview.counts).toEqual({ due: exp.due.length, held: exp.held.size, blocked: exp.blocked.size, active_elsewhere: exp.elsewhere.length, not_due: 0 });
    const byId = new Map<number, Record<string, any>>(preview.people.map((p: Record<string, any>) => [Number(String(p.personKey).split(':')[1]), p]));
    for (const id of exp.due) expect(byId.get(id)?.outcome).toBe('due');
    for (const id of exp.held) expect(byId.get(id)?.outcome).toBe('held');
    for (const id of exp.elsewhere) expect(byId.get(id)?.outcome).toBe('active_elsewhere');
    expect(byId.get(expiredHoldId)?.outcome).toBe('due');
    expect(byId.get(liftedHoldId)?.outcome).toBe('due');
    // The admin page polls a preview by id while it scans; an agent may read it too.
    const byIdRes = await api(`/api/v1/retention/previews/${preview.id}`, agentToken);
    expect(byIdRes.status).toBe(200);
    expect(byIdRes.body.counts).toEqual(preview.counts);
    expect(byIdRes.body.processed).toBe(preview.processed);
    expect((await api('/api/v1/retention/previews/not-a-uuid', agentToken)).status).toBe(400);
    expect((await api('/api/v1/retention/previews/00000000-0000-4000-8000-000000000000', agentToken)).status).toBe(404);
    sweepCalls = sandbox.sandbox.requestLog.entries.length;
    expect(sandbox.sandbox.state.zendesk.purgedUserIds.size).toBe(0);
    console.info(`[retention 10k] dry run ${Date.now() - started} ms, vendor calls ${sweepCalls}, counts ${JSON.stringify(preview.counts)}, by endpoint ${JSON.stringify(Object.fromEntries(sandbox.sandbox.requestLog.countByEndpoint()))}`);
  }, 110_000);

  it('when people have tickets that are not closed, then they are reported blocked with those ticket ids (C19)', () => {
    const exp = expected();
    for (const [id, ticketIds] of exp.blocked) {
      const person = preview.people.find((p: Record<string, any>) => p.personKey === `zendesk:${id}`);
      expect(person?.outcome).toBe('blocked');
      expect(person?.blockingTicketIds).toEqual(ticketIds);
    }
  });

  it('when the dry run ran, then no vendor answered 429 and every Retry-After was honoured', () => {
    expect(sandbox.sandbox.requestLog.count({ rateLimited: true })).toBe(0);
    expect(sandbox.sandbox.requestLog.retryAfterViolations()).toEqual([]);
  });

  it('when the admin approves, then exactly the stale, unheld, unblocked people are permanently deleted (C15, C17) and nobody else', async () => {
    const before = sandbox.sandbox.requestLog.entries.length;
    const res = await api(`/api/v1/retention/previews/${preview.id}/approve`, adminToken, 'POST');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('approved');
    await waitFor(async () => (await api('/api/v1/retention/previews/latest', adminToken)).body.status === 'done', 100_000, 'the approved run to finish');
    const done = (await api('/api/v1/retention/previews/latest', adminToken)).body;
    const exp = expected();
    const z = sandbox.sandbox.state.zendesk;
    expect([...z.purgedUserIds].sort((a, b) => a - b)).toEqual([...exp.due].sort((a, b) => a - b));
    for (const id of exp.due) expect(z.users.has(id)).toBe(false);
    // Nobody else: every other seeded user is still there and not even soft-deleted.
    const due = new Set(exp.due);
    for (const user of seeded.dataset.zendesk.users) if (!due.has(user.id)) expect(z.users.get(user.id)?._deleted_at ?? null).toBeNull();
    expect(done.summary).toEqual({ erased: exp.due.length, refused: 0, held: 0, blocked: 0, failed: 0, batches: Math.ceil(exp.due.length / 50) });
    expect(done.progress).toEqual({ queued: 0, running: 0, erased: exp.due.length, refused: 0, held: 0, blocked: 0, failed: 0 });
    // C17: each permanent deletion happened once.
    const permanent = sandbox.sandbox.requestLog.filter({ endpoint: 'DELETE /api/v2/deleted_users/{id}', status: 200 }).map((e) => e.path);
    expect(new Set(permanent).size).toBe(permanent.length);
    expect(sandbox.sandbox.requestLog.count({ rateLimited: true })).toBe(0);
    const runCalls = sandbox.sandbox.requestLog.entries.length - before;
    console.info(`[retention 10k] erased ${exp.due.length}: run calls ${runCalls} (${(runCalls / exp.due.length).toFixed(2)}/person), with dry run ${((runCalls + sweepCalls) / exp.due.length).toFixed(2)}/person`);
  }, 110_000);

  it('when the next sweep runs, then the blocked are reported again with their tickets and the held and active stay (C18, C19)', async () => {
    const res = await api('/api/v1/retention/previews', adminToken, 'POST');
    expect(res.status).toBe(201);
    const exp = expected();
    expect(res.body.counts).toEqual({ due: 0, held: exp.held.size, blocked: exp.blocked.size, active_elsewhere: exp.elsewhere.length, not_due: 0 });
  }, 110_000);

  it('when the sweep logged, then no e-mail address appears in the logs', () => {
    const emails = lines.filter((line) => /@example\.(com|org)/.test(line));
    expect(emails).toEqual([]);
  });
});
