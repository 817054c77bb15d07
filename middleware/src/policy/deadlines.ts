/**
 * Request deadlines (C26): every data-subject request is due a number of calendar months after
 * receipt set by the profile ("within one month": a request of 31 January is due on the last day
 * of February, not 30 days later on 2 March), plus an optional extension in days that needs a
 * reason and stays within the profile's maximum.
 */
import { InvalidRequestError } from '../errors.js';
import { addDaysUtc, addMonthsUtc } from './calendar.js';
import type { PolicyProfile } from './profile-schema.js';

export const REQUEST_TYPES = ['access', 'erasure', 'rectification', 'restriction', 'objection'] as const;
/** The kinds of data-subject request the product runs (C20-C25). */
export type RequestType = (typeof REQUEST_TYPES)[number];

/** A deadline extension granted for one request. */
export interface DeadlineExtension {
  days: number;
  reason: string;
}

/** An extension was refused: no reason, not a whole positive number of days, or beyond the profile's maximum. */
export class DeadlineExtensionError extends InvalidRequestError {}

/** What is wrong with an extension under this profile; empty when it may be granted. */
export function extensionIssues(extension: DeadlineExtension, profile: PolicyProfile): string[] {
  const issues: string[] = [];
  if (!Number.isInteger(extension.days) || extension.days < 1) {
    issues.push(`days must be a whole number of at least 1, got ${extension.days}`);
  }
  if (extension.days > profile.maxExtensionDays) {
    issues.push(
      profile.maxExtensionDays === 0
        ? `profile ${profile.id} allows no extension: answer within ${profile.requestDeadlineMonths} month(s) (C26)`
        : `at most ${profile.maxExtensionDays} days under profile ${profile.id} (C26), got ${extension.days}`,
    );
  }
  if (extension.reason.trim().length === 0) issues.push('a reason is required for an extension (C26)');
  return issues;
}

/**
 * When a request received at `receivedAt` is due. Validates the extension and throws
 * `DeadlineExtensionError` when it is not allowed; use it when granting.
 */
export function dueDate(receivedAt: Date, profile: PolicyProfile, extension?: DeadlineExtension | null): Date {
  if (extension) {
    const issues = extensionIssues(extension, profile);
    if (issues.length > 0) throw new DeadlineExtensionError(`Deadline extension refused: ${issues.join('; ')}`, issues);
  }
  return dueAtFor(receivedAt, profile, extension?.days ?? 0);
}

/** The profile's months from receipt (clamped to the month's last day), then the extension's days. */
function dueAtFor(receivedAt: Date, profile: PolicyProfile, extensionDays: number): Date {
  return addDaysUtc(addMonthsUtc(receivedAt, profile.requestDeadlineMonths), extensionDays);
}

/** A stored request as far as deadlines care. Its extension was validated when it was granted. */
export interface TrackedRequest {
  type: RequestType;
  receivedAt: Date;
  extension?: DeadlineExtension | null;
  completedAt?: Date | null;
}

/** Where a request stands against its deadline. */
export interface DeadlineStatus {
  dueAt: Date;
  overdue: boolean;
  completed: boolean;
  /** Whole days left until due (negative when overdue), rounded down. */
  daysLeft: number;
}

/**
 * The deadline of a stored request. The stored extension is taken as granted (not re-checked
 * against today's profile, whose maximum may have changed since).
 */
export function deadlineStatus(request: TrackedRequest, profile: PolicyProfile, now: Date): DeadlineStatus {
  const dueAt = dueAtFor(request.receivedAt, profile, request.extension?.days ?? 0);
  const completed = request.completedAt instanceof Date;
  const overdue = !completed && now.getTime() > dueAt.getTime();
  const daysLeft = Math.floor((dueAt.getTime() - now.getTime()) / 86_400_000);
  return { dueAt, overdue, completed, daysLeft };
}

/** True when the request is still open after its due date (C26). */
export function isOverdue(request: TrackedRequest, profile: PolicyProfile, now: Date): boolean {
  return deadlineStatus(request, profile, now).overdue;
}
