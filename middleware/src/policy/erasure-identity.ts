import type { RequestType } from './deadlines.js';
import type { PolicyProfile } from './profile-schema.js';

/**
 * C20: whose word starts a request that arrives by ticket. Under a profile whose policy says the
 * account's administrator must ask for erasure (deskpro), the person's own address is not enough:
 * the request waits for an agent to confirm, in the app, that the administrator asked.
 */
export function ticketIdentityRule(profile: PolicyProfile, type: RequestType): 'own_primary_address' | 'administrator_confirmed_by_agent' {
  return type === 'erasure' && profile.erasure.acceptFrom === 'account_administrator' ? 'administrator_confirmed_by_agent' : 'own_primary_address';
}
