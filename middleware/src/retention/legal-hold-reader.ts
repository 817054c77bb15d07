/**
 * Reads legal holds (C18) and restrictions (C24) for a set of people. Holds are placed and lifted
 * (and audited) by the holds API; retention only reads them, at preview time and again right
 * before each erasure.
 */
import type { SqlExecutor } from '../store/database.js';
import type { LegalHold } from '../policy/retention.js';

/** Holds per person key, lifted ones left out (a hold's own end date is checked by the policy). */
export async function holdsByPersonKey(sql: SqlExecutor, personKeys: readonly string[]): Promise<Map<string, LegalHold[]>> {
  const holds = new Map<string, LegalHold[]>();
  if (personKeys.length === 0) return holds;
  const { rows } = await sql.query<{ id: number; person_key: string; reason: string; placed_by: string; starts_at: Date | string; ends_at: Date | string | null }>(
    `SELECT id, person_key, reason, placed_by, starts_at, ends_at FROM legal_holds
     WHERE person_key = ANY($1::text[]) AND lifted_at IS NULL`,
    [[...personKeys]],
  );
  for (const row of rows) {
    const hold: LegalHold = {
      id: String(row.id),
      reason: row.reason,
      placedBy: row.placed_by,
      placedAt: new Date(row.starts_at),
      until: row.ends_at === null ? null : new Date(row.ends_at),
    };
    const list = holds.get(row.person_key) ?? [];
    list.push(hold);
    holds.set(row.person_key, list);
  }
  return holds;
}

/** Zendesk user ids whose processing is restricted (C24). */
export async function restrictedZendeskUserIds(sql: SqlExecutor, userIds: readonly number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set();
  const { rows } = await sql.query<{ zendesk_user_id: number }>(
    'SELECT zendesk_user_id FROM people WHERE restricted AND zendesk_user_id = ANY($1::bigint[])',
    [[...userIds]],
  );
  return new Set(rows.map((r) => Number(r.zendesk_user_id)));
}
