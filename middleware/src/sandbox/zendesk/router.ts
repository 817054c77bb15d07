import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { SandboxContext } from '../options.js';
import { retryAfterSeconds } from '../rate-limiter.js';
import { basicCredentials, baseUrlOf, bearerToken, vendorGate } from '../vendor-gate.js';
import { pollJob, settleJobs } from './jobs.js';
import { sendNotFound, serializeJob } from './responses.js';
import { registerTicketRoutes } from './tickets-routes.js';
import { registerUserRoutes } from './users-routes.js';

/**
 * Simulated Zendesk Support API (`/api/v2/...`), every path also with a `.json` suffix.
 * https://developer.zendesk.com/api-reference/
 */
export function createZendeskRouter(ctx: SandboxContext): Router {
  const router = express.Router();
  const limits = () => ctx.limiters.zendeskAccount;

  router.use(
    vendorGate(ctx, {
      vendor: 'zendesk',
      authenticate: (req) => authenticateZendesk(ctx, req),
      sendUnauthorized: (_req, res) => {
        res.status(401).json({ error: "Couldn't authenticate you" });
      },
      accountLimiter: limits(),
      setRateHeaders: (res, remaining) => {
        res.setHeader('X-Rate-Limit', String(limits().limit));
        res.setHeader('X-Rate-Limit-Remaining', String(remaining));
      },
      sendRateLimited: (res, retryAfterMs) => {
        res.setHeader('Retry-After', String(retryAfterSeconds(retryAfterMs)));
        res.status(429).json({ error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' });
      },
      sendFault: (res, status) => {
        res.status(status).json(
          status === 503
            ? { error: 'ServiceUnavailable', description: 'Service temporarily unavailable (sandbox fault)' }
            : { error: 'InternalServerError', description: 'Internal server error (sandbox fault)' },
        );
      },
    }),
  );
  router.use(express.json({ limit: '10mb' }));
  // Zendesk serves every endpoint with and without `.json`.
  router.use((req, _res, next) => {
    req.url = req.url.replace(/\.json(?=\?|$)/, '');
    settleJobs(ctx);
    next();
  });

  // https://developer.zendesk.com/api-reference/ticketing/ticket-management/job_statuses/#show-job-status
  router.get('/api/v2/job_statuses/:id', (req, res) => {
    const job = ctx.state.zendesk.jobs.get(req.params.id ?? '');
    if (!job) return sendNotFound(res);
    pollJob(ctx, job);
    res.json({ job_status: serializeJob(job, baseUrlOf(req)) });
  });

  registerUserRoutes(router, ctx);
  registerTicketRoutes(router, ctx);

  router.use((_req, res) => {
    res.status(404).json({ error: 'InvalidEndpoint', description: 'Not found' });
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    if (status === 400 || status === 413 || status === 415) {
      res.status(400).json({ error: 'InvalidValue', description: 'The request body is not valid JSON' });
      return;
    }
    res.status(500).json({ error: 'InternalServerError', description: 'Sandbox error' });
  });
  return router;
}

/** Basic `{email}/token:{api_token}` or Bearer (OAuth); values checked only when configured. */
function authenticateZendesk(ctx: SandboxContext, req: Request): 'ok' | 'missing' | 'invalid' {
  const configured = ctx.options.credentials?.zendesk;
  const basic = basicCredentials(req);
  const bearer = bearerToken(req);
  if (!basic && !bearer) return 'missing';
  if (!configured) return 'ok';
  if (basic) {
    return configured.email !== undefined &&
      configured.apiToken !== undefined &&
      basic.user === `${configured.email}/token` &&
      basic.password === configured.apiToken
      ? 'ok'
      : 'invalid';
  }
  return configured.oauthToken !== undefined && bearer === configured.oauthToken ? 'ok' : 'invalid';
}
