import { detectLabelledSecrets, detectVendorApiKeys } from './api-keys.js';
import { detectAccountLists } from './account-lists.js';
import { detectBearerTokens } from './bearer-tokens.js';
import { detectCardNumbersInAnyForm } from './card-number-forms.js';
import { detectConfigAndCommandPasswords, detectPanelLogins } from './config-and-commands.js';
import { detectConnectionStringPasswords } from './connection-strings.js';
import { detectCredentialForms } from './credential-forms.js';
import { detectCredentialLists } from './credential-lists.js';
import { detectCredentialReplies } from './credential-replies.js';
import { detectCredentialPhrases } from './credential-phrases.js';
import type { Finding } from './finding.js';
import { detectPasswordValues } from './password-lines.js';
import { detectPrivateKeys } from './private-keys.js';
import { detectSecretsInSentences } from './secrets-in-sentences.js';
import { detectServiceLogins } from './service-logins.js';
import { detectLabelledLines } from './labelled-lines.js';
import { detectScoredTokens } from './token-scorer.js';
import { detectSpecialCategories } from './special-categories.js';
import { countWork as countWorkImport } from './scan-work.js';
import { findAnchors } from './anchors.js';
import { repeatedCards } from './repeated-cards.js';
import { isAlnumAt, isAlreadyRedacted } from './text-boundaries.js';
import { makeFinding } from './finding.js';
import { looksLikeSecretWord } from './password-lines.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

// When spans overlap, the more specific detector wins: a Stripe key after "password:" is a Stripe key,
// a JWT after "Bearer" is a bearer token, and a whole private key block beats anything inside it.
const SUBTYPE_PRIORITY: Readonly<Record<string, number>> = {
  private_key: 100,
  connection_string: 90,
  bearer_token: 80,
  basic_auth: 80,
  jwt: 70,
  // Round c14b (credential-lists.ts): a WordPress application password's six groups, over a password label rule that
  // reads only its first group.
  wp_app_password: 61,
  password: 60,
  // Round c13 (credential-lists.ts): just below a password, so a span another rule already reads keeps its finding.
  app_password: 59,
  transfer_code: 59,
  api_key: 55,
  aws_secret_key: 55,
  api_token: 80,
  // The learned backstop's (token-scorer.ts): below every rule's finding and a card's.
  suspected_password: 40,
};
const VENDOR_KEY_PRIORITY = 85;
const CARD_PRIORITY = 50;
const SPECIAL_PRIORITY = 10;

function priority(finding: Finding): number {
  if (finding.kind === 'card_number') return CARD_PRIORITY;
  if (finding.kind === 'special_category') return SPECIAL_PRIORITY;
  return SUBTYPE_PRIORITY[finding.subtype] ?? VENDOR_KEY_PRIORITY;
}

function outranks(a: Finding, b: Finding): boolean {
  const byPriority = priority(a) - priority(b);
  if (byPriority !== 0) return byPriority > 0;
  if (a.confidence !== b.confidence) return a.confidence > b.confidence;
  return a.end - a.start > b.end - b.start;
}

/**
 * Drops findings that overlap a stronger one, so every character is reported at most once. A map of
 * taken characters keeps this linear in the spans' total length (a pairwise check was quadratic in
 * the number of findings, which a hostile comment can make large).
 */
function resolveOverlaps(findings: Finding[], textLength: number): Finding[] {
  // Sorted in place: `findings` is the scan's own list.
  const ranked = findings.sort((a, b) => (outranks(a, b) ? -1 : outranks(b, a) ? 1 : a.start - b.start));
  // The map is kept between scans (allocating and zeroing one per comment cost more than the rest of this
  // function) and cleared again span by span below, so the work stays linear in the spans' length.
  if (takenMap.length < textLength) takenMap = new Uint8Array(Math.max(textLength, 2 * takenMap.length));
  const taken = takenMap;
  const kept: Finding[] = [];
  for (const candidate of ranked) {
    countWork(candidate.end - candidate.start + 1);
    let free = true;
    for (let i = candidate.start; i < candidate.end; i++) if (taken[i] === 1) { free = false; break; }
    if (!free) continue;
    taken.fill(1, candidate.start, candidate.end);
    kept.push(candidate);
  }
  for (const finding of kept) taken.fill(0, finding.start, finding.end);
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}
let takenMap = new Uint8Array(16 * 1024);

/**
 * The most characters of one comment that are scanned. Detectors are linear, so this bounds a scan's
 * time (about 1 MB of text is a few hundred milliseconds in a worker); the rest is reported as not scanned.
 */
export const MAX_SCAN_CHARS = 2 * 1024 * 1024;

/** What one scan found, and whether the text was longer than the cap (then its tail was not scanned). */
export interface ScanResult {
  findings: Finding[];
  scannedChars: number;
  truncated: boolean;
}

/** `detectSensitiveData` with the per-comment cap applied: the first MAX_SCAN_CHARS characters are scanned. */
export function scanText(text: string, maxChars: number = MAX_SCAN_CHARS, options: DetectOptions = {}): ScanResult {
  const truncated = text.length > maxChars;
  const scanned = truncated ? text.slice(0, maxChars) : text;
  return { findings: detectSensitiveData(scanned, options), scannedChars: scanned.length, truncated };
}

export interface DetectOptions {
  /**
   * Also run the learned backstop (token-scorer.ts), whose findings are only ever flagged. Off unless asked for
   * (SUSPECTED_SECRETS=flag): on two new held-out splits it found as many false alarms as secrets, and it costs about
   * 0.8x the rules' time on ordinary comments (bench/redaction/RESULTS.md).
   */
  scoredTokens?: boolean;
}

/** Appends the non-empty findings whose span is not already redacted (in the detectors' order, as a spread did). */
function keep(all: Finding[], text: string, found: readonly Finding[]): void {
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    if (f.end > f.start && !(mayBeRedacted(text, f.start, f.end) && isAlreadyRedacted(text.slice(f.start, f.end)))) all.push(f);
  }
}

/**
 * False when isAlreadyRedacted cannot hold for text[start, end), read without a slice: its marker pattern needs a
 * U+2587 or a "[" in the span, and its whole-span pattern starts with "r", "*", "•", "●", "x" or "X".
 */
function mayBeRedacted(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (first === 0x72 || first === 0x2a || first === 0x2022 || first === 0x25cf || first === 0x78 || first === 0x58) return true;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2587 || code === 0x5b) return true;
  }
  return false;
}

/** Most distinct secrets looked for again per comment (each costs one search of the text). */
const MAX_REPEATED_SECRETS = 16;

/**
 * Round c12: a secret a rule found, written again elsewhere in the comment without its label ("Neues Passwort: X … (ich
 * habe X eingegeben)", a command and then the same value quoted in the reply), is the same secret: each other occurrence
 * standing as a token of its own is found too. Only values of six or more characters that look like a secret (a digit, a
 * symbol or an inner capital), on one line; at most MAX_REPEATED_SECRETS values, one indexOf search of the text each.
 */
function repeatedSecrets(text: string, all: Finding[]): void {
  const seen = new Set<string>();
  const count = all.length;
  for (let k = 0; k < count && seen.size < MAX_REPEATED_SECRETS; k++) {
    const f = all[k]!;
    if (f.kind !== 'credential' || f.end - f.start < 6) continue;
    const value = text.slice(f.start, f.end);
    if (seen.has(value) || value.includes('\n') || !looksLikeSecretWord(value)) continue;
    seen.add(value);
    countWork(text.length);
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length)) {
      countWork(value.length);
      if (at === f.start || isAlnumAt(text, at - 1) || isAlnumAt(text, at + value.length)) continue;
      all.push(makeFinding('credential', f.subtype, at, at + value.length, f.confidence));
    }
  }
}

/**
 * Scans text (a ticket comment) for card numbers (C04), credentials (C05) and special-category terms (C06).
 * Pure: no I/O, no clock. Spans are UTF-16 indices into `text`; already-redacted spans are not reported.
 */
export function detectSensitiveData(text: string, options: DetectOptions = {}): Finding[] {
  // One pass finds where the credential and special-category patterns could start (anchors.ts).
  const anchors = findAnchors(text);
  const all: Finding[] = [];
  keep(all, text, detectPrivateKeys(text, anchors));
  keep(all, text, detectConnectionStringPasswords(text, anchors));
  keep(all, text, detectVendorApiKeys(text, anchors));
  keep(all, text, detectBearerTokens(text, anchors));
  keep(all, text, detectPasswordValues(text, anchors));
  keep(all, text, detectConfigAndCommandPasswords(text, anchors));
  keep(all, text, detectPanelLogins(text, anchors));
  keep(all, text, detectServiceLogins(text, anchors));
  keep(all, text, detectLabelledSecrets(text, anchors));
  keep(all, text, detectCredentialForms(text, anchors));
  // Round c13: app passwords, old/new pairs of lines, transfer codes listed per domain.
  keep(all, text, detectCredentialLists(text, anchors));
  // Round c14b: chat answers, two-factor seeds and rsync secrets on lines of their own.
  keep(all, text, detectCredentialReplies(text, anchors));
  // Round c14c: passwords "with" an inflected password word, and after "password set for …:" (credential-phrases.ts).
  keep(all, text, detectCredentialPhrases(text, anchors));
  // Round c15a: lists and tables of accounts, "user / secret" after an access word (account-lists.ts).
  keep(all, text, detectAccountLists(text, anchors));
  // Round c15b: secrets in sentences, gateway and vendor keys in prose and tables, config and command forms.
  keep(all, text, detectSecretsInSentences(text, anchors, all));
  keep(all, text, detectCardNumbersInAnyForm(text, anchors));
  keep(all, text, detectSpecialCategories(text, anchors));
  // After the others: it reads only the lines where they found no credential.
  keep(all, text, detectLabelledLines(text, anchors, all));
  repeatedSecrets(text, all);
  // Round c14: a card number found once is the same card where it is written again (repeated-cards.ts).
  repeatedCards(text, all);
  // Last: the learned backstop reads only the lines where no rule found a credential.
  if (options.scoredTokens === true) keep(all, text, detectScoredTokens(text, anchors, all));
  return resolveOverlaps(all, text.length);
}
