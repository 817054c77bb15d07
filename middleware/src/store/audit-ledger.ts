import { createHash, createHmac } from 'node:crypto';
import type { Database, SqlExecutor } from './database.js';
import { subjectRefOfErasedKey } from '../policy/person-key.js';

/** One decision or data-changing call, as recorded (C29). No personal data in clear. */
export interface AuditEntryInput {
  actor: string;
  action: string;
  clause?: string;
  /** A keyed hash of the person (see `subjectRefFor`), or a non-personal reference such as "ticket:123". */
  subjectRef?: string;
  outcome: string;
  /** Vendor response ids, counts, ticket ids: never names, e-mails or text. */
  details?: Record<string, unknown>;
}

export interface AuditEntry extends Required<Omit<AuditEntryInput, 'clause' | 'subjectRef'>> {
  seq: number;
  at: string;
  clause: string | null;
  subjectRef: string | null;
  prevHash: string;
  hash: string;
}

export type AuditVerification = { ok: true; checked: number } | { ok: false; checked: number; firstBrokenSeq: number; reason: string };

const GENESIS_HASH = '0'.repeat(64);
const AUDIT_APPEND_LOCK = 7_418_230_552;

/** Stable JSON: keys sorted at every level, so the same content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function entryHash(prevHash: string, e: { seq: number; at: string; actor: string; action: string; clause: string | null; subjectRef: string | null; outcome: string; details: unknown }): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, clause: e.clause, subjectRef: e.subjectRef, outcome: e.outcome, details: e.details }))
    .digest('hex');
}

/** The append-only, hash-chained audit ledger: each entry carries the hash of the one before. */
export class AuditLedger {
  constructor(private readonly db: Database, private readonly auditKey: string, private readonly now: () => Date = () => new Date()) {}

  /** A keyed hash of a person's key: stable for lookups, meaningless without AUDIT_KEY. */
  subjectRefFor(personKey: string): string {
    // An erased person's remaining records are keyed by their reference already.
    const erased = subjectRefOfErasedKey(personKey);
    if (erased) return erased;
    return `person:${createHmac('sha256', this.auditKey).update(personKey).digest('hex').slice(0, 32)}`;
  }

  /** Appends inside `tx` when given (so the entry commits with the change it records). */
  async append(input: AuditEntryInput, tx?: SqlExecutor): Promise<AuditEntry> {
    const run = async (sql: SqlExecutor) => {
      await sql.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
      const last = await sql.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_ledger ORDER BY seq DESC LIMIT 1');
      const prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
      const seq = Number(last.rows[0]?.seq ?? 0) + 1;
      const at = this.now().toISOString();
      const entry = {
        seq,
        at,
        actor: input.actor,
        action: input.action,
        clause: input.clause ?? null,
        subjectRef: input.subjectRef ?? null,
        outcome: input.outcome,
        details: input.details ?? {},
      };
      const hash = entryHash(prevHash, entry);
      await sql.query(
        `INSERT INTO audit_ledger (seq, at, actor, action, clause, subject_ref, outcome, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [seq, at, entry.actor, entry.action, entry.clause, entry.subjectRef, entry.outcome, JSON.stringify(entry.details), prevHash, hash],
      );
      return { ...entry, prevHash, hash };
    };
    return tx ? run(tx) : this.db.transaction(run);
  }

  async recent(limit = 50): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<Record<string, unknown>>('SELECT * FROM audit_ledger ORDER BY seq DESC LIMIT $1', [limit]);
    return rows.map(toEntry);
  }

  /** Recomputes the chain in order, in pages; names the first entry whose content or link is wrong. */
  async verify(pageSize = 1000): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (;;) {
      const { rows } = await this.db.query<Record<string, unknown>>('SELECT * FROM audit_ledger WHERE seq >= $1 ORDER BY seq LIMIT $2', [expectedSeq, pageSize]);
      if (rows.length === 0) return { ok: true, checked };
      for (const row of rows) {
        const entry = toEntry(row);
        if (entry.seq !== expectedSeq) return { ok: false, checked, firstBrokenSeq: expectedSeq, reason: 'entry missing from the sequence' };
        if (entry.prevHash !== prevHash) return { ok: false, checked, firstBrokenSeq: entry.seq, reason: 'link to the previous entry is wrong' };
        if (entryHash(prevHash, entry) !== entry.hash) return { ok: false, checked, firstBrokenSeq: entry.seq, reason: 'content does not match its hash' };
        prevHash = entry.hash;
        expectedSeq++;
        checked++;
      }
    }
  }
}

function toEntry(row: Record<string, unknown>): AuditEntry {
  const at = row.at instanceof Date ? row.at.toISOString() : new Date(String(row.at)).toISOString();
  const details = typeof row.details === 'string' ? JSON.parse(row.details) : (row.details as Record<string, unknown>);
  return {
    seq: Number(row.seq),
    at,
    actor: String(row.actor),
    action: String(row.action),
    clause: (row.clause as string | null) ?? null,
    subjectRef: (row.subject_ref as string | null) ?? null,
    outcome: String(row.outcome),
    details,
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}
