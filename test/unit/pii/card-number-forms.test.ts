import { describe, expect, it } from 'vitest';
import { detectSensitiveData, resetWorkCounter, workCounted } from '../../../middleware/src/policy/pii/index.js';
import { detectCardNumbers } from '../../../middleware/src/policy/pii/card-numbers.js';
import { detectCardNumbersInAnyForm } from '../../../middleware/src/policy/pii/card-number-forms.js';

/*
 * Card round c5 (card-number-forms.ts): card numbers written in forms the digit scanner does not read. Every card here
 * is a test card (4111 1111 1111 1111, 5555 5555 5555 4444) or Luhn-valid and synthetic.
 */
const cards = (text: string) => detectSensitiveData(text).filter((f) => f.kind === 'card_number').map((f) => text.slice(f.start, f.end));
const inScript = (s: string, zero: number): string => s.replace(/[0-9]/gu, (d) => String.fromCharCode(zero + Number(d)));

describe('card numbers in other forms (C04, card round c5)', () => {
  it('C04 when a card is typed in Arabic-Indic, Persian, Devanagari or Bengali digits, then it is found with its exact span', () => {
    for (const zero of [0x0660, 0x06f0, 0x0966, 0x09e6]) {
      const value = inScript('4111 1111 1111 1111', zero);
      expect(cards(`رقم البطاقة: ${value} شكرا`), zero.toString(16)).toEqual([value]);
      expect(cards(`Card: ${inScript('5555555555554444', zero)}`), zero.toString(16)).toEqual([inScript('5555555555554444', zero)]);
    }
    // The Arabic thousands separator between groups, and a number typed half in ASCII digits.
    expect(cards('بطاقتي ٤١١١٬١١١١٬١١١١٬١١١١')).toEqual(['٤١١١٬١١١١٬١١١١٬١١١١']);
    expect(cards('رقم البطاقة 4111 1111 ١١١١ ١١١١')).toEqual(['4111 1111 ١١١١ ١١١١']);
  });

  it('C04 when an Arabic, Persian or Hindi label names an order, invoice or tracking number, then those digits are not a card', () => {
    expect(cards(`رقم الطلب: ${inScript('4111 1111 1111 1111', 0x0660)}`)).toEqual([]);
    expect(cards(`رقم التتبع ${inScript('4111111111111111', 0x0660)}`)).toEqual([]);
    expect(cards(`شماره سفارش ${inScript('4111 1111 1111 1111', 0x06f0)}`)).toEqual([]);
    expect(cards(`ट्रैकिंग नंबर ${inScript('4111111111111111', 0x0966)}`)).toEqual([]);
    // The same labels before ASCII digits too.
    expect(cards('رقم الفاتورة 4111 1111 1111 1111')).toEqual([]);
  });

  it('C04 when bidi marks or isolates stand between the groups, then the card is found from its first digit to its last', () => {
    expect(cards('رقم البطاقة: 4111\u200e 1111\u200e 1111\u200e 1111')).toEqual(['4111\u200e 1111\u200e 1111\u200e 1111']);
    expect(cards('כרטיס \u20664111\u2069 \u20661111\u2069 \u20661111\u2069 \u20661111\u2069')).toEqual(['4111\u2069 \u20661111\u2069 \u20661111\u2069 \u20661111']);
    expect(cards('Card: 5555\u200f-\u200f5555\u200f-\u200f5555\u200f-\u200f4444')).toEqual(['5555\u200f-\u200f5555\u200f-\u200f5555\u200f-\u200f4444']);
    // Marks only around the number stay outside the span.
    expect(cards('کارت: \u20664111 1111 1111 1111\u2069')).toEqual(['4111 1111 1111 1111']);
  });

  it('C04 when the digits are written as numeric character references, then the card is found from the first reference to the last', () => {
    const decimal = [...'4111111111111111'].map((d) => `&#${48 + Number(d)};`).join('');
    expect(cards(`<p>Card number: ${decimal}</p>`)).toEqual([decimal]);
    const hex = ['5555', '5555', '5555', '4444'].map((g) => [...g].map((d) => `&#x3${d};`).join('')).join('&nbsp;');
    expect(cards(`<td>Kreditkarte</td><td>${hex}</td>`)).toEqual([hex]);
    // Under an order label they are an order number.
    expect(cards(`<p>Order number: ${decimal}</p>`)).toEqual([]);
  });

  it('C04 when a card is read out as number words after a card word, then it is found from the first word to the last', () => {
    const en = 'four one one one, one one one one, one one one one, one one one one';
    expect(cards(`Agent: Can I have the card number?\nCustomer: sure, ${en}.`)).toEqual([en]);
    const de = 'fünf fünf fünf fünf fünf fünf fünf fünf fünf fünf fünf fünf vier vier vier vier';
    expect(cards(`Sprachnachricht: meine Karte ist ${de}, danke`)).toEqual([de]);
    const ru = 'четыре-один-один-один один-один-один-один один-один-один-один один-один-один-один';
    expect(cards(`Оператор: Номер карты?\nКлиент: ${ru}.`)).toEqual([ru]);
  });

  it('C04 when number words say "double" or "triple", or mix with digit groups, then they are read as the digits they stand for', () => {
    const doubled = 'four one double one, triple one one, one triple one, double one double one';
    expect(cards(`my card number is ${doubled}`)).toEqual([doubled]);
    expect(cards('Karte: vier eins eins eins 1111 1111 1111 bitte')).toEqual(['vier eins eins eins 1111 1111 1111']);
  });

  it('C04 when number words spell a Luhn-valid number and no card is named before them, then they are not a card', () => {
    const words = 'four one one one one one one one one one one one one one one one';
    expect(cards(`Agent: Your order number please?\nCustomer: ${words}.`)).toEqual([]);
    expect(cards(`Tracking number ${words}`)).toEqual([]);
    // A card word in the text, but not within 160 characters before the words (an earlier, unrelated sentence).
    const filler = 'We checked the server logs and the mail queue, restarted the service and cleared the cache of the site. ';
    expect(cards(`The card payment went through yesterday. ${filler}Agent: Your order number please?\nCustomer: ${words}.`)).toEqual([]);
    // Three number words are no run: "one" next to a card is not read as a digit of it.
    expect(cards('I have one card 4111 1111 1111 1111 and two sites')).toEqual(['4111 1111 1111 1111']);
  });

  it('C04 when one speaker sends a card in several chat messages, then it is found over the prefixes between them', () => {
    const text = '[10:40] Agent: Please type the card number here.\n[10:41] Customer: 4111 1111\n[10:42] Customer: 1111 1111\n[10:43] Agent: Thanks!';
    expect(cards(text)).toEqual(['4111 1111\n[10:42] Customer: 1111 1111']);
    const four = 'Agent: card number please\nKunde: 5555\nKunde: 5555\nKunde: 5555\nKunde: 4444';
    expect(cards(four)).toEqual(['5555\nKunde: 5555\nKunde: 5555\nKunde: 4444']);
  });

  it('C04 when a transcript speaker such as "Customer:" or "Klant:" opens the line of a card, then the speaker is not read as its label', () => {
    expect(cards('Agent: the card number?\nCustomer: 4111 1111 1111 1111')).toEqual(['4111 1111 1111 1111']);
    expect(cards('Medewerker: Het kaartnummer?\nKlant: vier een een een een een een een een een een een een een een een.'))
      .toEqual(['vier een een een een een een een een een een een een een een een']);
  });

  it('C04 when two speakers or a form field write the digits, then they are not joined or read as a card', () => {
    expect(cards('Agent: card on file? Your ticket is 41111111\nCustomer: 11111111 is my phone')).toEqual([]);
    // No transcript (one speaker word, no time stamp): "Customer:" is a customer-number field.
    expect(cards('Card payment\nCustomer: 4111 1111 1111 1111')).toEqual([]);
  });

  it('C04 when "*", "~", ":" or a middle dot separates the groups and a card word names the number, then it is found', () => {
    for (const sep of ['*', '~', ':', '\u2219', '\u22c5', '\u30fb', '\u2027', ' * ']) {
      const value = ['4111', '1111', '1111', '1111'].join(sep);
      expect(cards(`Kreditkarte ${value}`), sep).toEqual([value]);
    }
  });

  it('C04 when those separators join digit groups with no card word, or a log time stamp follows a card word, then nothing is found', () => {
    expect(cards('listen [2620:1111:1111:1117::1]:443 ssl;')).toEqual([]);
    expect(cards('Serial 4111*1111*1111*1111')).toEqual([]);
    expect(cards('card payment failed [22/Jun/2025:01:27:13 +0200] "POST /pay"')).toEqual([]);
    // A card word in the text that does not name the number: a listing separator needs one right before or after it.
    expect(cards('The card was charged. We checked the logs and the server twice. Here: 4111*1111*1111*1111')).toEqual([]);
  });

  it('C04 when a comment holds no other-script digit, bidi mark, "&#" or card word, then the other forms add almost no work', () => {
    const text = 'Hello, the backup of example.com failed at 10:42 again.\nOrder 12345, invoice 2026-0042. Regards\n'.repeat(100);
    resetWorkCounter();
    detectCardNumbers(text);
    const plain = workCounted();
    resetWorkCounter();
    expect(detectCardNumbersInAnyForm(text)).toEqual([]);
    expect(workCounted() - plain).toBeLessThanOrEqual(text.length / 8 + 10);
  });

  it('C04 when a card word precedes web-server log lines, then their time stamps ("2025:01:27") make no rewritten copy', () => {
    const line = '203.0.113.7 - - [22/Jun/2025:01:27:13 +0200] "POST /index.php HTTP/1.1" 200 5120\n';
    const text = `Card payment fails, log below:\n${line.repeat(120)}`;
    resetWorkCounter();
    detectCardNumbers(text);
    const plain = workCounted();
    resetWorkCounter();
    expect(detectCardNumbersInAnyForm(text)).toEqual([]);
    // The card-word windows are read (a few times their length), but the text is not copied and scanned again.
    expect(workCounted() - plain).toBeLessThan(text.length / 2);
  });
});
