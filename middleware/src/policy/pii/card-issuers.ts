/** Card brands the detector recognises; the value is used as the finding subtype. */
export type CardIssuer = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro' | 'mir';

interface IssuerRange {
  issuer: CardIssuer;
  /** Inclusive numeric range over the first `prefixLength` digits. */
  prefixLength: number;
  from: number;
  to: number;
  lengths: readonly number[];
}

const RANGE_13_TO_19 = [13, 14, 15, 16, 17, 18, 19] as const;

// Ordered: the first matching range wins, so narrow ranges precede the broad Maestro ones.
// Ranges follow the published IIN tables (ISO/IEC 7812 registrations of each network).
const ISSUER_RANGES: readonly IssuerRange[] = [
  { issuer: 'amex', prefixLength: 2, from: 34, to: 34, lengths: [15] },
  { issuer: 'amex', prefixLength: 2, from: 37, to: 37, lengths: [15] },
  { issuer: 'visa', prefixLength: 1, from: 4, to: 4, lengths: [13, 16, 19] },
  { issuer: 'mastercard', prefixLength: 2, from: 51, to: 55, lengths: [16] },
  // Mir (NSPK, Russia): 2200-2204, 16-19 digits.
  { issuer: 'mir', prefixLength: 4, from: 2200, to: 2204, lengths: [16, 17, 18, 19] },
  { issuer: 'mastercard', prefixLength: 4, from: 2221, to: 2720, lengths: [16] },
  { issuer: 'discover', prefixLength: 4, from: 6011, to: 6011, lengths: [16, 17, 18, 19] },
  { issuer: 'discover', prefixLength: 3, from: 644, to: 649, lengths: [16, 17, 18, 19] },
  { issuer: 'discover', prefixLength: 2, from: 65, to: 65, lengths: [16, 17, 18, 19] },
  { issuer: 'jcb', prefixLength: 4, from: 3528, to: 3589, lengths: [16, 17, 18, 19] },
  { issuer: 'diners', prefixLength: 3, from: 300, to: 305, lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'diners', prefixLength: 2, from: 36, to: 36, lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'diners', prefixLength: 2, from: 38, to: 38, lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'unionpay', prefixLength: 2, from: 62, to: 62, lengths: [16, 17, 18, 19] },
  { issuer: 'maestro', prefixLength: 2, from: 50, to: 50, lengths: RANGE_13_TO_19 },
  { issuer: 'maestro', prefixLength: 2, from: 56, to: 69, lengths: RANGE_13_TO_19 },
];

const POWERS = [1, 10, 100, 1000, 10000];

/** The card brand whose issuer range and length fit these digits, or undefined. */
export function identifyCardIssuer(digits: string): CardIssuer | undefined {
  // The first four digits as a number once; shorter prefixes are divisions of it (this runs for every long digit run).
  return issuerForPrefix(Number(digits.slice(0, 4)), digits.length);
}

/** `identifyCardIssuer` from the number's first four digits (as a number) and its length. */
export function issuerForPrefix(first4: number, length: number): CardIssuer | undefined {
  for (const range of ISSUER_RANGES) {
    if (!range.lengths.includes(length)) continue;
    const prefix = Math.floor(first4 / POWERS[4 - range.prefixLength]!);
    if (prefix >= range.from && prefix <= range.to) return range.issuer;
  }
  return undefined;
}
