import { makeFinding, type Finding } from './finding.js';
import { countWork as countWorkImport } from './scan-work.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/** Most distinct card numbers looked for again per comment (each costs one search of the text). */
const MAX_REPEATED_CARDS = 8;

const isDigitOrLetter = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xff10 && code <= 0xff19);

/**
 * C04, round c14: a card number found in one place of a comment and written again, the same way, elsewhere in it is the
 * same card there too, whatever its other place's neighbourhood says ("Subject: Invoice - 4111 1111 1111 1111" above a
 * body that gives the number as the card to charge; the subject's "Invoice" alone reads as an invoice number's label).
 * Only a value of 13 or more characters that begins and ends with a digit, standing apart (no digit or letter glued
 * before or after it); at most MAX_REPEATED_CARDS values, one indexOf search of the text each. Appends to `all`.
 */
export function repeatedCards(text: string, all: Finding[]): void {
  const seen = new Set<string>();
  const count = all.length;
  for (let k = 0; k < count && seen.size < MAX_REPEATED_CARDS; k++) {
    const f = all[k]!;
    if (f.kind !== 'card_number' || f.end - f.start < 13) continue;
    const value = text.slice(f.start, f.end);
    if (seen.has(value)) continue;
    seen.add(value);
    countWork(text.length);
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
      countWork(value.length);
      if (at === f.start) continue;
      if ((at > 0 && isDigitOrLetter(text.charCodeAt(at - 1))) || isDigitOrLetter(text.charCodeAt(at + value.length))) continue;
      all.push(makeFinding('card_number', f.subtype, at, at + value.length, f.confidence));
    }
  }
}
