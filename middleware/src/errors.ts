/**
 * The product's small set of typed errors. Each is mapped once to an HTTP response
 * (http/error-mapper.ts) and to a job outcome (jobs/). Messages name the subsystem and the fix.
 */

export type ErrorCode =
  | 'rate_limited'
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'precondition'
  | 'transient'
  | 'invalid_request'
  | 'conflict';

/** Base class: carries a stable machine code and whether a retry could cure it. */
export abstract class PrivacyGuardError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A vendor (or our own limiter) refused for rate; `retryAfterMs` is how long to wait exactly. */
export class RateLimitedError extends PrivacyGuardError {
  readonly code = 'rate_limited' as const;
  readonly retryable = true;
  constructor(message: string, readonly retryAfterMs: number, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Credentials are missing, wrong or expired. */
export class AuthError extends PrivacyGuardError {
  readonly code = 'auth' as const;
  readonly retryable = false;
}

/** Authenticated, but not allowed to do this (vendor 403, or a non-admin on an admin action). */
export class PermissionError extends PrivacyGuardError {
  readonly code = 'permission' as const;
  readonly retryable = false;
}

/** The thing asked for does not exist (or no longer exists). */
export class NotFoundError extends PrivacyGuardError {
  readonly code = 'not_found' as const;
  readonly retryable = false;
}

/** A rule blocks the action until something changes, e.g. "user has open tickets". */
export class PreconditionError extends PrivacyGuardError {
  readonly code = 'precondition' as const;
  readonly retryable = false;
  constructor(message: string, readonly details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A passing fault (5xx, timeout, dropped connection): retrying may cure it. */
export class TransientError extends PrivacyGuardError {
  readonly code = 'transient' as const;
  readonly retryable = true;
}

/** The caller sent something malformed; `issues` lists what, never the input itself. */
export class InvalidRequestError extends PrivacyGuardError {
  readonly code = 'invalid_request' as const;
  readonly retryable = false;
  constructor(message: string, readonly issues: string[] = [], options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The state changed underneath the caller (e.g. a concurrent update); re-read and retry. */
export class ConflictError extends PrivacyGuardError {
  readonly code = 'conflict' as const;
  readonly retryable = true;
}

export function isRetryable(error: unknown): boolean {
  return error instanceof PrivacyGuardError ? error.retryable : false;
}
