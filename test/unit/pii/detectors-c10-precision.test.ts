import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

const secrets = (text: string): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === 'credential').map((f) => text.slice(f.start, f.end));

// Round c10, precision: the forms behind the false alarms of heldout6 and heldout7 once they were retired to dev splits,
// each written here in other words and languages, beside the values near them that must still be found.
describe('detector round c10, precision (C05)', () => {
  describe('placeholders and menu paths after a password label', () => {
    it.each([
      'smtp:\n  login: shop\n  password: REPLACE_WITH_SMTP_SECRET',
      'DB_PASSWORD=YOUR_DB_PASSWORD',
      'Passwort: HIER_EINTRAGEN',
      'mot de passe : A_CHANGER',
      'contraseña: changeme',
      'haslo = ZMIEN_TO',
    ])('when the value is a template placeholder (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });

    it.each([
      ['password: CHANGE_ME_2026!', 'CHANGE_ME_2026!'],
      ['Passwort: Hier_Ist_Es7', 'Hier_Ist_Es7'],
      ['DB_PASSWORD=Kx7_Lm2_Qp9', 'Kx7_Lm2_Qp9'],
    ])('when a value mixes case, digits or symbols around "_" (%j), then it is still found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it.each([
      'Passwort: Einstellungen > Sicherheit > Passwort ändern',
      'password: Profile → Security → Reset',
      'Şifre: Hesap » Güvenlik » Şifre değiştir',
      'contraseña: Correo & Cuentas -> Cambiar contraseña',
      'hasło: Ustawienia › Konto',
    ])('when the text after the label is a menu path (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });

    it.each([
      ['Passwort: Kq7#mZ2x > bitte gleich ändern', 'Kq7#mZ2x'],
      ['password: Tr4in!Station', 'Tr4in!Station'],
    ])('when a secret with digits or symbols stands before an arrow (%j), then it is still found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it.each([
      'Once I reset the password in Plesk, Thunderbird asks for it again',
      'He cambiado la contraseña en DirectAdmin y el correo no sincroniza',
      'Ho cambiato la password in Roundcube ma Outlook non si collega',
      'Ich habe das Passwort in WordPress geändert, das Plugin meldet Fehler',
    ])('when "in"/"en" after the label names where the password was changed (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });

    it.each([
      ['Ho cambiato la password in Verona#77 ieri', 'Verona#77'],
      ["J'ai changé le mot de passe en Brest29!x", 'Brest29!x'],
    ])('when the value set with "in"/"en" has a digit or a symbol (%j), then it is still found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });
  });

  describe('a later line is not the value', () => {
    it.each([
      'Alles sichtbar außer dem Kennwort:\n\nHostname: sftp.beispiel.de\nBenutzer: web9\nPort: 22',
      'Je vois tout sauf le mot de passe :\n\nServeur : ftp.exemple.fr\nUtilisateur : site4',
      'I can see everything but the password:\n\nAddress: files.example.org\nUser: deploy',
      'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg_password\n      POSTGRES_USER: app',
      'secrets:\n  mail_password:\n    external: true',
      'containers:\n  - env:\n    - name: SMTP_PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: smtp',
    ])('when the line after a password label is the next key or a heading (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });

    it.each([
      'We received a request to reset the password for this account:\n\nbakery-example.com\nlogin: owner',
      'Recebemos um pedido de nova senha para o domínio:\n\nloja-exemplo.com.br',
    ])('when a domain stands alone on the line after a reset-mail sentence (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });

    it.each([
      ['Passwort:\nHx7!kq2Lm', 'Hx7!kq2Lm'],
      ['password:\n> Pz9-qr4Tm:x', 'Pz9-qr4Tm:x'],
      ['mail_password:\n  Gq3#mLx0', 'Gq3#mLx0'],
    ])('when the value itself stands on the next line (%j), then it is still found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });
  });

  describe('files, hashes and commands', () => {
    it.each([
      '# cat /srv/www/.htpasswd_dir/passwd\nmarta:$apr1$Qm1Lk9aZ$ZtVx8bB1nQm2LpWw0yY3z.',
      'Inhalt von /etc/nginx/auth/password:\nbuero:$2y$05$Kq7mZ2xLp9vN3bT1cR5eYu0aS8dF6gH4jK2lM0nP9qW7eR5tY3uI1',
      'type C:\\inetpub\\password\nHx7!kq2Lm',
    ])('when the label is the last segment of a path (%j), then the next line is not its value (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });

    it.each([
      'kasia:$apr1$Qm1Lk9aZ$ZtVx8bB1nQm2LpWw0yY3z.',
      'password: deploy:$6$rounds=5000$Qm1Lk9aZ$ZtVx8bB1nQm2LpWw0yY3z',
    ])('when a value is a user and a crypt hash (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });

    it.each([
      ['login/password: admin/Hx7!kq2Lm', 'Hx7!kq2Lm'],
      ['Benutzer/Passwort: buero / Tk4#pq9Wz', 'Tk4#pq9Wz'],
    ])('when a slash joins the user and password labels (%j), then the value is still found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it.each([
      ['v-change-user-password webshop7 Rq8!mZ2xLp', 'Rq8!mZ2xLp'],
      ['$ v-change-user-password jan1977 Kw3mQp9Zx2\nError: user jan1977 doesn\'t exist', 'Kw3mQp9Zx2'],
    ])('when the Hestia command names the user first (%j), then only the second argument is found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it.each([['--password Hx7!kq2Lm', 'Hx7!kq2Lm'], ['new password Tk4#pq9Wz', 'Tk4#pq9Wz']])(
      'when a flag or a plain label is followed by the secret (%j), then it is still found (C05)', (text, value) => {
        expect(secrets(text)).toEqual([value]);
      });
  });
});
