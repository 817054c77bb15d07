import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

const secrets = (text: string): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === 'credential').map((f) => text.slice(f.start, f.end));

// Round c11 (eighth session): the forms behind heldout8's false alarms once it was retired to a dev split, each written
// here in other words.
describe('detector round c11, precision (C05)', () => {
  it.each([
    ['a command option\'s form field below an address', '$ curl -s https://api.example.org/v2/pay \\\n    -d qty=3 \\\n    -d valid=11/27'],
    ['a length range after the label', 'Password: between 10 and 40 characters'],
    ['a length range in French', 'Mot de passe: entre 10 et 40 caractères, chiffres compris'],
    ['a length range in Dutch', 'Wachtwoord: tussen 10 en 40 tekens'],
    ['a length range in digits', 'Passwort: 10-40 Zeichen, keine Leerzeichen'],
    ['a strength score', 'Stärke des Passworts: 71/100 (nötig: 60)'],
    ['a ticket number', 'Senha: #881234, a mesma do chamado anterior'],
    ['the prompt after "New password:"', 'passwd deploy\nNew password:\nRetype new password:\npasswd: password updated successfully'],
    ['the hyphenated prompt after "New password:"', 'htpasswd -c .htpasswd ana\nNew password:\nRe-type new password:\nAdding password for user ana'],
    ['a shell default placeholder', 'SMTP_PASSWORD: ${MAIL_PASS:-changeme}'],
    ['the code reading a posted password', "$pwd = $_REQUEST['password'];"],
    ['an API key whose secret key is named on the next line', 'iyzico API key: sandbox-Qe7rT2mLx9Vb4Nc8Zd1Ka6Wp3Ys5Hu0\n(the secret key I will send by phone)'],
  ])('when %s, then nothing is found (C05)', (_what, text) => {
    expect(secrets(text)).toEqual([]);
  });

  it.each([
    ['a password after the same label', 'Password: Vx7!qp2Lm-4', 'Vx7!qp2Lm-4'],
    ['a password with a dash and digits', 'Passwort: Tal-2041x', 'Tal-2041x'],
    ['an API key alone', 'iyzico API key: sandbox-Qe7rT2mLx9Vb4Nc8Zd1Ka6Wp3Ys5Hu0', 'sandbox-Qe7rT2mLx9Vb4Nc8Zd1Ka6Wp3Ys5Hu0'],
    ['a Laravel key under a password word, after "base64:"', 'La vieja clave:\nbase64:Q2xhdmVMYXJhdmVsRGVtbzEyMzQ1Njc4OTBhYmM=', 'Q2xhdmVMYXJhdmVsRGVtbzEyMzQ1Njc4OTBhYmM='],
  ])('when %s, then it is still found (C05)', (_what, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });
});
