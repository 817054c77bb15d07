/**
 * Minors (C27): the profile's minimum age. A marked minor is restricted (C24) and an erasure
 * request is opened for an admin to review; the product never erases a minor's data on its own.
 */
import { completedYearsUtc } from './calendar.js';
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
