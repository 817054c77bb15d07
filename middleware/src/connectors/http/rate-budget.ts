import type { Clock, Sleep } from './runtime.js';
import { currentCallPriority, type CallPriority } from './call-priority.js';

const WINDOW_MS = 60_000;

/** How a vendor budget is sized: a share of the plan's per-minute limit. */
export interface RateBudgetOptions {
  planLimitPerMinute: number;
  /** Fraction of the plan limit this product may use (other integrations share the account). */
  share: number;
  /**
   * Fraction of the budget that may be spent in one burst. The refill rate is the rest, so no
   * sliding 60 s window ever sees more than the budget: burst + refill * 60 s = budget.
   */
  burstFraction?: number;
  clock: Clock;
  sleep: Sleep;
}

/**
 * Token bucket per vendor. Callers wait for a token, never fail for budget. Urgent waiters are
 * served before background ones (a CC removal never queues behind a sweep's hundred calls), each
 * in arrival order; background work still gets every token urgent work leaves.
 */
export class RateBudget {
  /** Calls allowed in any 60 s window. */
  readonly perMinute: number;
  private capacity: number;
  private refillPerMs: number;
  private tokens: number;
  private lastRefill: number;
  private readonly waiting: Record<CallPriority, Array<() => void>> = { urgent: [], background: [] };
  private serving = false;

  constructor(private readonly options: RateBudgetOptions) {
    this.perMinute = Math.max(1, Math.floor(options.planLimitPerMinute * options.share));
    const burstFraction = options.burstFraction ?? 0.1;
    this.capacity = Math.max(1, Math.floor(this.perMinute * burstFraction));
    this.refillPerMs = refillFor(this.perMinute, this.capacity);
    this.tokens = this.capacity;
    this.lastRefill = options.clock.now();
  }

  /** Resolves when one call may be sent; the token is spent. Priority: the caller's (see call-priority.ts). */
  take(priority: CallPriority = currentCallPriority()): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting[priority].push(resolve);
      void this.serve();
    });
  }

  /** Waiting calls, per priority (for tests and the metrics page). */
  waitingCount(): Record<CallPriority, number> {
    return { urgent: this.waiting.urgent.length, background: this.waiting.background.length };
  }

  /** Tokens available now (for tests and the metrics page). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /**
   * The vendor said how much room is left in its window (e.g. Zendesk X-Rate-Limit-Remaining).
   * When it is less than we think we have, shrink to our share of what is really left: other
   * clients of the same account have been spending it.
   */
  observeVendorRemaining(remaining: number, vendorLimitPerMinute?: number): void {
    this.refill();
    if (vendorLimitPerMinute !== undefined && vendorLimitPerMinute > 0) {
      const vendorBudget = Math.max(1, Math.floor(vendorLimitPerMinute * this.options.share));
      if (vendorBudget < this.perMinute) {
        const burstFraction = this.options.burstFraction ?? 0.1;
        this.capacity = Math.max(1, Math.floor(vendorBudget * burstFraction));
        this.refillPerMs = refillFor(vendorBudget, this.capacity);
      }
    }
    const ourShareOfRemaining = Math.floor(Math.max(0, remaining) * this.options.share);
    if (ourShareOfRemaining < this.tokens) this.tokens = ourShareOfRemaining;
    if (this.tokens > this.capacity) this.tokens = this.capacity;
  }

  private refill(): void {
    const now = this.options.clock.now();
    const elapsed = Math.max(0, now - this.lastRefill);
    this.lastRefill = now;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerMs);
  }

  /** Hands out tokens while anyone waits, urgent waiters first; one server at a time. */
  private async serve(): Promise<void> {
    if (this.serving) return;
    this.serving = true;
    try {
      for (;;) {
        const next = this.waiting.urgent.length > 0 ? this.waiting.urgent : this.waiting.background;
        if (next.length === 0) return;
        this.refill();
        if (this.tokens >= 1) {
          this.tokens -= 1;
          next.shift()!();
          continue;
        }
        await this.options.sleep(Math.ceil((1 - this.tokens) / this.refillPerMs));
      }
    } finally {
      this.serving = false;
    }
  }
}

/** Tokens per ms so that burst + 60 s of refill equals the budget (at least one call a minute). */
function refillFor(perMinute: number, capacity: number): number {
  return Math.max(1, perMinute - capacity) / WINDOW_MS;
}
