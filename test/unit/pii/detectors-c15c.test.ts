import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

const found = (text: string, kind: 'card_number' | 'credential'): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === kind).map((f) => text.slice(f.start, f.end));
const cards = (text: string): string[] => found(text, 'card_number');
const secrets = (text: string): string[] => found(text, 'credential');

// Round c15c (tenth session): the forms behind the card misses and the credential false alarms of heldout12 and
// heldout13, written here in other words, languages and values than those splits hold.
describe('detector round c15c, card labels (C04)', () => {
  it.each([
    ['Portuguese, a contract number and "é"', 'O meu número de contrato é 4539 1488 0343 6467, obrigado.'],
    ['English, an account number and "is"', 'My customer account number is 4539148803436467 - please merge.'],
    ['German, a Kundennummer and "lautet"', 'Meine Kundennummer lautet 4539 1488 0343 6467.'],
    ['Turkish, an account number with a possessive', 'Hesap numaram 4539 1488 0343 6467, birleştirir misiniz?'],
  ])('C04 when %s labels a Luhn-valid number, then it is not a card', (_how, text) => {
    expect(cards(text)).toEqual([]);
  });

  it('C04 when a card word stands in a label before "is" and an order word, then the number is still a card', () => {
    expect(cards('The card for my order is 4539 1488 0343 6467.')).toEqual(['4539 1488 0343 6467']);
  });

  it.each([
    ['English, a card-details label for a compound order', 'Card details for the VPS hosting order:\n\n5425 2334\n3010 9903\n09/29', '5425 2334\n3010 9903'],
    ['German, a card for a hyphenated order word', 'Die Karte für die Server-Bestellung:\n54252334\n30109903\n09-2029', '54252334\n30109903'],
    ['Dutch, a compound card word and a payment', 'Kaartgegevens voor de betaling:\n\n371449635398431\n04/2028\n4412', '371449635398431'],
    ['German, "fürs" and a package', 'die Karte fürs Webhosting Paket: 3714 4963 5398 431 04/28', '3714 4963 5398 431'],
  ])('C04 when %s heads the label, then the number is a card', (_how, text, card) => {
    expect(cards(text)).toEqual([card]);
  });

  it.each([
    ['an order word alone before the colon', 'Details for the VPS hosting order:\n\n5425 2334\n3010 9903'],
    ['a Dutch payment reference', 'Referentie voor de betaling: 371449635398431'],
  ])('C04 when %s labels the number and no card word heads it, then it is not a card', (_how, text) => {
    expect(cards(text)).toEqual([]);
  });

  it('C04 when a Turkish order word in the locative comes before a card, then the card is found', () => {
    const text = '88213 nolu siparişimde 6282 3610 8076 4853 894 kartımdan iki kez çekildi.';
    expect(cards(text)).toEqual(['6282 3610 8076 4853 894']);
  });

  it('C04 when a Turkish order word in the nominative labels the number, then it is not a card', () => {
    expect(cards('Sipariş 6282 3610 8076 4853 894 iptal edildi.')).toEqual([]);
  });
});

describe('detector round c15c, card forms (C04)', () => {
  it('C04 when an expiry word follows the number past closing tags, then a careless grouping is a card', () => {
    const text = '<div>Our company credit card, for the yearly hosting renewal as agreed:</div><div><span>6250</span> <span>9410</span> <span>0652</span> <span>85998</span></div><div>Expiry 05/2029</div>';
    expect(cards(text)).toEqual(['6250</span> <span>9410</span> <span>0652</span> <span>85998']);
  });

  it('C04 when the same grouping has no card word and no expiry after it, then it is not a card', () => {
    const text = '<div>Reference:</div><div><span>6250</span> <span>9410</span> <span>0652</span> <span>85998</span></div><div>Thanks</div>';
    expect(cards(text)).toEqual([]);
  });

  it.each([
    ['dashes and one wrap under a compound card word', 'Firmenkarte 6250-9410\n0652-859934 bitte belasten.', '6250-9410\n0652-859934'],
    ['spaces and a quoted wrap after a card word', 'Bu karttan çekin: 6250 9410\n> 0652 85998 (11 / 30)', '6250 9410\n> 0652 85998'],
    ['a listed expiry after a careless grouping', 'la tarjeta dictada: 6250 9410 0652 859934 / 11/30 / 412', '6250 9410 0652 859934'],
  ])('C04 when a card word names %s, then the careless grouping is a card', (_how, text, card) => {
    expect(cards(text)).toEqual([card]);
  });

  it.each([
    ['dashes and one wrap', 'Vorgang 6250-9410\n0652-859934 erledigt.'],
    ['a listed field', 'Tracking: 6250 9410 0652 859934 / 11/30 / 412'],
  ])('C04 when no card word names a careless grouping with %s, then it is not a card', (_how, text) => {
    expect(cards(text)).toEqual([]);
  });

  it('C04 when a card is sent in a quoted WhatsApp transcript with time-then-date stamps, then it is found', () => {
    const text = 'Hi,\n\n> [09:12, 03.03.2026] Ana: Carta per il rinnovo:\n> [09:13, 03.03.2026] Ana: 4556-737-586\n> 898\n> [09:14, 03.03.2026] Ana: 08/29';
    expect(cards(text)).toEqual(['4556-737-586\n> 898']);
  });

  it('C04 when the same transcript sends an order number, then it is not a card', () => {
    const text = '> [09:12, 03.03.2026] Ana: Ordine:\n> [09:13, 03.03.2026] Ana: 4556-737-586\n> 898';
    expect(cards(text)).toEqual([]);
  });

  it.each([
    ['English', 'mailto:pay@host.example?body=Card%20number%3A%205425233430109903', '5425233430109903'],
    ['Portuguese, an encoded ã', 'mailto:pay@host.example?subject=x&amp;body=N%C3%BAmero%20do%20cart%C3%A3o%3A%205425233430109903', '5425233430109903'],
    ['Polish', '<a href="mailto:a@b.pl?body=Karta%3A%204539148803436467">x</a>', '4539148803436467'],
  ])('C04 when a percent-encoded card label, colon and space come before digits (%s), then the number is a card', (_how, text, card) => {
    expect(cards(text)).toEqual([card]);
  });

  it.each([
    ['an order label', 'mailto:pay@host.example?body=Order%20number%3A%205425233430109903'],
    ['a Luhn-invalid number', 'mailto:pay@host.example?body=Card%3A%205425233430109904'],
  ])('C04 when a percent-encoded %s comes before digits, then it is not a card', (_how, text) => {
    expect(cards(text)).toEqual([]);
  });
});

describe('detector round c15c, credential look-alikes (C05)', () => {
  it.each([
    ['Turkish', 'Anahtarım:\n\necdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQ= ali@laptop'],
    ['Polish', 'Klucz publiczny SSH: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvX7 piotr@pc'],
    ['English', 'Secret key: ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjE= me@box'],
  ])('C05 when an SSH public key follows a key label (%s), then its type is not a secret', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });

  it('C05 when a random value follows the same key label, then it is still found', () => {
    expect(secrets('Secret key: Kq8Zr2LmXv4Tn6Wp9Ys3Hb')).toEqual(['Kq8Zr2LmXv4Tn6Wp9Ys3Hb']);
  });

  it.each([
    ['German', 'Im Handbuch steht "Passwort: <Ihr Passwort>", welches passwort nehmen?'],
    ['Turkish', 'Kılavuzda yazıyor, hangi şifreyi gireceğim?'],
  ])('C05 when a password word is followed by a question word (%s), then nothing is found', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });

  it.each([
    ['a spelled-out field name', 'DATABASE_URL=postgres://app_user:app_password@10.0.0.5:5432/app', []],
    ['a real secret', 'DATABASE_URL=postgres://app_user:Vq7rT2mx9L@10.0.0.5:5432/app', ['Vq7rT2mx9L']],
  ])('C05 when a connection URL holds %s as its password, then the findings are as expected', (_how, text, want) => {
    expect(secrets(text)).toEqual(want);
  });

  it.each([
    ['Spanish env dump', '$ env\nAPP_DB_PASS_FILE=/run/secrets/mysql_password\nSHLVL=2\nHOSTNAME=web3.example.net'],
    ['Turkish env dump', '# env\nMAIL_PASSWORD_FILE=/var/run/secrets/smtp-password\nHOSTNAME=node7.example.com.tr\nLOGNAME=u1'],
  ])('C05 when a password word ends a path in a %s, then the next line is not its value', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });

  it('C05 when a password line follows a path on a line of its own, then its value is still found', () => {
    expect(secrets('Config in /etc/app/conf\nPassword: Tz8!mqW2pa')).toEqual(['Tz8!mqW2pa']);
  });

  it.each([
    ['Spanish', 'Al cambiar la clave del correo me sale: "La clave debe tener al menos diez caracteres y un símbolo". ¿Cuál?'],
    ['German', 'Beim Passwort kommt: "Das Passwort muss mindestens zwölf Zeichen und eine Ziffer enthalten"'],
  ])('C05 when a quoted policy message follows a password label (%s), then nothing is found', (_how, text) => {
    expect(secrets(text)).toEqual([]);
  });

  it('C05 when a quoted passphrase of four words follows a password label, then it is still found', () => {
    expect(secrets('Passwort: "blue tiger river 42"')).toEqual(['blue tiger river 42']);
  });

  it.each([
    ['a "(" inside', 'ssh deploy@198.51.100.7 (Rw4x(!kZ[9mQp)\nthanks', 'Rw4x(!kZ[9mQp'],
    ['no "(" inside', 'ssh deploy@198.51.100.7 (Rw4!kZ9mQp)\nthanks', 'Rw4!kZ9mQp'],
  ])('C05 when the secret after "ssh user@host" in parentheses has %s, then the whole secret is found', (_how, text, secret) => {
    expect(secrets(text)).toEqual([secret]);
  });
});
