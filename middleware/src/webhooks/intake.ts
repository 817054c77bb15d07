import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database.js';
import type { JobQueue } from '../jobs/queue.js';

export interface InboxEntry {
  vendor: 'zendesk' | 'livechat';
  eventKey: string;
  eventType: string;
  subjectRef?: string;
  payload: unknown;
}

export type IntakeResult = { status: 'accepted'; jobId: string } | { status: 'duplicate' };

/** JSON text PostgreSQL's jsonb accepts: it refuses the NUL character (\u0000), which carries no meaning here. */
export function toJsonbText(value: unknown): string {
  return JSON.stringify(value).replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1');
}

/**
 * Persists a verified webhook and its job in one transaction: after a 200 the work cannot be
 * lost, and a replay of the same event key changes nothing.
 */
export async function acceptWebhook(db: Database, queue: JobQueue, entry: InboxEntry): Promise<IntakeResult> {
  return db.transaction(async (tx) => {
    const jobId = randomUUID();
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO webhook_inbox (vendor, event_key, event_type, subject_ref, payload, job_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (vendor, event_key) DO NOTHING
       RETURNING id`,
      [entry.vendor, entry.eventKey, entry.eventType, entry.subjectRef ?? null, toJsonbText(entry.payload), jobId],
    );
    const row = inserted.rows[0];
    if (!row) return { status: 'duplicate' };
    await queue.enqueue('webhook-event', { inboxId: row.id, vendor: entry.vendor }, { tx, id: jobId });
    return { status: 'accepted', jobId };
  });
}
