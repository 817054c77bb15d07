/** Shared test fixtures for the policy rules: shipped profiles, with targeted overrides. */
import { fileURLToPath } from 'node:url';
import { loadProfile } from '../../../middleware/src/policy/load-profile.js';
import type { PolicyProfile } from '../../../middleware/src/policy/profile-schema.js';
import type { ConsentRecord } from '../../../middleware/src/policy/consent.js';
import type { PersonKey } from '../../../middleware/src/policy/person-key.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const PROFILES_DIR = fileURLToPath(new URL('../../../profiles/', import.meta.url));
export const POLICIES_DIR = fileURLToPath(new URL('../../../../shared/policies/', import.meta.url));

export function profile(id: string, patch: (p: PolicyProfile) => void = () => {}): PolicyProfile {
  const p = structuredClone(loadProfile(id, PROFILES_DIR));
  patch(p);
  return p;
}

export const at = (iso: string): Date => new Date(iso);

export function consent(
  personKey: PersonKey,
  purpose: string,
  action: ConsentRecord['action'],
  when: string,
  extra: Partial<ConsentRecord> = {},
): ConsentRecord {
  return {
    personKey,
    purpose,
    action,
    source: 'sidebar',
    evidence: { ticketId: 101, commentId: 9001 },
    policyVersion: '1.01 (2018-02-27)',
    actor: 'agent:7',
    at: at(when),
    ...extra,
  };
}
