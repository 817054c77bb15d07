import { AnchorGroup, findAnchors, matchesAtAnchors, registerAnchor, type Anchors } from './anchors.js';
import { makeFinding, type Finding } from './finding.js';
import { looksRandom } from './secret-entropy.js';

const BEARER = /(?<![A-Za-z0-9])Bearer\s{1,8}(?<token>[A-Za-z0-9\-._~+/]{16,4096}={0,3})/yiu;
// Django REST framework and others: "Authorization: Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b".
const TOKEN_SCHEME = /Authorization\s{0,4}[:=]\s{0,8}["']?Token\s{1,8}(?:token=)?["']?(?<token>[A-Za-z0-9._~+/=-]{16,512})/yiu;
const BASIC = /Authorization\s{0,4}[:=]\s{0,8}["']?Basic\s{1,8}(?<token>[A-Za-z0-9+/]{8,4096}={0,2})/yiu;
// cPanel/WHM API tokens ("Authorization: cpanel user:TOKEN", "whm root:TOKEN") and GoDaddy "sso-key KEY:SECRET" (the secret).
const PANEL_TOKEN = /Authorization\s{0,4}[:=]\s{0,8}["']?(?:(?<panel>cpanel|whm)\s{1,4}[^\s:'"]{1,64}|sso-key\s{1,4}[A-Za-z0-9_]{8,64}):(?<token>[A-Za-z0-9_]{16,128})(?![A-Za-z0-9_])/yiu;
// A JWT is three base64url parts; the first two are JSON objects, so both start with "eyJ".
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{0,4096}/yu;

// Each pattern is tried only where its first word stands (tags: 0 "bearer", 1 "authorization", 2 "eyj").
registerAnchor('bearer', AnchorGroup.AuthHeader, false, 0);
registerAnchor('authorization', AnchorGroup.AuthHeader, false, 1);
registerAnchor('eyj', AnchorGroup.AuthHeader, false, 2);

function anchorsTagged(anchors: Anchors, tag: number): number[] {
  const positions = anchors.positions[AnchorGroup.AuthHeader]!;
  const tags = anchors.tags[AnchorGroup.AuthHeader]!;
  return positions.filter((_, k) => tags[k] === tag);
}

function tokenStart(match: RegExpExecArray | RegExpMatchArray & { index: number }, token: string): number {
  return match.index + match[0].length - token.length;
}

/** C05: bearer tokens, basic-auth headers and free-standing JWTs. */
export function detectBearerTokens(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  const bearer = anchorsTagged(anchors, 0);
  const authorization = anchorsTagged(anchors, 1);
  const jwt = anchorsTagged(anchors, 2);
  for (const match of matchesAtAnchors(text, BEARER, bearer)) {
    const token = (match.groups?.token ?? '').replace(/\.+$/u, '');
    const isJwt = token.startsWith('eyJ');
    if (!isJwt && !looksRandom(token)) continue;
    const start = tokenStart(match, match.groups?.token ?? '');
    findings.push(makeFinding('credential', 'bearer_token', start, start + token.length, 0.95));
  }
  for (const match of matchesAtAnchors(text, BASIC, authorization)) {
    const token = match.groups?.token ?? '';
    const start = tokenStart(match, token);
    findings.push(makeFinding('credential', 'basic_auth', start, start + token.length, 0.95));
  }
  for (const match of matchesAtAnchors(text, TOKEN_SCHEME, authorization)) {
    const token = (match.groups?.token ?? '').replace(/\.+$/u, '');
    if (!looksRandom(token)) continue;
    const start = tokenStart(match, match.groups?.token ?? '');
    findings.push(makeFinding('credential', 'api_token', start, start + token.length, 0.95));
  }
  for (const match of matchesAtAnchors(text, PANEL_TOKEN, authorization)) {
    const token = match.groups?.token ?? '';
    if (!looksRandom(token)) continue;
    const start = tokenStart(match, token);
    findings.push(makeFinding('credential', match.groups?.panel !== undefined ? 'api_token' : 'api_key', start, start + token.length, 0.95));
  }
  for (const match of matchesAtAnchors(text, JWT, jwt)) {
    findings.push(makeFinding('credential', 'jwt', match.index, match.index + match[0].length, 0.9));
  }
  return findings;
}
