import { describe, expect, it } from 'vitest';
import { isUnsubscribeSubject, purposesToUnsubscribe } from '../../../middleware/src/policy/unsubscribe-subject.js';
import { deriveConsentState } from '../../../middleware/src/policy/consent.js';
import { isReferralRemovalRequest, needsDoNotContactNote, suppressionKey } from '../../../middleware/src/policy/referral-removal.js';
import { ticketIdentityRule } from '../../../middleware/src/policy/erasure-identity.js';
import { objectionRestrictsProcessing, objectionScopeFromTags, purposesWithdrawnForObjection } from '../../../middleware/src/policy/objection-scope.js';
import { planSteps } from '../../../middleware/src/requests/step-plan.js';
import { thirdPartyRecipientRows } from '../../../middleware/src/policy/third-party-recipients.js';
import { buildExportArchive, emptyAccessExport } from '../../../middleware/src/requests/access-export.js';
import { unzip } from '../../helpers/unzip.js';
import { surveyInvitation } from '../../../middleware/src/policy/survey-gate.js';
import { changeNoticeSkipReason, changeNoticeTag, changeNoticeText } from '../../../middleware/src/policy/change-notice.js';
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

describe('C32 change notices', () => {
  const plesk = profile('plesk');
  const isp = profile('ispsystem');
  const publishedAt = at('2026-03-01T00:00:00Z');
  const now = at('2026-03-02T00:00:00Z');
  const person = { role: 'end-user', active: true, suspended: false, email: 'p@example.com', createdAt: '2025-01-01T00:00:00Z', userFields: {}, restricted: false };

  it('C32 when an end user with an address held data before the publication, then they get the notice', () => {
    expect(changeNoticeSkipReason(person, plesk, publishedAt, now)).toBeNull();
    expect(changeNoticeSkipReason({ ...person, role: undefined, active: null, suspended: null, createdAt: null }, plesk, publishedAt, now)).toBeNull();
  });

  it('C32 when the person is staff, inactive, suspended, without an address, restricted, a minor, or joined after the publication, then the notice is skipped with that reason', () => {
    expect(changeNoticeSkipReason({ ...person, role: 'agent' }, plesk, publishedAt, now)).toBe('not_end_user');
    expect(changeNoticeSkipReason({ ...person, role: 'admin' }, plesk, publishedAt, now)).toBe('not_end_user');
    expect(changeNoticeSkipReason({ ...person, active: false }, plesk, publishedAt, now)).toBe('inactive');
    expect(changeNoticeSkipReason({ ...person, suspended: true }, plesk, publishedAt, now)).toBe('inactive');
    expect(changeNoticeSkipReason({ ...person, email: null }, plesk, publishedAt, now)).toBe('no_email');
    expect(changeNoticeSkipReason({ ...person, restricted: true }, plesk, publishedAt, now)).toBe('restricted');
    expect(changeNoticeSkipReason({ ...person, userFields: { pg_age: 16 } }, isp, publishedAt, now)).toBe('minor');
    expect(changeNoticeSkipReason({ ...person, userFields: { pg_age: 16 } }, plesk, publishedAt, now)).toBeNull();
    expect(changeNoticeSkipReason({ ...person, createdAt: '2026-03-01T00:00:01Z' }, plesk, publishedAt, now)).toBe('joined_after_publication');
    expect(changeNoticeSkipReason({ ...person, createdAt: '2026-03-01T00:00:00Z' }, plesk, publishedAt, now)).toBeNull();
  });

  it('C32 when a notice is written, then it names the organisation, the version, the summary and the choice to terminate; its tag is stable per version', () => {
    const text = changeNoticeText(plesk, '1.02', 'Call recordings are kept for 12 months.');
    expect(text.subject).toContain(plesk.organisation);
    expect(text.body).toContain('(1.02)');
    expect(text.body).toContain('Call recordings are kept for 12 months.');
    expect(text.body).toMatch(/do not agree.*close your account/s);
    expect(changeNoticeTag('1.02')).toBe(changeNoticeTag('1.02'));
    expect(changeNoticeTag('1.02')).not.toBe(changeNoticeTag('1.03'));
    expect(changeNoticeTag('1.02')).toMatch(/^pg_policy_notice_[0-9a-f]{12}$/);
  });
});

describe('C33 referral removal', () => {
  it('C33 when a ticket carries the referral removal tag (any case, padded), then it is a removal request; other privacy tags are not', () => {
    expect(isReferralRemovalRequest(['billing', ' Privacy_Referral_Removal '])).toBe(true);
    expect(isReferralRemovalRequest(['privacy_request_erasure'])).toBe(false);
    expect(isReferralRemovalRequest([])).toBe(false);
    expect(isReferralRemovalRequest(undefined)).toBe(false);
  });

  it('C33 when the suppression key is made, then it is the same for the same address in any case and holds no address', () => {
    expect(suppressionKey('Ria@Example.com ', 'k')).toBe(suppressionKey('ria@example.com', 'k'));
    expect(suppressionKey('ria@example.com', 'k')).not.toBe(suppressionKey('ria@example.com', 'other key'));
    expect(suppressionKey('ria@example.com', 'k')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('C33 when someone else opens a ticket for a suppressed contact, then a do-not-contact note is due; not for the contact\'s own ticket, an unsuppressed person or the removal request itself', () => {
    const base = { requesterSuppressed: true, requesterId: 5, submitterId: 9, tags: [] as string[] };
    expect(needsDoNotContactNote(base)).toBe(true);
    expect(needsDoNotContactNote({ ...base, submitterId: 5 })).toBe(false);
    expect(needsDoNotContactNote({ ...base, submitterId: null })).toBe(false);
    expect(needsDoNotContactNote({ ...base, requesterSuppressed: false })).toBe(false);
    expect(needsDoNotContactNote({ ...base, requesterId: null })).toBe(false);
    expect(needsDoNotContactNote({ ...base, tags: ['privacy_referral_removal'] })).toBe(false);
  });

  it('C33 when a referral contact asks for erasure under deskpro (administrator rule), then they confirm for themselves; account holders still need the administrator', () => {
    const deskpro = profile('deskpro');
    expect(ticketIdentityRule(deskpro, 'erasure', { referralContact: true })).toBe('own_primary_address');
    expect(ticketIdentityRule(deskpro, 'erasure')).toBe('administrator_confirmed_by_agent');
  });

  it('C33 when a change notice run meets a suppressed contact, then it is skipped as suppressed', () => {
    const person = { role: 'end-user', email: 'p@example.com', restricted: true, suppressed: true };
    expect(changeNoticeSkipReason(person, profile('plesk'), at('2026-03-01T00:00:00Z'), at('2026-03-02T00:00:00Z'))).toBe('suppressed');
    expect(changeNoticeSkipReason({ ...person, restricted: false, suppressed: false }, profile('plesk'), at('2026-03-01T00:00:00Z'), at('2026-03-02T00:00:00Z'))).toBeNull();
  });
});

describe('C34 objection to any use', () => {
  it('C34 when the objection ticket carries the any-use tag (any case), then its scope is any use; otherwise direct marketing', () => {
    expect(objectionScopeFromTags(['privacy_request_objection', ' PRIVACY_OBJECTION_ANY_USE'])).toBe('any_use');
    expect(objectionScopeFromTags(['privacy_request_objection'])).toBe('direct_marketing');
    expect(objectionScopeFromTags(undefined)).toBe('direct_marketing');
  });

  it('C34 when a person objects to any use, then every optional purpose is withdrawn (third-party ones included) and processing is restricted; a marketing objection withdraws marketing only and restricts nothing', () => {
    const deskpro = profile('deskpro');
    expect(purposesWithdrawnForObjection(deskpro, 'any_use')).toEqual(['marketing', 'third_party_marketing', 'case_study', 'third_party_sharing']);
    expect(purposesWithdrawnForObjection(deskpro, 'direct_marketing')).toEqual(['marketing', 'third_party_marketing']);
    expect(objectionRestrictsProcessing('any_use')).toBe(true);
    expect(objectionRestrictsProcessing('direct_marketing')).toBe(false);
  });

  it('C34 when an objection to any use is planned, then it withdraws consent and then sets the restriction; a marketing objection only withdraws', () => {
    expect(planSteps({ type: 'objection', mode: null, ticketId: 1, workingData: { objectionScope: 'any_use' } }).map((s) => s.step)).toEqual(['withdraw_marketing', 'set_restriction']);
    expect(planSteps({ type: 'objection', mode: null, ticketId: 1, workingData: {} }).map((s) => s.step)).toEqual(['withdraw_marketing']);
    expect(planSteps({ type: 'objection', mode: null, ticketId: 1 }).map((s) => s.step)).toEqual(['withdraw_marketing']);
  });
});

describe('C35 named third-party recipients', () => {
  it('C35 when the policy names third parties (plesk), then each is listed with purpose, what it receives and the sentence that names it; a policy naming none lists none', () => {
    const rows = thirdPartyRecipientRows(profile('plesk'));
    expect(rows.map((r) => r.name)).toEqual(['Kolab', 'Acronis', 'Yola', 'DigiCert (Symantec)', 'Google', 'Hubspot']);
    expect(rows.find((r) => r.name === 'Acronis')).toMatchObject({ purpose: expect.stringContaining('third-party component'), source: expect.stringContaining('Kolab, Acronis, Yola and DigiCert') });
    expect(rows.find((r) => r.name === 'Hubspot')!.source).toContain('such as Google and Hubspot');
    for (const id of ['emergencysupport', 'parallels', 'ispsystem', 'deskpro']) expect(thirdPartyRecipientRows(profile(id)), id).toEqual([]);
  });

  it('C35 when the export archive is built, then third_party_recipients.csv and export.json carry the recipients', async () => {
    const data = emptyAccessExport('req-1', at('2026-01-01T00:00:00Z'));
    data.third_party_recipients.push(...thirdPartyRecipientRows(profile('plesk')));
    const files = unzip(await buildExportArchive(data));
    expect(files.get('third_party_recipients.csv')!.split('\n')[0]).toBe('name,purpose,receives,source');
    expect(files.get('third_party_recipients.csv')).toContain('DigiCert (Symantec)');
    expect(JSON.parse(files.get('export.json')!).third_party_recipients).toHaveLength(6);
  });
});

describe('C36 survey consent', () => {
  const plesk = profile('plesk');
  const now = at('2026-06-01T00:00:00Z');
  const state = (action?: 'granted' | 'withdrawn') => deriveConsentState(action ? [consent('zendesk:1', 'surveys', action, '2026-01-01T00:00:00Z')] : [], plesk, now);

  it('C36 when the profile declares surveys, then an invitation is the default and a withdrawal stops it; a later grant allows it again', () => {
    expect(surveyInvitation(plesk, state(), { restricted: false })).toEqual({ allowed: true, reason: 'surveys_not_withdrawn' });
    expect(surveyInvitation(plesk, state('withdrawn'), { restricted: false })).toEqual({ allowed: false, reason: 'surveys_withdrawn' });
    expect(surveyInvitation(plesk, state('granted'), { restricted: false })).toEqual({ allowed: true, reason: 'surveys_not_withdrawn' });
  });

  it('C36 when the person is restricted, then no survey whatever their consent; a profile without a survey purpose leaves surveys alone', () => {
    expect(surveyInvitation(plesk, state('granted'), { restricted: true })).toEqual({ allowed: false, reason: 'restricted' });
    const deskpro = profile('deskpro');
    expect(surveyInvitation(deskpro, deriveConsentState([], deskpro, now), { restricted: false })).toEqual({ allowed: true, reason: 'no_survey_purpose' });
  });

  it('C36 when the profiles are read, then the survey, case-study and partner-marketing purposes are optional ones the sidebar lists (plesk, deskpro, parallels)', () => {
    const optional = (id: string) => profile(id).consentPurposes.filter((p) => !p.required).map((p) => p.id);
    expect(optional('plesk')).toContain('surveys');
    expect(optional('deskpro')).toContain('case_study');
    expect(optional('parallels')).toContain('partner_marketing_sharing');
    const listed = Object.keys(deriveConsentState([], profile('deskpro'), now).purposes);
    expect(listed).toContain('case_study');
  });
});
