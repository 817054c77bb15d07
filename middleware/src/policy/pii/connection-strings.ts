import { AnchorGroup, findAnchors, registerAnchor, type Anchors } from './anchors.js';
import { countWork as countWorkImport } from './scan-work.js';
import { makeFinding, type Finding } from './finding.js';
import { isAlreadyRedacted, isRegExpSpace as isRegExpSpaceImport } from './text-boundaries.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;
const isRegExpSpace = isRegExpSpaceImport;

// scheme://user:password@host — RFC 3986 userinfo; the password ends at the last "@" before the host.
// Read from each "://": the scheme is checked backwards in code (a leading scheme pattern is tried at every
// letter of the comment and cost more than the rest of this detector), the userinfo by a sticky pattern.
const USERINFO = /(?<user>[^\s:/@?#]{0,128}):(?<password>[^\s/?#]{1,256})@(?=[A-Za-z0-9[\]._-])/y;
// Round c15c: also a sample's spelled-out field name ("mysql://db_user:db_password@…", "user:my_pass@", "app-secret").
const PLACEHOLDER_PASSWORD = /^(?:(?:db|database|mysql|pg|postgres|sql|user|admin|app|my|your|the|some)[_-]?(?:password|passwd|pass|pwd|secret)|password|passwd|pass|pwd|secret|your[_-]?password|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|\*+|x+|\.\.\.)$/iu;
const MAX_SCHEME = 31;

function isSchemeChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 43 || code === 46 || code === 45;
}
const isLetter = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);

/** A scheme of 2-31 characters, starting with a letter, ends at `colon` and no scheme character precedes it. */
function hasScheme(text: string, colon: number): boolean {
  let k = colon;
  while (k > 0 && colon - k <= MAX_SCHEME && isSchemeChar(text.charCodeAt(k - 1))) k--;
  countWork(colon - k + 1);
  const length = colon - k;
  if (length < 2 || length > MAX_SCHEME) return false;
  return isLetter(text.charCodeAt(k));
}

/**
 * Whether an "@" comes before the first white space, "/", "?" or "#" from `from`, within what USERINFO can span: the
 * userinfo cannot hold those, so without such an "@" the pattern cannot match. Most URLs ("https://example.com/…")
 * have none, and this loop turns them down for less than the pattern's call costs.
 */
function atSignAhead(text: string, from: number): boolean {
  const limit = Math.min(text.length, from + MAX_USERINFO);
  for (let k = from; k < limit; k++) {
    const code = text.charCodeAt(k);
    if (code === 64) return true;
    if (code === 47 || code === 63 || code === 35 || isRegExpSpace(code)) return false;
  }
  return false;
}
// USERINFO's longest match: 128 units of user, ":", 256 of password, "@".
const MAX_USERINFO = 128 + 1 + 256 + 1;
// Every "://" is an anchor of the panel-login detector (tag 1); the same list serves here.
registerAnchor('://', AnchorGroup.HostWord, false, 1);

/** C05: the password part of connection strings and URLs with credentials (the span is only the password). */
export function detectConnectionStringPasswords(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  const positions = anchors.positions[AnchorGroup.HostWord]!;
  const tags = anchors.tags[AnchorGroup.HostWord]!;
  let from = 0;
  for (let k = 0; k < positions.length; k++) {
    const colon = positions[k]!;
    if (tags[k] !== 1 || colon < from) continue;
    countWork(colon - from + 3);
    from = colon + 3;
    if (!hasScheme(text, colon) || !atSignAhead(text, colon + 3)) continue;
    USERINFO.lastIndex = colon + 3;
    const match = USERINFO.exec(text);
    if (match === null) continue;
    countWork(match[0].length);
    const password = match.groups?.password ?? '';
    if (password.length === 0 || PLACEHOLDER_PASSWORD.test(password) || isAlreadyRedacted(password)) continue;
    const start = match.index + match[0].length - password.length - 1;
    findings.push(makeFinding('credential', 'connection_string', start, start + password.length, 0.95));
    from = match.index + match[0].length;
  }
  return findings;
}
