import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../../middleware/src/policy/load-profile.js';
import { processorRegistry, unsafeguardedTransfers } from '../../../middleware/src/policy/processors.js';

describe('processor registry and cross-border transfers', () => {
  it('C12 when the plesk profile is loaded, then Zendesk, LiveChat and Talkdesk are listed with function and country', () => {
    const registry = processorRegistry(loadProfile('plesk'));
    expect(registry.map((p) => p.name)).toEqual(expect.arrayContaining(['Zendesk', 'LiveChat', 'Talkdesk']));
    for (const p of registry) {
      expect(p.function.length).toBeGreaterThan(5);
      expect(p.country.length).toBeGreaterThan(1);
    }
  });

  it('C13 when an EEA person is served by non-EEA processors without a safeguard, then those are flagged and EEA ones are not', () => {
    const flagged = unsafeguardedTransfers(loadProfile('plesk'), { inEea: true });
    expect(flagged).toEqual(expect.arrayContaining(['Zendesk', 'Talkdesk']));
    expect(flagged).not.toContain('LiveChat');
  });

  it('C13 when the person is not in the EEA, then nothing is flagged', () => {
    expect(unsafeguardedTransfers(loadProfile('plesk'), { inEea: false })).toEqual([]);
  });

  it('C13 when a profile records a safeguard for a non-EEA processor, then it is not flagged', () => {
    const deskpro = loadProfile('deskpro');
    const withSafeguard = processorRegistry(deskpro, { inEea: true }).filter((p) => p.safeguard);
    expect(withSafeguard.length).toBeGreaterThan(0);
    expect(withSafeguard.every((p) => !p.transferFlagged)).toBe(true);
  });

  it('C12 when the registry is read, then each processor carries exactly its profile values, a null safeguard when none is recorded, and no flag without a person in the EEA', () => {
    expect(processorRegistry(loadProfile('deskpro'))).toEqual([
      { name: 'Zendesk', function: 'Support ticketing system holding the requests', country: 'USA', region: 'non_eea', safeguard: 'EU Standard Contractual Clauses', transferFlagged: false },
      { name: 'LiveChat', function: 'Real-time chat support', country: 'Poland', region: 'eea', safeguard: null, transferFlagged: false },
      { name: 'Talkdesk', function: 'Phone support and call recording', country: 'USA', region: 'non_eea', safeguard: 'EU Standard Contractual Clauses', transferFlagged: false },
    ]);
    expect(processorRegistry(loadProfile('plesk'), { inEea: true }).map((p) => [p.name, p.transferFlagged])).toEqual([['Zendesk', true], ['LiveChat', false], ['Talkdesk', true]]);
  });
});
