/**
 * Drain benchmark: how fast accepted ticket webhooks are fully processed, and what they cost in
 * vendor calls.
 *
 *   npx tsx bench/drain/run.ts [--engines postgres,pglite] [--webhooks-postgres 3000]
 *       [--webhooks-pglite 1000] [--burst 10000] [--cc-every 50] [--database-url postgres://...]
 *       [--no-write]
 *
 * Per run: a seeded sandbox (its own process), the middleware with every product module (its own
 * process; PostgreSQL in a fresh scratch database, or PGlite in a fresh folder), and this process
 * sending N distinct signed ticket webhooks (the body requirements.json ships, rendered for each
 * ticket; every `--cc-every`-th ticket has an unconsented CC to strip) 32 at a time. The clock runs
 * from the first send until every inbox row is processed and no job is pending. Reported:
 * webhooks processed per second, webhook-to-done p50/p99 (received_at to processed_at), vendor
 * calls per webhook and per kind of event, CCs left on tickets, jobs failed or dead-lettered.
 * Runs: each engine with the rate budget lifted, then PostgreSQL at the default budget (Zendesk
 * 400/min plan, RATE_BUDGET_SHARE 0.5 = 200 calls/min) with a `--burst` of webhooks, compared with
 * the time that budget allows for the calls the burst needs.
 * Exits 1 when a run leaves a CC unstripped, loses a job or fails one.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine, machineMarkdown, postgresServerVersion } from '../lib/machine.js';
import { createScratchPostgresDatabase } from '../lib/scratch-postgres-database.js';
import { replaceMarkedSection } from '../lib/results-file.js';
import { signZendeskPayload } from '../../middleware/src/webhooks/zendesk/signature.js';
import { sandboxVendorEnvironment } from '../../middleware/src/demo-composition.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_PATH = join(HERE, 'RESULTS.md');
const SUMMARY_PATH = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
const SECRET = 'bench-drain-webhook-secret-not-used-elsewhere';
const CONCURRENT_SENDS = 32;
const TARGETS = { postgresPerSecond: 250, pglitePerSecond: 60 };

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'postgres,pglite' },
    'webhooks-postgres': { type: 'string', default: '3000' },
    'webhooks-pglite': { type: 'string', default: '1000' },
    burst: { type: 'string', default: '10000' },
    'cc-every': { type: 'string', default: '50' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' },
    'no-write': { type: 'boolean', default: false },
  },
});
const engines = args.engines!.split(',').filter(Boolean) as Array<'postgres' | 'pglite'>;
const ccEvery = Number(args['cc-every']);

interface RunSpec {
  engine: 'postgres' | 'pglite';
  budget: 'lifted' | 'default';
  webhooks: number;
}

interface RunResult extends RunSpec {
  sendSeconds: number;
  drainSeconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  removalP50Ms: number | null;
  removalP99Ms: number | null;
  removalEvents: number;
  noopEvents: number;
  zendeskCalls: Record<string, number>;
  totalCalls: number;
  callsPerNoop: number;
  callsPerRemoval: number;
  payloadScans: number;
  queuedScans: number;
  ccsLeft: number;
  failedJobs: number;
  processed: number;
  rateLimited: number;
  /** At the default budget: seconds the budget needs for the calls made (burst spent at once). */
  budgetFloorSeconds?: number;
}

function startChild(script: string, argv: string[], env: NodeJS.ProcessEnv, marker: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, script), ...argv], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += String(chunk);
      const match = new RegExp(`${marker} (\\S+)`).exec(out);
      if (match) resolve({ url: match[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited ${code} before it was ready`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The shipped trigger body as Zendesk renders it for bench ticket `t`. */
function renderedBody(t: number): string {
  const id = 100_000 + t;
  const cc = ccEvery > 0 && t % ccEvery === 0 ? `${500_000 + t}:cc${t}@elsewhere.example.net:End user,` : '';
  return JSON.stringify({
    type: 'ticket_trigger',
    ticket: {
      id: String(id),
      update_type: 'create',
      status: 'Open',
      requester_id: String(1000 + (t % 500)),
      requester_email: `requester${1000 + (t % 500)}@example.com`,
      subject: 'Where is my order?',
      via: 'Mail',
      tags: '',
      updated_at: new Date(Date.now() - 30 * 60_000).toISOString().slice(0, 16) + 'Z',
      updated_by_id: String(1000 + (t % 500)),
      email_ccs: cc,
      comment_ids: `${id * 10 + 1},`,
      latest_comment: { id: String(id * 10 + 1), value: 'Where is my order? It was due last week.', is_public: 'true', attachment_count: '0' },
    },
  });
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

async function runOnce(spec: RunSpec): Promise<RunResult> {
  process.stdout.write(`drain: ${spec.engine}, budget ${spec.budget}, ${spec.webhooks} webhooks...\n`);
  const sandbox = await startChild('sandbox-process.ts', [String(spec.webhooks), String(ccEvery)], process.env, 'SANDBOX');
  const scratch = spec.engine === 'postgres' ? await createScratchPostgresDatabase(args['database-url']!, 'drain') : undefined;
  const dataDir = spec.engine === 'pglite' ? mkdtempSync(join(tmpdir(), 'drain-pglite-')) : undefined;
  const never = '0 0 31 2 *'; // 31 February: no scheduled sweep during the run
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...sandboxVendorEnvironment(sandbox.url),
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: scratch?.url ?? '',
    DATA_DIR: dataDir ?? mkdtempSync(join(tmpdir(), 'drain-unused-')),
    ZENDESK_WEBHOOK_SECRETS: SECRET,
    ZENDESK_APP_PUBLIC_KEY: 'unused-in-this-benchmark',
    ZENDESK_APP_AUDIENCE: 'https://bench.zendesk.com/api/v2/apps/installations/1.json',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef0123456789',
    AUDIT_KEY: 'bench-audit-key-0123456789abcdef0123456789abcdef',
    RETENTION_CRON: never,
    HOUSEKEEPING_CRON: never,
    LOG_LEVEL: 'warn',
    ...(spec.budget === 'lifted'
      ? { ZENDESK_RATE_LIMIT_PER_MINUTE: '10000000', LIVECHAT_RATE_LIMIT_PER_MINUTE: '10000000', TALKDESK_RATE_LIMIT_PER_MINUTE: '10000000', RATE_BUDGET_SHARE: '1' }
      : { ZENDESK_RATE_LIMIT_PER_MINUTE: '400', RATE_BUDGET_SHARE: '0.5' }),
  };
  const service = await startChild('service-process.ts', [], env, 'SERVICE');
  try {
    const bodies = Array.from({ length: spec.webhooks }, (_, t) => renderedBody(t));
    await getJson(`${sandbox.url}/bench/reset`, { method: 'POST' });
    const started = performance.now();
    let next = 0;
    const sender = async () => {
      while (next < bodies.length) {
        const i = next++;
        const body = bodies[i]!;
        const timestamp = new Date().toISOString();
        const res = await fetch(`${service.url}/webhooks/zendesk`, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            'x-zendesk-webhook-signature-timestamp': timestamp,
            'x-zendesk-webhook-signature': signZendeskPayload(SECRET, timestamp, body),
            'x-zendesk-webhook-invocation-id': `drain-${i}`,
          },
        });
        if (res.status !== 200) throw new Error(`webhook ${i} answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT_SENDS }, sender));
    const sendSeconds = (performance.now() - started) / 1000;
    let drain = { total: 0, processed: 0, pending: 1, failed: 0 };
    for (;;) {
      drain = await getJson(`${service.url}/bench/drain`);
      if (drain.processed === spec.webhooks && drain.pending === 0) break;
      if ((performance.now() - started) / 1000 > 1800) throw new Error(`not drained after 30 minutes: ${JSON.stringify(drain)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const drainSeconds = (performance.now() - started) / 1000;
    const latency = await getJson<{ all: { p50: number; p99: number }; removals: { p50: number | null; p99: number | null }; outcomes: { removed: number; reads: number; updates: number; payload_scans: number; queued_scans: number } }>(
      `${service.url}/bench/latency`,
    );
    const stats = await getJson<{ total: number; byEndpoint: Record<string, number>; rateLimited: number }>(`${sandbox.url}/bench/stats`);
    const { left } = await getJson<{ left: number }>(`${sandbox.url}/bench/ccs-left`);
    const removalEvents = ccEvery > 0 ? Math.ceil(spec.webhooks / ccEvery) : 0;
    const noopEvents = spec.webhooks - removalEvents;
    const removalPuts = latency.outcomes.updates;
    const result: RunResult = {
      ...spec,
      sendSeconds,
      drainSeconds,
      perSecond: spec.webhooks / drainSeconds,
      p50Ms: Number(latency.all.p50),
      p99Ms: Number(latency.all.p99),
      removalP50Ms: latency.removals.p50 === null ? null : Number(latency.removals.p50),
      removalP99Ms: latency.removals.p99 === null ? null : Number(latency.removals.p99),
      removalEvents,
      noopEvents,
      zendeskCalls: stats.byEndpoint,
      totalCalls: stats.total,
      callsPerNoop: (stats.total - removalPuts) / Math.max(1, noopEvents),
      callsPerRemoval: removalPuts / Math.max(1, removalEvents),
      payloadScans: latency.outcomes.payload_scans,
      queuedScans: latency.outcomes.queued_scans,
      ccsLeft: left,
      failedJobs: drain.failed,
      processed: drain.processed,
      rateLimited: stats.rateLimited,
    };
    if (spec.budget === 'default') {
      // 200/min with a 20-call burst, then (200 - 20) per 60 s.
      result.budgetFloorSeconds = Math.max(0, stats.total - 20) / (180 / 60);
    }
    process.stdout.write(`${JSON.stringify({ ...result, zendeskCalls: undefined })}\n`);
    return result;
  } finally {
    await stop(service.child);
    await stop(sandbox.child);
    await scratch?.drop().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(results: RunResult[], machine: ReturnType<typeof describeMachine>, pgVersion: string | undefined): string {
  const f = (n: number | null | undefined, d = 0) => (n === null || n === undefined ? 'n/a' : n.toFixed(d));
  const rows = results.map(
    (r) =>
      `| ${r.engine} | ${r.budget} | ${r.webhooks.toLocaleString('en')} | ${f(r.sendSeconds, 1)} | ${f(r.drainSeconds, 1)} | **${f(r.perSecond, 1)}** | ${f((r.webhooks / r.sendSeconds), 1)} | ${f((r.sendSeconds / r.drainSeconds) * 100)}% | ${f(r.p50Ms)} / ${f(r.p99Ms)} | ${f(r.removalP50Ms)} / ${f(r.removalP99Ms)} | ${f(r.callsPerNoop, 3)} | ${f(r.callsPerRemoval, 2)} | ${r.totalCalls} | ${r.budgetFloorSeconds === undefined ? '-' : f(r.budgetFloorSeconds, 1)} | ${r.ccsLeft} | ${r.failedJobs} | ${r.processed} |`,
  );
  const lifted = (engine: string) => results.find((r) => r.engine === engine && r.budget === 'lifted');
  const pgLifted = lifted('postgres');
  const pgliteLifted = lifted('pglite');
  const burst = results.find((r) => r.budget === 'default');
  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not run' : ok ? 'met' : 'NOT met');
  const endpoints = new Map<string, number>();
  for (const r of results) for (const [e, n] of Object.entries(r.zendeskCalls)) endpoints.set(`${r.engine}/${r.budget}: ${e}`, n);
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return [
    '# Drain benchmark',
    '',
    `Run: \`npx tsx bench/drain/run.ts --engines ${engines.join(',')} --webhooks-postgres ${args['webhooks-postgres']} --webhooks-pglite ${args['webhooks-pglite']} --burst ${args.burst} --cc-every ${ccEvery} --database-url ${redactedUrl(args['database-url']!)}\` on ${new Date().toISOString()} at commit ${commit}.`,
    '',
    machineMarkdown(machine, pgVersion),
    '',
    `Each run: a seeded sandbox process, the middleware process with every product module (PostgreSQL in a fresh scratch database, or PGlite in a fresh folder; default JOB_CONCURRENCY), and this process sending distinct signed ticket webhooks ${CONCURRENT_SENDS} at a time: the body requirements.json ships, rendered for each ticket (its CCs, its comment ids, its latest comment). Every ${ccEvery}th ticket has an unconsented CC to strip; the rest need nothing. Drain time runs from the first send until every inbox row is processed and no job is pending. Latency is each row's received_at to processed_at.`,
    '',
    '| engine | budget | webhooks | send s | drain s | processed/s | accepted/s (same run) | processed as % of accepted | p50 / p99 ms | CC-removal p50 / p99 ms | calls per no-op event | calls per CC removal | vendor calls | budget floor s | CCs left | failed jobs | processed |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    'The baseline measured in the same run is intake: "accepted/s" is how fast the same service accepted the same webhooks while processing them, so "processed as % of accepted" says whether processing keeps up with intake whatever the load on the host. The issue\'s absolute targets (250/s, 60/s) assume an otherwise idle 2-core machine.',
    '',
    `"Budget floor" is the time the default budget (Zendesk 400/min plan x RATE_BUDGET_SHARE 0.5 = 200 calls/min; a 20-call burst, then 3 calls/s) needs for the calls the burst made.`,
    '',
    '## Targets (issue 16)',
    '',
    `- PostgreSQL, budget lifted, >= ${TARGETS.postgresPerSecond} webhooks/s: ${verdict(pgLifted && pgLifted.perSecond >= TARGETS.postgresPerSecond)}${pgLifted ? ` (${f(pgLifted.perSecond, 1)}/s)` : ''}.`,
    `- PGlite, budget lifted, >= ${TARGETS.pglitePerSecond} webhooks/s: ${verdict(pgliteLifted && pgliteLifted.perSecond >= TARGETS.pglitePerSecond)}${pgliteLifted ? ` (${f(pgliteLifted.perSecond, 1)}/s)` : ''}. Before this work: 3.9/s (600 webhooks in 152 s, issue 16).`,
    `- No CC left unstripped, no job lost or failed: ${verdict(results.length > 0 && results.every((r) => r.ccsLeft === 0 && r.processed === r.webhooks && r.failedJobs === 0))}.`,
    `- 0 vendor calls per no-op ticket event, 1 per CC removal: ${verdict(results.length > 0 && results.every((r) => r.callsPerNoop === 0 && r.callsPerRemoval === 1))}.`,
    `- Default budget: a ${args.burst}-event burst drains within the time the budget allows (or, with few calls, within the lifted-budget processing time): ${burst ? `${f(burst.drainSeconds, 1)} s for ${burst.totalCalls} calls, floor ${f(burst.budgetFloorSeconds, 1)} s` : 'not run'}.`,
    '',
    'Not measured here: erasure and access-export call counts per vendor (see the issue note: the user reads before the two user deletions were removed; the rest was not changed).',
    '',
    '## Vendor calls by endpoint',
    '',
    ...[...endpoints.entries()].map(([e, n]) => `- ${e}: ${n}`),
    '',
  ].join('\n');
}

/** The server part of a connection string, without any password. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

async function main() {
  const machine = describeMachine();
  const pgVersion = engines.includes('postgres') ? await postgresServerVersion(args['database-url']!) : undefined;
  const results: RunResult[] = [];
  for (const engine of engines) results.push(await runOnce({ engine, budget: 'lifted', webhooks: Number(args[`webhooks-${engine}`]) }));
  if (engines.includes('postgres') && Number(args.burst) > 0) results.push(await runOnce({ engine: 'postgres', budget: 'default', webhooks: Number(args.burst) }));
  const markdown = report(results, machine, pgVersion);
  if (!args['no-write']) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(RESULTS_PATH, `${markdown}\n`);
    replaceMarkedSection(SUMMARY_PATH, 'drain', markdown.replace('# Drain benchmark', '## Drain (bench/drain)'), '# Benchmark results\n');
  }
  process.stdout.write(`${markdown}\n`);
  const broken = results.filter((r) => r.ccsLeft > 0 || r.processed !== r.webhooks || r.failedJobs > 0);
  if (broken.length > 0) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
