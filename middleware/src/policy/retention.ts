/**
 * Retention (C14-C19): when a person's data is due for erasure or anonymisation, from their
 * last activity across Zendesk, LiveChat and Talkdesk. Pure: activity, holds, tickets and the
 * clock come in as arguments.
 */
import { addMonthsUtc, isValidDate } from './calendar.js';
import type { ClauseId } from './clauses.js';
import type { ActivitySystem, PolicyProfile, RetentionMode } from './profile-schema.js';

type Instant = Date | null | undefined;

/** What each system knows about a person's last activity. Missing values are simply unknown. */
export interface CrossSystemActivity {
  zendesk?: {
    lastLoginAt?: Instant;
    lastRequesterCommentAt?: Instant;
    lastRequesterTicketUpdateAt?: Instant;
    /** Account creation: the floor when nothing else is known, so a never-active account still ages. */
    createdAt?: Instant;
  };
  livechat?: { lastChatAt?: Instant };
  talkdesk?: { lastCallAt?: Instant };
}

/** The latest activity and where it happened. */
export interface LastActivity {
  at: Date;
  system: ActivitySystem;
  /** Which field it came from, e.g. `zendesk.lastLoginAt`. */
  field: string;
}

/**
 * C14: the latest activity among the systems the profile counts. Returns `null` when no
 * counted system has a timestamp. Ties go to the first system in the profile's list.
 */
export function lastActivityAcrossSystems(activity: CrossSystemActivity, profile: PolicyProfile): LastActivity | null {
  return latestOf(candidates(activity, profile.retention.countsActivityFrom));
}

function candidates(activity: CrossSystemActivity, systems: readonly ActivitySystem[]): LastActivity[] {
  const out: LastActivity[] = [];
  const push = (system: ActivitySystem, field: string, at: Instant): void => {
    if (isValidDate(at)) out.push({ at, system, field: `${system}.${field}` });
  };
  for (const system of systems) {
    if (system === 'zendesk') {
      const z = activity.zendesk ?? {};
      push('zendesk', 'lastLoginAt', z.lastLoginAt);
      push('zendesk', 'lastRequesterCommentAt', z.lastRequesterCommentAt);
      push('zendesk', 'lastRequesterTicketUpdateAt', z.lastRequesterTicketUpdateAt);
      push('zendesk', 'createdAt', z.createdAt);
    } else if (system === 'livechat') {
      push('livechat', 'lastChatAt', activity.livechat?.lastChatAt);
    } else {
      push('talkdesk', 'lastCallAt', activity.talkdesk?.lastCallAt);
    }
  }
  return out;
}

function latestOf(list: readonly LastActivity[]): LastActivity | null {
  let best: LastActivity | null = null;
  for (const c of list) if (!best || c.at.getTime() > best.at.getTime()) best = c;
  return best;
}

/** A legal hold on a person (C18); active from `placedAt` until `until` (open-ended when absent). */
export interface LegalHold {
  id: string;
  reason: string;
  placedBy: string;
  placedAt: Date;
  until?: Date | null;
}

export type RetentionOutcome = 'not_due' | 'due' | 'held' | 'blocked' | 'active_elsewhere' | 'exempt';

/** Machine-readable reason of a retention decision; the UI renders it. */
export type RetentionReason =
  | 'agent_account'
  | 'no_activity_recorded'
  | 'within_window'
  | 'active_in_other_system'
  | 'window_elapsed'
  | 'legal_hold'
  | 'processing_restricted'
  | 'open_tickets';

export interface RetentionInput {
  activity: CrossSystemActivity;
  profile: PolicyProfile;
  now: Date;
  holds?: readonly LegalHold[];
  /** Tickets of the person that are new, open, pending or on hold: they block deletion (C19). */
  openTicketIds?: readonly number[];
  /** Tickets that are solved but not closed: closed first when the profile allows, else blocking. */
  solvedTicketIds?: readonly number[];
  /** C24: processing restricted; the sweep skips the person. */
  restricted?: boolean;
  isAgent?: boolean;
}

/** The retention decision for one person. */
export interface RetentionDecision {
  outcome: RetentionOutcome;
  reason: RetentionReason;
  clause: ClauseId;
  /** When the window ends (or ended); null when no activity is known. */
  dueAt: Date | null;
  lastActivity: Date | null;
  lastActivitySystem: ActivitySystem | null;
  mode: RetentionMode;
  /** Present when blocked by tickets (C19). */
  blockingTicketIds?: number[];
  /** Solved tickets to close before deleting, when due (C19). */
  ticketsToCloseFirst?: number[];
  /** The active holds, when held (C18). */
  holdIds?: string[];
  /** When Zendesk activity alone would have made the person due: that date (C14). */
  zendeskOnlyDueAt?: Date | null;
}

/**
 * Decides whether a person is due. Order: agents are exempt; then the window (not due,
 * or active elsewhere when only chat or phone activity keeps them); once due, a legal hold
 * (C18) wins over a restriction (C24), which wins over open tickets (C19).
 * A person with no known activity at all is not due: an irreversible erasure needs a date.
 */
export function decideRetention(input: RetentionInput): RetentionDecision {
  const { activity, profile, now } = input;
  const window = profile.retention.windowMonths;
  const mode = profile.retention.mode;
  const last = lastActivityAcrossSystems(activity, profile);
  const base = {
    mode,
    lastActivity: last?.at ?? null,
    lastActivitySystem: last?.system ?? null,
    dueAt: last ? addMonthsUtc(last.at, window) : null,
  };

  if (input.isAgent) return { ...base, outcome: 'exempt', reason: 'agent_account', clause: 'C14' };
  if (!last || !base.dueAt) return { ...base, outcome: 'not_due', reason: 'no_activity_recorded', clause: 'C14' };

  if (now.getTime() < base.dueAt.getTime()) {
    if (profile.retention.countsActivityFrom.includes('zendesk') && last.system !== 'zendesk') {
      const zendeskLast = latestOf(candidates(activity, ['zendesk']));
      const zendeskOnlyDueAt = zendeskLast ? addMonthsUtc(zendeskLast.at, window) : null;
      if (!zendeskOnlyDueAt || now.getTime() >= zendeskOnlyDueAt.getTime()) {
        return { ...base, outcome: 'active_elsewhere', reason: 'active_in_other_system', clause: 'C14', zendeskOnlyDueAt };
      }
    }
    return { ...base, outcome: 'not_due', reason: 'within_window', clause: 'C14' };
  }

  const activeHolds = (input.holds ?? []).filter((h) => isHoldActive(h, now));
  if (activeHolds.length > 0) {
    return { ...base, outcome: 'held', reason: 'legal_hold', clause: 'C18', holdIds: activeHolds.map((h) => h.id) };
  }
  if (input.restricted) return { ...base, outcome: 'blocked', reason: 'processing_restricted', clause: 'C24' };

  const open = [...(input.openTicketIds ?? [])];
  const solved = [...(input.solvedTicketIds ?? [])];
  const blocking = profile.retention.closeSolvedTicketsBeforeDeletion ? open : [...open, ...solved];
  if (blocking.length > 0) {
    return { ...base, outcome: 'blocked', reason: 'open_tickets', clause: 'C19', blockingTicketIds: blocking.sort((a, b) => a - b) };
  }
  const decision: RetentionDecision = { ...base, outcome: 'due', reason: 'window_elapsed', clause: mode === 'anonymize' ? 'C16' : 'C15' };
  if (solved.length > 0) decision.ticketsToCloseFirst = solved.sort((a, b) => a - b);
  return decision;
}

/** A hold is active from its placement until `until` (exclusive); without `until` it is open-ended. */
export function isHoldActive(hold: LegalHold, now: Date): boolean {
  if (hold.placedAt.getTime() > now.getTime()) return false;
  return !hold.until || now.getTime() < hold.until.getTime();
}

/** One step of erasing or anonymising a person in Zendesk, in the order the job runs them. */
export type ErasureStep =
  | 'close_solved_tickets'
  | 'soft_delete_tickets'
  | 'permanently_delete_tickets'
  | 'soft_delete_user'
  | 'permanently_delete_user'
  | 'verify_deleted'
  | 'redact_comment_pii'
  | 'anonymize_identity'
  | 'verify_anonymized';

/**
 * The ordered steps for a due person under the profile's mode. `delete` (C15, C17): a soft
 * delete is always followed by the permanent deletion and a check that nothing is left, for
 * tickets and user alike. `anonymize` (C16): PII in comments is redacted and the identity
 * replaced; tickets and aggregates stay.
 */
export function erasureSteps(profile: PolicyProfile, options: { closeSolvedFirst?: boolean } = {}): ErasureStep[] {
  const steps: ErasureStep[] = [];
  if (options.closeSolvedFirst && profile.retention.closeSolvedTicketsBeforeDeletion) steps.push('close_solved_tickets');
  if (profile.retention.mode === 'anonymize') {
    steps.push('redact_comment_pii', 'anonymize_identity', 'verify_anonymized');
    return steps;
  }
  steps.push('soft_delete_tickets', 'permanently_delete_tickets', 'soft_delete_user', 'permanently_delete_user', 'verify_deleted');
  return steps;
}
