/**
 * The process under load in bench/webhook-intake/run.ts, kept apart from the load generator so
 * the two do not share an event loop. BENCH_TARGET=echo serves a bare Express JSON echo (the
 * baseline); BENCH_TARGET=middleware starts the real service from the environment (PGlite in
 * DATA_DIR, or PostgreSQL at DATABASE_URL) with job workers off, so only intake is measured.
 *
 * Talks to its parent over IPC: sends {type:'ready', url}; answers {type:'stats'} with the inbox
 * and job counts and its own CPU time; exits on {type:'stop'}.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig } from '../../middleware/src/config.js';
import { startService } from '../../middleware/src/service.js';

export type ParentMessage = { type: 'stats' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; url: string; engine: string }
  | { type: 'stats'; inboxRows: number; webhookJobs: number; cpuMicros: number };

interface Target {
  url: string;
  engine: string;
  counts(): Promise<{ inboxRows: number; webhookJobs: number }>;
  stop(): Promise<void>;
}

async function startEcho(): Promise<Target> {
  const app = express();
  app.disable('x-powered-by');
  app.post('/webhooks/zendesk', express.json({ limit: '1mb' }), (req, res) => {
    res.json(req.body);
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    engine: 'express-echo',
    counts: async () => ({ inboxRows: 0, webhookJobs: 0 }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startMiddleware(): Promise<Target> {
  const config = loadConfig(process.env);
  const service = await startService(config, { workers: false, modules: [] });
  const count = async (sql: string) => Number((await service.db.query<{ n: number | string }>(sql)).rows[0]?.n ?? 0);
  return {
    url: service.url,
    engine: service.db.engine,
    counts: async () => ({
      inboxRows: await count(`SELECT count(*) AS n FROM webhook_inbox WHERE vendor = 'zendesk'`),
      webhookJobs: await count(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'webhook-event'`),
    }),
    stop: () => service.stop(),
  };
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function main() {
  if (!process.send) throw new Error('server.ts is started by bench/webhook-intake/run.ts over IPC; run that instead.');
  const target = process.env.BENCH_TARGET === 'echo' ? await startEcho() : await startMiddleware();
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') {
      target.counts().then(
        (counts) => {
          const cpu = process.cpuUsage();
          send({ type: 'stats', ...counts, cpuMicros: cpu.user + cpu.system });
        },
        (error: Error) => {
          process.stderr.write(`counting rows failed: ${error.message}\n`);
          process.exit(1);
        },
      );
    } else if (message.type === 'stop') {
      target.stop().finally(() => process.exit(0));
    }
  });
  // The parent going away must not leave a listening server behind.
  process.on('disconnect', () => {
    target.stop().finally(() => process.exit(0));
  });
  send({ type: 'ready', url: target.url, engine: target.engine });
}

main().catch((error: Error) => {
  process.stderr.write(`bench server failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
