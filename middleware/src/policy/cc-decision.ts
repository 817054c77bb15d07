/**
 * Which CCs and followers of a ticket must go (C07, C08). Pure: the caller loads the CCs, the
 * consent state of the people involved and the profile, then removes what this returns with
 * one ticket update. Running it again on the updated ticket returns no removals.
 *
 * Rules, in order, for each CC or follower:
 *  1. agents and admins stay (`agent`) when the profile exempts agents;
 *  2. addresses on a profile-exempt domain or its subdomains stay (`exempt_domain`);
 *  3. the requester listed as a CC stays (`requester`);
 *  4. C07, when the profile requires CC consent: the person's own `cc` consent must be granted,
 *     else `no_cc_consent` or `consent_withdrawn`;
 *  5. C08, when the profile requires it and the requester's address is known: a CC on another
 *     e-mail domain than the requester's needs the requester's `third_party_sharing` consent,
 *     else `no_third_party_sharing_consent`. Domains are compared exactly; two people on the
 *     same free-mail domain count as the same organisation (a known simplification).
 *  Otherwise the CC stays, `consented` (C07 consent found) or `consent_not_required`.
 */
import type { ClauseId } from './clauses.js';
import type { ConsentStateValue, PersonConsentState } from './consent.js';
import { emailDomain, personKeyCandidates, personKeyFor, type PersonKey, type PersonRef } from './person-key.js';
import type { PolicyProfile } from './profile-schema.js';

/** An e-mail CC or a follower of a ticket; `role` is absent when the address is not a Zendesk user. */
export interface TicketCc {
  userId?: number;
  email: string;
  role?: 'end-user' | 'agent' | 'admin';
  kind: 'email_cc' | 'follower';
}

/** Why a CC is removed. */
export type CcRemovalReason = 'no_cc_consent' | 'consent_withdrawn' | 'no_third_party_sharing_consent';
/** Why a CC stays. */
export type CcKeepReason = 'consented' | 'agent' | 'exempt_domain' | 'requester' | 'consent_not_required';

/** A CC to remove, with the reason and the clause that requires it. */
export interface CcRemoval {
  cc: TicketCc;
  personKey: PersonKey;
  reason: CcRemovalReason;
  clause: ClauseId;
}

/** A CC that stays, with the reason. */
export interface CcKept {
  cc: TicketCc;
  personKey: PersonKey;
  reason: CcKeepReason;
}

/** The outcome for every CC of the ticket. */
export interface CcDecision {
  remove: CcRemoval[];
  keep: CcKept[];
}

export interface CcDecisionInput {
  ccs: readonly TicketCc[];
  /** Consent state per person key; a person may appear under their user key, e-mail key or both. */
  consentByPerson: ReadonlyMap<string, PersonConsentState>;
  profile: PolicyProfile;
  /** The ticket's requester; needed for the C08 outside-domain rule, which is skipped without it. */
  requester?: PersonRef;
}

export function decideCcRemovals(input: CcDecisionInput): CcDecision {
  const { ccs, consentByPerson, profile, requester } = input;
  const remove: CcRemoval[] = [];
  const keep: CcKept[] = [];
  const requesterKeys = new Set<string>(requester ? safeCandidates(requester) : []);
  const requesterDomain = requester?.email ? emailDomain(requester.email) : undefined;
  const requesterSharing = requester
    ? purposeStateFor(safeCandidates(requester), 'third_party_sharing', consentByPerson)
    : 'never';

  for (const cc of ccs) {
    const ref: PersonRef = { zendeskUserId: cc.userId ?? null, email: cc.email };
    const keys = personKeyCandidates(ref);
    const personKey = personKeyFor(ref);
    const domain = emailDomain(cc.email);
    const isStaff = cc.role === 'agent' || cc.role === 'admin';

    if (isStaff && profile.cc.exemptAgents) {
      keep.push({ cc, personKey, reason: 'agent' });
      continue;
    }
    if (domain !== undefined && isExemptDomain(domain, profile.cc.exemptDomains)) {
      keep.push({ cc, personKey, reason: 'exempt_domain' });
      continue;
    }
    if (keys.some((k) => requesterKeys.has(k))) {
      keep.push({ cc, personKey, reason: 'requester' });
      continue;
    }
    if (profile.cc.requireConsent) {
      const ccState = purposeStateFor(keys, 'cc', consentByPerson);
      if (ccState !== 'granted') {
        remove.push({ cc, personKey, reason: ccState === 'withdrawn' ? 'consent_withdrawn' : 'no_cc_consent', clause: 'C07' });
        continue;
      }
    }
    const outside = requesterDomain !== undefined && domain !== requesterDomain;
    if (profile.cc.outsideDomainsRequireSharingConsent && outside && requesterSharing !== 'granted') {
      remove.push({ cc, personKey, reason: 'no_third_party_sharing_consent', clause: 'C08' });
      continue;
    }
    keep.push({ cc, personKey, reason: profile.cc.requireConsent ? 'consented' : 'consent_not_required' });
  }
  return { remove, keep };
}

/** True when `domain` is one of `exemptDomains` or a subdomain of one. */
export function isExemptDomain(domain: string, exemptDomains: readonly string[]): boolean {
  const d = domain.toLowerCase();
  return exemptDomains.some((e) => d === e || d.endsWith(`.${e}`));
}

/**
 * The state of one purpose across all keys of a person: the most recent non-`never` state
 * wins, so a withdrawal recorded under the e-mail key after a grant under the user key counts.
 */
export function purposeStateFor(
  keys: readonly string[],
  purpose: string,
  consentByPerson: ReadonlyMap<string, PersonConsentState>,
): ConsentStateValue {
  let best: { state: ConsentStateValue; since: number } | undefined;
  for (const key of keys) {
    const state = consentByPerson.get(key)?.purposes[purpose];
    if (!state || state.state === 'never' || !state.since) continue;
    const since = state.since.getTime();
    if (!best || since >= best.since) best = { state: state.state, since };
  }
  return best?.state ?? 'never';
}

function safeCandidates(person: PersonRef): string[] {
  try {
    return personKeyCandidates(person);
  } catch {
    return [];
  }
}
