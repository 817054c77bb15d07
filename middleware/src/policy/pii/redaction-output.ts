import type { Finding } from './finding.js';

/** The character Zendesk puts in place of every redacted character. */
export const ZENDESK_REDACTION_CHAR = '\u2587';

function sortedNonOverlapping(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const result: Finding[] = [];
  for (const f of sorted) {
    const last = result[result.length - 1];
    if (last && f.start < last.end) {
      if (f.end > last.end) result[result.length - 1] = { ...last, end: f.end };
      continue;
    }
    result.push(f);
  }
  return result;
}

export interface RedactSpansOptions {
  /**
   * Text to put in place of each span. Default: one U+2587 per character, which is what Zendesk's
   * own redaction leaves behind, so the result has the same length as the input.
   */
  marker?: string;
}

/** Replaces every finding's span; overlapping spans are merged. Only `start`/`end` of findings are used. */
export function redactSpans(text: string, findings: readonly Finding[], options: RedactSpansOptions = {}): string {
  let out = '';
  let cursor = 0;
  for (const f of sortedNonOverlapping(findings)) {
    const start = Math.max(cursor, Math.min(f.start, text.length));
    const end = Math.min(f.end, text.length);
    if (end <= start) continue;
    out += text.slice(cursor, start);
    out += options.marker ?? ZENDESK_REDACTION_CHAR.repeat(end - start);
    cursor = end;
  }
  return out + text.slice(cursor);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * Builds the `html_body` for Zendesk's comment_redactions endpoint from a plain-text comment: the text is
 * HTML-escaped and every span is wrapped in `<redact>…</redact>`; newlines become `<br>`.
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#redact-ticket-comment-in-agent-workspace
 */
export function toRedactionHtml(text: string, findings: readonly Finding[]): string {
  const toHtml = (segment: string): string => escapeHtml(segment).replace(/\r?\n/g, '<br>');
  let out = '';
  let cursor = 0;
  for (const f of sortedNonOverlapping(findings)) {
    const start = Math.max(cursor, Math.min(f.start, text.length));
    const end = Math.min(f.end, text.length);
    if (end <= start) continue;
    out += toHtml(text.slice(cursor, start));
    out += `<redact>${toHtml(text.slice(start, end))}</redact>`;
    cursor = end;
  }
  return out + toHtml(text.slice(cursor));
}
