import type { PolicyProfile } from './profile-schema.js';
import { purposesWithdrawnByObjection } from './consent.js';

/** The tag that widens an objection (`privacy_request_objection`) from direct marketing to any use. */
export const OBJECTION_ANY_USE_TAG = 'privacy_objection_any_use';

/**
 * What a person objects to: direct marketing (C25, 003) or "the use of your information by us or a
 * third party" (C34, 004).
 */
export type ObjectionScope = 'direct_marketing' | 'any_use';

export function objectionScopeFromTags(tags: readonly string[] | undefined | null): ObjectionScope {
  return (tags ?? []).some((tag) => tag.trim().toLowerCase() === OBJECTION_ANY_USE_TAG) ? 'any_use' : 'direct_marketing';
}

/**
 * The optional purposes an objection withdraws: the marketing ones (C25), or every optional
 * purpose, third-party ones included (C34). Required purposes stay: they are the service (C10).
 */
export function purposesWithdrawnForObjection(profile: PolicyProfile, scope: ObjectionScope): string[] {
  if (scope === 'direct_marketing') return purposesWithdrawnByObjection(profile);
  return profile.consentPurposes.filter((p) => !p.required).map((p) => p.id);
}

/** C34: an objection to any use also restricts processing (C24) until the desk resolves it. */
export function objectionRestrictsProcessing(scope: ObjectionScope): boolean {
  return scope === 'any_use';
}
