import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Database } from '../../store/database.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Logger } from '../../observability/logger.js';
import { webhooksTotal } from '../../observability/metrics.js';
import { readRawBody } from '../read-raw-body.js';
import { declaresJsonBody } from '../content-type.js';
import { sendJson } from '../send-json.js';
import { acceptWebhook } from '../intake.js';
import { MAX_JSON_DEPTH, mayCarrySurrogateEscape, nestsDeeperThan, withWellFormedText } from '../json-guard.js';
import { describeIssues } from '../zendesk/payload-schema.js';
import { WEBHOOK_BODY_LIMIT_BYTES } from '../zendesk/route.js';

/**
 * LiveChat webhook body: the secret travels inside it as `secret_key` (no HMAC header).
 * https://platform.text.com/docs/management/webhooks
 */
export const livechatWebhookSchema = z.object({
  webhook_id: z.string().min(1),
  secret_key: z.string(),
  action: z.string().regex(/^[a-z_]{1,64}$/, 'must be a LiveChat action name'),
  organization_id: z.string().optional(),
  payload: z.record(z.string(), z.unknown()),
  additional_data: z.record(z.string(), z.unknown()).optional(),
});

function reject(res: Response, status: number, code: string, message: string, issues?: string[]) {
  webhooksTotal.inc({ vendor: 'livechat', outcome: code });
  sendJson(res, status, { error: { code, message, ...(issues ? { issues } : {}) } });
}

function secretMatches(received: unknown, expected: string): boolean {
  if (typeof received !== 'string') return false;
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** POST /webhooks/livechat: 415 → 413 → 400 malformed JSON → 401 secret → 400 payload → inbox + job → 200. */
export function livechatWebhookHandler(options: { db: Database; queue: JobQueue; logger: Logger; secret?: string }): RequestHandler {
  return async (req: Request, res: Response, next) => {
    try {
      if (!declaresJsonBody(req)) {
        req.resume();
        return reject(res, 415, 'unsupported_media_type', 'LiveChat webhooks must be sent with Content-Type: application/json.');
      }
      if (!options.secret) {
        req.resume();
        return reject(res, 401, 'not_configured', 'LiveChat webhooks are not enabled: set LIVECHAT_WEBHOOK_SECRET.');
      }
      const body = await readRawBody(req, { keepLimitBytes: WEBHOOK_BODY_LIMIT_BYTES, hardLimitBytes: WEBHOOK_BODY_LIMIT_BYTES });
      if (body.truncated || !body.buffer) return reject(res, 413, 'payload_too_large', `The body exceeds ${WEBHOOK_BODY_LIMIT_BYTES} bytes.`);
      const text = body.buffer.toString('utf8');
      // The secret is inside the body, so the body is read before it is authenticated: nothing
      // here may recurse on its shape.
      if (nestsDeeperThan(text)) return reject(res, 400, 'malformed_json', `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return reject(res, 400, 'malformed_json', 'The body is not valid JSON.');
      }
      if (mayCarrySurrogateEscape(text)) json = withWellFormedText(json);
      const secretKey = typeof json === 'object' && json !== null ? (json as { secret_key?: unknown }).secret_key : undefined;
      if (secretKey === undefined) return reject(res, 400, 'missing_secret_key', 'The body has no secret_key field; set a secret key on the LiveChat webhook.');
      if (!secretMatches(secretKey, options.secret)) return reject(res, 401, 'bad_secret', 'secret_key does not match LIVECHAT_WEBHOOK_SECRET.');
      const parsed = livechatWebhookSchema.safeParse(json);
      if (!parsed.success) return reject(res, 400, 'invalid_payload', 'The payload does not match a LiveChat webhook.', describeIssues(parsed.error));
      const { secret_key: _secret, ...withoutSecret } = parsed.data;
      // LiveChat sends no delivery id; the same action on the same payload is the same event.
      const eventKey = createHash('sha256').update(parsed.data.action).update(JSON.stringify(withoutSecret.payload)).digest('hex');
      const result = await acceptWebhook(options.db, {
        vendor: 'livechat',
        eventKey,
        eventType: parsed.data.action,
        payload: withoutSecret,
      });
      webhooksTotal.inc({ vendor: 'livechat', outcome: result.status });
      options.logger.info({ requestId: (req as { id?: string }).id, action: parsed.data.action, status: result.status }, 'livechat webhook');
      sendJson(res, 200, result.status === 'accepted' ? { status: 'accepted', jobId: result.jobId } : { status: 'duplicate' });
    } catch (error) {
      next(error);
    }
  };
}
