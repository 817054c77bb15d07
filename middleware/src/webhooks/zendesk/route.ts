import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Database } from '../../store/database.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Logger } from '../../observability/logger.js';
import { webhooksTotal } from '../../observability/metrics.js';
import { readRawBody } from '../read-raw-body.js';
import { declaresJsonBody } from '../content-type.js';
import { sendJson } from '../send-json.js';
import { acceptWebhook } from '../intake.js';
import { MAX_JSON_DEPTH, mayCarrySurrogateEscape, nestsDeeperThan, withWellFormedText } from '../json-guard.js';
import { parseZendeskWebhook } from './payload-schema.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signatureMatchesAny, timestampIsFresh } from './signature.js';

export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;
/** Past this we stop reading at all: no signature check is worth streaming more. */
const HARD_LIMIT_BYTES = 8 * WEBHOOK_BODY_LIMIT_BYTES;

export interface ZendeskWebhookOptions {
  db: Database;
  queue: JobQueue;
  logger: Logger;
  secrets: readonly string[];
  toleranceSeconds: number;
  now?: () => number;
}

function singleHeader(req: Request, lowerCaseName: string): string | undefined {
  const value = req.headers[lowerCaseName];
  return Array.isArray(value) ? value[0] : value || undefined;
}

function reject(res: Response, status: number, code: string, message: string, issues?: string[]) {
  webhooksTotal.inc({ vendor: 'zendesk', outcome: code });
  sendJson(res, status, { error: { code, message, ...(issues ? { issues } : {}) } });
}

/**
 * POST /webhooks/zendesk. Checks in a fixed order, each failure with its own status:
 * 415 not JSON → 400 missing signature headers → 401 bad signature or stale timestamp →
 * 413 over 1 MB → 400 malformed JSON or payload → persist inbox row + job → 200.
 */
export function zendeskWebhookHandler(options: ZendeskWebhookOptions): RequestHandler {
  const now = options.now ?? Date.now;
  return async (req: Request, res: Response, next) => {
    try {
      if (!declaresJsonBody(req)) {
        req.resume();
        return reject(res, 415, 'unsupported_media_type', 'Zendesk webhooks must be sent with Content-Type: application/json.');
      }
      const signature = singleHeader(req, SIGNATURE_HEADER);
      const timestamp = singleHeader(req, TIMESTAMP_HEADER);
      const missing = [!signature && 'X-Zendesk-Webhook-Signature', !timestamp && 'X-Zendesk-Webhook-Signature-Timestamp'].filter(Boolean);
      if (missing.length > 0 || !signature || !timestamp) {
        req.resume();
        return reject(res, 400, 'missing_signature_headers', `Missing header(s): ${missing.join(', ')}. Enable signing on the Zendesk webhook.`);
      }
      const body = await readRawBody(req, {
        keepLimitBytes: WEBHOOK_BODY_LIMIT_BYTES,
        hardLimitBytes: HARD_LIMIT_BYTES,
        hmacKeys: options.secrets,
        hmacPrefix: timestamp,
      });
      if (body.truncated) return reject(res, 413, 'payload_too_large', `The body exceeds ${WEBHOOK_BODY_LIMIT_BYTES} bytes.`);
      if (!signatureMatchesAny(signature, body.hmacs)) {
        return reject(res, 401, 'bad_signature', 'The signature does not match any configured webhook secret (ZENDESK_WEBHOOK_SECRETS).');
      }
      if (!timestampIsFresh(timestamp, now(), options.toleranceSeconds)) {
        return reject(res, 401, 'stale_timestamp', `The signature timestamp is more than ${options.toleranceSeconds} s away from this server's clock.`);
      }
      if (!body.buffer) return reject(res, 413, 'payload_too_large', `The body exceeds ${WEBHOOK_BODY_LIMIT_BYTES} bytes.`);
      const text = body.buffer.toString('utf8');
      if (nestsDeeperThan(text)) return reject(res, 400, 'malformed_json', `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return reject(res, 400, 'malformed_json', 'The body is not valid JSON.');
      }
      if (mayCarrySurrogateEscape(text)) json = withWellFormedText(json);
      const parsed = parseZendeskWebhook(json);
      if (!parsed.ok) return reject(res, 400, 'invalid_payload', 'The payload does not match an accepted Zendesk webhook shape.', parsed.issues);
      const event = parsed.event;
      // Only signed content identifies a delivery: the envelope's event id, or else a hash of the
      // signed timestamp and body. X-Zendesk-Webhook-Invocation-Id is not signed, so a captured
      // delivery replayed with a new id must still count as the same one.
      const eventKey = event.eventId ?? createHash('sha256').update(timestamp).update(body.buffer).digest('hex');
      const result = await acceptWebhook(options.db, {
        vendor: 'zendesk',
        eventKey,
        eventType: event.eventType,
        subjectRef: event.ticketId ? `ticket:${event.ticketId}` : event.userId ? `user:${event.userId}` : undefined,
        payload: event,
      });
      webhooksTotal.inc({ vendor: 'zendesk', outcome: result.status });
      options.logger.info({ requestId: (req as { id?: string }).id, eventType: event.eventType, status: result.status }, 'zendesk webhook');
      sendJson(res, 200, result.status === 'accepted' ? { status: 'accepted', jobId: result.jobId } : { status: 'duplicate' });
    } catch (error) {
      next(error);
    }
  };
}
