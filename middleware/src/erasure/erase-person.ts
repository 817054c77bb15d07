import { createHash, randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { InvalidRequestError, PreconditionError } from '../errors.js';
import { personKeyFor, type PersonRef } from '../policy/person-key.js';
import type { SqlExecutor } from '../store/database.js';
import { createRequest } from '../requests/intake.js';
import { requestStore, type RequestStatus } from '../requests/request-store.js';
import { startRequest } from '../requests/step-runner.js';

/** What `erasePerson` was asked to do. */
export interface ErasePersonInput {
  personRef: PersonRef;
  /** `delete` (C15, C17) or `anonymize` (C16: tickets stay, identity and comment PII go). */
  mode: 'delete' | 'anonymize';
  /** `retention` runs under the sweep's authority (restriction and holds skip the person); `request` resumes a data-subject request. */
  origin: 'request' | 'retention';
  /**
   * The request to run (origin `request`), or the sweep's idempotency key (any string, e.g.
   * `retention:<preview>:<user>`; the same key twice is one erasure).
   */
  requestId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request id from a caller's key: a UUID as given, anything else mapped to a stable UUID. */
export function erasureRequestIdFor(key: string): string {
  if (UUID.test(key)) return key.toLowerCase();
  const hex = createHash('sha256').update(`privacy-guard:erasure:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Where the erasure stands right after the call; it then runs step by step in `request-step` jobs. */
export interface ErasePersonResult {
  requestId: string;
  status: RequestStatus;
  created: boolean;
}

/**
 * Erases (or anonymises) one person across Zendesk, LiveChat and Talkdesk as a tracked request:
 * per-system steps with their own status and retries, a receipt at the end (C30). Called by the
 * retention sweep for due people; legal holds (C18) and restriction (C24) refuse it, audited.
 * Pass `tx` to enqueue within the caller's transaction. Throws PreconditionError when refused.
 */
export async function erasePerson(ctx: AppContext, input: ErasePersonInput, tx?: SqlExecutor): Promise<ErasePersonResult> {
  const zendeskUserId = input.personRef.zendeskUserId === undefined || input.personRef.zendeskUserId === null ? null : Number(input.personRef.zendeskUserId);
  if (zendeskUserId !== null && !Number.isSafeInteger(zendeskUserId)) throw new InvalidRequestError('erasePerson: personRef.zendeskUserId must be a numeric Zendesk user id.', ['personRef.zendeskUserId']);
  const personKey = personKeyFor(input.personRef);

  if (input.origin === 'request') {
    if (!input.requestId) throw new InvalidRequestError('erasePerson: origin "request" needs the requestId of the data-subject request.', ['requestId']);
    const requestId = erasureRequestIdFor(input.requestId);
    const work = async (sql: SqlExecutor): Promise<ErasePersonResult> => {
      const request = await requestStore.get(sql, requestId, { forUpdate: true });
      if (!request || request.type !== 'erasure') throw new InvalidRequestError(`erasePerson: no erasure request ${requestId}.`, ['requestId']);
      if (request.status !== 'received' || !request.identity) return { requestId, status: request.status, created: false };
      const status = await startRequest(ctx, sql, request);
      return { requestId, status, created: false };
    };
    return tx ? work(tx) : ctx.db.transaction(work);
  }

  const { created, request } = await createRequest(
    ctx,
    {
      id: input.requestId ? erasureRequestIdFor(input.requestId) : randomUUID(),
      type: 'erasure',
      origin: 'retention',
      mode: input.mode,
      personKey,
      zendeskUserId,
      createdBy: 'privacy-guard:retention',
      identity: { method: 'retention_policy', verifiedAt: ctx.now().toISOString() },
      workingData: input.personRef.email ? { emails: [input.personRef.email.trim().toLowerCase()] } : {},
    },
    tx,
  );
  if (request.status === 'refused') {
    const refusal = (await requestStore.get(tx ?? ctx.db, request.id))?.refusalReason ?? null;
    // The sweep reports the person as blocked with this reason (C18 hold, C24 restriction), already audited.
    throw new PreconditionError(`Erasure refused: ${refusal ?? 'see the audit ledger'}`, { reason: 'erasure_refused', requestId: request.id, refusal });
  }
  return { requestId: request.id, status: request.status, created };
}
