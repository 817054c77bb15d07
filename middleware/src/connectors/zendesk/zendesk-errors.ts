import { ConflictError, PreconditionError, type PrivacyGuardError } from '../../errors.js';
import type { ResponseHeaders } from '../http/vendor-http-client.js';
import type { RateBudget } from '../http/rate-budget.js';
import type { VendorErrorContext } from '../http/vendor-errors.js';

/** `details.reason` of the PreconditionError raised when Zendesk refuses to delete a requester. */
export const REQUESTER_OF_UNCLOSED_TICKETS = 'requester_of_unclosed_tickets';

const UNCLOSED_TICKETS_PATTERN = /(requester|requested).*(not closed|unclosed|open tickets?)|(not closed|unclosed).*(requester|tickets?)/i;

/**
 * Zendesk refuses to delete a user who is the requester of a ticket that is not closed ("solved"
 * is not closed), with a 4xx validation error whose wording varies. Recognise it by its words so
 * callers can turn it into "close the tickets first" rather than a generic failure.
 * https://developer.zendesk.com/api-reference/ticketing/users/users/#delete-user
 */
export function classifyZendeskError(context: VendorErrorContext): PrivacyGuardError | undefined {
  if (context.status < 400 || context.status >= 500 || context.status === 429) return undefined;
  const text = typeof context.body === 'string' ? context.body : JSON.stringify(context.body ?? '');
  if (UNCLOSED_TICKETS_PATTERN.test(text)) {
    return new PreconditionError(
      `Zendesk ${context.endpoint}: the user is the requester of tickets that are not closed; close them (solved is not closed) or change their requester, then retry.`,
      { vendor: 'zendesk', endpoint: context.endpoint, status: context.status, reason: REQUESTER_OF_UNCLOSED_TICKETS },
    );
  }
  return undefined;
}

/** A ticket update sent with `safe_update` got 409: someone else changed the ticket first. */
export function classifySafeUpdateConflict(context: VendorErrorContext): PrivacyGuardError | undefined {
  if (context.status !== 409) return undefined;
  return new ConflictError(
    `Zendesk ${context.endpoint}: the ticket changed since it was read (safe_update); re-read it and decide again.`,
  );
}

/**
 * Zendesk reports the account's per-minute limit and what is left of it.
 * https://developer.zendesk.com/api-reference/introduction/rate-limits/#monitoring-your-request-activity
 */
export function observeZendeskRateHeaders(headers: ResponseHeaders, budget: RateBudget): void {
  const remaining = numericHeader(headers['x-rate-limit-remaining']);
  if (remaining === undefined) return;
  budget.observeVendorRemaining(remaining, numericHeader(headers['x-rate-limit']));
}

function numericHeader(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
