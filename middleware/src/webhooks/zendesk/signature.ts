import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
export const TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';

/**
 * Zendesk signs `timestamp + raw body` with HMAC-SHA256, base64, the secret used as a UTF-8 string.
 * https://developer.zendesk.com/documentation/webhooks/verifying/
 * Tests sign with this same function, so they sign exactly as production verifies.
 */
export function signZendeskPayload(secret: string, timestamp: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(timestamp).update(body).digest('base64');
}

/** Constant-time comparison of a received base64 signature against computed ones (any may match). */
export function signatureMatchesAny(received: string, computed: readonly string[]): boolean {
  const receivedBytes = Buffer.from(received, 'utf8');
  let matched = false;
  for (const candidate of computed) {
    const candidateBytes = Buffer.from(candidate, 'utf8');
    // Equal lengths are required by timingSafeEqual; a length mismatch is already a mismatch.
    const same = candidateBytes.length === receivedBytes.length && timingSafeEqual(candidateBytes, receivedBytes);
    matched = matched || same;
  }
  return matched;
}

/** Parses Zendesk's timestamp (ISO 8601, or epoch seconds) and says whether it is within tolerance. */
export function timestampIsFresh(timestamp: string, nowMs: number, toleranceSeconds: number): boolean {
  const ms = /^\d+$/.test(timestamp) ? Number(timestamp) * 1000 : Date.parse(timestamp);
  if (!Number.isFinite(ms)) return false;
  return Math.abs(nowMs - ms) <= toleranceSeconds * 1000;
}
