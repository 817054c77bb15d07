import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import type { Config } from './config.js';
import type { Database } from './store/database.js';
import { openDatabase } from './store/open-database.js';
import { JobQueue } from './jobs/queue.js';
import { createHttpApp } from './http/create-app.js';
import { webhookEventJob, type WebhookEventHandlers } from './jobs/webhook-event-job.js';
import { onWebhookJobsCommitted, requeueOrphanedInbox } from './webhooks/intake.js';
import { createLogger, type Logger } from './observability/logger.js';
import { AuditLedger } from './store/audit-ledger.js';
import { loadProfile } from './policy/load-profile.js';
import { createVendorClients, type AppContext, type VendorClients } from './app-context.js';
import type { ConnectorsOptions } from './connectors/index.js';
import type { ServiceModule } from './service-module.js';
import { readsOncePerEvent } from './connectors/zendesk/reads-once-per-event.js';

/** A running middleware: the pieces tests and the demo need to reach, and one way to stop it. */
export interface RunningService {
  config: Config;
  db: Database;
  queue: JobQueue;
  server: Server;
  url: string;
  logger: Logger;
  context: AppContext;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  logger?: Logger;
  /** Use this database instead of opening the configured one (tests). */
  db?: Database;
  /** Run job workers in this process (default: config.workersEnabled). */
  workers?: boolean;
  pollingIntervalSeconds?: number;
  /** The product's capabilities (or a function of the context that builds them); default none. */
  modules?: ServiceModule[] | ((ctx: AppContext) => ServiceModule[]);
  /** Plain routers mounted before the modules' (the demo's sandbox, the preview pages). */
  mounts?: Array<{ path: string; router: Router }>;
  vendors?: VendorClients;
  connectorOptions?: ConnectorsOptions;
  onStop?: () => Promise<void>;
  now?: () => Date;
}

/** Opens storage, runs migrations, starts the queue and workers, and listens. */
export async function startService(config: Config, options: ServiceOptions = {}): Promise<RunningService> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  // Parse the profile before touching storage: an invalid profile is a configuration error.
  const profile = loadProfile(config.policyProfile);
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const queue = await JobQueue.start(db, logger, { concurrency: config.jobConcurrency, pollingIntervalSeconds: options.pollingIntervalSeconds });
  const requeued = await requeueOrphanedInbox(db);
  if (requeued > 0) logger.warn({ requeued }, 'accepted webhooks without a job were queued again');
  const now = options.now ?? (() => new Date());
  const context: AppContext = {
    config,
    db,
    queue,
    logger,
    profile,
    now,
    vendors: options.vendors ?? createVendorClients(config, options.connectorOptions),
    audit: new AuditLedger(db, config.auditKey, now),
  };
  const modules = typeof options.modules === 'function' ? options.modules(context) : (options.modules ?? []);
  const runWorkers = options.workers ?? config.workersEnabled;
  if (runWorkers) {
    await queue.work('webhook-event', webhookEventJob(db, dispatchTo(modules, context), logger));
    for (const module of modules) await module.registerJobs?.(context);
  }
  const stopWaking = runWorkers ? onWebhookJobsCommitted(db, () => queue.wake('webhook-event')) : () => undefined;
  const app = createHttpApp({
    db,
    queue,
    logger,
    zendeskWebhookSecrets: config.zendeskWebhookSecrets,
    livechatWebhookSecret: config.livechatWebhookSecret,
    webhookToleranceSeconds: config.webhookToleranceSeconds,
    mounts: [...(options.mounts ?? []), ...modules.flatMap((m) => m.routes?.(context) ?? [])],
    now: () => now().getTime(),
    subjectRefOf: (personKey) => context.audit.subjectRefFor(personKey),
    metricsToken: config.metricsToken,
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${address.port}`;
  const stoppers: Array<() => Promise<void>> = [];
  if (runWorkers) {
    for (const module of modules) {
      const stopper = await module.start?.(context);
      if (stopper) stoppers.push(stopper);
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Stop accepting first, then schedulers, then let in-flight jobs finish (or go back to the queue), then storage.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      for (const stopper of stoppers) await stopper().catch(() => undefined);
      stopWaking();
      await queue.stop().catch((error: Error) => logger.warn({ errorMessage: error.message }, 'queue stop failed'));
      await options.onStop?.();
      if (!options.db) await db.close();
    })());
  return { config, db, queue, server, url, logger, context, stop };
}

/** Every module sees every event; outcomes are kept per module on the inbox row. */
function dispatchTo(modules: ServiceModule[], context: AppContext): WebhookEventHandlers {
  return {
    zendesk: async (event, job) => {
      const outcome: Record<string, unknown> = { eventType: event.eventType };
      // The modules share what they read about this event's ticket (one read, not one per module).
      const eventContext: AppContext = { ...context, vendors: { ...context.vendors, zendesk: readsOncePerEvent(context.vendors.zendesk) } };
      for (const module of modules) {
        const result = await module.onZendeskEvent?.(event, eventContext, job);
        if (result) outcome[module.name] = result;
      }
      return outcome;
    },
    livechat: async (event, job) => {
      const outcome: Record<string, unknown> = { action: event.action };
      for (const module of modules) {
        const result = await module.onLivechatEvent?.(event, context, job);
        if (result) outcome[module.name] = result;
      }
      return outcome;
    },
  };
}
