import type { Database } from './database.js';

/** Versioned, append-only schema changes. Never edit a shipped migration: add a new one. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'webhook inbox and audit ledger',
    sql: `
      CREATE TABLE webhook_inbox (
        id bigserial PRIMARY KEY,
        vendor text NOT NULL,
        event_key text NOT NULL,
        event_type text NOT NULL,
        subject_ref text,
        payload jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        job_id text,
        status text NOT NULL DEFAULT 'queued',
        processed_at timestamptz,
        outcome jsonb,
        UNIQUE (vendor, event_key)
      );
      CREATE INDEX webhook_inbox_status ON webhook_inbox (status, received_at);

      CREATE TABLE audit_ledger (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        clause text,
        subject_ref text,
        outcome text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      );
    `,
  },
  {
    version: 2,
    name: 'people, consent ledger, holds, CC enforcement state',
    sql: `
      CREATE TABLE people (
        person_key text PRIMARY KEY,
        zendesk_user_id bigint UNIQUE,
        email text,
        display_name text,
        restricted boolean NOT NULL DEFAULT false,
        minor boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX people_email ON people (lower(email));

      CREATE TABLE consent_records (
        id bigserial PRIMARY KEY,
        person_key text NOT NULL,
        zendesk_user_id bigint,
        email text,
        purpose text NOT NULL,
        action text NOT NULL CHECK (action IN ('granted', 'withdrawn')),
        source text NOT NULL CHECK (source IN ('sidebar', 'web_form', 'email_reply', 'api')),
        evidence jsonb NOT NULL DEFAULT '{}'::jsonb,
        policy_version text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX consent_records_person ON consent_records (person_key, purpose, at);

      CREATE TABLE legal_holds (
        id bigserial PRIMARY KEY,
        person_key text NOT NULL,
        reason text NOT NULL,
        placed_by text NOT NULL,
        starts_at timestamptz NOT NULL DEFAULT now(),
        ends_at timestamptz,
        lifted_at timestamptz,
        lifted_by text
      );
      CREATE INDEX legal_holds_person ON legal_holds (person_key);

      CREATE TABLE cc_enforcement_state (
        ticket_id bigint PRIMARY KEY,
        last_removed jsonb NOT NULL DEFAULT '[]'::jsonb,
        updates_made integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

const MIGRATION_LOCK = 7_418_230_551; // arbitrary, fixed: serialises migrations across replicas

/** Applies every migration not yet recorded, each in its own transaction, under an advisory lock. */
export async function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.rowCount > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}
