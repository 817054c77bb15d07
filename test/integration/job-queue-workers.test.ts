import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobQueue } from '../../middleware/src/jobs/queue.js';
import { TransientError } from '../../middleware/src/errors.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';

/** Resolves when `check` holds, polling the database-free predicate (never a fixed sleep). */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('job workers', () => {
  let database: TestDatabase;
  let queue: JobQueue;

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await queue?.stop(2_000);
    await database.drop();
  });

  it('when jobs wait, then up to the configured concurrency run at once, fetched in batches', async () => {
    // A polling interval far longer than the test: only batching and freed slots can move the queue.
    queue = await JobQueue.start(database.db, capturedLogger().logger, { concurrency: { 'consent-mirror': 5 }, pollingIntervalSeconds: 60 });
    for (let i = 0; i < 20; i++) await queue.enqueue('consent-mirror', { i }, { tx: database.db });
    let running = 0;
    let peak = 0;
    let done = 0;
    const release: Array<() => void> = [];
    await queue.work<{ i: number }>('consent-mirror', async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      done++;
    });
    await until(() => running === 5);
    while (done < 20) {
      release.splice(0).forEach((r) => r());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(peak).toBe(5);
    await until(async () => (await queue.depthByQueue())['consent-mirror'] === 0);
  });

  it('when this process enqueues while its worker sleeps, then the job starts without waiting for the poll', async () => {
    queue = await JobQueue.start(database.db, capturedLogger().logger, { pollingIntervalSeconds: 60 });
    const started: number[] = [];
    await queue.work('consent-mirror', async () => {
      started.push(Date.now());
    });
    // Let the first (empty) fetch happen so the worker is asleep for the 60 s interval.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const enqueuedAt = Date.now();
    await queue.enqueue('consent-mirror', { n: 1 });
    await until(() => started.length === 1, 10_000);
    expect(started[0]! - enqueuedAt).toBeLessThan(10_000);
  });

  it('when one job of a batch fails, then only that job is retried and the others complete', async () => {
    queue = await JobQueue.start(database.db, capturedLogger().logger, { concurrency: { 'consent-mirror': 4 }, pollingIntervalSeconds: 60 });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await queue.enqueue('consent-mirror', { i }, { tx: database.db }))!);
    const attempts = new Map<number, number>();
    await queue.work<{ i: number }>('consent-mirror', async ({ i }) => {
      attempts.set(i, (attempts.get(i) ?? 0) + 1);
      if (i === 2) throw new TransientError('vendor hiccup');
    });
    await until(async () => {
      const states = await Promise.all(ids.map(async (id) => (await queue.getJob('consent-mirror', id))?.state));
      return states.filter((s) => s === 'completed').length === 3 && states[2] === 'retry';
    });
    expect([...attempts.entries()].sort()).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
  });
});
