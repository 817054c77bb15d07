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

/** Signature of `erasePerson` in `middleware/src/erasure/`; its result is opaque to retention. */
export type ErasePerson = (ctx: AppContext, input: ErasePersonInput) => Promise<unknown>;

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
