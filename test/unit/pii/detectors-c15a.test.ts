import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

const secrets = (text: string): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === 'credential').map((f) => text.slice(f.start, f.end));

// Round c15a (tenth session): lists and tables of accounts, and host/user/secret lines with no password label next to
// the secret; written in other words, languages and values than heldout12 and heldout13 hold.
describe('detector round c15a, lists of accounts under an intro (C05)', () => {
  it.each([
    ['an English list with dashes', 'Mailboxes to set up:\nanna@tulpen-shop.example - Rv8#kLm2qz\nbob@tulpen-shop.example - wolke2024', ['Rv8#kLm2qz', 'wolke2024']],
    ['a German list with colons', 'Folgende Postfächer bitte umziehen:\nbuero@holz-werk.example : Tanne!77a\nchef@holz-werk.example : Fichte_9x', ['Tanne!77a', 'Fichte_9x']],
    ['a Portuguese list with pipes and sizes', 'Contas a criar:\nvendas@casa-azul.example | Mar2030! | 5 GB\nrh@casa-azul.example | Praia_88 | 2 GB', ['Mar2030!', 'Praia_88']],
    ['a Spanish bullet list with arrows', 'Cuentas de correo nuevas:\n- ana@olivo.example → Aceite#31\n- luis@olivo.example → verano2019', ['Aceite#31', 'verano2019']],
    ['an Italian quoted list with a pwd word', '>> Caselle da creare:\n>> info@vigna.example  pwd Uva7?rosso\n>> ordini@vigna.example  pwd Mosto-42', ['Uva7?rosso', 'Mosto-42']],
    ['a Russian HTML list with slashes', '<div>Учётки для почты:</div>\n<div>sklad@les.example / berezka1987</div>\n<div>kassa@les.example / Q7w!zRt5p</div>', ['berezka1987', 'Q7w!zRt5p']],
    ['a Turkish access list of host lines', 'Yeni erişimler:\n\nftp.deniz-otel.example  denizftp  Kum9!plaj\n\nsftp.deniz-otel.example  deploy  Liman-2025', ['Kum9!plaj', 'Liman-2025']],
    ['host, user and secret on three lines', 'Zugang:\nweb7.panelhost.example\nkunde_ftp\nBirke4455', ['Birke4455']],
  ])('C05 when %s gives each account its secret, then every secret is found', (_how, text, values) => {
    expect(secrets(text)).toEqual(values);
  });

  it.each([
    ['mailbox sizes only', 'Mailboxes to migrate:\ninfo@tulpen-shop.example | 2 GB\nsales@tulpen-shop.example | 10 GB'],
    ['forwarding targets', 'Postfächer:\ninfo@holz-werk.example → chef@holz-werk.example\nbuero@holz-werk.example → post@holz-werk.example'],
    ['an account and its bank number', 'Konten:\nBank: DE44500105175407324931\nKasse: 40211'],
    ['account ids and plain words', 'Accounts:\nadmin - Administrator\nshop_user  u48213'],
    ['a public key block below an access intro', 'Zugang per SSH mit diesem Schlüssel:\n-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq81 / Vb7PzW4xTq+Lm\nNd0e/Hk3Rt / Yp2Wq8ZsLk9Xc4Vb1Mn6Jh7Gf3Dd5Sa2Qw8Er0Ty1Ui4Op7As9\n-----END PUBLIC KEY-----'],
    ['plan names after colons', 'Accounts:\nPlan: Business-24\nRegion: eu-west-3'],
    ['a list without an intro', 'Hello,\nanna@tulpen-shop.example - Rv8#kLm2qz please check the quota'],
  ])('C05 when %s stands under a list intro, then nothing is found', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe('detector round c15a, service host lines (C05)', () => {
  it.each([
    ['a panel host with a port and pipes', 'Hi,\n\ncpanel.bakery-north.example:2083 | bakeradm | Hf7kQ2mZx9\n\nThanks', 'Hf7kQ2mZx9'],
    ['a webmail host, an arrow and an address', '> webmail.bakery-north.example -> orders@bakery-north.example / Zq4!rTy8Lk', 'Zq4!rTy8Lk'],
    ['a URL, an arrow and a user', 'https://srv3.hostpanel.example:2222 -> admin Wk9$eRt2YuIo', 'Wk9$eRt2YuIo'],
  ])('C05 when %s starts the line, then the secret is found', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it.each([
    ['a command piped to jq', 'curl https://api.cloud.example/v1/servers | jq .servers[0].name'],
    ['a status page, a pipe and a remark', 'https://status.cloud.example | see Incident42'],
    ['a host and prose', 'mail.bakery-north.example works again since 10:00'],
  ])('C05 when %s starts the line, then nothing is found', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe('detector round c15a, tables with a header row (C05)', () => {
  it('C05 when a table aligned by blanks names user and password columns, then each password cell is found', () => {
    const text = 'Site                   Benutzer     Kennwort\nbaeckerei-sonne.example   sonne_adm    Brot#2211x\nmetzgerei.example         wurst        Salami-77';
    expect(secrets(text)).toEqual(['Brot#2211x', 'Salami-77']);
  });

  it('C05 when a Polish table with a quote prefix has a password column, then its cells are found', () => {
    const text = '> Konto        Hasło\n> sklep_pl     Gruszka%55\n> biuro_pl     Jablko!12';
    expect(secrets(text)).toEqual(['Gruszka%55', 'Jablko!12']);
  });

  it('C05 when an HTML table names user and password in its header, then the password cells are found', () => {
    const text = '<table>\n<tr><th>Utilisateur</th><th>Mot de passe</th></tr>\n<tr><td>caisse@boulangerie.example</td><td>Croissant-71</td></tr>\n<tr><td>gerant@boulangerie.example</td><td><b>Baguette#9</b></td></tr>\n</table>';
    expect(secrets(text)).toEqual(['Croissant-71', 'Baguette#9']);
  });

  it.each([
    ['a table of users and their last logins', 'User        Password set\nanna        2026-03-01\nbob         2026-02-11'],
    ['a table of password policies', '<table><tr><th>Login</th><th>Password</th></tr><tr><td>admin</td><td>required</td></tr></table>'],
    ['a header without a user column', 'Service    Port    Password\nSMTP       587     enabled'],
  ])('C05 when %s has a password column but no secret, then nothing is found', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe('detector round c15a, user and secret after an access word (C05)', () => {
  it.each([
    ['root on a VPS in Portuguese', 'Segue o acesso ao VPS 192.0.2.44: root / Gaivota+19 . Obrigado', 'Gaivota+19'],
    ['a German copula', 'Die FTP-Zugangsdaten lauten shopftp / Lx7?mQ2wRt9k auf dem neuen Server.', 'Lx7?mQ2wRt9k'],
    ['a database and a short label', 'Base de données : boutique_db / mdp lune2020', 'lune2020'],
    ['a login for a technician', 'Here is a temporary login for the contractor: tempdev / orchard1977\nThanks', 'orchard1977'],
  ])('C05 when %s precedes "user / secret", then the secret is found', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it('C05 when a Wi-Fi line gives its key after the network name, then the key is found', () => {
    expect(secrets('Wi-Fi in the shop: Bakery-Guest, key Roggen-Brot88\nThanks')).toEqual(['Roggen-Brot88']);
  });

  it.each([
    ['a product and its version', 'Server access works over IPv4 / IPv6 now.'],
    ['a device menu path', 'iLO: Administration / Netzwerk2'],
    ['a collation', 'DB: shop_db / utf8mb4_unicode_ci'],
    ['a Wi-Fi line naming its key type', 'WLAN: Office, key type WPA2-Personal only'],
  ])('C05 when %s stands after an access word, then nothing is found', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });
});
