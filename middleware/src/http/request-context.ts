import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../observability/logger.js';
import { parsePersonKey } from '../policy/person-key.js';

const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives each request an id (kept from X-Request-Id when well-formed) and logs one line when it
 * ends: method, route path without the query string, status and duration. Nothing personal.
 */
/**
 * The path as it may be logged: a segment that is a person key carrying an address (or any
 * segment with an "@") is replaced by the person's audit subject ref, so a log line can be matched
 * to the ledger without naming anyone.
 */
export function loggablePath(path: string, subjectRefOf?: (personKey: string) => string): string {
  return path
    .split('/')
    .map((segment) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        decoded = segment;
      }
      if (!decoded.includes('@')) return segment;
      const parsed = parsePersonKey(decoded);
      return parsed && subjectRefOf ? subjectRefOf(parsed.key) : '[address]';
    })
    .join('/');
}

export function requestContext(logger: Logger, subjectRefOf?: (personKey: string) => string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const id = incoming && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (req as Request & { id: string }).id = id;
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (req.path === '/healthz' || req.path === '/metrics') return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // A confirmation link's token is a credential: it never reaches the log.
      const path = loggablePath(req.baseUrl + req.path, subjectRefOf).replace(/^\/confirm\/[^/]+/, '/confirm/:token');
      logger.info({ requestId: id, method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/** Baseline security headers for every response; app pages add their own frame policy. */
export function securityHeaders() {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
    res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}
