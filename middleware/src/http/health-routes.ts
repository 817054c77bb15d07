import { Router } from 'express';
import type { Database } from '../store/database.js';
import type { JobQueue } from '../jobs/queue.js';
import { metricsRegistry } from '../observability/metrics.js';

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

/** GET /healthz (503 when the database or the queue is down) and GET /metrics (Prometheus). */
export function healthRoutes(options: { db: Database; queue: JobQueue }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const database = await probe(() => options.db.ping(), 2_000);
    const queue = database === 'up' ? await probe(() => options.queue.ping(), 2_000) : 'down';
    const ok = database === 'up' && queue === 'up';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, queue, engine: options.db.engine });
  });
  router.get('/metrics', async (_req, res, next) => {
    try {
      await options.queue.depthByQueue().catch(() => undefined);
      res.setHeader('Content-Type', metricsRegistry.contentType);
      res.send(await metricsRegistry.metrics());
    } catch (error) {
      next(error);
    }
  });
  return router;
}
