/**
 * `npm run cli -- sweep ...`: the retention sweep from a terminal.
 *
 *   sweep [--dry-run]                 dry run: a new preview with counts per outcome
 *   sweep --approve <preview id>      approve a pending preview and erase in this process
 *   sweep --resume                    finish an interrupted dry run or approved run (assumes the
 *                                     runner that was interrupted is gone: its claims are taken over)
 *   --sandbox [--size N] [--seed S]   against a freshly seeded in-process sandbox (no account needed);
 *                                     with --sandbox, `--approve` alone approves the preview just made
 *   --full-scan                       candidates from the incremental user export (every user)
 *   --json                            print the preview as JSON
 *   --erasure-module <path>           development only: take erasePerson from this module
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { createVendorClients, type AppContext } from '../app-context.js';
import { loadConfig, type Config } from '../config.js';
import { JobQueue } from '../jobs/queue.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { loadProfile } from '../policy/load-profile.js';
import { TalkdeskCallsReport } from '../connectors/talkdesk/calls-report.js';
import { AuditLedger } from '../store/audit-ledger.js';
import { openDatabase } from '../store/open-database.js';
import { unknownCallActivity, type CallActivitySource } from './call-activity.js';
import { loadErasePerson, type ErasePerson } from './erasure-port.js';
import { approvePreview, runRemainingBatches, type BatchResult } from './erasure-run.js';
import { getPreview, unfinishedPreviews, type PreviewRecord } from './preview-store.js';
import { previewResponse } from './retention-routes.js';
import { scheduleFollowUp } from './retention-module.js';
import { createPreview, scanPreview, type ScanProgress } from './sweep-scan.js';

export interface SweepArguments {
  dryRun: boolean;
  approve: string | true | undefined;
  resume: boolean;
  sandbox: boolean;
  size: number;
  seed: string;
  fullScan: boolean;
  json: boolean;
  erasureModule?: string;
}

export function parseSweepArguments(argv: readonly string[]): SweepArguments {
  const args: SweepArguments = { dryRun: false, approve: undefined, resume: false, sandbox: false, size: 2000, seed: 'retention-demo', fullScan: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      i++;
      return next;
    };
    if (arg === '--dry-run') args.dryRun = true;
    else if (arg === '--approve') args.approve = argv[i + 1] && !argv[i + 1]!.startsWith('--') ? value() : true;
    else if (arg === '--resume') args.resume = true;
    else if (arg === '--sandbox') args.sandbox = true;
    else if (arg === '--size') args.size = Number(value());
    else if (arg === '--seed') args.seed = value();
    else if (arg === '--full-scan') args.fullScan = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--erasure-module') args.erasureModule = value();
    else throw new UsageError(`Unknown option ${arg}.`);
  }
  if (!Number.isInteger(args.size) || args.size < 1) throw new UsageError('--size must be a positive whole number.');
  if (args.approve === true && !args.sandbox) throw new UsageError('--approve needs the preview id (from a dry run), e.g. --approve 5f0c...');
  return args;
}

/** Wrong command-line use; the CLI prints the message and the usage and exits 64. */
export class UsageError extends Error {}

/** A seeded sandbox for `--sandbox`, started by the CLI entry (production code never imports the sandbox). */
export interface SweepSandbox {
  /** Vendor URLs and credentials pointing at it. */
  env: Record<string, string>;
  banner: string;
  close(): Promise<void>;
}
export type StartSweepSandbox = (options: { seed: string; size: number }) => Promise<SweepSandbox>;

/** Where the sweep learns Talkdesk call activity (C14): the calls report when Talkdesk is connected. */
export function callActivityFor(ctx: AppContext): CallActivitySource {
  return ctx.vendors.talkdesk ? new TalkdeskCallsReport(ctx.vendors.talkdesk, { lookbackMonths: ctx.profile.retention.windowMonths, now: ctx.now }) : unknownCallActivity;
}

/** A context for running retention outside the service (CLI, benchmark). */
export async function retentionContext(config: Config, logger: Logger, now: () => Date = () => new Date()): Promise<{ ctx: AppContext; close: () => Promise<void> }> {
  const profile = loadProfile(config.policyProfile);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const queue = await JobQueue.start(db, logger);
  const ctx: AppContext = { config, db, queue, logger, profile, now, vendors: createVendorClients(config), audit: new AuditLedger(db, config.auditKey, now) };
  return {
    ctx,
    close: async () => {
      await queue.stop(1_000).catch(() => undefined);
      await db.close();
    },
  };
}

function progressReporter(out: NodeJS.WriteStream, label: string) {
  if (out.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} {bar} {value} people evaluated | due {due} held {held} blocked {blocked} elsewhere {elsewhere}`, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      scan(p: ScanProgress) {
        const payload = { due: p.counts.due, held: p.counts.held, blocked: p.counts.blocked, elsewhere: p.counts.active_elsewhere };
        if (!started) {
          bar.start(Math.max(p.processed, 1), p.processed, payload);
          started = true;
        }
        bar.setTotal(Math.max(p.processed, 1));
        bar.update(p.processed, payload);
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastLine = '';
  return {
    scan(p: ScanProgress) {
      const line = `${label}: scanned ${p.scanned}, evaluated ${p.processed} (due ${p.counts.due}, held ${p.counts.held}, blocked ${p.counts.blocked}, active elsewhere ${p.counts.active_elsewhere}, not due ${p.counts.not_due})`;
      if (line !== lastLine) out.write(`${line}\n`);
      lastLine = line;
    },
    stop: () => undefined,
  };
}

function printPreview(out: NodeJS.WritableStream, preview: PreviewRecord): void {
  const c = preview.counts;
  out.write(
    [
      `Preview ${preview.id} (${preview.status}), profile ${preview.profileId}, mode ${preview.mode}, cutoff ${preview.cutoff.toISOString().slice(0, 10)}`,
      `  due ${c.due}  held ${c.held}  blocked ${c.blocked}  active elsewhere ${c.active_elsewhere}  not due ${c.not_due}  (users scanned ${preview.scanned}, evaluated ${preview.processed})`,
      ...(preview.summary ? [`  run: erased ${preview.summary.erased}, refused ${preview.summary.refused ?? 0}, held ${preview.summary.held}, blocked ${preview.summary.blocked}, failed ${preview.summary.failed} in ${preview.summary.batches} batch(es)`] : []),
      ...(preview.status === 'running' ? ['  erasure requests are still running: the service\'s request-step workers finish them, and its follow-up (queued now) marks the run done'] : []),
      '',
    ].join('\n'),
  );
}

function batchLine(b: BatchResult): string {
  return `batch ${b.batchNo}: erasures started ${b.started}, erased ${b.erased}, refused ${b.refused}, held ${b.held}, blocked ${b.blocked}, failed ${b.failed}\n`;
}

async function erasureFrom(args: SweepArguments): Promise<ErasePerson> {
  if (!args.erasureModule) return loadErasePerson();
  const loaded = (await import(pathToFileURL(resolve(args.erasureModule)).href)) as { erasePerson?: ErasePerson };
  if (typeof loaded.erasePerson !== 'function') throw new UsageError(`${args.erasureModule} does not export erasePerson.`);
  return loaded.erasePerson;
}

/**
 * The CLI's batches only start erasure requests; their steps run in the service's workers after
 * this process exits. A run not yet done gets the service's follow-up chain (follow-up 0, due now),
 * which records the requests' outcomes and marks the run done.
 */
async function handRunToService(ctx: AppContext, preview: PreviewRecord): Promise<void> {
  if (preview.status === 'approved' || preview.status === 'running') await scheduleFollowUp(ctx, preview.id, 0, 0);
}

/** Runs the sweep command; returns the exit code. */
export async function sweepCommand(
  argv: readonly string[],
  io: { out: NodeJS.WriteStream; err: NodeJS.WritableStream; env: NodeJS.ProcessEnv },
  deps: { startSandbox?: StartSweepSandbox } = {},
): Promise<number> {
  const args = parseSweepArguments(argv);
  let sandbox: SweepSandbox | undefined;
  let env: NodeJS.ProcessEnv = io.env;
  if (args.sandbox) {
    if (!deps.startSandbox) throw new UsageError('--sandbox is available from the CLI entry only.');
    sandbox = await deps.startSandbox({ seed: args.seed, size: args.size });
    env = { ...io.env, ...sandbox.env, DEMO_MODE: 'true', ...(io.env.DATABASE_URL ? {} : { DATA_DIR: io.env.DATA_DIR ?? `./data/cli-sandbox-${process.pid}` }) };
    io.out.write(`${sandbox.banner}\n`);
  }
  const logger = createLogger({ level: env.LOG_LEVEL ?? 'warn', destination: process.stderr as never });
  // Only the sandboxed run is a demo; against a real account DEMO_MODE is refused as in `npm start`.
  const config = loadConfig(env, undefined, { allowDemoMode: args.sandbox });
  const { ctx, close } = await retentionContext(config, logger);
  const callActivity = callActivityFor(ctx);
  const reporter = progressReporter(io.out, 'Retention dry run');
  try {
    let preview: PreviewRecord | undefined;
    if (args.resume) {
      const open = await unfinishedPreviews(ctx.db);
      if (open.length === 0) io.out.write('Nothing to resume: no dry run or approved run is unfinished.\n');
      for (const item of open) {
        if (item.status === 'scanning') preview = await scanPreview(ctx, item.id, { callActivity, onProgress: (p) => reporter.scan(p) });
        else {
          // The runner that claimed these people is gone (that is why the run is resumed): take its claims over now.
          preview = await runRemainingBatches(ctx, item.id, { erasePerson: await erasureFrom(args), leaseMs: 0, onBatch: (b) => io.out.write(batchLine(b)) });
          await handRunToService(ctx, preview);
        }
        reporter.stop();
        printPreview(io.out, preview);
      }
      return 0;
    }
    if (typeof args.approve === 'string') {
      preview = await getPreview(ctx.db, args.approve);
      if (!preview) throw new UsageError(`No preview ${args.approve}.`);
    } else {
      preview = await createPreview(ctx, { trigger: 'cli', requestedBy: 'cli', strategy: args.fullScan ? 'incremental' : 'search_export' });
      preview = await scanPreview(ctx, preview.id, { callActivity, onProgress: (p) => reporter.scan(p) });
      reporter.stop();
    }
    if (args.approve !== undefined) {
      const erasePerson = await erasureFrom(args);
      const approved = await approvePreview(ctx, preview.id, `cli:${process.env.USER ?? 'operator'}`, { enqueue: false });
      io.out.write(`Approved ${approved.preview.counts.due} due people in ${approved.batches.length} batch(es); erasing (mode ${approved.preview.mode}).\n`);
      preview = await runRemainingBatches(ctx, preview.id, {
        erasePerson,
        onBatch: (b) => io.out.write(batchLine(b)),
      });
      await handRunToService(ctx, preview);
    }
    printPreview(io.out, preview);
    if (args.json) io.out.write(`${JSON.stringify(await previewResponse(ctx, preview), null, 2)}\n`);
    if (preview.status === 'pending_approval') io.out.write(`Nothing was erased. To erase the due people: npm run cli -- sweep --approve ${preview.id}\n`);
    return 0;
  } finally {
    reporter.stop();
    await close();
    await sandbox?.close();
  }
}
