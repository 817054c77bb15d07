import { describe, expect, it } from 'vitest';
import { isUnsubscribeSubject, purposesToUnsubscribe } from '../../../middleware/src/policy/unsubscribe-subject.js';
import { deriveConsentState } from '../../../middleware/src/policy/consent.js';
import { at, consent, profile } from './fixtures.js';

/** The promises the design's 30 clauses left out (issue 14), as pure rules. */
describe('C31 Unsubscribe in the subject', () => {
  it('C31 when the subject holds the word Unsubscribe in any case, then it counts; other words that contain it do not', () => {
    for (const subject of ['Unsubscribe', 'Re: Unsubscribe', 'UNSUBSCRIBE me please', 'newsletter/unsubscribe', '[unsubscribe]']) expect(isUnsubscribeSubject(subject), subject).toBe(true);
    for (const subject of ['I was unsubscribed by mistake', 'resubscribe', 'unsubscriber', 'Subscribe', '', null, undefined]) expect(isUnsubscribeSubject(subject), String(subject)).toBe(false);
  });

  it('C31 when an e-mail says Unsubscribe, then the optional marketing purposes not yet withdrawn are returned; not for other channels, not for required purposes', () => {
    const parallels = profile('parallels');
    const now = at('2026-06-01T00:00:00Z');
    const none = deriveConsentState([], parallels, now);
    expect(purposesToUnsubscribe({ subject: 'Unsubscribe', channel: 'email' }, parallels, none)).toEqual(['marketing', 'partner_marketing_sharing']);
    expect(purposesToUnsubscribe({ subject: 'Unsubscribe', channel: 'web' }, parallels, none)).toEqual([]);
    expect(purposesToUnsubscribe({ subject: 'Unsubscribe', channel: undefined }, parallels, none)).toEqual([]);
    expect(purposesToUnsubscribe({ subject: 'Help', channel: 'email' }, parallels, none)).toEqual([]);
    const withdrawn = deriveConsentState([consent('zendesk:1', 'marketing', 'withdrawn', '2026-01-01T00:00:00Z')], parallels, now);
    expect(purposesToUnsubscribe({ subject: 'Unsubscribe', channel: 'email' }, parallels, withdrawn)).toEqual(['partner_marketing_sharing']);
    // A profile without marketing purposes has nothing to withdraw.
    const plain = profile('parallels', (p) => { p.consentPurposes = p.consentPurposes.filter((x) => !x.id.includes('marketing')); });
    expect(purposesToUnsubscribe({ subject: 'Unsubscribe', channel: 'email' }, plain, deriveConsentState([], plain, now))).toEqual([]);
  });
});
