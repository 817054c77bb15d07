import { AnchorGroup, registerAnchor, type Anchors } from './anchors.js';
import { detectCardNumbers } from './card-numbers.js';
import { makeFinding, type Finding } from './finding.js';
import { countWork } from './scan-work.js';

/*
 * C04, card round c5: card numbers written in forms the digit scanner of card-numbers.ts does not read, found by
 * rewriting them into ASCII digits in a copy of the text and running detectCardNumbers on that copy (its spans mapped
 * back to the original text). Kept apart from card-numbers.ts so its hot loops stay as they are:
 *
 * - digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali and the other decimal scripts of the BMP);
 * - bidi marks (LRM, RLM, ALM, embeddings, overrides, isolates) inside or around a number, dropped;
 * - digits written as numeric character references ("&#52;", "&#x34;");
 * and, only in a text that names a card (CARD_WORDS):
 * - digits written as number words in the desks' languages ("four one one one …", "vier eins eins …"), four or more
 *   in a row, taken as a card only with a card word shortly before them;
 * - chat and call transcripts: the time stamp and speaker prefix of a line that opens with digits is dropped, so the
 *   speaker ("Customer:", "Klant:") does not read as the label of another number and a number sent in several
 *   messages by one speaker joins over the line breaks;
 * - "*", "~", ":", "∙", "⋅", "・", "‧" between groups of four digits, read as a listing separator (a card word must
 *   name the number, as for " | " and "•").
 *
 * Each family is looked for only after a cheap test says the text can hold it (one character-class regex, a substring
 * test, one scan for card words), so a comment that holds none costs a few scans and no copy. Everything is linear: each
 * family is one left-to-right pass, lookbacks are bounded, and the copy is built once.
 */

/** Zero of every decimal-digit block of the BMP besides ASCII and full-width (those card-numbers.ts reads). */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50,
  0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0,
  0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0];
/** Value + 1 of each such digit by UTF-16 code unit (0: not one). */
const OTHER_DIGIT_VALUE = (() => {
  const table = new Uint8Array(0x10000);
  for (const zero of DIGIT_ZEROS) for (let d = 0; d < 10; d++) table[zero + d] = d + 1;
  return table;
})();
const RANGES = DIGIT_ZEROS.map((z) => `\\u${z.toString(16).padStart(4, '0')}-\\u${(z + 9).toString(16).padStart(4, '0')}`).join('');
/**
 * The cheap test for the digits of other scripts and for bidi marks together: one character class of a few coarse ranges
 * (the blocks of those scripts, so Arabic or Hindi text passes it too and is then tested exactly), no Unicode flag: a
 * class of few ranges is scanned far faster than the exact one of 35 ranges.
 */
const OTHER_DIGIT_OR_BIDI = /[\u0660-\u06f9\u07c0-\u0f29\u1040-\u1c59\u200e\u200f\u202a-\u202e\u2066-\u2069\ua620-\uabf9]/;
const OTHER_DIGIT = new RegExp(`[${RANGES}]`);

/** Bidi formatting characters: LRM, RLM, ALM, embeddings and overrides, isolates. */
const BIDI_MARK = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;

/** A numeric character reference to an ASCII digit ("&#52;", "&#x34;", "&#0052;"). */
const DIGIT_REFERENCE = /&#(?:[xX]0{0,4}3([0-9])|0{0,4}(4[89]|5[0-7]));/g;

/**
 * The cheap test (and the windows) for the families that need a card named in the text (number words, odd separators, chat
 * transcripts): a card word, in the few spellings that cover SPOKEN_CARD_WORD (card, Karte, kaart, karta, карта,
 * tarjeta, cartão, carte, Mastercard, Visa, credit, Kredit; not the "cart" of shop URLs and logs); literal alternatives without the case-insensitive flag,
 * which the regex engine scans about twice as fast as the longer list of card-numbers.ts.
 */
const CARD_WORDS = /[cC][aA][rR][dD]|[cC]art[aeãAE]|[kK]a?a[rR][tT]|KA?ART|[кК][аА][рР][тТ]|[tT]arjeta|[vV]isa|VISA|[cCkK]redit/g;
// Within detectSensitiveData the anchor pass finds where CARD_WORDS can match (its alternatives, folded), and the
// sticky copy decides there: no second scan of the whole comment.
const CARD_WORD_AT = new RegExp(CARD_WORDS.source, 'y');
for (const word of ['card', 'carta', 'carte', 'cartã', 'kart', 'kaart', 'карт', 'tarjeta', 'visa', 'credit', 'kredit']) registerAnchor(word, AnchorGroup.CardWord, false);

/**
 * Round c15c: a percent-encoded colon and space ("%3A%20") before digits, in a mailto link's or a form's query
 * ("body=Cart%C3%A3o%3A%204111…", "Numero%20carta%3A%20…"): the label before it is decoded in the copy, so its card word
 * names the digits as it would in plain text. Anchored at the literal (tag ENCODED_LABEL_END_TAG of the card words).
 */
const ENCODED_LABEL_END = '%3a%20';
const ENCODED_LABEL_END_TAG = 1;
registerAnchor(ENCODED_LABEL_END, AnchorGroup.CardWord, false, ENCODED_LABEL_END_TAG);
/** Where a query parameter's value starts: after "=", "?", "&" or a quote, blank or ">" (read back at most 60 units). */
const PARAMETER_START = new Set([61, 63, 38, 34, 39, 62, 32, 10, 13, 9, 58]);

function encodedLabelEdits(text: string, anchors: Anchors | undefined, edits: Edit[]): void {
  const ends: number[] = [];
  if (anchors !== undefined) {
    const positions = anchors.positions[AnchorGroup.CardWord]!;
    const tags = anchors.tags[AnchorGroup.CardWord]!;
    for (let k = 0; k < positions.length; k++) if (tags[k] === ENCODED_LABEL_END_TAG) ends.push(positions[k]!);
  } else {
    const lower = text.includes('%3A%20') || text.includes('%3a%20') ? text.toLowerCase() : '';
    for (let at = lower.indexOf(ENCODED_LABEL_END); at >= 0; at = lower.indexOf(ENCODED_LABEL_END, at + 6)) ends.push(at);
  }
  for (const at of ends) {
    const end = at + ENCODED_LABEL_END.length;
    if (!isDigitCode(text.charCodeAt(end))) continue;
    let start = at;
    while (start > 0 && at - start < 60 && !PARAMETER_START.has(text.charCodeAt(start - 1))) start--;
    countWork(end - start + 1);
    let decoded: string;
    try { decoded = decodeURIComponent(text.slice(start, end)); } catch { continue; }
    edits.push({ start, end, by: decoded });
  }
}

/** The CARD_WORDS matches a global scan would find in order (non-overlapping), from the anchors when there are any. */
class CardWords {
  private k = 0;
  private resumeAt = 0;
  constructor(private readonly text: string, private readonly starts: readonly number[] | undefined) {
    CARD_WORDS.lastIndex = 0;
  }

  next(): RegExpExecArray | null {
    if (this.starts === undefined) return CARD_WORDS.exec(this.text);
    for (; this.k < this.starts.length; this.k++) {
      const at = this.starts[this.k]!;
      if (at < this.resumeAt) continue;
      CARD_WORD_AT.lastIndex = at;
      const m = CARD_WORD_AT.exec(this.text);
      countWork(1);
      if (m === null) continue;
      this.resumeAt = at + m[0].length;
      this.k++;
      return m;
    }
    return null;
  }
}
/** The window around each card word in which those families are looked for: the card word comes before the number. */
const WINDOW_BEFORE = 60;
const WINDOW_AFTER = 400;

/**
 * Number words 0-9 in en/de/fr/es/it/pt/nl/pl/ru/tr (with the spellings typed without diacritics, German "zwo" said on
 * the phone, Russian and Portuguese feminine forms); English "double"/"triple" before one of them.
 */
const NUMBER_WORDS: readonly (readonly string[])[] = [
  ['zero', 'null', 'zéro', 'cero', 'nul', 'ноль', 'нуль', 'sıfır', 'sifir'],
  ['one', 'eins', 'un', 'une', 'uno', 'una', 'um', 'uma', 'een', 'één', 'jeden', 'jedna', 'один', 'одна', 'bir'],
  ['two', 'zwei', 'zwo', 'deux', 'dos', 'due', 'dois', 'duas', 'twee', 'dwa', 'dwie', 'два', 'две', 'iki'],
  ['three', 'drei', 'trois', 'tres', 'tre', 'três', 'drie', 'trzy', 'три', 'üç', 'uc'],
  ['four', 'vier', 'quatre', 'cuatro', 'quattro', 'quatro', 'cztery', 'четыре', 'dört', 'dort'],
  ['five', 'fünf', 'fuenf', 'funf', 'cinq', 'cinco', 'cinque', 'vijf', 'pięć', 'piec', 'пять', 'beş', 'bes'],
  ['six', 'sechs', 'seis', 'sei', 'zes', 'sześć', 'szesc', 'шесть', 'altı', 'alti'],
  ['seven', 'sieben', 'sept', 'siete', 'sette', 'sete', 'zeven', 'siedem', 'семь', 'yedi'],
  ['eight', 'acht', 'huit', 'ocho', 'otto', 'oito', 'osiem', 'восемь', 'sekiz'],
  ['nine', 'neun', 'neuf', 'nueve', 'nove', 'negen', 'dziewięć', 'dziewiec', 'девять', 'dokuz'],
];
const WORD_VALUE = new Map<string, number>();
NUMBER_WORDS.forEach((words, value) => { for (const w of words) WORD_VALUE.set(w, value); });
/** Longest number word, in UTF-16 code units ("dziewięć", "quattro", "четыре"). */
const LONGEST_WORD = 9;
/** Characters that may stand between two number words of one run: spaces, ",", ".", dashes, "…"; at most five. */
const WORD_GAP = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of ' \t\n\r\u00a0,.-\u2013\u2014\u2026') table[c.charCodeAt(0)] = 1;
  return table;
})();
const MAX_WORD_GAP = 5;
/** Letters of the scripts the number words are written in (Latin with diacritics, Cyrillic), by UTF-16 code unit. */
const WORD_LETTER = (() => {
  const table = new Uint8Array(0x10000);
  for (let c = 0x41; c <= 0x5a; c++) { table[c] = 1; table[c + 32] = 1; }
  for (let c = 0xc0; c <= 0x24f; c++) if (c !== 0xd7 && c !== 0xf7) table[c] = 1;
  for (let c = 0x400; c <= 0x4ff; c++) table[c] = 1;
  return table;
})();
/** The number words by a hash of their lowercased code units (WORD_HASH_OF), to look a word up without a slice. */
const WORD_HASH_OF = (word: string): number => {
  let h = 0;
  for (let k = 0; k < word.length; k++) h = (Math.imul(h, 31) + lowerCode(word.charCodeAt(k))) | 0;
  return h;
};
const lowerCode = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c >= 0x410 && c <= 0x42f ? c + 32 : c);
const WORD_BY_HASH = (() => {
  const map = new Map<number, string>();
  for (const w of [...WORD_VALUE.keys(), 'double', 'triple']) map.set(WORD_HASH_OF(w), w);
  return map;
})();
/** The low 16 bits of those hashes, as a table: most words of a text are ruled out without the map. */
const WORD_HASH_BITS = (() => {
  const table = new Uint8Array(0x10000);
  for (const hash of WORD_BY_HASH.keys()) table[hash & 0xffff] = 1;
  return table;
})();

/** Where the number-word runs of the current text are (original spans, in order), for the card-word rule below. */
let WORD_RUNS: number[] = [];
let RUN_AT = 0;
/**
 * A card named in the conversation before a spelled-out number ("the card number?", "meine Karte ist", "Номер карты?"):
 * spoken digits are a card only then (read out, they are as often an order, a phone or a tracking number).
 */
const SPOKEN_CARD_WORD = /card|kart|карт|tarjeta|cart[aeã]|kaart|visa|kredit|credit/iu;
const SPOKEN_CARD_WINDOW = 160;

/** The value of the number word text[start, end) with hash `hash` (0-9), -1 when it is none; "double"/"triple" are -2/-3. */
function numberWordValue(text: string, start: number, end: number, hash: number): number {
  const length = end - start;
  if (length < 2 || length > LONGEST_WORD) return -1;
  if (WORD_HASH_BITS[hash & 0xffff] === 0) return -1;
  const candidate = WORD_BY_HASH.get(hash);
  if (candidate === undefined || candidate.length !== length) return -1;
  const word = text.slice(start, end).toLowerCase();
  if (word !== candidate) return -1;
  if (word === 'double') return -2;
  if (word === 'triple') return -3;
  return WORD_VALUE.get(word)!;
}

/**
 * Runs of four or more number words become digits, in one pass over the words of the text. The gap written most often
 * between the words of a run is the gap inside a group and is dropped; any other gap separates groups and becomes a
 * space ("four one one one, one one one one, …" → "4111 1111 …"); a run whose gaps are all alike becomes one block.
 * A run right after a transcript speaker ("Klant: vier een …") also drops the speaker's prefix (see chatEdits).
 */
function numberWordEdits(text: string, from: number, to: number, edits: Edit[]): void {
  const n = to;
  // The current run: word starts, ends and digits.
  const starts: number[] = [];
  const ends: number[] = [];
  const values: string[] = [];
  let repeat = 1;
  const flush = (): void => {
    // Called after every word that is not a number word: nothing to reset then, most of the time.
    if (starts.length === 0) return;
    if (starts.length >= 4) runEdits(text, starts, ends, values, edits);
    starts.length = 0; ends.length = 0; values.length = 0; repeat = 1;
  };
  let i = from;
  // A window starts mid-word: that word is not read.
  while (i < n && i > 0 && WORD_LETTER[text.charCodeAt(i)] === 1 && WORD_LETTER[text.charCodeAt(i - 1)] === 1) i++;
  while (i < n) {
    if (WORD_LETTER[text.charCodeAt(i)] === 0) { i++; continue; }
    const start = i;
    let hash = 0;
    for (let c = text.charCodeAt(i); i < n && WORD_LETTER[c] === 1; c = text.charCodeAt(++i)) hash = (Math.imul(hash, 31) + lowerCode(c)) | 0;
    const value = numberWordValue(text, start, i, hash);
    if (value === -1) { flush(); continue; }
    if (ends.length > 0) {
      // Only spaces, ",", ".", dashes or "…" between two words of a run, at most MAX_WORD_GAP of them.
      const lastEnd = ends[ends.length - 1]!;
      let joined = start - lastEnd <= MAX_WORD_GAP;
      for (let k = lastEnd; joined && k < start; k++) if (WORD_GAP[text.charCodeAt(k)] === 0) joined = false;
      if (!joined) flush();
    }
    const pending = values.length > 0 && values[values.length - 1] === '';
    if (value <= -2) {
      // "double"/"triple": a placeholder that the next digit word fills ("double four" → "44").
      if (pending) flush();
      starts.push(start); ends.push(i); values.push(''); repeat = -value;
      continue;
    }
    if (pending) {
      ends[ends.length - 1] = i;
      values[values.length - 1] = String(value).repeat(repeat);
      repeat = 1;
      continue;
    }
    starts.push(start); ends.push(i); values.push(String(value));
  }
  countWork(n - from);
  flush();
}

function runEdits(text: string, starts: number[], ends: number[], values: string[], edits: Edit[]): void {
  // A trailing "double" with no digit after it is not part of the run.
  while (values.length > 0 && values[values.length - 1] === '') { starts.pop(); ends.pop(); values.pop(); }
  if (values.length < 4) return;
  const gapCount = new Map<string, number>();
  for (let k = 1; k < starts.length; k++) {
    const gap = text.slice(ends[k - 1]!, starts[k]!);
    gapCount.set(gap, (gapCount.get(gap) ?? 0) + 1);
  }
  let inner = '';
  let most = 0;
  for (const [gap, count] of gapCount) if (count > most) { most = count; inner = gap; }
  const runStart = starts[0]!;
  WORD_RUNS.push(runStart, ends[ends.length - 1]!);
  speakerBefore(text, runStart, edits);
  for (let k = 0; k < starts.length; k++) {
    edits.push({ start: starts[k]!, end: ends[k]!, by: values[k]! });
    if (k + 1 < starts.length) edits.push({ start: ends[k]!, end: starts[k + 1]!, by: text.slice(ends[k]!, starts[k + 1]!) === inner ? '' : ' ' });
  }
  countWork(starts.length * 2);
}

/**
 * A chat line's prefix: an optional date and time stamp ("[10:42]", "(10:42:13 AM)", "[07/12/2026, 10:42:13]",
 * "07.12.26, 10:42 - "), then the speaker's name and a colon; or the name then the time in brackets. Group 1: the time
 * stamp, group 2: the name, group 3: a time stamp after the name.
 */
// Round c15c: quote markers before it ("> [22:54, 22.01.2026] Name: …" in a quoted reply), and WhatsApp's time before the
// date ("[22:54, 22.01.2026]").
const CHAT_PREFIX_AT = new RegExp('(?:[ \\t]{0,3}>)*[ \\t]{0,3}(\\[?(?:\\d{1,2}[./]\\d{1,2}[./]\\d{2,4},? ?)?\\d{1,2}:\\d{2}(?::\\d{2})?(?: ?[AaPp][Mm])?(?:, ?\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})?\\]? ?(?:- )?|' +
  '\\((?:\\d{1,2}[./]\\d{1,2}[./]\\d{2,4},? ?)?\\d{1,2}:\\d{2}(?::\\d{2})?(?: ?[AaPp][Mm])?\\) ?(?:- )?)?' +
  '(\\p{L}[\\p{L} .\'-]{0,30}?)( ?\\(\\d{1,2}:\\d{2}(?::\\d{2})?\\))? ?: ?', 'uy');
/**
 * Speakers of chat and call transcripts in the desks' languages. Several are also labels of other numbers ("Customer:
 * 12345" in a form): a line's prefix is read as a speaker only in a transcript (a time stamp before the name, or a
 * role speaker on another line too).
 */
const SPEAKER = /^(?:agent|agente|customer|visitor|operator|operatore|opérateur|support|client|cliente|kunde|kundin|mitarbeiter|berater|клиент|оператор|специалист|müşteri|musteri|temsilci|medewerker|klant|konsultant|klient|atendente|caller|anrufer|user|guest|gast|bot|me|you|conseiller|conseillère|asesor|utilisateur|usuario|utente|gebruiker|użytkownik|kullanıcı|пользователь|гость|invité|invitado|ospite|gość|misafir)$/u;
/** A line that opens with a role speaker and a colon (the transcript evidence). */
const ROLE_LINE = /(?:^|\n)[ \t]*(?:agent|agente|customer|visitor|operator|operatore|support|client|cliente|kunde|kundin|mitarbeiter|berater|клиент|оператор|специалист|müşteri|temsilci|medewerker|klant|konsultant|klient|atendente|caller|anrufer|conseiller|asesor|Agent|Agente|Customer|Visitor|Operator|Operatore|Support|Client|Cliente|Kunde|Kundin|Mitarbeiter|Berater|Клиент|Оператор|Специалист|Müşteri|Temsilci|Medewerker|Klant|Konsultant|Klient|Atendente|Caller|Anrufer|Conseiller|Asesor|AGENT|CUSTOMER) ?:/g;
/** ": " or ":" then a digit: where a transcript line may open with a number after its prefix. */
const COLON_DIGIT = /: ?(?=[0-9])/g;
/** Longest chat prefix read back from its colon. */
const MAX_PREFIX = 80;

/** The start of the line holding `k`, looked for at most MAX_PREFIX characters back (-1 when further). */
function lineStartBefore(text: string, k: number): number {
  let s = k;
  while (s > 0 && k - s < MAX_PREFIX && text.charCodeAt(s - 1) !== 10) s--;
  countWork(k - s + 1);
  return s === 0 || text.charCodeAt(s - 1) === 10 ? s : -1;
}

/** The speaker prefix at line start `s` ending exactly at `end`: [name, has a time stamp], or undefined. */
function prefixAt(text: string, s: number, end: number): [string, boolean] | undefined {
  CHAT_PREFIX_AT.lastIndex = s;
  const m = CHAT_PREFIX_AT.exec(text);
  if (m === null || CHAT_PREFIX_AT.lastIndex !== end) return undefined;
  return [m[2]!.trim().toLowerCase(), m[1] !== undefined || m[3] !== undefined];
}

/** A number-word run right after a role speaker's prefix: the prefix is dropped with it ("Klant: vier een …"). */
function speakerBefore(text: string, runStart: number, edits: Edit[]): void {
  // A prefix ends in ":" or ": " right before the run; most runs have none, and no line is read back.
  const colon = text.charCodeAt(runStart - 1) === 32 ? runStart - 2 : runStart - 1;
  if (text.charCodeAt(colon) !== 58) return;
  const s = lineStartBefore(text, runStart);
  if (s < 0) return;
  const prefix = prefixAt(text, s, runStart);
  if (prefix !== undefined && (prefix[1] || SPEAKER.test(prefix[0]))) edits.push({ start: s, end: runStart, by: '' });
}

/**
 * Chat and call transcripts: "[10:42] Customer: 4111 1111\n[10:43] Customer: 1111 1111". The speaker prefix of a line
 * that opens with digits is dropped in the copy, so the speaker's name does not read as the label of the number
 * ("Customer:", "Klant:" name other numbers in forms) and a number sent in several messages by one speaker joins over
 * the line break. After another speaker's digits a blank line is left instead, so their numbers never join. Only in a
 * transcript: the prefix has a time stamp, or a role speaker opens some line of the text.
 */
/** Whether the current text is a transcript (a role speaker opens two kinds of line): 0 not known yet, 1 yes, 2 no. */
let TRANSCRIPT = 0;

function chatEdits(text: string, part: string, offset: number, edits: Edit[]): void {
  let previousName = '';
  let previousLine = -1;
  COLON_DIGIT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COLON_DIGIT.exec(part)) !== null) {
    const colon = offset + m.index;
    const end = colon + m[0].length;
    countWork(m[0].length + 1);
    const s = lineStartBefore(text, colon);
    if (s < 0) continue;
    const prefix = prefixAt(text, s, end);
    if (prefix === undefined) continue;
    const [name, stamped] = prefix;
    if (!stamped) {
      if (!SPEAKER.test(name)) continue;
      if (TRANSCRIPT === 0) {
        ROLE_LINE.lastIndex = 0;
        let roles = 0;
        let first = '';
        let r: RegExpExecArray | null;
        while (roles < 2 && (r = ROLE_LINE.exec(text)) !== null) {
          const role = r[0].replace(/[\s:]/gu, '').toLowerCase();
          if (roles === 0) { first = role; roles = 1; } else if (role !== first) roles = 2;
        }
        countWork(text.length / 8);
        TRANSCRIPT = roles >= 2 ? 1 : 2;
      }
      if (TRANSCRIPT !== 1) continue;
    }
    // The line before ends in a digit: the same speaker goes on with the number; another speaker starts a new one.
    let e = s - 1;
    if (e > 0 && text.charCodeAt(e - 1) === 13) e--;
    const endsInDigit = e > 0 && isDigitCode(text.charCodeAt(e - 1));
    const previousStart = e > 0 ? lineStartBefore(text, e) : -1;
    const sameSpeaker = previousLine >= 0 && previousLine === previousStart && previousName === name;
    edits.push({ start: s, end, by: endsInDigit && !sameSpeaker ? '\n' : '' });
    previousName = name;
    previousLine = s;
  }
}
const isDigitCode = (c: number): boolean => (c >= 48 && c <= 57) || OTHER_DIGIT_VALUE[c]! !== 0;

/**
 * "*", "~", ":", "∙", "⋅", "・", "‧" between four digits and three or more (also " * " and the dots with spaces); not the
 * ":" of a log time stamp ("[22/Jun/2025:01:27:13"), which has two digits after it. The character first, the digits
 * before it in a lookbehind after it: with the lookbehind first the engine tried it at every position (measured on
 * ordinary 10 KB comments: ~90 µs per whole comment, ~10 µs this way; the same matches).
 */
const ODD_SEPARATOR = /[*~:\u2219\u22c5\u30fb\u2027](?<=[0-9]{4} ?.)(?= ?[0-9]{3})/g;

/** The edits of one text: replace text[start, end) by `by`; sorted by start, overlapping ones dropped when applied. */
interface Edit { start: number; end: number; by: string }

/**
 * Other-script digits as ASCII ones, and the Arabic thousands separator U+066C between two of them ("٤١١١٬١١١١…") as a
 * space: a copy of the same length.
 */
// ignoreBOM: a U+FEFF at the start is kept (decoded away it would shift every position by one).
const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
function withAsciiDigits(text: string): string {
  const n = text.length;
  countWork(n);
  // One pass over the code units into a typed array, decoded at once (a replace() callback per digit is ten times slower).
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const value = OTHER_DIGIT_VALUE[c]!;
    units[i] = value !== 0 ? 47 + value
      : c === 0x066c && OTHER_DIGIT_VALUE[text.charCodeAt(i - 1)] && OTHER_DIGIT_VALUE[text.charCodeAt(i + 1)] ? 32 : c;
  }
  return UTF16.decode(units);
}

function regexEdits(text: string, pattern: RegExp, by: (m: RegExpExecArray) => string, edits: Edit[], offset = 0): void {
  pattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text)) !== null) {
    countWork(m[0].length + 1);
    edits.push({ start: offset + m.index, end: offset + m.index + m[0].length, by: by(m) });
  }
}

/** The edits for every family the text can hold; undefined when it holds none (the common case). */
/** The text with other-script digits as ASCII ones (same length), set by collectEdits; the copy is built from it. */
let BASE = '';
/** Whether the text holds bidi marks, dropped while the copy is built; set by collectEdits. */
let DROP_BIDI = false;

function collectEdits(text: string, anchors: Anchors | undefined): Edit[] | undefined {
  const cardWordStarts = anchors?.positions[AnchorGroup.CardWord];
  const edits: Edit[] = [];
  BASE = text;
  DROP_BIDI = false;
  WORD_RUNS = [];
  RUN_AT = 0;
  TRANSCRIPT = 0;
  countWork(text.length / 8);
  if (OTHER_DIGIT_OR_BIDI.test(text)) {
    // One character for one: no edit per digit (a comment of Arabic-Indic digits would make one per character).
    if (OTHER_DIGIT.test(text)) BASE = withAsciiDigits(text);
    if (BIDI_MARK.test(text)) DROP_BIDI = true;
  }
  if (text.includes('&#')) regexEdits(text, DIGIT_REFERENCE, (m) => (m[1] ?? String(Number(m[2]) - 48)), edits);
  encodedLabelEdits(text, anchors, edits);
  // Number words, odd separators and transcripts: only in a text that names a card, in windows around the card words
  // (merged where they overlap; each character read once).
  const cardWords = new CardWords(text, cardWordStarts);
  let word = cardWords.next();
  if (word !== null) {
    const transcriptLike = text.includes('\n');
    while (word !== null) {
      const from = Math.max(0, word.index - WINDOW_BEFORE);
      let to = Math.min(text.length, word.index + WINDOW_AFTER);
      while ((word = cardWords.next()) !== null && word.index - WINDOW_BEFORE <= to) to = Math.min(text.length, word.index + WINDOW_AFTER);
      const part = BASE.slice(from, to);
      countWork(3 * (to - from));
      numberWordEdits(text, from, to, edits);
      regexEdits(part, ODD_SEPARATOR, () => '\u2022', edits, from);
      if (transcriptLike) chatEdits(text, part, from, edits);
    }
  }
  return edits.length > 0 || BASE !== text || DROP_BIDI ? edits : undefined;
}

/** The rewritten text, and for each of its characters the span of the original text it stands for. */
interface Rewritten { text: string; from: Int32Array; to: Int32Array }

/** Bidi formatting characters by UTF-16 code unit: dropped while the copy is built (no edit per mark). */
const BIDI = (() => {
  const table = new Uint8Array(0x10000);
  for (const c of '\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069') table[c.charCodeAt(0)] = 1;
  return table;
})();

/**
 * The copy: `text` with the edits applied (and bidi marks dropped when DROP_BIDI), written into a typed array with,
 * for each of its code units, the span of the original it stands for. Every edit is no longer than what it replaces,
 * so the copy is never longer than the text.
 */
function applyEdits(text: string, edits: Edit[]): Rewritten {
  // Most edit lists are in order already (one family, or windows in text order): sorted only when they are not.
  let ordered = true;
  for (let k = 1; k < edits.length && ordered; k++) if (edits[k]!.start < edits[k - 1]!.start) ordered = false;
  if (!ordered) edits.sort((a, b) => a.start - b.start || a.end - b.end);
  const n = text.length;
  const out = new Uint16Array(n);
  const from = new Int32Array(n + 1);
  const to = new Int32Array(n + 1);
  const dropBidi = DROP_BIDI;
  let j = 0;
  let i = 0;
  const copy = (until: number): void => {
    for (; i < until; i++) {
      const c = text.charCodeAt(i);
      if (dropBidi && BIDI[c] === 1) continue;
      out[j] = c; from[j] = i; to[j] = i + 1; j++;
    }
  };
  for (const edit of edits) {
    if (edit.start < i) continue; // overlaps an earlier edit
    copy(edit.start);
    for (let k = 0; k < edit.by.length; k++, j++) { out[j] = edit.by.charCodeAt(k); from[j] = edit.start; to[j] = edit.end; }
    i = edit.end;
  }
  copy(n);
  countWork(n + edits.length);
  return { text: UTF16.decode(out.subarray(0, j)), from, to };
}

/**
 * detectCardNumbers, plus the cards written in the forms above: the findings on the original text, and those found
 * on the rewritten copy that overlap none of them (spans mapped back to the original).
 */
export function detectCardNumbersInAnyForm(text: string, anchors?: Anchors): Finding[] {
  const direct = detectCardNumbers(text);
  const edits = collectEdits(text, anchors);
  if (edits === undefined) return direct;
  const rewritten = applyEdits(BASE, edits);
  const more = detectCardNumbers(rewritten.text);
  if (more.length === 0) return direct;
  const all = direct.slice();
  // Both lists are in text order: one pass keeps each rewritten finding that overlaps no direct one.
  let d = 0;
  for (const f of more) {
    const start = rewritten.from[f.start]!;
    const end = rewritten.to[f.end - 1]!;
    while (d < direct.length && direct[d]!.end <= start) d++;
    if (d < direct.length && direct[d]!.start < end) continue;
    if (spelledWithoutCardWord(text, start, end)) continue;
    all.push(makeFinding('card_number', f.subtype, start, end, f.confidence));
  }
  countWork(direct.length + more.length);
  return all.sort((a, b) => a.start - b.start);
}

/** Whether text[start, end) holds number words and no card word is named within SPOKEN_CARD_WINDOW characters before it. */
function spelledWithoutCardWord(text: string, start: number, end: number): boolean {
  // Findings come in text order, as the runs do: one pointer over the runs serves the whole scan.
  while (RUN_AT < WORD_RUNS.length && WORD_RUNS[RUN_AT + 1]! <= start) RUN_AT += 2;
  countWork(1);
  if (RUN_AT >= WORD_RUNS.length || WORD_RUNS[RUN_AT]! >= end) return false;
  countWork(SPOKEN_CARD_WINDOW);
  return !SPOKEN_CARD_WORD.test(text.slice(Math.max(0, start - SPOKEN_CARD_WINDOW), start));
}
