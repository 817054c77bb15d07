import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database.js';

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

export const WEBHOOK_JOB_QUEUE = 'webhook-event';

/**
 * One statement, so one transaction and one round trip: the inbox row keyed by the event, and
 * its pg-boss job with the queue's retry, expiry and dead-letter policy (the same defaults
 * pg-boss 10's own insert applies). A replay hits the unique key and inserts neither.
 */
const ACCEPT_SQL = `
  WITH inbox AS (
    INSERT INTO webhook_inbox (vendor, event_key, event_type, subject_ref, payload, job_id)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (vendor, event_key) DO NOTHING
    RETURNING id
  ), job AS (
    INSERT INTO pgboss.job (id, name, data, dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
    SELECT $6::uuid, q.name, jsonb_build_object('inboxId', inbox.id, 'vendor', $1::text), q.dead_letter,
      COALESCE(q.expire_seconds, 900) * interval '1 second',
      now() + COALESCE(q.retention_minutes * interval '1 minute', interval '14 days'),
      COALESCE(q.retry_limit, 2),
      CASE WHEN COALESCE(q.retry_backoff, false) THEN GREATEST(COALESCE(q.retry_delay, 0), 1) ELSE COALESCE(q.retry_delay, 0) END,
      COALESCE(q.retry_backoff, false), q.policy
    FROM inbox CROSS JOIN pgboss.queue q
    WHERE q.name = $7
    RETURNING id
  )
  SELECT (SELECT id FROM inbox) AS inbox_id, (SELECT count(*)::int FROM job) AS jobs`;

/**
 * Persists a verified webhook and its job atomically: after a 200 the work cannot be lost, and a
 * replay of the same event key changes nothing.
 */
export async function acceptWebhook(db: Database, entry: InboxEntry): Promise<IntakeResult> {
  const jobId = randomUUID();
  const { rows } = await db.query<{ inbox_id: number | null; jobs: number }>(
    ACCEPT_SQL,
    [entry.vendor, entry.eventKey, entry.eventType, entry.subjectRef ?? null, toJsonbText(entry.payload), jobId, WEBHOOK_JOB_QUEUE],
    { name: 'accept_webhook' },
  );
  const row = rows[0];
  if (!row?.inbox_id) return { status: 'duplicate' };
  if (Number(row.jobs) !== 1) throw new Error(`webhook intake: the ${WEBHOOK_JOB_QUEUE} queue is missing; restart to recreate it`);
  return { status: 'accepted', jobId };
}

/**
 * Start-up repair: an inbox row whose job is gone (the queue was dropped or purged) gets a new
 * job, so no accepted webhook is left unprocessed.
 */
export async function requeueOrphanedInbox(db: Database): Promise<number> {
  const { rowCount } = await db.query(
    `WITH orphans AS (
       SELECT i.id FROM webhook_inbox i
       WHERE i.status = 'queued' AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = $1 AND j.id = i.job_id::uuid)
         AND NOT EXISTS (SELECT 1 FROM pgboss.archive a WHERE a.name = $1 AND a.id = i.job_id::uuid)
       LIMIT 10000
     ), fresh AS (
       UPDATE webhook_inbox i SET job_id = gen_random_uuid()::text FROM orphans o WHERE i.id = o.id RETURNING i.id, i.job_id, i.vendor
     )
     INSERT INTO pgboss.job (id, name, data, dead_letter, expire_in, retry_limit, retry_delay, retry_backoff, policy)
     SELECT f.job_id::uuid, q.name, jsonb_build_object('inboxId', f.id, 'vendor', f.vendor), q.dead_letter,
       COALESCE(q.expire_seconds, 900) * interval '1 second', COALESCE(q.retry_limit, 2), GREATEST(COALESCE(q.retry_delay, 0), 1), COALESCE(q.retry_backoff, false), q.policy
     FROM fresh f CROSS JOIN pgboss.queue q WHERE q.name = $1`,
    [WEBHOOK_JOB_QUEUE],
  );
  return rowCount;
}
