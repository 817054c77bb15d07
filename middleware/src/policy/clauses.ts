/**
 * The policy clauses the product enforces (C01 to C30 from the design, C31+ for promises the design left out), with a one-line title each. Embedded on purpose:
 * the product must not read the design docs at runtime. The clause-coverage report and the
 * profile traces refer to these IDs.
 */

export const CLAUSE_IDS = [
  'C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10',
  'C11', 'C12', 'C13', 'C14', 'C15', 'C16', 'C17', 'C18', 'C19', 'C20',
  'C21', 'C22', 'C23', 'C24', 'C25', 'C26', 'C27', 'C28', 'C29', 'C30',
  'C31', 'C32', 'C33', 'C34', 'C35', 'C36',
] as const;

/** One clause ID of the catalogue. */
export type ClauseId = (typeof CLAUSE_IDS)[number];

/** Which part of the policy a clause belongs to. */
export type ClauseGroup = 'collection' | 'sharing' | 'retention' | 'rights' | 'evidence';

/** A clause of the catalogue: ID, group and one-line title. */
export interface Clause {
  readonly id: ClauseId;
  readonly group: ClauseGroup;
  readonly title: string;
}

export const CLAUSES: Readonly<Record<ClauseId, Clause>> = Object.freeze({
  C01: { id: 'C01', group: 'collection', title: 'Show which support PII categories a requester has on record, per system' },
  C02: { id: 'C02', group: 'collection', title: 'Exports and erasure cover tickets, chat transcripts, calls and recordings, not only the profile' },
  C03: { id: 'C03', group: 'collection', title: 'Collect only what the purpose needs: scan comments for data the desk should not hold' },
  C04: { id: 'C04', group: 'collection', title: 'No bank-card data: redact card numbers in comments automatically' },
  C05: { id: 'C05', group: 'collection', title: 'Access credentials only for support: flag while open, redact once solved' },
  C06: { id: 'C06', group: 'collection', title: 'No special categories: flag health, beliefs, biometrics, convictions' },
  C07: { id: 'C07', group: 'sharing', title: 'No CC without the explicit consent of every person CC\'d' },
  C08: { id: 'C08', group: 'sharing', title: 'No forwarding of PII to third parties without express permission' },
  C09: { id: 'C09', group: 'sharing', title: 'Consent per specific purpose, with evidence and version, withdrawable at any time' },
  C10: { id: 'C10', group: 'sharing', title: 'Optional purposes can be opted out of; required service messages cannot' },
  C11: { id: 'C11', group: 'sharing', title: 'On-behalf requests: the requester attests that the policy was conveyed' },
  C12: { id: 'C12', group: 'sharing', title: 'Processors are listed with function and country' },
  C13: { id: 'C13', group: 'sharing', title: 'Cross-border transfers limited; EEA data to non-EEA processors needs a safeguard' },
  C14: { id: 'C14', group: 'retention', title: 'Keep PII while the account was active within the window, across all systems' },
  C15: { id: 'C15', group: 'retention', title: 'Remove unneeded PII periodically by terminating the account' },
  C16: { id: 'C16', group: 'retention', title: 'De-identify instead of deleting where the profile chooses anonymize' },
  C17: { id: 'C17', group: 'retention', title: 'Destruction prevents recovery: soft delete is followed by permanent deletion' },
  C18: { id: 'C18', group: 'retention', title: 'Legal holds keep data despite deletion for obligations, disputes, legitimate interest' },
  C19: { id: 'C19', group: 'retention', title: 'Open tickets block deletion: close solved ones first, report the rest as blocked' },
  C20: { id: 'C20', group: 'rights', title: 'Termination on request from the account\'s own e-mail address' },
  C21: { id: 'C21', group: 'rights', title: 'Access and a copy of all data held about the person' },
  C22: { id: 'C22', group: 'rights', title: 'Export as CSV and an electronic file for portability' },
  C23: { id: 'C23', group: 'rights', title: 'Rectify name, e-mail and company in every system' },
  C24: { id: 'C24', group: 'rights', title: 'Restriction of processing: automations skip the person except legal-hold evidence' },
  C25: { id: 'C25', group: 'rights', title: 'Object to direct marketing: withdraws the marketing purpose' },
  C26: { id: 'C26', group: 'rights', title: 'Answer requests within the profile\'s deadline; extensions need a reason' },
  C27: { id: 'C27', group: 'rights', title: 'No data of minors under the profile\'s minimum age' },
  C28: { id: 'C28', group: 'rights', title: 'Policy revision tracked; show when the last acceptance predates it' },
  C29: { id: 'C29', group: 'evidence', title: 'Append-only, hash-chained audit ledger; no PII or secrets in logs' },
  C30: { id: 'C30', group: 'evidence', title: 'Each completed erasure yields a per-system receipt' },
  C31: { id: 'C31', group: 'sharing', title: 'An e-mail with "Unsubscribe" in its subject withdraws marketing consent' },
  C32: { id: 'C32', group: 'rights', title: 'Policy versions recorded; a change that affects rights is notified to the people it affects' },
  C33: { id: 'C33', group: 'rights', title: 'Referral contacts who ask to be removed are suppressed and erased' },
  C34: { id: 'C34', group: 'rights', title: 'Objection to any use by us or a third party: optional purposes withdrawn and processing restricted' },
  C35: { id: 'C35', group: 'sharing', title: 'The third parties the policy names as recipients are listed in the access export' },
  C36: { id: 'C36', group: 'sharing', title: 'Survey, case-study and partner-marketing consent recorded, shown, and honoured by the survey' },
});

export function isClauseId(value: string): value is ClauseId {
  return (CLAUSE_IDS as readonly string[]).includes(value);
}
