import type { PolicyProfile } from './profile-schema.js';

/**
 * C35: the third parties the policy names as recipients, as the access export lists them
 * (000: "Such 3rd party components are Kolab, Acronis, Yola and DigiCert (Symantec)"; cookies
 * "from 3rd parties, such as Google and Hubspot"). Empty when the policy names none.
 */
export function thirdPartyRecipientRows(profile: PolicyProfile): Array<{ name: string; purpose: string; receives: string; source: string | null }> {
  return (profile.thirdPartyRecipients ?? []).map((r) => ({
    name: r.name,
    purpose: r.purpose,
    receives: r.receives,
    source: profile.trace[`thirdPartyRecipients[${r.name}]`]?.source ?? null,
  }));
}
