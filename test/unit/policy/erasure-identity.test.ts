import { describe, expect, it } from 'vitest';
import { channelEstablishesIdentity } from '../../../middleware/src/policy/erasure-identity.js';

describe('who a ticket channel can vouch for (C20, C23)', () => {
  it('C20 C23 when the request is an erasure or a rectification, then the ticket channel alone never establishes who asks', () => {
    expect(channelEstablishesIdentity('erasure')).toBe(false);
    expect(channelEstablishesIdentity('rectification')).toBe(false);
  });

  it('C20 when the request is an access, restriction or objection, then a ticket from the verified primary address establishes who asks', () => {
    for (const type of ['access', 'restriction', 'objection'] as const) expect(channelEstablishesIdentity(type)).toBe(true);
  });
});
