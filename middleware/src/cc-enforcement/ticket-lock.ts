import type { Database } from '../store/database.js';

const CC_LOCK_NAMESPACE = 7_418_000_000_000; // keeps ticket locks apart from other advisory locks
const inProcess = new Map<number, Promise<unknown>>();

/**
 * One enforcement per ticket at a time: an in-process queue per ticket, and across replicas a
 * PostgreSQL advisory lock. Held across the Zendesk call, which is why it is not a row lock
 * inside one transaction (on PGlite that would hold every other query for the call's duration).
 */
export function withTicketLock<T>(db: Database, ticketId: number, work: () => Promise<T>): Promise<T> {
  const previous = inProcess.get(ticketId) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => db.withExclusiveLock(CC_LOCK_NAMESPACE + ticketId, work));
  const settled = run.catch(() => undefined);
  inProcess.set(ticketId, settled);
  void settled.then(() => {
    if (inProcess.get(ticketId) === settled) inProcess.delete(ticketId);
  });
  return run;
}
