import type { ErrorRequestHandler } from 'express';
import { HttpError } from './http-error.js';
import { PrivacyGuardError, RateLimitedError } from '../errors.js';
import type { Logger } from '../observability/logger.js';

const STATUS_BY_CODE: Record<PrivacyGuardError['code'], number> = {
  rate_limited: 429,
  auth: 401,
  permission: 403,
  not_found: 404,
  precondition: 409,
  transient: 503,
  invalid_request: 400,
  conflict: 409,
};

/** The one place errors become responses: `{"error":{"code","message"}}`, never a stack or an input echo. */
export function errorMapper(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const requestId = (req as { id?: string }).id;
    let status = 500;
    let body: { code: string; message: string; issues?: string[] } = { code: 'internal', message: 'Internal error; the request id is in the X-Request-Id header.' };
    if (error instanceof HttpError) {
      status = error.status;
      body = { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) };
    } else if (error instanceof PrivacyGuardError) {
      status = STATUS_BY_CODE[error.code];
      body = { code: error.code, message: error.message };
      if (error instanceof RateLimitedError) res.setHeader('Retry-After', Math.ceil(error.retryAfterMs / 1000));
    } else if (error && typeof error === 'object' && 'type' in error && (error as { type: string }).type === 'entity.too.large') {
      status = 413;
      body = { code: 'payload_too_large', message: 'The request body is larger than this route accepts.' };
    } else if (error && typeof error === 'object' && 'type' in error && (error as { type: string }).type === 'entity.parse.failed') {
      status = 400;
      body = { code: 'malformed_json', message: 'The request body is not valid JSON.' };
    }
    if (status >= 500) logger.error({ requestId, errorName: (error as Error)?.name, errorMessage: (error as Error)?.message }, 'request failed');
    if (res.headersSent) return;
    res.status(status).json({ error: body });
  };
}
