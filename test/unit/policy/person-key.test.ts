import { describe, expect, it } from 'vitest';
import { parsePersonKey, parseSubjectKey } from '../../../middleware/src/policy/person-key.js';
import { loggablePath } from '../../../middleware/src/http/request-context.js';

describe('parsePersonKey (keys that arrive in URLs and bodies)', () => {
  it.each([
    ['zendesk:1000038', { key: 'zendesk:1000038', zendeskUserId: 1000038 }],
    ['zendesk:999999999999999', { key: 'zendesk:999999999999999', zendeskUserId: 999999999999999 }],
    ['email:kim@example.com', { key: 'email:kim@example.com', email: 'kim@example.com' }],
  ])('when the key is %j, then it is read', (key, expected) => {
    expect(parsePersonKey(key)).toEqual(expected);
  });

  it.each([
    'zendesk:99999999999999999999', // past Number.MAX_SAFE_INTEGER and PostgreSQL's bigint
    'zendesk:-1',
    'zendesk:',
    'email:no-at-sign',
    'email:a\u0000@b.c',
    'email:two words@b.c',
    'email:a@b@c',
    'erased:person:abc',
    `email:${'a'.repeat(330)}@b.c`,
    '',
  ])('when the key is %j, then it is refused', (key) => {
    expect(parsePersonKey(key)).toBeUndefined();
  });
});

describe('one person, one key (issue 13, point 4)', () => {
  it.each([
    ['email:Jamie.Sample.9@example.com', 'email:jamie.sample.9@example.com'],
    ['  EMAIL:Jamie.Sample.9@Example.COM ', 'email:jamie.sample.9@example.com'],
    ['email: jamie@example.com', 'email:jamie@example.com'],
    ['Zendesk:0042', 'zendesk:42'],
    ['livechat:b7eff798-f8df-4364-8059-649c35c9ed0c', 'livechat:b7eff798-f8df-4364-8059-649c35c9ed0c'],
    ['TALKDESK:5f1e0f0a2b3c', 'talkdesk:5f1e0f0a2b3c'],
  ])('C18 when the key is %j, then it is normalised to %j', (input, key) => {
    expect(parsePersonKey(input)?.key).toBe(key);
  });

  it.each(['zendesk:0', 'livechat:', 'livechat:has space', 'talkdesk:a/b', 'phone:+15550100', 'Jamie Sample'])('C18 when the key is %j, then it is refused', (input) => {
    expect(parsePersonKey(input)).toBeUndefined();
  });

  it('when a request or consent names a LiveChat or Talkdesk key, then it is refused there (they name no Zendesk user or address)', () => {
    expect(parseSubjectKey('livechat:abc')).toBeUndefined();
    expect(parseSubjectKey('email:A@B.C')).toEqual({ key: 'email:a@b.c', email: 'a@b.c' });
  });

  it('C29 when a logged path carries an e-mail person key, then the address is replaced by the subject ref', () => {
    const ref = (key: string) => `ref(${key.length})`;
    expect(loggablePath('/api/v1/people/email%3AJamie%40example.com/consent-history', ref)).toBe('/api/v1/people/ref(23)/consent-history');
    expect(loggablePath('/api/v1/people/zendesk%3A42/minor', ref)).toBe('/api/v1/people/zendesk%3A42/minor');
    expect(loggablePath('/x/someone@example.com')).toBe('/x/[address]');
  });
});
