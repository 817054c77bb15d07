/**
 * The processor registry (C12) and the cross-border check (C13): every system that processes
 * support data, with its function, country and region; a person marked as in the EEA whose data
 * goes to a processor outside the EEA without a recorded safeguard is flagged.
 */
import type { PolicyProfile } from './profile-schema.js';

/** One processor as the admin page and exports show it, with its C13 flag for the person. */
export interface ProcessorView {
  name: string;
  function: string;
  country: string;
  region: 'eea' | 'non_eea';
  safeguard: string | null;
  /** True when an EEA person's data reaches this non-EEA processor without a safeguard (C13). */
  transferFlagged: boolean;
}

export function processorRegistry(profile: PolicyProfile, person: { inEea: boolean } = { inEea: false }): ProcessorView[] {
  return profile.processors.map((p) => {
    const safeguard = p.safeguard ?? null;
    return {
      name: p.name,
      function: p.function,
      country: p.country,
      region: p.region,
      safeguard,
      transferFlagged: person.inEea && p.region === 'non_eea' && !safeguard,
    };
  });
}

/** The processors that need a safeguard recorded before an EEA person's data may go to them. */
export function unsafeguardedTransfers(profile: PolicyProfile, person: { inEea: boolean }): string[] {
  return processorRegistry(profile, person).filter((p) => p.transferFlagged).map((p) => p.name);
}
