import { describe, expect, it } from 'vitest';
import { completedYearsUtc } from '../../../middleware/src/policy/calendar.js';
import { consequencesOfMinorMark, isMinor } from '../../../middleware/src/policy/minors.js';
import { AUTOMATION_ACTIONS, automationAllowed } from '../../../middleware/src/policy/restriction.js';
import { at, profile } from './fixtures.js';

describe('minors', () => {
  const isp = profile('ispsystem');
  const deskpro = profile('deskpro');
  const plesk = profile('plesk');

  it('C27 when a requester is 17 under ispsystem (minimum 18), then they are a minor', () => {
    expect(isMinor(17, isp, at('2025-01-01T00:00:00Z'))).toBe(true);
    expect(isMinor(18, isp, at('2025-01-01T00:00:00Z'))).toBe(false);
  });

  it('C27 when a requester is 13 under deskpro (minimum 13), then they are not a minor', () => {
    expect(isMinor(13, deskpro, at('2025-01-01T00:00:00Z'))).toBe(false);
    expect(isMinor(12, deskpro, at('2025-01-01T00:00:00Z'))).toBe(true);
  });

  it('C27 when the birthday is tomorrow, then the person is still a minor today', () => {
    const born = at('2007-06-02T00:00:00Z');
    expect(isMinor(born, isp, at('2025-06-01T23:59:59Z'))).toBe(true);
    expect(isMinor(born, isp, at('2025-06-02T00:00:00Z'))).toBe(false);
  });

  it('C27 when someone born on 29 February turns 18 in a common year, then they are of age on 1 March', () => {
    const born = at('2008-02-29T00:00:00Z');
    expect(completedYearsUtc(born, at('2026-02-28T12:00:00Z'))).toBe(17);
    expect(isMinor(born, isp, at('2026-02-28T12:00:00Z'))).toBe(true);
    expect(isMinor(born, isp, at('2026-03-01T00:00:00Z'))).toBe(false);
  });

  it('C27 when the profile sets no minimum age, then nobody is a minor', () => {
    expect(isMinor(5, plesk, at('2025-01-01T00:00:00Z'))).toBe(false);
  });

  it('C27 when the age is not valid, then it refuses', () => {
    expect(() => isMinor(-1, isp, at('2025-01-01T00:00:00Z'))).toThrow(RangeError);
  });

  it('C27 when a requester is marked a minor, then they are restricted and an erasure request goes to admin review', () => {
    expect(consequencesOfMinorMark()).toEqual({ restrict: true, erasureRequest: 'open_for_admin_review', clauses: ['C27', 'C24'] });
  });
});

describe('restriction of processing', () => {
  it('C24 when a person is restricted, then every automation except legal-hold evidence and CC removal is refused', () => {
    for (const action of AUTOMATION_ACTIONS) {
      const verdict = automationAllowed({ restricted: true }, action);
      expect(verdict.allowed, action).toBe(action === 'legal_hold_evidence' || action === 'cc_removal');
    }
  });

  it('C24 when a restricted person is an unconsented CC, then removing them is allowed because removal limits processing', () => {
    expect(automationAllowed({ restricted: true }, 'cc_removal')).toEqual({ allowed: true, reason: 'limits_processing', clause: 'C24' });
    expect(automationAllowed({ restricted: false, minor: true }, 'cc_removal').allowed).toBe(true);
  });

  it('C24 when a person is not restricted, then automations run', () => {
    expect(automationAllowed({ restricted: false }, 'retention_erasure')).toEqual({ allowed: true, reason: 'not_restricted', clause: 'C24' });
  });

  it('C24 when a restricted person gives further consent for an action, then that action runs', () => {
    expect(automationAllowed({ restricted: true }, 'access_export', { furtherConsent: true }).reason).toBe('person_consented');
  });

  it('C24 C27 when a person is marked a minor, then automations treat them as restricted', () => {
    expect(automationAllowed({ restricted: false, minor: true }, 'access_export').allowed).toBe(false);
    expect(automationAllowed({ restricted: false, minor: true }, 'rectification').allowed).toBe(false);
  });
});
