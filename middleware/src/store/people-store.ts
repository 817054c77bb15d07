import type { SqlExecutor } from './database.js';

/** What the product remembers about a person: enough to decide without asking Zendesk again. */
export interface KnownPerson {
  personKey: string;
  zendeskUserId: number | null;
  email: string | null;
  displayName: string | null;
  role: string | null;
  restricted: boolean;
  minor: boolean;
}

function toPerson(row: Record<string, unknown>): KnownPerson {
  return {
    personKey: String(row.person_key),
    zendeskUserId: row.zendesk_user_id === null ? null : Number(row.zendesk_user_id),
    email: (row.email as string | null) ?? null,
    displayName: (row.display_name as string | null) ?? null,
    role: (row.role as string | null) ?? null,
    restricted: Boolean(row.restricted),
    minor: Boolean(row.minor),
  };
}

export async function peopleByZendeskIds(sql: SqlExecutor, ids: readonly number[]): Promise<Map<number, KnownPerson>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql.query<Record<string, unknown>>('SELECT * FROM people WHERE zendesk_user_id = ANY($1::bigint[])', [ids]);
  return new Map(rows.map((row) => [Number(row.zendesk_user_id), toPerson(row)]));
}

export async function personByKey(sql: SqlExecutor, personKey: string): Promise<KnownPerson | undefined> {
  const { rows } = await sql.query<Record<string, unknown>>('SELECT * FROM people WHERE person_key = $1', [personKey]);
  return rows[0] ? toPerson(rows[0]) : undefined;
}

/** Records (or refreshes) a Zendesk user we have seen, keyed `zendesk:<id>`. */
export async function rememberZendeskUser(sql: SqlExecutor, user: { id: number; email?: string | null; name?: string | null; role?: string | null }): Promise<void> {
  await sql.query(
    `INSERT INTO people (person_key, zendesk_user_id, email, display_name, role)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (person_key) DO UPDATE SET email = COALESCE(EXCLUDED.email, people.email),
       display_name = COALESCE(EXCLUDED.display_name, people.display_name),
       role = COALESCE(EXCLUDED.role, people.role), updated_at = now()`,
    [`zendesk:${user.id}`, user.id, user.email?.toLowerCase() ?? null, user.name ?? null, user.role ?? null],
  );
}
