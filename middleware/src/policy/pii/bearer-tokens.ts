import { makeFinding, type Finding } from './finding.js';
import { looksRandom } from './secret-entropy.js';

const BEARER = /(?<![A-Za-z0-9])Bearer\s+(?<token>[A-Za-z0-9\-._~+/]{16,4096}=*)/giu;
const BASIC = /Authorization\s*[:=]\s*["']?Basic\s+(?<token>[A-Za-z0-9+/]{8,4096}={0,2})/giu;
// A JWT is three base64url parts; the first two are JSON objects, so both start with "eyJ".
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/gu;

function tokenStart(match: RegExpExecArray | RegExpMatchArray & { index: number }, token: string): number {
  return match.index + match[0].length - token.length;
}

/** C05: bearer tokens, basic-auth headers and free-standing JWTs. */
export function detectBearerTokens(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(BEARER)) {
    const token = (match.groups?.token ?? '').replace(/\.+$/u, '');
    const isJwt = token.startsWith('eyJ');
    if (!isJwt && !looksRandom(token)) continue;
    const start = tokenStart(match, match.groups?.token ?? '');
    findings.push(makeFinding('credential', 'bearer_token', start, start + token.length, 0.95));
  }
  for (const match of text.matchAll(BASIC)) {
    const token = match.groups?.token ?? '';
    const start = tokenStart(match, token);
    findings.push(makeFinding('credential', 'basic_auth', start, start + token.length, 0.95));
  }
  for (const match of text.matchAll(JWT)) {
    findings.push(makeFinding('credential', 'jwt', match.index, match.index + match[0].length, 0.9));
  }
  return findings;
}
