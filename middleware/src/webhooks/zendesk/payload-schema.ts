import { z } from 'zod';

/** Zendesk placeholders render ids as strings ("{{ticket.id}}" → "123"); accept both forms. */
const numericId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/, 'must be a numeric id').transform(Number)]);
const optionalText = z.string().optional();

const personRef = z.object({ id: numericId.optional(), user_id: numericId.optional(), email: z.string().optional(), name: z.string().optional(), role: z.enum(['end-user', 'agent', 'admin']).optional() });

/** Id lists arrive as arrays or as the comma-separated text a Liquid loop renders ("502,503" or ""). */
const idList = z.union([
  z.array(numericId),
  z.string().regex(/^[\d,\s]*$/, 'must be comma-separated numeric ids').transform((s) => s.split(',').map((p) => p.trim()).filter(Boolean).map(Number)),
]);

/** Tags arrive as an array (event envelopes) or a space-separated string (the "{{ticket.tags}}" placeholder). */
const tags = z.union([z.array(z.string()), z.string().transform((s) => s.split(/\s+/).filter(Boolean))]);

/**
 * The trigger body this product defines (installed by requirements.json; documented in the README).
 * Only `type` and `ticket.id` are required so that older trigger bodies keep working.
 */
export const ticketTriggerBodySchema = z.object({
  type: z.literal('ticket_trigger'),
  ticket: z
    .object({
      id: numericId,
      status: optionalText,
      requester_id: numericId.optional(),
      updated_at: optionalText,
      via: optionalText,
      tags: tags.optional(),
      email_ccs: z.array(personRef).optional(),
      followers: z.array(personRef).optional(),
      email_cc_ids: idList.optional(),
      follower_ids: idList.optional(),
      updated_by_id: z.union([numericId, z.literal('')]).optional(),
      latest_comment_id: z.union([numericId, z.literal('')]).optional(),
    })
    .passthrough(),
});

/**
 * Event-subscribed webhooks (`zen:event-type:*`) send this envelope.
 * https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/
 */
export const eventEnvelopeSchema = z.object({
  id: z.string().min(1, 'must be the event id').max(200).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces'),
  type: z.string().regex(/^zen:event-type:[a-z_]+\.[a-z_.]+$/, 'must look like "zen:event-type:ticket.created"'),
  account_id: z.union([z.number(), z.string()]),
  subject: z.string(),
  time: z.string(),
  zendesk_event_version: z.string().optional(),
  detail: z.record(z.string(), z.unknown()),
  event: z.record(z.string(), z.unknown()).optional(),
});

export type TicketTriggerBody = z.infer<typeof ticketTriggerBodySchema>;
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

/** What the job receives: one shape, whichever way the webhook was wired. */
export interface ZendeskWebhookEvent {
  source: 'trigger' | 'event';
  /** e.g. "ticket.updated", "ticket.created", "user.deleted". */
  eventType: string;
  /** The event id for envelopes; absent for trigger bodies. */
  eventId?: string;
  ticketId?: number;
  userId?: number;
  payload: TicketTriggerBody | EventEnvelope;
}

export type ParseOutcome = { ok: true; event: ZendeskWebhookEvent } | { ok: false; issues: string[] };

/** Validates a parsed JSON body as either accepted shape; the issues name paths, never values. */
export function parseZendeskWebhook(json: unknown): ParseOutcome {
  const isEnvelope = typeof json === 'object' && json !== null && typeof (json as { type?: unknown }).type === 'string' && (json as { type: string }).type.startsWith('zen:event-type:');
  if (isEnvelope) {
    const parsed = eventEnvelopeSchema.safeParse(json);
    if (!parsed.success) return { ok: false, issues: describeIssues(parsed.error) };
    const envelope = parsed.data;
    const eventType = envelope.type.slice('zen:event-type:'.length);
    const detailId = envelope.detail.id;
    const numeric = typeof detailId === 'number' ? detailId : typeof detailId === 'string' && /^\d+$/.test(detailId) ? Number(detailId) : undefined;
    return {
      ok: true,
      event: {
        source: 'event',
        eventType,
        eventId: envelope.id,
        ticketId: eventType.startsWith('ticket.') ? numeric : undefined,
        userId: eventType.startsWith('user.') ? numeric : undefined,
        payload: envelope,
      },
    };
  }
  const parsed = ticketTriggerBodySchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: describeIssues(parsed.error) };
  return { ok: true, event: { source: 'trigger', eventType: 'ticket.updated', ticketId: parsed.data.ticket.id, payload: parsed.data } };
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${issue.path.length ? issue.path.join('.') : '(body)'}: ${issue.message}`);
}
