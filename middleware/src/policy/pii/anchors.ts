import { countWork as countWorkImport } from './scan-work.js';
import { isAlnumCode as isAlnumCodeImport } from './text-boundaries.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;
const isAlnumCode = isAlnumCodeImport;

/**
 * One pass over a comment that finds where the credential and special-category detectors could match:
 * their label and keyword literals ("password", "пароль", "token", "mysql", "://", the literal start of
 * every special-category term …), case-insensitively. Each detector then runs its own (unchanged,
 * sticky) pattern only at those positions, instead of a case-insensitive Unicode pattern over the whole
 * comment each: about ten whole-text passes became this one.
 *
 * Soundness: a detector's anchors must include every position where its pattern can start. Literals are
 * compared after FOLD, which maps each code unit to what it matches under the `i` and `u` flags (lower
 * case, plus the few code units whose case folding is not their lower case, e.g. "ſ" matches "s").
 */

/** Which detector an anchor is for. */
export const AnchorGroup = {
  /** Password labels ("password", "kennwort", "пароль" …), only where no letter or digit precedes. */
  PasswordLabel: 0,
  /** "pass" and "pwd" anywhere (environment variables such as PGPASSWORD; config keys). */
  PasswordInside: 1,
  /** Words before a "user:secret" pair ("credentials", "login", "zugang" …), anywhere. */
  CredentialWord: 2,
  /** Commands that take a password argument (mysql, mariadb, sshpass, curl), anywhere. */
  PasswordCommand: 3,
  /** First words of secret labels ("api", "secret", "token", "client", "private" …), anywhere. */
  SecretLabel: 4,
  /** Literal starts of special-category terms ("chemo", "diagnosed with"), only where no letter or digit precedes; tagged with their lists. */
  SpecialTerm: 5,
  /** "://" (tag 1) and the panel and service words of the panel-login detector (tags 2 and up), anywhere. */
  HostWord: 6,
  /** "bearer", "authorization" and "eyj" (tags 0-2), anywhere. */
  AuthHeader: 7,
  /** "define", "htpasswd", "chpasswd", "secret" (tags 0-3), anywhere (config files and commands). */
  ConfigWord: 8,
  /** Vendor key prefixes ("akia", "ghp_", "sk_live_" …), anywhere; tagged with the vendor's index in api-keys.ts. */
  VendorPrefix: 9,
  /** An ASCII digit, ".", an ASCII digit ("1.2"): where a dotted quad's first dot can stand, anywhere. */
  DigitDotDigit: 10,
  /** Card words of card-number-forms.ts ("card", "karte", "карт", "visa" …), anywhere. */
  CardWord: 11,
  /** Words around a secret that name none (reset and change verbs, access and user words, mistyped labels), tagged with
   * their cue kind in token-scorer.ts, only where no letter or digit precedes. */
  ContextCue: 12,
} as const;
export type AnchorGroup = (typeof AnchorGroup)[keyof typeof AnchorGroup];
const GROUP_COUNT = 13;

/** Anchor positions per group, ascending; `tags` holds the registered tag of each (same order). */
export interface Anchors {
  readonly positions: readonly (readonly number[])[];
  readonly tags: readonly (readonly number[])[];
}

interface Entry {
  word: string;
  first: number;
  second: number;
  group: AnchorGroup;
  /** Only where the preceding code unit is not a letter or digit. */
  wordStart: boolean;
  tag: number;
}

// ---- case folding of one UTF-16 code unit, as the `iu` flags compare (for the letters the anchors use) ----
const FOLD_LIMIT = 0x0590;
const FOLD = new Uint16Array(FOLD_LIMIT);
for (let c = 0; c < FOLD_LIMIT; c++) {
  const lower = String.fromCharCode(c).toLowerCase();
  FOLD[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
}
FOLD[0x017f] = 0x73; // ſ folds to s
// Code units above FOLD_LIMIT whose case folding is a letter below it (found by testing every code unit
// against every anchor letter under /iu): Cyrillic small-letter variants, Kelvin sign, Angstrom sign, capital sharp s.
const CYRILLIC_VARIANTS = [0x0432, 0x0434, 0x043e, 0x0441, 0x0442, 0x0442, 0x044a, 0x0463];

function fold(code: number): number {
  if (code < FOLD_LIMIT) return FOLD[code]!;
  if (code >= 0x1c80 && code <= 0x1c87) return CYRILLIC_VARIANTS[code - 0x1c80]!;
  if (code === 0x212a) return 0x6b;
  if (code === 0x212b) return 0xe5;
  if (code === 0x1e9e) return 0xdf;
  return code;
}

// ---- the table of literals, keyed by their first two folded units and the class of the third ----
const ENTRIES: Entry[] = [];
const KEY_BITS = 16;
// Sparse: only the few hundred keys in use get a list.
const BUCKETS: (Entry[] | undefined)[] = new Array<Entry[] | undefined>(1 << KEY_BITS);
// One byte per key (64 KB): the test made at every code unit is a load and a compare. A bit per key (8 KB) needed a
// shift and a mask more and measured about 8% slower for the whole pass, on 2026-12-07 (the keys in use stay cached).
const HAS_KEY8 = new Uint8Array(1 << KEY_BITS);
// KEY_HAS_SHORT marks a key with a literal of two or three units in its bucket (they fit once the key does), in the
// same byte: one load fewer per probe than a table of its own. Where a key is set, literals of four or more units are
// looked at only if the fourth unit fits too (HAS_KEY4): most keys that match are common trigrams ("on " for
// "on parole", "ver" for "verurteilt").
const KEY_SET = 1;
const KEY_HAS_SHORT = 2;
const HAS_KEY4 = new Uint32Array((1 << KEY_BITS) >>> 5);
// Literals of five or more units also need their fifth unit to fit (HAS_KEY5, hashed with the first four): "the new
// one is" and "http-basic." made every "the " and every "http" a call to record, about fifty a comment.
const HAS_KEY4_ONLY = new Uint32Array((1 << KEY_BITS) >>> 5);
const HAS_KEY5 = new Uint32Array((1 << KEY_BITS) >>> 5);
const hasBit = (bits: Uint32Array, key: number): boolean => ((bits[key >>> 5]! >>> (key & 31)) & 1) === 1;
const setBit = (bits: Uint32Array, key: number): void => {
  bits[key >>> 5]! |= 1 << (key & 31);
};
function key4Of(key: number, fourth: number): number {
  return (key ^ (Math.imul(fourth + 1, 0x9e3779b1) >>> 16)) & 0xffff;
}
function key5Of(key4: number, fifth: number): number {
  return (Math.imul(key4 + 1, 0x85ebca6b) ^ Math.imul(fifth + 1, 0xc2b2ae35)) >>> 16;
}

/** The third code unit counts only as "some non-alphanumeric" (0) or itself, folded. */
function thirdClass(code: number): number {
  return isAlnumCode(code) ? fold(code) : 0;
}
/** The key of the first two folded units and the class of the third (a hash; a bucket may hold other literals). */
function keyOf(a: number, b: number, c: number): number {
  return ((a << 10) ^ (b << 5) ^ c) & 0xffff;
}

/** Registers a literal (lower case, at least two code units) as an anchor of a group. */
export function registerAnchor(word: string, group: AnchorGroup, wordStart: boolean, tag = 0): void {
  if (word.length < 2) throw new Error(`anchor literal needs two characters: ${word}`);
  if (word !== word.toLowerCase()) throw new Error(`anchor literal must be lower case: ${word}`);
  if (ENTRIES.some((e) => e.word === word && e.group === group && e.wordStart === wordStart && e.tag === tag)) return;
  const entry: Entry = { word, first: word.charCodeAt(0), second: word.charCodeAt(1), group, wordStart, tag };
  ENTRIES.push(entry);
  const key = keyOf(word.charCodeAt(0), word.charCodeAt(1), word.length > 2 ? thirdClass(word.charCodeAt(2)) : 0);
  (BUCKETS[key] ??= []).push(entry);
  HAS_KEY8[key]! |= KEY_SET;
  if (word.length < 4) HAS_KEY8[key]! |= KEY_HAS_SHORT;
  else if (word.length === 4) setBit(HAS_KEY4_ONLY, key4Of(key, word.charCodeAt(3)));
  else {
    const key4 = key4Of(key, word.charCodeAt(3));
    setBit(HAS_KEY4, key4);
    setBit(HAS_KEY5, key5Of(key4, word.charCodeAt(4)));
  }
}

function matchesAt(code: Uint16Array, n: number, at: number, word: string): boolean {
  if (at + word.length > n) return false;
  for (let j = 2; j < word.length; j++) if (PACKED[code[at + j]!]! >>> 16 !== word.charCodeAt(j)) return false;
  return true;
}

// FOLD (high 16 bits) and class (low 16 bits) of every code unit, computed once at load.
// Int32, not Uint32: a folded unit of 0x8000 or more would make the value exceed a small integer.
const PACKED = new Int32Array(65536);
for (let code = 0; code < 65536; code++) {
  const folded = fold(code);
  PACKED[code] = (folded << 16) | (isAlnumCode(code) ? folded : 0);
}

/** Records the literals of bucket `key` that stand at `at` (work counted: one step and each literal's length). */
function record(code: Uint16Array, n: number, at: number, key: number, first: number, second: number): void {
  let work = 0;
  // PACKED's low half (the class) is not 0 exactly for a letter or digit (isAlnumCode).
  const afterAlnum = at > 0 && (PACKED[code[at - 1]!]! & 0xffff) !== 0;
  const bucket = BUCKETS[key]!;
  for (let e = 0; e < bucket.length; e++) {
    const entry = bucket[e]!;
    if (entry.wordStart && afterAlnum) continue;
    if (entry.first !== first || entry.second !== second) continue;
    if (!matchesAt(code, n, at, entry.word)) continue;
    work += entry.word.length;
    const count = found[entry.group]!;
    foundPositions[entry.group]![count] = at;
    foundTags[entry.group]![count] = entry.tag;
    found[entry.group] = count + 1;
  }
  countWork(work + 1);
}

// The anchors of the scan under way, per group: the first found[g] entries of foundPositions[g] and foundTags[g].
// Kept between scans (up to KEPT_ANCHORS each) and copied out at the end by exact-length slices: growing fresh
// arrays by push, twice per anchor, allocated about 10 of the scan's 49 KB per ordinary comment (2026-12-07).
const found = new Int32Array(GROUP_COUNT);
const foundPositions: number[][] = Array.from({ length: GROUP_COUNT }, () => []);
const foundTags: number[][] = Array.from({ length: GROUP_COUNT }, () => []);
const KEPT_ANCHORS = 16 * 1024;

/** The anchors of every registered literal in `text`, one pass (counted as one step per code unit). */
export function findAnchors(text: string): Anchors {
  found.fill(0);
  countWork(text.length);
  scanText(text);
  const positions: number[][] = [];
  const tags: number[][] = [];
  for (let g = 0; g < GROUP_COUNT; g++) {
    positions.push(foundPositions[g]!.slice(0, found[g]!));
    tags.push(foundTags[g]!.slice(0, found[g]!));
    if (foundPositions[g]!.length > KEPT_ANCHORS) {
      foundPositions[g] = [];
      foundTags[g] = [];
    }
  }
  return { positions, tags };
}

/**
 * The code units of `text` in a Uint16Array (valid up to text.length), copied by Buffer#write (native, about 2 µs for
 * 10 KB; counted as one step per unit). Loops over it measured faster than the same loops over charCodeAt on the
 * ordinary comments, most of which are two-byte strings (scanText's about 7%, 2026-12-07). One array is kept between
 * scans and grown as needed, like resolveOverlaps' map, and holds the text asked for last: a caller reads it right
 * after asking, before anything else may ask for another text. Asked again for the same string (the detectors, after
 * findAnchors), it is not copied again.
 */
export function codeUnitsOf(text: string): Uint16Array {
  if (text === unitsText) return units;
  if (units.length < text.length) {
    units = new Uint16Array(Math.max(text.length, 2 * units.length));
    unitBytes = Buffer.from(units.buffer);
  }
  unitBytes.write(text, 0, 'utf16le');
  countWork(text.length);
  unitsText = text;
  return units;
}
let units = new Uint16Array(16 * 1024);
let unitBytes = Buffer.from(units.buffer);
let unitsText: string | undefined;

/**
 * The pass of findAnchors. Rolling over the text: the folded code units at i and i + 1; with the class (thirdClass)
 * of the unit at j = i + 2 the key of a literal that could start at i is complete. j = n stands for "nothing after"
 * (a literal of two, "pw", at the end). Nothing follows the loop, not even the result object: V8 optimises this
 * function while in the loop (on-stack replacement), and code after it with no type feedback yet (the object
 * literal findAnchors returns, when it stood here) made that optimised code bail out at the end of many calls.
 */
function scanText(text: string): void {
  const n = text.length;
  if (n < 2) return;
  const code = codeUnitsOf(text);
  // No literal starts before the text: the keys are complete from j = 2 on.
  let foldA = PACKED[code[0]!]! >>> 16;
  let foldB = PACKED[code[1]!]! >>> 16;
  for (let j = 2; j < n; j++) {
    const packed = PACKED[code[j]!]!;
    const key = ((foldA << 10) ^ (foldB << 5) ^ (packed & 0xffff)) & 0xffff;
    if (HAS_KEY8[key] !== 0) probe(code, n, j, key, foldA, foldB);
    foldA = foldB;
    foldB = packed >>> 16;
  }
  // j = n: a literal of two units ("pw") may end the text; nothing follows it (class 0).
  const key = ((foldA << 10) ^ (foldB << 5)) & 0xffff;
  if (HAS_KEY8[key] !== 0) probe(code, n, n, key, foldA, foldB);
}

/** The literals whose key is set where the third unit stands at j: their fourth and fifth units checked, then record. */
function probe(code: Uint16Array, n: number, j: number, key: number, foldA: number, foldB: number): void {
  let fits = (HAS_KEY8[key]! & KEY_HAS_SHORT) !== 0;
  if (!fits && j + 1 < n) {
    const key4 = key4Of(key, PACKED[code[j + 1]!]! >>> 16);
    fits = hasBit(HAS_KEY4_ONLY, key4) || (hasBit(HAS_KEY4, key4) && j + 2 < n && hasBit(HAS_KEY5, key5Of(key4, PACKED[code[j + 2]!]! >>> 16)));
  }
  if (fits) record(code, n, j - 2, key, foldA, foldB);
}

/** The index of the first of the ascending `positions` at or after `from` (their length if none): a binary search. */
export function firstAnchorAtOrAfter(positions: readonly number[], from: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  countWork(Math.ceil(Math.log2(positions.length + 1)) + 1);
  return lo;
}

/**
 * The matches a global scan with the sticky `pattern` would give, trying it only at `starts` (ascending,
 * duplicates allowed), which must include every position where it can match.
 */
export function matchesAtAnchors(text: string, pattern: RegExp, starts: readonly number[]): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  let resumeAt = 0;
  for (const start of starts) {
    if (start < resumeAt) continue;
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    countWork(match ? match[0].length : 1);
    resumeAt = start + 1;
    if (!match) continue;
    resumeAt = Math.max(resumeAt, match.index + match[0].length);
    matches.push(match);
  }
  return matches;
}
