import type { SandboxServer } from '../../../middleware/src/sandbox/index.js';
import { SeededRandom } from '../../../middleware/src/sandbox/prng.js';
import { readdUnconsentedCc, triggerBodyFor, type CcTicket } from './cc-world.js';
import { deliverLikeZendesk, type SenderTally } from './zendesk-sender.js';

export interface CcStreamOptions {
  sandbox: SandboxServer;
  tickets: CcTicket[];
  serviceUrl: string;
  random: SeededRandom;
  webhooks: number;
  concurrency: number;
  /** Share of deliveries that repeat an earlier invocation (Zendesk redelivering). */
  redeliveryRate: number;
  /** Share of deliveries preceded by an agent putting an unconsented person back on the CCs. */
  changeRate: number;
  tally: SenderTally;
  /** True when retrying is pointless (the middleware crashed): deliveries are then given up. */
  stop?: () => boolean;
  /** Called after each delivery is answered, with how many were answered so far. */
  onDelivered?: (delivered: number) => Promise<void> | void;
}

/**
 * Sends `webhooks` ticket triggers, each describing its ticket as it is in the sandbox at that
 * moment, `concurrency` at a time; some are redeliveries of an earlier invocation. Ends with one
 * delivery per ticket of its final state, so every change is seen by a webhook.
 */
export async function streamCcWebhooks(options: CcStreamOptions): Promise<void> {
  const { sandbox, tickets, random, tally } = options;
  const sent: Array<{ id: string; body: string }> = [];
  let next = 0;
  let delivered = 0;
  let serial = 0;
  const plan = (): { id: string; body: string } | undefined => {
    if (next >= options.webhooks + tickets.length) return undefined;
    const index = next++;
    if (index >= options.webhooks) {
      const ticket = tickets[index - options.webhooks]!;
      return { id: `final-${ticket.id}-${serial++}`, body: triggerBodyFor(sandbox, ticket) };
    }
    if (sent.length > 0 && random.chance(options.redeliveryRate)) return random.pick(sent);
    const ticket = random.pick(tickets);
    if (random.chance(options.changeRate)) readdUnconsentedCc(sandbox, ticket, random);
    const delivery = { id: `inv-${ticket.id}-${serial++}`, body: triggerBodyFor(sandbox, ticket) };
    sent.push(delivery);
    return delivery;
  };
  const worker = async () => {
    for (let delivery = plan(); delivery; delivery = plan()) {
      await deliverLikeZendesk(options.serviceUrl, delivery.body, delivery.id, tally, { stop: options.stop });
      delivered++;
      await options.onDelivered?.(delivered);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
}

/** Delivery counts at which to SIGKILL: `kills` seeded points spread over the middle of the stream. */
export function killPoints(random: SeededRandom, webhooks: number, kills: number): number[] {
  const points: number[] = [];
  for (let k = 0; k < kills; k++) {
    const from = Math.floor((webhooks * (k + 0.2)) / (kills + 0.4));
    const to = Math.floor((webhooks * (k + 1)) / (kills + 0.4));
    points.push(random.int(from, Math.max(from, to)));
  }
  return points;
}
