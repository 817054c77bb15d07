/**
 * Minors (C27): the profile's minimum age. A marked minor is restricted (C24) and an erasure
 * request is opened for an admin to review; the product never erases a minor's data on its own.
 */
import { completedYearsUtc, isValidDate } from './calendar.js';
import type { ClauseId } from './clauses.js';
import type { PolicyProfile } from './profile-schema.js';

/**
 * True when the person is below the profile's minimum age at `now`. Takes a birth date or an
 * age in whole years. Without a minimum age in the profile, nobody is a minor.
 */
export function isMinor(birthDateOrAge: Date | number, profile: PolicyProfile, now: Date): boolean {
  const minimum = profile.minimumAge;
  if (minimum === null) return false;
  const age = typeof birthDateOrAge === 'number' ? birthDateOrAge : completedYearsUtc(birthDateOrAge, now);
  if (!Number.isFinite(age) || age < 0) throw new RangeError(`isMinor: not a valid age or birth date (${String(birthDateOrAge)})`);
  return age < minimum;
}

/** What marking a person as a minor sets in motion. */
export interface MinorConsequences {
  restrict: true;
  erasureRequest: 'open_for_admin_review';
  clauses: readonly ClauseId[];
}

/** C27: a marked minor gets a restriction (C24) and an erasure request for admin review. */
export function consequencesOfMinorMark(): MinorConsequences {
  return { restrict: true, erasureRequest: 'open_for_admin_review', clauses: ['C27', 'C24'] };
}

/** The Zendesk user fields the age comes from (requirements.json): a birth date, or an age in years. */
export const AGE_USER_FIELDS = { birthDate: 'pg_birth_date', age: 'pg_age' } as const;

/**
 * The person's birth date or age from their Zendesk user fields; undefined when neither is set
 * or the value is not a plausible date (YYYY-MM-DD, not in the future) or whole age.
 */
export function ageFromUserFields(fields: Record<string, unknown> | null | undefined, now: Date): Date | number | undefined {
  const birth = fields?.[AGE_USER_FIELDS.birthDate];
  if (typeof birth === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(birth.trim())) {
    const date = new Date(`${birth.trim()}T00:00:00Z`);
    if (isValidDate(date) && date.getTime() <= now.getTime()) return date;
  }
  const raw = fields?.[AGE_USER_FIELDS.age];
  const age = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  return Number.isInteger(age) && age >= 0 && age <= 150 ? age : undefined;
}

/** C27 in production: below the profile's minimum age by the person's age fields; false when no age is known. */
export function isMinorByUserFields(fields: Record<string, unknown> | null | undefined, profile: PolicyProfile, now: Date): boolean {
  const age = ageFromUserFields(fields, now);
  return age === undefined ? false : isMinor(age, profile, now);
}
