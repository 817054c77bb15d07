/**
 * A sliding-window request counter: at most `limit` accepted requests per key in any `windowMs`.
 * When full, `retryAfterMs` says when the oldest accepted request leaves the window.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts the request if there is room; never counts a refused one. */
  take(key: string, nowMs: number): { allowed: boolean; remaining: number; retryAfterMs: number } {
    if (!Number.isFinite(this.limit)) return { allowed: true, remaining: Number.MAX_SAFE_INTEGER, retryAfterMs: 0 };
    const times = this.prune(key, nowMs);
    if (times.length >= this.limit) {
      const oldest = times[0] ?? nowMs;
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, oldest + this.windowMs - nowMs) };
    }
    times.push(nowMs);
    return { allowed: true, remaining: this.limit - times.length, retryAfterMs: 0 };
  }

  remaining(key: string, nowMs: number): number {
    if (!Number.isFinite(this.limit)) return Number.MAX_SAFE_INTEGER;
    return Math.max(0, this.limit - this.prune(key, nowMs).length);
  }

  clear(): void {
    this.hits.clear();
  }

  private prune(key: string, nowMs: number): number[] {
    let times = this.hits.get(key);
    if (!times) {
      times = [];
      this.hits.set(key, times);
    }
    const cutoff = nowMs - this.windowMs;
    let drop = 0;
    while (drop < times.length && (times[drop] ?? 0) <= cutoff) drop += 1;
    if (drop > 0) times.splice(0, drop);
    return times;
  }
}

/** Retry-After in whole seconds, rounded up so a client that waits exactly that long gets through. */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
