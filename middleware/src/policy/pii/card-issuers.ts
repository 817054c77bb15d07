/** Card brands the detector recognises; the value is used as the finding subtype. */
export type CardIssuer = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro' | 'mir'
  | 'rupay' | 'troy' | 'uatp' | 'bccard' | 'humo' | 'borica';

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
  // Borica (Bulgaria): 2205, 16 digits.
  { issuer: 'borica', prefixLength: 4, from: 2205, to: 2205, lengths: [16] },
  { issuer: 'mastercard', prefixLength: 4, from: 2221, to: 2720, lengths: [16] },
  { issuer: 'discover', prefixLength: 4, from: 6011, to: 6011, lengths: [16, 17, 18, 19] },
  { issuer: 'discover', prefixLength: 3, from: 644, to: 649, lengths: [16, 17, 18, 19] },
  { issuer: 'discover', prefixLength: 2, from: 65, to: 65, lengths: [16, 17, 18, 19] },
  { issuer: 'jcb', prefixLength: 4, from: 3528, to: 3589, lengths: [16, 17, 18, 19] },
  { issuer: 'diners', prefixLength: 3, from: 300, to: 305, lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'diners', prefixLength: 2, from: 36, to: 36, lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'diners', prefixLength: 2, from: 38, to: 39, lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'diners', prefixLength: 4, from: 3095, to: 3095, lengths: [14, 15, 16, 17, 18, 19] },
  { issuer: 'unionpay', prefixLength: 2, from: 62, to: 62, lengths: [16, 17, 18, 19] },
  // RuPay (NPCI, India): 508, 81, 82 with 16 digits (its 60 and 65 ranges are read as Maestro and Discover).
  { issuer: 'rupay', prefixLength: 3, from: 508, to: 508, lengths: [16] },
  { issuer: 'rupay', prefixLength: 2, from: 81, to: 82, lengths: [16] },
  { issuer: 'maestro', prefixLength: 2, from: 50, to: 50, lengths: RANGE_13_TO_19 },
  { issuer: 'maestro', prefixLength: 2, from: 56, to: 69, lengths: RANGE_13_TO_19 },
  // UATP (airline cards): 1, 15 digits.
  { issuer: 'uatp', prefixLength: 1, from: 1, to: 1, lengths: [15] },
  // Troy (Turkey) 9792, Humo (Uzbekistan) 9860, BC Card (Korea) 94: 16 digits.
  { issuer: 'troy', prefixLength: 4, from: 9792, to: 9792, lengths: [16] },
  { issuer: 'humo', prefixLength: 4, from: 9860, to: 9860, lengths: [16] },
  { issuer: 'bccard', prefixLength: 2, from: 94, to: 94, lengths: [16] },
];

/**
 * Ranges so broad that an unlabelled number falls into them often (every 15-digit number starting with 1, a
 * tenth of the 16-digit numbers starting with 9, a fifth of those starting with 8): written as one block, such a
 * number is a card only when the text names a card or an expiry or security code follows.
 */
export const BROAD_RANGE_ISSUERS: ReadonlySet<CardIssuer> = new Set(['uatp', 'bccard', 'rupay']);

const POWERS = [1, 10, 100, 1000, 10000];

/** The card brand whose issuer range and length fit these digits, or undefined. */
export function identifyCardIssuer(digits: string): CardIssuer | undefined {
  // The first four digits as a number once; shorter prefixes are divisions of it (this runs for every long digit run).
  return issuerForPrefix(Number(digits.slice(0, 4)), digits.length);
}

/** `identifyCardIssuer` from the number's first four digits (as a number) and its length. */
export function issuerForPrefix(first4: number, length: number): CardIssuer | undefined {
  if (length < MIN_CACHED_LENGTH || length > MAX_CACHED_LENGTH || first4 < 0 || first4 > 9999) return issuerByRanges(first4, length);
  // Memoised per (first four digits, length): the detector asks for the same few prefixes over and over.
  const slot = first4 * CACHED_LENGTHS + (length - MIN_CACHED_LENGTH);
  let cached = ISSUER_CACHE[slot]!;
  if (cached === 0) {
    const issuer = issuerByRanges(first4, length);
    cached = issuer === undefined ? 1 : 2 + ISSUERS.indexOf(issuer);
    ISSUER_CACHE[slot] = cached;
  }
  return cached === 1 ? undefined : ISSUERS[cached - 2];
}

const MIN_CACHED_LENGTH = 12;
const MAX_CACHED_LENGTH = 19;
const CACHED_LENGTHS = MAX_CACHED_LENGTH - MIN_CACHED_LENGTH + 1;
/** 0: not looked up yet; 1: no issuer; 2 + k: ISSUERS[k]. */
const ISSUER_CACHE = new Uint8Array(10_000 * CACHED_LENGTHS);
const ISSUERS: readonly CardIssuer[] = [...new Set(ISSUER_RANGES.map((r) => r.issuer))];

function issuerByRanges(first4: number, length: number): CardIssuer | undefined {
  for (const range of ISSUER_RANGES) {
    if (!range.lengths.includes(length)) continue;
    const prefix = Math.floor(first4 / POWERS[4 - range.prefixLength]!);
    if (prefix >= range.from && prefix <= range.to) return range.issuer;
  }
  return undefined;
}
