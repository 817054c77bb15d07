/** Which vendor a connector talks to; also the `vendor` metric label. */
export type VendorName = 'zendesk' | 'livechat' | 'talkdesk';

/** Source of the current time in epoch milliseconds; injected so tests control time. */
export interface Clock {
  now(): number;
}

/** Waits `ms` milliseconds; injected so tests can advance a simulated clock instead of waiting. */
export type Sleep = (ms: number) => Promise<void>;

/** One HTTP exchange with a vendor, reported to observers (spec conformance, debugging). */
export interface VendorExchange {
  vendor: VendorName;
  method: string;
  /** Full URL including the query string; observers must not log it (queries carry e-mails). */
  url: string;
  /** HTTP status, or 'network' when no response arrived. */
  status: number | 'network';
  attempt: number;
}

/** Time, randomness and observation hooks shared by every connector. */
export interface HttpRuntime {
  clock: Clock;
  sleep: Sleep;
  /** Uniform in [0, 1); used for back-off jitter. */
  random: () => number;
  onExchange?: (exchange: VendorExchange) => void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });

export function systemRuntime(overrides: Partial<HttpRuntime> = {}): HttpRuntime {
  return { clock: systemClock, sleep: realSleep, random: Math.random, ...overrides };
}

/** Retry knobs; defaults are the product's documented policy. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * A Retry-After longer than this is not waited out inside the call: the vendor stays paused and
   * the caller gets RateLimitedError, so a job can be rescheduled instead of holding a worker.
   */
  maxInlineRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  maxInlineRetryAfterMs: 60_000,
};

/** Exponential back-off with "equal jitter": half fixed, half random, capped. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/**
 * Parses Retry-After: delta-seconds (integer or decimal) or an HTTP date, relative to `nowMs`.
 * Returns undefined when absent or unparseable. https://www.rfc-editor.org/rfc/rfc9110#name-retry-after
 */
export function parseRetryAfterMs(value: unknown, nowMs: number): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
