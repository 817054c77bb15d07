/**
 * Test-only entry point for the reliability suite: the real service as main.ts composes it
 * (configuration from the environment, the product modules, real storage and queue), started
 * in a child process so a test can SIGKILL it and start it again on the same database.
 *
 * One thing differs from production, on purpose: a job that was running when its process was
 * SIGKILLed stays `active` until its expiry (300 s for webhook events) and pg-boss's maintenance
 * pass hands it out again. A test cannot wait five minutes per kill, so RELIABILITY_JOB_EXPIRE_SECONDS
 * shortens that expiry and maintenance runs every second. The recovery path is the same one.
 * It also serves /test-support/inbox (counts by status) for tests that cannot open the database.
 */
import { loadConfig } from '../../../middleware/src/config.js';
import { startService } from '../../../middleware/src/service.js';
import { surviveDatabaseConnectionLoss } from '../../../middleware/src/jobs/survive-connection-loss.js';
import { productModules } from '../../../middleware/src/modules.js';
import { JOB_KINDS, JobQueue } from '../../../middleware/src/jobs/queue.js';
import { createLogger } from '../../../middleware/src/observability/logger.js';
import type { ServiceModule } from '../../../middleware/src/service-module.js';
import { Router } from 'express';

const expireSeconds = Number(process.env.RELIABILITY_JOB_EXPIRE_SECONDS ?? 0);
if (expireSeconds > 0) {
  for (const policy of Object.values(JOB_KINDS)) (policy as { expireInSeconds: number }).expireInSeconds = expireSeconds;
  const start = JobQueue.start.bind(JobQueue);
  JobQueue.start = (db, logger, options = {}) => start(db, logger, { ...options, maintenanceIntervalSeconds: 1 });
}

/** GET /test-support/inbox: inbox rows by status, so a test can wait for them while the child owns the database (PGlite). */
const inboxProbe: ServiceModule = {
  name: 'reliabilityProbe',
  routes: (ctx) => {
    const router = Router();
    router.get('/test-support/inbox', async (_req, res, next) => {
      try {
        const { rows } = await ctx.db.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM webhook_inbox GROUP BY status`);
        res.json(Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])));
      } catch (error) {
        next(error);
      }
    });
    return [{ path: '/', router }];
  },
};

const config = loadConfig();
const logger = createLogger({ level: config.logLevel });
surviveDatabaseConnectionLoss(logger);
const service = await startService(config, { logger, modules: (ctx) => [...productModules(ctx), inboxProbe], pollingIntervalSeconds: 0.5 });
logger.info({ url: service.url, engine: service.db.engine }, 'reliability test service listening');
process.once('SIGTERM', () => {
  service.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
