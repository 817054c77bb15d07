const WORD_CHAR = /[\p{L}\p{N}_]/u;
const ALNUM_CHAR = /[\p{L}\p{N}]/u;

/** True when the UTF-16 unit at `index` is a letter, digit or underscore (in any script). */
export function isWordCharAt(text: string, index: number): boolean {
  const ch = text[index];
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** True when the UTF-16 unit at `index` is a letter or digit (in any script). */
export function isAlnumAt(text: string, index: number): boolean {
  const ch = text[index];
  return ch !== undefined && ALNUM_CHAR.test(ch);
}

/** Zendesk replaces redacted characters with U+2587; we also honour the usual textual markers. */
const REDACTION_MARKER = /\u2587|\[(?:redacted|removed|hidden|entfernt|удалено)\]/iu;

/** True when the span already carries a redaction marker, so it must not be reported again. */
export function isAlreadyRedacted(value: string): boolean {
  return REDACTION_MARKER.test(value) || /^(?:redacted|\*{3,}|•{3,}|●{3,}|x{4,}|X{4,})$/u.test(value);
}
