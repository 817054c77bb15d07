import {
  AuthError,
  InvalidRequestError,
  NotFoundError,
  PermissionError,
  PreconditionError,
  PrivacyGuardError,
  RateLimitedError,
  TransientError,
} from '../../errors.js';
import type { VendorName } from './runtime.js';

/** A 2xx body that does not match the schema we rely on: the vendor changed or the URL is wrong. */
export class MalformedResponseError extends TransientError {
  constructor(
    readonly vendor: VendorName,
    readonly endpoint: string,
    readonly issues: string[],
    options?: { cause?: unknown },
  ) {
    super(
      `${vendorLabel(vendor)} ${endpoint} returned a response in an unexpected shape (${issues.slice(0, 3).join('; ')}); ` +
        'check the base URL points at the real API and whether the vendor changed the endpoint.',
      options,
    );
  }
}

/** What an error mapper sees: status, parsed body and headers, never the request's personal data. */
export interface VendorErrorContext {
  vendor: VendorName;
  /** Template such as `DELETE /api/v2/users/{id}`; safe to put in messages. */
  endpoint: string;
  status: number;
  body: unknown;
  retryAfterMs: number | undefined;
}

/** A vendor-specific override: return an error to use it, or undefined for the default mapping. */
export type VendorErrorClassifier = (context: VendorErrorContext) => PrivacyGuardError | undefined;

const LABELS: Record<VendorName, string> = { zendesk: 'Zendesk', livechat: 'LiveChat', talkdesk: 'Talkdesk' };
const CREDENTIAL_HINTS: Record<VendorName, string> = {
  zendesk: 'check ZENDESK_EMAIL and ZENDESK_API_TOKEN (or the OAuth token) and that the token is active',
  livechat: 'check LIVECHAT_ACCOUNT_ID and LIVECHAT_PAT and that the token was not revoked',
  talkdesk: 'check TALKDESK_CLIENT_ID and TALKDESK_CLIENT_SECRET and the token URL of the account',
};

export function vendorLabel(vendor: VendorName): string {
  return LABELS[vendor];
}

/**
 * A short, personal-data-free code from the vendor's error body: Zendesk `error`, LiveChat
 * `error.type`, Talkdesk `code`. Descriptions are not copied: they can echo input values.
 */
export function vendorErrorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.error === 'string') return record.error.slice(0, 60);
  if (typeof record.error === 'object' && record.error !== null) {
    const type = (record.error as Record<string, unknown>).type;
    if (typeof type === 'string') return type.slice(0, 60);
  }
  if (typeof record.code === 'string') return record.code.slice(0, 20);
  return undefined;
}

/** Maps a non-2xx vendor answer to the product's typed errors. */
export function mapVendorError(context: VendorErrorContext): PrivacyGuardError {
  const { vendor, endpoint, status, retryAfterMs } = context;
  const code = vendorErrorCode(context.body);
  const label = `${vendorLabel(vendor)} ${endpoint} answered HTTP ${status}${code ? ` (${code})` : ''}`;
  const details: Record<string, unknown> = { vendor, endpoint, status, ...(code ? { vendorCode: code } : {}) };
  if (status === 401) return new AuthError(`${label}: ${CREDENTIAL_HINTS[vendor]}.`);
  if (status === 403) {
    return new PermissionError(`${label}: the credentials lack the permission or scope this call needs; grant it to the API user.`);
  }
  if (status === 404 || status === 410) return new NotFoundError(`${label}: the record does not exist or was already deleted.`);
  if (status === 409 || status === 412 || status === 422) {
    return new PreconditionError(`${label}: the vendor refused the change in the record's current state; resolve it and retry.`, details);
  }
  if (status === 429) {
    const waitMs = retryAfterMs ?? 60_000;
    return new RateLimitedError(`${label}: rate limited; retry after ${Math.ceil(waitMs / 1000)} s.`, waitMs);
  }
  if (status === 408 || status >= 500) return new TransientError(`${label}: a passing vendor fault; retry later.`);
  if (status >= 400 && status < 500) {
    return new InvalidRequestError(`${label}: the vendor rejected the request as malformed; this is a connector bug, report it.`, code ? [code] : []);
  }
  return new TransientError(`${label}: unexpected status; check the base URL (redirects are not followed).`);
}
