import type { FaultOptions } from './faults.js';
import type { FaultInjector } from './faults.js';
import { SlidingWindowLimiter } from './rate-limiter.js';
import type { RequestLog } from './request-log.js';
import type { SandboxState } from './state.js';
import type { SandboxDataset } from './types.js';

/** Credentials the sandbox checks; a vendor left out accepts any credential of the right form. */
export interface SandboxCredentials {
  /** Basic `{email}/token:{apiToken}` and/or Bearer `oauthToken`. */
  zendesk?: { email?: string; apiToken?: string; oauthToken?: string };
  /** Basic `{accountId}:{pat}`. */
  livechat?: { accountId: string; pat: string };
  /** Client credentials for `POST /oauth/token` (Basic `{clientId}:{clientSecret}`). */
  talkdesk?: { clientId: string; clientSecret: string };
}

/** Limits, each configurable; the defaults are the vendors' documented numbers where they exist. */
export interface SandboxRateLimits {
  /** Zendesk account limit per minute (plan: Team 200, Growth 400, Enterprise 700, High Volume 2500). */
  zendeskPerMinute: number;
  /** Zendesk incremental exports per minute (10; 30 with High Volume). */
  zendeskIncrementalPerMinute: number;
  /** Zendesk search export requests per minute (100). */
  zendeskSearchExportPerMinute: number;
  /** Zendesk permanent user deletions per 10 minutes (700). */
  zendeskPermanentDeletesPer10Minutes: number;
  /** Updates to one ticket per 10 minutes (about 30). */
  zendeskTicketUpdatesPer10Minutes: number;
  /** LiveChat publishes no numbers; configurable. */
  livechatPerMinute: number;
  /** Talkdesk requests per minute; configurable. */
  talkdeskPerMinute: number;
}

export interface SandboxOptions {
  /** The sandbox clock (ms since epoch); inject one to test windows and expiry. Default Date.now. */
  clock?: () => number;
  credentials?: SandboxCredentials;
  rateLimits?: Partial<SandboxRateLimits>;
  faults?: FaultOptions | null;
  /** Loaded at creation and again by `reset()`. */
  dataset?: SandboxDataset;
  zendesk?: {
    /** Ignore `user_fields` keys that no user field defines (Zendesk-like). Default false. */
    strictUserFields?: boolean;
    /** Jobs complete on their second poll, or on any request after this many ms. Default 5000. */
    jobAutoCompleteMs?: number;
    /** Author of comments added through the API without `author_id`. Default 1. */
    apiUserId?: number;
    /** E-mail CCs per ticket. Default 48. */
    maxEmailCcs?: number;
  };
  livechat?: {
    /** The account's region; a request flagged for another region answers misdirected_request. Default `dal`. */
    homeRegion?: string;
  };
  talkdesk?: {
    /** Lifetime of issued access tokens. Default 599 s. */
    tokenTtlSeconds?: number;
    /** Recordings older than this answer 410 on /media (account retention policy). Default 180; null: never. */
    recordingRetentionDays?: number | null;
    /** What `POST /internal-contacts/gdpr` removes. Default `contacts`. */
    gdprDeletes?: 'contacts' | 'contacts-and-recordings' | 'none';
  };
}

export const DEFAULT_RATE_LIMITS: SandboxRateLimits = {
  zendeskPerMinute: 700,
  zendeskIncrementalPerMinute: 10,
  zendeskSearchExportPerMinute: 100,
  zendeskPermanentDeletesPer10Minutes: 700,
  zendeskTicketUpdatesPer10Minutes: 30,
  livechatPerMinute: 600,
  talkdeskPerMinute: 600,
};

/** The limiters, one per documented limit. */
export class SandboxLimiters {
  readonly zendeskAccount: SlidingWindowLimiter;
  readonly zendeskIncremental: SlidingWindowLimiter;
  readonly zendeskSearchExport: SlidingWindowLimiter;
  readonly zendeskPermanentDeletes: SlidingWindowLimiter;
  readonly zendeskTicketUpdates: SlidingWindowLimiter;
  readonly livechat: SlidingWindowLimiter;
  readonly talkdesk: SlidingWindowLimiter;

  constructor(limits: SandboxRateLimits) {
    this.zendeskAccount = new SlidingWindowLimiter(limits.zendeskPerMinute, 60_000);
    this.zendeskIncremental = new SlidingWindowLimiter(limits.zendeskIncrementalPerMinute, 60_000);
    this.zendeskSearchExport = new SlidingWindowLimiter(limits.zendeskSearchExportPerMinute, 60_000);
    this.zendeskPermanentDeletes = new SlidingWindowLimiter(limits.zendeskPermanentDeletesPer10Minutes, 600_000);
    this.zendeskTicketUpdates = new SlidingWindowLimiter(limits.zendeskTicketUpdatesPer10Minutes, 600_000);
    this.livechat = new SlidingWindowLimiter(limits.livechatPerMinute, 60_000);
    this.talkdesk = new SlidingWindowLimiter(limits.talkdeskPerMinute, 60_000);
  }

  clear(): void {
    for (const limiter of Object.values(this)) (limiter as SlidingWindowLimiter).clear();
  }
}

/** What every vendor router gets: state, clock, log, faults, limiters and options. */
export interface SandboxContext {
  readonly state: SandboxState;
  readonly log: RequestLog;
  readonly faults: FaultInjector;
  readonly limiters: SandboxLimiters;
  readonly options: SandboxOptions;
  now(): number;
  nowIso(): string;
}
