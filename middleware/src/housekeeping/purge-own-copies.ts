import type { AppContext } from '../app-context.js';

export interface PurgeResult {
  exportsPurged: number;
  webhookPayloadsPurged: number;
  webhookRowsDeleted: number;
}

/**
 * A processed delivery's row is only there so a retry of the same delivery is a no-op. Zendesk
 * retries within hours, and a captured delivery replayed later fails the signature's 5-minute
 * timestamp check anyway, so after this many days the row serves nothing and goes.
 */
export const WEBHOOK_ROW_KEEP_DAYS = 30;

const EXPORT_BATCH = 200;
const PAYLOAD_BATCH = 5_000;
const DAY_MS = 86_400_000;

/**
 * Storage limitation applied to this service's own copies (C15: unneeded PII is removed
 * periodically). An access-export archive exists to be downloaded; past `exportKeepDays` it is
 * deleted (a new access request builds a fresh one). A webhook payload exists to be processed;
 * past `webhookPayloadKeepDays` after arrival, a processed one is replaced by a marker; the row
 * stays for WEBHOOK_ROW_KEEP_DAYS, because its event key is what turns a retried delivery into a
 * no-op. Deliveries not yet processed (still queued, or dead-lettered for an admin to retry) keep
 * their payload.
 *
 * Batches keep each transaction short; every purged export is audited under its person's reference.
 */
export async function purgeExpiredCopies(ctx: Pick<AppContext, 'db' | 'audit' | 'now'>, options: { exportKeepDays: number; webhookPayloadKeepDays: number }): Promise<PurgeResult> {
  const now = ctx.now().getTime();
  const exportCutoff = new Date(now - options.exportKeepDays * DAY_MS).toISOString();
  const payloadCutoff = new Date(now - options.webhookPayloadKeepDays * DAY_MS).toISOString();

  let exportsPurged = 0;
  for (;;) {
    const purged = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ request_id: string; person_key: string; created_at: Date | string }>(
        `DELETE FROM request_exports e USING privacy_requests r
         WHERE e.request_id = r.id
           AND e.request_id IN (SELECT request_id FROM request_exports WHERE created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING e.request_id, r.person_key, e.created_at`,
        [exportCutoff, EXPORT_BATCH],
      );
      for (const row of rows) {
        await ctx.audit.append(
          {
            actor: 'privacy-guard:housekeeping',
            action: 'request.export.purged',
            clause: 'C15',
            subjectRef: ctx.audit.subjectRefFor(row.person_key),
            outcome: 'purged',
            details: { requestId: row.request_id, builtAt: new Date(row.created_at).toISOString(), keepDays: options.exportKeepDays },
          },
          tx,
        );
      }
      return rows.length;
    });
    exportsPurged += purged;
    if (purged < EXPORT_BATCH) break;
  }

  let webhookPayloadsPurged = 0;
  for (;;) {
    const { rowCount } = await ctx.db.query(
      `UPDATE webhook_inbox SET payload = jsonb_build_object('purged', true)
       WHERE id IN (
         SELECT id FROM webhook_inbox
         WHERE status = 'processed' AND received_at < $1 AND NOT (payload ?| array['purged', 'erased'])
         LIMIT $2
       )`,
      [payloadCutoff, PAYLOAD_BATCH],
    );
    webhookPayloadsPurged += rowCount;
    if (rowCount < PAYLOAD_BATCH) break;
  }
  const rowCutoff = new Date(now - Math.max(WEBHOOK_ROW_KEEP_DAYS, options.webhookPayloadKeepDays) * DAY_MS).toISOString();
  let webhookRowsDeleted = 0;
  for (;;) {
    const { rowCount } = await ctx.db.query(
      `DELETE FROM webhook_inbox WHERE id IN (SELECT id FROM webhook_inbox WHERE status = 'processed' AND received_at < $1 LIMIT $2)`,
      [rowCutoff, PAYLOAD_BATCH],
    );
    webhookRowsDeleted += rowCount;
    if (rowCount < PAYLOAD_BATCH) break;
  }
  if (webhookPayloadsPurged > 0 || webhookRowsDeleted > 0) {
    await ctx.audit.append({
      actor: 'privacy-guard:housekeeping',
      action: 'webhook.payloads.purged',
      clause: 'C15',
      outcome: 'purged',
      details: { count: webhookPayloadsPurged, receivedBefore: payloadCutoff, keepDays: options.webhookPayloadKeepDays, rowsDeleted: webhookRowsDeleted, rowsReceivedBefore: rowCutoff },
    });
  }
  return { exportsPurged, webhookPayloadsPurged, webhookRowsDeleted };
}
