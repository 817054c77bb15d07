import { createHmac } from 'node:crypto';
import { normaliseEmail } from './person-key.js';

/** The tag an agent (or a trigger on the referral form) puts on a referral contact's removal request. */
export const REFERRAL_REMOVAL_TAG = 'privacy_referral_removal';

/** C33: "Any referral contact may request to be removed from our database" (004). */
export function isReferralRemovalRequest(tags: readonly string[] | undefined | null): boolean {
  return (tags ?? []).some((tag) => tag.trim().toLowerCase() === REFERRAL_REMOVAL_TAG);
}

/** The suppression list's key for an address: a keyed hash, so the list holds no address in clear. */
export function suppressionKey(email: string, key: string): string {
  return createHmac('sha256', key).update(normaliseEmail(email)).digest('hex');
}

/**
 * C33: a ticket about a suppressed contact that the contact did not open themselves (an agent or a
 * referrer entered them again) gets a "do not contact" note; their own ticket is their choice.
 */
export function needsDoNotContactNote(input: { requesterSuppressed: boolean; requesterId: number | null; submitterId: number | null; tags: readonly string[] | undefined }): boolean {
  if (!input.requesterSuppressed || input.requesterId === null) return false;
  if (isReferralRemovalRequest(input.tags)) return false;
  return input.submitterId !== null && input.submitterId !== input.requesterId;
}
