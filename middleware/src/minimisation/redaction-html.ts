import { toRedactionHtml, type Finding } from '../policy/pii/index.js';

/** One character of the comment's text as it appears in its HTML: where, and whether it is a tag (`<br>`). */
interface MappedChar {
  char: string;
  htmlStart: number;
  htmlEnd: number;
  isTag: boolean;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of `html` (tags dropped, `<br>` as a newline, entities decoded), each character mapped back to its HTML range. */
function mapHtmlText(html: string): MappedChar[] {
  const chars: MappedChar[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const close = html.indexOf('>', i);
      if (close < 0) break;
      if (/^<br\s*\/?>$/i.test(html.slice(i, close + 1))) chars.push({ char: '\n', htmlStart: i, htmlEnd: close + 1, isTag: true });
      i = close + 1;
      continue;
    }
    if (ch === '&') {
      const entity = /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.exec(html.slice(i, i + 12));
      if (entity) {
        const name = entity[1]!;
        const decoded = name.startsWith('#x') || name.startsWith('#X') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : ENTITIES[name.toLowerCase()];
        if (decoded !== undefined) {
          chars.push({ char: decoded, htmlStart: i, htmlEnd: i + entity[0].length, isTag: false });
          i += entity[0].length;
          continue;
        }
      }
    }
    chars.push({ char: ch, htmlStart: i, htmlEnd: i + 1, isTag: false });
    i += 1;
  }
  return chars;
}

/**
 * The comment's own `html_body` with `<redact>` tags around every finding, as the
 * comment_redactions endpoint expects ("the html_body of the comment containing <redact> tags";
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#redact-ticket-comment-in-agent-workspace).
 * Keeping the comment's markup means formatting outside the findings is left as it was. When a
 * finding cannot be located in the HTML (markup inside it), the body is rebuilt from the plain
 * text with `toRedactionHtml` instead.
 */
export function redactionHtmlFor(comment: { body: string; html_body?: string }, findings: readonly Finding[]): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start);
  if (comment.html_body === undefined) return toRedactionHtml(comment.body, sorted);
  const html = comment.html_body;
  const mapped = mapHtmlText(html);
  const text = mapped.map((c) => c.char).join('');
  // Indices into `mapped` are indices into `text` only while every mapped char is one UTF-16 unit.
  if (text.length !== mapped.length) return toRedactionHtml(comment.body, sorted);
  const ranges: Array<[number, number]> = [];
  let cursor = 0;
  for (const f of sorted) {
    const value = comment.body.slice(f.start, f.end);
    const at = text.indexOf(value, cursor);
    if (!value || at < 0) return toRedactionHtml(comment.body, sorted);
    ranges.push([at, at + value.length]);
    cursor = at + value.length;
  }
  let out = '';
  let htmlCursor = 0;
  for (const [from, to] of ranges) {
    // Wrap each run of text between tags separately, so no tag ends up inside <redact>.
    let runStart: number | undefined;
    const flush = (endIndex: number) => {
      if (runStart === undefined) return;
      const start = mapped[runStart]!.htmlStart;
      const end = mapped[endIndex - 1]!.htmlEnd;
      out += html.slice(htmlCursor, start) + `<redact>${html.slice(start, end)}</redact>`;
      htmlCursor = end;
      runStart = undefined;
    };
    for (let k = from; k < to; k++) {
      if (mapped[k]!.isTag) flush(k);
      else runStart ??= k;
    }
    flush(to);
  }
  return out + html.slice(htmlCursor);
}

/** The strings to hand to the legacy redact endpoint (one call each), when comment_redactions is unavailable. */
export function legacyRedactionTexts(body: string, findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => body.slice(f.start, f.end)).filter((t) => t.length > 0))];
}
