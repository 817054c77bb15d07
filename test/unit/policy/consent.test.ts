import { describe, expect, it } from 'vitest';
import {
  canWithdraw,
  consentRecordIssues,
  deriveConsentState,
  purposesWithdrawnByObjection,
} from '../../../middleware/src/policy/consent.js';
import { personKeyCandidates, personKeyFor } from '../../../middleware/src/policy/person-key.js';
import { at, consent, profile } from './fixtures.js';

const plesk = profile('plesk');
const NOW = at('2025-06-01T12:00:00Z');

describe('person keys', () => {
  it('when a person has a Zendesk user id, then the key is the user id', () => {
    expect(personKeyFor({ zendeskUserId: 42, email: 'Ann@Example.COM' })).toBe('zendesk:42');
  });

  it('when a CC\'d address is not yet a Zendesk user, then it is still a person, keyed by the lower-cased e-mail', () => {
    expect(personKeyFor({ email: '  Ann@Example.COM ' })).toBe('email:ann@example.com');
  });

  it('when both are known, then both candidate keys are returned, user id first', () => {
    expect(personKeyCandidates({ zendeskUserId: '42', email: 'Ann@Example.com' })).toEqual(['zendesk:42', 'email:ann@example.com']);
  });

  it('when neither is known, then the key cannot be made', () => {
    expect(() => personKeyFor({})).toThrow(TypeError);
  });
});

describe('deriveConsentState', () => {
  it('C09 when consent is granted then withdrawn, then the state is withdrawn since the withdrawal and the history keeps both', () => {
    const state = deriveConsentState(
      [
        consent('zendesk:1', 'surveys', 'granted', '2024-01-01T00:00:00Z'),
        consent('zendesk:1', 'surveys', 'withdrawn', '2024-03-01T00:00:00Z', { source: 'email_reply' }),
      ],
      plesk,
      NOW,
    );
    const surveys = state.purposes['surveys'];
    expect(surveys).toMatchObject({ state: 'withdrawn', source: 'email_reply', effective: false, required: false, withdrawable: true });
    expect(surveys?.since).toEqual(at('2024-03-01T00:00:00Z'));
    expect(surveys?.history.map((r) => r.action)).toEqual(['granted', 'withdrawn']);
  });

  it('C09 when records arrive out of order, then the latest by time wins', () => {
    const state = deriveConsentState(
      [
        consent('zendesk:1', 'cc', 'withdrawn', '2024-05-01T00:00:00Z'),
        consent('zendesk:1', 'cc', 'granted', '2024-01-01T00:00:00Z'),
      ],
      plesk,
      NOW,
    );
    expect(state.purposes['cc']?.state).toBe('withdrawn');
  });

  it('C09 when a purpose has no record, then its state is never and it is not effective', () => {
    const state = deriveConsentState([], plesk, NOW);
    expect(state.purposes['cc']).toMatchObject({ state: 'never', since: null, effective: false });
    expect(Object.keys(state.purposes).sort()).toEqual(['cc', 'service_messages', 'surveys', 'third_party_sharing']);
  });

  it('C10 when a purpose is required, then it is effective without consent and not withdrawable', () => {
    const state = deriveConsentState([], plesk, NOW);
    expect(state.purposes['service_messages']).toMatchObject({ required: true, withdrawable: false, effective: true, state: 'never' });
  });

  it('C09 when two records have the same time, then the later one in insertion order wins', () => {
    const t = '2024-02-02T00:00:00Z';
    const state = deriveConsentState(
      [consent('zendesk:1', 'cc', 'granted', t), consent('zendesk:1', 'cc', 'withdrawn', t)],
      plesk,
      NOW,
    );
    expect(state.purposes['cc']?.state).toBe('withdrawn');
  });

  it('when a record is dated after now, then it is ignored and counted', () => {
    const state = deriveConsentState([consent('zendesk:1', 'cc', 'granted', '2030-01-01T00:00:00Z')], plesk, NOW);
    expect(state.purposes['cc']?.state).toBe('never');
    expect(state.futureRecordsIgnored).toBe(1);
  });

  it('when a record names a purpose the profile does not declare, then it is reported, not mixed in', () => {
    const state = deriveConsentState([consent('zendesk:1', 'case_study', 'granted', '2024-01-01T00:00:00Z')], plesk, NOW);
    expect(state.unknownPurposes).toEqual(['case_study']);
    expect(state.purposes['case_study']).toBeUndefined();
  });

  it('C28 when the last acceptance was given under an older policy version, then it is flagged as outdated', () => {
    const p = profile('plesk', (x) => {
      x.policyVersion = '1.02 (2025-01-15)';
      x.policyDate = '2025-01-15';
    });
    const state = deriveConsentState(
      [consent('zendesk:1', 'cc', 'granted', '2024-01-01T00:00:00Z', { policyVersion: '1.01 (2018-02-27)' })],
      p,
      NOW,
    );
    expect(state.purposes['cc']?.acceptedVersionOutdated).toBe(true);
    expect(state.acceptedVersionOutdated).toBe(true);
    expect(state.lastAcceptance).toEqual({ at: at('2024-01-01T00:00:00Z'), policyVersion: '1.01 (2018-02-27)' });
  });

  it('C28 when the last acceptance is under the current version, then it is not outdated', () => {
    const state = deriveConsentState([consent('zendesk:1', 'cc', 'granted', '2024-01-01T00:00:00Z')], plesk, NOW);
    expect(state.purposes['cc']?.acceptedVersionOutdated).toBe(false);
    expect(state.acceptedVersionOutdated).toBe(false);
  });

  it('C28 when a record carries the current version label but predates the version date, then it is outdated', () => {
    const state = deriveConsentState([consent('zendesk:1', 'cc', 'granted', '2017-12-31T00:00:00Z')], plesk, NOW);
    expect(state.purposes['cc']?.acceptedVersionOutdated).toBe(true);
  });

  it('C28 when consent was withdrawn, then there is no acceptance to be outdated for that purpose', () => {
    const state = deriveConsentState(
      [
        consent('zendesk:1', 'cc', 'granted', '2024-01-01T00:00:00Z', { policyVersion: 'old' }),
        consent('zendesk:1', 'cc', 'withdrawn', '2024-02-01T00:00:00Z', { policyVersion: 'old' }),
      ],
      plesk,
      NOW,
    );
    expect(state.purposes['cc']?.acceptedVersionOutdated).toBe(false);
  });
});

describe('withdrawal and record checks', () => {
  it('C10 when a purpose is optional, then it can be withdrawn', () => {
    expect(canWithdraw('surveys', plesk)).toBe(true);
    expect(canWithdraw('marketing', profile('parallels'))).toBe(true);
  });

  it('C10 when a purpose is required (service messages), then it cannot be withdrawn', () => {
    expect(canWithdraw('service_messages', plesk)).toBe(false);
    expect(canWithdraw('service_messages', profile('parallels'))).toBe(false);
  });

  it('C10 when a purpose is not declared by the profile, then it cannot be withdrawn', () => {
    expect(canWithdraw('case_study', plesk)).toBe(false);
  });

  it('C10 when a withdrawal of a required purpose is recorded, then the record is refused', () => {
    const issues = consentRecordIssues(
      { purpose: 'service_messages', action: 'withdrawn', source: 'sidebar', evidence: { ticketId: 1 }, policyVersion: 'v', actor: 'agent:1' },
      plesk,
    );
    expect(issues.join()).toMatch(/cannot be withdrawn \(C10\)/);
  });

  it('C09 when consent is recorded without evidence, then the record is refused', () => {
    const issues = consentRecordIssues(
      { purpose: 'cc', action: 'granted', source: 'sidebar', evidence: {}, policyVersion: 'v', actor: 'agent:1' },
      plesk,
    );
    expect(issues).toEqual(['evidence needs a ticketId, commentId or formId (C09)']);
  });

  it('C09 when consent comes from a web form, then the form id is the evidence', () => {
    expect(
      consentRecordIssues({ purpose: 'cc', action: 'granted', source: 'web_form', evidence: { ticketId: 4 }, policyVersion: 'v', actor: 'requester' }, plesk),
    ).toEqual(['consent from a web form needs the formId (C09)']);
    expect(
      consentRecordIssues({ purpose: 'cc', action: 'granted', source: 'web_form', evidence: { formId: 'f-1' }, policyVersion: 'v', actor: 'requester' }, plesk),
    ).toEqual([]);
  });

  it('C25 when a person objects to direct marketing, then every optional marketing purpose is withdrawn', () => {
    expect(purposesWithdrawnByObjection(profile('deskpro'))).toEqual(['marketing', 'third_party_marketing']);
    expect(purposesWithdrawnByObjection(profile('parallels'))).toEqual(['marketing', 'partner_marketing_sharing']);
    expect(purposesWithdrawnByObjection(plesk)).toEqual([]);
  });
});
