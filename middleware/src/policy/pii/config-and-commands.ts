import { makeFinding, type Finding } from './finding.js';
import { isPlausiblePassword, looksLikeSecretWord } from './password-lines.js';
import { countedMatches, countWork } from './scan-work.js';
import { isAlnumAt, isWordCharAt } from './text-boundaries.js';

const QUOTED = String.raw`(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})")`;
const SECRET_NAME = String.raw`[A-Za-z0-9_]{0,40}(?:PASSWORD|PASSWD|PASS|PWD|SECRET|password|passwd|pass|pwd|secret)[A-Za-z0-9_]{0,20}`;

// Config files pasted into tickets: WordPress' define('DB_PASSWORD', '…'), PHP arrays and variables.
const CONFIG_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\bdefine\(\s{0,4}['"]${SECRET_NAME}['"]\s{0,4},\s{0,4}${QUOTED}`, 'dgu'),
  new RegExp(String.raw`\[\s{0,2}['"]${SECRET_NAME}['"]\s{0,2}\]\s{0,4}=\s{0,4}${QUOTED}`, 'dgu'),
  new RegExp(String.raw`\$${SECRET_NAME}\s{0,4}=\s{0,4}${QUOTED}`, 'dgu'),
];

// Commands that carry a password as an argument.
const COMMAND_PATTERNS: readonly RegExp[] = [
  // htpasswd -b[c…] FILE USER PASSWORD (Apache: "-b Use the password from the command line")
  /\bhtpasswd\s{1,4}(?:-[A-Za-z]{1,6}\s{1,4}){0,3}-[A-Za-z]{0,5}b[A-Za-z]{0,5}\s{1,4}(?:-[A-Za-z]{1,6}\s{1,4}){0,3}\S{1,200}\s{1,4}[^\s'"]{1,64}\s{1,4}(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})"|(?<raw>[^\s'"]{1,200}))/dgu,
  // echo 'user:password' | chpasswd
  /\becho\s{1,4}(?:-e\s{1,4})?(?:'[^\s:'"]{1,64}:(?<sq>[^'\n]{1,200})'|"[^\s:'"]{1,64}:(?<dq>[^"\n]{1,200})"|[^\s:'"]{1,64}:(?<raw>[^\s'"|]{1,200}))\s{0,4}\|\s{0,4}(?:sudo\s{1,4})?chpasswd\b/dgu,
];

function valueSpan(match: RegExpExecArray): { start: number; value: string } | undefined {
  const indices = match.indices?.groups ?? {};
  for (const name of ['sq', 'dq', 'raw']) {
    const value = match.groups?.[name];
    const at = indices[name];
    if (value !== undefined && at) return { start: at[0], value };
  }
  return undefined;
}

/** C05: passwords in pasted config files (define(), PHP arrays and variables) and in commands (htpasswd -b, chpasswd). */
export function detectConfigAndCommandPasswords(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const pattern of [...CONFIG_PATTERNS, ...COMMAND_PATTERNS]) {
    for (const match of countedMatches(text, pattern)) {
      const span = valueSpan(match);
      if (!span || !isPlausiblePassword(span.value, 'punct')) continue;
      findings.push(makeFinding('credential', 'password', span.start, span.start + span.value.length, 0.9));
    }
  }
  return findings;
}

// A host or panel address: a URL, an IP, or a host name after a panel/service word.
// Candidates only: "://" (its scheme is checked in code), dotted quads and panel words (word boundaries checked
// in code). A leading scheme pattern or \b under the i and u flags is tried at every position and cost ~5x more.
const HOST_CANDIDATE = /:\/\/\S|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|plesk|cpanel|whm|ispmanager|directadmin|webmin|webmail|roundcube|phpmyadmin|panel|ssh|sftp|ftp|rdp|vnc|host|server|сервер|панель/gi;
const SCHEME_CHAR = /[A-Za-z0-9+.-]/u;
const LETTER = /[A-Za-z]/u;

/** Whether a HOST_CANDIDATE match is a host: a URL with a scheme, an IP address, or a panel word standing alone. */
function isHostAt(text: string, index: number, matched: string): boolean {
  if (matched.startsWith(':')) {
    // scheme = [a-z][a-z0-9+.-]{1,20} right before "://"
    let k = index;
    let letterAt = -1;
    while (k > 0 && index - k < 21 && SCHEME_CHAR.test(text[k - 1]!)) {
      k--;
      if (LETTER.test(text[k]!)) letterAt = k;
      if (letterAt >= 0 && index - letterAt >= 2) return true;
    }
    return false;
  }
  if (isWordCharAt(text, index - 1) || isWordCharAt(text, index + matched.length)) return false;
  return true;
}

function findHost(text: string, from = 0): RegExpExecArray | undefined {
  HOST_CANDIDATE.lastIndex = from;
  for (let m = HOST_CANDIDATE.exec(text); m !== null; m = HOST_CANDIDATE.exec(text)) {
    countWork(m[0].length + 21);
    if (isHostAt(text, m.index, m[0])) return m;
    // An IP-like run glued to other digits ("1234.5.6.7.8") may still hold one from its next character.
    if (/^\d/u.test(m[0])) HOST_CANDIDATE.lastIndex = m.index + 1;
  }
  return undefined;
}
const HOST_LINE = { test: (line: string): boolean => findHost(line) !== undefined };
const ADDRESS = /(?:[a-z][a-z0-9+.-]{1,20}:\/\/\S{1,200}|\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?::\d{1,5})?)[ \t]+/iu;
// A line that is only "user / secret", "user:secret" or "user secret" (what people paste under a panel address).
const PAIR_LINE = /^[ \t>]{0,8}(?:(?:user(?:name)?|login|benutzer(?:name)?|логин|usuario|utente|utilisateur|gebruiker(?:snaam)?)[ \t]{0,3}:?[ \t]{1,3})?(?<user>[\p{L}\p{N}_.@+-]{2,64})(?<sep>[ \t]{0,3}\/[ \t]{0,3}|[ \t]{0,3}\|[ \t]{0,3}|:|[ \t]{1,3})(?<secret>\S{4,64})[ \t]{0,4}$/u;
// Labels that name a field, not a user: "Port 8443", "Version 18.0", "IP 1.2.3.4".
const FIELD_WORDS = new Set(['port', 'version', 'ip', 'host', 'server', 'url', 'domain', 'path', 'php', 'os', 'plan', 'ticket', 'order', 'invoice', 'id', 'date', 'time', 'phone', 'tel', 'build', 'release', 'license', 'key', 'dns', 'ns1', 'ns2', 'mx', 'ttl', 'size', 'disk', 'ram', 'cpu', 'status', 'error', 'code', 'step', 'note', 'see', 'from', 'to', 'subject', 'sent', 'am', 'pm']);

/**
 * C05: "admin / S3cret!" on a line of its own (or after the address) within two lines after a host,
 * URL or panel name, with no password label: how logins to Plesk, cPanel, ISPmanager, SSH and FTP
 * are pasted. The secret must look like one (digits, symbols or inner capitals) and not be a path.
 */
export function detectPanelLogins(text: string): Finding[] {
  const findings: Finding[] = [];
  // One pass finds the addresses; only the few lines after each are then read (most comments have none).
  let resumeAt = 0;
  let searchedTo = 0;
  for (let host = findHost(text); host !== undefined; host = findHost(text, Math.max(resumeAt, host.index + host[0].length))) {
    countWork(host.index + host[0].length - searchedTo + 1);
    searchedTo = host.index + host[0].length;
    if (host.index < resumeAt) continue;
    // The line's start, looked for at most 200 characters back: a longer line is skipped whole.
    let lineStart = host.index;
    while (lineStart > 0 && text[lineStart - 1] !== '\n' && host.index - lineStart <= 200) lineStart--;
    let lineEnd = text.indexOf('\n', host.index);
    if (lineEnd < 0) lineEnd = text.length;
    countWork(lineEnd - lineStart + 1);
    // Lines longer than this are prose or data, not a login pasted under an address; the rest of it is not looked at.
    if (lineEnd - lineStart > 200 || (lineStart > 0 && text[lineStart - 1] !== '\n')) {
      resumeAt = lineEnd + 1;
      continue;
    }
    const line = text.slice(lineStart, lineEnd);
    // "https://panel.example.com admin / secret": the pair may follow the address on its line.
    const address = ADDRESS.exec(line);
    if (address) {
      const offset = address.index + address[0].length;
      pushPair(findings, line.slice(offset), lineStart + offset);
    }
    // Then up to two non-empty lines below it; another address line restarts the count there.
    let linesSince = 0;
    let previousLone: string | undefined;
    let next = lineEnd + 1;
    resumeAt = lineEnd + 1;
    while (next <= text.length && linesSince <= 2) {
      let end = text.indexOf('\n', next);
      if (end < 0) end = text.length;
      countWork(end - next + 1);
      if (end - next > 200) { resumeAt = end + 1; break; }
      const below = text.slice(next, end);
      pushPair(findings, below, next);
      // cPanel-style pastes put the user and the secret on lines of their own.
      if (previousLone !== undefined && LONE_TOKEN.test(below)) pushLoneSecret(findings, previousLone, below, next);
      if (below.trim().length > 0) previousLone = LONE_TOKEN.test(below) ? below.trim() : undefined;
      if (HOST_LINE.test(below)) { resumeAt = next; break; }
      if (below.trim().length > 0) linesSince++;
      next = end + 1;
      resumeAt = next;
    }
  }
  return findings;
}

const LONE_TOKEN = /^[ \t>]{0,8}\S{2,64}[ \t]{0,4}$/u;
const USER_NAME = /^[\p{L}\p{N}_.@+-]{2,64}$/u;

/** A line holding only a secret, right below a line holding only a user name, under a host line. */
function pushLoneSecret(findings: Finding[], userLine: string, line: string, offset: number): void {
  const user = userLine.replace(/^[>\s]+/u, '');
  const secret = line.trim().replace(/^>+\s*/u, '');
  if (!USER_NAME.test(user) || FIELD_WORDS.has(user.toLowerCase()) || /^\d+$/u.test(user)) return;
  if (secret.length < 6 || /^[/~\\]|:\/\/|\.\w{2,4}$/u.test(secret) || !/\p{L}/u.test(secret) || !/\p{N}/u.test(secret)) return;
  if (!looksLikeSecretWord(secret) || !isPlausiblePassword(secret, 'punct')) return;
  const start = offset + line.indexOf(secret);
  findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.8));
}

function pushPair(findings: Finding[], line: string, offset: number): void {
  const pair = PAIR_LINE.exec(line);
  if (!pair?.groups) return;
  const user = pair.groups.user ?? '';
  const secret = pair.groups.secret ?? '';
  if (FIELD_WORDS.has(user.toLowerCase().replace(/:$/u, ''))) return;
  if (/^[/~\\]|:\/\//u.test(secret) || /^\d+$/u.test(secret) || !/\p{L}/u.test(secret)) return;
  if (!looksLikeSecretWord(secret) || !isPlausiblePassword(secret, 'punct')) return;
  // A bare space between two words reads as prose ("Thanks again"); it takes a digit in the secret to count.
  if (/^[ \t]+$/u.test(pair.groups.sep ?? '') && !/\d/u.test(secret)) return;
  const start = offset + (pair.index ?? 0) + pair[0].lastIndexOf(secret);
  if (isAlnumAt(line, start - offset - 1)) return;
  findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.85));
}
