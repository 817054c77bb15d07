import PgBoss from 'pg-boss';
import type { Database, SqlExecutor } from '../store/database.js';
import { jobOutcomesTotal, queueDepth } from '../observability/metrics.js';
import { PrivacyGuardError } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { KindWorker, type JobResult } from './kind-worker.js';
import { withCallPriority } from '../connectors/http/call-priority.js';

export { JOB_KINDS, type JobKind } from './job-kinds.js';
import { JOB_KINDS, type JobKind } from './job-kinds.js';


/** Jobs in flight per kind in one process; kinds not named keep their default. */
export type JobConcurrency = Partial<Record<JobKind, number>>;

export interface JobQueueOptions {
  maintenanceIntervalSeconds?: number;
  concurrency?: JobConcurrency;
  /** How often an idle worker looks for jobs another process enqueued (default 0.5 s). */
  pollingIntervalSeconds?: number;
}
export const DEAD_LETTER_QUEUE = 'dead-letters';

export interface JobContext {
  jobId: string;
  retryCount: number;
  kind: JobKind;
}

export type JobHandler<Data> = (data: Data, context: JobContext) => Promise<unknown>;

/** pg-boss wants `{ executeSql }`; both engines fit behind our SqlExecutor. */
function bossDbFor(sql: SqlExecutor) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await sql.query(text, values ?? []);
      return { rows: result.rows, rowCount: result.rowCount };
    },
  };
}

/**
 * The durable job queue: pg-boss on the product's own database (PGlite or PostgreSQL), so a job
 * is enqueued in the same transaction as the row that caused it.
 */
export class JobQueue {
  private readonly workers = new Map<JobKind, KindWorker<unknown>>();
  private healthy = true;

  private constructor(
    private readonly boss: PgBoss,
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly options: JobQueueOptions,
  ) {}

  static async start(db: Database, logger: Logger, options: JobQueueOptions = {}): Promise<JobQueue> {
    // pg-boss 10 expires stranded active jobs (a worker that died) in its maintenance pass; its
    // option is `maintenanceIntervalSeconds` (default 120 s), not v9's `superviseIntervalSeconds`.
    const boss = new PgBoss({
      db: bossDbFor(db),
      schema: 'pgboss',
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    } as unknown as PgBoss.ConstructorOptions);
    const queue = new JobQueue(boss, db, logger, options);
    boss.on('error', (error: Error) => {
      queue.healthy = false;
      logger.error({ err: { message: error.message } }, 'job queue error');
    });
    await boss.start();
    await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, retryLimit: 0, retentionMinutes: 60 * 24 * 30 } as PgBoss.Queue);
    for (const [kind, policy] of Object.entries(JOB_KINDS)) {
      const settings = {
        name: kind,
        retryLimit: policy.retryLimit,
        retryDelay: policy.retryDelay,
        retryBackoff: policy.retryBackoff,
        expireInSeconds: policy.expireInSeconds,
        deadLetter: DEAD_LETTER_QUEUE,
      } as PgBoss.Queue;
      if (await boss.getQueue(kind)) await boss.updateQueue(kind, settings);
      else await boss.createQueue(kind, settings);
    }
    return queue;
  }

  /** Enqueues inside the caller's transaction: the job exists if and only if the transaction commits. */
  async enqueue(kind: JobKind, data: object, options: { tx?: SqlExecutor; id?: string; singletonKey?: string; startAfterSeconds?: number } = {}): Promise<string | null> {
    const sendOptions: PgBoss.SendOptions & { db?: ReturnType<typeof bossDbFor> } = {};
    if (options.tx) sendOptions.db = bossDbFor(options.tx);
    if (options.id) sendOptions.id = options.id;
    if (options.singletonKey) sendOptions.singletonKey = options.singletonKey;
    if (options.startAfterSeconds) sendOptions.startAfter = options.startAfterSeconds;
    const id = await this.boss.send(kind, data, sendOptions as PgBoss.SendOptions);
    // Inside a transaction the job is invisible until the caller commits; the caller wakes then.
    if (id && !options.tx && !options.startAfterSeconds) this.wake(kind);
    return id;
  }

  /** Jobs of `kind` were committed by this process: its worker fetches now instead of at the next poll. */
  wake(kind: JobKind): void {
    this.workers.get(kind)?.wake();
  }

  /** How many jobs of `kind` this process runs at once. */
  concurrencyOf(kind: JobKind): number {
    return this.options.concurrency?.[kind] ?? JOB_KINDS[kind].concurrency;
  }

  /**
   * Runs `handler` for each job of `kind`, up to its concurrency at a time (see KindWorker). Errors
   * a retry cannot cure go straight to the dead-letter queue; the rest are retried with back-off
   * by pg-boss, which dead-letters them when the retries run out.
   */
  async work<Data>(kind: JobKind, handler: JobHandler<Data>, options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
    if (this.workers.has(kind)) throw new Error(`job queue: ${kind} already has a worker in this process`);
    const policy = JOB_KINDS[kind];
    const run = async (job: PgBoss.JobWithMetadata<Data>): Promise<JobResult> => {
      const context: JobContext = { jobId: job.id, retryCount: job.retryCount, kind };
      try {
        const output = await withCallPriority(policy.callPriority, () => handler(job.data, context));
        jobOutcomesTotal.inc({ kind, outcome: 'completed' });
        return { ok: true, output };
      } catch (error) {
        const curable = !(error instanceof PrivacyGuardError) || error.retryable;
        const lastTry = job.retryCount >= policy.retryLimit;
        this.logger.warn(
          { jobId: job.id, kind, retryCount: job.retryCount, errorName: (error as Error).name, code: (error as PrivacyGuardError).code },
          curable && !lastTry ? 'job failed; will retry' : 'job failed; dead-lettered',
        );
        if (!curable) {
          jobOutcomesTotal.inc({ kind, outcome: 'dead_lettered' });
          await this.boss.send(DEAD_LETTER_QUEUE, { kind, data: job.data, reason: (error as Error).message, code: (error as PrivacyGuardError).code });
          return { ok: true, output: { deadLettered: true, code: (error as PrivacyGuardError).code } };
        }
        jobOutcomesTotal.inc({ kind, outcome: lastTry ? 'dead_lettered' : 'retried' });
        return { ok: false, error: error as Error };
      }
    };
    const worker = new KindWorker<Data>({
      kind,
      boss: this.boss,
      db: this.db,
      concurrency: this.concurrencyOf(kind),
      pollingIntervalMs: (options.pollingIntervalSeconds ?? this.options.pollingIntervalSeconds ?? 0.5) * 1000,
      expireInSeconds: policy.expireInSeconds,
      run,
      onError: (error) => this.logger.error({ kind, err: { message: error.message } }, 'job worker error'),
    });
    this.workers.set(kind, worker as KindWorker<unknown>);
    worker.start();
  }

  async depthByQueue(): Promise<Record<string, number>> {
    const depths: Record<string, number> = {};
    for (const kind of [...Object.keys(JOB_KINDS), DEAD_LETTER_QUEUE]) {
      depths[kind] = await this.boss.getQueueSize(kind);
      queueDepth.set({ queue: kind }, depths[kind]);
    }
    return depths;
  }

  async ping(): Promise<void> {
    if (!this.healthy) {
      this.healthy = true; // report once, then re-probe
      throw new Error('job queue reported an error');
    }
    await this.boss.getQueueSize(DEAD_LETTER_QUEUE);
  }

  async getJob(kind: JobKind | typeof DEAD_LETTER_QUEUE, id: string) {
    return this.boss.getJobById(kind, id);
  }

  /** Stops fetching, waits up to `timeoutMs` for in-flight jobs, then fails the rest back to the queue. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const workers = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(workers.map((worker) => worker.stop(timeoutMs)));
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: false });
  }
}
