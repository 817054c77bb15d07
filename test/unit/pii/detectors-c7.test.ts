import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

/** The values of one kind found in a comment, in order. */
const found = (text: string, kind: 'card_number' | 'credential'): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === kind).map((f) => text.slice(f.start, f.end));
const cards = (text: string): string[] => found(text, 'card_number');
const secrets = (text: string): string[] => found(text, 'credential');

// Round c7: the forms behind the misses of the retired dev splits (heldout2, heldout3), each written here in other words
// and languages, with the ordinary text each new rule could misread.
describe('detector round c7 (C04, C05)', () => {
  describe('a card word, then an order or invoice as the object of a preposition', () => {
    it.each([
      ['Card used for the order: 4111 1111 1111 1111', '4111 1111 1111 1111'],
      ['Die Karte für die Bestellung: 5555-5555-5555-4444', '5555-5555-5555-4444'],
      ['Карта для заказа: 2200 1234 5678 9019', '2200 1234 5678 9019'],
      ['Tarjeta usada para el pedido: 4012.8888.8888.1881', '4012.8888.8888.1881'],
      ['<p>Credit card for my invoice: 378282246310005</p>', '378282246310005'],
    ])('when the card word heads the label (%j), then the number is a card (C04)', (text, value) => {
      expect(cards(text)).toEqual([value]);
    });

    it.each([
      'Payment for the order: 4111 1111 1111 1111',
      'Tracking for the order: 4111 1111 1111 1111',
      'Rechnung für die Bestellung: 5555-5555-5555-4444',
    ])('when no card word heads the label (%j), then the number is not a card (C04)', (text) => {
      expect(cards(text)).toEqual([]);
    });
  });

  describe('a noun with "ID", "code" or "key" before the digits', () => {
    it.each([
      'Server ID: 4111-1111-1111-1111 (Plesk licence)',
      'Licence key 5555 5555 5555 4444',
      'Activation code: 4012 8888 8888 1881',
      'Subscription ID 4111111111111111',
    ])('when the noun names another kind of number (%j), then the digits are not a card (C04)', (text) => {
      expect(cards(text)).toEqual([]);
    });

    it.each([
      ['Card code: 4111 1111 1111 1111', '4111 1111 1111 1111'],
      ['my ID: 4111 1111 1111 1111', '4111 1111 1111 1111'],
    ])('when the noun is a card word or no noun at all (%j), then the card is still found (C04)', (text, value) => {
      expect(cards(text)).toEqual([value]);
    });
  });

  describe('the issuer number set off from the rest (6 + rest)', () => {
    it.each([
      ['Card number: 411111-1111111111', '411111-1111111111'],
      ['Karte 555555 5555554444', '555555 5555554444'],
      ['la tarjeta es 401288 \n8888881881 (12/28)', '401288 \n8888881881'],
    ])('when a card word names the two groups (%j), then they are one card (C04)', (text, value) => {
      expect(cards(text)).toEqual([value]);
    });

    it.each(['Order 411111-1111111111', 'BIN 411111, account 1111111111', 'Ticket 555555 5555554444'])(
      'when no card word names them (%j), then nothing is found (C04)', (text) => {
        expect(cards(text)).toEqual([]);
      });
  });

  describe('labels of API secrets with a remark before the colon', () => {
    it.each([
      ['Cloudflare API token (DNS only): Zq8x1Vb3Kp0Lm7Nc2Rt5Wy9Hs4Dg6Fj', 'Zq8x1Vb3Kp0Lm7Nc2Rt5Wy9Hs4Dg6Fj'],
      ['Hetzner API token "backup-job": Tq3wE8rY1uI6oP0aS5dF9gH2jK7lZ4xC', 'Tq3wE8rY1uI6oP0aS5dF9gH2jK7lZ4xC'],
      ['Namecheap API secret for the renewal script: b7Yc2Nd9Qe4Rf1Sg6Th3Uj8Vk5Wl0Xm', 'b7Yc2Nd9Qe4Rf1Sg6Th3Uj8Vk5Wl0Xm'],
      ['Módulo de pago - clave secreta: Hk28Jd73Lq19Mz46Np05Rx', 'Hk28Jd73Lq19Mz46Np05Rx'],
      ['Modulo pagamenti, chiave segreta: Wq72Er19Ty46Ui03Op85As', 'Wq72Er19Ty46Ui03Op85As'],
      ['Секретный ключ: Gf83Hd19Js72Ka46Lq05Zx', 'Gf83Hd19Js72Ka46Lq05Zx'],
    ])('when the label has a parenthetical, a quoted name, a purpose or an adjective (%j), then the value is found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it.each([
      'The API token for the site is described in our docs at https://docs.example.com/api/tokens-and-scopes-overview',
      'API token (see the attached screenshot) expired yesterday, please advise',
    ])('when the words after the label are prose (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });
  });

  describe('password labels', () => {
    it('when a user name ends in "user" before "/ Kennwort:", then the password after the label is still found (C05)', () => {
      expect(secrets('Benutzer webuser / Kennwort: Hx72~kq9Lm – geht nicht')).toEqual(['Hx72~kq9Lm']);
    });

    it('when "login/password:" is a real pair of labels, then the second of the pair is the secret (C05)', () => {
      expect(secrets('login/password: shopadmin/Vb83!xkPq')).toEqual(['Vb83!xkPq']);
    });

    it.each([
      ['Het wachtwoord van de mailbox is Qr7tZ=pLm2x maar het werkt niet.', 'Qr7tZ=pLm2x'],
      ['Das Passwort für den FTP ist Lm4=Qx9Tz', 'Lm4=Qx9Tz'],
    ])('when a password after "is"/"ist" holds an "=" (%j), then the whole value is found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it('when a qualifier ends in "name=value" with no verb before it, then "=" still separates label and value (C05)', () => {
      expect(secrets('password for root=Kp83xLq2')).toEqual(['Kp83xLq2']);
    });

    it.each([
      'mysql -u shop -p\nEnter password:\nERROR 1045 (28000): Access denied for user',
      'Password for user postgres:\npsql: error: FATAL: password authentication failed',
      '[sudo] password for deploy:\nSorry, try again.',
    ])('when a prompt\'s next line is program output (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });

    it('when a password follows a plain "Password:" on the next line, then it is still found (C05)', () => {
      expect(secrets('Password:\nTz83!kqLm')).toEqual(['Tz83!kqLm']);
    });

    it.each([
      ['mudei a senha para Kq83-Lmzx (FTP) no servidor on web-02.example-hosting.pt, não funciona', 'Kq83-Lmzx'],
      ['<div>changed the password to Tz71~qpLm (FTP user) on srv-ams-04.example-hosting.nl, still fails</div>', 'Tz71~qpLm'],
    ])('when a host follows the password after "on" (%j), then the password is found and the host is not (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });
  });

  describe('logins under a panel address', () => {
    it.each([
      ['ISPmanager: https://203.0.113.7:1500/ispmgr\nlogin shopadmin kqPZ=vTnMw', 'kqPZ=vTnMw'],
      ['Plesk https://panel.example.de:8443\nuser webadmin Hx!qTzLmw', 'Hx!qTzLmw'],
    ])('when "login <user> <secret>" follows the address and the secret mixes case with a symbol (%j), then it is found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it.each([
      'Plesk https://panel.example.de:8443\nlogin admin please',
      'Plesk https://panel.example.de:8443\nuser admin Thanks',
      'cPanel https://203.0.113.7:2083\nlogin works again, Thanks',
    ])('when the words after "login <user>" are prose (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });

    it('when a lone secret under a lone user holds "=" after a name with digits, then it is found (C05)', () => {
      expect(secrets('https://vps7.example.net:1500/manager/ispmgr\nwebmaster\nkq29TZ=Lm7\n')).toEqual(['kq29TZ=Lm7']);
    });

    it('when the line under the user is a "name=value" pair with a plain name, then it is not a secret (C05)', () => {
      expect(secrets('https://vps7.example.net:1500/manager/ispmgr\nwebmaster\nx-request-id=a81f02c9e7\n')).toEqual([]);
    });
  });
});
