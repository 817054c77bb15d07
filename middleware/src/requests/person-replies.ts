import type { AppContext } from '../app-context.js';
import { InvalidRequestError, NotFoundError } from '../errors.js';
import type { SqlExecutor } from '../store/database.js';
import { renderReply, type RefusalKind, type ReplyKind } from '../policy/request-reply-texts.js';
import type { PrivacyRequestRecord } from './request-store.js';

/** Data of a `request-reply` job: which owed reply to post. */
export interface RequestReplyJob {
  replyKey: string;
}

/**
 * Owes the person a public reply on the request ticket, in the caller's transaction: the reply
 * row and its job commit with the decision they report, so a decision is never left untold.
 * `dedupe` makes one decision owe one reply (a retried webhook or job does not repeat it).
 * A request without a ticket has nowhere to reply; nothing is owed.
 */
export async function oweReply(
  ctx: AppContext,
  tx: SqlExecutor,
  request: Pick<PrivacyRequestRecord, 'id' | 'type' | 'ticketId'>,
  kind: ReplyKind,
  options: { dedupe?: string; refusal?: RefusalKind; solveTicket?: boolean } = {},
): Promise<void> {
  if (request.ticketId === null) return;
  const replyKey = `${request.id}:${kind}${options.dedupe ? `:${options.dedupe}` : ''}`;
  const { rows } = await tx.query(
    `INSERT INTO request_replies (reply_key, request_id, ticket_id, kind, params, solve_ticket) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (reply_key) DO NOTHING RETURNING reply_key`,
    [replyKey, request.id, request.ticketId, kind, JSON.stringify({ type: request.type, ...(options.refusal ? { refusal: options.refusal } : {}) }), options.solveTicket ?? false],
  );
  if (rows.length === 1) await ctx.queue.enqueue('request-reply', { replyKey } satisfies RequestReplyJob, { tx });
}

/** Which refusal the person is told of, from the clause the refusal was made under. */
export function refusalKindOf(clause: string): RefusalKind {
  if (clause === 'C18') return 'legal_hold';
  if (clause === 'C24') return 'restricted';
  return 'other';
}

/**
 * The `request-reply` job: posts the owed reply once. A ticket that is gone or closed cannot take
 * it; that is recorded as the reply's outcome instead of retried forever.
 */
export function requestReplyJob(ctx: AppContext) {
  return async (data: RequestReplyJob): Promise<Record<string, unknown>> => {
    const { rows } = await ctx.db.query<{ request_id: string; ticket_id: string | number; kind: ReplyKind; params: unknown; solve_ticket: boolean; posted_at: unknown }>(
      'SELECT request_id, ticket_id, kind, params, solve_ticket, posted_at FROM request_replies WHERE reply_key = $1',
      [data.replyKey],
    );
    const reply = rows[0];
    if (!reply) return { skipped: 'unknown_reply' };
    if (reply.posted_at) return { skipped: 'already_posted' };
    const params = (typeof reply.params === 'string' ? JSON.parse(reply.params) : reply.params) as { type: PrivacyRequestRecord['type']; refusal?: RefusalKind };
    const body = renderReply(ctx.config.accountLocale, reply.kind, { ...params, reference: String(reply.request_id) });
    let outcome = 'posted';
    try {
      await ctx.vendors.zendesk.updateTicket(Number(reply.ticket_id), { comment: { body, public: true }, ...(reply.solve_ticket ? { status: 'solved' } : {}) });
    } catch (error) {
      if (error instanceof NotFoundError) outcome = 'ticket_gone';
      else if (error instanceof InvalidRequestError) outcome = 'ticket_not_updatable';
      else throw error;
    }
    await ctx.db.query('UPDATE request_replies SET posted_at = $2, outcome = $3 WHERE reply_key = $1', [data.replyKey, ctx.now().toISOString(), outcome]);
    return { kind: reply.kind, outcome };
  };
}
