import type { PolicyProfile } from './profile-schema.js';
import type { PersonConsentState } from './consent.js';

/** The tag the survey gate sets on a solved ticket whose requester must not be invited to a survey. */
export const NO_SURVEY_TAG = 'pg_no_survey';

export type SurveyVerdict = { allowed: true; reason: 'no_survey_purpose' | 'surveys_not_withdrawn' } | { allowed: false; reason: 'surveys_withdrawn' | 'restricted' };

/**
 * C36: whether the requester of a solved ticket may be invited to the satisfaction survey. 000:
 * "We may invite you to participate in a survey"; the profile declares `surveys` as an optional,
 * withdrawable purpose, so an invitation is the default and a withdrawal stops it. A restricted
 * person or a minor (C24, C27) gets none.
 */
export function surveyInvitation(profile: PolicyProfile, consent: PersonConsentState, person: { restricted: boolean }): SurveyVerdict {
  if (person.restricted) return { allowed: false, reason: 'restricted' };
  if (!profile.consentPurposes.some((p) => p.id === 'surveys')) return { allowed: true, reason: 'no_survey_purpose' };
  return consent.purposes.surveys?.state === 'withdrawn' ? { allowed: false, reason: 'surveys_withdrawn' } : { allowed: true, reason: 'surveys_not_withdrawn' };
}
