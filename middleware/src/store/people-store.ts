import type { SqlExecutor } from './database.js';
import { personRegion, type PersonRegion } from '../policy/person-region.js';

/** What the product remembers about a person: enough to decide without asking Zendesk again. */
export interface KnownPerson {
  personKey: string;
  zendeskUserId: number | null;
  email: string | null;
  displayName: string | null;
  role: string | null;
  restricted: boolean;
  minor: boolean;
  /** C13: where the person is, as last read from their `pg_region` user field. */
  region: PersonRegion;
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
    region: row.region === 'eea' || row.region === 'non_eea' ? row.region : 'unknown',
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

/**
 * Records (or refreshes) a Zendesk user we have seen, keyed `zendesk:<id>`. When the read carried
 * the user's custom fields, their C13 region is remembered too (a cleared field clears it), so the
 * admin page can show regions without reading Zendesk again; a read without fields keeps it.
 */
export async function rememberZendeskUser(
  sql: SqlExecutor,
  user: { id: number; email?: string | null; name?: string | null; role?: string | null; user_fields?: Record<string, unknown> | null },
): Promise<void> {
  const hasFields = user.user_fields !== undefined && user.user_fields !== null;
  const region = hasFields ? personRegion(user.user_fields) : 'unknown';
  await sql.query(
    `INSERT INTO people (person_key, zendesk_user_id, email, display_name, role, region)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (person_key) DO UPDATE SET email = COALESCE(EXCLUDED.email, people.email),
       display_name = COALESCE(EXCLUDED.display_name, people.display_name),
       role = COALESCE(EXCLUDED.role, people.role),
       region = CASE WHEN $7::boolean THEN EXCLUDED.region ELSE people.region END, updated_at = now()`,
    [`zendesk:${user.id}`, user.id, user.email?.toLowerCase() ?? null, user.name ?? null, user.role ?? null, region === 'unknown' ? null : region, hasFields],
  );
}
