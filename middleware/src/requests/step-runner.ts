import type { AppContext } from '../app-context.js';
import type { JobContext } from '../jobs/queue.js';
import { JOB_KINDS } from '../jobs/queue.js';
import { PrivacyGuardError } from '../errors.js';
import type { SqlExecutor } from '../store/database.js';
import { isHoldActive } from '../policy/retention.js';
import { automationAllowed } from '../policy/restriction.js';
import { buildReceipt } from '../erasure/receipt.js';
import { erasedPersonKey } from '../policy/person-key.js';
import { personKeysOf, requestStore, type PrivacyRequestRecord, type RequestStepRecord, type StepSystem } from './request-store.js';
import { planSteps } from './step-plan.js';
import type { RequestsOptions, StepOutcome, StepRun } from './step-types.js';
import { stepHandlers } from './step-handlers.js';
import { oweReply, refusalKindOf } from './person-replies.js';
import { personFlags, requestRunAllowed } from './restriction-guard.js';

/** Data of a `request-step` job: which step of which request. */
export interface RequestStepJob {
  requestId: string;
  system: StepSystem;
  step: string;
}

export type ResolvedOptions = StepRun['options'];

export function resolveOptions(options: RequestsOptions = {}): ResolvedOptions {
  return {
    leaseSeconds: options.leaseSeconds ?? 30,
    resumeIntervalMs: options.resumeIntervalMs ?? 10_000,
    blockedRetrySeconds: options.blockedRetrySeconds ?? 3600,
    jobPollInitialMs: options.jobPollInitialMs ?? 1000,
    exportLinkTtlSeconds: options.exportLinkTtlSeconds ?? 24 * 3600,
    ...(options.talkdeskCalls ? { talkdeskCalls: options.talkdeskCalls } : {}),
  };
}

export { ACTOR } from './step-types.js';
import { ACTOR } from './step-types.js';

/** Active legal holds on any key of the person (C18). */
export async function activeHoldsFor(sql: SqlExecutor, personKeys: readonly string[], now: Date): Promise<Array<{ id: string; reason: string }>> {
  if (personKeys.length === 0) return [];
  const { rows } = await sql.query<{ id: string; reason: string; placed_by: string; starts_at: Date | string; ends_at: Date | string | null }>(
    `SELECT id, reason, placed_by, starts_at, ends_at FROM legal_holds WHERE person_key = ANY($1::text[]) AND lifted_at IS NULL`,
    [personKeys],
  );
  return rows
    .filter((r) => isHoldActive({ id: String(r.id), reason: r.reason, placedBy: r.placed_by, placedAt: new Date(r.starts_at), until: r.ends_at ? new Date(r.ends_at) : null }, now))
    .map((r) => ({ id: String(r.id), reason: r.reason }));
}

export { personFlags } from './restriction-guard.js';

/**
 * Moves a request to `in_progress`: its steps are recorded (the per-system status) and the first
 * step's job enqueued, in the caller's transaction. Erasure under a legal hold is refused (C18).
 */
export async function startRequest(
  ctx: AppContext,
  tx: SqlExecutor,
  request: PrivacyRequestRecord,
  options: { adminApproved?: boolean } = {},
): Promise<PrivacyRequestRecord['status']> {
  const subjectRef = ctx.audit.subjectRefFor(request.personKey);
  if (request.type === 'erasure') {
    const holds = await activeHoldsFor(tx, personKeysOf(request), ctx.now());
    if (holds.length > 0) {
      await refuse(ctx, tx, request, `Legal hold: ${holds.map((h) => h.reason).join('; ')}`, 'C18', { holdIds: holds.map((h) => h.id) });
      return 'refused';
    }
    const flags = await personFlags(tx, request.personKey);
    // C24: the person's own verified request is the further consent restriction asks for; the sweep is not.
    const verdict = automationAllowed(flags, request.origin === 'retention' ? 'retention_erasure' : 'request_erasure', { furtherConsent: request.origin !== 'retention' && !flags.minor });
    if (!verdict.allowed && !request.needsReview && !options.adminApproved) {
      if (flags.minor) {
        // C27: never erased on the product's own initiative; an admin reviews it first.
        await requestStore.update(tx, request.id, { needsReview: true, status: 'received' });
        await ctx.audit.append({ actor: ACTOR, action: 'request.held_for_admin_review', clause: 'C27', subjectRef, outcome: 'received', details: { requestId: request.id } }, tx);
        return 'received';
      }
      await refuse(ctx, tx, request, 'Processing of this person is restricted (C24); the retention sweep skips them.', 'C24', {});
      return 'refused';
    }
  }
  if (request.type === 'access' || request.type === 'rectification') {
    // C24: an export discloses the person's data and a rectification changes it. While they are
    // restricted only their own confirmed request (the further consent restriction asks for) runs;
    // one confirmed by an agent or an admin on their behalf is refused, and a minor's waits for an
    // admin's review (C27), as erasure does (restriction-guard.ts).
    const verdict = await requestRunAllowed(tx, request, options);
    if (!verdict.allowed && !request.needsReview) {
      if (verdict.minor) {
        await requestStore.update(tx, request.id, { needsReview: true, status: 'received' });
        await ctx.audit.append({ actor: ACTOR, action: 'request.held_for_admin_review', clause: 'C27', subjectRef, outcome: 'received', details: { requestId: request.id } }, tx);
        return 'received';
      }
      await refuse(ctx, tx, request, `Processing of this person is restricted (C24); a ${request.type} request runs only when the person confirms it themselves.`, 'C24', {});
      return 'refused';
    }
  }
  if (request.needsReview && !options.adminApproved) return request.status;
  const steps = planSteps(request);
  await requestStore.insertSteps(tx, request.id, steps);
  await requestStore.update(tx, request.id, { status: 'in_progress' });
  const first = steps[0]!;
  await ctx.queue.enqueue('request-step', { requestId: request.id, system: first.system, step: first.step } satisfies RequestStepJob, { tx });
  await ctx.audit.append({ actor: ACTOR, action: `request.${request.type}.started`, clause: clauseOf(request), subjectRef, outcome: 'in_progress', details: { requestId: request.id, steps: steps.length, origin: request.origin } }, tx);
  return 'in_progress';
}

export function clauseOf(request: Pick<PrivacyRequestRecord, 'type' | 'origin' | 'mode'>): string {
  switch (request.type) {
    case 'erasure':
      return request.origin === 'retention' ? (request.mode === 'anonymize' ? 'C16' : 'C15') : 'C20';
    case 'access':
      return 'C21';
    case 'rectification':
      return 'C23';
    case 'restriction':
      return 'C24';
    case 'objection':
      return 'C25';
  }
}

/** Ends the request unperformed; the person is told why, in general terms (a hold's own reason stays internal). */
async function refuse(ctx: AppContext, tx: SqlExecutor, request: PrivacyRequestRecord, reason: string, clause: string, details: Record<string, unknown>): Promise<void> {
  await requestStore.update(tx, request.id, { status: 'refused', refusalReason: reason, completedAt: ctx.now(), workingData: {} });
  await ctx.audit.append(
    { actor: ACTOR, action: `request.${request.type}.refused`, clause, subjectRef: ctx.audit.subjectRefFor(request.personKey), outcome: 'refused', details: { requestId: request.id, ...details } },
    tx,
  );
  await oweReply(ctx, tx, request, 'refused', { refusal: refusalKindOf(clause), solveTicket: true });
}

type Claim = { kind: 'skip'; reason: string } | { kind: 'run'; request: PrivacyRequestRecord; step: RequestStepRecord; steps: RequestStepRecord[] };

/**
 * The `request-step` job: claims the step (a step already done is never repeated: checked and
 * recorded in one transaction), runs it under a lease, then records the outcome and enqueues the
 * next step in one transaction.
 */
export function requestStepJob(ctx: AppContext, options: ResolvedOptions) {
  return async (data: RequestStepJob, job: JobContext): Promise<Record<string, unknown>> => {
    const key = { requestId: data.requestId, system: data.system, step: data.step };
    const claim = await ctx.db.transaction<Claim>(async (tx) => {
      const request = await requestStore.get(tx, data.requestId, { forUpdate: true });
      if (!request || request.status !== 'in_progress') return { kind: 'skip', reason: 'request_not_in_progress' };
      const step = await requestStore.step(tx, data.requestId, data.system, data.step, { forUpdate: true });
      if (!step) return { kind: 'skip', reason: 'unknown_step' };
      if (step.status === 'done' || step.status === 'manual') return { kind: 'skip', reason: 'already_done' };
      if (step.status === 'running' && step.leaseUntil && step.leaseUntil.getTime() > ctx.now().getTime()) return { kind: 'skip', reason: 'leased_by_another_worker' };
      if (request.type === 'erasure') {
        // Every key found so far (e-mails, LiveChat customers, Talkdesk contacts): the lookups run
        // before anything is deleted, so a hold placed by any of the person's keys binds in time.
        const holds = await activeHoldsFor(tx, personKeysOf(request, await requestStore.steps(tx, data.requestId)), ctx.now());
        if (holds.length > 0) {
          await refuse(ctx, tx, request, `Legal hold placed during the erasure: ${holds.map((h) => h.reason).join('; ')}`, 'C18', { holdIds: holds.map((h) => h.id), atStep: `${data.system}/${data.step}` });
          return { kind: 'skip', reason: 'legal_hold' };
        }
      }
      await requestStore.updateStep(tx, key, { status: 'running', leaseUntil: new Date(ctx.now().getTime() + options.leaseSeconds * 1000), incrementAttempts: true });
      const steps = await requestStore.steps(tx, data.requestId);
      return { kind: 'run', request, step: { ...step, attempts: step.attempts + 1 }, steps };
    });
    if (claim.kind === 'skip') return { skipped: claim.reason };

    const handler = stepHandlers[`${data.system}/${data.step}`];
    if (!handler) throw new Error(`No handler for request step ${data.system}/${data.step}`);
    const liveResult = { ...claim.step.result };
    const run: StepRun = {
      ctx,
      options,
      request: claim.request,
      step: { ...claim.step, result: liveResult },
      subjectRef: ctx.audit.subjectRefFor(claim.request.personKey),
      checkpoint: async (partial) => {
        Object.assign(liveResult, partial);
        await requestStore.checkpoint(ctx.db, key, partial);
      },
      resultOf: (system, step) => claim.steps.find((s) => s.system === system && s.step === step)?.result ?? {},
    };
    const heartbeat = setInterval(() => {
      requestStore.updateStep(ctx.db, key, { leaseUntil: new Date(ctx.now().getTime() + options.leaseSeconds * 1000) }).catch(() => undefined);
    }, Math.max(1000, (options.leaseSeconds * 1000) / 3));
    heartbeat.unref();
    let outcome: StepOutcome;
    try {
      outcome = await handler(run);
    } catch (error) {
      clearInterval(heartbeat);
      const retryable = !(error instanceof PrivacyGuardError) || error.retryable;
      const lastTry = job.retryCount >= JOB_KINDS['request-step'].retryLimit;
      const message = (error as Error).message.slice(0, 500);
      await ctx.db.transaction(async (tx) => {
        await requestStore.updateStep(tx, key, { status: retryable && !lastTry ? 'pending' : 'failed', lastError: message, leaseUntil: null });
        if (!retryable || lastTry) {
          await requestStore.update(tx, data.requestId, { status: 'failed' });
          await ctx.audit.append(
            { actor: ACTOR, action: `request.step.failed`, clause: clauseOf(claim.request), subjectRef: run.subjectRef, outcome: 'failed', details: { requestId: data.requestId, step: `${data.system}/${data.step}`, errorCode: (error as PrivacyGuardError).code ?? 'internal' } },
            tx,
          );
        }
      });
      ctx.logger.warn({ jobId: job.jobId, requestId: data.requestId, step: `${data.system}/${data.step}`, errorName: (error as Error).name }, 'request step failed');
      throw error;
    }
    clearInterval(heartbeat);
    return recordOutcome(ctx, options, claim.request, key, outcome, liveResult);
  };
}

async function recordOutcome(
  ctx: AppContext,
  options: ResolvedOptions,
  request: PrivacyRequestRecord,
  key: RequestStepJob,
  outcome: StepOutcome,
  liveResult: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const subjectRef = ctx.audit.subjectRefFor(request.personKey);
  return ctx.db.transaction(async (tx) => {
    const current = await requestStore.get(tx, request.id, { forUpdate: true });
    if (!current || current.status !== 'in_progress') return { skipped: 'request_not_in_progress' };
    const stepName = `${key.system}/${key.step}`;
    switch (outcome.kind) {
      case 'refused':
        await requestStore.updateStep(tx, key, { status: 'done', result: { ...liveResult, ...(outcome.result ?? {}), refused: true }, leaseUntil: null });
        await refuse(ctx, tx, current, outcome.reason, outcome.clause, { step: stepName });
        return { refused: outcome.clause };
      case 'blocked': {
        await requestStore.updateStep(tx, key, { status: 'pending', result: { ...liveResult, ...outcome.result }, leaseUntil: null, lastError: outcome.reason });
        const since = current.blocked?.since ?? ctx.now().toISOString();
        await requestStore.update(tx, request.id, { blocked: { ticketIds: outcome.ticketIds, since } });
        await ctx.audit.append(
          { actor: ACTOR, action: 'request.erasure.blocked', clause: outcome.clause, subjectRef, outcome: 'blocked', details: { requestId: request.id, step: stepName, ticketIds: outcome.ticketIds, retryInSeconds: options.blockedRetrySeconds } },
          tx,
        );
        await ctx.queue.enqueue('request-step', key, { tx, startAfterSeconds: options.blockedRetrySeconds });
        return { blocked: outcome.ticketIds };
      }
      case 'done':
      case 'manual': {
        const result = { ...liveResult, ...outcome.result };
        await requestStore.updateStep(tx, key, { status: outcome.kind, result, leaseUntil: null, lastError: null });
        if (outcome.workingData) await requestStore.update(tx, request.id, { workingData: outcome.workingData });
        if (current.blocked) await requestStore.update(tx, request.id, { blocked: null });
        if (outcome.kind === 'manual') {
          // The person is told on the request ticket that a person, not the product, finishes it.
          if (outcome.reply) await oweReply(ctx, tx, current, outcome.reply, { dedupe: `${key.system}:${key.step}` });
          for (const [index, task] of outcome.tasks.entries()) {
            await requestStore.openManualTask(tx, {
              key: `${request.id}:${key.system}:${key.step}:${index}`,
              requestId: request.id,
              system: key.system,
              title: task.title,
              instructions: task.instructions,
              details: task.details ?? {},
              dueAt: current.dueAt,
            });
          }
        }
        if (outcome.audit) {
          await ctx.audit.append(
            { actor: ACTOR, action: outcome.audit.action, clause: outcome.audit.clause, subjectRef, outcome: outcome.audit.outcome ?? outcome.kind, details: { requestId: request.id, step: stepName, ...(outcome.audit.details ?? {}) } },
            tx,
          );
        }
        const steps = await requestStore.steps(tx, request.id);
        const next = steps.find((s) => s.status !== 'done' && s.status !== 'manual');
        if (next) {
          await ctx.queue.enqueue('request-step', { requestId: request.id, system: next.system, step: next.step } satisfies RequestStepJob, { tx });
          return { done: stepName, next: `${next.system}/${next.step}` };
        }
        await finalizeRequest(ctx, tx, current, steps);
        return { done: stepName, completed: true };
      }
    }
  });
}

/** Issues the receipt (C30), completes the request and drops the personal data it carried. */
async function finalizeRequest(ctx: AppContext, tx: SqlExecutor, request: PrivacyRequestRecord, steps: RequestStepRecord[]): Promise<void> {
  const completedAt = ctx.now();
  const subjectRef = ctx.audit.subjectRefFor(request.personKey);
  const tasks = await requestStore.manualTasks(tx, { requestId: request.id });
  const receipt = buildReceipt({ request, steps, tasks, subjectRef, completedAt });
  await requestStore.saveReceipt(tx, request.id, receipt);
  await requestStore.update(tx, request.id, { status: 'completed', completedAt, workingData: {} });
  if (request.type === 'erasure' && request.personKey.startsWith('email:')) {
    // The address was the request's key; the erased person's record keeps only the audit reference.
    await tx.query('UPDATE privacy_requests SET person_key = $2 WHERE id = $1', [request.id, erasedPersonKey(subjectRef)]);
  }
  // An erasure's last reply went out before the account went (zendesk/reply_erasure_summary).
  // A rectification whose values an agent applies by hand was already answered ("an agent will do it");
  // "carried out" would not be true yet, and the ticket stays open for the agent.
  const handedToAgent = request.type === 'rectification' && steps.some((s) => s.status === 'manual' && s.result.valuesUnreadable === true);
  if (request.type !== 'erasure' && !handedToAgent) await oweReply(ctx, tx, request, 'completed', { solveTicket: true });
  await ctx.audit.append(
    {
      actor: ACTOR,
      action: `request.${request.type}.completed`,
      clause: request.type === 'erasure' ? 'C30' : clauseOf(request),
      subjectRef,
      outcome: 'completed',
      details: { requestId: request.id, receiptDigest: receipt.digest, manualTasksOpen: tasks.filter((t) => t.status === 'open').length },
    },
    tx,
  );
}

/** Finds steps whose worker died (lease expired) and enqueues them again; the claim keeps them single. */
export async function resumeAbandonedSteps(ctx: AppContext): Promise<number> {
  const abandoned = await requestStore.expiredLeases(ctx.db, ctx.now());
  let resumed = 0;
  for (const key of abandoned) {
    const didResume = await ctx.db.transaction(async (tx) => {
      const step = await requestStore.step(tx, key.requestId, key.system, key.step, { forUpdate: true });
      if (!step || step.status !== 'running' || !step.leaseUntil || step.leaseUntil.getTime() > ctx.now().getTime()) return false;
      await requestStore.updateStep(tx, key, { status: 'pending', leaseUntil: null, lastError: 'worker stopped while running; resumed' });
      await ctx.queue.enqueue('request-step', { requestId: key.requestId, system: key.system as StepSystem, step: key.step } satisfies RequestStepJob, { tx });
      return true;
    });
    if (didResume) resumed++;
  }
  if (resumed > 0) ctx.logger.info({ resumed }, 'resumed request steps abandoned by a stopped worker');
  return resumed;
}
