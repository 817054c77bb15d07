/**
 * The one erasure the product has (C15-C17, C20) is built in `middleware/src/erasure/` and exports
 * `erasePerson(ctx, {personRef, mode, origin, requestId})`. Retention calls it through this port
 * so that a due person is erased exactly as an erasure request would be; nothing here erases.
 *
 * The erasure module is loaded at run time (it may land after this one); a module factory may
 * also be given an implementation directly (tests, the CLI's sandbox mode).
 */
import type { AppContext } from '../app-context.js';
import type { PersonRef } from '../policy/person-key.js';
import type { RetentionMode } from '../policy/profile-schema.js';

/** What retention asks of the erasure module for one person. */
export interface ErasePersonInput {
  personRef: PersonRef;
  mode: RetentionMode;
  origin: 'retention';
  /** Stable per preview and person, so a retried batch repeats the same erasure (idempotent). */
  requestId: string;
}

/**
 * Signature of `erasePerson` in `middleware/src/erasure/`. It answers `{requestId, status}`: the
 * privacy request the erasure runs as and where that request stands (`ErasePersonResult`).
 * Refusals (C18, C24) are thrown as PreconditionError.
 */
export type ErasePerson = (ctx: AppContext, input: ErasePersonInput) => Promise<unknown>;

/** What retention records from the erasure module's answer. */
export type ErasureHandover =
  | { outcome: 'started'; requestId: string }
  | { outcome: 'erased'; requestId: string; receipt: Record<string, unknown> | null }
  | { outcome: 'refused'; requestId: string }
  | { outcome: 'failed'; requestId: string };

const STILL_RUNNING = new Set(['received', 'awaiting_identity', 'in_progress']);

/**
 * Reads the erasure module's answer. A request still open is `started`: its outcome is read from
 * `privacy_requests` when it ends. A `refused` or `failed` request (an earlier attempt under the
 * same key) keeps that outcome. Anything else erased within the call (a request already
 * `completed`, or an implementation that erases synchronously and reports no request status).
 */
export function erasureHandover(answer: unknown, fallbackRequestId: string): ErasureHandover {
  const fields = answer && typeof answer === 'object' ? (answer as Record<string, unknown>) : {};
  const requestId = typeof fields.requestId === 'string' ? fields.requestId : fallbackRequestId;
  const status = typeof fields.status === 'string' ? fields.status : undefined;
  if (status && STILL_RUNNING.has(status)) return { outcome: 'started', requestId };
  if (status === 'refused') return { outcome: 'refused', requestId };
  if (status === 'failed') return { outcome: 'failed', requestId };
  return { outcome: 'erased', requestId, receipt: idsAndCounts(fields) };
}

/** Keeps only ids and counts from the erasure module's answer (no personal data). */
function idsAndCounts(fields: Record<string, unknown>): Record<string, unknown> | null {
  const keep: Record<string, unknown> = {};
  for (const key of ['id', 'receiptId', 'requestId', 'status', 'systems']) if (key in fields) keep[key] = fields[key];
  return Object.keys(keep).length > 0 ? keep : null;
}

const ERASURE_MODULE = '../erasure/index.js';

/** Loads `erasePerson` from the erasure module; a clear error when that module is not installed. */
export async function loadErasePerson(): Promise<ErasePerson> {
  let loaded: { erasePerson?: unknown };
  try {
    // A computed specifier keeps this file compiling before the erasure module exists.
    const specifier = ERASURE_MODULE;
    loaded = (await import(specifier)) as { erasePerson?: unknown };
  } catch (error) {
    throw new Error(`Retention: the erasure module (${ERASURE_MODULE}) could not be loaded: ${(error as Error).message}. Approved retention runs need it.`);
  }
  if (typeof loaded.erasePerson !== 'function') throw new Error(`Retention: ${ERASURE_MODULE} does not export erasePerson(ctx, input).`);
  return loaded.erasePerson as ErasePerson;
}
