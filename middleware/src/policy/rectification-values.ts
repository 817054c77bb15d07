/**
 * C23: the corrected values a person wrote in a rectification request ("Name: Jane Roe",
 * "E-mail: jane@example.com", "Phone: +44 20 7946 0000", "Company: Acme Ltd"), read from the text
 * of their own messages on the request ticket. Pure. Only `Label: value` lines are read; a value
 * that does not look like what its label says is ignored, so free prose ("please fix my name")
 * yields nothing and the request goes to an agent instead of a guess being written.
 */

/** The values a rectification can change. */
export interface RectificationChanges {
  name?: string;
  email?: string;
  phone?: string;
  company?: string;
}

const LABELS: ReadonlyArray<[keyof RectificationChanges, RegExp]> = [
  ['email', /^(?:e-?mail|e-?mail address|email-adresse|e-mail-adresse|почта|эл\.?\s*почта)$/iu],
  ['phone', /^(?:phone|phone number|telephone|mobile|tel\.?|telefon|телефон)$/iu],
  ['company', /^(?:company|organi[sz]ation|firma|unternehmen|компания|организация)$/iu],
  ['name', /^(?:name|full name|vollständiger name|имя|фио)$/iu],
];

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]{2,}$/u;
const PHONE = /^\+?[\d\s().\-/]{7,24}$/u;

function valueFor(field: keyof RectificationChanges, raw: string): string | undefined {
  const value = raw.trim().replace(/^["'<]+|["'>.]+$/gu, '').trim();
  if (value === '' || value.length > 200) return undefined;
  switch (field) {
    case 'email':
      return EMAIL.test(value) && value.length <= 254 ? value : undefined;
    case 'phone': {
      const digits = value.replace(/\D/gu, '');
      return PHONE.test(value) && digits.length >= 7 && digits.length <= 15 ? value : undefined;
    }
    case 'name':
      // A name has letters and no address or digits in it.
      return /\p{L}/u.test(value) && !/[@\d]/u.test(value) && value.length <= 100 ? value : undefined;
    case 'company':
      return /\p{L}|\d/u.test(value) ? value : undefined;
  }
}

/**
 * Reads `Label: value` lines (optionally "New"/"Correct" before the label, `:` or `=` between);
 * later lines win, so a follow-up message that corrects a typo counts.
 */
export function readRectificationValues(text: string): RectificationChanges {
  const changes: RectificationChanges = {};
  for (const line of text.split(/\r?\n/u)) {
    const match = /^\s*[-*•]?\s*(?:(?:my\s+)?(?:new|correct(?:ed)?|neue[rs]?|richtige[rs]?|новый|новое|новая)\s+)?([\p{L}. -]{2,30}?)\s*[:=]\s*(.+)$/iu.exec(line);
    if (!match) continue;
    const label = match[1]!.trim();
    const field = LABELS.find(([, pattern]) => pattern.test(label))?.[0];
    if (!field) continue;
    const value = valueFor(field, match[2]!);
    if (value !== undefined) changes[field] = value;
  }
  return changes;
}

/** True when nothing machine-readable was found. */
export function hasNoChanges(changes: RectificationChanges): boolean {
  return Object.values(changes).every((v) => v === undefined || v === '');
}
