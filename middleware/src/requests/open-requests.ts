import type { AppContext } from '../app-context.js';
import type { OpenRequest } from '../../../zendesk-app/src/api/contract.js';

const OPEN_STATUSES = ['received', 'awaiting_identity', 'in_progress'];

/** The person's requests still being worked, with their deadline and overdue flag (C26). */
export async function openRequestsFor(ctx: AppContext, personKeys: string[]): Promise<OpenRequest[]> {
  const { rows } = await ctx.db.query<{ id: string; type: OpenRequest['type']; status: string; due_at: Date | string }>(
    'SELECT id, type, status, due_at FROM privacy_requests WHERE person_key = ANY($1::text[]) AND status = ANY($2::text[]) ORDER BY due_at',
    [personKeys, OPEN_STATUSES],
  );
  const now = ctx.now().getTime();
  return rows.map((r) => {
    const due = new Date(r.due_at);
    return { id: String(r.id), type: r.type, status: r.status, dueAt: due.toISOString(), overdue: due.getTime() < now };
  });
}
