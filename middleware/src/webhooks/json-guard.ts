/**
 * Checks on JSON text and values that must never recurse: a body nested 100,000 levels deep is
 * a few hundred kilobytes, and a recursive walk of it (a schema, a NUL scan, JSON.stringify)
 * overflows the stack, which Express answers as a 500. Both functions here use an explicit stack.
 */

/** How deep the product's payloads nest at most (Zendesk's and LiveChat's are under 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * True when the JSON text nests arrays or objects deeper than `limit`. Scans the text once,
 * skipping strings, without parsing it, so it can run before anything else looks at a body.
 */
export function nestsDeeperThan(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string with each unpaired UTF-16 surrogate replaced by U+FFFD (what a UTF-8 decoder shows). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** True when JSON text may carry a surrogate escape (`\uD800`-`\uDFFF`); raw UTF-8 cannot encode a lone one. */
export function mayCarrySurrogateEscape(text: string): boolean {
  return /\\u[dD][89a-fA-F]/.test(text);
}

/**
 * A copy of a parsed JSON value whose strings and keys are well-formed UTF-16. JSON allows
 * `"\ud800"`; PostgreSQL's jsonb refuses it, so an authentic delivery carrying one would fail to
 * store and be retried by the vendor forever. The text is kept, with U+FFFD in place of the half pair.
 */
export function withWellFormedText(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (value === null || typeof value !== 'object') return value;
  const root: { value: unknown } = { value: undefined };
  const stack: Array<{ source: unknown; assign: (copy: unknown) => void }> = [{ source: value, assign: (copy) => (root.value = copy) }];
  while (stack.length > 0) {
    const { source, assign } = stack.pop()!;
    if (typeof source === 'string') {
      assign(wellFormed(source));
    } else if (Array.isArray(source)) {
      const copy: unknown[] = new Array(source.length);
      assign(copy);
      source.forEach((item, index) => stack.push({ source: item, assign: (c) => (copy[index] = c) }));
    } else if (source !== null && typeof source === 'object') {
      const copy: Record<string, unknown> = {};
      assign(copy);
      for (const [key, item] of Object.entries(source)) {
        const safeKey = wellFormed(key);
        // defineProperty: a "__proto__" key stays a plain key, as JSON.parse made it.
        stack.push({ source: item, assign: (c) => Object.defineProperty(copy, safeKey, { value: c, enumerable: true, writable: true, configurable: true }) });
      }
    } else {
      assign(source);
    }
  }
  return root.value;
}
