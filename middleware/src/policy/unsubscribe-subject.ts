import type { PolicyProfile } from './profile-schema.js';
import type { PersonConsentState } from './consent.js';
import { purposesWithdrawnByObjection } from './consent.js';

/**
 * C31: "You can also respond to our electronic communications and subscriptions with an
 * 'Unsubscribe' message in the subject field" (002). The word on its own, in any case, anywhere in
 * the subject ("Re: Unsubscribe", "UNSUBSCRIBE me"); not "unsubscribed" or "resubscribe".
 */
export function isUnsubscribeSubject(subject: string | null | undefined): boolean {
  return typeof subject === 'string' && /(^|[^a-z0-9])unsubscribe($|[^a-z0-9])/i.test(subject);
}

/**
 * C31: what an "Unsubscribe" e-mail withdraws: the profile's optional marketing purposes that are
 * not withdrawn already. Only a ticket that came in by e-mail counts (the subject is the sender's);
 * service messages are required and stay (C10).
 */
export function purposesToUnsubscribe(
  ticket: { subject: string | null | undefined; channel: string | undefined },
  profile: PolicyProfile,
  consent: PersonConsentState,
): string[] {
  if (ticket.channel !== 'email' || !isUnsubscribeSubject(ticket.subject)) return [];
  return purposesWithdrawnByObjection(profile).filter((purpose) => consent.purposes[purpose]?.state !== 'withdrawn');
}
