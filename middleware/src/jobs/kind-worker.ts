import type PgBoss from 'pg-boss';
import type { Database } from '../store/database.js';

/** One job as pg-boss's fetch returns it with metadata. */
export type FetchedJob<Data> = PgBoss.JobWithMetadata<Data>;

/** What running one job came to: completed with an output, or failed (pg-boss retries or dead-letters it). */
export type JobResult = { ok: true; output: unknown } | { ok: false; error: Error };

export interface KindWorkerOptions<Data> {
  kind: string;
  boss: PgBoss;
  db: Database;
  /** Jobs of this kind in flight at once in this process. */
  concurrency: number;
  /** How long to wait between fetches when the queue looked empty and nothing woke the worker. */
  pollingIntervalMs: number;
  expireInSeconds: number;
  run: (job: FetchedJob<Data>) => Promise<JobResult>;
  onError: (error: Error) => void;
}

/**
 * Completes a batch in one statement, each job with its own output; pg-boss's own complete()
 * gives every id the same output. Same conditions as pg-boss's completeJobs (active jobs only).
 */
const COMPLETE_WITH_OUTPUTS_SQL = `
  UPDATE pgboss.job j SET completed_on = now(), state = 'completed', output = c.output
  FROM unnest($2::uuid[], $3::jsonb[]) AS c(id, output)
  WHERE j.name = $1 AND j.id = c.id AND j.state = 'active'`;

/**
 * A worker for one job kind. pg-boss 10's own worker fetches a batch, runs it to the end, then
 * sleeps the rest of its polling interval even when more jobs wait, and fails or completes a
 * whole batch together. This one keeps up to `concurrency` jobs in flight: it fetches as many
 * jobs as it has free slots, fetches again as soon as a slot frees while the last fetch came back
 * full, completes and fails each job on its own, and sleeps only when the queue looked empty,
 * until `wake()` (a job enqueued by this process) or the polling interval (another replica's).
 */
export class KindWorker<Data> {
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopping = false;
  private sleeper: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  /** True when the queue may hold more jobs than the last fetch took. */
  private mayHaveMore = true;
  private loop: Promise<void> | undefined;
  private completions: Array<{ id: string; output: unknown }> = [];
  private flushing: Promise<void> | undefined;

  constructor(private readonly options: KindWorkerOptions<Data>) {}

  start(): void {
    this.loop ??= this.fetchLoop();
  }

  /** A job of this kind was just committed: fetch now rather than at the next poll. */
  wake(): void {
    this.mayHaveMore = true;
    this.interruptSleep();
  }

  /** Stops fetching, waits up to `timeoutMs` for jobs in flight, then fails the rest back to the queue. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.interruptSleep();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const finished = await Promise.race([Promise.all(this.inFlight.values()).then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    await this.flushCompletions();
    if (finished === 'timeout' && this.inFlight.size > 0) {
      const stopped = { message: 'stopped while active; retried' };
      await Promise.all([...this.inFlight.keys()].map((id) => this.options.boss.fail(this.options.kind, id, stopped).catch(() => undefined)));
    }
  }

  private async fetchLoop(): Promise<void> {
    const { boss, kind, concurrency, pollingIntervalMs } = this.options;
    let lastFetch = 0;
    while (!this.stopping) {
      const free = concurrency - this.inFlight.size;
      const pollDue = Date.now() - lastFetch >= pollingIntervalMs;
      if (free > 0 && (this.mayHaveMore || pollDue)) {
        lastFetch = Date.now();
        let jobs: FetchedJob<Data>[] = [];
        try {
          jobs = (await boss.fetch<Data>(kind, { batchSize: free, includeMetadata: true })) ?? [];
        } catch (error) {
          this.options.onError(error as Error);
        }
        // A full batch may have left more behind; a short one emptied the queue.
        this.mayHaveMore = jobs.length === free;
        for (const job of jobs) this.launch(job);
        continue;
      }
      // Nothing to fetch now: sleep until a wake, a freed slot while more may wait, or the next poll.
      await this.sleep(free <= 0 ? pollingIntervalMs : Math.max(10, pollingIntervalMs - (Date.now() - lastFetch)));
    }
  }

  private launch(job: FetchedJob<Data>): void {
    const running = this.runOne(job).finally(() => {
      this.inFlight.delete(job.id);
      // A freed slot matters only while the queue may hold more.
      if (this.mayHaveMore) this.interruptSleep();
    });
    this.inFlight.set(job.id, running);
  }

  private async runOne(job: FetchedJob<Data>): Promise<void> {
    const { boss, kind } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<JobResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: new Error(`job ran longer than its ${this.options.expireInSeconds} s expiry`) }), this.options.expireInSeconds * 1000);
    });
    const result = await Promise.race([this.options.run(job).catch((error: unknown) => ({ ok: false as const, error: error as Error })), expiry]);
    clearTimeout(timer);
    if (result.ok) {
      this.completions.push({ id: job.id, output: result.output });
      await this.flushCompletions();
      return;
    }
    const error = result.error;
    await boss
      .fail(kind, job.id, { name: error.name, message: error.message, code: (error as { code?: unknown }).code })
      .catch((failure: Error) => this.options.onError(failure));
  }

  /**
   * Completions that pile up while one is being written go out together in the next statement
   * (natural batching: nothing waits on a timer). A lost completion is harmless: the job expires
   * and its retry finds the work done (every handler is safe to run twice).
   */
  private async flushCompletions(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.completions.length === 0) return;
    const batch = this.completions.splice(0);
    this.flushing = this.options.db
      .query(COMPLETE_WITH_OUTPUTS_SQL, [this.options.kind, batch.map((c) => c.id), batch.map((c) => JSON.stringify(completionOutput(c.output)))])
      .then(() => undefined)
      .catch((error: Error) => this.options.onError(error))
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.sleeper = undefined;
        resolve();
      }, ms);
      this.sleeper = { timer, resolve };
    });
  }

  private interruptSleep(): void {
    const sleeper = this.sleeper;
    if (!sleeper) return;
    this.sleeper = undefined;
    clearTimeout(sleeper.timer);
    sleeper.resolve();
  }
}

/** pg-boss stores a non-object output as `{ value }`; keep that shape. */
function completionOutput(output: unknown): unknown {
  if (output === undefined || output === null || typeof output === 'function') return null;
  return typeof output === 'object' && !Array.isArray(output) ? output : { value: output };
}
