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

/** An admin's confirmation of one assumed value, as the audit ledger recorded it. */
export interface AssumedValueConfirmation {
  profileId: string;
  path: string;
  /** `assumedValueFingerprint` of the value the admin saw: a changed value needs a new confirmation. */
  valueFingerprint: string;
  actor: string;
  at: string;
}

/** An assumed value with the confirmation that still holds for it, if any. */
export interface AssumedValueReview extends AssumedValue {
  confirmed: { by: string; at: string } | null;
}

/** A stable fingerprint of a value (keys sorted), so a confirmation is bound to what was confirmed. */
export function assumedValueFingerprint(value: unknown): string {
  const canonical = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
    }
    return JSON.stringify(v ?? null);
  };
  return canonical(value);
}

/**
 * Each assumed value of `profile` with its latest confirmation, when that confirmation was given
 * for this profile and for the value it has now (editing the profile voids older confirmations).
 */
export function reviewAssumedValues(profile: PolicyProfile, confirmations: readonly AssumedValueConfirmation[]): AssumedValueReview[] {
  return assumedProfileValues(profile).map((assumed) => {
    const fingerprint = assumedValueFingerprint(assumed.value);
    let latest: AssumedValueConfirmation | undefined;
    for (const c of confirmations) {
      if (c.profileId !== profile.id || c.path !== assumed.path || c.valueFingerprint !== fingerprint) continue;
      if (!latest || Date.parse(c.at) > Date.parse(latest.at)) latest = c;
    }
    return { ...assumed, confirmed: latest ? { by: latest.actor, at: latest.at } : null };
  });
}
