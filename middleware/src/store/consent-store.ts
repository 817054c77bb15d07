import type { SqlExecutor } from './database.js';
import type { ConsentRecord } from '../policy/consent.js';
import type { PersonKey } from '../policy/person-key.js';

/** The append-only consent ledger (C09): rows are inserted, never updated or deleted. */
export async function appendConsentRecord(
  sql: SqlExecutor,
  record: ConsentRecord & { zendeskUserId?: number; email?: string },
): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    `INSERT INTO consent_records (person_key, zendesk_user_id, email, purpose, action, source, evidence, policy_version, actor, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      record.personKey,
      record.zendeskUserId ?? null,
      record.email?.toLowerCase() ?? null,
      record.purpose,
      record.action,
      record.source,
      JSON.stringify(record.evidence),
      record.policyVersion,
      record.actor,
      record.at.toISOString(),
    ],
  );
  return Number(rows[0]!.id);
}

/** Every record under any of the keys, oldest first (insertion order breaks ties). */
export async function consentRecordsFor(sql: SqlExecutor, keys: readonly string[]): Promise<ConsentRecord[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql.query<Record<string, unknown>>(
    'SELECT * FROM consent_records WHERE person_key = ANY($1::text[]) ORDER BY at, id',
    [keys],
  );
  return rows.map((row) => ({
    personKey: String(row.person_key) as PersonKey,
    purpose: String(row.purpose),
    action: row.action as ConsentRecord['action'],
    source: row.source as ConsentRecord['source'],
    evidence: (typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence) as ConsentRecord['evidence'],
    policyVersion: String(row.policy_version),
    actor: String(row.actor),
    at: row.at instanceof Date ? row.at : new Date(String(row.at)),
  }));
}

/** Records for many people at once, grouped by the key they were stored under. */
export async function consentRecordsByKey(sql: SqlExecutor, keys: readonly string[]): Promise<Map<string, ConsentRecord[]>> {
  const grouped = new Map<string, ConsentRecord[]>();
  for (const record of await consentRecordsFor(sql, keys)) {
    const list = grouped.get(record.personKey) ?? [];
    list.push(record);
    grouped.set(record.personKey, list);
  }
  return grouped;
}
