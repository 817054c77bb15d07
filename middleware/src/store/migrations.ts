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
        role text,
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
  {
    version: 3,
    name: 'CC enforcement: the removal in flight, so a crash between Zendesk and the commit is resolved, not repeated',
    sql: `ALTER TABLE cc_enforcement_state ADD COLUMN pending jsonb;`,
  },
  {
    version: 10,
    name: 'retention previews, per-person outcomes and sweep progress',
    sql: `
      CREATE TABLE retention_previews (
        id text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL CHECK (status IN ('scanning', 'pending_approval', 'approved', 'running', 'done', 'superseded')),
        trigger text NOT NULL,
        requested_by text,
        profile_id text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('delete', 'anonymize')),
        as_of timestamptz NOT NULL,
        cutoff timestamptz NOT NULL,
        strategy text NOT NULL CHECK (strategy IN ('search_export', 'incremental')),
        cursor text,
        scanned integer NOT NULL DEFAULT 0,
        processed integer NOT NULL DEFAULT 0,
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        scan_finished_at timestamptz,
        approved_by text,
        approved_at timestamptz,
        run_finished_at timestamptz,
        summary jsonb
      );
      CREATE INDEX retention_previews_created ON retention_previews (created_at DESC);

      CREATE TABLE retention_preview_people (
        preview_id text NOT NULL REFERENCES retention_previews (id) ON DELETE CASCADE,
        zendesk_user_id bigint NOT NULL,
        person_key text NOT NULL,
        outcome text NOT NULL,
        reason text NOT NULL,
        clause text NOT NULL,
        last_activity_at timestamptz,
        last_activity_system text,
        due_at timestamptz,
        blocking_ticket_ids jsonb,
        tickets_to_close jsonb,
        hold_ids jsonb,
        batch_no integer,
        erasure_status text CHECK (erasure_status IN ('queued', 'erasing', 'erased', 'held', 'blocked', 'failed')),
        erasure_claimed_at timestamptz,
        erasure_detail jsonb,
        PRIMARY KEY (preview_id, zendesk_user_id)
      );
      CREATE INDEX retention_preview_people_batch ON retention_preview_people (preview_id, batch_no, erasure_status);
    `,
  },
  {
    version: 20,
    name: 'data-subject requests: requests, per-system steps, manual tasks, receipts, exports, attestations',
    sql: `
      CREATE TABLE privacy_requests (
        id uuid PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('access', 'erasure', 'rectification', 'restriction', 'objection')),
        origin text NOT NULL CHECK (origin IN ('ticket', 'agent', 'retention', 'minor_mark')),
        mode text CHECK (mode IN ('delete', 'anonymize')),
        person_key text NOT NULL,
        zendesk_user_id bigint,
        ticket_id bigint,
        status text NOT NULL CHECK (status IN ('received', 'awaiting_identity', 'in_progress', 'completed', 'refused', 'failed')),
        received_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        extension_days integer,
        extension_reason text,
        identity jsonb,
        needs_review boolean NOT NULL DEFAULT false,
        refusal_reason text,
        blocked jsonb,
        working_data jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_by text NOT NULL,
        confirmation_requested_at timestamptz,
        completed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX privacy_requests_ticket_type ON privacy_requests (ticket_id, type) WHERE ticket_id IS NOT NULL;
      CREATE INDEX privacy_requests_person ON privacy_requests (person_key);
      CREATE INDEX privacy_requests_status ON privacy_requests (status, due_at);

      CREATE TABLE request_steps (
        id bigserial PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES privacy_requests (id),
        system text NOT NULL CHECK (system IN ('zendesk', 'livechat', 'talkdesk', 'privacy_guard')),
        step text NOT NULL,
        seq integer NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed', 'manual')),
        attempts integer NOT NULL DEFAULT 0,
        result jsonb NOT NULL DEFAULT '{}'::jsonb,
        last_error text,
        lease_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (request_id, system, step)
      );
      CREATE INDEX request_steps_running ON request_steps (status, lease_until);

      CREATE TABLE manual_tasks (
        id bigserial PRIMARY KEY,
        task_key text NOT NULL UNIQUE,
        request_id uuid REFERENCES privacy_requests (id),
        system text NOT NULL,
        title text NOT NULL,
        instructions text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        done_by text,
        proof text
      );
      CREATE INDEX manual_tasks_status ON manual_tasks (status, due_at);

      CREATE TABLE request_receipts (
        request_id uuid PRIMARY KEY REFERENCES privacy_requests (id),
        receipt jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE request_exports (
        request_id uuid PRIMARY KEY REFERENCES privacy_requests (id),
        archive bytea NOT NULL,
        sha256 text NOT NULL,
        byte_size integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE attestations (
        id bigserial PRIMARY KEY,
        ticket_id bigint NOT NULL,
        person_key text NOT NULL,
        statement text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX attestations_ticket ON attestations (ticket_id);
    `,
  },
  {
    version: 30,
    name: 'comment scanning (C03-C06): per-ticket scan state and findings',
    sql: `
      CREATE TABLE comment_scan_state (
        ticket_id bigint PRIMARY KEY,
        last_scanned_comment_id bigint NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until timestamptz,
        scans integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE comment_findings (
        id bigserial PRIMARY KEY,
        ticket_id bigint NOT NULL,
        comment_id bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('card_number', 'credential', 'special_category')),
        subtype text NOT NULL,
        status text NOT NULL CHECK (status IN ('redacted', 'flagged')),
        count integer NOT NULL CHECK (count > 0),
        action text NOT NULL CHECK (action IN ('redact', 'redact_on_solved', 'flag')),
        redaction_method text,
        found_at timestamptz NOT NULL DEFAULT now(),
        redacted_at timestamptz,
        noted_at timestamptz,
        UNIQUE (ticket_id, comment_id, kind, subtype)
      );
      CREATE INDEX comment_findings_ticket ON comment_findings (ticket_id, status);
    `,
  },
  {
    version: 40,
    name: 'request confirmations (C20): single-use expiring link and code per request; replies to the person',
    sql: `
      -- Only keyed hashes of the link token and the code are stored: a copy of the database
      -- cannot confirm anything. One live confirmation per request.
      CREATE TABLE request_confirmations (
        request_id uuid PRIMARY KEY REFERENCES privacy_requests (id),
        subject_ref text NOT NULL,
        zendesk_user_id bigint NOT NULL,
        link_hash text UNIQUE,
        code_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        failed_attempts integer NOT NULL DEFAULT 0,
        last_seen_comment_id bigint NOT NULL DEFAULT 0,
        used_at timestamptz,
        used_by text CHECK (used_by IN ('link', 'code')),
        revoked_at timestamptz,
        revoked_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      -- Public replies owed to the person (objection noted, code refused, request ended), posted by
      -- the request-reply job; the key makes a retried transaction owe the same reply once.
      CREATE TABLE request_replies (
        reply_key text PRIMARY KEY,
        request_id uuid NOT NULL REFERENCES privacy_requests (id),
        ticket_id bigint NOT NULL,
        kind text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        solve_ticket boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        posted_at timestamptz,
        outcome text
      );
      CREATE INDEX request_replies_request ON request_replies (request_id);
    `,
  },
  {
    version: 45,
    name: 'person keys normalised (one form per person): holds and requests placed with mixed-case addresses bind again',
    // Holds used to store the key as typed; erasures look them up by the lower-cased address (C18).
    sql: `
      UPDATE legal_holds SET person_key = 'email:' || lower(btrim(substr(person_key, 7))) WHERE person_key LIKE 'email:%' AND person_key <> 'email:' || lower(btrim(substr(person_key, 7)));
      UPDATE attestations SET person_key = 'email:' || lower(btrim(substr(person_key, 7))) WHERE person_key LIKE 'email:%' AND person_key <> 'email:' || lower(btrim(substr(person_key, 7)));
    `,
  },
  {
    version: 70,
    name: 'CC overrides: an admin keeps one CC on one ticket without consent (audited; the webhook honours it)',
    sql: `
      CREATE TABLE cc_overrides (
        id bigserial PRIMARY KEY,
        ticket_id bigint,
        person_key text NOT NULL,
        reason text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX cc_overrides_ticket ON cc_overrides (ticket_id, person_key);
    `,
  },
  {
    version: 76,
    name: 'C32 policy versions: the version in force, its publication by an admin, and the change notices sent per person (resumable from a cursor)',
    sql: `
      CREATE TABLE policy_versions (
        version text PRIMARY KEY,
        profile_id text NOT NULL,
        first_in_force_at timestamptz NOT NULL,
        published_at timestamptz,
        published_by text,
        affects_rights boolean,
        summary text,
        notice_status text NOT NULL DEFAULT 'unpublished',
        notice_cursor text,
        notice_pages integer NOT NULL DEFAULT 0,
        notices_sent integer NOT NULL DEFAULT 0,
        notices_skipped integer NOT NULL DEFAULT 0,
        notices_finished_at timestamptz
      );
      CREATE TABLE policy_change_notices (
        version text NOT NULL REFERENCES policy_versions (version),
        zendesk_user_id bigint NOT NULL,
        status text NOT NULL,
        reason text,
        ticket_id bigint,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (version, zendesk_user_id)
      );
    `,
  },
  {
    version: 77,
    name: 'C33 suppression list: contacts who asked to be removed, keyed by a keyed hash of the address (no address in clear)',
    sql: `
      CREATE TABLE suppressed_contacts (
        address_hash text PRIMARY KEY,
        reason text NOT NULL,
        ticket_id bigint,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 78,
    name: 'C13 person region: where a person is (eea / non_eea), remembered from the pg_region user field whenever the product reads the user anyway; null is unknown',
    sql: `
      ALTER TABLE people ADD COLUMN region text CHECK (region IN ('eea', 'non_eea'));
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
