import PgBoss from 'pg-boss';
import type { Database, SqlExecutor } from '../store/database.js';
import { jobOutcomesTotal, queueDepth } from '../observability/metrics.js';
import { PrivacyGuardError } from '../errors.js';
import type { Logger } from '../observability/logger.js';

/** Every kind of job the product runs, with its retry, back-off, expiry and dead-letter policy. */
export const JOB_KINDS = {
  'webhook-event': { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 300, concurrency: 4 },
  'retention-sweep': { retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 3600, concurrency: 1 },
  'erasure-step': { retryLimit: 12, retryDelay: 10, retryBackoff: true, expireInSeconds: 900, concurrency: 2 },
  'request-step': { retryLimit: 12, retryDelay: 10, retryBackoff: true, expireInSeconds: 900, concurrency: 2 },
  'retention-batch': { retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 1800, concurrency: 1 },
  'consent-mirror': { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 120, concurrency: 2 },
  'comment-scan': { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 300, concurrency: 2 },
  'request-reply': { retryLimit: 10, retryDelay: 10, retryBackoff: true, expireInSeconds: 300, concurrency: 1 },
  housekeeping: { retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 1800, concurrency: 1 },
} as const satisfies Record<string, { retryLimit: number; retryDelay: number; retryBackoff: boolean; expireInSeconds: number; concurrency: number }>;

export type JobKind = keyof typeof JOB_KINDS;
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
  private readonly workerIds: string[] = [];
  private healthy = true;

  private constructor(private readonly boss: PgBoss, private readonly logger: Logger) {}

  static async start(db: Database, logger: Logger, options: { maintenanceIntervalSeconds?: number } = {}): Promise<JobQueue> {
    // pg-boss 10 expires stranded active jobs (a worker that died) in its maintenance pass; its
    // option is `maintenanceIntervalSeconds` (default 120 s), not v9's `superviseIntervalSeconds`.
    const boss = new PgBoss({
      db: bossDbFor(db),
      schema: 'pgboss',
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
    } as unknown as PgBoss.ConstructorOptions);
    const queue = new JobQueue(boss, logger);
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
    return this.boss.send(kind, data, sendOptions as PgBoss.SendOptions);
  }

  /**
   * Runs `handler` for each job of `kind`, `concurrency` at a time. Errors a retry cannot cure
   * go straight to the dead-letter queue; the rest are retried with back-off by pg-boss, which
   * dead-letters them when the retries run out.
   */
  async work<Data>(kind: JobKind, handler: JobHandler<Data>, options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
    const policy = JOB_KINDS[kind];
    for (let i = 0; i < policy.concurrency; i++) {
      const id = await this.boss.work<Data>(
        kind,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
        async (jobs) => {
          for (const job of jobs as PgBoss.JobWithMetadata<Data>[]) {
            const context: JobContext = { jobId: job.id, retryCount: job.retryCount, kind };
            try {
              const output = await handler(job.data, context);
              jobOutcomesTotal.inc({ kind, outcome: 'completed' });
              return output;
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
                return { deadLettered: true, code: (error as PrivacyGuardError).code };
              }
              jobOutcomesTotal.inc({ kind, outcome: lastTry ? 'dead_lettered' : 'retried' });
              throw error;
            }
          }
          return undefined;
        },
      );
      this.workerIds.push(id);
    }
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
    for (const id of this.workerIds.splice(0)) await this.boss.offWork({ id } as unknown as string).catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: false });
  }
}
