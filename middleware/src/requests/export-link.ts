import { createHmac, timingSafeEqual } from 'node:crypto';

// An export is downloaded through a link that carries its own proof: an HMAC over the request id
// and the expiry, keyed with SESSION_SECRET. Nothing is stored per link; changing the secret
// revokes every link.

function signature(secret: string, requestId: string, expiresAtSeconds: number): string {
  return createHmac('sha256', secret).update(`access-export:${requestId}:${expiresAtSeconds}`).digest('base64url');
}

/** A signed download path for one request's export, valid until `expiresAt`. */
export function signExportLink(secret: string, requestId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `/api/v1/requests/${encodeURIComponent(requestId)}/export?expires=${expires}&signature=${signature(secret, requestId, expires)}`;
}

/** Why a link is refused, or `ok`. */
export function verifyExportLink(secret: string, requestId: string, expires: unknown, given: unknown, now: Date): 'ok' | 'expired' | 'bad_signature' {
  const expiresAt = Number(expires);
  if (!Number.isSafeInteger(expiresAt) || typeof given !== 'string') return 'bad_signature';
  const expected = Buffer.from(signature(secret, requestId, expiresAt));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'bad_signature';
  return expiresAt * 1000 < now.getTime() ? 'expired' : 'ok';
}
