import express, { type Express, type Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Database } from '../store/database.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Logger } from '../observability/logger.js';
import { errorMapper } from './error-mapper.js';
import { HttpError } from './http-error.js';
import { healthRoutes } from './health-routes.js';
import { requestContext, securityHeaders } from './request-context.js';
import { zendeskWebhookHandler } from '../webhooks/zendesk/route.js';
import { livechatWebhookHandler } from '../webhooks/livechat/route.js';

export interface HttpAppOptions {
  db: Database;
  queue: JobQueue;
  logger: Logger;
  zendeskWebhookSecrets: readonly string[];
  livechatWebhookSecret?: string;
  webhookToleranceSeconds: number;
  /** Extra routers mounted at their path (app API, app pages, preview, sandbox). */
  mounts?: Array<{ path: string; router: Router }>;
  /** Requests per minute per client address on each route family; webhooks get more room. */
  rateLimits?: { webhooksPerMinute?: number; apiPerMinute?: number };
  now?: () => number;
  /** The audit subject ref of a person key: what request logs show instead of a key with an address. */
  subjectRefOf?: (personKey: string) => string;
  /** Bearer token for GET /metrics; without one /metrics answers 404. */
  metricsToken?: string;
}

/** The Express app: health, metrics, webhooks, then whatever the service mounts, then one error mapper. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestContext(options.logger, options.subjectRefOf));
  app.use(securityHeaders());
  app.use(healthRoutes({ db: options.db, queue: options.queue, metricsToken: options.metricsToken }));

  const limiter = (perMinute: number) =>
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (_req, _res, next) => next(new HttpError(429, 'rate_limited', 'Too many requests from this address; retry after the Retry-After delay.')),
    });
  // Each webhook is one route on the app itself, not a nested router: deliveries are the hot path,
  // and every layer Express walks per request showed in the intake profile.
  const webhookLimiter = limiter(options.rateLimits?.webhooksPerMinute ?? 600_000);
  app.post(
    '/webhooks/zendesk',
    webhookLimiter,
    zendeskWebhookHandler({
      db: options.db,
      queue: options.queue,
      logger: options.logger,
      secrets: options.zendeskWebhookSecrets,
      toleranceSeconds: options.webhookToleranceSeconds,
      now: options.now,
    }),
  );
  app.post(
    '/webhooks/livechat',
    webhookLimiter,
    livechatWebhookHandler({ db: options.db, queue: options.queue, logger: options.logger, secret: options.livechatWebhookSecret }),
  );
  app.use('/api', limiter(options.rateLimits?.apiPerMinute ?? 1200));
  for (const mount of options.mounts ?? []) app.use(mount.path, mount.router);
  app.use((_req, _res, next) => next(new HttpError(404, 'not_found', 'No such route.')));
  app.use(errorMapper(options.logger));
  return app;
}
