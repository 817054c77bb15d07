import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';
import { detectLabelledLines } from '../../../middleware/src/policy/pii/labelled-lines.js';

const secrets = (text: string): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === 'credential').map((f) => text.slice(f.start, f.end));
const backstop = (text: string): string[] => detectLabelledLines(text).map((f) => text.slice(f.start, f.end));

// Round c9: a line that is only "key, separator, value" with a secret's stem in the key, whatever the key's wording.
describe('labelled lines, the structural backstop (C05)', () => {
  it.each([
    ['Passwort Datenbank (alt) | Hq7#kd92Lz', 'Hq7#kd92Lz'],
    ['Wachtwoord mailbox info@: Hq7#kd92Lz', 'Hq7#kd92Lz'],
    ['MAIL_PASSWORD_PROD=Hq7#kd92Lz', 'Hq7#kd92Lz'],
    ['Contraseña nueva del panel Plesk: Hq7#kd92Lz', 'Hq7#kd92Lz'],
    ['signing_key: 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c', '9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c'],
    ['encryption_salt = 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c', '9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c'],
    ['Geheimnis: 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c', '9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c'],
    ['SFTP-Zugangspasswort: Hq7#kd92Lz', 'Hq7#kd92Lz'],
    ['> pwd_ftp: Hq7#kd92Lz', 'Hq7#kd92Lz'],
    ["secret_key_base: '8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a',", '8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a'],
    ['dbPasswordProd: Hq7#kd92Lz', 'Hq7#kd92Lz'],
  ])('when a whole line pairs a key naming a secret with a value no other rule reads (%j), then the value is found', (text, value) => {
    expect(secrets(text)).toEqual([value]);
    expect(backstop(text)).toEqual([value]);
  });

  it.each([
    'password_encryption = scram-sha-256', 'Passed: 1234/1234', 'Passport: X1234567Z', 'Parola chiave: hosting2024', 'Credit: 1234567890abcdef1234',
    'Author: Jan8 Kowalski', 'passwd: files systemd', 'auth_method: SCRAM-SHA-256', 'token_expires: 2026-12-31T10:00:00Z',
    'password_hash: $2y$10$abcdefghijklmnopqrstuv', 'auth_key_id: abc123def456ghi789', 'Private IP: 10.0.0.5', 'privateKeyPath: /etc/ssl/x.key',
    'Password policy: min12chars', 'Secretary: Anna2024!', 'smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd',
    '"passwordExpiresAt": "2026-12-31T00:00:00Z"', 'Clé publique : pk_live_IgH4v5tjy4qdNsZOjnkc06X5y13uBPUc', 'Chave Pix: 6b5c8893-84e7-4b9a-bc70-8b6cff6ed954',
    'Passwort vergessen: Hq7#kd92Lz', 'Der Passwort-Hinweis: Hund2019', 'mail_password: vault:/secret/data/mail1',
  ])('when the key names something about a secret or a public half (%j), then the backstop reports nothing', (text) => {
    expect(backstop(text)).toEqual([]);
  });

  it('when an API key and its secret key are given as lines, then only the secret is found', () => {
    expect(secrets('Der API-Schlüssel lautet: 52bd6db1199053aeddb4a23e9a9b5c96\nGeheimer Schlüssel: 8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c')).toEqual(['8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c']);
  });

  it('when the pair stands in prose rather than alone on its line, then the backstop does not read it', () => {
    expect(backstop('Geheimnis: 9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c und dann noch mehr Text')).toEqual([]);
  });
});
