import { describe, expect, it } from 'vitest';
import { hasNoChanges, readRectificationValues } from '../../../middleware/src/policy/rectification-values.js';

describe('corrected values read from a rectification request (C23)', () => {
  it('C23 when the message has Name, E-mail, Phone and Company lines, then each is read', () => {
    expect(readRectificationValues('Hi,\nName: Jane Roe\nE-mail: jane.roe@example.org\nPhone: +44 20 7946 0018\nCompany: Acme Ltd\nThanks')).toEqual({
      name: 'Jane Roe',
      email: 'jane.roe@example.org',
      phone: '+44 20 7946 0018',
      company: 'Acme Ltd',
    });
  });

  it('C23 when labels say "new" or "correct" and use other spellings, then they are read; a later line wins', () => {
    expect(readRectificationValues('- New email address = old@example.org\nCorrect e-mail: jane@example.org\nOrganisation: Roe & Sons')).toEqual({ email: 'jane@example.org', company: 'Roe & Sons' });
    expect(readRectificationValues('Neue E-Mail: jane@example.de\nTelefon: 030 1234567')).toEqual({ email: 'jane@example.de', phone: '030 1234567' });
  });

  it('C23 when a value does not look like its label, then it is ignored rather than written', () => {
    expect(readRectificationValues('E-mail: not an address\nPhone: call me maybe\nName: jane@example.org')).toEqual({});
  });

  it('C23 when the message is prose without Label: value lines, then nothing is read', () => {
    const changes = readRectificationValues('The name on my account is misspelt, please fix it. My email is wrong too.');
    expect(changes).toEqual({});
    expect(hasNoChanges(changes)).toBe(true);
  });
});
