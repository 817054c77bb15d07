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

describe('rectification values: the edges of what is read (C23)', () => {
  it('C23 when a value is quoted, bracketed or ends a sentence, then the quotes, brackets and final full stop are not part of it', () => {
    expect(readRectificationValues('Name: "Jane Roe".')).toEqual({ name: 'Jane Roe' });
    expect(readRectificationValues("E-mail: <jane.roe@example.com>")).toEqual({ email: 'jane.roe@example.com' });
    expect(readRectificationValues("Company: 'Acme Ltd'")).toEqual({ company: 'Acme Ltd' });
  });

  it('C23 when a phone number has 7 to 15 digits, then it is read; 6 or 16 digits, or letters, are not a phone number', () => {
    expect(readRectificationValues('Phone: 555-0199').phone).toBe('555-0199');
    expect(readRectificationValues('Phone: +44 20 7946 0000').phone).toBe('+44 20 7946 0000');
    expect(readRectificationValues('Phone: 123 456 789 012 345').phone).toBe('123 456 789 012 345');
    expect(readRectificationValues('Phone: 12-34-56').phone).toBeUndefined();
    expect(readRectificationValues('Phone: 1234 5678 9012 3456').phone).toBeUndefined();
    expect(readRectificationValues('Phone: call me maybe').phone).toBeUndefined();
  });

  it('C23 when a name holds digits or an address, or runs past 100 characters, then it is not a name; a company may hold digits', () => {
    expect(readRectificationValues('Name: Jane Roe 2').name).toBeUndefined();
    expect(readRectificationValues('Name: jane@example.com').name).toBeUndefined();
    expect(readRectificationValues(`Name: ${'A'.repeat(101)}`).name).toBeUndefined();
    expect(readRectificationValues(`Name: ${'A'.repeat(100)}`).name).toBe('A'.repeat(100));
    expect(readRectificationValues('Company: 1&1 Ionos')).toEqual({ company: '1&1 Ionos' });
    expect(readRectificationValues('Company: ---')).toEqual({});
  });

  it('C23 when any value is longer than 200 characters or empty, then it is ignored', () => {
    expect(readRectificationValues(`Company: ${'x'.repeat(201)}`)).toEqual({});
    expect(readRectificationValues(`Company: ${'x'.repeat(200)}`).company).toHaveLength(200);
    expect(readRectificationValues('Company: ""')).toEqual({});
  });

  it('C23 when a line is a list item or says "my new", then its label is still read; a label the product does not know is skipped', () => {
    expect(readRectificationValues('- My new name: Jane Roe')).toEqual({ name: 'Jane Roe' });
    expect(readRectificationValues('• Corrected e-mail = jane@example.com')).toEqual({ email: 'jane@example.com' });
    expect(readRectificationValues('Favourite colour: blue')).toEqual({});
  });

  it('C23 when nothing was read, or only empty values, then there are no changes; one value is a change', () => {
    expect(hasNoChanges({})).toBe(true);
    expect(hasNoChanges({ name: '', phone: undefined })).toBe(true);
    expect(hasNoChanges({ company: 'Acme Ltd' })).toBe(false);
    expect(hasNoChanges({ name: '', email: 'jane@example.com' })).toBe(false);
  });
});
