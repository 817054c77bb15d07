/**
 * Consent per purpose (C09, C10, C28). Records are append-only: a withdrawal is a new record,
 * never an edit. The current state of each purpose is derived from the records, newest last.
 */
import type { PersonKey } from './person-key.js';
import type { PolicyProfile } from './profile-schema.js';

export const CONSENT_ACTIONS = ['granted', 'withdrawn'] as const;
/** What a consent record does to its purpose. */
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

export const CONSENT_SOURCES = ['sidebar', 'web_form', 'email_reply', 'api'] as const;
/** Where the consent was given: recorded by an agent in the sidebar, a web form, an e-mail reply, the API. */
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** What proves the consent: the ticket and comment it was given in, or the form. */
export interface ConsentEvidence {
  ticketId?: number;
  commentId?: number;
  formId?: string;
}

/** One append-only consent record. */
export interface ConsentRecord {
  personKey: PersonKey;
  purpose: string;
  action: ConsentAction;
  source: ConsentSource;
  evidence: ConsentEvidence;
  /** The profile's `policyVersion` at the time the record was made (C28). */
  policyVersion: string;
  /** Who recorded it: an agent id, `requester`, or a system name. Never an e-mail address. */
  actor: string;
  at: Date;
}

/** `never` means no record exists for the purpose. */
export type ConsentStateValue = 'granted' | 'withdrawn' | 'never';

/** The current consent state of one purpose for one person. */
export interface PurposeConsentState {
  purpose: string;
  description: string;
  /** Required purposes are service messages: they need no consent and cannot be withdrawn (C10). */
  required: boolean;
  withdrawable: boolean;
  state: ConsentStateValue;
  /** Whether processing for this purpose may go ahead: required, or consent granted. */
  effective: boolean;
  since: Date | null;
  source: ConsentSource | null;
  policyVersion: string | null;
  evidence: ConsentEvidence | null;
  actor: string | null;
  /** C28: consent stands, but was given under an older policy version than the profile's. */
  acceptedVersionOutdated: boolean;
  /** Every record of this purpose, oldest first. */
  history: readonly ConsentRecord[];
}

/** A person's consent across the profile's purposes. */
export interface PersonConsentState {
  purposes: Readonly<Record<string, PurposeConsentState>>;
  /** C28: the person's last acceptance (latest grant of any purpose) predates the current policy version. */
  acceptedVersionOutdated: boolean;
  lastAcceptance: { at: Date; policyVersion: string } | null;
  /** Purposes found in the records that the profile does not declare (kept out of `purposes`). */
  unknownPurposes: string[];
  /** Records dated after `now` (clock skew or bad import); ignored. */
  futureRecordsIgnored: number;
}

/**
 * Derives the current state of every purpose the profile declares. Records may come from
 * several keys of the same person (see `personKeyCandidates`); for equal timestamps the input
 * order decides, so pass records in insertion order.
 */
export function deriveConsentState(
  records: readonly ConsentRecord[],
  profile: PolicyProfile,
  now: Date,
): PersonConsentState {
  const current = records.filter((r) => r.at.getTime() <= now.getTime());
  const sorted = current
    .map((record, index) => ({ record, index }))
    .sort((a, b) => a.record.at.getTime() - b.record.at.getTime() || a.index - b.index)
    .map((x) => x.record);

  const declared = new Set(profile.consentPurposes.map((p) => p.id));
  const unknownPurposes = [...new Set(sorted.map((r) => r.purpose).filter((p) => !declared.has(p)))].sort();

  const purposes: Record<string, PurposeConsentState> = {};
  let lastAcceptance: { at: Date; policyVersion: string } | null = null;

  for (const purpose of profile.consentPurposes) {
    const history = sorted.filter((r) => r.purpose === purpose.id);
    const last = history.at(-1);
    const state: ConsentStateValue = last ? last.action : 'never';
    const outdated = last?.action === 'granted' ? isAcceptanceOutdated(last, profile) : false;
    purposes[purpose.id] = {
      purpose: purpose.id,
      description: purpose.description,
      required: purpose.required,
      withdrawable: !purpose.required,
      state,
      effective: purpose.required || state === 'granted',
      since: last?.at ?? null,
      source: last?.source ?? null,
      policyVersion: last?.policyVersion ?? null,
      evidence: last?.evidence ?? null,
      actor: last?.actor ?? null,
      acceptedVersionOutdated: outdated,
      history,
    };
    for (const r of history) {
      if (r.action === 'granted' && (!lastAcceptance || r.at.getTime() >= lastAcceptance.at.getTime())) {
        lastAcceptance = { at: r.at, policyVersion: r.policyVersion };
      }
    }
  }

  const acceptedVersionOutdated =
    lastAcceptance !== null &&
    isAcceptanceOutdated({ policyVersion: lastAcceptance.policyVersion, at: lastAcceptance.at }, profile);

  return {
    purposes,
    acceptedVersionOutdated,
    lastAcceptance,
    unknownPurposes,
    futureRecordsIgnored: records.length - current.length,
  };
}

/**
 * C28: an acceptance is outdated when it was given under another policy version than the
 * profile's current one, or before the current version's date.
 */
export function isAcceptanceOutdated(
  acceptance: { policyVersion: string; at: Date },
  profile: PolicyProfile,
): boolean {
  if (acceptance.policyVersion !== profile.policyVersion) return true;
  return acceptance.at.getTime() < Date.parse(`${profile.policyDate}T00:00:00Z`);
}

/** C10: only optional purposes the profile declares can be withdrawn; required ones are service messages. */
export function canWithdraw(purpose: string, profile: PolicyProfile): boolean {
  const declared = profile.consentPurposes.find((p) => p.id === purpose);
  return declared !== undefined && !declared.required;
}

/** C25: the optional purposes an objection to direct marketing withdraws (ids containing `marketing`). */
export function purposesWithdrawnByObjection(profile: PolicyProfile): string[] {
  return profile.consentPurposes.filter((p) => !p.required && p.id.includes('marketing')).map((p) => p.id);
}

/**
 * Checks a record before it is appended: the purpose must be declared, a required purpose
 * cannot be withdrawn (C10), and consent given through a person-facing channel needs evidence
 * (C09). Returns the problems, empty when the record may be stored.
 */
export function consentRecordIssues(
  record: Omit<ConsentRecord, 'at' | 'personKey'>,
  profile: PolicyProfile,
): string[] {
  const issues: string[] = [];
  const declared = profile.consentPurposes.find((p) => p.id === record.purpose);
  if (!declared) {
    issues.push(`purpose "${record.purpose}" is not declared by profile ${profile.id}; declared: ${profile.consentPurposes.map((p) => p.id).join(', ')}`);
  } else if (declared.required && record.action === 'withdrawn') {
    issues.push(`purpose "${record.purpose}" is required (service messages) and cannot be withdrawn (C10)`);
  }
  const { ticketId, commentId, formId } = record.evidence;
  if (record.source !== 'api' && ticketId === undefined && commentId === undefined && !formId) {
    issues.push('evidence needs a ticketId, commentId or formId (C09)');
  }
  if (record.source === 'web_form' && !formId) issues.push('consent from a web form needs the formId (C09)');
  if (!record.policyVersion) issues.push('policyVersion is required (C28)');
  if (!record.actor) issues.push('actor is required');
  return issues;
}
