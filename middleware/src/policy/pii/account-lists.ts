import { AnchorGroup, findAnchors, registerAnchor, type Anchors } from './anchors.js';
import { makeFinding, type Finding } from './finding.js';
import { isPlausiblePassword, looksLikeSecretWord } from './password-lines.js';
import { countWork as countWorkImport } from './scan-work.js';
import { isAlnumAt, lineEndFrom, lineStartBefore } from './text-boundaries.js';
import { SERVICE_TAG } from './service-logins.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/**
 * C05, credential round c15a: lists and tables of accounts whose secrets carry no password label of their own.
 * - Entries below a list intro that ends in a colon ("Mailboxes to move:", "Postfächer:", "Caselle da migrare:",
 *   "Учётки:", "Erişimler:" …): "mailbox - secret", "mailbox : secret", "mailbox | secret | 2 GB", "mailbox → secret",
 *   "mailbox  pwd secret", "host  user  secret", host, user and secret on three lines of their own.
 * - A line that starts with a host and gives its login at once ("panel.example.net:2083 | user | secret",
 *   "webmail.example.org -> box@example.org / secret", "https://host:2222 -> user secret"), no intro needed.
 * - Tables whose header row names a user column and a password column, aligned by blanks, pipes or HTML cells.
 * - "user / secret" after an access word on its line ("root access to the VPS 192.0.2.1: root / secret",
 *   "Zugangsdaten lauten user / secret", "DB: name / mdp secret") and "key secret" on a Wi-Fi line.
 * Each rule runs only at an anchor of the one anchor pass and reads a bounded number of lines after it.
 */

// Tags of this file's literals in the ConfigWord group (other files use 0-4100 and 5000-5016; the service words are
// service-logins.ts's, tag 200).
const INTRO_TAG = 5150;
const CUE_TAG = 5151;
const WIFI_TAG = 5152;

/** Stems of the words that introduce a list of accounts, in the desks' ten languages (lower case). */
const INTRO_WORDS = [
  'mailbox', 'accounts', 'account', 'logins', 'access', 'credentials', 'users',
  'postfäch', 'postfach', 'konten', 'mailkonten', 'zugänge', 'zugang', 'benutzer',
  'cuentas', 'buzones', 'buzón', 'accesos', 'credenciales', 'usuarios',
  'caselle', 'accessi', 'credenziali', 'utenti',
  'contas', 'caixas', 'acessos', 'credenciais', 'usuários',
  'mailboxen', 'toegang', 'inloggegevens', 'gebruikers',
  'comptes', 'boîtes', 'boites', 'accès', 'acces', 'identifiants',
  'skrzynk', 'konta', 'dostęp', 'dane logowania', 'użytkownic',
  'ящик', 'учётк', 'учетк', 'учётные', 'учетные', 'доступ', 'аккаунт',
  'hesap', 'erişim', 'posta kutu', 'kullanıcılar',
];
for (const word of INTRO_WORDS) registerAnchor(word, AnchorGroup.ConfigWord, true, INTRO_TAG);
for (const word of ['vps', 'root', 'server', 'serveur', 'servidor', 'sunucu', 'сервер', 'serwer']) registerAnchor(word, AnchorGroup.ConfigWord, true, CUE_TAG);
for (const word of ['wi-fi', 'wifi', 'wlan']) registerAnchor(word, AnchorGroup.ConfigWord, true, WIFI_TAG);

/** How many lines below an intro are read, and how long a line may be. */
const LINES_AFTER_INTRO = 14;
const MAX_LINE = 300;

// What may open a line of a list: blanks, reply quote marks, an opening tag or two, a bullet or a number.
const LINE_PREFIX = /^(?:[ \t>]|&gt;)*(?:<(?:div|p|li|span|td|br|blockquote)\b[^<>]{0,80}>[ \t]*)*(?:[-*•–][ \t]+|\d{1,2}[.)][ \t]+)?/iu;
const PASSWORD_WORD = String.raw`(?:passwort|password|kennwort|contraseña|wachtwoord|senha|hasło|haslo|şifre|sifre|parola|пароль|clave|pwd|pass|mdp|pw|ww)`;
// An entry: an optional host and its separator, the user (an address or a login), the separator, the secret, an
// optional size column, the line's end (closing tags allowed).
const ENTRY = new RegExp(
  String.raw`^(?:(?<host>(?:[a-z][a-z0-9+.-]{1,10}:\/\/)?[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+(?::\d{1,5})?(?:\/[^\s|]{0,80})?)(?<hsep>[ \t]*(?:->|→|=>|\|)[ \t]*|[ \t]{2,}|[ \t]*:[ \t]+|[ \t]))?` +
    String.raw`(?<user>[\p{L}\p{N}_.+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})+|[\p{L}\p{N}_.-]{2,40})` +
    String.raw`(?<sep>[ \t]+[-–—:|/→][ \t]+|[ \t]*(?:->|=>|→|\|)[ \t]*|[ \t]+\/[ \t]*|[ \t]*\/[ \t]+|:[ \t]+|[ \t]+${PASSWORD_WORD}[ \t]*[:=]?[ \t]+|[ \t]{2,}|[ \t])` +
    String.raw`(?<secret>[^\s<>|]{4,64})` +
    String.raw`(?:[ \t]*\|[ \t]*\d{1,5}(?:[.,]\d{1,2})?[ \t]?(?:[KMGT]i?B|[KMGT]o))?[ \t]*\|?[ \t]*(?:<\/?(?:div|p|li|span|br|td|blockquote)\b[^<>]{0,20}>[ \t]*)*\r?$`,
  'iu',
);
const EMAIL = /^[^\s@]+@[^\s@]+\.\p{L}{2,}$/u;
const HOST_NAME = /^(?:[a-z][a-z0-9+.-]{1,10}:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}(?::\d{1,5})?$/u;
const NOT_SECRET = new RegExp(
  [
    String.raw`^\d+(?:[.,]\d+)?[ \t]?(?:[kmgt]i?b|[kmgt]o|ms|px|%)$`, // a size
    String.raw`^\d{1,4}[-./]\d{1,2}(?:[-./]\d{1,4})?$`, // a date
    String.raw`^v?\d+(?:\.\d+)+`, // a version or an IP
    String.raw`^[a-z]{0,3}[-_#]?\d{3,}$`, // an id ("u12345", "web451" is read as a login)
    String.raw`^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$`, // an IBAN
    String.raw`^[a-z0-9]+(?:_[a-z0-9]+){2,}$`, // a snake_case name ("utf8mb4_general_ci")
    String.raw`^[/~#'"\x60.]`, // a path, a number, a quoted expression
    String.raw`:\/\/`,
  ].join('|'),
  'iu',
);

// A ticket or case number ("INC-4412", "SR-77").
const TICKET = /^[A-Z]{2,6}-\d+$/u;

/** Whether a token in a list looks like a secret: a letter and a digit, symbol or mixed case; no host, size, date or id. */
export function listSecretLike(value: string): boolean {
  if (value.length < 4 || value.length > 64) return false;
  if (!/\p{L}/u.test(value) || !looksLikeSecretWord(value)) return false;
  // Upper-case letters only ("STARTTLS", "SMTP-AUTH"): a name, not a secret.
  if (!/[\p{N}]|[^\p{L}\p{N}-]/u.test(value) && !(/\p{Lu}/u.test(value) && /\p{Ll}/u.test(value))) return false;
  if (EMAIL.test(value) || HOST_NAME.test(value) || NOT_SECRET.test(value) || TICKET.test(value)) return false;
  return isPlausiblePassword(value, 'punct');
}

const BLANK_LINE = /^(?:[ \t>]|&gt;|<\/?(?:div|p|br|span|blockquote)\b[^<>]{0,40}>)*\r?$/iu;

/** The finding of one list line, or null. `listed`: the line stands under a list intro. */
function entryOf(text: string, lineStart: number, lineEnd: number, listed: boolean): Finding | null {
  const line = text.slice(lineStart, lineEnd);
  countWork(2 * line.length + 1);
  const prefix = LINE_PREFIX.exec(line)![0];
  const body = line.slice(prefix.length);
  const m = ENTRY.exec(body);
  if (!m) return null;
  const { host, hsep, user, sep } = m.groups as Record<string, string | undefined>;
  let secret = m.groups!.secret!;
  secret = secret.replace(/[,;]+$/u, '');
  const bareSep = sep!.trim() === '';
  if (host !== undefined) {
    // A host and one blank before the user reads prose ("mail.example.com works again"); without an intro the host's
    // separator is an arrow or a pipe, or the pair's is a slash or a pipe.
    if (hsep!.trim() === '' && hsep!.length < 2) return null;
    if (!listed && hsep!.trim() === '' && !/[/|]/u.test(sep!)) return null;
    // "https://host -> user secret": one blank between user and secret only after an arrow.
    if (!listed && bareSep && !/->|→|=>/u.test(hsep!)) return null;
  } else {
    if (!listed) return null;
    if (bareSep && sep!.length < 2) return null;
    // "Bank: …", "Status: …": after a colon or a dash only an address is a mailbox's user.
    if (/^[ \t]*[:\-–—][ \t]*$/u.test(sep!) && !EMAIL.test(user!)) return null;
  }
  if (!/\p{L}/u.test(user!) || HOST_NAME.test(user!) && host === undefined && !EMAIL.test(user!)) return null;
  if (!listSecretLike(secret)) return null;
  // The secret stands right after the host, the user and their separators.
  const at = prefix.length + (host !== undefined ? host.length + hsep!.length : 0) + user!.length + sep!.length;
  return makeFinding('credential', 'password', lineStart + at, lineStart + at + secret.length, 0.8);
}

/** Host, user and secret on three lines of their own right below an intro ("Credentials:"). */
function threeLines(text: string, lines: readonly [number, number][], findings: Finding[]): void {
  if (lines.length < 3) return;
  const [h, u, s] = lines as [[number, number], [number, number], [number, number]];
  const token = (range: [number, number]): string => {
    const line = text.slice(range[0], range[1]);
    return line.slice(LINE_PREFIX.exec(line)![0].length).replace(/(?:<[^<>]{1,20}>|[ \t\r])+$/u, '');
  };
  const host = token(h);
  const user = token(u);
  const secret = token(s);
  countWork(host.length + user.length + secret.length + 3);
  if (!HOST_NAME.test(host.toLowerCase()) || !/^[\p{L}\p{N}_.@+-]{2,64}$/u.test(user) || !/^\S{4,64}$/u.test(secret)) return;
  if (!listSecretLike(secret)) return;
  const line = text.slice(s[0], s[1]);
  const start = s[0] + line.indexOf(secret, LINE_PREFIX.exec(line)![0].length);
  findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.75));
}

/** The end of the line of the intro word at `at` (`end`, lineEndFrom's at most 160 on) when it is short and ends in a colon (closing tags allowed), or -1. */
function introLineEnd(text: string, at: number, end: number): number {
  // Most intro words stand in prose: the line's last character (before blanks) is neither the colon nor the end of a
  // tag or entity that might hide one, and the line is turned down before anything is cut out of it.
  if (!mayEndInColon(text, end)) return -1;
  const start = lineStartBefore(text, at, 120);
  if (start < at && at - start >= 120) return -1;
  if (end < text.length && text.charCodeAt(end) !== 10) return -1;
  const rest = text.slice(at, end).replace(/(?:<[^<>]{1,40}>|[ \t\r]|&nbsp;)+$/u, '');
  countWork(rest.length + 1);
  return rest.endsWith(':') || rest.endsWith('：') ? end : -1;
}

/** False when text[…, end) cannot end in ":" or "：" once closing tags, blanks and "&nbsp;" are stripped from its end. */
function mayEndInColon(text: string, end: number): boolean {
  let k = end;
  while (k > 0 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9 || text.charCodeAt(k - 1) === 13)) k--;
  countWork(end - k + 1);
  const last = k > 0 ? text.charCodeAt(k - 1) : -1;
  return last === 58 || last === 0xff1a || last === 62 || last === 59;
}

/**
 * False when text[lineStart, at) cannot be list markers, quote marks and blanks only (hostLines' test): the first
 * character before `at` that is not a blank must end such a marker ("-", "*", "•", ">", the ";" of "&gt;") or be the
 * line's start; most service words stand after a word in prose.
 */
function mayFollowMarkersOnly(text: string, at: number): boolean {
  let k = at;
  while (k > 0 && at - k < 40 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
  countWork(at - k + 1);
  if (k === 0 || at - k >= 40) return true;
  const c = text.charCodeAt(k - 1);
  return c === 10 || c === 62 || c === 42 || c === 0x2022 || c === 45 || c === 59;
}

function listsBelowIntros(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  let readTo = -1;
  for (let i = 0; i < words.length; i++) {
    // One intro a line, and none inside the lines a list already read.
    if (tags[i] !== INTRO_TAG || words[i]! < readTo) continue;
    readTo = lineEndFrom(text, words[i]!, 160);
    const end = introLineEnd(text, words[i]!, readTo);
    if (end < 0 || end >= text.length) continue;
    let lineStart = Math.max(end + 1, readTo);
    const lines: [number, number][] = [];
    let misses = 0;
    for (let n = 0; n < LINES_AFTER_INTRO && lineStart < text.length; n++) {
      const lineEnd = lineEndFrom(text, lineStart, MAX_LINE);
      if (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10) break;
      const line = text.slice(lineStart, lineEnd);
      countWork(line.length + 1);
      if (!BLANK_LINE.test(line)) {
        lines.push([lineStart, lineEnd]);
        const finding = entryOf(text, lineStart, lineEnd, true);
        if (finding) findings.push(finding);
        else if (++misses >= 3) break;
      }
      lineStart = lineEnd + 1;
    }
    readTo = lineStart;
    threeLines(text, lines, findings);
  }
}

/** Lines that start with a service host ("webmail.…", "panel.…:2083", "https://…") and give a login at once. */
// What /[a-z0-9+.-]/iu matches of one code unit: ASCII letters and digits, "+", ".", "-", and "ſ" and the Kelvin sign (they
// fold to s and k).
const isSchemeUnit = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45 || c === 0x17f || c === 0x212a;

function hostLines(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  const starts: number[] = [];
  for (let i = 0; i < words.length; i++) if (tags[i] === SERVICE_TAG) starts.push(words[i]!);
  const schemes = anchors.positions[AnchorGroup.HostWord]!;
  const schemeTags = anchors.tags[AnchorGroup.HostWord]!;
  for (let i = 0; i < schemes.length; i++) {
    if (schemeTags[i] !== 1) continue;
    let k = schemes[i]!;
    while (k > 0 && schemes[i]! - k < 10 && isSchemeUnit(text.charCodeAt(k - 1))) k--;
    starts.push(k);
  }
  countWork(starts.length + 1);
  let seenTo = -1;
  for (const at of starts.sort((a, b) => a - b)) {
    // One look a line: the first anchor on it.
    if (at < seenTo || !mayFollowMarkersOnly(text, at)) continue;
    const lineStart = lineStartBefore(text, at, 40);
    // Only list markers, quote marks and blanks before the host; a service word must be a host's first label.
    if (!/^(?:[ \t>*•-]|&gt;|<(?:div|p|li|span|br)\b[^<>]{0,40}>)*$/iu.test(text.slice(lineStart, at))) continue;
    if (!/[./:]/u.test(text[at + (/^[a-z0-9-]*/iu.exec(text.slice(at, at + 20))![0].length)] ?? '')) continue;
    const lineEnd = lineEndFrom(text, at, MAX_LINE);
    seenTo = lineEnd;
    if (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10) continue;
    const finding = entryOf(text, lineStart, lineEnd, false);
    if (finding) findings.push(finding);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tables with a header row
// ---------------------------------------------------------------------------------------------------------------

const PASSWORD_HEADERS = new Set(['password', 'passwort', 'pw', 'pwd', 'pass', 'passwd', 'kennwort', 'senha', 'mdp', 'mot de passe',
  'hasło', 'haslo', 'contraseña', 'contrasena', 'clave', 'wachtwoord', 'ww', 'пароль', 'şifre', 'sifre', 'parola']);
const USER_HEADERS = new Set(['user', 'username', 'user name', 'login', 'benutzer', 'benutzername', 'nutzer', 'identifiant', 'utilisateur',
  'usuario', 'usuário', 'utente', 'utilizador', 'gebruiker', 'gebruikersnaam', 'логин', 'пользователь', 'kullanıcı', 'kullanıcı adı',
  'użytkownik', 'uzytkownik', 'email', 'e-mail', 'mail', 'mailbox', 'postfach', 'account', 'konto', 'compte', 'conta', 'cuenta',
  'casella', 'caixa', 'skrzynka', 'ящик', 'hesap', 'e-posta', 'adresse', 'address', 'adres', 'адрес', 'correo']);

interface Cell { text: string; start: number }

/** The cells of a table line: split at pipes, or else at runs of two or more blanks (or a tab). */
function cellsOf(line: string, offset: number): Cell[] {
  const cells: Cell[] = [];
  const pattern = line.includes('|') ? /[^|]+/gu : /[^\s]+(?: [^\s]+)*/gu;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    if (value === '' && line.includes('|')) continue;
    cells.push({ text: value, start: offset + m.index + lead });
  }
  countWork(line.length + 1);
  return cells;
}

function headerColumns(cells: readonly Cell[]): number {
  if (cells.length < 2 || cells.length > 6 || cells.some((c) => c.text.length > 24)) return -1;
  const names = cells.map((c) => c.text.toLowerCase().replace(/[:*]+$/u, ''));
  const p = names.findIndex((n) => PASSWORD_HEADERS.has(n));
  return p >= 0 && names.some((n) => USER_HEADERS.has(n)) ? p : -1;
}

function alignedTables(text: string, anchors: Anchors, findings: Finding[]): void {
  const labels = anchors.positions[AnchorGroup.PasswordLabel]!;
  let last = -1;
  for (const at of labels) {
    // One look a line (its first label), and none inside a table already read.
    if (at <= last) continue;
    const lineEnd = lineEndFrom(text, at, 160);
    last = lineEnd;
    if (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10) continue;
    const lineStart = lineStartBefore(text, at, 160);
    const line = text.slice(lineStart, lineEnd);
    if (line.includes('<')) continue;
    const prefix = /^(?:[ \t>]|&gt;)*/u.exec(line)![0];
    const body = line.slice(prefix.length).replace(/\r$/u, '');
    if (!body.includes('|') && !/\S(?: ?\t|  )/u.test(body)) continue;
    const header = cellsOf(body, lineStart + prefix.length);
    const p = headerColumns(header);
    if (p < 0) continue;
    let rowStart = lineEnd + 1;
    for (let n = 0; n < 30 && rowStart < text.length; n++) {
      const rowEnd = lineEndFrom(text, rowStart, MAX_LINE);
      if (rowEnd < text.length && text.charCodeAt(rowEnd) !== 10) break;
      const row = text.slice(rowStart, rowEnd);
      const rowPrefix = /^(?:[ \t>]|&gt;)*/u.exec(row)![0];
      const rowBody = row.slice(rowPrefix.length).replace(/\r$/u, '');
      countWork(row.length + 1);
      if (/^[\s|:+-]*$/u.test(rowBody) && rowBody.includes('-')) { rowStart = rowEnd + 1; continue; }
      const cells = cellsOf(rowBody, rowStart + rowPrefix.length);
      if (cells.length !== header.length) break;
      const cell = cells[p]!;
      if (listSecretLike(cell.text) && !/\s/u.test(cell.text)) findings.push(makeFinding('credential', 'password', cell.start, cell.start + cell.text.length, 0.8));
      rowStart = rowEnd + 1;
    }
    last = rowStart;
  }
}

const HTML_CELL = /<t([hd])\b[^<>]{0,80}>((?:[^<]|<(?!\/t[hd]>)){0,200})<\/t\1>/giu;
const CELL_VALUE = /^(?:\s|&nbsp;|<[^<>]{1,40}>)*([^\s<>]{1,64})(?:\s|&nbsp;|<[^<>]{1,40}>)*$/u;

function htmlCells(text: string, from: number, to: number): Cell[] {
  const cells: Cell[] = [];
  const row = text.slice(from, to);
  countWork(row.length + 1);
  HTML_CELL.lastIndex = 0;
  for (let m = HTML_CELL.exec(row); m; m = HTML_CELL.exec(row)) {
    const inner = m[2]!;
    const v = CELL_VALUE.exec(inner);
    const innerStart = m.index + m[0].indexOf('>') + 1;
    if (v) cells.push({ text: v[1]!, start: from + innerStart + inner.indexOf(v[1]!) });
    else cells.push({ text: inner.replace(/<[^<>]{1,40}>/gu, '').trim(), start: -1 });
  }
  return cells;
}

function htmlTables(text: string, anchors: Anchors, findings: Finding[]): void {
  const labels = anchors.positions[AnchorGroup.PasswordLabel]!;
  let last = -1;
  for (const at of labels) {
    if (at <= last) continue;
    const before = text.slice(Math.max(0, at - 40), at);
    countWork(before.length + 1);
    if (!/<th\b[^<>]{0,30}>(?:<[^<>]{1,20}>)*[ \t]*$/iu.test(before)) continue;
    // The header row around the label, looked for at most 600 units either way.
    const windowStart = Math.max(0, at - 600);
    const open = text.slice(windowStart, at).lastIndexOf('<tr');
    const close = text.slice(at, at + 600).indexOf('</tr>');
    countWork(Math.min(at, 600) + 600);
    // No row around it: the labels of the next 600 units are not looked at again.
    if (open < 0 || close < 0) { last = at + 600; continue; }
    const rowOpen = windowStart + open;
    const rowClose = at + close;
    const header = htmlCells(text, rowOpen, rowClose);
    const p = headerColumns(header);
    // Not a header: the row's other labels are not looked at again.
    if (p < 0) { last = rowClose; continue; }
    let from = rowClose + 5;
    for (let n = 0; n < 30; n++) {
      const gap = /^\s{0,20}<tr\b[^<>]{0,60}>/iu.exec(text.slice(from, from + 100));
      countWork(100);
      if (!gap) break;
      const within = text.slice(from, from + 2000).indexOf('</tr>');
      countWork(2000);
      if (within < 0) break;
      const close = from + within;
      const cells = htmlCells(text, from, close);
      const cell = cells[p];
      if (cell && cell.start >= 0 && listSecretLike(cell.text)) findings.push(makeFinding('credential', 'password', cell.start, cell.start + cell.text.length, 0.8));
      from = close + 5;
    }
    last = from;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// "user / secret" after an access word on its line; "key secret" on a Wi-Fi line
// ---------------------------------------------------------------------------------------------------------------

const PAIR = new RegExp(
  String.raw`(?<![^\s:,(])(?<user>[\p{L}\p{N}_.@+-]{2,64})[ \t]{1,3}\/[ \t]{1,3}(?:(?<label>${PASSWORD_WORD})[ \t]{1,3})?(?<secret>[^\s<>"'/]{4,64})(?<after>[^\n]{0,3})`,
  'giu',
);
/** Where the first blank, "/" and blank at or after `from` starts (what PAIR's separator needs at least), or the text's length. */
function blankSlashFrom(text: string, from: number): number {
  const isBlank = (k: number): boolean => text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9;
  let slash = text.indexOf('/', from + 1);
  while (slash >= 0 && !(isBlank(slash - 1) && isBlank(slash + 1))) slash = text.indexOf('/', slash + 1);
  const at = slash < 0 ? text.length : slash - 1;
  countWork(at - from + 1);
  return at;
}
const PAIR_END = /^(?:[ \t]*(?:$|\r|\n|<|[.,;)](?:[ \t]|$|\r|\n)))/u;
// Letters then one or two digits ("IPv6", "PHP8", "SSH2"): a name and its version when no label stands before it.
const PRODUCT = /^\p{L}{1,6}[-_]?v?\p{N}{1,2}$/u;

function strongSecret(value: string): boolean {
  return value.length >= 8 && /\p{N}/u.test(value) && /\p{L}/u.test(value) && (/[^\p{L}\p{N}]/u.test(value) || (/\p{Lu}/u.test(value) && /\p{Ll}/u.test(value)));
}

function pairsAfterCues(text: string, anchors: Anchors, findings: Finding[]): void {
  const starts: number[] = [...anchors.positions[AnchorGroup.CredentialWord]!];
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  for (let i = 0; i < words.length; i++) if (tags[i] === SERVICE_TAG || tags[i] === CUE_TAG || tags[i] === INTRO_TAG) starts.push(words[i]!);
  starts.sort((a, b) => a - b);
  countWork(starts.length + 1);
  let readTo = -1;
  let nextSlash = -1;
  let nextBreak = -1;
  for (const at of starts) {
    const from = Math.max(at, readTo);
    // The line's end (lineEndFrom's, at most 160 on), from the next line break kept like the next "/" below.
    if (nextBreak < from) {
      const found = text.indexOf('\n', from);
      nextBreak = found < 0 ? text.length : found;
      countWork(nextBreak - from + 1);
    }
    const end = Math.min(nextBreak, from + 160);
    if (end <= from) continue;
    readTo = end;
    // PAIR needs a "/" between blanks: most lines after an access word have none. Where the next one stands is kept
    // while `from` moves forward (the starts are sorted), so the text is searched once, not once per anchor.
    if (nextSlash < from) nextSlash = blankSlashFrom(text, from);
    if (nextSlash + 2 >= end) continue;
    const window = text.slice(from, end);
    countWork(window.length + 1);
    PAIR.lastIndex = 0;
    for (let m = PAIR.exec(window); m; m = PAIR.exec(window)) {
      const { user, label } = m.groups as Record<string, string | undefined>;
      const secret = m.groups!.secret!.replace(/[.,;:)]+$/u, '');
      const start = from + m.index + m[0].length - m.groups!.after!.length - m.groups!.secret!.length;
      const rest = text.slice(start + secret.length, start + secret.length + 4);
      // The user stands after the access word (not the word itself, "admin / …" being service-logins.ts's), in prose
      // spacing: "Webmail: boxname  mailuser / …" (a name, two blanks, the user) is a service line of its own.
      if (m.index === 0 || /[ \t]{2}$/u.test(window.slice(0, m.index))) continue;
      if (!/\p{L}/u.test(user!) || HOST_NAME.test(user!) || /^\d/u.test(user!)) continue;
      if (!listSecretLike(secret)) continue;
      if (!PAIR_END.test(rest) && !strongSecret(secret)) continue;
      // Without a label: not a name and its version, nor a word and one digit ("Firmware2").
      if (label === undefined && (PRODUCT.test(secret) || secret.length < 6 || /^\p{L}+\p{N}$/u.test(secret))) continue;
      if (isAlnumAt(text, start - 1)) continue;
      findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.75));
    }
  }
}

const WIFI_KEY = /(?:^|[\s,;(])(?:key|schlüssel|clave|chiave|chave|sleutel|clé|klucz|ключ|anahtar(?:ı)?)[ \t]*:?[ \t]+(?<secret>[^\s<>"']{8,64})(?<after>[^\n]{0,3})/iu;

function wifiKeys(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  let readTo = -1;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== WIFI_TAG || words[i]! < readTo) continue;
    const at = words[i]!;
    const end = lineEndFrom(text, at, 160);
    readTo = end;
    const window = text.slice(at, end);
    countWork(window.length + 1);
    const m = WIFI_KEY.exec(window);
    if (!m) continue;
    const secret = m.groups!.secret!.replace(/[.,;:)]+$/u, '');
    const start = at + m.index + m[0].length - m.groups!.after!.length - m.groups!.secret!.length;
    if (!listSecretLike(secret) || !PAIR_END.test(text.slice(start + secret.length, start + secret.length + 4))) continue;
    findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.75));
  }
}

/** C05: secrets in lists and tables of accounts, and in "user / secret" pairs after an access word (round c15a). */
export function detectAccountLists(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  listsBelowIntros(text, anchors, findings);
  hostLines(text, anchors, findings);
  alignedTables(text, anchors, findings);
  htmlTables(text, anchors, findings);
  pairsAfterCues(text, anchors, findings);
  wifiKeys(text, anchors, findings);
  return findings;
}
