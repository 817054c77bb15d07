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
 * One statement, so one transaction and one round trip, for a batch of deliveries: each inbox
 * row keyed by its event, and its pg-boss job with the queue's retry, expiry and dead-letter
 * policy (the defaults pg-boss 10's own insert applies). A replay hits the unique key and
 * inserts neither; data-modifying CTEs always run to completion, so rows and jobs commit together.
 */
const ACCEPT_BATCH_SQL = `
  WITH incoming AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
      AS t(vendor, event_key, event_type, subject_ref, payload, job_id)
  ), inbox AS (
    INSERT INTO webhook_inbox (vendor, event_key, event_type, subject_ref, payload, job_id)
    SELECT vendor, event_key, event_type, subject_ref, payload::jsonb, job_id FROM incoming
    ON CONFLICT (vendor, event_key) DO NOTHING
    RETURNING id, vendor, event_key, job_id
  ), job AS (
    INSERT INTO pgboss.job (id, name, data, dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
    SELECT inbox.job_id::uuid, q.name, jsonb_build_object('inboxId', inbox.id, 'vendor', inbox.vendor), q.dead_letter,
      COALESCE(q.expire_seconds, 900) * interval '1 second',
      now() + COALESCE(q.retention_minutes * interval '1 minute', interval '14 days'),
      COALESCE(q.retry_limit, 2),
      CASE WHEN COALESCE(q.retry_backoff, false) THEN GREATEST(COALESCE(q.retry_delay, 0), 1) ELSE COALESCE(q.retry_delay, 0) END,
      COALESCE(q.retry_backoff, false), q.policy
    FROM inbox CROSS JOIN pgboss.queue q
    WHERE q.name = $7
    RETURNING id
  )
  SELECT inbox.vendor, inbox.event_key, inbox.job_id, (SELECT count(*)::int FROM job) AS jobs FROM inbox`;

interface PendingAccept {
  entry: InboxEntry;
  jobId: string;
  resolve: (result: IntakeResult) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;

/**
 * Natural batching: the first delivery is written at once; deliveries that arrive while a write
 * is in flight go together in the next one. No delivery waits on a timer, and every 200 is still
 * sent only after its row and job have committed.
 */
class IntakeBatcher {
  private queue: PendingAccept[] = [];
  private writing = false;
  /** Told after each write that committed new jobs (this process's workers then fetch at once). */
  readonly committedListeners = new Set<() => void>();

  constructor(private readonly db: Database) {}

  accept(entry: InboxEntry): Promise<IntakeResult> {
    return new Promise<IntakeResult>((resolve, reject) => {
      this.queue.push({ entry, jobId: randomUUID(), resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const { rows } = await this.db.query<{ vendor: string; event_key: string; job_id: string; jobs: number }>(
          ACCEPT_BATCH_SQL,
          [
            batch.map((p) => p.entry.vendor),
            batch.map((p) => p.entry.eventKey),
            batch.map((p) => p.entry.eventType),
            batch.map((p) => p.entry.subjectRef ?? null),
            batch.map((p) => toJsonbText(p.entry.payload)),
            batch.map((p) => p.jobId),
            WEBHOOK_JOB_QUEUE,
          ],
          { name: 'accept_webhooks' },
        );
        if (rows.length > 0 && Number(rows[0]!.jobs) !== rows.length) {
          throw new Error(`webhook intake: the ${WEBHOOK_JOB_QUEUE} queue is missing; restart to recreate it`);
        }
        const accepted = new Set(rows.map((r) => r.job_id));
        for (const p of batch) p.resolve(accepted.has(p.jobId) ? { status: 'accepted', jobId: p.jobId } : { status: 'duplicate' });
        if (rows.length > 0) for (const listener of this.committedListeners) listener();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.writing = false;
  }
}

const batchers = new WeakMap<Database, IntakeBatcher>();

/**
 * Persists a verified webhook and its job atomically: after a 200 the work cannot be lost, and a
 * replay of the same event key changes nothing.
 */
export function acceptWebhook(db: Database, entry: InboxEntry): Promise<IntakeResult> {
  return batcherFor(db).accept(entry);
}

function batcherFor(db: Database): IntakeBatcher {
  let batcher = batchers.get(db);
  if (!batcher) batchers.set(db, (batcher = new IntakeBatcher(db)));
  return batcher;
}

/** Calls `listener` whenever accepted webhooks' jobs have committed; returns the unsubscribe. */
export function onWebhookJobsCommitted(db: Database, listener: () => void): () => void {
  const listeners = batcherFor(db).committedListeners;
  listeners.add(listener);
  return () => listeners.delete(listener);
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
