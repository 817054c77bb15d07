import express, { type Router } from 'express';
import { FaultInjector, type FaultOptions } from './faults.js';
import { createLiveChatRouter } from './livechat/router.js';
import { DEFAULT_RATE_LIMITS, SandboxLimiters, type SandboxContext, type SandboxOptions } from './options.js';
import { RequestLog } from './request-log.js';
import { SandboxState } from './state.js';
import { createTalkdeskRouter } from './talkdesk/router.js';
import type { SandboxDataset } from './types.js';
import { completeAllJobs } from './zendesk/jobs.js';
import { createZendeskRouter } from './zendesk/router.js';

/** A running sandbox: mount `router` anywhere; inspect and drive it through the rest. */
export interface Sandbox {
  /** Serves `/zendesk`, `/livechat` and `/talkdesk` below wherever it is mounted. */
  router: Router;
  /** The in-memory world; tests may read and change it directly. */
  state: SandboxState;
  requestLog: RequestLog;
  /** Empties state, log, limiters and jobs; restarts the fault sequence; reloads `options.dataset`. */
  reset(): void;
  /** Adds records (taken by reference). */
  seed(dataset: SandboxDataset): void;
  /** Switches faults at runtime (null: off); the sequence restarts from the new seed. */
  setFaults(faults: FaultOptions | null): void;
  /** Completes every queued Zendesk job now, as if each had been polled to the end. */
  completeJobs(): void;
  readonly options: SandboxOptions;
}

/**
 * Creates the vendor sandbox: simulated Zendesk, LiveChat and Talkdesk APIs speaking their
 * documented contracts, for development and tests only.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const clock = options.clock ?? Date.now;
  const state = new SandboxState();
  const requestLog = new RequestLog();
  const faults = new FaultInjector(options.faults ?? null);
  const limiters = new SandboxLimiters({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
  const ctx: SandboxContext = {
    state,
    log: requestLog,
    faults,
    limiters,
    options,
    now: () => clock(),
    nowIso: () => new Date(clock()).toISOString(),
  };
  if (options.dataset) state.load(options.dataset);

  const router = express.Router();
  router.use('/zendesk', createZendeskRouter(ctx));
  router.use('/livechat', createLiveChatRouter(ctx));
  router.use('/talkdesk', createTalkdeskRouter(ctx));

  return {
    router,
    state,
    requestLog,
    options,
    reset() {
      state.clear();
      requestLog.clear();
      limiters.clear();
      faults.set(faults.current);
      if (options.dataset) state.load(options.dataset);
    },
    seed(dataset) {
      state.load(dataset);
    },
    setFaults(next) {
      faults.set(next);
    },
    completeJobs() {
      completeAllJobs(ctx);
    },
  };
}
