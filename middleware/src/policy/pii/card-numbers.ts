import { identifyCardIssuer } from './card-issuers.js';
import { makeFinding, type Finding } from './finding.js';
import { passesLuhn } from './luhn.js';
import { countWork } from './scan-work.js';
import { isAlnumAt, isWordCharAt } from './text-boundaries.js';

/*
 * Linear by construction: one left-to-right pass splits the text into digit groups and the
 * separators between them; a card is then looked for only at group boundaries, over windows of at
 * most 19 digits (the longest PAN), so each group is visited a bounded number of times whatever the
 * input ("1-1-1-…", "4111 " repeated, 1 MB of digits).
 */

const MAX_PAN = 19;
const MIN_PAN = 13;

const CARD_CONTEXT = /(?<!\p{L})(?:card|karte|карт|carte|tarjeta|cart[aã]o|kaart|karty?|kart|visa|master|amex|mir|мир|cc|pan|kredit|credit|debit|cartão|carta)/iu;
// A label naming another kind of number, closer to the digits than any card word, wins ("Order number 4111…").
const NON_CARD_LABEL = /(?<!\p{L})(?:order|invoice|account|acct|customer|client|tracking|ticket|reference|ref|booking|contract|transaction|serial|imei|iccid|ean|gtin|upc|isbn|issn|barcode|strichcode|sku|artikel|art\.-?nr|bestell|kunden|rechnung|vertrag|konto|sendung|pedido|factura|fatura|cuenta|conta|encomenda|ordine|fattura|conto|bestel|factuur|rekening|klant|commande|facture|compte|client|заказ|сч[её]т|договор|лицев|zamówieni|faktur|sipariş|fatura)/iu;
const CARD_CONTEXT_ALL = new RegExp(CARD_CONTEXT.source, 'giu');
const NON_CARD_LABEL_ALL = new RegExp(NON_CARD_LABEL.source, 'giu');
// "… 4111 1111 1111 1111 123 is my card and cvv": the trailing group is the security code.
const CVV_AFTER = /\b(?:cvv2?|cvc2?|cvn|csc|cid|security code|prüfnummer|sicherheitscode|код)\b/iu;
// IBAN printed in groups of four: "GB29 NWBK 6016 1331 9268 19" (ISO 13616); up to 34 characters.
const GROUPED_IBAN_BEFORE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -][A-Z0-9]{4}){0,7}[ -]$/u;

interface DigitGroup {
  digits: string;
  start: number;
  end: number;
  /** The separator before this group joins it only loosely: whitespace, a line break, markup or an entity. */
  looseBefore: boolean;
  /**
   * The separator before this group is a bare line break (with reply-quote markers after it, no space or
   * punctuation before it): a hard wrap that may have cut one block or group in two ("45567375\n86899855").
   */
  wrappedBefore: boolean;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const SPACES = new Set([' ', '\u00a0', '\u202f', '\u2009', '\u2007', '\t', '\u2002', '\u2003', '\u2008', '\u200a', '\u3000']);
// Zero-width characters editors and mail clients put between groups: they join without a visible space.
const ZERO_WIDTH = new Set(['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']);
// Dashes word processors substitute for "-": hyphen, non-breaking hyphen, figure dash, en dash.
const DASHES = new Set(['-', '.', '\u2010', '\u2011', '\u2012', '\u2013']);
const ENTITY_SPACES = [
  '&nbsp;', '&#160;', '&#xa0;', '&#8239;', '&#x202f;', '&#32;', '&ensp;', '&emsp;', '&thinsp;', '&#8201;', '&#x2009;',
  '&#8203;', '&#x200b;', '&zwsp;', '&zwnj;', '&zwj;', '&#8204;', '&#8205;', '&shy;', '&#173;',
];
const NO_SEPARATOR = { length: 0, loose: false, wrapped: false } as const;
/** ASCII characters a separator can start with: space, tab, line breaks, '-', '.', '&' (entity), '<' (tag). */
const SEPARATOR_START: readonly boolean[] = Array.from({ length: 128 }, (_, c) => ' \t\n\r-.&<'.includes(String.fromCharCode(c)));
/** Longest separator read between two groups: inline tags with a style attribute fit ("<span style=…>"). */
const MAX_SEPARATOR = 200;
const INLINE_TAG = /^<\/?[a-z][a-z0-9]*(?:\s[^<>]{0,160})?\/?>/iu;

/**
 * Length of the separator starting at `i` when it joins two digit groups of one written number,
 * else 0. What people and mail clients put between the groups of a card number: up to three spaces
 * (also no-break and narrow no-break), one dash or dot, `&nbsp;`-style entities, inline tags
 * (`<b>`, `<span>`), one line break followed by reply-quote markers ("> "). Bounded in length.
 */
function separatorAt(text: string, i: number): { length: number; loose: boolean; wrapped: boolean } {
  let k = i;
  let spaces = 0;
  let punct = 0;
  let newline = 0;
  let markup = 0;
  let wrapped = false;
  // Fast path: most numbers end at a letter or punctuation that can never join two groups.
  const first = text.charCodeAt(i);
  if (first < 128 && !SEPARATOR_START[first]) return NO_SEPARATOR;
  while (k < text.length && k - i <= MAX_SEPARATOR) {
    const ch = text[k]!;
    if (SPACES.has(ch)) { spaces++; k++; if (spaces > 3 && newline === 0) return { length: 0, loose: false, wrapped: false }; continue; }
    if (ZERO_WIDTH.has(ch)) { markup++; k++; continue; }
    if (DASHES.has(ch)) { if (++punct > 1) break; k++; continue; }
    if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[k + 1] === '\n') k++;
      if (++newline > 1) break;
      wrapped = k === i || (k === i + 1 && text[i] === '\r');
      k++;
      // Reply quoting: "> ", ">> ", "> > " at the start of the continued line.
      while (k < text.length && k - i <= MAX_SEPARATOR && (text[k] === '>' || text[k] === ' ')) k++;
      continue;
    }
    if (ch === '&') {
      const ahead = text.slice(k, k + 10).toLowerCase();
      const entity = ENTITY_SPACES.find((e) => ahead.startsWith(e));
      if (!entity) break;
      markup++;
      k += entity.length;
      continue;
    }
    if (ch === '<') {
      const tag = INLINE_TAG.exec(text.slice(k, k + 180));
      if (!tag) break;
      markup++;
      k += tag[0].length;
      continue;
    }
    break;
  }
  countWork(k - i + 1);
  if (k === i || k >= text.length || !isDigit(text.charCodeAt(k))) return { length: 0, loose: false, wrapped: false };
  return { length: k - i, loose: spaces > 0 || newline > 0 || markup > 0, wrapped: wrapped && spaces === 0 && punct === 0 && markup === 0 };
}

/** Layouts people actually type: one block, blocks of four with a short tail, Amex/Diners 4-6-5 and 4-6-4. */
function isLayout(lengths: readonly number[]): boolean {
  const count = lengths.length;
  if (count === 1) return true;
  if (count === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4)) return true;
  for (let k = 0; k < count - 1; k++) if (lengths[k] !== 4) return false;
  const last = lengths[count - 1]!;
  return last >= 1 && last <= 4;
}

/** The layout as written, or with the parts a hard line wrap cut apart joined again. */
function isCardLayout(groups: readonly DigitGroup[], from: number, to: number): boolean {
  const lengths: number[] = [];
  const joined: number[] = [];
  let anyWrap = false;
  for (let k = from; k <= to; k++) {
    const n = groups[k]!.digits.length;
    lengths.push(n);
    if (k > from && groups[k]!.wrappedBefore) { joined[joined.length - 1]! += n; anyWrap = true; } else joined.push(n);
  }
  return isLayout(lengths) || (anyWrap && isLayout(joined));
}

/** A run glued to letters or an identifier prefix ("INV-", "v4.", "+49 ") is not a card number. */
function runIsStandalone(text: string, start: number): boolean {
  if (isWordCharAt(text, start - 1)) return false;
  const before = text[start - 1];
  if (before === '+') return false;
  if ((before === '-' || before === '.' || before === '/' || before === '_') && isAlnumAt(text, start - 2)) return false;
  return true;
}

/**
 * The number may be glued to the next word ("4111…1111thanks", "…1111exp"), but not be part of an
 * identifier or a hex string ("…1111_backup", "…1111abc9", "…1111-x").
 */
function endIsStandalone(text: string, end: number): boolean {
  const after = text[end];
  if (after === undefined) return true;
  if (after === '_') return false;
  if ((after === '-' || after === '.') && isAlnumAt(text, end + 1)) return false;
  if (!isWordCharAt(text, end)) return true;
  let k = end;
  let nonHexLetter = false;
  while (k < text.length && k - end < 24 && /[A-Za-z]/u.test(text[k]!)) {
    if (!/[A-Fa-f]/u.test(text[k]!)) nonHexLetter = true;
    k++;
  }
  countWork(k - end + 1);
  return k > end && nonHexLetter && !isWordCharAt(text, k);
}

/** "Order number 4111…": the nearest label before the digits names another kind of number. */
function nonCardLabelIsNearest(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 32), start);
  countWork(before.length);
  let lastNonCard = -1;
  let lastCard = -1;
  for (const m of before.matchAll(NON_CARD_LABEL_ALL)) lastNonCard = m.index + m[0].length;
  if (lastNonCard < 0) return false;
  for (const m of before.matchAll(CARD_CONTEXT_ALL)) lastCard = m.index + m[0].length;
  return lastNonCard > lastCard;
}

function insideIban(text: string, start: number): boolean {
  return GROUPED_IBAN_BEFORE.test(text.slice(Math.max(0, start - 45), start));
}

/** Splits the text into runs of digit groups joined by separators; one pass, each character read a bounded number of times. */
/**
 * Splits the text into runs of digit groups joined by separators; one pass, each character read a bounded
 * number of times. Runs of fewer digits than the shortest card are dropped at once (most numbers in a
 * comment: dates, phones, order numbers).
 */
function digitRuns(text: string): DigitGroup[][] {
  const runs: DigitGroup[][] = [];
  let run: DigitGroup[] = [];
  let runDigits = 0;
  let i = 0;
  let loose = true;
  let wrapped = false;
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    countWork(i - start);
    run.push({ digits: text.slice(start, i), start, end: i, looseBefore: loose, wrappedBefore: wrapped });
    runDigits += i - start;
    const separator = separatorAt(text, i);
    if (separator.length > 0) {
      i += separator.length;
      loose = separator.loose;
      wrapped = separator.wrapped;
    } else {
      if (runDigits >= MIN_PAN) runs.push(run);
      run = [];
      runDigits = 0;
      loose = true;
      wrapped = false;
    }
  }
  if (run.length > 0 && runDigits >= MIN_PAN) runs.push(run);
  return runs;
}

interface CardMatch { from: number; to: number; digits: string; issuer: string }

/** The card starting at group `from`, longest first; undefined when none fits there. */
function cardAt(text: string, groups: readonly DigitGroup[], from: number): CardMatch | undefined {
  // Every layout starts with a group of four or is one block of 13-19 digits.
  const first = groups[from]!.digits.length;
  if (first !== 4 && (first < MIN_PAN || first > MAX_PAN) && !(groups[from + 1]?.wrappedBefore ?? false)) return undefined;
  const windows: Array<{ to: number; digits: string }> = [];
  let digits = '';
  for (let to = from; to < groups.length; to++) {
    const next = groups[to]!.digits;
    if (digits.length + next.length > MAX_PAN) break;
    digits += next;
    windows.push({ to, digits });
  }
  countWork(windows.length * 4 + 1);
  const last = windows[windows.length - 1];
  if (!last || last.digits.length < MIN_PAN) return undefined;
  // A remainder laid out like a card of a length its issuer uses is judged whole: a Luhn-invalid
  // 19-digit number is not a valid 16-digit card plus three stray digits, unless a CVV is named after it.
  const wholeRemainder = last.to === groups.length - 1;
  if (wholeRemainder && isCardLayout(groups, from, last.to) && identifyCardIssuer(last.digits) !== undefined) {
    const cvvFollows = CVV_AFTER.test(text.slice(groups[last.to]!.end, groups[last.to]!.end + 40));
    if (!cvvFollows || passesLuhn(last.digits)) {
      if (!passesLuhn(last.digits) || !endIsStandalone(text, groups[last.to]!.end)) return undefined;
      return { from, to: last.to, digits: last.digits, issuer: identifyCardIssuer(last.digits)! };
    }
  }
  for (let w = windows.length - 1; w >= 0; w--) {
    const { to, digits: candidate } = windows[w]!;
    if (candidate.length < MIN_PAN) break;
    countWork(to - from + 1);
    if (!isCardLayout(groups, from, to)) continue;
    if (to === groups.length - 1 && !endIsStandalone(text, groups[to]!.end)) continue;
    if (!passesLuhn(candidate)) continue;
    const issuer = identifyCardIssuer(candidate);
    if (issuer === undefined) continue;
    return { from, to, digits: candidate, issuer };
  }
  return undefined;
}

/**
 * C04: Luhn-valid card numbers (PANs) within known issuer ranges; the span covers only the number
 * (from its first digit to its last, with the separators between). Several cards in one run of
 * digits (two numbers one space apart) are each found.
 */
export function detectCardNumbers(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const groups of digitRuns(text)) {
    const runFindings: Finding[] = [];
    let leftoverLong = 0;
    let previousWasCard = false;
    let i = 0;
    while (i < groups.length) {
      const group = groups[i]!;
      const canStart = i === 0 ? runIsStandalone(text, group.start) : group.looseBefore || previousWasCard;
      const card = canStart ? cardAt(text, groups, i) : undefined;
      if (!card) {
        if (group.digits.length >= 5 || (group.digits.length === 4 && !previousWasCard)) leftoverLong += group.digits.length >= 5 ? 2 : 1;
        previousWasCard = false;
        i++;
        continue;
      }
      const start = group.start;
      const end = groups[card.to]!.end;
      const skip = insideIban(text, groups[0]!.start) || nonCardLabelIsNearest(text, start);
      if (!skip) {
        const context = text.slice(Math.max(0, start - 40), start);
        runFindings.push(makeFinding('card_number', card.issuer, start, end, CARD_CONTEXT.test(context) ? 0.99 : 0.93));
      }
      previousWasCard = true;
      i = card.to + 1;
    }
    // A card-like stretch inside a longer grouped number (tracking, bank reference) is not cut out of it,
    // unless the text around names a card.
    if (runFindings.length > 0 && leftoverLong >= 2) {
      const around = text.slice(Math.max(0, groups[0]!.start - 40), groups[0]!.start);
      if (!CARD_CONTEXT.test(around)) continue;
    }
    findings.push(...runFindings);
  }
  return findings;
}
