import { createHash } from 'node:crypto';
import type { PolicyProfile } from './profile-schema.js';
import { isMinorByUserFields } from './minors.js';

/** Why a person gets no change notice; `null` when they get one. */
export type NoticeSkipReason = 'not_end_user' | 'inactive' | 'no_email' | 'restricted' | 'minor' | 'joined_after_publication' | 'suppressed';

/** What the notice run knows about one Zendesk user. */
export interface NoticeCandidate {
  role?: string | null;
  active?: boolean | null;
  suspended?: boolean | null;
  email?: string | null;
  createdAt?: string | null;
  userFields?: Record<string, unknown> | null;
  /** C24: the product's restriction flag (or a marked minor) for this person. */
  restricted: boolean;
  /** C33: a referral contact who asked to be removed is not written to again. */
  suppressed?: boolean;
}

/**
 * C32: whether a change that affects people's rights is sent to this person. End users whose
 * data the desk holds get it; staff, deleted or suspended accounts, people without an address,
 * people who joined after the publication (they accepted the new version), restricted people
 * and minors (C24, C27: no processing) and suppressed contacts (C33) do not.
 */
export function changeNoticeSkipReason(candidate: NoticeCandidate, profile: PolicyProfile, publishedAt: Date, now: Date): NoticeSkipReason | null {
  if ((candidate.role ?? 'end-user') !== 'end-user') return 'not_end_user';
  if (candidate.active === false || candidate.suspended === true) return 'inactive';
  if (!candidate.email) return 'no_email';
  if (candidate.suppressed) return 'suppressed';
  if (candidate.restricted) return 'restricted';
  if (isMinorByUserFields(candidate.userFields ?? null, profile, now)) return 'minor';
  if (candidate.createdAt && Date.parse(candidate.createdAt) > publishedAt.getTime()) return 'joined_after_publication';
  return null;
}

/** The tag on every notice ticket of one version, so a resumed run finds a notice it already sent. */
export function changeNoticeTag(version: string): string {
  return `pg_policy_notice_${createHash('sha256').update(version).digest('hex').slice(0, 12)}`;
}

/** The notice as the person reads it: what changed, the version and date, and their choice (000, 004). */
export function changeNoticeText(profile: PolicyProfile, version: string, summary: string): { subject: string; body: string } {
  return {
    subject: `${profile.organisation}: changes to our privacy policy`,
    body: [
      `We have updated our privacy policy (${version}). The changes affect your rights:`,
      '',
      summary,
      '',
      'If you keep using our support services, the revised policy applies to you. If you do not agree with it, reply to this e-mail and we will close your account and delete your personal data.',
    ].join('\n'),
  };
}
