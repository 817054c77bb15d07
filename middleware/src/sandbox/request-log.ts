import type { Vendor } from './types.js';

/** One request the sandbox received, for assertions in tests. */
export interface SandboxRequestLogEntry {
  /** Arrival order, from 1. */
  seq: number;
  /** Arrival time on the sandbox clock (ms since epoch). */
  timeMs: number;
  vendor: Vendor;
  method: string;
  /** Path below the vendor's base, as sent (query string removed, `.json` kept). */
  path: string;
  /** `METHOD /path` with ids replaced by `{id}` and `.json` removed, for counting calls per endpoint. */
  endpoint: string;
  /** HTTP status answered; 0 when the socket was destroyed by a fault. */
  status: number;
  durationMs: number;
  /** An injected fault: `error` (500/503 answered), `drop` (socket destroyed), or null. */
  fault: 'error' | 'drop' | null;
  /** Injected latency in ms (0 when none). */
  latencyMs: number;
  /** True when the sandbox refused the request for rate (429). */
  rateLimited: boolean;
  /** The Retry-After the 429 carried, in ms (null when none was sent). */
  retryAfterMs: number | null;
}

/** Every request, in arrival order. */
export class RequestLog {
  private readonly list: SandboxRequestLogEntry[] = [];
  private seq = 0;

  get entries(): readonly SandboxRequestLogEntry[] {
    return this.list;
  }

  /** Starts an entry at arrival; the pipeline fills in the outcome when the response ends. */
  open(fields: Omit<SandboxRequestLogEntry, 'seq' | 'status' | 'durationMs' | 'fault' | 'latencyMs' | 'rateLimited' | 'retryAfterMs'>): SandboxRequestLogEntry {
    this.seq += 1;
    const entry: SandboxRequestLogEntry = {
      ...fields,
      seq: this.seq,
      status: 0,
      durationMs: 0,
      fault: null,
      latencyMs: 0,
      rateLimited: false,
      retryAfterMs: null,
    };
    this.list.push(entry);
    return entry;
  }

  /** Entries matching every given field (e.g. `{ vendor: 'zendesk', endpoint: 'GET /api/v2/users/{id}' }`). */
  filter(match: Partial<SandboxRequestLogEntry> = {}): SandboxRequestLogEntry[] {
    const keys = Object.keys(match) as Array<keyof SandboxRequestLogEntry>;
    return this.list.filter((entry) => keys.every((key) => entry[key] === match[key]));
  }

  count(match: Partial<SandboxRequestLogEntry> = {}): number {
    return this.filter(match).length;
  }

  /** Calls per endpoint (`METHOD /path/{id}`), optionally for one vendor. */
  countByEndpoint(vendor?: Vendor): Map<string, number> {
    const counts = new Map<string, number>();
    for (const entry of this.list) {
      if (vendor && entry.vendor !== vendor) continue;
      counts.set(entry.endpoint, (counts.get(entry.endpoint) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * Requests sent to a vendor while a Retry-After it had answered was still running; an empty
   * list means the client honoured every Retry-After.
   */
  retryAfterViolations(vendor?: Vendor): SandboxRequestLogEntry[] {
    const blockedUntil = new Map<Vendor, number>();
    const violations: SandboxRequestLogEntry[] = [];
    for (const entry of this.list) {
      if (vendor && entry.vendor !== vendor) continue;
      const until = blockedUntil.get(entry.vendor);
      if (until !== undefined && entry.timeMs < until) violations.push(entry);
      if (entry.rateLimited && entry.retryAfterMs !== null) {
        blockedUntil.set(entry.vendor, Math.max(until ?? 0, entry.timeMs + entry.retryAfterMs));
      }
    }
    return violations;
  }

  clear(): void {
    this.list.length = 0;
  }
}

/** `/api/v2/users/123.json` -> `/api/v2/users/{id}`; ids are numbers, UUIDs and long hex or upper-case tokens. */
export function endpointTemplate(path: string): string {
  return path
    .replace(/\.json$/, '')
    .split('/')
    .map((segment) =>
      /^\d+$/.test(segment) ||
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) ||
      /^[0-9a-f]{24}$/i.test(segment) ||
      /^[A-Z0-9]{10}$/.test(segment)
        ? '{id}'
        : segment,
    )
    .join('/');
}
