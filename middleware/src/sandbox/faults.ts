import { SeededRandom } from './prng.js';
import type { Vendor } from './types.js';

/**
 * Fault injection settings. A seeded PRNG draws a fixed number of values per request, so the
 * same seed and the same request order give the same faults.
 */
export interface FaultOptions {
  seed: number | string;
  /** Share of requests answered 500 or 503 (vendor-shaped body). Default 0. */
  errorRate?: number;
  /** Share of requests whose socket is destroyed without an answer. Default 0. */
  dropRate?: number;
  /** Added latency, uniform in [min, max] ms, for a `latencyRate` share of requests. */
  latencyMs?: [number, number];
  /** Share of requests that get latency when `latencyMs` is set. Default 1. */
  latencyRate?: number;
  /** Only these vendors get faults (default: all three). */
  vendors?: Vendor[];
}

/** What happens to one request. */
export interface FaultDecision {
  kind: 'none' | 'error' | 'drop';
  status: 500 | 503 | null;
  latencyMs: number;
}

const NO_FAULT: FaultDecision = { kind: 'none', status: null, latencyMs: 0 };

/**
 * Decides faults per request. Faults are applied by the vendor pipeline before any handler runs,
 * so a faulted request never changes sandbox state (a client may safely retry it).
 */
export class FaultInjector {
  private options: FaultOptions | null = null;
  private random: SeededRandom | null = null;

  constructor(options?: FaultOptions | null) {
    this.set(options ?? null);
  }

  /** Replaces the settings and restarts the sequence from the seed; null switches faults off. */
  set(options: FaultOptions | null): void {
    this.options = options;
    this.random = options ? new SeededRandom(options.seed) : null;
  }

  get current(): FaultOptions | null {
    return this.options;
  }

  decide(vendor: Vendor): FaultDecision {
    const options = this.options;
    const random = this.random;
    if (!options || !random) return NO_FAULT;
    if (options.vendors && !options.vendors.includes(vendor)) return NO_FAULT;
    // Always five draws per request, whatever the outcome, so sequences stay aligned.
    const dropDraw = random.next();
    const errorDraw = random.next();
    const statusDraw = random.next();
    const latencyGate = random.next();
    const latencyDraw = random.next();
    let latencyMs = 0;
    if (options.latencyMs && latencyGate < (options.latencyRate ?? 1)) {
      const [min, max] = options.latencyMs;
      latencyMs = Math.round(min + latencyDraw * Math.max(0, max - min));
    }
    if (dropDraw < (options.dropRate ?? 0)) return { kind: 'drop', status: null, latencyMs };
    if (errorDraw < (options.errorRate ?? 0)) {
      return { kind: 'error', status: statusDraw < 0.5 ? 500 : 503, latencyMs };
    }
    return latencyMs > 0 ? { kind: 'none', status: null, latencyMs } : NO_FAULT;
  }
}
