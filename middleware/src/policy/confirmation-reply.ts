/**
 * Reading a person's reply to a confirmation request (C20). Only a valid code confirms; this
 * module finds candidate codes and clear objections, nothing more. No I/O, no clock.
 */

/** Code alphabet without look-alikes (0/O, 1/I/L, 5/S, 8/B): people type it from an e-mail. */
export const CODE_ALPHABET = '234679ACDEFGHJKMNPQRTUVWXYZ';
/** Characters in a code; shown as two groups of four (`XXXX-XXXX`). */
export const CODE_LENGTH = 8;

/** Issued codes mix digits and letters, so an ordinary eight-letter word in a reply is never taken for one. */
export function hasDigitAndLetter(code: string): boolean {
  return /[0-9]/.test(code) && /[A-Z]/i.test(code);
}

/** `XXXX-XXXX` from eight code characters. */
export function formatConfirmationCode(raw: string): string {
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}`;
}

/** The canonical form a code is hashed in: upper case, no separators. Undefined when it cannot be a code. */
export function normaliseConfirmationCode(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== CODE_LENGTH) return undefined;
  for (const ch of compact) if (!CODE_ALPHABET.includes(ch)) return undefined;
  return compact;
}

const CODE_PATTERN = new RegExp(`(?<![A-Za-z0-9])([${CODE_ALPHABET}]{4})[\\s-]?([${CODE_ALPHABET}]{4})(?![A-Za-z0-9])`, 'gi');

/**
 * The person's own words: what precedes the quoted original (lines starting with `>`, or the
 * "On ... wrote:" header mail clients add), so our own message quoted back is never read as theirs.
 */
export function ownWordsOf(reply: string): string {
  const lines: string[] = [];
  for (const line of reply.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (/^>/.test(trimmed)) break;
    if (/^(on .{4,200} wrote:|am .{4,200} schrieb .{1,200}:|.{4,200} (написал|написала)\(?а?\)?:|-{2,}\s*original message\s*-{2,}|-{2,}\s*urspr[üu]ngliche nachricht\s*-{2,}|##- .* -##)$/i.test(trimmed)) break;
    lines.push(line);
  }
  return lines.join('\n');
}

/** Candidate codes in the person's own words, normalised (a code is only valid if its hash matches). */
export function confirmationCodesIn(reply: string): string[] {
  const found = new Set<string>();
  for (const match of ownWordsOf(reply).matchAll(CODE_PATTERN)) {
    const code = `${match[1]}${match[2]}`.toUpperCase();
    if (hasDigitAndLetter(code)) found.add(code);
  }
  return [...found];
}

// Wording that clearly says "no" in the locales the product writes (en, de, ru). Conservative on
// purpose: missing an objection only leaves the request waiting (nothing but a code confirms);
// these decide whether the request is cancelled and the person told so.
const OBJECTION_PATTERNS: readonly RegExp[] = [
  // English
  /\b(did ?n[o']?t|did not|never)\s+(make|send|submit|file|request|ask|sent|made|requested|asked)\b/i,
  /\b(do|does) ?n[o']?t\s+(delete|erase|remove|close|change|touch|proceed|process|do)\b/i,
  /\b(do not|don't|dont)\s+(delete|erase|remove|close|change|touch|proceed|process|do)\b/i,
  /\bnot (me|mine|my request)\b/i,
  /\b(cancel|withdraw|revoke|stop|abort)\b/i,
  /^\s*no\b/i,
  /\bwas(n't| not) me\b/i,
  // German
  /\bnicht\s+(l[öo]schen|entfernen|ändern|aendern|bearbeiten|durchf[üu]hren)\b/i,
  /\b(habe|hab)\s+(ich\s+)?(das|dies|diese anfrage|keine anfrage|nichts)\s*(nicht\s+)?(gestellt|angefragt|beantragt|geschickt|gesendet)\b/i,
  /\bnicht\s+(gestellt|beantragt|angefragt)\b/i,
  /\bkeine?n?\s+(anfrage|antrag)\s+gestellt\b/i,
  /\b(abbrechen|stornieren|widerrufen|zur[üu]ckziehen|stopp|stop)\b/i,
  /^\s*nein\b/i,
  /\bnicht ich\b/i,
  /\bwar ich nicht\b/i,
  // Russian (\b does not work for Cyrillic in JS regexps without the u+v flags; spaces and start of line stand in)
  /(^|[\s,.!])не\s+(удаляйте|удалять|удаляй|стирайте|меняйте|изменяйте|трогайте|делайте)/iu,
  /(^|[\s,.!])не\s+(отправлял|отправляла|делал|делала|подавал|подавала|просил|просила|запрашивал|запрашивала)/iu,
  /(^|[\s,.!])(отмените|отменить|отмена|отзываю|отозвать|прекратите|остановите)/iu,
  /^\s*нет([\s,.!]|$)/iu,
  /(^|[\s,.!])это не я/iu,
];

/** True when the person's own words clearly object to the request. */
export function isObjection(reply: string): boolean {
  const own = ownWordsOf(reply);
  return OBJECTION_PATTERNS.some((pattern) => pattern.test(own));
}

/** How a reply reads, before the code is checked against the stored hash. */
export type ReplyReading =
  | { kind: 'objection' }
  | { kind: 'ambiguous'; codes: string[] }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'nothing' };

/**
 * A reply that objects never confirms, even with a code in it (it then only cancels when it has
 * no code; with one, it is ambiguous and waits). A reply with codes is checked; anything else waits.
 */
export function readConfirmationReply(reply: string): ReplyReading {
  const codes = confirmationCodesIn(reply);
  const objection = isObjection(reply);
  if (objection && codes.length > 0) return { kind: 'ambiguous', codes };
  if (objection) return { kind: 'objection' };
  if (codes.length > 0) return { kind: 'codes', codes };
  return { kind: 'nothing' };
}
