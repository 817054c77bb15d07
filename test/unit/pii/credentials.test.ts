import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

const secrets = (text: string) =>
  detectSensitiveData(text).filter((f) => f.kind === 'credential').map((f) => ({ value: text.slice(f.start, f.end), subtype: f.subtype, clause: f.clause }));

describe('credentials (C05)', () => {
  it('C05 when a password line appears, then only the value is the span, not the label', () => {
    expect(secrets('login: admin\npassword: Summer2024!')).toEqual([{ value: 'Summer2024!', subtype: 'password', clause: 'C05' }]);
  });

  it.each([
    ['The root password is Xk92!mQa', 'Xk92!mQa'],
    ['pwd: Tr0ub4dor&3', 'Tr0ub4dor&3'],
    ['Das Kennwort lautet Haus-Maus-42, bitte ändern.', 'Haus-Maus-42'],
    ['Passwort: Gx7#pp21', 'Gx7#pp21'],
    ['Пароль — Qw3rty!', 'Qw3rty!'],
    ['логин admin, пароль Admin2024', 'Admin2024'],
    ['mot de passe : Soleil#2024', 'Soleil#2024'],
    ['La contraseña es Mango#77', 'Mango#77'],
    ['A senha é Kiwi#2023', 'Kiwi#2023'],
    ['hasło: Kot123!', 'Kot123!'],
    ['{"user":"svc","password":"x9Y!k2"}', 'x9Y!k2'],
    ['Server=db;User Id=sa;Password=Az!92kk;Database=shop', 'Az!92kk'],
    ['login/password: admin/Pa55word!', 'Pa55word!'],
    ['export PGPASSWORD=Tr1cky$', 'Tr1cky$'],
    ['mysql -u root -pS3cr3tDb wordpress', 'S3cr3tDb'],
  ])('C05 when a comment says %j, then the password value is found', (text, value) => {
    expect(secrets(text).map((s) => s.value)).toEqual([value]);
  });

  it.each([
    'I forgot my password, can you reset it?',
    'The password reset link has expired.',
    'Password is incorrect, but I am sure I typed it right.',
    'My password is not working since the update.',
    'Das Passwort ist falsch.',
    'Пароль не подходит, помогите.',
    'Passwort: siehe Anhang',
    'password=<your-password>',
    'DB_PASSWORD=${DB_PASSWORD}',
    'password: ********',
    'Password: [redacted]',
    'password: ▇▇▇▇▇▇▇▇',
    'postgres://user:password@localhost:5432/mydb',
    'The boarding pass is attached.',
  ])('C05 when a comment only talks about passwords (%j), then nothing is reported', (text) => {
    expect(secrets(text)).toEqual([]);
  });

  it('C05 when vendor API keys are pasted, then each is found with its vendor subtype (not the AWS access key id, an identifier since round c9)', () => {
    const text = [
      'aws_access_key_id = AKIAQ3EGVUXM7TZ2BD5K',
      'token ghp_4fG7hK2mN9pQ1rS5tU8vW0xY3zA6bC9dE2fG',
      'slack xoxb-123456789012-123456789012-AbCdEf123456GhIjKl789012',
      'stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc',
      'maps AIzaSyD3k2jF9sL0qWe8Rt7Yu6Io5Pa4Sd3Fg2H',
      'sg 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',
    ].join('\n');
    expect(secrets(text).map((s) => s.subtype)).toEqual(['github_token', 'slack_token', 'stripe_key', 'google_api_key', 'sendgrid_key']);
  });

  it('C05 when a Slack incoming-webhook URL is pasted, then its secret path is found (also at the very start and glued after text)', () => {
    const url = 'https://hooks.slack.com/services/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';
    for (const text of [url, `alerts go to ${url} since Monday`, `webhook=${url}`, `Webhook:\n${url}`]) {
      expect(secrets(text)).toEqual([{ value: url, subtype: 'slack_webhook', clause: 'C05' }]);
    }
    // The pattern is case-sensitive, as Slack writes these URLs; the anchor pass folds case, the pattern decides.
    expect(secrets('see https://hooks.slack.com/services/ for the docs')).toEqual([]);
  });

  it('C05 when a URL has no "@" before its path, then no connection-string password is reported; with one, the password is', () => {
    expect(secrets('https://user:notasecret/path@example.com')).toEqual([]);
    expect(secrets('https://deploy:Kx9-mQ2vL7@git.example.com/repo.git').map((s) => s.value)).toEqual(['Kx9-mQ2vL7']);
    expect(secrets('ftp://u:p?@example.com/').map((s) => s.value)).toEqual([]);
  });

  it('C05 when a key is a placeholder or publishable, then it is not reported', () => {
    expect(secrets('ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toEqual([]);
    expect(secrets('Publishable key: pk_live_51HxYz2eZvKYlo2C8a9b7c6d')).toEqual([]);
    expect(secrets('api_key=YOUR_API_KEY')).toEqual([]);
    expect(secrets('Authorization: Bearer <token>')).toEqual([]);
  });

  it('C05 when a bearer header carries a JWT, then the token (not the header) is the span', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(secrets(`Authorization: Bearer ${jwt}`)).toEqual([{ value: jwt, subtype: 'bearer_token', clause: 'C05' }]);
    expect(secrets(`session: ${jwt}`)[0]?.subtype).toBe('jwt');
  });

  it('C05 when a PEM private key block is pasted, then the whole block is one finding, and a certificate is not', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1b2c3d4e5f6\nQWErtyUIopASdfGHjkLZ==\n-----END RSA PRIVATE KEY-----';
    expect(secrets(`key:\n${key}\nthanks`)).toEqual([{ value: key, subtype: 'private_key', clause: 'C05' }]);
    expect(secrets('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')).toEqual([]);
  });

  it('C05 when a connection string has a password, then only the password part is the span', () => {
    expect(secrets('DATABASE_URL=postgres://app:Xy7!kq2@db.example.com:5432/shop')).toEqual([
      { value: 'Xy7!kq2', subtype: 'connection_string', clause: 'C05' },
    ]);
    expect(secrets('mongodb://mongo.internal:27017/?replicaSet=rs0')).toEqual([]);
  });
});
