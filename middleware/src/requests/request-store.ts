import type { SqlExecutor } from '../store/database.js';
import type { RequestType } from '../policy/deadlines.js';
import { normaliseEmail } from '../policy/person-key.js';

/** Where a request stands; `completed`, `refused` and `failed` are final. */
export type RequestStatus = 'received' | 'awaiting_identity' | 'in_progress' | 'completed' | 'refused' | 'failed';
export const FINAL_STATUSES: readonly RequestStatus[] = ['completed', 'refused', 'failed'];
export const OPEN_STATUSES: readonly RequestStatus[] = ['received', 'awaiting_identity', 'in_progress'];

/** How a request came in: a tagged ticket, an agent in the app, the retention sweep, or a minor mark (C27). */
export type RequestOrigin = 'ticket' | 'agent' | 'retention' | 'minor_mark';

/**
 * How the requester's identity was established (C20). `confirmation_link` / `confirmation_code`:
 * the person used the single-use confirmation sent to them. `confirmed_from_primary_email` only
 * appears on requests confirmed before that existed (any reply from the primary address counted).
 */
export interface RequestIdentity {
  method: 'account_primary_email' | 'confirmation_link' | 'confirmation_code' | 'confirmed_from_primary_email' | 'agent_confirmed' | 'retention_policy' | 'admin_review';
  verifiedAt: string;
  /** Agent who confirmed, when `agent_confirmed`. */
  by?: string;
}

/**
 * Values a request's steps need while it runs (the person's e-mails and phones for the lookups in
 * LiveChat and Talkdesk, the corrected values of a rectification). Personal data: kept only until
 * the request ends, then scrubbed.
 */
export interface RequestWorkingData {
  emails?: string[];
  phones?: string[];
  /** The phone numbers each Talkdesk contact found carries: its calls are matched by them after the contact is gone. */
  contactPhones?: Record<string, string[]>;
  name?: string;
  changes?: { name?: string; email?: string; phone?: string; company?: string };
  /** Four eyes (C20): the first admin who approved a manual identity override, waiting for a second. */
  overrideApprovedBy?: string;
  overrideApprovedAt?: string;
  /** C33: a referral contact asked to be removed; they confirm for themselves (no account administrator). */
  referralContact?: boolean;
  /** C34: an objection to any use (004) rather than to direct marketing only (C25). */
  objectionScope?: 'direct_marketing' | 'any_use';
}

/**
 * Every key the request's person may be recorded under (a legal hold on any of them binds, C18):
 * its own, the Zendesk user, one per e-mail found (primary and secondary identities), and, once
 * the lookups ran, each LiveChat customer and Talkdesk contact found for them.
 */
export function personKeysOf(
  request: Pick<PrivacyRequestRecord, 'personKey' | 'workingData'> & { zendeskUserId?: number | null },
  steps: ReadonlyArray<Pick<RequestStepRecord, 'system' | 'step' | 'result'>> = [],
): string[] {
  const ids = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  const found = (system: string, step: string, field: string) => ids(steps.find((s) => s.system === system && s.step === step)?.result[field]);
  return [
    ...new Set([
      request.personKey,
      ...(request.zendeskUserId ? [`zendesk:${request.zendeskUserId}`] : []),
      ...(request.workingData.emails ?? []).map((e) => `email:${normaliseEmail(e)}`),
      ...found('livechat', 'find_chats', 'customerIds').map((id) => `livechat:${id}`),
      ...found('talkdesk', 'find_contacts', 'contactIds').map((id) => `talkdesk:${id}`),
    ]),
  ];
}

/** One data-subject request as stored. */
export interface PrivacyRequestRecord {
  id: string;
  type: RequestType;
  origin: RequestOrigin;
  mode: 'delete' | 'anonymize' | null;
  personKey: string;
  zendeskUserId: number | null;
  ticketId: number | null;
  status: RequestStatus;
  receivedAt: Date;
  dueAt: Date;
  extension: { days: number; reason: string } | null;
  identity: RequestIdentity | null;
  needsReview: boolean;
  refusalReason: string | null;
  blocked: { ticketIds: number[]; since: string } | null;
  workingData: RequestWorkingData;
  createdBy: string;
  confirmationRequestedAt: Date | null;
  completedAt: Date | null;
}

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'manual';
export type StepSystem = 'zendesk' | 'livechat' | 'talkdesk' | 'privacy_guard';

/** One per-system step of a request: the idempotency record of everything it changed. */
export interface RequestStepRecord {
  requestId: string;
  system: StepSystem;
  step: string;
  seq: number;
  status: StepStatus;
  attempts: number;
  result: Record<string, unknown>;
  lastError: string | null;
  leaseUntil: Date | null;
  updatedAt: Date;
}

export interface ManualTaskRecord {
  id: string;
  requestId: string | null;
  system: string;
  title: string;
  instructions: string;
  details: Record<string, unknown>;
  dueAt: Date;
  status: 'open' | 'done';
  createdAt: Date;
  doneAt: Date | null;
  doneBy: string | null;
  proof: string | null;
}

const json = (value: unknown) => JSON.stringify(value);
const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
const asDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const asDateOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : asDate(value));
const asNumberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function toRequest(row: Record<string, unknown>): PrivacyRequestRecord {
  return {
    id: String(row.id),
    type: row.type as RequestType,
    origin: row.origin as RequestOrigin,
    mode: (row.mode as 'delete' | 'anonymize' | null) ?? null,
    personKey: String(row.person_key),
    zendeskUserId: asNumberOrNull(row.zendesk_user_id),
    ticketId: asNumberOrNull(row.ticket_id),
    status: row.status as RequestStatus,
    receivedAt: asDate(row.received_at),
    dueAt: asDate(row.due_at),
    extension: row.extension_days === null || row.extension_days === undefined ? null : { days: Number(row.extension_days), reason: String(row.extension_reason ?? '') },
    identity: row.identity ? parseJson<RequestIdentity>(row.identity) : null,
    needsReview: Boolean(row.needs_review),
    refusalReason: (row.refusal_reason as string | null) ?? null,
    blocked: row.blocked ? parseJson<{ ticketIds: number[]; since: string }>(row.blocked) : null,
    workingData: parseJson<RequestWorkingData>(row.working_data ?? {}),
    createdBy: String(row.created_by),
    confirmationRequestedAt: asDateOrNull(row.confirmation_requested_at),
    completedAt: asDateOrNull(row.completed_at),
  };
}

function toStep(row: Record<string, unknown>): RequestStepRecord {
  return {
    requestId: String(row.request_id),
    system: row.system as StepSystem,
    step: String(row.step),
    seq: Number(row.seq),
    status: row.status as StepStatus,
    attempts: Number(row.attempts),
    result: parseJson<Record<string, unknown>>(row.result ?? {}),
    lastError: (row.last_error as string | null) ?? null,
    leaseUntil: asDateOrNull(row.lease_until),
    updatedAt: asDate(row.updated_at),
  };
}

function toTask(row: Record<string, unknown>): ManualTaskRecord {
  return {
    id: String(row.id),
    requestId: (row.request_id as string | null) ?? null,
    system: String(row.system),
    title: String(row.title),
    instructions: String(row.instructions),
    details: parseJson<Record<string, unknown>>(row.details ?? {}),
    dueAt: asDate(row.due_at),
    status: row.status as 'open' | 'done',
    createdAt: asDate(row.created_at),
    doneAt: asDateOrNull(row.done_at),
    doneBy: (row.done_by as string | null) ?? null,
    proof: (row.proof as string | null) ?? null,
  };
}

export interface NewRequest {
  id: string;
  type: RequestType;
  origin: RequestOrigin;
  mode?: 'delete' | 'anonymize' | null;
  personKey: string;
  zendeskUserId?: number | null;
  ticketId?: number | null;
  status: RequestStatus;
  receivedAt: Date;
  dueAt: Date;
  identity?: RequestIdentity | null;
  needsReview?: boolean;
  workingData?: RequestWorkingData;
  createdBy: string;
}

/** SQL for data-subject requests, their steps, manual tasks, receipts and exports, in one place. */
export const requestStore = {
  /** Inserts unless the same ticket already has a request of this type (C20: creating twice is a no-op). */
  async insert(sql: SqlExecutor, request: NewRequest): Promise<{ created: boolean; request: PrivacyRequestRecord }> {
    const { rows } = await sql.query(
      `INSERT INTO privacy_requests (id, type, origin, mode, person_key, zendesk_user_id, ticket_id, status, received_at, due_at, identity, needs_review, working_data, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT DO NOTHING RETURNING *`,
      [
        request.id,
        request.type,
        request.origin,
        request.mode ?? null,
        request.personKey,
        request.zendeskUserId ?? null,
        request.ticketId ?? null,
        request.status,
        request.receivedAt.toISOString(),
        request.dueAt.toISOString(),
        request.identity ? json(request.identity) : null,
        request.needsReview ?? false,
        json(request.workingData ?? {}),
        request.createdBy,
      ],
    );
    if (rows[0]) return { created: true, request: toRequest(rows[0]) };
    const existing =
      request.ticketId !== null && request.ticketId !== undefined
        ? await sql.query('SELECT * FROM privacy_requests WHERE ticket_id = $1 AND type = $2', [request.ticketId, request.type])
        : await sql.query('SELECT * FROM privacy_requests WHERE id = $1', [request.id]);
    const row = existing.rows[0];
    if (!row) throw new Error('privacy_requests insert conflicted but no row was found');
    return { created: false, request: toRequest(row) };
  },

  async get(sql: SqlExecutor, id: string, options: { forUpdate?: boolean } = {}): Promise<PrivacyRequestRecord | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const { rows } = await sql.query(`SELECT * FROM privacy_requests WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? toRequest(rows[0]) : undefined;
  },

  async findByTicket(sql: SqlExecutor, ticketId: number): Promise<PrivacyRequestRecord[]> {
    const { rows } = await sql.query('SELECT * FROM privacy_requests WHERE ticket_id = $1 ORDER BY received_at', [ticketId]);
    return rows.map(toRequest);
  },

  async list(sql: SqlExecutor, filter: { open?: boolean; personKey?: string } = {}): Promise<PrivacyRequestRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.open) where.push(`status IN ('received', 'awaiting_identity', 'in_progress')`);
    if (filter.personKey) {
      params.push(filter.personKey);
      where.push(`person_key = $${params.length}`);
    }
    const { rows } = await sql.query(`SELECT * FROM privacy_requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY due_at, received_at LIMIT 1000`, params);
    return rows.map(toRequest);
  },

  async update(
    sql: SqlExecutor,
    id: string,
    changes: Partial<{
      status: RequestStatus;
      identity: RequestIdentity | null;
      refusalReason: string | null;
      blocked: { ticketIds: number[]; since: string } | null;
      workingData: RequestWorkingData;
      dueAt: Date;
      extension: { days: number; reason: string };
      needsReview: boolean;
      confirmationRequestedAt: Date;
      completedAt: Date;
      zendeskUserId: number;
    }>,
  ): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.status !== undefined) set('status', changes.status);
    if (changes.identity !== undefined) set('identity', changes.identity ? json(changes.identity) : null);
    if (changes.refusalReason !== undefined) set('refusal_reason', changes.refusalReason);
    if (changes.blocked !== undefined) set('blocked', changes.blocked ? json(changes.blocked) : null);
    if (changes.workingData !== undefined) set('working_data', json(changes.workingData));
    if (changes.dueAt !== undefined) set('due_at', changes.dueAt.toISOString());
    if (changes.extension !== undefined) {
      set('extension_days', changes.extension.days);
      set('extension_reason', changes.extension.reason);
    }
    if (changes.needsReview !== undefined) set('needs_review', changes.needsReview);
    if (changes.confirmationRequestedAt !== undefined) set('confirmation_requested_at', changes.confirmationRequestedAt.toISOString());
    if (changes.completedAt !== undefined) set('completed_at', changes.completedAt.toISOString());
    if (changes.zendeskUserId !== undefined) set('zendesk_user_id', changes.zendeskUserId);
    if (sets.length === 0) return;
    await sql.query(`UPDATE privacy_requests SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  },

  // ---- steps ---------------------------------------------------------------------------------

  async insertSteps(sql: SqlExecutor, requestId: string, steps: ReadonlyArray<{ system: StepSystem; step: string }>): Promise<void> {
    for (const [index, step] of steps.entries()) {
      await sql.query(
        `INSERT INTO request_steps (request_id, system, step, seq) VALUES ($1, $2, $3, $4) ON CONFLICT (request_id, system, step) DO NOTHING`,
        [requestId, step.system, step.step, index + 1],
      );
    }
  },

  async steps(sql: SqlExecutor, requestId: string): Promise<RequestStepRecord[]> {
    const { rows } = await sql.query('SELECT * FROM request_steps WHERE request_id = $1 ORDER BY seq', [requestId]);
    return rows.map(toStep);
  },

  async step(sql: SqlExecutor, requestId: string, system: string, step: string, options: { forUpdate?: boolean } = {}): Promise<RequestStepRecord | undefined> {
    const { rows } = await sql.query(
      `SELECT * FROM request_steps WHERE request_id = $1 AND system = $2 AND step = $3${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [requestId, system, step],
    );
    return rows[0] ? toStep(rows[0]) : undefined;
  },

  async updateStep(
    sql: SqlExecutor,
    key: { requestId: string; system: string; step: string },
    changes: Partial<{ status: StepStatus; result: Record<string, unknown>; lastError: string | null; leaseUntil: Date | null; incrementAttempts: boolean }>,
  ): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [key.requestId, key.system, key.step];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.status !== undefined) set('status', changes.status);
    if (changes.result !== undefined) set('result', json(changes.result));
    if (changes.lastError !== undefined) set('last_error', changes.lastError);
    if (changes.leaseUntil !== undefined) set('lease_until', changes.leaseUntil ? changes.leaseUntil.toISOString() : null);
    if (changes.incrementAttempts) sets.push('attempts = attempts + 1');
    await sql.query(`UPDATE request_steps SET ${sets.join(', ')}, updated_at = now() WHERE request_id = $1 AND system = $2 AND step = $3`, params);
  },

  /** Merges `partial` into the step's result right away: the checkpoint a retry reads first. */
  async checkpoint(sql: SqlExecutor, key: { requestId: string; system: string; step: string }, partial: Record<string, unknown>): Promise<void> {
    await sql.query(
      `UPDATE request_steps SET result = result || $4::jsonb, updated_at = now() WHERE request_id = $1 AND system = $2 AND step = $3`,
      [key.requestId, key.system, key.step, json(partial)],
    );
  },

  /** Running steps whose worker stopped renewing its lease (a crashed process). */
  async expiredLeases(sql: SqlExecutor, now: Date): Promise<Array<{ requestId: string; system: string; step: string }>> {
    const { rows } = await sql.query<{ request_id: string; system: string; step: string }>(
      `SELECT s.request_id, s.system, s.step FROM request_steps s JOIN privacy_requests r ON r.id = s.request_id
       WHERE s.status = 'running' AND s.lease_until < $1 AND r.status = 'in_progress' LIMIT 100`,
      [now.toISOString()],
    );
    return rows.map((r) => ({ requestId: String(r.request_id), system: r.system, step: r.step }));
  },

  // ---- manual tasks --------------------------------------------------------------------------

  /** Opens a task once per key (a retried step does not open it twice). */
  async openManualTask(
    sql: SqlExecutor,
    task: { key: string; requestId: string | null; system: string; title: string; instructions: string; details?: Record<string, unknown>; dueAt: Date },
  ): Promise<{ created: boolean; task: ManualTaskRecord }> {
    const { rows } = await sql.query(
      `INSERT INTO manual_tasks (task_key, request_id, system, title, instructions, details, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (task_key) DO NOTHING RETURNING *`,
      [task.key, task.requestId, task.system, task.title, task.instructions, json(task.details ?? {}), task.dueAt.toISOString()],
    );
    if (rows[0]) return { created: true, task: toTask(rows[0]) };
    const existing = await sql.query('SELECT * FROM manual_tasks WHERE task_key = $1', [task.key]);
    return { created: false, task: toTask(existing.rows[0]!) };
  },

  async manualTasks(sql: SqlExecutor, filter: { status?: 'open' | 'done'; requestId?: string } = {}): Promise<ManualTaskRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      params.push(filter.status);
      where.push(`status = $${params.length}`);
    }
    if (filter.requestId) {
      params.push(filter.requestId);
      where.push(`request_id = $${params.length}`);
    }
    const { rows } = await sql.query(`SELECT * FROM manual_tasks ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY due_at, id LIMIT 1000`, params);
    return rows.map(toTask);
  },

  async completeManualTask(sql: SqlExecutor, id: string, by: string, proof: string | null, at: Date): Promise<ManualTaskRecord | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined; // a bigint key; longer strings would overflow it
    const { rows } = await sql.query(
      `UPDATE manual_tasks SET status = 'done', done_at = COALESCE(done_at, $2), done_by = COALESCE(done_by, $3), proof = COALESCE(proof, $4) WHERE id = $1 RETURNING *`,
      [id, at.toISOString(), by, proof],
    );
    return rows[0] ? toTask(rows[0]) : undefined;
  },

  // ---- receipts and exports ------------------------------------------------------------------

  async saveReceipt(sql: SqlExecutor, requestId: string, receipt: unknown): Promise<void> {
    await sql.query(
      `INSERT INTO request_receipts (request_id, receipt) VALUES ($1, $2) ON CONFLICT (request_id) DO UPDATE SET receipt = EXCLUDED.receipt, created_at = now()`,
      [requestId, json(receipt)],
    );
  },

  async receipt(sql: SqlExecutor, requestId: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await sql.query('SELECT receipt FROM request_receipts WHERE request_id = $1', [requestId]);
    return rows[0] ? parseJson<Record<string, unknown>>(rows[0].receipt) : undefined;
  },

  async saveExport(sql: SqlExecutor, requestId: string, archive: Buffer, sha256: string): Promise<void> {
    await sql.query(
      `INSERT INTO request_exports (request_id, archive, sha256, byte_size) VALUES ($1, $2, $3, $4)
       ON CONFLICT (request_id) DO UPDATE SET archive = EXCLUDED.archive, sha256 = EXCLUDED.sha256, byte_size = EXCLUDED.byte_size, created_at = now()`,
      [requestId, archive, sha256, archive.length],
    );
  },

  async exportArchive(sql: SqlExecutor, requestId: string): Promise<{ archive: Buffer; sha256: string; createdAt: Date } | undefined> {
    const { rows } = await sql.query('SELECT archive, sha256, created_at FROM request_exports WHERE request_id = $1', [requestId]);
    const row = rows[0];
    if (!row) return undefined;
    const raw = row.archive as Uint8Array | Buffer;
    return { archive: Buffer.from(raw), sha256: String(row.sha256), createdAt: asDate(row.created_at) };
  },
};
