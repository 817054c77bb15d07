import { randomBytes } from 'node:crypto';
import { signZendeskPayload } from '../../middleware/src/webhooks/zendesk/signature.js';

/** One pre-signed Zendesk delivery: what autocannon puts on the wire. */
export interface SignedDelivery {
  headers: Record<string, string>;
  body: string;
}

/**
 * Distinct, validly signed ticket-trigger deliveries (the body shape requirements.json installs), each
 * with its own invocation id, so the middleware accepts and persists every one. Signing happens
 * in `prepare()`, before a load phase; `next()` only hands out what is ready. When a phase needs
 * more than was prepared, `next()` signs on the spot and counts it in `signedDuringLoad`.
 */
export class SignedDeliveries {
  private readonly runId = randomBytes(4).toString('hex');
  private ready: SignedDelivery[] = [];
  private cursor = 0;
  private serial = 0;
  signedDuringLoad = 0;

  constructor(private readonly secret: string) {}

  /** Signs `count` fresh deliveries with the current time (webhook timestamps must be fresh). */
  prepare(count: number): void {
    const timestamp = new Date().toISOString();
    this.ready = Array.from({ length: count }, () => this.sign(timestamp));
    this.cursor = 0;
    this.signedDuringLoad = 0;
  }

  next(): SignedDelivery {
    const prepared = this.ready[this.cursor];
    if (prepared) {
      this.ready[this.cursor++] = undefined as unknown as SignedDelivery; // let it be collected
      return prepared;
    }
    this.signedDuringLoad++;
    return this.sign(new Date().toISOString());
  }

  private sign(timestamp: string): SignedDelivery {
    const n = ++this.serial;
    const ticketId = 100_000 + (n % 50_000);
    const body = JSON.stringify({
      type: 'ticket_trigger',
      ticket: {
        id: String(ticketId),
        status: 'open',
        requester_id: String(500_000 + (n % 9_973)),
        via: 'email',
        tags: 'billing vip',
        updated_at: new Date(Date.UTC(2026, 10, 20) + n * 1000).toISOString(),
        email_cc_ids: `${600_000 + (n % 101)},${700_000 + (n % 103)}`,
        updated_by_id: String(500_000 + (n % 9_973)),
      },
    });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Zendesk Webhook',
        'x-zendesk-webhook-id': '01HBENCHWEBHOOK000000000000',
        'x-zendesk-webhook-invocation-id': `bench-${this.runId}-${n}`,
        'x-zendesk-webhook-signature-timestamp': timestamp,
        'x-zendesk-webhook-signature': signZendeskPayload(this.secret, timestamp, body),
      },
    };
  }
}
