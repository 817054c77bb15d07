import { z } from 'zod';

/**
 * What Zendesk's placeholders really render, accepted as such (a 4xx is never retried by Zendesk,
 * so a refused delivery is lost): ids as text ("{{ticket.id}}" -> "123"), often with the spaces
 * and newlines a Liquid loop leaves around them; an empty string where the value does not exist
 * yet ("{{ticket.requester.id}}" on a ticket without a requester); id lists with stray or
 * trailing separators ("502, 503, ," from `{% for cc in ticket.ccs %}{{cc.id}},{% endfor %}`);
 * roles as the display names `{{user.role}}` renders ("End user", "Agent", "Admin").
 * https://support.zendesk.com/hc/en-us/articles/4408886858138 (placeholders reference)
 */
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
/** An empty rendering means "no value": the field is treated as absent. */
const blankAsAbsent = (value: unknown) => {
  const t = trimmed(value);
  return t === '' || t === null ? undefined : t;
};

const numericIdValue = z.union([z.number().int().positive(), z.string().regex(/^\d{1,15}$/, 'must be a numeric id').transform(Number)]);
const numericId = z.preprocess(trimmed, numericIdValue);
/** An id that may render empty (no requester yet, no comment, a system update). */
const optionalId = z.preprocess(blankAsAbsent, numericIdValue.optional());
const optionalText = z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), z.string().optional());

/** `{{user.role}}` renders "End user", "Agent" or "Admin"; the API says "end-user", "agent", "admin". */
const role = z.preprocess((value) => {
  const t = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (t === '' || t === undefined || t === null) return undefined;
  if (t === 'end-user' || t === 'end user' || t === 'enduser' || t === 'end_user') return 'end-user';
  if (t === 'admin' || t === 'administrator') return 'admin';
  if (t === 'agent') return 'agent';
  return t;
}, z.enum(['end-user', 'agent', 'admin']).optional());

const personRef = z.object({
  id: optionalId,
  user_id: optionalId,
  email: optionalText,
  name: optionalText,
  role,
});

/**
 * People as the shipped body's Liquid loop renders them, one `id:email:role` entry per person,
 * entries separated by commas (a text, so the body stays JSON whatever the loop renders):
 * "601:a@example.com:End user,602:b@example.com:Agent,". Or an array of `{id, email, role}`.
 */
const personList = z.union([
  z.array(personRef),
  z.string().transform((text, ctx) => {
    const people: Array<z.infer<typeof personRef>> = [];
    for (const entry of text.split(/[,;\n]/).map((e) => e.trim()).filter(Boolean)) {
      const [id, email, roleText] = entry.split(':').map((part) => part.trim());
      const parsed = personRef.safeParse({ id, email, role: roleText });
      if (!parsed.success || parsed.data.id === undefined) {
        ctx.addIssue({ code: 'custom', message: 'each entry must be "id:email:role" with a numeric id' });
        return z.NEVER;
      }
      people.push(parsed.data);
    }
    return people;
  }),
]);

/** Id lists arrive as arrays or as the text a Liquid loop renders: commas, spaces or newlines between ids, stray ones at the ends. */
const idList = z.union([
  z.array(numericId),
  z
    .string()
    .regex(/^[\d,;\s]*$/, 'must be numeric ids separated by commas')
    .transform((s) => s.split(/[,;\s]+/).filter(Boolean).map(Number)),
]);

/** Tags arrive as an array (event envelopes) or a space-separated string (the "{{ticket.tags}}" placeholder). */
const tags = z.union([z.array(z.string()), z.string().transform((s) => s.split(/\s+/).filter(Boolean))]);

/**
 * `{{ticket.latest_comment.attachments | size}}`: how many files the newest comment carries. Anything but a count (a
 * body from before this field, a renderer that leaves it empty) is unknown, not refused: a 4xx would lose the delivery.
 */
const attachmentCount = z.preprocess((value) => {
  const t = trimmed(value);
  if (typeof t === 'number') return Number.isInteger(t) && t >= 0 ? t : undefined;
  return typeof t === 'string' && /^\d{1,6}$/.test(t) ? Number(t) : undefined;
}, z.number().int().nonnegative().optional());

/** The newest comment as `{{ticket.latest_comment.id}}`, `.value` and `.attachments.size` render it. */
const latestComment = z.object({ id: optionalId, value: z.string().optional(), is_public: optionalText, attachment_count: attachmentCount }).passthrough();

/**
 * The trigger body this product defines (installed by requirements.json; documented in the README).
 * Only `type` and `ticket.id` are required so that older trigger bodies keep working.
 */
export const ticketTriggerBodySchema = z.object({
  type: z.literal('ticket_trigger'),
  ticket: z
    .object({
      id: numericId,
      /** "create" or "change": which of the two shipped triggers sent it. */
      update_type: optionalText,
      status: optionalText,
      requester_id: optionalId,
      /** `{{ticket.requester.email}}`: the domain the C08 outside-domain rule compares CCs with. */
      requester_email: optionalText,
      /** `{{ticket.title}}`: C31 reads "Unsubscribe" from it without a ticket read. */
      subject: optionalText,
      updated_at: optionalText,
      via: optionalText,
      tags: tags.optional(),
      email_ccs: personList.optional(),
      followers: personList.optional(),
      email_cc_ids: idList.optional(),
      follower_ids: idList.optional(),
      updated_by_id: optionalId,
      latest_comment_id: optionalId,
      latest_comment: latestComment.optional(),
      /** Every comment id of the ticket, from `{% for c in ticket.comments %}{{c.id}},{% endfor %}`. */
      comment_ids: idList.optional(),
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
