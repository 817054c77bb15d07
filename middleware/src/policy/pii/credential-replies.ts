import { AnchorGroup, findAnchors, registerAnchor, type Anchors } from './anchors.js';
import { makeFinding, type Finding } from './finding.js';
import { isPlausiblePassword, looksLikeSecretWord } from './password-lines.js';
import { countWork as countWorkImport } from './scan-work.js';
import { lineEndFrom, lineStartBefore } from './text-boundaries.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/**
 * C05, credential round c14b: secrets that stand on lines of their own, below what names them, each tried only at an
 * anchor of the one anchor pass (anchors.ts) and reading a bounded number of lines after it.
 * - Chat transcripts ("[10:02] Name: message"): a line asking for a password ("…the password of the mailbox?") answered
 *   by another speaker with one token; or a line with a password, login or access word, then one speaker's two lines
 *   of one token each, the user and then the secret.
 * - Two-factor (TOTP) seeds in five to eight groups of four base32 characters of one case, after a two-factor word on
 *   its line (after a colon) or alone on one of the two lines below it.
 * - rsync secrets files: "user:secret" lines below the file's name ("/etc/rsyncd.secrets:").
 */

// Tags of this file's literals in the ConfigWord group (see credential-lists.ts for the others in use).
const TWO_FACTOR_TAG = 4000;
const RSYNC_TAG = 4001;

// ---------------------------------------------------------------------------------------------------------------
// Chat transcripts
// ---------------------------------------------------------------------------------------------------------------

// One chat line: reply quote marks, a time stamp in brackets, the speaker, a colon and the message.
const CHAT_LINE = /^[ \t>]{0,8}\[\d{1,2}:\d{2}(?::\d{2})?\][ \t]{0,3}(?<name>[^:\n\]]{1,40}?)[ \t]{0,2}:[ \t]{1,3}(?<msg>.{0,300}?)[ \t]*\r?$/du;
/** How many chat lines after the cue line are read. */
const CHAT_LINES_AFTER = 4;
// A user line before the secret: one token, or a user word and one token ("Nom d'utilisateur u4821", "login: admin").
const USER_LINE = /^(?:(?:user(?:name)?|login|benutzer(?:name)?|nom d['’]utilisateur|identifiant|usuario|utente|usuário|utilizador|gebruiker(?:snaam)?|użytkownik|login|kullanıcı(?: adı)?|логин|пользователь)[ \t]{0,2}:?[ \t]{1,2})?[^\s]{2,64}$/iu;

interface ChatLine {
  start: number;
  end: number;
  name: string;
  msg: string;
  msgStart: number;
}

function chatLineAt(text: string, start: number): ChatLine | undefined {
  const end = lineEndFrom(text, start, 400);
  if (end - start >= 400) return undefined;
  const line = text.slice(start, end);
  const m = CHAT_LINE.exec(line);
  countWork(line.length + 1);
  if (!m?.groups) return undefined;
  const msg = m.groups.msg!;
  return { start, end, name: m.groups.name!.trim(), msg, msgStart: start + m.indices!.groups!.msg![0] };
}

/** Whether one chat message token reads as a secret: not an address, link, path, domain or plain word. */
function chatSecret(token: string): boolean {
  if (token.length < 6 || token.length > 64 || /\s/u.test(token) || !/\p{L}/u.test(token)) return false;
  if (token.includes('://') || /[/\\@]/u.test(token) || /^[$%{[(<#]/u.test(token)) return false;
  // A host name ("shop.example.com", "mail.firma.de"): lower-case labels ending in a short top-level domain.
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/u.test(token) && /\.[a-z]{2,3}$/u.test(token)) return false;
  // An error or status code ("HTTP-500", "ERR_404", "E1045").
  if (/^\p{Lu}{1,12}[-_ ]?\p{N}{1,5}$/u.test(token)) return false;
  return looksLikeSecretWord(token) && isPlausiblePassword(token, 'punct');
}

const PASSWORD_QUESTION = /(?:passw|kennw|пароль|парол|hasł|haslo|senha|contrase|clave|mot de passe|mdp|wachtwoord|şifre|sifre|parola)/iu;

function chatReplies(text: string, anchors: Anchors, findings: Finding[]): void {
  const cues = [...anchors.positions[AnchorGroup.PasswordLabel]!, ...anchors.positions[AnchorGroup.CredentialWord]!].sort((a, b) => a - b);
  countWork(cues.length + 1);
  let readUpTo = 0;
  for (const at of cues) {
    if (at < readUpTo) continue;
    const lineStart = lineStartBefore(text, at, 300);
    const cue = chatLineAt(text, lineStart);
    readUpTo = lineEndFrom(text, at, 400);
    if (cue === undefined || at < cue.msgStart) continue;
    const lines: ChatLine[] = [];
    let next = cue.end + 1;
    while (lines.length < CHAT_LINES_AFTER && next < text.length) {
      const line = chatLineAt(text, next);
      if (line === undefined) break;
      lines.push(line);
      next = line.end + 1;
    }
    readUpTo = Math.max(readUpTo, next);
    const question = /\?[ \t]*$/u.test(cue.msg) && PASSWORD_QUESTION.test(cue.msg);
    if (question) {
      // The first line of another speaker answers it.
      const answer = lines.slice(0, 2).find((line) => line.name !== cue.name);
      const token = answer?.msg.trim();
      if (answer && token !== undefined && chatSecret(token)) {
        const start = answer.msgStart + answer.msg.indexOf(token);
        findings.push(makeFinding('credential', 'password', start, start + token.length, 0.7));
      }
      continue;
    }
    // One speaker's user line, then that speaker's secret line.
    for (let k = 0; k + 1 < lines.length; k++) {
      const user = lines[k]!;
      const secret = lines[k + 1]!;
      const token = secret.msg.trim();
      if (user.name !== secret.name || !USER_LINE.test(user.msg.trim()) || !chatSecret(token)) continue;
      // The user line itself is no secret of the same shape (two secrets in a row are not a user and a password).
      if (user.msg.trim() === token) continue;
      const start = secret.msgStart + secret.msg.indexOf(token);
      findings.push(makeFinding('credential', 'password', start, start + token.length, 0.7));
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Two-factor seeds
// ---------------------------------------------------------------------------------------------------------------

const TWO_FACTOR_WORDS = ['2fa', 'totp', 'mfa', 'two-factor', 'two factor', '2-factor', 'authenticator', 'zwei-faktor', 'zwei faktor',
  '2-faktor', 'zwei-schritt', 'iki adımlı', 'iki adimli', 'iki faktörlü', 'iki faktorlu', 'tweestaps', 'twee-staps', 'tweefactor',
  'twee-factor', 'двухфактор', 'двухэтап', '2фа', 'dwuetapow', 'dwuskładnikow', 'dwuskladnikow', 'double authentification',
  'authentification à deux', 'à deux facteurs', 'a due fattori', 'in due passaggi', 'en dos pasos', 'dos factores',
  'de dos factores', 'dois fatores', 'duas etapas', 'de dois fatores'];
for (const word of TWO_FACTOR_WORDS) registerAnchor(word, AnchorGroup.ConfigWord, true, TWO_FACTOR_TAG);
// Five to eight groups of four base32 characters, all lower or all upper case.
const SEED_SAME_LINE = /:[ \t]{0,3}(?<value>[a-z2-7]{4}(?: [a-z2-7]{4}){4,7}|[A-Z2-7]{4}(?: [A-Z2-7]{4}){4,7})[ \t.]*\r?$/u;
const SEED_LINE = /^[ \t>*-]{0,8}["'`]?(?<value>[a-z2-7]{4}(?: [a-z2-7]{4}){4,7}|[A-Z2-7]{4}(?: [A-Z2-7]{4}){4,7})["'`]?[ \t]*(?:<br\s?\/?>)?\r?$/u;

/** A generated seed has a digit (2-7): groups of letters alone are a sentence of four-letter words as often. */
function seedAccepted(value: string): boolean {
  return /[2-7]/u.test(value);
}

function twoFactorSeeds(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  let readUpTo = 0;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== TWO_FACTOR_TAG || words[i]! < readUpTo) continue;
    const at = words[i]!;
    const lineEnd = lineEndFrom(text, at, 300);
    readUpTo = lineEnd;
    const same = SEED_SAME_LINE.exec(text.slice(at, lineEnd));
    countWork(lineEnd - at + 1);
    if (same?.groups && seedAccepted(same.groups.value!)) {
      const start = at + same.index + same[0].indexOf(same.groups.value!);
      findings.push(makeFinding('credential', 'totp_seed', start, start + same.groups.value!.length, 0.8));
      continue;
    }
    let lineStart = lineEnd + 1;
    for (let line = 0; line < 2 && lineStart < text.length && text.charCodeAt(lineStart - 1) === 10; line++) {
      const end = lineEndFrom(text, lineStart, 200);
      const content = text.slice(lineStart, end);
      countWork(content.length + 1);
      readUpTo = end;
      const m = SEED_LINE.exec(content);
      if (m?.groups && seedAccepted(m.groups.value!)) {
        const start = lineStart + content.indexOf(m.groups.value!);
        findings.push(makeFinding('credential', 'totp_seed', start, start + m.groups.value!.length, 0.8));
        break;
      }
      if (content.trim() !== '' && !/^[ \t>]*\r?$/u.test(content)) break;
      lineStart = end + 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// rsync secrets files
// ---------------------------------------------------------------------------------------------------------------

for (const word of ['rsyncd.secrets', 'rsync.secrets', 'rsyncd.secret']) registerAnchor(word, AnchorGroup.ConfigWord, false, RSYNC_TAG);
const SECRETS_ROW = /^[ \t>]{0,8}(?<user>[A-Za-z0-9_.-]{1,32}):(?<secret>[^\s:]{4,64})[ \t]*\r?$/u;
/** How many lines below the file's name are read. */
const SECRETS_ROWS = 6;

function rsyncSecrets(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  let readUpTo = 0;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== RSYNC_TAG || words[i]! < readUpTo) continue;
    let lineStart = lineEndFrom(text, words[i]!, 200) + 1;
    readUpTo = lineStart;
    for (let row = 0; row < SECRETS_ROWS && lineStart < text.length && text.charCodeAt(lineStart - 1) === 10; row++) {
      const end = lineEndFrom(text, lineStart, 200);
      const content = text.slice(lineStart, end);
      countWork(content.length + 1);
      readUpTo = end;
      const m = SECRETS_ROW.exec(content);
      const secret = m?.groups?.secret;
      if (!m || secret === undefined) {
        // A blank line before the rows is allowed; anything else ends them.
        if (row === 0 && /^[ \t>]*\r?$/u.test(content)) {
          lineStart = end + 1;
          continue;
        }
        break;
      }
      if (/\p{L}/u.test(secret) && !/[/\\]/u.test(secret) && isPlausiblePassword(secret, 'punct')) {
        const start = lineStart + content.lastIndexOf(secret);
        findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.8));
      }
      lineStart = end + 1;
    }
  }
}

/** C05: chat answers, two-factor seeds and rsync secrets on lines of their own (see the comment at the top). */
export function detectCredentialReplies(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  chatReplies(text, anchors, findings);
  twoFactorSeeds(text, anchors, findings);
  rsyncSecrets(text, anchors, findings);
  return findings;
}
