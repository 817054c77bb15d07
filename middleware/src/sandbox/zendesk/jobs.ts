import type { SandboxContext } from '../options.js';
import type { ZendeskJob } from '../state.js';

// https://developer.zendesk.com/api-reference/ticketing/ticket-management/job_statuses/
// A job answers `queued` when created, `working` on its first poll and `completed` on its second
// (or on any request once `jobAutoCompleteMs` has passed). Its work runs when it completes, so a
// client that does not wait for completion sees the old state, as it could on Zendesk.

export function enqueueJob(
  ctx: SandboxContext,
  jobType: string,
  total: number,
  run: () => Array<Record<string, unknown>>,
): ZendeskJob {
  const zendesk = ctx.state.zendesk;
  const number = zendesk.nextJobNumber;
  zendesk.nextJobNumber += 1;
  const job: ZendeskJob = {
    id: `5a0d${number.toString(16).padStart(28, '0')}`,
    job_type: jobType,
    status: 'queued',
    total,
    progress: 0,
    message: null,
    results: [],
    createdAtMs: ctx.now(),
    polls: 0,
    run,
  };
  zendesk.jobs.set(job.id, job);
  return job;
}

export function pollJob(ctx: SandboxContext, job: ZendeskJob): void {
  job.polls += 1;
  if (job.status === 'queued') {
    job.status = 'working';
    job.progress = Math.floor(job.total / 2);
  } else if (job.status === 'working') {
    completeJob(job, ctx.nowIso());
  }
}

/** Completes jobs that have waited long enough; called at the start of every Zendesk request. */
export function settleJobs(ctx: SandboxContext): void {
  const waitMs = ctx.options.zendesk?.jobAutoCompleteMs ?? 5000;
  const now = ctx.now();
  for (const job of ctx.state.zendesk.jobs.values()) {
    if (job.run && now - job.createdAtMs >= waitMs) completeJob(job, ctx.nowIso());
  }
}

/** Runs every pending job now (tests and the demo use it to skip polling). */
export function completeAllJobs(ctx: SandboxContext): void {
  for (const job of ctx.state.zendesk.jobs.values()) if (job.run) completeJob(job, ctx.nowIso());
}

function completeJob(job: ZendeskJob, nowIso: string): void {
  if (!job.run) return;
  const run = job.run;
  job.run = null;
  job.results = run();
  job.status = 'completed';
  job.progress = job.total;
  job.message = `Completed at ${nowIso}`;
}
