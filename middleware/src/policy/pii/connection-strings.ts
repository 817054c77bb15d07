import { countedMatches } from './scan-work.js';
import { makeFinding, type Finding } from './finding.js';
import { isAlreadyRedacted } from './text-boundaries.js';

// scheme://user:password@host — RFC 3986 userinfo; the password ends at the last "@" before the host.
const URL_WITH_PASSWORD = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/(?<user>[^\s:/@?#]{0,128}):(?<password>[^\s/?#]{1,256})@(?=[A-Za-z0-9[\]._-])/g;
const PLACEHOLDER_PASSWORD = /^(?:password|passwd|pass|pwd|secret|your[_-]?password|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|\*+|x+|\.\.\.)$/iu;

/** C05: the password part of connection strings and URLs with credentials (the span is only the password). */
export function detectConnectionStringPasswords(text: string): Finding[] {
  const findings: Finding[] = [];
  if (!text.includes('://')) return findings;
  for (const match of countedMatches(text, URL_WITH_PASSWORD)) {
    const password = match.groups?.password ?? '';
    if (password.length === 0 || PLACEHOLDER_PASSWORD.test(password) || isAlreadyRedacted(password)) continue;
    const start = match.index + match[0].length - password.length - 1;
    findings.push(makeFinding('credential', 'connection_string', start, start + password.length, 0.95));
  }
  return findings;
}
