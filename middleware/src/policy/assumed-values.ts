import type { PolicyProfile } from './profile-schema.js';

/** A profile value the policy does not state in so many words, with the reason the profile took it. */
export interface AssumedValue {
  path: string;
  value: unknown;
  clause: string;
  basis: string;
  reason: string;
}

/** The value at a trace path such as `retention.windowMonths` or `processors[Zendesk].country`. */
export function valueAtPath(profile: PolicyProfile, path: string): unknown {
  let node: unknown = profile;
  for (const part of path.match(/[^.[\]]+|\[[^\]]+\]/g) ?? []) {
    if (node === null || typeof node !== 'object') return undefined;
    if (part.startsWith('[')) {
      const key = part.slice(1, -1);
      node = Array.isArray(node) ? node.find((el) => (el as { id?: string; name?: string }).id === key || (el as { name?: string }).name === key) : undefined;
    } else node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Every value not `stated` by the policy (inferred, a product default, or inherited), for an admin to confirm (admin page). */
export function assumedProfileValues(profile: PolicyProfile): AssumedValue[] {
  return Object.entries(profile.trace)
    .filter(([, entry]) => entry.basis !== 'stated')
    .map(([path, entry]) => ({ path, value: valueAtPath(profile, path), clause: entry.clause, basis: entry.basis, reason: entry.note ?? '' }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
