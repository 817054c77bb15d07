import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';
import { detectSecretsInSentences } from '../../../middleware/src/policy/pii/secrets-in-sentences.js';

const secrets = (text: string): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === 'credential').map((f) => text.slice(f.start, f.end));

// Round c15b (tenth session): secrets in sentences, gateway and vendor keys in prose and tables, config and command
// forms, written here in other words, languages and values than heldout12 and heldout13 hold.
describe('detector round c15b, secrets in sentences (C05)', () => {
  it.each([
    ['English', 'Login via SFTP as tmoss@192.0.2.77 port 2200, pw Rv8#kqTz!m2', 'Rv8#kqTz!m2'],
    ['Dutch', 'SSH: beheer@192.0.2.15 poort 22, ww Gx!4pe7Lw', 'Gx!4pe7Lw'],
    ['French', 'Connexion SSH : deploy@192.0.2.40 port 2022, mdp k7?Tz2mQa', 'k7?Tz2mQa'],
  ])('C05 when an abbreviated label follows an SSH login after a comma (%s), then its value is found', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it('C05 when "pw" follows a comma on a line without a login, then nothing is found', () => {
    expect(secrets('The order was 12 kg, pw 4 boxes, arriving Monday')).toEqual([]);
  });

  it.each([
    ['English', 'Thunderbird asks for the password of sales@example.org again and again. I type Brick77#sun and webmail accepts it.', 'Brick77#sun'],
    ['Dutch', 'Mijn Outlook vraagt steeds het wachtwoord voor post@example.nl. Ik vul Haven-2024x in en in de webmail gaat het goed.', 'Haven-2024x'],
    ['French', 'Le mot de passe est redemandé sans cesse. Je tape Lune!88soir et le webmail marche.', 'Lune!88soir'],
    ['Italian', 'Il telefono chiede sempre la password della casella. Metto Vento_73mare e in webmail funziona.', 'Vento_73mare'],
    ['Polish', 'Klient poczty ciągle pyta o hasło. Wpisuję Rzeka+19las i w przeglądarce działa.', 'Rzeka+19las'],
  ])('C05 when a typing verb names what the writer enters after a password question (%s), then it is found', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it.each([
    ['a typing verb without a password word', 'I type mail.example.org into the server field and it works.'],
    ['a typing verb before a host name', 'The password prompt appears when I type imap.example.org as the server.'],
    ['a typing verb before a plain word', 'Outlook wants the password; I type carefully and it still fails.'],
  ])('C05 when %s, then nothing is found', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });

  it.each([
    ['an adverb after the copula', 'Das Kennwort ist wirklich Tanne#5521 - ich habe es dreimal getippt.', 'Tanne#5521'],
    ['a qualifier with an address before the copula', 'Root password of the VPS (198.51.100.20) is Maple!4410, SSH on 22.', 'Maple!4410'],
    ['a Dutch compound label', 'Ftpwachtwoord: molen?Gras42 (gebruiker jdv)', 'molen?Gras42'],
    ['a Turkish bare label after the mailbox address', 'hesap satis@example.com.tr parola kedi_4412 ama telefonda olmuyor', 'kedi_4412'],
  ])('C05 when a password is named with %s, then it is found', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it.each([
    ['a password that "is" a plain word', 'The password is definitely wrong, the account is locked.'],
    ['a password described by a length', 'Das Passwort ist 12 Zeichen lang.'],
    ['a policy sentence', 'The new password is required to contain 3 digits.'],
  ])('C05 when %s, then nothing is found', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });

  it.each([
    ['English, mailbox', 'Caller verified. Reset mailbox office@example.com to Qx7!pLm29z on request.', 'Qx7!pLm29z'],
    ['Dutch', 'Wachtwoord van de gebruiker gereset naar Tulp$77Zon na controle.', 'Tulp$77Zon'],
    ['French', 'Mot de passe FTP réinitialisé à orage+Nimes31 pour le client.', 'orage+Nimes31'],
    ['Russian, new after a colon', 'Сменил пароль почты по звонку, новый: Zx4?Lqw8Rt', 'Zx4?Lqw8Rt'],
  ])('C05 when a reset or new password is written in prose (%s), then it is found', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it.each([
    ['a server reset to a plain word', 'We reset the server to factory defaults yesterday.'],
    ['a mailbox reset to a date', 'Reset mailbox quota to 2026-01-31 as agreed.'],
    ['a new-word colon without a password word', 'Status changed, new: 4 tickets waiting'],
  ])('C05 when %s, then nothing is found', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe('detector round c15b, two-factor, app and Wi-Fi secrets (C05)', () => {
  it('C05 when the secret of a QR code is written out as 16 base32 characters, then it is found', () => {
    expect(secrets('If the QR code will not scan, enter this key by hand: MZXW6YTB3OJ2WQ5K')).toEqual(['MZXW6YTB3OJ2WQ5K']);
  });

  it('C05 when a QR sentence ends in a word of capitals without digits, then nothing is found', () => {
    expect(secrets('The QR code shows this title: AUTHENTICATORAPP')).toEqual([]);
  });

  it('C05 when an app password of 16 letters is written without spaces, then it is found', () => {
    expect(secrets('Het app-wachtwoord van Google voor de printer is qtrzmwkxpbnvhjsl')).toEqual(['qtrzmwkxpbnvhjsl']);
  });

  it('C05 when a 16-letter word follows an app password label, then nothing is found', () => {
    expect(secrets('The app password needs authentification first')).toEqual([]);
  });

  it.each([
    ['a Wi-Fi QR string', 'WIFI:S:Lager-Gast;T:WPA;P:Bohne!Kaffee77;H:false;;', 'Bohne!Kaffee77'],
    ['router key digit groups', 'WLAN-Schlüssel vom Lager: 4410 9921 0387 5562 1740', '4410 9921 0387 5562 1740'],
  ])('C05 when %s holds a Wi-Fi key, then it is found', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it('C05 when a Wi-Fi QR string has an empty password field, then nothing is found', () => {
    expect(secrets('WIFI:S:Open-Cafe;T:nopass;P:;;')).toEqual([]);
  });
});

describe('detector round c15b, transfer codes and gateway keys in prose (C05)', () => {
  it.each([
    ['Russian', 'Код для трансфера домена lesnoy-dom.ru: Kq7#vPz2Lw\nСпасибо.', 'Kq7#vPz2Lw'],
    ['Italian', 'Per il trasferimento del dominio, il codice AuthInfo dato dal registrar è: Fa9=kLm!2q', 'Fa9=kLm!2q'],
    ['Polish', 'Przenosimy domenę. Kod AuthInfo z poprzedniego rejestru: Wq3%Tz8!pe', 'Wq3%Tz8!pe'],
  ])('C05 when a transfer code closes a sentence after a colon (%s), then it is found', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it('C05 when a card receipt shows an authorization code, then nothing is found', () => {
    expect(secrets('Payment receipt\nAuth code: QZ7K2M\nAmount: 19.90 EUR')).toEqual([]);
  });

  it.each([
    ['a Spanish gateway secret with a copula', 'La clave secreta de Ceca (SHA-256) es Tq8vLz2mWx5nRk3pHy7bJc4dFg6sQa1e, terminal 002.', 'Tq8vLz2mWx5nRk3pHy7bJc4dFg6sQa1e'],
    ['a Portuguese token with a copula', 'O token do gateway da loja é 7D3F9A1C5E8B2D4F6A0C3E5B7D9F1A2C e o e-mail é outro.', '7D3F9A1C5E8B2D4F6A0C3E5B7D9F1A2C'],
    ['a Polish key with a qualifier', 'Klucz CRC z bramki to 9f2c4e6a8b1d3f50, sprawdźcie.', '9f2c4e6a8b1d3f50'],
    ['a bare salt name in prose', 'Store 41, merchant_salt Rk4pXz9QmT2vLw8N, hash fails.', 'Rk4pXz9QmT2vLw8N'],
    ['an aligned token row', 'Gateway\nToken                 K4M8Q2W6E9R1T5Y3U7I0O4P8A2S6D1F5\n', 'K4M8Q2W6E9R1T5Y3U7I0O4P8A2S6D1F5'],
  ])('C05 when %s names a key, then it is found', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it.each([
    ['a publishable key after its label', 'Publishable key: pk_live_Q2w3E4r5T6y7U8i9O0p1A2s3'],
    ['a public key in Italian prose', 'La chiave pubblica nel tema è Tq8vLz2mWx5nRk3pHy7bJc4dFg6sQa1e'],
    ['an application key in prose', 'Application Key Q09lKK9PyAmRyzIu for the DNS script'],
    ['a key id', 'The key ID 3f9a1c5e8b2d4f6a is shown in the list'],
    ['a token expiry date', 'Token expires 2026-05-01T10:00:00Z according to the panel'],
  ])('C05 when %s, then nothing is found', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });

  it.each([
    ['a passphrase row', '<tr><td><b>SHA-OUT passphrase</b></td><td>Kx8!vQ2mLz7#Rt4</td></tr>', 'Kx8!vQ2mLz7#Rt4'],
    ['a password row with a qualifier', '<tr><td>Mot de passe utilisateur API</td><td>Lp4.Wq9_zT2k</td></tr>', 'Lp4.Wq9_zT2k'],
  ])('C05 when a table row holds %s, then its value is found', (_how, text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it('C05 when a table row only dates a password change, then nothing is found', () => {
    expect(secrets('<tr><td>Password changed</td><td>2026-03-04</td></tr>')).toEqual([]);
  });
});

describe('detector round c15b, config files and commands (C05)', () => {
  it('C05 when an rclone section holds a key line, then the key is found and the account is not', () => {
    const text = '[offsite]\ntype = s3\naccess_key_id = 0044e1f0c0ab\nkey = Kz8vQ2mLw5nRt7pXy3bJc4dFg6sHa1e\nregion = eu\n';
    expect(secrets(text)).toEqual(['Kz8vQ2mLw5nRt7pXy3bJc4dFg6sHa1e']);
  });

  it('C05 when a key line stands outside an INI section, then this rule adds nothing', () => {
    expect(secrets('type = b2\nkey = value_of_the_thing\n')).toEqual([]);
  });

  it('C05 when the OVH application secret and consumer key are exported, then both are found and the application key is not', () => {
    const text = 'export OVH_AK="qW3eR5tY7uI9oP1a"\nexport OVH_AS="Zx2Cv4Bn6Mq8Wl0Ek3Rt5Yu7Io9Pa1Sd"\nexport OVH_CK="Lk8Jh6Gf4Ds2Aq0Zw9Xe7Cr5Vt3Bn1My"\n';
    expect(secrets(text)).toEqual(['Zx2Cv4Bn6Mq8Wl0Ek3Rt5Yu7Io9Pa1Sd', 'Lk8Jh6Gf4Ds2Aq0Zw9Xe7Cr5Vt3Bn1My']);
  });

  it('C05 when a WHMCS configuration sets the card encryption hash, then it is found', () => {
    const hash = 'Pq7Wz2Lx9Mv4Nk8Rt3Yb6Hc1Jd5Fg0Se7Ua2Ei9Ko4Lm8Nn3Bp6Cq1Dr5Ts0Vw';
    expect(secrets(`$cc_encryption_hash = '${hash}';`)).toEqual([hash]);
  });

  it('C05 when the encryption hash is empty, then nothing is found', () => {
    expect(secrets("$cc_encryption_hash = '';")).toEqual([]);
  });

  it('C05 when swaks is given an auth password, then it is found', () => {
    expect(secrets("swaks --to a@example.net --auth LOGIN --auth-user a@example.net --auth-password 'Kiraz2024' --tls")).toEqual(['Kiraz2024']);
  });

  it('C05 when a new password is piped twice to passwd, then both copies are found', () => {
    expect(secrets('echo -e "Vr8kq2Lm9pXz\\nVr8kq2Lm9pXz" | passwd deploy')).toEqual(['Vr8kq2Lm9pXz', 'Vr8kq2Lm9pXz']);
  });

  it('C05 when two different lines are piped to passwd, then nothing is found', () => {
    expect(secrets('echo -e "first\\nsecond" | passwd deploy')).toEqual([]);
  });

  it('C05 when a passphrase of words and a number follows its label, then it is found', () => {
    expect(secrets('-----END OPENSSH PRIVATE KEY-----\n\npassphrase: copper meadow falcon 58\n')).toEqual(['copper meadow falcon 58']);
  });

  it('C05 when a passphrase label is followed by a sentence with a number, then nothing is found', () => {
    expect(secrets('passphrase: please see the vault entry 12\n')).toEqual([]);
  });
});

describe('round c15b, bounded work per comment (C05)', () => {
  const line = (i: number): string => `SSH is deploy@203.0.113.7 port 22, pw Kq${i}x!Zt9m\n`;
  it('C05 when a comment holds more than 400 words of one sentence rule, then only its first 400 are read', () => {
    const text = Array.from({ length: 401 }, (_, i) => line(i)).join('');
    const found = detectSecretsInSentences(text).map((f) => text.slice(f.start, f.end));
    expect(found).toHaveLength(400);
    expect(found[399]).toBe('Kq399x!Zt9m');
    expect(found).not.toContain('Kq400x!Zt9m');
  });
});
