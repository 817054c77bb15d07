import { createHash } from 'node:crypto';

/**
 * A UUID derived from a name: pg-boss inserts jobs with ON CONFLICT DO NOTHING on (name, id), so
 * the same derived id enqueued twice (two replicas firing one cron slot, an approval retried)
 * makes one job.
 */
export function deterministicJobId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  // Version 5 and RFC 4122 variant bits, so it is a well-formed UUID.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** The cron slot a firing belongs to: its minute, as an ISO string. */
export function cronSlot(firedAt: Date): string {
  return new Date(Math.floor(firedAt.getTime() / 60_000) * 60_000).toISOString();
}
