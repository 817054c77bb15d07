import { AnchorGroup, findAnchors, matchesAtAnchors, registerAnchor, type Anchors } from './anchors.js';
import { countWork as countWorkImport } from './scan-work.js';
import { makeFinding, type Finding } from './finding.js';
import { isPlausiblePassword } from './password-lines.js';
import { isAlnumAt } from './text-boundaries.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/**
 * Round c9: the access lists customers paste into tickets name the service and give its login as a pair, with no
 * password label: "- DB: shop_wp / 6NeNH@GPpq", "WP admin: siteadmin / 9YSer#r", "wp-admin: admin / X — FTP: lgallo / Y",
 * "accès admin : admin / #Doudou126", "SSH: 31.72.66.161, info/45o8iCZ4", "ftp: ftp.example.pl / info / legia2022".
 * The service word, up to two more words or a parenthetical, a colon (round c12: or an arrow), an optional host (a name with a dot, an IP or a URL)
 * and then "user / secret" (or "user | secret", "user, secret").
 */
const SERVICE_WORDS = [
  'ssh', 'sftp', 'ftp', 'ftps', 'db', 'database', 'datenbank', 'mysql', 'mariadb', 'postgres', 'postgresql', 'phpmyadmin', 'pma',
  'wp', 'wp-admin', 'wordpress', 'admin', 'backend', 'backoffice', 'back-office', 'panel', 'cpanel', 'plesk', 'whm', 'directadmin',
  'ispmanager', 'webmin', 'webmail', 'mail', 'e-mail', 'email', 'smtp', 'imap', 'pop3', 'joomla', 'magento', 'prestashop',
  'shopware', 'typo3', 'vpn', 'rdp', 'vnc', 'router', 'accès', 'acces', 'acceso', 'accesso', 'acesso', 'toegang', 'dostęp', 'erişim',
  'panou', 'bd', 'base', 'banco', 'baza', 'veritabanı', 'бд', 'база', 'фтп', 'почта', 'админка', 'панель',
  // Round c12: "inlog" (Dutch), and hosting providers' own panels and APIs ("Hetzner Robot Webservice:", "OVH:", "Strato:").
  'inlog', 'hosting', 'hetzner', 'robot', 'webservice', 'ovh', 'ionos', 'strato', 'netcup',
];
// Longer words first, so "wp-admin" is not read as "wp".
const SERVICE = SERVICE_WORDS.slice().sort((a, b) => b.length - a.length).join('|');
const SERVICE_LOGIN = new RegExp(
  String.raw`(?:${SERVICE})(?![\p{L}\p{N}])(?:[ \t]{1,2}[\p{L}\p{N}-]{2,12}){0,2}?[ \t]{0,2}(?:\([^()\n]{1,30}\)[ \t]{0,2})?(?::|→|->)[ \t]{1,4}` +
    // The host: a URL, a name with a dot or an IP, then a separator before the user.
    String.raw`(?:(?:[a-z][a-z0-9+.-]{1,10}:\/\/)?[^\s/,|]{1,100}?\.[^\s/,|]{2,100}?(?::\d{1,5})?(?:\/[^\s,|]{0,100})?(?:[ \t]{0,3}[,|/][ \t]{0,3}|[ \t]{1,3}(?:[—–-][ \t]{1,3})?))?` +
    // Round c14b: a database's name before its user ("MySQL: shop_db2  dbuser / secret"; read only after a database word).
    String.raw`(?:(?<db>[\p{L}\p{N}_-]{2,64})[ \t]{1,3}(?=[\p{L}\p{N}_.@+-]{2,64}[ \t]{0,3}[/|,]))?` +
    // Round c14b: also " - " between user and secret ("FTP: shopuser - secret"), with a blank on both sides. Hetzner's
    // webservice users start with "#" ("#ws+Ab12Cd34").
    String.raw`(?<user>#?[\p{L}\p{N}_.@+-]{2,64})(?:[ \t]{0,3}[/|,][ \t]{0,3}|(?<dash>[ \t]{1,3}[-–—][ \t]{1,3}))(?<secret>[^\s<>]{4,64})`,
  'yiu',
);
/** The tag of the service words' anchors in the ConfigWord group (account-lists.ts reads them too). */
export const SERVICE_TAG = 200;
/** The service words after which a database's name may stand before the user (round c14b). */
const DATABASE_WORD = /^(?:db|database|datenbank|mysql|mariadb|postgres|postgresql|phpmyadmin|pma|bd|base|banco|baza|veritabanı|бд|база)(?![\p{L}\p{N}])/iu;
for (const word of SERVICE_WORDS) registerAnchor(word, AnchorGroup.ConfigWord, true, SERVICE_TAG);

/** What ends a secret in a list: the end of the line, a tag, a dash before the next service, a comment in parentheses. */
const SECRET_END = /^(?:[ \t]*(?:\r?\n|$|<|[—–-][ \t]|\||;|,[ \t]|\())/u;
const VERSION = /(?:^|[_\-/])v?\d+\.\d+/u;
// A version ("2.4.41-ubuntu", "OpenSSH_8.9p1"), a snake_case name ("utf8mb4_unicode_ci"), a size ("256mb"), a date, an
// e-mail address, a path or a URL: what else stands after "Server: Apache/", "DB: wp_db /" or "Mail: info /".
const NOT_A_SECRET = new RegExp(String.raw`${VERSION.source}|^[a-z0-9]+(?:_[a-z0-9]+){2,}$|^\d+(?:[.,]\d+)?(?:[kmgt]i?b|ms|px|%)$|^\d{1,4}[-./]\d{1,2}(?:[-./]\d{1,4})?$|^[^\s@]+@[^\s@]+\.\p{L}{2,}$|^[/~.]|:\/\/`, 'iu');

/** The secret with trailing sentence punctuation removed. */
function trimSecret(secret: string): string {
  return secret.replace(/[.,;:!?)]+$/u, '');
}

/**
 * Whether the service word at `at` starts an item of a list: only list markers, quote marks and blanks stand between it
 * and the line's start, or a dash, "|" or ";" closes the item before it ("wp-admin: … — FTP: …"). The service words are
 * common in prose ("the mail server", "admin rights"): this keeps the pattern from being tried at each of them.
 */
function startsListItem(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && at - i <= 12; i--) {
    const code = text.charCodeAt(i);
    countWork(1);
    if (code === 10 || code === 13 || code === 0x2014 || code === 0x2013 || code === 124 || code === 59) return true;
    // Blanks, ">", "*", "•", "-", "#", ".", ")", "(", digits: markers of list items and quoted replies.
    if (!(code === 32 || code === 9 || code === 62 || code === 42 || code === 0x2022 || code === 45 || code === 35 || code === 46 || code === 41 || code === 40 || (code >= 48 && code <= 57))) return false;
  }
  return at <= 12 && /^[\s>*•\-#.()0-9]*$/u.test(text.slice(0, at));
}

/** C05: "service: [host] user / secret" lines of an access list. */
export function detectServiceLogins(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  const starts: number[] = [];
  for (let k = 0; k < words.length; k++) if (tags[k] === SERVICE_TAG && startsListItem(text, words[k]!)) starts.push(words[k]!);
  countWork(words.length);
  if (starts.length === 0) return findings;
  for (const match of matchesAtAnchors(text, SERVICE_LOGIN, starts)) {
    if (isAlnumAt(text, match.index - 1)) continue;
    const raw = match.groups?.secret ?? '';
    const user = match.groups?.user ?? '';
    const secret = trimSecret(raw);
    const start = match.index + match[0].length - raw.length;
    const rest = text.slice(start + secret.length, start + secret.length + 3);
    countWork(rest.length + 1);
    if (!SECRET_END.test(rest)) continue;
    if (!/\p{L}/u.test(secret) || !/[\p{N}]|[^\p{L}\p{N}]/u.test(secret) || NOT_A_SECRET.test(secret)) continue;
    if (!/\p{L}/u.test(user) || VERSION.test(user)) continue;
    // Round c14b: a name before the user only after a database word; after " - " the secret has a digit and ends its line.
    if (match.groups?.db !== undefined && !DATABASE_WORD.test(text.slice(match.index, match.index + 12))) continue;
    if (match.groups?.dash !== undefined && (!/\p{N}/u.test(secret) || !/^[ \t]*(?:\r?\n|$|<)/u.test(rest))) continue;
    if (!isPlausiblePassword(secret, 'punct')) continue;
    findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.8));
  }
  return findings;
}
