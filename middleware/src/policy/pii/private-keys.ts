import { makeFinding, type Finding } from './finding.js';

const BEGIN = /-----BEGIN (?<kind>[A-Z0-9 ]*?)PRIVATE KEY(?<block> BLOCK)?-----/g;
// Body of a truncated paste: base64 lines and "Proc-Type:"-style headers right after BEGIN.
const BODY_LINES = /(?:\r?\n[ \t]*(?:[A-Za-z0-9+/=]{8,}|[A-Za-z-]+:[^\n]*))+/y;

/** C05: PEM/OpenSSH/PGP private key blocks, BEGIN line to END line; a truncated paste ends at its last base64 line. */
export function detectPrivateKeys(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(BEGIN)) {
    const bodyStart = match.index + match[0].length;
    const endMarker = `-----END ${match.groups?.kind ?? ''}PRIVATE KEY${match.groups?.block ?? ''}-----`;
    const endIndex = text.indexOf(endMarker, bodyStart);
    let end: number;
    if (endIndex >= 0) {
      end = endIndex + endMarker.length;
    } else {
      BODY_LINES.lastIndex = bodyStart;
      end = bodyStart + (BODY_LINES.exec(text)?.[0].length ?? 0);
    }
    findings.push(makeFinding('credential', 'private_key', match.index, end, 0.99));
  }
  return findings;
}
