import type { RequestType } from './deadlines.js';
import type { PolicyProfile } from './profile-schema.js';

/**
 * C20: whose word starts a request that arrives by ticket. Under a profile whose policy says the
 * account's administrator must ask for erasure (deskpro), the person's own address is not enough:
 * the request waits for an agent to confirm, in the app, that the administrator asked.
 */
export function ticketIdentityRule(profile: PolicyProfile, type: RequestType, options: { referralContact?: boolean } = {}): 'own_primary_address' | 'administrator_confirmed_by_agent' {
  // C33: a referral contact has no account and no administrator; they ask for themselves.
  if (options.referralContact) return 'own_primary_address';
  return type === 'erasure' && profile.erasure.acceptFrom === 'account_administrator' ? 'administrator_confirmed_by_agent' : 'own_primary_address';
}

/**
 * C20, C23: whether the ticket's channel alone (e-mail or web form from the verified primary
 * address) may establish who asks. Not for erasure or rectification: an agent can tag any ticket
 * the person once sent, and an e-mail's From can be forged, so those wait for the person's own
 * confirmation (the single-use code or link) or an admin's override.
 */
export function channelEstablishesIdentity(type: RequestType): boolean {
  return type !== 'erasure' && type !== 'rectification';
}
