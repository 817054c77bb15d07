import { describe, expect, it } from 'vitest';
import { parsePersonKey } from '../../../middleware/src/policy/person-key.js';

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
