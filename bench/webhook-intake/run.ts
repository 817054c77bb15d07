/**
 * Signed Zendesk webhook intake under load, against a bare Express JSON echo on the same machine.
 *
 *   npx tsx bench/webhook-intake/run.ts [--duration 10] [--engines pglite,postgres] [--rounds 1]
 *       [--connections 50] [--rate 500] [--rate-connections 10] [--database-url postgres://...] [--no-write]
 *
 * Each target runs in its own child process (server.ts); this process only generates load.
 * Per target: a warm-up, a full-load phase (`--connections` at once, as fast as they get answers)
 * and a fixed-rate phase (`--rate` requests/s). Every request is a distinct, validly signed
 * delivery, so the middleware accepts and persists each one with its job; after each phase the
 * inbox and job counts must equal the 2xx count and there must be no non-2xx, error or timeout.
 * With `--rounds N` the whole sequence (echo, then each engine) runs N times, so drift on a shared
 * host hits baseline and middleware alike; targets are judged on the medians across rounds and
 * every round's figures are listed.
 * Exits 1 when a verification fails; missing a performance target is reported, not fatal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { cpuPressure, describeMachine, formatLoadAverage, machineMarkdown, postgresServerVersion } from '../lib/machine.js';
import { createScratchPostgresDatabase, type ScratchPostgresDatabase } from '../lib/scratch-postgres-database.js';
import { replaceMarkedSection } from '../lib/results-file.js';
import { PostgresBackendCpu } from '../lib/process-cpu.js';
import { SignedDeliveries } from './signed-deliveries.js';
import type { ChildMessage, ParentMessage } from './server.js';

const SERVER_PATH = fileURLToPath(new URL('./server.ts', import.meta.url));
const RESULTS_PATH = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
const SUMMARY_PATH = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEBHOOK_SECRET = 'bench-webhook-secret-not-used-anywhere-else';
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
const WARMUP_REQUESTS = 500;

/** The issue's targets for PostgreSQL intake. */
const TARGETS = { postgresAcceptedPerSecond: 2_000, postgresShareOfEcho: 0.3, p99AtFixedRateMs: 25 };

type Engine = 'pglite' | 'postgres';
type TargetName = 'echo' | Engine;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    engines: { type: 'string', default: 'pglite,postgres' },
    connections: { type: 'string', default: '50' },
    rate: { type: 'string', default: '500' },
    'rate-connections': { type: 'string', default: '10' },
    'database-url': { type: 'string', default: process.env.DATABASE_URL || DEFAULT_DATABASE_URL },
    rounds: { type: 'string', default: '1' },
    'no-write': { type: 'boolean', default: false },
  },
});
const rounds = Number(args.rounds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 9) throw new Error('--rounds must be a whole number from 1 to 9');
const durationSeconds = Number(args.duration);
const connections = Number(args.connections);
const fixedRate = Number(args.rate);
const rateConnections = Number(args['rate-connections']);
const adminDatabaseUrl = args['database-url']!;
const engines = args.engines!.split(',').map((e) => e.trim()).filter(Boolean) as Engine[];
for (const engine of engines) {
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`--engines: unknown engine "${engine}" (pglite, postgres)`);
}
if (!(durationSeconds > 0) || !(connections > 0) || !(fixedRate > 0) || !(rateConnections > 0)) {
  throw new Error('--duration, --connections, --rate and --rate-connections must be positive numbers');
}

interface PhaseResult {
  name: 'warm-up' | 'full load' | 'fixed rate';
  sent: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Accepted (2xx) responses per second, from the first request to the last response. */
  acceptedPerSecond: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU time of the server process, of the load generator, and busy time of the whole machine, as % of one core. */
  serverCpuPercent: number;
  loadGeneratorCpuPercent: number;
  machineCpuPercent: number;
  /** Server-process CPU per 2xx response, and PostgreSQL-backend CPU per 2xx (PostgreSQL only). */
  serverCpuMicrosPerRequest: number;
  postgresCpuMicrosPerRequest?: number;
  signedDuringLoad: number;
  inboxRowsAdded: number;
  jobsAdded: number;
  /** Verification failures: fail the run. */
  problems: string[];
  /** Reported, not fatal (warm-up only). */
  warnings: string[];
}

interface TargetResult {
  target: TargetName;
  label: string;
  /** Which of the --rounds this result came from (1-based). */
  round?: number;
  skipped?: string;
  phases: PhaseResult[];
}

/** The label with its round, when there are several rounds to tell apart. */
function labelOf(result: TargetResult): string {
  return rounds > 1 && result.round ? `${result.label} (round ${result.round})` : result.label;
}

class BenchServer {
  private constructor(private readonly child: ChildProcess, readonly url: string, readonly engine: string) {}

  static async start(env: NodeJS.ProcessEnv): Promise<BenchServer> {
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the process under load, to see where its time goes.
    const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', SERVER_PATH], { cwd: REPO_ROOT, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`bench server exited with code ${code} before it was ready`)));
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') resolve(message);
      });
    });
    child.removeAllListeners('exit');
    return new BenchServer(child, ready.url, ready.engine);
  }

  stats(): Promise<Extract<ChildMessage, { type: 'stats' }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type !== 'stats') return;
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`bench server exited with code ${code}`));
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send({ type: 'stats' } satisfies ParentMessage);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'stop' } satisfies ParentMessage);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

function machineBusyMicros(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy: busy * 1000, total: total * 1000 };
}

async function runPhase(
  server: BenchServer,
  deliveries: SignedDeliveries,
  name: PhaseResult['name'],
  options: { amount: number; connections: number; overallRate?: number },
  verifyPersistence: boolean,
  backendCpu?: PostgresBackendCpu,
): Promise<PhaseResult> {
  // Enough for every request plus the first build of each connection's request and a spare.
  deliveries.prepare(options.amount + 2 * options.connections);
  const before = await server.stats();
  const loadCpuBefore = process.cpuUsage();
  const machineBefore = machineBusyMicros();
  await backendCpu?.start();
  let firstSend = 0;
  let lastResponse = 0;
  const instance = autocannon({
    url: server.url,
    connections: options.connections,
    amount: options.amount,
    overallRate: options.overallRate,
    // autocannon 8 corrects with an expected interval of ceil(1/rate) ms (1 ms at any rate), which
    // inflates the sample count with synthetic values; measured latencies are reported as they are.
    ...(options.overallRate ? { ignoreCoordinatedOmission: true } : {}),
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/webhooks/zendesk',
        setupRequest: (request) => {
          const delivery = deliveries.next();
          return { ...request, headers: delivery.headers, body: delivery.body };
        },
      },
    ],
  });
  instance.on('start', () => {
    firstSend = performance.now();
  });
  instance.on('response', () => {
    lastResponse = performance.now();
  });
  const result = await instance;
  const postgresCpuMicros = await backendCpu?.stop();
  const loadCpu = process.cpuUsage(loadCpuBefore);
  const machineAfter = machineBusyMicros();
  const after = await server.stats();
  const seconds = Math.max((lastResponse - firstSend) / 1000, 1e-3);
  const problems: string[] = [];
  const warnings: string[] = [];
  const inboxRowsAdded = after.inboxRows - before.inboxRows;
  const jobsAdded = after.webhookJobs - before.webhookJobs;
  // A slow warm-up (first queries, JIT) is reported but only fails the run when data was lost.
  const clientSide = name === 'warm-up' ? warnings : problems;
  if (result.non2xx > 0) clientSide.push(`${result.non2xx} non-2xx responses (${JSON.stringify(result.statusCodeStats)})`);
  if (result.errors > 0) clientSide.push(`${result.errors} errors, of which ${result.timeouts} client timeouts (10 s)`);
  if (result['2xx'] !== options.amount) clientSide.push(`${result['2xx']} 2xx responses for ${options.amount} requests`);
  if (verifyPersistence) {
    // Fewer rows than 2xx is a lost webhook; more rows than 2xx are requests the client gave up on
    // (timeouts) that the server still persisted, which Zendesk would retry as duplicates.
    if (inboxRowsAdded < result['2xx']) problems.push(`LOST: ${inboxRowsAdded} inbox rows for ${result['2xx']} 2xx responses`);
    else if (inboxRowsAdded > result['2xx']) clientSide.push(`${inboxRowsAdded} inbox rows for ${result['2xx']} 2xx responses (timed-out requests were persisted)`);
    if (jobsAdded !== inboxRowsAdded) problems.push(`${jobsAdded} webhook-event jobs for ${inboxRowsAdded} inbox rows`);
  }
  const wallMicros = seconds * 1e6;
  return {
    name,
    sent: result.requests.sent,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    acceptedPerSecond: result['2xx'] / seconds,
    seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    serverCpuPercent: ((after.cpuMicros - before.cpuMicros) / wallMicros) * 100,
    loadGeneratorCpuPercent: ((loadCpu.user + loadCpu.system) / wallMicros) * 100,
    // os.cpus() counts ticks over all cores; expressed here as % of one core like the others.
    machineCpuPercent: ((machineAfter.busy - machineBefore.busy) / Math.max(machineAfter.total - machineBefore.total, 1)) * os.cpus().length * 100,
    serverCpuMicrosPerRequest: (after.cpuMicros - before.cpuMicros) / Math.max(result['2xx'], 1),
    postgresCpuMicrosPerRequest: postgresCpuMicros === undefined ? undefined : postgresCpuMicros / Math.max(result['2xx'], 1),
    signedDuringLoad: deliveries.signedDuringLoad,
    inboxRowsAdded,
    jobsAdded,
    problems,
    warnings,
  };
}

function middlewareEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    ZENDESK_BASE_URL: 'http://127.0.0.1:9/zendesk',
    ZENDESK_EMAIL: 'bench@example.com',
    ZENDESK_API_TOKEN: 'bench-api-token',
    ZENDESK_WEBHOOK_SECRETS: WEBHOOK_SECRET,
    ZENDESK_APP_PUBLIC_KEY: 'unused-in-this-benchmark',
    ZENDESK_APP_AUDIENCE: 'https://bench.zendesk.com/api/v2/apps/installations/1.json',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdefghijklmnop',
    AUDIT_KEY: 'bench-audit-key-0123456789abcdefghijklmnopqrstuv',
    WORKERS_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

async function benchmarkTarget(target: TargetName, estimateFrom?: number): Promise<TargetResult> {
  const label = target === 'echo' ? 'bare Express JSON echo' : target === 'pglite' ? 'middleware on PGlite' : 'middleware on PostgreSQL';
  let scratch: ScratchPostgresDatabase | undefined;
  let dataDir: string | undefined;
  let env: NodeJS.ProcessEnv;
  if (target === 'echo') env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', BENCH_TARGET: 'echo' };
  else if (target === 'pglite') {
    dataDir = mkdtempSync(join(tmpdir(), 'bench-intake-'));
    env = middlewareEnvironment({ DATA_DIR: dataDir, BENCH_TARGET: 'middleware' });
  } else {
    try {
      scratch = await createScratchPostgresDatabase(adminDatabaseUrl, 'bench_intake');
    } catch (error) {
      const reason = `PostgreSQL unreachable at ${redact(adminDatabaseUrl)} (${(error as Error).message}); pass --database-url or set DATABASE_URL`;
      console.log(`\n== ${label}: skipped: ${reason}`);
      return { target, label, skipped: reason, phases: [] };
    }
    dataDir = mkdtempSync(join(tmpdir(), 'bench-intake-'));
    env = middlewareEnvironment({ DATABASE_URL: scratch.url, DATA_DIR: dataDir, BENCH_TARGET: 'middleware' });
  }
  console.log(`\n== ${label}`);
  const server = await BenchServer.start(env);
  const backendCpu = scratch ? await PostgresBackendCpu.connect(adminDatabaseUrl, new URL(scratch.url).pathname.slice(1)) : undefined;
  const deliveries = new SignedDeliveries(WEBHOOK_SECRET);
  const verify = target !== 'echo';
  const phases: PhaseResult[] = [];
  try {
    const warmup = await runPhase(server, deliveries, 'warm-up', { amount: WARMUP_REQUESTS, connections }, verify, backendCpu);
    report(warmup);
    phases.push(warmup);
    // Size the full-load phase so it lasts about --duration at the rate the warm-up reached (or the
    // echo reached, whichever is lower): a fixed amount lets every response arrive before counting.
    const rate = Math.min(warmup.acceptedPerSecond * 1.2, estimateFrom ?? Infinity);
    const full = await runPhase(server, deliveries, 'full load', { amount: Math.max(1_000, Math.round(rate * durationSeconds)), connections }, verify, backendCpu);
    report(full);
    phases.push(full);
    // A server slower than --rate would stretch this phase far past --duration: cap the amount at
    // what it answered at full load, so an overloaded phase still ends in about --duration.
    const fixedAmount = Math.round(Math.min(fixedRate, full.acceptedPerSecond * 1.2) * durationSeconds);
    const fixed = await runPhase(server, deliveries, 'fixed rate', { amount: Math.max(fixedAmount, 200), connections: rateConnections, overallRate: fixedRate }, verify, backendCpu);
    report(fixed);
    phases.push(fixed);
  } finally {
    await backendCpu?.close();
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await scratch?.drop().catch((error: Error) => console.warn(`could not drop the scratch database: ${error.message}`));
  }
  return { target, label, phases };
}

function report(phase: PhaseResult): void {
  const verdict = [phase.problems.length === 0 ? 'ok' : `FAILED: ${phase.problems.join('; ')}`, ...phase.warnings.map((w) => `warning: ${w}`)].join('; ');
  console.log(
    `  ${phase.name.padEnd(10)} ${phase.ok2xx} x 2xx in ${phase.seconds.toFixed(2)} s = ${fmt(phase.acceptedPerSecond)} req/s, ` +
      `p50 ${phase.p50Ms} ms, p99 ${phase.p99Ms} ms, max ${phase.maxMs} ms; CPU server ${phase.serverCpuPercent.toFixed(0)}%, ` +
      `load generator ${phase.loadGeneratorCpuPercent.toFixed(0)}%, machine ${phase.machineCpuPercent.toFixed(0)}% of one core; ` +
      `CPU per 2xx: server ${phase.serverCpuMicrosPerRequest.toFixed(0)} µs${phase.postgresCpuMicrosPerRequest === undefined ? '' : ` + PostgreSQL ${phase.postgresCpuMicrosPerRequest.toFixed(0)} µs`}; ` +
      `inbox +${phase.inboxRowsAdded}, jobs +${phase.jobsAdded}; ${verdict}`,
  );
  if (phase.signedDuringLoad > 0) console.log(`  (${phase.signedDuringLoad} deliveries had to be signed during the phase)`);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function phaseOf(result: TargetResult, name: PhaseResult['name']): PhaseResult | undefined {
  return result.phases.find((p) => p.name === name);
}

function figuresTable(results: TargetResult[]): string {
  const echoFull = phaseOf(results[0]!, 'full load');
  const rows = results.map((r) => {
    if (r.skipped) return `| ${labelOf(r)} | skipped | | | | | | | | |`;
    const full = phaseOf(r, 'full load')!;
    const fixed = phaseOf(r, 'fixed rate')!;
    const share = r.target === 'echo' || !echoFull ? '100% (baseline)' : `${((full.acceptedPerSecond / echoFull.acceptedPerSecond) * 100).toFixed(0)}%`;
    return `| ${labelOf(r)} | ${fmt(full.acceptedPerSecond)} | ${share} | ${full.p50Ms} / ${full.p99Ms} | ${fixed.p50Ms} / ${fixed.p99Ms} | ${fmt(fixed.acceptedPerSecond)} | ${full.serverCpuPercent.toFixed(0)}% / ${full.loadGeneratorCpuPercent.toFixed(0)}% / ${full.machineCpuPercent.toFixed(0)}% | ${cpuPerRequest(full)} | ${fmt(cpuCeiling(full))} | ${r.phases.every((p) => p.problems.length === 0) ? 'yes' : 'NO'} |`;
  });
  return [
    `| target | max throughput (2xx/s, ${connections} conns) | share of bare Express | p50 / p99 ms at full load | p50 / p99 ms at ${fixedRate} req/s | achieved req/s in fixed-rate phase | CPU at full load: server / load gen / machine (% of one core) | CPU µs per 2xx at full load: server (+ PostgreSQL) | CPU-bound ceiling, 2xx/s (estimate) | every request 2xx and persisted |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

function cpuPerRequest(phase: PhaseResult): string {
  return `${phase.serverCpuMicrosPerRequest.toFixed(0)}${phase.postgresCpuMicrosPerRequest === undefined ? '' : ` + ${phase.postgresCpuMicrosPerRequest.toFixed(0)}`}`;
}

/**
 * What the CPU cost per request allows when nothing else competes for the cores and the load
 * generator runs elsewhere: the Node process is one thread, so at most one core for it, and the
 * machine's cores in total for it plus PostgreSQL. An estimate, not a measurement.
 */
function cpuCeiling(phase: PhaseResult): number {
  const server = Math.max(phase.serverCpuMicrosPerRequest, 1);
  const total = server + (phase.postgresCpuMicrosPerRequest ?? 0);
  return Math.min(1e6 / server, (os.cpus().length * 1e6) / total);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Each round's results for `target`, with its full-load and fixed-rate phases. */
function measured(allRounds: TargetResult[][], target: TargetName) {
  return allRounds
    .map((results) => results.find((r) => r.target === target && !r.skipped))
    .filter((r): r is TargetResult => r !== undefined)
    .map((r) => ({ result: r, full: phaseOf(r, 'full load')!, fixed: phaseOf(r, 'fixed rate')! }));
}

/** The round whose full-load throughput is the median, per target: the row the summary table shows. */
function medianRows(allRounds: TargetResult[][]): TargetResult[] {
  return allRounds[0]!.map((first) => {
    const runs = measured(allRounds, first.target);
    if (runs.length === 0) return first;
    const byRate = [...runs].sort((a, b) => a.full.acceptedPerSecond - b.full.acceptedPerSecond);
    return byRate[Math.floor((byRate.length - 1) / 2)]!.result;
  });
}

function targetVerdicts(allRounds: TargetResult[][]): string[] {
  const echo = measured(allRounds, 'echo');
  const postgres = measured(allRounds, 'postgres');
  if (postgres.length === 0 || echo.length !== postgres.length) return ['PostgreSQL was not measured in this run, so its targets were not checked.'];
  const of = allRounds.length > 1 ? ` (median of ${allRounds.length} rounds)` : '';
  const rate = median(postgres.map((p) => p.full.acceptedPerSecond));
  const share = median(postgres.map((p, i) => p.full.acceptedPerSecond / echo[i]!.full.acceptedPerSecond));
  const p99 = median(postgres.map((p) => p.fixed.p99Ms));
  const slowest = Math.min(...postgres.map((p) => p.fixed.acceptedPerSecond));
  const rateReached = slowest >= fixedRate * 0.95;
  const lines = [
    `PostgreSQL ≥ ${fmt(TARGETS.postgresAcceptedPerSecond)} accepted webhooks/s: ${fmt(rate)}/s${of}, ${rate >= TARGETS.postgresAcceptedPerSecond ? 'met' : 'NOT met'}.`,
    `PostgreSQL ≥ ${TARGETS.postgresShareOfEcho * 100}% of bare Express: PostgreSQL intake = ${(share * 100).toFixed(0)}% of bare Express${of}, ${share >= TARGETS.postgresShareOfEcho ? 'met' : 'NOT met'}.`,
    `PostgreSQL p99 < ${TARGETS.p99AtFixedRateMs} ms at ${fixedRate} req/s: ${p99} ms${of}, ${p99 < TARGETS.p99AtFixedRateMs && rateReached ? 'met' : 'NOT met'}` +
      (rateReached ? '.' : ` (the server only answered ${fmt(slowest)} req/s in one round, so that phase measured an overloaded server, not ${fixedRate} req/s).`),
  ];
  const pglite = measured(allRounds, 'pglite');
  if (pglite.length > 0) {
    lines.push(`(PGlite, no target: p99 at ${fixedRate} req/s = ${median(pglite.map((p) => p.fixed.p99Ms))} ms, ${fmt(median(pglite.map((p) => p.full.acceptedPerSecond)))} accepted/s at full load${of}.)`);
  }
  return lines;
}

/** One line per round, so the spread behind the medians is visible. */
function roundsTable(allRounds: TargetResult[][]): string {
  const targets = allRounds[0]!.filter((r) => !r.skipped);
  const header = `| round | ${targets.map((t) => `${t.label}: 2xx/s at full load`).join(' | ')} | PostgreSQL share of bare Express | PostgreSQL p99 ms at ${fixedRate} req/s |`;
  const rows = allRounds.map((results, i) => {
    const echo = results.find((r) => r.target === 'echo');
    const pg = results.find((r) => r.target === 'postgres' && !r.skipped);
    const rates = targets.map((t) => fmt(phaseOf(results.find((r) => r.target === t.target)!, 'full load')?.acceptedPerSecond ?? 0));
    const share = pg && echo ? `${((phaseOf(pg, 'full load')!.acceptedPerSecond / phaseOf(echo, 'full load')!.acceptedPerSecond) * 100).toFixed(0)}%` : '—';
    const p99 = pg ? String(phaseOf(pg, 'fixed rate')!.p99Ms) : '—';
    return `| ${i + 1} | ${rates.join(' | ')} | ${share} | ${p99} |`;
  });
  return [header, `|---|${targets.map(() => '---:').join('|')}|---:|---:|`, ...rows].join('\n');
}

function phaseDetails(results: TargetResult[]): string {
  const lines = ['| target | phase | requests | seconds | 2xx/s | p50 ms | p99 ms | max ms | server CPU | load gen CPU | machine CPU | CPU µs per 2xx: server (+ PostgreSQL) | inbox rows added | jobs added | problems (warnings do not fail the run) |', '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|'];
  for (const r of results) {
    for (const p of r.phases) {
      lines.push(
        `| ${labelOf(r)} | ${p.name} | ${p.ok2xx} | ${p.seconds.toFixed(2)} | ${fmt(p.acceptedPerSecond)} | ${p.p50Ms} | ${p.p99Ms} | ${p.maxMs} | ${p.serverCpuPercent.toFixed(0)}% | ${p.loadGeneratorCpuPercent.toFixed(0)}% | ${p.machineCpuPercent.toFixed(0)}% | ${cpuPerRequest(p)} | ${r.target === 'echo' ? '—' : p.inboxRowsAdded} | ${r.target === 'echo' ? '—' : p.jobsAdded} | ${[...p.problems, ...p.warnings.map((w) => `(warning) ${w}`)].join('; ') || 'none'} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main() {
  const machine = describeMachine();
  const startedAt = new Date();
  const postgresVersion = engines.includes('postgres') ? await postgresServerVersion(adminDatabaseUrl) : undefined;
  const command = `npx tsx bench/webhook-intake/run.ts ${process.argv.slice(2).join(' ')}`.trim();
  console.log(`webhook intake benchmark, ${startedAt.toISOString()}, load average ${formatLoadAverage(machine.loadAverage)} on ${machine.cores} cores`);
  const allRounds: TargetResult[][] = [];
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) console.log(`\n#### round ${round} of ${rounds}`);
    const roundResults: TargetResult[] = [];
    const echo = await benchmarkTarget('echo');
    roundResults.push(echo);
    const echoRate = phaseOf(echo, 'full load')?.acceptedPerSecond;
    for (const engine of engines) roundResults.push(await benchmarkTarget(engine, echoRate));
    for (const r of roundResults) r.round = round;
    allRounds.push(roundResults);
  }
  const results = medianRows(allRounds);
  const loadAtEnd = os.loadavg();
  const pressureAtEnd = cpuPressure();

  const table = figuresTable(results) + (rounds > 1 ? `\n\nThe rows above are each target's median round. Every round:\n\n${roundsTable(allRounds)}` : '');
  const verdicts = targetVerdicts(allRounds);
  const failures = allRounds.flat().flatMap((r) => r.phases.flatMap((p) => p.problems.map((problem) => `${labelOf(r)}, ${p.name}: ${problem}`)));
  console.log(`\n${table}\n\n${verdicts.join('\n')}`);

  const setup = [
    `- Date: ${startedAt.toISOString()}`,
    machineMarkdown(machine, postgresVersion),
    `- Load average at end: ${formatLoadAverage(loadAtEnd)}${pressureAtEnd === undefined ? '' : `; CPU pressure ${pressureAtEnd.toFixed(0)}%`}.`,
    `- Command: \`${command}\``,
  ].join('\n');
  const method = [
    `Each target runs alone in a child process (\`bench/webhook-intake/server.ts\`); autocannon 8 runs in the parent. The middleware`,
    'is the real `startService` with job workers off, `LOG_LEVEL=warn`, one webhook secret and no product modules (they only add routes',
    'behind the webhook route). Every request is a distinct ticket-trigger delivery with a fresh timestamp, its own',
    '`X-Zendesk-Webhook-Invocation-Id` and a valid signature, signed before the phase starts. Per target: a warm-up of',
    `${fmt(WARMUP_REQUESTS)} requests; a full-load phase of ${connections} connections sized to last about ${durationSeconds} s; a fixed-rate phase of`,
    `${fmt(fixedRate * durationSeconds)} requests (fewer when the server is slower than that) at autocannon \`overallRate\` ${fixedRate}/s over ${rateConnections} connections. Phases send a fixed amount so`,
    'that every response is in before counting: after each phase the inbox rows and `webhook-event` jobs added must equal the 2xx count.',
    'Throughput is 2xx responses divided by the time from the first request to the last response. CPU columns are % of one core',
    `(the machine has ${machine.cores}; "machine" includes PostgreSQL and everything else running on the host). PostgreSQL CPU is the`,
    'user + system time of the backends serving the benchmark database, read from /proc. The CPU-bound ceiling is an estimate:',
    'min(1 core / server CPU per request, all cores / (server + PostgreSQL CPU per request)); CPU time per request is itself',
    'inflated on a contended host (context switches, cold caches) and the ceiling ignores commit latency.',
    ...(rounds > 1
      ? [`The whole sequence (echo, then each engine) ran ${rounds} times in turn; the summary rows are each target's median round,`, 'and the targets are judged on the medians across rounds (throughput, share of the same round\'s echo, p99).']
      : []),
    '',
    'Caveats: the load generator, the server and PostgreSQL share the same cores, so full-load figures are a lower bound of what',
    'the middleware does on its own machine. autocannon\'s rate limiting lets each connection send its per-second quota back to back at',
    'the start of each second, so the fixed-rate phase is bursty (up to the connection count in flight), and its coordinated-omission',
    'correction is off (it uses a 1 ms expected interval in autocannon 8), so queueing before a request is sent is not counted.',
  ].join('\n');

  const detailMarkdown = [
    `## Run ${startedAt.toISOString()}`,
    '',
    setup,
    '',
    table,
    '',
    'Targets from the issue:',
    '',
    ...verdicts.map((v) => `- ${v}`),
    '',
    failures.length === 0 ? `Verification: no webhook lost (inbox rows ≥ 2xx, one job per row in every phase); in the measured phases no non-2xx, error or timeout and rows = 2xx exactly.${allRounds.flat().some((r) => r.phases.some((p) => p.warnings.length > 0)) ? ' Warm-up warnings are listed under Phases.' : ''}` : `Verification FAILED: ${failures.join('; ')}`,
    '',
    '### Phases',
    '',
    phaseDetails(allRounds.flat()),
    '',
    '### Method',
    '',
    method,
  ].join('\n');

  if (!args['no-write']) {
    replaceMarkedSection(
      RESULTS_PATH,
      'latest-run',
      detailMarkdown,
      '# Webhook intake benchmark\n\nWritten by `npx tsx bench/webhook-intake/run.ts` (the latest run replaces the section below).\n',
    );
    replaceMarkedSection(
      SUMMARY_PATH,
      'webhook-intake',
      [
        '## Webhook intake',
        '',
        `Signed \`POST /webhooks/zendesk\` against a bare Express JSON echo; details in [webhook-intake/RESULTS.md](webhook-intake/RESULTS.md).`,
        '',
        setup,
        '',
        table,
        '',
        ...verdicts.map((v) => `- ${v}`),
      ].join('\n'),
      SUMMARY_HEADER,
    );
    ensureSummaryLinks();
    console.log(`\nWrote ${RESULTS_PATH} and the webhook-intake section of ${SUMMARY_PATH}.`);
  }
  if (failures.length > 0) {
    console.error(`\nVerification failed:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}

const SUMMARY_HEADER = [
  '# Benchmark results',
  '',
  'Every benchmark in `bench/`, run one after another by `npm run bench` (`bench/run-all.ts`). Each section is written by its',
  'benchmark; figures come from a shared 2-core host unless a section says otherwise, so compare runs with their load average.',
  '',
].join('\n');

/** Keeps the links to the benchmarks other people own, whether or not they have run yet. */
function ensureSummaryLinks(): void {
  replaceMarkedSection(
    SUMMARY_PATH,
    'other-benchmarks',
    [
      '## Other benchmarks',
      '',
      '- Redaction detectors (precision/recall and throughput): [redaction/RESULTS.md](redaction/RESULTS.md)',
      '- Retention sweep: [retention-sweep/RESULTS.md](retention-sweep/RESULTS.md)',
    ].join('\n'),
    SUMMARY_HEADER,
  );
}


main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
