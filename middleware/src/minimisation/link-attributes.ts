/**
 * Links and images carry data outside the comment's text: `href="ftp://admin:S3cret@host"`,
 * `src="https://…?card=4111…"`. Zendesk's comment_redactions endpoint removes such an element when its
 * tag has a `redact` attribute ("To redact HTML elements such inline images, anchor tags, and links,
 * add the `redact` tag attribute to the element";
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/#redact-ticket-comment-in-agent-workspace).
 */
import type { Finding } from '../policy/pii/index.js';

/** One `href`/`src` value of an `<a>`/`<img>` tag, placed in the attribute text that gets scanned. */
interface LinkAttribute {
  /** Position of the tag among the `<a>`/`<img>` tags of the html_body (0-based). */
  tagIndex: number;
  textStart: number;
  textEnd: number;
}

/** The scannable text of a comment's link and image attributes (values decoded, one per line), and where each came from. */
export interface LinkAttributeText {
  text: string;
  attributes: LinkAttribute[];
}

// Bounded: a tag longer than this is not a link a mail client wrote, and its scan would be unbounded.
const LINK_TAG = /<(?:a|img)\b[^<>]{0,8192}>/giu;
const URL_ATTRIBUTE = /\s(?:href|src)\s{0,4}=\s{0,4}(?:"([^"]{0,8192})"|'([^']{0,8192})'|([^\s"'>]{1,8192}))/giu;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(value: string): string {
  return value.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/giu, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16) || 0xfffd);
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)) || 0xfffd);
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function linkAttributeText(html: string): LinkAttributeText {
  const attributes: LinkAttribute[] = [];
  let text = '';
  let tagIndex = 0;
  for (const tag of html.matchAll(LINK_TAG)) {
    for (const attr of tag[0].matchAll(URL_ATTRIBUTE)) {
      const value = decodeEntities(attr[1] ?? attr[2] ?? attr[3] ?? '');
      if (value.length === 0) continue;
      attributes.push({ tagIndex, textStart: text.length, textEnd: text.length + value.length });
      text += `${value}\n`;
    }
    tagIndex++;
  }
  return { text, attributes };
}

/** Indices of the link/image tags whose attribute values hold a finding. */
export function tagsHoldingFindings(attributes: LinkAttributeText, findings: readonly Finding[]): Set<number> {
  const tags = new Set<number>();
  for (const f of findings) {
    for (const a of attributes.attributes) if (f.start < a.textEnd && a.textStart < f.end) tags.add(a.tagIndex);
  }
  return tags;
}

/** Adds the `redact` attribute to the given `<a>`/`<img>` tags (counted as linkAttributeText counts them). */
export function markTagsForRedaction(html: string, tagIndices: ReadonlySet<number>): string {
  if (tagIndices.size === 0) return html;
  let tagIndex = 0;
  return html.replace(LINK_TAG, (tag) => {
    const marked = tagIndices.has(tagIndex++);
    if (!marked || /\sredact(?=[\s/>=])/iu.test(tag)) return tag;
    return tag.endsWith('/>') ? `${tag.slice(0, -2)} redact/>` : `${tag.slice(0, -1)} redact>`;
  });
}
