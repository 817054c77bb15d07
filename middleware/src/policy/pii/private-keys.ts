import { makeFinding, type Finding } from './finding.js';
import { AnchorGroup, findAnchors, registerAnchor, type Anchors } from './anchors.js';
import { countWork as countWorkImport } from './scan-work.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

registerAnchor('private', AnchorGroup.SecretLabel, false);

const BEGIN = /-----BEGIN (?<kind>[A-Z0-9 ]{0,40}?)PRIVATE KEY(?<block> BLOCK)?-----/g;
// Body of a truncated paste: base64 lines and "Proc-Type:"-style headers right after BEGIN.
const BODY_LINES = /(?:\r?\n[ \t]{0,8}(?:[A-Za-z0-9+/=]{8,200}|[A-Za-z-]{1,40}:[^\n]{0,200}))+/y;
/** Distinct key kinds whose END marker is searched for; more than this in one comment is not a real paste. */
const MAX_KINDS_SEARCHED = 8;

/**
 * C05: PEM/OpenSSH/PGP private key blocks, BEGIN line to END line; a truncated paste ends at its last base64 line.
 * Linear: the search resumes after each block, and an END marker missing once is not searched for again.
 */
export function detectPrivateKeys(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  // Every "private" is a secret-label anchor: without an upper-case "PRIVATE KEY" at one, there is no block.
  if (!anchors.positions[AnchorGroup.SecretLabel]!.some((at) => text.startsWith('PRIVATE KEY', at))) return findings;
  const missingEnd = new Set<string>();
  const searched = new Set<string>();
  BEGIN.lastIndex = 0;
  let from = 0;
  for (let match = BEGIN.exec(text); match !== null; match = BEGIN.exec(text)) {
    countWork(match.index + match[0].length - from);
    const bodyStart = match.index + match[0].length;
    const endMarker = `-----END ${match.groups?.kind ?? ''}PRIVATE KEY${match.groups?.block ?? ''}-----`;
    let endIndex = -1;
    if (!missingEnd.has(endMarker) && (searched.has(endMarker) || searched.size < MAX_KINDS_SEARCHED)) {
      searched.add(endMarker);
      endIndex = text.indexOf(endMarker, bodyStart);
      if (endIndex < 0) missingEnd.add(endMarker);
    }
    let end: number;
    if (endIndex >= 0) {
      end = endIndex + endMarker.length;
    } else {
      BODY_LINES.lastIndex = bodyStart;
      end = bodyStart + (BODY_LINES.exec(text)?.[0].length ?? 0);
    }
    countWork(end - bodyStart + 1);
    findings.push(makeFinding('credential', 'private_key', match.index, end, 0.99));
    BEGIN.lastIndex = Math.max(end, bodyStart);
    from = BEGIN.lastIndex;
  }
  countWork(text.length - from);
  return findings;
}
