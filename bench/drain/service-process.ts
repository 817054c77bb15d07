/**
 * The middleware under test, as `npm start` runs it (all product modules, real queue), plus one
 * benchmark-only route: `GET /bench/drain` reports how far the inbox and the queue have drained.
 * Configuration comes from the environment the parent sets.
 *
 *   node --import tsx bench/drain/service-process.ts
 */
import express from 'express';
import { loadConfig } from '../../middleware/src/config.js';
import { startService } from '../../middleware/src/service.js';
import { productModules } from '../../middleware/src/modules.js';
import { createLogger } from '../../middleware/src/observability/logger.js';

const config = loadConfig(process.env);
const drain = express.Router();
let db: import('../../middleware/src/store/database.js').Database | undefined;
drain.get('/drain', async (_req, res, next) => {
  try {
    const inbox = await db!.query<{ total: number; processed: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'processed')::int AS processed FROM webhook_inbox`,
    );
    const jobs = await db!.query<{ pending: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE state IN ('created', 'retry', 'active'))::int AS pending,
              count(*) FILTER (WHERE state = 'failed' OR name = 'dead-letters')::int AS failed
         FROM pgboss.job`,
    );
    res.json({ ...inbox.rows[0], ...jobs.rows[0] });
  } catch (error) {
    next(error);
  }
});
drain.get('/latency', async (_req, res, next) => {
  try {
    const { rows } = await db!.query<{ p50: number; p99: number; max: number; first: string; last: string }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
         FROM (SELECT extract(epoch FROM processed_at - received_at) * 1000 AS ms FROM webhook_inbox WHERE status = 'processed') t`,
    );
    const removal = await db!.query<{ p50: number; p99: number }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
         FROM (SELECT extract(epoch FROM processed_at - received_at) * 1000 AS ms FROM webhook_inbox
                WHERE status = 'processed' AND outcome->'ccEnforcement'->>'action' = 'removed') t`,
    );
    const outcomes = await db!.query<{ removed: number; reads: number; updates: number; payload_scans: number; queued_scans: number }>(
      `SELECT COALESCE(sum((outcome->'ccEnforcement'->>'removed')::int), 0)::int AS removed,
              COALESCE(sum((outcome->'ccEnforcement'->>'vendorReads')::int), 0)::int AS reads,
              COALESCE(sum((outcome->'ccEnforcement'->>'vendorUpdates')::int), 0)::int AS updates,
              count(*) FILTER (WHERE outcome->'minimisation'->>'commentScan' IN ('scanned_from_payload', 'up_to_date'))::int AS payload_scans,
              count(*) FILTER (WHERE outcome->'minimisation'->>'commentScan' = 'queued')::int AS queued_scans
         FROM webhook_inbox`,
    );
    res.json({ all: rows[0], removals: removal.rows[0], outcomes: outcomes.rows[0] });
  } catch (error) {
    next(error);
  }
});

const service = await startService(config, {
  logger: createLogger({ level: config.logLevel }),
  modules: (ctx) => productModules(ctx),
  mounts: [{ path: '/bench', router: drain }],
});
db = service.db;
process.stdout.write(`SERVICE ${service.url}\n`);
process.on('SIGTERM', () => {
  void service.stop().finally(() => process.exit(0));
});
