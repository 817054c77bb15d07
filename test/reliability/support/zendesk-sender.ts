import { createHash } from 'node:crypto';
import { signedZendeskHeaders } from '../../helpers/webhooks.js';

/** What the sender saw, for the invariants and the summary. */
export interface SenderTally {
  /**
   * The delivery keys (sha256 of the signed timestamp and body, what the middleware keys its inbox
   * by) of the attempts answered 200: each must end as one processed inbox row.
   */
  acknowledged: Set<string>;
  /** Deliveries answered 200 `accepted` (first write of an invocation). */
  accepted: number;
  /** Deliveries answered 200 `duplicate` (a redelivery of an invocation already stored). */
  duplicates: number;
  /** Attempts that got a 5xx or a connection error and were sent again. */
  retriedAttempts: number;
  /** Final answers other than 200 (must stay empty). */
  refused: string[];
}

export function emptyTally(): SenderTally {
  return { acknowledged: new Set(), accepted: 0, duplicates: 0, retriedAttempts: 0, refused: [] };
}

/**
 * Delivers one webhook as Zendesk does: signed, with an invocation id, and sent again (freshly
 * signed, same invocation id) after a 5xx, a 429 or a connection error, with capped back-off,
 * until it is answered, `giveUpMs` passes or `stop()` says the receiver is gone for good.
 */
export async function deliverLikeZendesk(url: string, body: string, invocationId: string, tally: SenderTally, options: { giveUpMs?: number; stop?: () => boolean } = {}): Promise<void> {
  const giveUpMs = options.giveUpMs ?? 180_000;
  const deadline = Date.now() + giveUpMs;
  for (let attempt = 0; ; attempt++) {
    let status = 0;
    let answer: { status?: string } = {};
    const headers = { ...signedZendeskHeaders(body), 'x-zendesk-webhook-invocation-id': invocationId };
    try {
      const res = await fetch(`${url}/webhooks/zendesk`, {
        method: 'POST',
        body,
        headers,
        signal: AbortSignal.timeout(15_000),
      });
      status = res.status;
      answer = (await res.json().catch(() => ({}))) as { status?: string };
    } catch {
      status = 0; // refused, reset or timed out: the middleware is down or restarting
    }
    if (status === 200) {
      tally.acknowledged.add(createHash('sha256').update(headers['x-zendesk-webhook-signature-timestamp']).update(body).digest('hex'));
      if (answer.status === 'duplicate') tally.duplicates++;
      else tally.accepted++;
      return;
    }
    if (status !== 0 && status !== 429 && status < 500) {
      tally.refused.push(`${invocationId}: ${status}`);
      return;
    }
    if (Date.now() > deadline || options.stop?.()) {
      tally.refused.push(`${invocationId}: gave up after ${attempt + 1} attempts (last ${status})`);
      return;
    }
    tally.retriedAttempts++;
    // Zendesk backs off between retries; a short capped back-off keeps the test fast.
    await new Promise((r) => setTimeout(r, Math.min(1_000, 50 * 2 ** Math.min(attempt, 5))));
  }
}
