import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import type { Config } from './config.js';
import type { Database } from './store/database.js';
import { openDatabase } from './store/open-database.js';
import { JobQueue } from './jobs/queue.js';
import { createHttpApp } from './http/create-app.js';
import { webhookEventJob, type WebhookEventHandlers } from './jobs/webhook-event-job.js';
import { createLogger, type Logger } from './observability/logger.js';

/** A running middleware: the pieces tests and the demo need to reach, and one way to stop it. */
export interface RunningService {
  config: Config;
  db: Database;
  queue: JobQueue;
  server: Server;
  url: string;
  logger: Logger;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  logger?: Logger;
  /** Use this database instead of opening the configured one (tests). */
  db?: Database;
  /** Run job workers in this process (default true). */
  workers?: boolean;
  pollingIntervalSeconds?: number;
  handlers?: Partial<WebhookEventHandlers>;
  mounts?: Array<{ path: string; router: Router }>;
  /** Called after the database and queue are up, before listening: lets callers add mounts that need them. */
  beforeListen?: (parts: { db: Database; queue: JobQueue; logger: Logger }) => Promise<Array<{ path: string; router: Router }>> | Array<{ path: string; router: Router }>;
  onStop?: () => Promise<void>;
  now?: () => number;
}

const acknowledgeOnly: WebhookEventHandlers = {
  zendesk: async (event) => ({ eventType: event.eventType, action: 'none' }),
  livechat: async (event) => ({ action: event.action, result: 'none' }),
};

/** Opens storage, runs migrations, starts the queue and workers, and listens. */
export async function startService(config: Config, options: ServiceOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const queue = await JobQueue.start(db, logger);
  const handlers: WebhookEventHandlers = { ...acknowledgeOnly, ...options.handlers };
  if (options.workers ?? config.workersEnabled) {
    await queue.work('webhook-event', webhookEventJob(db, handlers, logger), { pollingIntervalSeconds: options.pollingIntervalSeconds });
  }
  const extraMounts = (await options.beforeListen?.({ db, queue, logger })) ?? [];
  const app = createHttpApp({
    db,
    queue,
    logger,
    zendeskWebhookSecrets: config.zendeskWebhookSecrets,
    livechatWebhookSecret: config.livechatWebhookSecret,
    webhookToleranceSeconds: config.webhookToleranceSeconds,
    mounts: [...(options.mounts ?? []), ...extraMounts],
    now: options.now,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${address.port}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop accepting first, then let in-flight jobs finish (or go back to the queue), then close storage.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      await queue.stop().catch((error: Error) => logger.warn({ errorMessage: error.message }, 'queue stop failed'));
      await options.onStop?.();
      if (!options.db) await db.close();
    })());
  return { config, db, queue, server, url, logger, stop };
}
