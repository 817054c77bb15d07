import { createHash, timingSafeEqual } from 'node:crypto';
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

/** Constant-time comparison of a presented bearer token with the configured one. */
function tokenMatches(header: string | undefined, expected: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!presented) return false;
  return timingSafeEqual(createHash('sha256').update(presented).digest(), createHash('sha256').update(expected).digest());
}

/**
 * GET /healthz (503 when the database or the queue is down) and GET /metrics (Prometheus). Metrics
 * name queues, job kinds and error rates, so they are served only with `Authorization: Bearer
 * <METRICS_TOKEN>`; without a configured token the route does not exist (404), and a wrong or
 * missing token answers 401.
 */
export function healthRoutes(options: { db: Database; queue: JobQueue; metricsToken?: string }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const database = await probe(() => options.db.ping(), 2_000);
    const queue = database === 'up' ? await probe(() => options.queue.ping(), 2_000) : 'down';
    const ok = database === 'up' && queue === 'up';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, queue, engine: options.db.engine });
  });
  router.get('/metrics', async (req, res, next) => {
    try {
      if (!options.metricsToken) return void res.status(404).json({ error: { code: 'not_found', message: 'No such route.' } });
      if (!tokenMatches(req.get('authorization'), options.metricsToken)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        return void res.status(401).json({ error: { code: 'unauthenticated', message: 'Send "Authorization: Bearer <METRICS_TOKEN>" to read /metrics.' } });
      }
      await options.queue.depthByQueue().catch(() => undefined);
      res.setHeader('Content-Type', metricsRegistry.contentType);
      res.send(await metricsRegistry.metrics());
    } catch (error) {
      next(error);
    }
  });
  return router;
}
