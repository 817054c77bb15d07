import { AnchorGroup, findAnchors, firstAnchorAtOrAfter, registerAnchor, type Anchors } from './anchors.js';
import { makeFinding, type Finding } from './finding.js';
import { isPlausiblePassword, looksLikeSecretWord } from './password-lines.js';
import { countWork as countWorkImport } from './scan-work.js';
import { lineEndFrom, withoutTrailingPunctuation } from './text-boundaries.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/**
 * C05, credential round c5: forms the label, config and command detectors do not read. Each is tried only where an
 * anchor of the one anchor pass stands (anchors.ts); nothing here walks the whole comment.
 * - Compound keys whose password word is glued to a prefix: "dbPassword": "…", rootPassword: …, 'dbpassword' => '…',
 *   $CFG->dbpass = '…' (the label detector takes a password word only where no letter or digit precedes it).
 * - XML elements: <password>…</password>, <![CDATA[…]]> (Magento 1 local.xml), FileZilla <Pass encoding="base64">.
 * - Mail protocol transcripts: SMTP AUTH PLAIN <base64> (same line or after "334"), the base64 line answering
 *   "334 UGFzc3dvcmQ6" (AUTH LOGIN's "Password:"), IMAP "a1 LOGIN user secret", POP3/FTP "PASS secret" after "USER …".
 * - Tables: a header row with a password column (CSV, tab or ";" rows, markdown), then the cell under it in each row.
 * - Chat lines with no password word ("ok I changed it to X", "Ich habe es auf X geändert", "X olarak değiştirdim"):
 *   the token counts when an earlier sentence of the comment (at most CONTEXT_WINDOW before) names the password or
 *   login and the token looks like a password; without such a sentence only a token with upper and lower case, a
 *   digit and a symbol other than "_", "-", "." counts.
 */

// Tags of this file's literals in the ConfigWord group (config-and-commands.ts uses tags below 200).
const AUTH_PLAIN_TAG = 1000;
const AUTH_LOGIN_TAG = 1001;
const CHAT_BEFORE_TAG = 1003;
const CHAT_TAG = 2000; // up to CHAT_TAG + CHAT_PHRASES.length
registerAnchor('auth plain', AnchorGroup.ConfigWord, false, AUTH_PLAIN_TAG);
registerAnchor('ugfzc3dvcmq6', AnchorGroup.ConfigWord, false, AUTH_LOGIN_TAG);

// ---------------------------------------------------------------------------------------------------------------
// Compound keys and XML elements, found from the "pass"/"pwd" anchors (PasswordInside, registered by password-lines.ts)
// ---------------------------------------------------------------------------------------------------------------

const isNameCode = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
const isLetterOrDigitCode = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);

// A key that ends with the password word, glued to what precedes it: dbPassword, smtpPass, sftpPwd, dbpassword, dbpass.
// "bypass", "compass", "trespass" end with "pass" too: a lower-case "pass" ending counts only after a known prefix.
const COMPOUND_NAME = /^(?:[A-Za-z0-9_]{0,40}[a-z0-9](?:Password|Passwd|Pass|Pwd|PASSWORD|PASSWD)|[A-Za-z0-9_]{0,40}[a-z0-9]password|[A-Za-z0-9_]{0,40}[a-z0-9]passwd|(?:[A-Za-z0-9_]{0,30}_)?(?:db|sql|mysql|pg|smtp|ftp|sftp|mail|imap|pop|admin|root|user|app|redis|ldap|bind|proxy|vpn|key|store|trust|auth)(?:pass|pwd))$/u;
// After the key: its closing quote, then "=>", ":" or "=", then a quoted value or (after ":" / "=") a bare one.
const COMPOUND_VALUE = /(?<close>['"]?)[ \t]{0,8}(?<sep>=>|:|=)[ \t]{0,4}(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})"|(?<raw>[^\s'"<>,;{}()[\]]{1,200}))/y;
const XML_ELEMENT = /<(?<name>[A-Za-z_][\w.:-]{0,60})(?:\s[^<>\n]{0,120})?>(?:<!\[CDATA\[(?<cdata>[^\]\n]{1,200})\]\]>|(?<text>[^<>\n]{1,200}))<\/\k<name>>/y;
const XML_NAME_END = /(?:password|passwd|pass|pwd)$/iu;

function compoundAndXml(text: string, anchors: Anchors, findings: Finding[]): void {
  let lastStart = -1;
  for (const at of anchors.positions[AnchorGroup.PasswordInside]!) {
    // The key's start: back over name characters (a key is at most 40 of them before its password word).
    let k = at;
    while (k > 0 && at - k < 44 && isNameCode(text.charCodeAt(k - 1))) k--;
    // Its end: the password word and nothing after it but (for "pass") "word"/"wd".
    let end = at;
    while (end < text.length && end - at < 10 && isNameCode(text.charCodeAt(end))) end++;
    countWork(end - k + 1);
    if (k === lastStart) continue;
    lastStart = k;
    const name = text.slice(k, end);
    const before = k > 0 ? text.charCodeAt(k - 1) : -1;
    if (before === 60 || (before === 47 && text.charCodeAt(k - 2) === 60)) {
      if (before === 60) xmlElement(text, k - 1, findings);
      continue;
    }
    // Only keys the label detector cannot read: the password word glued to a letter or digit before it.
    if (at === k || !isLetterOrDigitCode(text.charCodeAt(at - 1)) || !COMPOUND_NAME.test(name)) continue;
    COMPOUND_VALUE.lastIndex = end;
    const m = COMPOUND_VALUE.exec(text);
    countWork(m ? m[0].length : 1);
    if (!m?.groups) continue;
    const { close, sep, sq, dq, raw } = m.groups;
    // A quoted key closes with the quote it opened with.
    if (close !== '' && text.charAt(k - 1) !== close) continue;
    const quoted = sq ?? dq;
    if (quoted === undefined && (sep === '=>' || raw === undefined)) continue;
    const value = quoted ?? raw!;
    if (!isPlausiblePassword(value, 'punct') || /^[/~$]/u.test(value) || value.includes('://')) continue;
    // "hasPassword": true, "requirePass: yes", "dbPassword = dbPass;", "= config.get('db')": an unquoted value needs a
    // digit or symbol, is not a dotted name, and is not followed by code punctuation.
    if (quoted === undefined && (!/[\p{N}]|[^\p{L}\p{N}]/u.test(value) || /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/u.test(value)
      || /^[(;,]/u.test(text.charAt(m.index + m[0].length)))) continue;
    const start = m.index + m[0].length - value.length - (quoted !== undefined ? 1 : 0);
    findings.push(makeFinding('credential', 'password', start, start + value.length, 0.85));
  }
}

function xmlElement(text: string, open: number, findings: Finding[]): void {
  XML_ELEMENT.lastIndex = open;
  const m = XML_ELEMENT.exec(text);
  countWork(m ? m[0].length : 1);
  if (!m?.groups || !XML_NAME_END.test(m.groups.name!)) return;
  const value = m.groups.cdata ?? m.groups.text!;
  if (/^\s|\s$/u.test(value) || !isPlausiblePassword(value, 'punct') || /^[$%{]/u.test(value)) return;
  const start = m.index + m[0].length - m.groups.name!.length - 3 - (m.groups.cdata !== undefined ? 3 : 0) - value.length;
  findings.push(makeFinding('credential', 'password', start, start + value.length, 0.85));
}

// ---------------------------------------------------------------------------------------------------------------
// Mail protocol transcripts
// ---------------------------------------------------------------------------------------------------------------

// What a transcript puts before a client line: "C: ", " -> ", " ~> ", "> " (curl -v, swaks, RFC examples).
const CLIENT_PREFIX = String.raw`[ \t]{0,4}(?:C:|->|~>|>)?[ \t]{0,4}`;
const BASE64_LINE = new RegExp(String.raw`${CLIENT_PREFIX}(?<b64>[A-Za-z0-9+/]{4,400}={0,2})[ \t]*(?=\r?\n|$|<)`, 'y');
const AUTH_PLAIN = /auth[ \t]plain(?:[ \t]{1,4}(?<b64>[A-Za-z0-9+/]{12,400}={0,2})[ \t]*(?=\r?\n|$|<))?/iy;

function decodeBase64(value: string): string | undefined {
  if (value.length % 4 !== 0) return undefined;
  try {
    return atob(value);
  } catch {
    return undefined;
  }
}

function pushBase64(text: string, lineStart: number, findings: Finding[], accept: (decoded: string) => boolean): boolean {
  BASE64_LINE.lastIndex = lineStart;
  const m = BASE64_LINE.exec(text);
  countWork(m ? m[0].length : 1);
  const b64 = m?.groups?.b64;
  if (!m || b64 === undefined) return false;
  const decoded = decodeBase64(b64);
  if (decoded === undefined || !accept(decoded)) return false;
  const start = m.index + m[0].length - b64.length;
  findings.push(makeFinding('credential', 'password', start, start + b64.length, 0.85));
  return true;
}

// AUTH PLAIN's message is [authzid] NUL authcid NUL passwd (RFC 4616); a capability line ("250-AUTH PLAIN LOGIN") has none.
const isPlainMessage = (decoded: string): boolean => {
  const parts = decoded.split('\u0000');
  return parts.length === 3 && parts[1]!.length > 0 && parts[2]!.length > 0;
};
const isPrintable = (decoded: string): boolean => decoded.length >= 4 && !/[\u0000-\u001f\u007f-\u009f]/u.test(decoded);

function mailTranscripts(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  for (let i = 0; i < words.length; i++) {
    const tag = tags[i]!;
    const at = words[i]!;
    if (tag === AUTH_PLAIN_TAG) {
      AUTH_PLAIN.lastIndex = at;
      const m = AUTH_PLAIN.exec(text);
      countWork(m ? m[0].length : 1);
      if (!m) continue;
      const b64 = m.groups?.b64;
      if (b64 !== undefined) {
        const decoded = decodeBase64(b64);
        if (decoded !== undefined && isPlainMessage(decoded)) findings.push(makeFinding('credential', 'password', m.index + m[0].length - b64.length, m.index + m[0].length, 0.85));
        continue;
      }
      // "AUTH PLAIN", the server's "334", then the message on a line of its own.
      let lineStart = lineEndFrom(text, at, 200) + 1;
      for (let line = 0; line < 2 && lineStart < text.length; line++) {
        if (pushBase64(text, lineStart, findings, isPlainMessage)) break;
        lineStart = lineEndFrom(text, lineStart, 200) + 1;
      }
    } else if (tag === AUTH_LOGIN_TAG) {
      // "334 UGFzc3dvcmQ6" ("Password:") from the server; the client's next line is the base64 password.
      if (!/334[ \t]$/u.test(text.slice(Math.max(0, at - 4), at))) continue;
      const end = lineEndFrom(text, at, 40);
      if (end >= text.length) continue;
      pushBase64(text, end + 1, findings, isPrintable);
    }
  }
}

// IMAP: a tag ("a1", "A001", ".", "1"), LOGIN, the user and the secret, alone on the line (RFC 9051 6.2.3).
const IMAP_LOGIN = /login[ \t]{1,4}(?:"[^"\n]{1,100}"|[^\s"]{1,100})[ \t]{1,4}(?:"(?<dq>[^"\n]{1,200})"|(?<raw>[^\s"]{1,200}))[ \t]*(?=\r?\n|$|<)/iy;
const IMAP_TAG_BEFORE = /\n[ \t>]{0,8}(?:C:[ \t]{0,4})?(?:[A-Za-z]{0,4}\d{1,6}|\.|[a-z])[ \t]{1,4}$/u;
// POP3 / FTP: "PASS secret" on its line, with "USER name" one or two lines above (RFC 1939, RFC 959).
const PASS_LINE = /pass[ \t]{1,4}(?<raw>\S{1,200})[ \t]*(?=\r?\n|$)/iy;
const PASS_LINE_START = /\n[ \t]{0,4}(?:C:|->|>)?[ \t]{0,4}$/u;
const USER_LINES_BEFORE = /\n[ \t]{0,4}(?:C:|->|>)?[ \t]{0,4}user[ \t]{1,4}\S{1,100}[ \t]*\r?\n(?:[^\n]{0,100}\r?\n)?[ \t]{0,4}(?:C:|->|>)?[ \t]{0,4}$/iu;

/** The `limit` units before `at`, with a "\n" in front when they reach the text's start (the patterns above start at a line break). */
function linesBefore(text: string, at: number, limit: number): string {
  countWork(Math.min(at, limit) + 1);
  return at <= limit ? `\n${text.slice(0, at)}` : text.slice(at - limit, at);
}

function loginCommands(text: string, anchors: Anchors, findings: Finding[]): void {
  for (const at of anchors.positions[AnchorGroup.CredentialWord]!) {
    if ((text.charCodeAt(at) | 32) !== 108) continue; // "login" (the group also holds "cred", "zugang" …)
    const before = linesBefore(text, at, 24);
    if (!IMAP_TAG_BEFORE.test(before)) continue;
    IMAP_LOGIN.lastIndex = at;
    const m = IMAP_LOGIN.exec(text);
    countWork(m ? m[0].length : 1);
    const value = m?.groups?.dq ?? m?.groups?.raw;
    if (!m || value === undefined || !isPlausiblePassword(value, 'punct') || !looksLikeSecretWord(value)) continue;
    const start = m.index + m[0].length - value.length - (m.groups?.dq !== undefined ? 1 : 0);
    findings.push(makeFinding('credential', 'password', start, start + value.length, 0.85));
  }
  for (const at of anchors.positions[AnchorGroup.PasswordLabel]!) {
    const c = text.charCodeAt(at + 4);
    if (c !== 32 && c !== 9) continue;
    if (!/^pass$/iu.test(text.slice(at, at + 4))) continue;
    if (!PASS_LINE_START.test(linesBefore(text, at, 12))) continue;
    PASS_LINE.lastIndex = at;
    const m = PASS_LINE.exec(text);
    countWork(m ? m[0].length : 1);
    const value = m?.groups?.raw;
    if (!m || value === undefined || !isPlausiblePassword(value, 'punct') || !looksLikeSecretWord(value)) continue;
    if (!USER_LINES_BEFORE.test(linesBefore(text, at, 240))) continue;
    const start = m.index + m[0].length - value.length;
    findings.push(makeFinding('credential', 'password', start, start + value.length, 0.8));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Chat lines
// ---------------------------------------------------------------------------------------------------------------

/** Phrases after which the next token is the value ("changed it to X"). Lower case, as the anchor pass compares. */
const CHAT_PHRASES = [
  'changed it to', 'change it to', 'set it to', 'reset it to', 'the new one is', 'new one is', 'new one:', "it's", 'it’s', 'it is now', 'try', 'please use',
  'habe es auf', 'hab es auf', "hab's auf", 'ist jetzt', 'probier mal', 'probieren sie', 'versuchen sie', 'versuch mal',
  "l'ai changé en", 'l’ai changé en', "l'ai changé pour", "c'est", 'c’est', 'essayez', 'essaie',
  'cambié a', 'cambié por', 'cambiado a', 'ahora es', 'prueba con', 'pruebe con', 'prueba',
  'cambiata in', 'cambiato in', 'ora è', 'adesso è', 'prova con', 'prova',
  'mudei para', 'mudei a senha para', 'alterei para', 'agora é', 'tente', 'experimente',
  'veranderd in', 'gewijzigd in', 'is nu', 'probeer',
  'zmieniłem na', 'zmieniłam na', 'zmieniłem je na', 'teraz jest', 'teraz to', 'spróbuj',
  'поменял на', 'поменяла на', 'сменил на', 'сменила на', 'изменил на', 'изменила на', 'теперь', 'попробуйте', 'попробуй',
  'şimdi', 'artık',
];
/** Phrases before which the token stands (Turkish: "X olarak değiştirdim", "X ile deneyin"). */
const CHAT_PHRASES_BEFORE = [' olarak değiştirdim', ' olarak değiştirdik', ' olarak ayarladım', ' ile deneyin', ' ile dene'];
// Each phrase is tagged with its index (CHAT_TAG + index), so the phrase at an anchor is known without comparing.
CHAT_PHRASES.forEach((phrase, index) => registerAnchor(phrase, AnchorGroup.ConfigWord, true, CHAT_TAG + index));
for (const phrase of CHAT_PHRASES_BEFORE) registerAnchor(phrase, AnchorGroup.ConfigWord, false, CHAT_BEFORE_TAG);

/** How far back (UTF-16 units) an earlier sentence about the password counts as the line's context. */
const CONTEXT_WINDOW = 400;
// The password and login words of the context sentence (checked at the PasswordLabel and CredentialWord anchors).
const CONTEXT_WORD = /(?:passwor[dt]|passwd|kennwort|пароль|mot\s{1,3}de\s{1,3}passe|mdp|contraseña|contrasena|clave|senha|hasło|haslo|wachtwoord|şifre|sifre|parola|password|login|zugang|zugangsdaten|credentials|identifiants|доступ)/iy;

function hasContextBefore(text: string, anchors: Anchors, at: number): boolean {
  for (const group of [AnchorGroup.PasswordLabel, AnchorGroup.CredentialWord]) {
    const positions = anchors.positions[group]!;
    // The last anchor before `at`, then at most eight before it within the window.
    for (let k = firstAnchorAtOrAfter(positions, at) - 1, seen = 0; k >= 0 && seen < 8 && at - positions[k]! <= CONTEXT_WINDOW; k--, seen++) {
      CONTEXT_WORD.lastIndex = positions[k]!;
      countWork(1);
      if (CONTEXT_WORD.test(text)) return true;
    }
  }
  return false;
}

const CLOSING_VERB = /^[ \t]{1,4}(?:geändert|gesetzt|umgestellt)(?![\p{L}\p{N}])/u;
const CHAT_TOKEN = /[ \t]{1,4}(?:["'“„«])?(?<token>[^\s"'“”«»<>]{6,64})(?![^\s"'“”«»<>])/y;
const KEY_COMBO = /^(?:ctrl|strg|alt|shift|cmd|command|option|fn)\+/iu;

/** Whether a chat token looks like a password: `strict` without a context sentence. */
function chatTokenLooksLikePassword(token: string, strict: boolean): boolean {
  if (token.length < 6 || token.includes('://') || /[/\\]/u.test(token) || /\.[\p{L}\p{N}]/u.test(token)) return false;
  if (/^[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\./u.test(token) || KEY_COMBO.test(token) || /^[$%{[(<#]/u.test(token)) return false;
  if (/^[a-z]{2}[_-][A-Z]{2}\b/u.test(token)) return false;
  // Round c6: an SSH key fingerprint ("SHA256:…", "MD5:…") is an identifier, not a secret.
  if (FINGERPRINT.test(token)) return false;
  const hasLower = /\p{Ll}/u.test(token);
  const hasUpper = /\p{Lu}/u.test(token);
  const hasDigit = /\p{N}/u.test(token);
  const hasSpecial = /[^\p{L}\p{N}_.-]/u.test(token);
  if (!hasLower && !hasUpper) return false;
  if (strict) return token.length >= 8 && hasLower && hasUpper && hasDigit && hasSpecial;
  if (!hasDigit && !hasSpecial) return false;
  // Product and version names: "Firefox2", "iPhone15", "Office365", "Debian12" (a word and at most three digits).
  if (/^\p{L}+\p{N}{1,3}$/u.test(token)) return false;
  // Lower case and digits alone read as identifiers ("utf8mb4", "php81", "latin1"): mixed case or a symbol is needed.
  return (hasLower && hasUpper) || hasSpecial;
}

const FINGERPRINT = /^(?:sha256|sha1|md5):/iu;
/** Round c6: the phrases that say a replacement value follows ("the new one: X"), tags of CHAT_PHRASES. */
const NEW_ONE_PHRASES = new Set(['the new one is', 'new one is', 'new one:']);

/**
 * Round c6: after "the new one:" / "the new one is" with no earlier password sentence, a token with a digit and a
 * letter of at least eight units counts when it has mixed case or a symbol other than "_", "-", "." (the strict rule
 * also wants all four), unless it reads as a name and version ("AlmaLinux-9", "WinServer2022": letters, then at most
 * four digits) or a ticket or order reference ("ticket#48213", "order#2026-0042").
 */
function newOneTokenLooksLikePassword(token: string): boolean {
  if (token.length < 8 || !/\p{N}/u.test(token) || !chatTokenLooksLikePassword(token, false)) return false;
  return !/^\p{L}+[-_]?\p{N}{1,4}$/u.test(token) && !/^\p{L}+#[\d-]+$/u.test(token);
}

function chatLines(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  let lastEnd = -1;
  for (let i = 0; i < words.length; i++) {
    const tag = tags[i]!;
    const phrase = tag >= CHAT_TAG ? CHAT_PHRASES[tag - CHAT_TAG] : undefined;
    if (phrase === undefined && tag !== CHAT_BEFORE_TAG) continue;
    const at = words[i]!;
    let start: number;
    let token: string;
    if (phrase !== undefined) {
      const length = phrase.length;
      // The phrase ends a word ("try" is not "trying").
      const after = text.charCodeAt(at + length);
      if (text.charCodeAt(at + length - 1) !== 58 && after !== 32 && after !== 9) continue;
      CHAT_TOKEN.lastIndex = at + length;
      const m = CHAT_TOKEN.exec(text);
      countWork(m ? m[0].length : 1);
      if (!m?.groups) continue;
      token = withoutTrailingPunctuation(m.groups.token!);
      start = m.index + m[0].length - m.groups.token!.length;
    } else {
      // The token right before " olarak değiştirdim".
      let k = at;
      while (k > 0 && at - k < 64 && !/\s/u.test(text.charAt(k - 1))) k--;
      countWork(at - k + 1);
      token = text.slice(k, at).replace(/^["'“„«]/u, '').replace(/["'”»]$/u, '');
      start = at - token.length - (/["'”»]$/u.test(text.slice(k, at)) ? 1 : 0);
    }
    if (start < lastEnd || token.length < 6) continue;
    // A closed German frame ("habe es auf X geändert") or the Turkish one ("X olarak değiştirdim") says a value was set.
    const context = (tag === CHAT_BEFORE_TAG || CLOSING_VERB.test(text.slice(start + token.length, start + token.length + 14)) && /^ha/iu.test(text.slice(at, at + 2)))
      || hasContextBefore(text, anchors, start);
    const newOne = !context && phrase !== undefined && NEW_ONE_PHRASES.has(phrase);
    if (!(newOne ? newOneTokenLooksLikePassword(token) : chatTokenLooksLikePassword(token, !context)) || !isPlausiblePassword(token, 'punct')) continue;
    findings.push(makeFinding('credential', 'password', start, start + token.length, context ? 0.7 : 0.65));
    lastEnd = start + token.length;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tables: a header row with a password column (CSV imports, spreadsheet rows pasted with tabs or ";", markdown tables),
// then rows whose cell in that column is the value. Found from the PasswordLabel anchors that stand as a whole cell.
// ---------------------------------------------------------------------------------------------------------------

const CELL_LABEL = /^(?:password|passwort|kennwort|passwd|pass|pwd|pw|пароль|contraseña|contrasena|senha|hasło|haslo|wachtwoord|mot de passe|mdp|şifre|sifre|parola|clave|lösenord|salasana|heslo|jelszó|passord|adgangskode)$/iu;
const DELIMITERS = ['\t', '|', ';', ','];
const MARKDOWN_RULE = /^[ \t]*\|?[ \t]*:?-{3,}/u;
// Round c10: a rule row that MARKDOWN_RULE does not skip (under reply quote marks, "> |---|", or further down) has rule
// cells ("---", ":---:") in the password column, not values.
const RULE_CELL = /^:?-{3,}:?$/u;
/** The most rows read under one header. */
const MAX_ROWS = 20;

const isCellDelimiter = (code: number): boolean => code === 9 || code === 124 || code === 59 || code === 44;
/** Whether a cell edge stands at `at` looking in `direction` (-1: before it, 1: from it), a few blanks aside. */
function isCellEdge(text: string, at: number, direction: -1 | 1): boolean {
  let k = direction < 0 ? at - 1 : at;
  for (let blanks = 0; blanks < 4 && k >= 0 && k < text.length && text.charCodeAt(k) === 32; blanks++) k += direction;
  if (k < 0 || k >= text.length) return true;
  const code = text.charCodeAt(k);
  return isCellDelimiter(code) || code === 10 || code === 13;
}

/** Whether a label anchor stands in [from, to). */
function hasLabelBetween(labels: readonly number[], from: number, to: number): boolean {
  const k = firstAnchorAtOrAfter(labels, from);
  return k < labels.length && labels[k]! < to;
}

function tableCells(text: string, anchors: Anchors, findings: Finding[]): void {
  let lastLine = -1;
  // The end of the last line judged too long to be a header: labels before it are not looked at again (one long line
  // of "password," cells made each label walk back 200 units).
  let longLineEnd = -1;
  const labels = anchors.positions[AnchorGroup.PasswordLabel]!;
  for (const at of labels) {
    if (at < longLineEnd) continue;
    // Cheap test first: a whole cell has a delimiter or line start before it and a delimiter or line end after its word.
    if (!isCellEdge(text, at, -1)) continue;
    let wordEnd = at;
    while (wordEnd < text.length && wordEnd - at < 16 && !isCellDelimiter(text.charCodeAt(wordEnd)) && text.charCodeAt(wordEnd) !== 10) wordEnd++;
    countWork(wordEnd - at + 1);
    if (!isCellEdge(text, wordEnd, 1)) continue;
    // The header line holding the anchor (at most 200 units either way; a longer line is no header).
    let lineStart = at;
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && at - lineStart <= 200) lineStart--;
    if (lineStart === lastLine) continue;
    const lineEnd = lineEndFrom(text, at, 200);
    countWork(at - lineStart + 1);
    if ((lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) || lineEnd - lineStart > 200) {
      longLineEnd = lineEnd;
      continue;
    }
    if (lineEnd >= text.length) continue;
    const header = text.slice(lineStart, lineEnd).replace(/\r$/u, '');
    const delimiter = DELIMITERS.find((d) => header.includes(d));
    if (delimiter === undefined) continue;
    const headerCells = header.split(delimiter).map((c) => c.trim());
    const column = headerCells.findIndex((c) => CELL_LABEL.test(c));
    if (column < 0 || headerCells.length < 2) continue;
    lastLine = lineStart;
    // The rows below: a markdown rule line is skipped; a blank line or a row with another cell count ends the table.
    let rowStart = lineEnd + 1;
    for (let row = 0; row < MAX_ROWS && rowStart < text.length; row++) {
      const rowEnd = lineEndFrom(text, rowStart, 400);
      if (rowEnd - rowStart > 400) break;
      const line = text.slice(rowStart, rowEnd).replace(/\r$/u, '');
      if (row === 0 && delimiter === '|' && MARKDOWN_RULE.test(line)) {
        rowStart = rowEnd + 1;
        continue;
      }
      const cells = line.split(delimiter);
      if (line.trim() === '' || cells.length !== headerCells.length) break;
      // Another header ends the table: it is read as a header of its own (rows read under two headers each made the
      // work grow with MAX_ROWS on a comment of alternating header and row lines).
      if (hasLabelBetween(labels, rowStart, rowEnd) && cells.some((c) => CELL_LABEL.test(c.trim()))) break;
      let offset = rowStart;
      for (let c = 0; c < column; c++) offset += cells[c]!.length + delimiter.length;
      const cell = cells[column]!;
      const value = cell.trim();
      if (value.length > 0 && !/\s/u.test(value) && !RULE_CELL.test(value) && isPlausiblePassword(value, 'punct') && looksLikeSecretWord(value) && !value.includes('://') && !/^[/~$]/u.test(value)) {
        const start = offset + cell.indexOf(value);
        findings.push(makeFinding('credential', 'password', start, start + value.length, 0.8));
      }
      rowStart = rowEnd + 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Round c6: "pwd X" and a security question's answer
// ---------------------------------------------------------------------------------------------------------------

/**
 * "pwd X" with a bare space: "pwd" is also the shell command that prints the working directory, which takes no argument
 * but -L/-P ("pwd", "$ pwd", "pwd -P", "pwd && ls", "pwd returns /var/www", "[root@srv ~]# pwd /root"). So "pwd" counts
 * only at the start of its line (after spaces, reply quote marks, or a chat prefix ending in ": "; not after a shell
 * prompt), with exactly one token after it that ends the line and looks like a password (a digit, and mixed case or a
 * symbol: not a path, option, operator or word). Found from the "pwd" anchors of PasswordInside (password-lines.ts).
 */
const PWD_VALUE = /pwd[ \t]{1,4}(?<token>[^\s<>"'`]{6,64})[ \t]*(?=\r?\n|<|$)/diy;

// An HTML block tag right before "pwd" starts a line as well ("<div>pwd X</div>", "<br>pwd X").
const BLOCK_TAG_BEFORE = /<(?:div|p|br|li|td)(?:\s[^<>]{0,80})?\/?>$/iu;
function blockTagBefore(text: string, at: number): boolean {
  countWork(Math.min(at, 100) + 1);
  return BLOCK_TAG_BEFORE.test(text.slice(Math.max(0, at - 100), at));
}

function pwdLines(text: string, anchors: Anchors, findings: Finding[]): void {
  for (const at of anchors.positions[AnchorGroup.PasswordInside]!) {
    const next = text.charCodeAt(at + 3);
    if ((next !== 32 && next !== 9) || (text.charCodeAt(at) | 32) !== 112 || (text.charCodeAt(at + 1) | 32) !== 119) continue;
    // What stands before "pwd" on its line: only spaces and ">" back to the line start or to a ": " chat prefix.
    let k = at;
    while (k > 0 && at - k < 12 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9 || text.charCodeAt(k - 1) === 62)) k--;
    countWork(at - k + 1);
    const before = k > 0 ? text.charCodeAt(k - 1) : 10;
    if (before !== 10 && before !== 13 && !(before === 58 && k < at && text.charCodeAt(k) !== 62)
      && !(text.charCodeAt(at - 1) === 62 && blockTagBefore(text, at))) continue;
    PWD_VALUE.lastIndex = at;
    const m = PWD_VALUE.exec(text);
    countWork(m ? m[0].length : 1);
    const token = m?.groups?.token;
    if (!m || token === undefined || !/\p{N}/u.test(token) || !chatTokenLooksLikePassword(token, false) || !isPlausiblePassword(token, 'punct')) continue;
    const [start, end] = m.indices!.groups!.token!;
    findings.push(makeFinding('credential', 'password', start, end, 0.7));
  }
}

// A security question ("Sicherheitsfrage: Geburtsort der Mutter, Antwort: X"): "Antwort"/"answer" alone is a common
// word, so the answer counts only on the question's line or the line after it. Anchors: the question words.
const QUESTION_TAG = 1004;
const QUESTION_WORDS = ['security question', 'sicherheitsfrage', 'pregunta de seguridad', 'question secrète', 'контрольный вопрос',
  'domanda segreta', 'domanda di sicurezza', 'pergunta secreta', 'pergunta de segurança', 'beveiligingsvraag', 'güvenlik sorusu', 'pytanie zabezpieczające'];
for (const word of QUESTION_WORDS) registerAnchor(word, AnchorGroup.ConfigWord, true, QUESTION_TAG);
// The rest of the question's line (at most 160 units), or of the line after it (80), then the answer word, ":" and one
// token that ends its line (a full stop after it is not part of it).
const QUESTION_ANSWER = /[^\n]{0,160}?(?:\n[ \t>]{0,8}[^\n]{0,80}?)?(?<![\p{L}\p{N}])(?:answer|antwort|respuesta|réponse|ответ|risposta|resposta|antwoord|odpowiedź|cevap)[ \t]{0,3}[:=][ \t]{0,3}(?<value>[^\s<>]{4,64}?)\.?[ \t]*(?=\r?\n|<|$)/diuy;

function securityAnswers(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  let lastEnd = -1;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== QUESTION_TAG || words[i]! < lastEnd) continue;
    QUESTION_ANSWER.lastIndex = words[i]!;
    const m = QUESTION_ANSWER.exec(text);
    countWork(m ? m[0].length : 250);
    const value = m?.groups?.value;
    if (!m || value === undefined) continue;
    lastEnd = m.index + m[0].length;
    // A digit, and mixed case or a symbol (not "ja", "done", a date, "php82-fpm", a link or a placeholder).
    if (!/\p{N}/u.test(value) || !chatTokenLooksLikePassword(value, false) || !isPlausiblePassword(value, 'punct')) continue;
    const [start, end] = m.indices!.groups!.value!;
    findings.push(makeFinding('credential', 'password', start, end, 0.8));
  }
}

/** C05: compound keys, XML elements, mail protocol transcripts and chat lines (see the comment at the top). */
export function detectCredentialForms(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  compoundAndXml(text, anchors, findings);
  mailTranscripts(text, anchors, findings);
  loginCommands(text, anchors, findings);
  chatLines(text, anchors, findings);
  tableCells(text, anchors, findings);
  pwdLines(text, anchors, findings);
  securityAnswers(text, anchors, findings);
  return findings;
}
