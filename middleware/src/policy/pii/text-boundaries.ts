import { countWork } from './scan-work.js';

/**
 * Whether each UTF-16 code unit is a letter or digit in any script, as /[\p{L}\p{N}]/u tests it on that unit alone,
 * computed once at load: these tests run for most candidates of every detector, and a table read costs far less
 * than a one-character string and a regex call. One replace over every code unit outside the surrogate range (a
 * lone surrogate is neither) marks the others with NUL, which is neither itself.
 */
const ALNUM = new Uint8Array(65536);
{
  const units = new Uint16Array(65535);
  for (let i = 0; i < units.length; i++) units[i] = i + 1 >= 0xd800 && i + 1 <= 0xdfff ? 0 : i + 1;
  const marked = new TextDecoder('utf-16le').decode(units).replace(/[^\p{L}\p{N}]/gu, '\u0000');
  for (let i = 0; i < marked.length; i++) ALNUM[i + 1] = marked.charCodeAt(i) === 0 ? 0 : 1;
}

/** True when the code unit is a letter or digit in any script ([\p{L}\p{N}]). */
export function isAlnumCode(code: number): boolean {
  return ALNUM[code] === 1;
}

/** True when the UTF-16 unit at `index` is a letter, digit or underscore (in any script). */
export function isWordCharAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  return ALNUM[code] === 1 || code === 95;
}

/** True when the UTF-16 unit at `index` is a letter or digit (in any script). */
export function isAlnumAt(text: string, index: number): boolean {
  return index >= 0 && index < text.length && ALNUM[text.charCodeAt(index)] === 1;
}

/** Zendesk replaces redacted characters with U+2587; we also honour the usual textual markers. */
const REDACTION_MARKER = /\u2587|\[(?:redacted|removed|hidden|entfernt|удалено)\]/iu;

/** True when the span already carries a redaction marker, so it must not be reported again. */
/** Whether a code unit is what \s matches (white space and line terminators; the same with or without the u flag). */
export function isRegExpSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** The start of the line holding `at`, looked for at most `limit` units back (work counted): lineEndFrom's counterpart. */
export function lineStartBefore(text: string, at: number, limit: number): number {
  let k = at;
  while (k > 0 && at - k < limit && text.charCodeAt(k - 1) !== 10) k--;
  countWork(at - k + 1);
  return k;
}

/** The end of the line holding `at` (its "\n" or the text's end), looked for at most `limit` units on (counted as work). */
export function lineEndFrom(text: string, at: number, limit: number): number {
  let k = at;
  while (k < text.length && k - at < limit && text.charCodeAt(k) !== 10) k++;
  countWork(k - at + 1);
  return k;
}

/** A token read out of prose without the sentence's punctuation after it (".", ",", ";", ":", ")"). */
export function withoutTrailingPunctuation(token: string): string {
  let end = token.length;
  while (end > 0 && '.,;:)'.includes(token[end - 1]!)) end--;
  return token.slice(0, end);
}

export function isAlreadyRedacted(value: string): boolean {
  return REDACTION_MARKER.test(value) || /^(?:redacted|\*{3,}|•{3,}|●{3,}|x{4,}|X{4,})$/u.test(value);
}
