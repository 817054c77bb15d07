import { describe, expect, it } from 'vitest';
import { ageFromUserFields, isMinorByUserFields } from '../../../middleware/src/policy/minors.js';
import { piiCategoriesOnRecord, type PiiEvidence } from '../../../middleware/src/policy/pii-categories.js';
import { at, profile } from './fixtures.js';

const now = at('2025-06-01T12:00:00Z');

describe('age source (Zendesk user fields pg_birth_date, pg_age)', () => {
  const isp = profile('ispsystem');
  const plesk = profile('plesk');

  it('C27 when pg_birth_date is set, then it is read as a UTC date and wins over pg_age', () => {
    expect(ageFromUserFields({ pg_birth_date: '2010-02-03', pg_age: 40 }, now)).toEqual(at('2010-02-03T00:00:00Z'));
    expect(ageFromUserFields({ pg_birth_date: ' 2010-02-03 ' }, now)).toEqual(at('2010-02-03T00:00:00Z'));
  });

  it('C27 when pg_birth_date is malformed or in the future, then pg_age is used instead', () => {
    expect(ageFromUserFields({ pg_birth_date: '03/02/2010', pg_age: 15 }, now)).toBe(15);
    expect(ageFromUserFields({ pg_birth_date: '2030-01-01', pg_age: '15' }, now)).toBe(15);
    expect(ageFromUserFields({ pg_birth_date: '2010-13-45' }, now)).toBeUndefined();
  });

  it('C27 when pg_age is a whole number (or its digits), then that is the age; anything else is no age', () => {
    expect(ageFromUserFields({ pg_age: 0 }, now)).toBe(0);
    expect(ageFromUserFields({ pg_age: 150 }, now)).toBe(150);
    expect(ageFromUserFields({ pg_age: ' 17 ' }, now)).toBe(17);
    for (const bad of [-1, 151, 12.5, '12a', '', 'x12', null, true]) expect(ageFromUserFields({ pg_age: bad }, now)).toBeUndefined();
    expect(ageFromUserFields(undefined, now)).toBeUndefined();
    expect(ageFromUserFields(null, now)).toBeUndefined();
  });

  it('C27 when the fields put the person under the profile minimum, then they are a minor; at it, or without an age, they are not', () => {
    expect(isMinorByUserFields({ pg_age: 17 }, isp, now)).toBe(true);
    expect(isMinorByUserFields({ pg_age: 18 }, isp, now)).toBe(false);
    expect(isMinorByUserFields({ pg_birth_date: '2007-06-02' }, isp, now)).toBe(true);
    expect(isMinorByUserFields({ pg_birth_date: '2007-06-01' }, isp, now)).toBe(false);
    expect(isMinorByUserFields({}, isp, now)).toBe(false);
    expect(isMinorByUserFields({ pg_age: 5 }, plesk, now)).toBe(false);
  });
});

describe('PII categories on record', () => {
  const none: PiiEvidence = { zendesk: {}, findings: [], livechat: { chats: 0 }, talkdesk: { contacts: [], calls: 0 } };

  it('C01 when nothing is held, then no category is listed in any system', () => {
    expect(piiCategoriesOnRecord(none)).toEqual({ zendesk: [], livechat: [], talkdesk: [] });
    expect(piiCategoriesOnRecord({ ...none, zendesk: { name: '  ', email: '', phone: null, organizationId: null, lastLoginAt: '', webTicketCount: 0 } }).zendesk).toEqual([]);
  });

  it('C01 when the Zendesk profile has each field, then each category appears in the policy order', () => {
    expect(piiCategoriesOnRecord({ ...none, zendesk: { name: 'A', email: 'a@x.io', phone: '+1', organizationId: 3 } }).zendesk).toEqual(['name', 'email', 'company', 'phone']);
  });

  it('C01 when the person signed in or wrote by web form, then their IP address is on record', () => {
    expect(piiCategoriesOnRecord({ ...none, zendesk: { lastLoginAt: '2025-01-01T00:00:00Z' } }).zendesk).toEqual(['ip']);
    expect(piiCategoriesOnRecord({ ...none, zendesk: { webTicketCount: 1 } }).zendesk).toEqual(['ip']);
  });

  it('C01 when the comment scan found credentials, then credentials are listed, and server IPs only for a connection string', () => {
    expect(piiCategoriesOnRecord({ ...none, findings: [{ kind: 'credential', subtype: 'password' }] }).zendesk).toEqual(['credentials']);
    expect(piiCategoriesOnRecord({ ...none, findings: [{ kind: 'credential', subtype: 'connection_string' }] }).zendesk).toEqual(['server_ips', 'credentials']);
    expect(piiCategoriesOnRecord({ ...none, findings: [{ kind: 'card_number', subtype: 'connection_string' }, { kind: 'special_category', subtype: 'health' }] }).zendesk).toEqual([]);
  });

  it('C01 when the person chatted, then LiveChat holds name, e-mail and IP', () => {
    expect(piiCategoriesOnRecord({ ...none, livechat: { chats: 1 } }).livechat).toEqual(['name', 'email', 'ip']);
  });

  it('C01 when Talkdesk has a contact or a call, then its fields and the phone number are listed', () => {
    expect(piiCategoriesOnRecord({ ...none, talkdesk: { contacts: [{ name: 'A', phones: ['+1'], emails: ['a@x.io'], company: 'Acme' }], calls: 0 } }).talkdesk).toEqual(['name', 'email', 'company', 'phone']);
    expect(piiCategoriesOnRecord({ ...none, talkdesk: { contacts: [{ name: '', phones: [], emails: [], company: null }], calls: 0 } }).talkdesk).toEqual([]);
    expect(piiCategoriesOnRecord({ ...none, talkdesk: { contacts: [], calls: 2 } }).talkdesk).toEqual(['phone']);
  });
});

describe('person region (pg_region user field)', async () => {
  const { personRegion } = await import('../../../middleware/src/policy/person-region.js');
  const { unsafeguardedTransfers } = await import('../../../middleware/src/policy/processors.js');

  it('C13 when pg_region is eea, non_eea or a country code, then the region follows (EU, Iceland, Liechtenstein, Norway are EEA)', () => {
    expect(personRegion({ pg_region: 'eea' })).toBe('eea');
    expect(personRegion({ pg_region: ' NON_EEA ' })).toBe('non_eea');
    for (const c of ['DE', 'fr', 'IS', 'LI', 'NO', 'SE', 'PL']) expect(personRegion({ pg_region: c })).toBe('eea');
    for (const c of ['US', 'CH', 'GB', 'RU']) expect(personRegion({ pg_region: c })).toBe('non_eea');
  });

  it('C13 when pg_region is missing or not understood, then the region is unknown and nothing is flagged', () => {
    for (const v of [undefined, null, 5, '', 'Europe', 'DEU']) expect(personRegion(v === undefined ? {} : { pg_region: v })).toBe('unknown');
    expect(personRegion(undefined)).toBe('unknown');
    expect(unsafeguardedTransfers(profile('ispsystem'), { inEea: personRegion({}) === 'eea' })).toEqual([]);
    expect(unsafeguardedTransfers(profile('ispsystem'), { inEea: personRegion({ pg_region: 'AT' }) === 'eea' })).toEqual(['Google Inc.', 'OOO Yandex', 'Zendesk', 'Talkdesk']);
  });
});
