/**
 * Restriction of processing (C24): while a person's processing is restricted (by their request,
 * or because they were marked a minor, C27), the product's automations skip them. The one
 * exception is preserving evidence under a legal hold, which the clause allows ("protection
 * against complaints and suits"); further consent from the person also lifts the block.
 *
 * Product decision: removing a restricted person from a ticket's CCs (`cc_removal`) is NOT
 * blocked. Removal stops their address and the ticket from travelling further, so it limits the
 * processing that restriction is about instead of being a new use of their data; keeping an
 * unconsented CC because the person is restricted would disclose more, not less. Everything that
 * discloses, changes or deletes their data (export, rectification, redaction, erasure, messages)
 * is blocked.
 */

/** Automations of the product that touch a person's data. */
export const AUTOMATION_ACTIONS = [
  'cc_removal',
  'comment_redaction',
  'retention_erasure',
  'retention_anonymize',
  'request_erasure',
  'access_export',
  'rectification',
  'marketing_message',
  'legal_hold_evidence',
] as const;
export type AutomationAction = (typeof AUTOMATION_ACTIONS)[number];

/** What restriction cares about for one person. */
export interface PersonProcessingState {
  restricted: boolean;
  /** Marked as a minor (C27): treated as restricted. */
  minor?: boolean;
}

/** Whether an automation may run, and why. */
export interface AutomationVerdict {
  allowed: boolean;
  reason: 'not_restricted' | 'restricted' | 'legal_hold_evidence' | 'limits_processing' | 'person_consented';
  clause: 'C24';
}

/**
 * C24: says no to every automation while the person is restricted, except keeping legal-hold
 * evidence and removing them as a CC, or when the person has given further consent for this action.
 */
export function automationAllowed(
  person: PersonProcessingState,
  action: AutomationAction,
  options: { furtherConsent?: boolean } = {},
): AutomationVerdict {
  const restricted = person.restricted || person.minor === true;
  if (!restricted) return { allowed: true, reason: 'not_restricted', clause: 'C24' };
  if (action === 'legal_hold_evidence') return { allowed: true, reason: 'legal_hold_evidence', clause: 'C24' };
  if (action === 'cc_removal') return { allowed: true, reason: 'limits_processing', clause: 'C24' };
  if (options.furtherConsent) return { allowed: true, reason: 'person_consented', clause: 'C24' };
  return { allowed: false, reason: 'restricted', clause: 'C24' };
}
