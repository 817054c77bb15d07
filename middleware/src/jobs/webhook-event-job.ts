import type { Database } from '../store/database.js';
import type { Logger } from '../observability/logger.js';
import type { JobContext, JobHandler } from './queue.js';
import type { ZendeskWebhookEvent } from '../webhooks/zendesk/payload-schema.js';

export interface WebhookEventJobData {
  inboxId: number;
  vendor: 'zendesk' | 'livechat';
}

export interface LivechatWebhookEvent {
  webhook_id: string;
  action: string;
  organization_id?: string;
  payload: Record<string, unknown>;
}

/** What each vendor's events do; each returns a small outcome stored on the inbox row (no PII). */
export interface WebhookEventHandlers {
  zendesk: (event: ZendeskWebhookEvent, context: JobContext) => Promise<Record<string, unknown>>;
  livechat: (event: LivechatWebhookEvent, context: JobContext) => Promise<Record<string, unknown>>;
}

/** Runs the handler for one inbox row; a row already processed is skipped (safe to run twice). */
export function webhookEventJob(db: Database, handlers: WebhookEventHandlers, logger: Logger): JobHandler<WebhookEventJobData> {
  return async (data, context) => {
    const { rows } = await db.query<{ vendor: string; payload: unknown; status: string; event_type: string }>(
      'SELECT vendor, payload, status, event_type FROM webhook_inbox WHERE id = $1',
      [data.inboxId],
    );
    const row = rows[0];
    if (!row) {
      logger.warn({ jobId: context.jobId, inboxId: data.inboxId }, 'inbox row missing; nothing to do');
      return { skipped: 'missing' };
    }
    if (row.status === 'processed') return { skipped: 'already_processed' };
    const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
    const outcome =
      row.vendor === 'zendesk'
        ? await handlers.zendesk(payload as ZendeskWebhookEvent, context)
        : await handlers.livechat(payload as LivechatWebhookEvent, context);
    await db.query(`UPDATE webhook_inbox SET status = 'processed', processed_at = now(), outcome = $2 WHERE id = $1`, [
      data.inboxId,
      JSON.stringify(outcome),
    ]);
    logger.info({ jobId: context.jobId, inboxId: data.inboxId, eventType: row.event_type, outcome }, 'webhook event processed');
    return outcome;
  };
}
