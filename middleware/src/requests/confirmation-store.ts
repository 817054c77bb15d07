import { createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { SqlExecutor } from '../store/database.js';
import { CODE_ALPHABET, CODE_LENGTH, hasDigitAndLetter } from '../policy/confirmation-reply.js';

/** One request's confirmation as stored: keyed hashes only, never the link token or the code. */
export interface ConfirmationRecord {
  requestId: string;
  subjectRef: string;
  zendeskUserId: number;
  hasLink: boolean;
  codeHash: string;
  expiresAt: Date;
  failedAttempts: number;
  lastSeenCommentId: number;
  usedAt: Date | null;
  usedBy: 'link' | 'code' | null;
  revokedAt: Date | null;
}

/** Wrong codes a confirmation takes before it is revoked (a 2^38 code space makes guessing hopeless anyway). */
export const MAX_FAILED_CODE_ATTEMPTS = 5;

/**
 * The key confirmations are hashed with: derived from SESSION_SECRET for this one purpose (HKDF),
 * so it is never the key that signs sessions or export links.
 */
export function confirmationKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'privacy-guard', 'request-confirmation v1', 32));
}

export function hashLinkToken(key: Buffer, token: string): string {
  return createHmac('sha256', key).update(`link:${token}`).digest('hex');
}

/** The code's hash is bound to its request: a code issued for one request never matches another. */
export function hashCode(key: Buffer, requestId: string, code: string): string {
  return createHmac('sha256', key).update(`code:${requestId}:${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A fresh code: eight characters of the code alphabet, with at least one digit and one letter. */
export function newCode(): string {
  for (;;) {
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (hasDigitAndLetter(code)) return code;
  }
}

/** A fresh link token: 192 random bits, URL-safe. */
export function newLinkToken(): string {
  return randomBytes(24).toString('base64url');
}

/** What a link token looks like; anything else is answered 404 without a database read. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

function toRecord(row: Record<string, unknown>): ConfirmationRecord {
  return {
    requestId: String(row.request_id),
    subjectRef: String(row.subject_ref),
    zendeskUserId: Number(row.zendesk_user_id),
    hasLink: row.link_hash !== null && row.link_hash !== undefined,
    codeHash: String(row.code_hash),
    expiresAt: asDate(row.expires_at),
    failedAttempts: Number(row.failed_attempts),
    lastSeenCommentId: Number(row.last_seen_comment_id),
    usedAt: row.used_at ? asDate(row.used_at) : null,
    usedBy: (row.used_by as 'link' | 'code' | null) ?? null,
    revokedAt: row.revoked_at ? asDate(row.revoked_at) : null,
  };
}

/** SQL for request confirmations, in one place. */
export const confirmationStore = {
  /** Records the request's confirmation; false when it already has one (issued once per request). */
  async insert(sql: SqlExecutor, c: { requestId: string; subjectRef: string; zendeskUserId: number; linkHash: string | null; codeHash: string; expiresAt: Date }): Promise<boolean> {
    const { rows } = await sql.query(
      `INSERT INTO request_confirmations (request_id, subject_ref, zendesk_user_id, link_hash, code_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
      [c.requestId, c.subjectRef, c.zendeskUserId, c.linkHash, c.codeHash, c.expiresAt.toISOString()],
    );
    return rows.length === 1;
  },

  async forRequest(sql: SqlExecutor, requestId: string, options: { forUpdate?: boolean } = {}): Promise<ConfirmationRecord | undefined> {
    const { rows } = await sql.query(`SELECT * FROM request_confirmations WHERE request_id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [requestId]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  },

  async byLinkHash(sql: SqlExecutor, linkHash: string, options: { forUpdate?: boolean } = {}): Promise<ConfirmationRecord | undefined> {
    const { rows } = await sql.query(`SELECT * FROM request_confirmations WHERE link_hash = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [linkHash]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  },

  async markUsed(sql: SqlExecutor, requestId: string, by: 'link' | 'code', at: Date): Promise<void> {
    await sql.query(`UPDATE request_confirmations SET used_at = $2, used_by = $3 WHERE request_id = $1`, [requestId, at.toISOString(), by]);
  },

  async revoke(sql: SqlExecutor, requestId: string, reason: string, at: Date): Promise<void> {
    await sql.query(`UPDATE request_confirmations SET revoked_at = COALESCE(revoked_at, $2), revoked_reason = COALESCE(revoked_reason, $3) WHERE request_id = $1`, [requestId, at.toISOString(), reason]);
  },

  async countFailedAttempt(sql: SqlExecutor, requestId: string): Promise<number> {
    const { rows } = await sql.query<{ failed_attempts: number }>(`UPDATE request_confirmations SET failed_attempts = failed_attempts + 1 WHERE request_id = $1 RETURNING failed_attempts`, [requestId]);
    return Number(rows[0]?.failed_attempts ?? 0);
  },

  async markCommentSeen(sql: SqlExecutor, requestId: string, commentId: number): Promise<void> {
    await sql.query(`UPDATE request_confirmations SET last_seen_comment_id = GREATEST(last_seen_comment_id, $2) WHERE request_id = $1`, [requestId, commentId]);
  },
};

/** True when the confirmation can still confirm: not used, not revoked, not expired. */
export function isLive(c: ConfirmationRecord, now: Date): boolean {
  return c.usedAt === null && c.revokedAt === null && c.expiresAt.getTime() > now.getTime();
}
