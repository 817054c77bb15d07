/**
 * Every kind of job the product runs, with its retry, back-off, expiry and dead-letter policy, and
 * how many run at once per process by default (JOB_CONCURRENCY overrides). Each kind has its own
 * queue and its own workers, so fast work (a CC removal) never waits behind slow work (a sweep)
 * for a worker; vendor-bound work is paced by the shared rate budget, not by these numbers, and
 * `callPriority` says whose calls the budget serves first when it is short.
 */
export const JOB_KINDS = {
  'webhook-event': { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 300, concurrency: 32, callPriority: 'urgent' },
  'retention-sweep': { retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 3600, concurrency: 1, callPriority: 'background' },
  'erasure-step': { retryLimit: 12, retryDelay: 10, retryBackoff: true, expireInSeconds: 900, concurrency: 4, callPriority: 'background' },
  'request-step': { retryLimit: 12, retryDelay: 10, retryBackoff: true, expireInSeconds: 900, concurrency: 4, callPriority: 'background' },
  'retention-batch': { retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 1800, concurrency: 1, callPriority: 'background' },
  'consent-mirror': { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 120, concurrency: 8, callPriority: 'urgent' },
  'comment-scan': { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 300, concurrency: 16, callPriority: 'urgent' },
  'request-reply': { retryLimit: 10, retryDelay: 10, retryBackoff: true, expireInSeconds: 300, concurrency: 2, callPriority: 'background' },
  // C32: one page of end users per job, each notice a ticket; days of slack, so it yields to urgent calls.
  'policy-notice': { retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 900, concurrency: 1, callPriority: 'background' },
  housekeeping: { retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 1800, concurrency: 1, callPriority: 'background' },
} as const satisfies Record<
  string,
  { retryLimit: number; retryDelay: number; retryBackoff: boolean; expireInSeconds: number; concurrency: number; callPriority: 'urgent' | 'background' }
>;

export type JobKind = keyof typeof JOB_KINDS;

/**
 * Parses JOB_CONCURRENCY ("webhook-event=32,comment-scan=16"): each named kind must exist and
 * get a whole number from 1 to 256. Returns the problems instead of throwing, for config.ts.
 */
export function parseJobConcurrency(text: string): { value: Partial<Record<JobKind, number>>; problems: string[] } {
  const value: Partial<Record<JobKind, number>> = {};
  const problems: string[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z-]+)\s*=\s*(\d+)$/.exec(part);
    const kind = match?.[1] as JobKind | undefined;
    const n = Number(match?.[2]);
    if (!match || !kind || !(kind in JOB_KINDS)) problems.push(`"${part}" must be <kind>=<number> with a kind among ${Object.keys(JOB_KINDS).join(', ')}`);
    else if (!Number.isInteger(n) || n < 1 || n > 256) problems.push(`"${part}" must set a whole number from 1 to 256`);
    else value[kind] = n;
  }
  return { value, problems };
}
