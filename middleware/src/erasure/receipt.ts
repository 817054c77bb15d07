import { createHash } from 'node:crypto';
import type { ManualTaskRecord, PrivacyRequestRecord, RequestStepRecord } from '../requests/request-store.js';

/** What one step did, as the receipt shows it: vendor response ids and counts, never personal data. */
export interface ReceiptAction {
  step: string;
  status: string;
  at: string;
  attempts: number;
  result: Record<string, unknown>;
}

/** C30: proof that an erasure (or another request) happened, per system, with what was left to people. */
export interface ErasureReceipt {
  requestId: string;
  type: PrivacyRequestRecord['type'];
  mode: 'delete' | 'anonymize' | null;
  origin: PrivacyRequestRecord['origin'];
  subjectRef: string;
  receivedAt: string;
  completedAt: string;
  identity: PrivacyRequestRecord['identity'];
  systems: Record<string, { actions: ReceiptAction[] }>;
  manualTasks: Array<{ id: string; system: string; title: string; dueAt: string; status: string; details: Record<string, unknown> }>;
  /** SHA-256 of the receipt's content without this field, so a copy can be checked later. */
  digest: string;
}

/** Builds the receipt from the steps' idempotency records and the manual tasks opened. */
export function buildReceipt(input: {
  request: PrivacyRequestRecord;
  steps: readonly RequestStepRecord[];
  tasks: readonly ManualTaskRecord[];
  subjectRef: string;
  completedAt: Date;
}): ErasureReceipt {
  const systems: ErasureReceipt['systems'] = {};
  for (const step of input.steps) {
    const system = (systems[step.system] ??= { actions: [] });
    system.actions.push({ step: step.step, status: step.status, at: step.updatedAt.toISOString(), attempts: step.attempts, result: step.result });
  }
  const body = {
    requestId: input.request.id,
    type: input.request.type,
    mode: input.request.mode,
    origin: input.request.origin,
    subjectRef: input.subjectRef,
    receivedAt: input.request.receivedAt.toISOString(),
    completedAt: input.completedAt.toISOString(),
    identity: input.request.identity,
    systems,
    manualTasks: input.tasks.map((t) => ({ id: t.id, system: t.system, title: t.title, dueAt: t.dueAt.toISOString(), status: t.status, details: t.details })),
  };
  return { ...body, digest: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
}
