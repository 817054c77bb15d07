import type { AppContext } from '../app-context.js';
import type { ReplyKind } from '../policy/request-reply-texts.js';
import type { PrivacyRequestRecord, RequestStepRecord, RequestWorkingData, StepSystem } from './request-store.js';

/** Finds a Talkdesk contact's calls. Talkdesk's public API has no "calls of a contact" endpoint (only report jobs), so it is injected. */
export interface TalkdeskCallDirectory {
  /** `knownPhones`: the contact's numbers as read earlier, so a contact already deleted is still matched. */
  callsForContact(contactId: string, knownPhones?: readonly string[]): Promise<Array<{ id: string; startedAt?: string; durationSeconds?: number }>>;
}

/** Options of the requests module; defaults suit production, tests shorten the waits. */
export interface RequestsOptions {
  /** How long a running step holds its lease before another worker may resume it (crash recovery). Default 30 s. */
  leaseSeconds?: number;
  /** How often leases of crashed workers are looked for. Default 10 s. */
  resumeIntervalMs?: number;
  /** When a request is blocked by open tickets (C19), when to look again. Default 1 h. */
  blockedRetrySeconds?: number;
  /** Initial poll delay for Zendesk background jobs. Default 1 s. */
  jobPollInitialMs?: number;
  /** Lifetime of a signed export download link. Default 24 h. */
  exportLinkTtlSeconds?: number;
  talkdeskCalls?: TalkdeskCallDirectory;
}

/** A manual task a step asks to open when it completes. */
export interface ManualTaskRequest {
  title: string;
  instructions: string;
  details?: Record<string, unknown>;
}

/** What a step did. `blocked` keeps the step pending and looks again later; `refused` ends the request. */
export type StepOutcome =
  | { kind: 'done'; result: Record<string, unknown>; workingData?: RequestWorkingData; audit?: StepAudit }
  | { kind: 'manual'; result: Record<string, unknown>; tasks: ManualTaskRequest[]; workingData?: RequestWorkingData; audit?: StepAudit; reply?: ReplyKind }
  | { kind: 'blocked'; result: Record<string, unknown>; ticketIds: number[]; clause: string; reason: string }
  | { kind: 'refused'; reason: string; clause: string; result?: Record<string, unknown> };

/** The ledger entry a step's completion writes (C29): action, clause, non-personal details. */
export interface StepAudit {
  action: string;
  clause: string;
  outcome?: string;
  details?: Record<string, unknown>;
}

/** Everything one step run can use. */
export interface StepRun {
  ctx: AppContext;
  options: Required<Omit<RequestsOptions, 'talkdeskCalls'>> & Pick<RequestsOptions, 'talkdeskCalls'>;
  request: PrivacyRequestRecord;
  step: RequestStepRecord;
  subjectRef: string;
  /** Records progress at once (vendor response ids before moving on); a retry reads it from `step.result`. */
  checkpoint(partial: Record<string, unknown>): Promise<void>;
  /** The result of an earlier step of the same request. */
  resultOf(system: StepSystem, step: string): Record<string, unknown>;
}

export type StepHandler = (run: StepRun) => Promise<StepOutcome>;

/** One planned step. */
export interface PlannedStep {
  system: StepSystem;
  step: string;
}

/** The ledger actor for everything the requests module does on its own. */
export const ACTOR = 'privacy-guard:requests';
