import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

const found = (text: string, kind: 'card_number' | 'credential'): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === kind).map((f) => text.slice(f.start, f.end));
const cards = (text: string): string[] => found(text, 'card_number');
const secrets = (text: string): string[] => found(text, 'credential');

// Round c12 (ninth session): the forms behind the misses and false alarms of heldout9 (retired to a dev split) and the
// credential misses of heldout8, each written here in other words and with other numbers and secrets.
describe('detector round c12, cards (C04)', () => {
  it.each([
    ['spaces', 'Moja karta: 4485 0400 42888, ważna do 08/27', '4485 0400 42888'],
    ['spaced dashes', 'Kredi kartı no: 4024 - 7462 - 20421 / 10/28', '4024 - 7462 - 20421'],
    ['its expiry glued on as the next group', 'Płatność tą kartą 4485 0400 42888 08/27 proszę', '4485 0400 42888'],
    ['HTML paragraphs between its groups', '<div>my Visa card 4024 7462</div><div>20421</div><div>10/2028</div>', '4024 7462</div><div>20421'],
  ])('when a 13-digit card is written 4-4-5 with %s and a card word names it, then it is found (C04)', (_how, text, value) => {
    expect(cards(text)).toEqual([value]);
  });

  it.each([
    'Tel. 4485 0400 42888 (nach 18 Uhr)',
    'Konto 4024 7462 20421, BLZ folgt',
    '4485-0400-42888',
  ])('when a 4-4-5 number is not named a card (%j), then nothing is found (C04)', (text) => {
    expect(cards(text)).toEqual([]);
  });

  it.each([
    ['a careless split', "Paiement refusé avec ma CB 516826 6242 888687, valable jusqu'à 04/29", '516826 6242 888687'],
    ['a careless split after a colon', 'CB : 520092 4420 260422', '520092 4420 260422'],
  ])('when "CB" (carte bancaire) names %s, then the card is found (C04)', (_how, text, value) => {
    expect(cards(text)).toEqual([value]);
  });

  it.each([
    'CBD oil order 516826 6242 888687',
    'ref 520092 4420 260422',
    'CBR rate 516826 6242 888687',
  ])('when a careless split has no card word (%j), then nothing is found (C04)', (text) => {
    expect(cards(text)).toEqual([]);
  });

  it.each([
    ['in English', 'Please charge this card for the invoice 4539428886466486, thanks', '4539428886466486'],
    ['in German', 'Bitte belasten Sie diese Karte für die Rechnung 5491 3682 0084 4666', '5491 3682 0084 4666'],
    ['in Polish, with a colon and the expiry below', 'Proszę pobrać opłatę z tej karty... albo tą kartą za zamówienie:\n2202 1020 4426 8023\n03/28', '2202 1020 4426 8023'],
    ['in Polish, wrapped and quoted', '> Proszę obciążyć tę kartę za fakturę 5491 3682\n> 0084 4666\nnadal nic', '5491 3682\n> 0084 4666'],
  ])('when "this card" is to pay for an invoice or order and the digits follow the order word (%s), then they are the card (C04)', (_lang, text, value) => {
    expect(cards(text)).toEqual([value]);
  });

  it.each([
    'card for order 4539-4288-8646-6486 was declined',
    'The card was declined for invoice 4539428886466486',
    'Rechnung für die Bestellung 5491 3682 0084 4666',
    'My card is fine, please check the order 4539428886466486',
  ])('when the order word labels the digits and no card is pointed at (%j), then nothing is found (C04)', (text) => {
    expect(cards(text)).toEqual([]);
  });

  it('when a gateway XML request has the card in one element and the expiry in the next, then the card is found (C04)', () => {
    const text = 'request:\n<Payment>\n  <Terminal>88412</Terminal>\n  <Pan>36484044246266</Pan>\n  <ExpDate>0728</ExpDate>\n</Payment>';
    expect(cards(text)).toEqual(['36484044246266']);
  });

  it('when a namespaced XML element holds the card, then the next element does not join it (C04)', () => {
    expect(cards('<ns2:CardNo>4539428886466486</ns2:CardNo>\n<ns2:Cvc>123</ns2:Cvc>')).toEqual(['4539428886466486']);
  });

  it.each([
    ['an order id element', '<OrderId>36484044246266</OrderId>\n<Amount>0728</Amount>'],
    ['a split HTML span', 'Karte 4539 4288</span>\n<span>8646 6486'],
  ])('when the elements around are not a card field (%s), then they are read as before (C04)', (what, text) => {
    expect(cards(text)).toEqual(what === 'a split HTML span' ? ['4539 4288</span>\n<span>8646 6486'] : []);
  });
});
