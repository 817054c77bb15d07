import { setTimeout as sleep } from 'node:timers/promises';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { endpointTemplate, type SandboxRequestLogEntry } from './request-log.js';
import type { SandboxContext } from './options.js';
import type { SlidingWindowLimiter } from './rate-limiter.js';
import { retryAfterSeconds } from './rate-limiter.js';
import type { Vendor } from './types.js';

/** How one vendor authenticates, limits and words its errors; the gate applies it in a fixed order. */
export interface VendorGateSpec {
  vendor: Vendor;
  /** `missing`: no Authorization of the vendor's form; `invalid`: wrong value. */
  authenticate(req: Request): 'ok' | 'missing' | 'invalid';
  sendUnauthorized(req: Request, res: Response, reason: 'missing' | 'invalid'): void;
  /** Requests that need no credentials (e.g. Talkdesk's token endpoint). */
  isPublic?(req: Request): boolean;
  accountLimiter: SlidingWindowLimiter;
  sendRateLimited(res: Response, retryAfterMs: number): void;
  sendFault(res: Response, status: 500 | 503): void;
  /** Headers every response carries (Zendesk's X-Rate-Limit pair). */
  setRateHeaders?(res: Response, remaining: number): void;
}

/**
 * The pipeline in front of every vendor router, in this order: log the arrival, injected fault
 * (latency, drop or 5xx), authentication, account rate limit. Faults come before any handler, so
 * a faulted request never changes state.
 */
export function vendorGate(ctx: SandboxContext, spec: VendorGateSpec): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const path = (req.originalUrl.split('?')[0] ?? '').slice(req.baseUrl.length) || '/';
    const entry = ctx.log.open({
      timeMs: ctx.now(),
      vendor: spec.vendor,
      method: req.method,
      path,
      endpoint: `${req.method} ${endpointTemplate(path)}`,
    });
    const startedAt = performance.now();
    res.locals.sandboxLogEntry = entry;
    res.on('finish', () => {
      entry.status = res.statusCode;
      entry.durationMs = Math.round(performance.now() - startedAt);
    });
    res.on('close', () => {
      if (!res.writableFinished) entry.durationMs = Math.round(performance.now() - startedAt);
    });

    const decision = ctx.faults.decide(spec.vendor);
    if (decision.latencyMs > 0) {
      entry.latencyMs = decision.latencyMs;
      await sleep(decision.latencyMs);
    }
    if (decision.kind === 'drop') {
      entry.fault = 'drop';
      req.socket.destroy();
      return;
    }
    if (spec.setRateHeaders) spec.setRateHeaders(res, spec.accountLimiter.remaining('account', ctx.now()));
    if (decision.kind === 'error' && decision.status) {
      entry.fault = 'error';
      spec.sendFault(res, decision.status);
      return;
    }

    if (!spec.isPublic?.(req)) {
      const auth = spec.authenticate(req);
      if (auth !== 'ok') {
        spec.sendUnauthorized(req, res, auth);
        return;
      }
      const taken = spec.accountLimiter.take('account', ctx.now());
      if (spec.setRateHeaders) spec.setRateHeaders(res, taken.remaining);
      if (!taken.allowed) {
        markRateLimited(res, taken.retryAfterMs);
        spec.sendRateLimited(res, taken.retryAfterMs);
        return;
      }
    }
    next();
  };
}

/** Records a 429 in the request log with the Retry-After the client is told (whole seconds). */
export function markRateLimited(res: Response, retryAfterMs: number | null): void {
  const entry = res.locals.sandboxLogEntry as SandboxRequestLogEntry | undefined;
  if (!entry) return;
  entry.rateLimited = true;
  entry.retryAfterMs = retryAfterMs === null ? null : retryAfterSeconds(retryAfterMs) * 1000;
}

/** Query parameters straight from the URL, independent of the host app's query parser setting. */
export function queryOf(req: Request): URLSearchParams {
  const index = req.originalUrl.indexOf('?');
  return new URLSearchParams(index === -1 ? '' : req.originalUrl.slice(index + 1));
}

/** The vendor's base URL as the client reached it, e.g. `http://127.0.0.1:4000/sandbox/zendesk`. */
export function baseUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}`;
}

/** Decodes `Authorization: Basic ...` into user and password; null when absent or malformed. */
export function basicCredentials(req: Request): { user: string; password: string } | null {
  const header = req.get('authorization') ?? '';
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function bearerToken(req: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  return match?.[1] ?? null;
}
