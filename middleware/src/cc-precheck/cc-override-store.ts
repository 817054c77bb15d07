import type { SqlExecutor } from '../store/database.js';

/** An admin's decision to keep one CC on one ticket without that person's consent (C07 exception). */
export interface CcOverrideRecord {
  id: string;
  ticketId: number | null;
  personKey: string;
  actor: string;
  at: Date;
}

export async function insertCcOverride(sql: SqlExecutor, o: { ticketId: number | null; personKey: string; reason: string; actor: string; at: Date }): Promise<CcOverrideRecord> {
  const { rows } = await sql.query<{ id: string | number; at: Date | string }>(
    'INSERT INTO cc_overrides (ticket_id, person_key, reason, actor, at) VALUES ($1, $2, $3, $4, $5) RETURNING id, at',
    [o.ticketId, o.personKey, o.reason, o.actor, o.at.toISOString()],
  );
  const row = rows[0]!;
  return { id: String(row.id), ticketId: o.ticketId, personKey: o.personKey, actor: o.actor, at: new Date(row.at) };
}

/** Person keys an admin allowed as CCs on this ticket. */
export async function overriddenPersonKeys(sql: SqlExecutor, ticketId: number): Promise<Set<string>> {
  const { rows } = await sql.query<{ person_key: string }>('SELECT DISTINCT person_key FROM cc_overrides WHERE ticket_id = $1', [ticketId]);
  return new Set(rows.map((r) => r.person_key));
}
