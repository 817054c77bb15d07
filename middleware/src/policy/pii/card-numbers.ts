import { identifyCardIssuer } from './card-issuers.js';
import { makeFinding, type Finding } from './finding.js';
import { passesLuhn } from './luhn.js';
import { isAlnumAt, isWordCharAt } from './text-boundaries.js';

// A run of digit groups joined by single separators (space, no-break space or dash). Runs are taken
// whole so that a card-like stretch inside a longer run (IBAN, tracking number) is never cut out.
const DIGIT_RUN = /\d+(?:[ \u00a0-]\d+)*/g;
const CARD_CONTEXT = /(?:card|karte|карт|carte|tarjeta|cart[aã]o|karta|visa|master|amex|cc|pan|kredit|credit|debit)/iu;

// "… 4111 1111 1111 1111 123 is my card and cvv": the trailing group is the security code.
const CVV_AFTER = /\b(?:cvv2?|cvc2?|cvn|csc|cid|security code|prüfnummer|sicherheitscode|код)\b/iu;
// Barcodes and book numbers share the digit shapes of card numbers (EAN-13 starting 40-44 is common).
const PRODUCT_CODE_BEFORE = /\b(?:ean|gtin|upc|isbn|issn|barcode|strichcode|sku|artikelnummer|art\.-?nr)\b[^\d\n]{0,12}$/iu;

interface DigitGroup { digits: string; start: number; end: number; separatorBefore: string }

function splitGroups(run: string, offset: number): DigitGroup[] {
  const groups: DigitGroup[] = [];
  const groupPattern = /\d+/g;
  let match: RegExpExecArray | null;
  while ((match = groupPattern.exec(run)) !== null) {
    const start = offset + match.index;
    groups.push({
      digits: match[0],
      start,
      end: start + match[0].length,
      separatorBefore: match.index > 0 ? run[match.index - 1] ?? '' : '',
    });
  }
  return groups;
}

/** Layouts people actually type: one block, blocks of four with a short tail, Amex/Diners 4-6-5 and 4-6-4. */
function isCardLayout(groups: readonly DigitGroup[]): boolean {
  if (groups.length === 1) return true;
  const lengths = groups.map((g) => g.digits.length);
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4)) return true;
  const last = lengths[lengths.length - 1] ?? 0;
  return lengths.slice(0, -1).every((n) => n === 4) && last >= 1 && last <= 4;
}

/** A run glued to letters or an identifier prefix ("INV-", "v4.", "+49 ") is not a card number. */
function runIsStandalone(text: string, start: number): boolean {
  if (isWordCharAt(text, start - 1)) return false;
  const before = text[start - 1];
  if (before === '+') return false;
  if ((before === '-' || before === '.' || before === '/' || before === '_') && isAlnumAt(text, start - 2)) return false;
  return true;
}

function candidateEndIsStandalone(text: string, end: number): boolean {
  if (isWordCharAt(text, end)) return false;
  const after = text[end];
  if ((after === '-' || after === '.' || after === '_') && isAlnumAt(text, end + 1)) return false;
  return true;
}

// IBAN printed in groups of four: "GB29 NWBK 6016 1331 9268 19" (ISO 13616); up to 34 characters.
const GROUPED_IBAN_BEFORE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -][A-Z0-9]{4}){0,7}[ -]$/u;

/** True when the digit run continues an IBAN whose country code and check digits come before it. */
function insideIban(text: string, runStart: number): boolean {
  return GROUPED_IBAN_BEFORE.test(text.slice(Math.max(0, runStart - 45), runStart));
}

/** C04: Luhn-valid card numbers (PANs) within known issuer ranges; the span covers only the number. */
export function detectCardNumbers(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(DIGIT_RUN)) {
    let groups = splitGroups(match[0], match.index);
    // "mc2 5555…": a digit glued to a word is that word's, not the start of the card; drop it when a space follows.
    while (groups.length > 1 && isWordCharAt(text, (groups[0]?.start ?? 0) - 1) && groups[1]?.separatorBefore !== '-') {
      groups = groups.slice(1);
    }
    const first = groups[0];
    const lastGroup = groups[groups.length - 1];
    if (!first || !lastGroup) continue;
    const runStart = first.start;
    const runEnd = lastGroup.end;
    if (groups.reduce((n, g) => n + g.digits.length, 0) < 13) continue;
    if (!runIsStandalone(text, runStart)) continue;
    if (PRODUCT_CODE_BEFORE.test(text.slice(Math.max(0, runStart - 25), runStart))) continue;
    // "4111 1111 1111 1111 12/26": a short group right before a slash is the expiry month, not the PAN.
    if (groups.length > 1 && lastGroup.digits.length <= 2 && text[runEnd] === '/') groups = groups.slice(0, -1);
    const whole = groups.map((g) => g.digits).join('');
    // A run laid out like a card of a length its issuer uses is judged whole: a Luhn-invalid 19-digit number
    // is not a valid 16-digit card plus three stray digits. Otherwise the number is the run's first groups and
    // what follows may be an expiry or CVV typed after it ("5500 0000 0000 0004 123").
    const cvvFollows = CVV_AFTER.test(text.slice(runEnd, runEnd + 40));
    const judgedWhole = isCardLayout(groups) && identifyCardIssuer(whole) !== undefined && !(cvvFollows && !passesLuhn(whole));
    for (let count = groups.length; count >= (judgedWhole ? groups.length : 1); count--) {
      const candidate = groups.slice(0, count);
      const digits = candidate.map((g) => g.digits).join('');
      if (digits.length < 13 || digits.length > 19) continue;
      if (!isCardLayout(candidate)) continue;
      const end = candidate[candidate.length - 1]?.end ?? runStart;
      if (count === groups.length && !candidateEndIsStandalone(text, end)) continue;
      if (!passesLuhn(digits)) continue;
      const issuer = identifyCardIssuer(digits);
      if (issuer === undefined) continue;
      if (insideIban(text, runStart)) break;
      const context = text.slice(Math.max(0, runStart - 40), runStart);
      const confidence = CARD_CONTEXT.test(context) ? 0.99 : 0.93;
      findings.push(makeFinding('card_number', issuer, runStart, end, confidence));
      break;
    }
  }
  return findings;
}
