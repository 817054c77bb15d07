import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { InvalidRequestError } from '../errors.js';
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
  /** The request to run (origin `request`), or the id to give the sweep's erasure (idempotency: the same id twice is one erasure). */
  requestId?: string;
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
 * Pass `tx` to enqueue within the caller's transaction.
 */
export async function erasePerson(ctx: AppContext, input: ErasePersonInput, tx?: SqlExecutor): Promise<ErasePersonResult> {
  const zendeskUserId = input.personRef.zendeskUserId === undefined || input.personRef.zendeskUserId === null ? null : Number(input.personRef.zendeskUserId);
  if (zendeskUserId !== null && !Number.isSafeInteger(zendeskUserId)) throw new InvalidRequestError('erasePerson: personRef.zendeskUserId must be a numeric Zendesk user id.', ['personRef.zendeskUserId']);
  const personKey = personKeyFor(input.personRef);

  if (input.origin === 'request') {
    if (!input.requestId) throw new InvalidRequestError('erasePerson: origin "request" needs the requestId of the data-subject request.', ['requestId']);
    const requestId = input.requestId;
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
      id: input.requestId ?? randomUUID(),
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
  return { requestId: request.id, status: request.status, created };
}
