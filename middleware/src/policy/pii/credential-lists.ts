import { AnchorGroup, findAnchors, firstAnchorAtOrAfter, registerAnchor, type Anchors } from './anchors.js';
import { makeFinding, type Finding } from './finding.js';
import { isPlausiblePassword, looksLikeSecretWord } from './password-lines.js';
import { countWork as countWorkImport } from './scan-work.js';
import { lineEndFrom, lineStartBefore, withoutTrailingPunctuation } from './text-boundaries.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/**
 * C05, credential round c13: three forms hosting-desk tickets carry that no label detector reads, each tried only at
 * an anchor of the one anchor pass (anchors.ts) and reading a bounded number of lines around it.
 * - An app password (Google's, Microsoft's …) in four lower-case groups of four letters after an app-password label in
 *   the desks' languages ("App-Passwort xxxx xxxx xxxx xxxx", "hasło aplikacji:" and the value a few lines below).
 * - Old and new passwords written as a pair of lines ("old: X" / "new: Y", "stare: X" / "nowe: Y") where a password,
 *   login or service word stands before the pair or on the two lines after it ("neither works for FTP").
 * - Domain transfer codes in a list or two-column table ("example.com → CODE", "| example.com | CODE |") within a few
 *   lines of a transfer-code word ("EPP", "AuthCode", "Auth-Info", "codes de transfert" …) as a heading or a note, and
 *   a code alone on its line below a sentence with such a word that ends in a colon (a blank line may stand between).
 */

// Tags of this file's literals in the ConfigWord group (config-and-commands.ts uses tags below 200, credential-forms.ts
// 1000-1004 and 2000 up, service-logins.ts 200).
const APP_TAG = 3000; // up to APP_TAG + APP_LABELS.length
const OLD_TAG = 3100;
const TRANSFER_TAG = 3101;

const isWordCode = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code >= 0xc0;

// ---------------------------------------------------------------------------------------------------------------
// App passwords
// ---------------------------------------------------------------------------------------------------------------

/** App-password labels in the desks' languages (lower case, as the anchor pass compares). */
const APP_LABELS = [
  'app password', 'app-password', 'app passwords', 'app-specific password', 'app specific password', 'application password',
  'app-passwort', 'app passwort', 'app-kennwort', 'anwendungspasswort', 'anwendungskennwort',
  'contraseña de aplicación', 'contraseña de aplicacion', 'contraseña de la aplicación', 'contraseña de app',
  "mot de passe d'application", 'mot de passe d’application', "mot de passe d'app", 'mot de passe d’app',
  'hasło aplikacji', 'haslo aplikacji', 'hasło do aplikacji', 'пароль приложения', 'пароль для приложения', 'пароль приложений',
  'uygulama şifresi', 'uygulama sifresi', 'uygulama parolası', 'uygulama parolasi',
  'password per le app', "password per l'app", 'password per app', "password dell'app", 'password applicazione', "password per l'applicazione",
  'senha de app', 'senha de aplicativo', 'senha de aplicação', 'senha de aplicacao', 'senha do app',
  'app-wachtwoord', 'app wachtwoord', 'appwachtwoord', 'applicatiewachtwoord',
];
APP_LABELS.forEach((label, index) => registerAnchor(label, AnchorGroup.ConfigWord, true, APP_TAG + index));

// Google shows an app password as four groups of four lower-case letters; a same-line value may come after a short
// stretch ("App-Passwort (Gmail): …", "app password for SMTP is …"), a value on a later line stands alone on it.
const APP_VALUE = /(?<![\p{L}\p{N}])[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}(?![\p{L}\p{N}])/u;
const APP_VALUE_LINE = /^[ \t>*-]{0,8}["'`«„“]?(?<value>[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4})["'`»”]?[ \t.,;]{0,4}(?:<br\s?\/?>)?\r?$/u;
// After a same-line value: the line's end, punctuation, or a dash or parenthesis starting a remark.
const APP_VALUE_END = /^(?:[ \t]*(?:$|\r|[.,;:!?)\]"'`»”<])|[ \t]{1,3}[-–—(])/u;
/** How many lines after the label's line a value standing alone is looked for ("hasło aplikacji:", then host and user lines). */
const APP_LINES_AFTER = 5;
// Four-letter words of the desks' prose: four of them in a row are a sentence, not a generated password ("I have used
// this with …", "dass wir noch eine …"). Google's generated groups are random letters and almost never one of these.
const COMMON_FOUR = new Set([
  'this', 'that', 'with', 'have', 'from', 'your', 'will', 'work', 'does', 'when', 'what', 'just', 'like', 'here', 'also',
  'been', 'mail', 'sent', 'they', 'them', 'then', 'than', 'some', 'only', 'into', 'over', 'used', 'uses', 'need', 'want',
  'none', 'both', 'each', 'same', 'were', 'make', 'made', 'take', 'sure', 'code', 'page', 'site', 'user', 'send', 'type',
  'dass', 'wird', 'habe', 'eine', 'auch', 'noch', 'nach', 'aber', 'sind', 'oder', 'kann', 'hier', 'mein', 'dies', 'beim',
  'para', 'pero', 'como', 'esta', 'este', 'todo', 'pour', 'avec', 'dans', 'mais', 'sont', 'nous', 'vous', 'elle', 'dela',
  'come', 'sono', 'dove', 'nada', 'voor', 'niet', 'maar', 'naar', 'deze', 'zijn', 'mijn', 'jest', 'przy', 'oraz', 'jako',
  'bana', 'daha', 'gibi', 'olan', 'veya',
]);

function appValueAccepted(value: string): boolean {
  return !value.split(' ').some((group) => COMMON_FOUR.has(group));
}

// Round c14b: a WordPress application password, six groups of four letters and digits of mixed case ("Ab3d EfGh 1jKl …"),
// as WordPress shows it once; on the label's line or alone on a later one, like the four-group form.
const WP_APP_VALUE = /(?<![\p{L}\p{N}])[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5}(?![\p{L}\p{N}])/u;
const WP_APP_VALUE_LINE = /^[ \t>*-]{0,8}["'`«„“]?(?<value>[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5})["'`»”]?[ \t.,;]{0,4}(?:<br\s?\/?>)?\r?$/u;
/** Upper and lower case both (a generated value; not a sentence of four-letter words or a grouped hex digest). */
function wpAppValueAccepted(value: string): boolean {
  return /[A-Z]/u.test(value) && /[a-z]/u.test(value) && appValueAccepted(value.toLowerCase());
}

function appPasswords(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  let lastEnd = -1;
  for (let i = 0; i < words.length; i++) {
    const tag = tags[i]!;
    if (tag < APP_TAG || tag >= APP_TAG + APP_LABELS.length) continue;
    const at = words[i]!;
    const labelEnd = at + APP_LABELS[tag - APP_TAG]!.length;
    // The label ends a word ("app passwords" is read from its own literal), and is not inside a value already taken.
    if (labelEnd < text.length && isWordCode(text.charCodeAt(labelEnd)) || labelEnd < lastEnd) continue;
    // On the label's line: a value at most 60 units after it (the line is read 80 units on).
    const lineEnd = lineEndFrom(text, labelEnd, 80);
    const rest = text.slice(labelEnd, Math.min(lineEnd, labelEnd + 80));
    const same = APP_VALUE.exec(rest);
    countWork(rest.length + 1);
    const wp = same ? null : WP_APP_VALUE.exec(rest);
    if (wp && wp.index <= 60 && wpAppValueAccepted(wp[0]) && APP_VALUE_END.test(rest.slice(wp.index + wp[0].length))) {
      const start = labelEnd + wp.index;
      findings.push(makeFinding('credential', 'wp_app_password', start, start + wp[0].length, 0.85));
      lastEnd = start + wp[0].length;
      continue;
    }
    // A word after the value ("… eingetragen", "… ile denedim") is allowed when a group has no vowel, as most of the
    // generated ones do and prose words do not.
    if (same && same.index <= 60 && appValueAccepted(same[0])
      && (APP_VALUE_END.test(rest.slice(same.index + same[0].length)) || same[0].split(' ').some((group) => !/[aeiouy]/u.test(group)))) {
      const start = labelEnd + same.index;
      findings.push(makeFinding('credential', 'app_password', start, start + same[0].length, 0.85));
      lastEnd = start + same[0].length;
      continue;
    }
    // A value alone on one of the next lines (a blank line, the SMTP host and the user may stand between); a line too
    // long to read ends the search.
    if (lineEnd >= text.length || text.charCodeAt(lineEnd) !== 10) continue;
    let lineStart = lineEnd + 1;
    for (let line = 0; line < APP_LINES_AFTER && lineStart < text.length; line++) {
      const end = lineEndFrom(text, lineStart, 200);
      if (end < text.length && text.charCodeAt(end) !== 10) break;
      const line = text.slice(lineStart, end);
      const four = APP_VALUE_LINE.exec(line);
      const six = four ? null : WP_APP_VALUE_LINE.exec(line);
      countWork(2 * (end - lineStart) + 1);
      const m = four ?? six;
      const value = m?.groups?.value;
      if (value !== undefined && (six ? wpAppValueAccepted(value) : appValueAccepted(value))) {
        const start = lineStart + m![0].indexOf(value);
        findings.push(makeFinding('credential', six ? 'wp_app_password' : 'app_password', start, start + value.length, 0.8));
        lastEnd = start + value.length;
        break;
      }
      lineStart = end + 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Old and new passwords as a pair of lines
// ---------------------------------------------------------------------------------------------------------------

// The stems of the "old" words of the desks' languages (lower case, one anchor per position: OLD_LINE reads the whole
// word); the line after must start with a "new" word.
const OLD_WORDS = ['old', 'alt', 'vecchi', 'star', 'ancien', 'antig', 'oud', 'eski', 'стар'];
for (const word of OLD_WORDS) registerAnchor(word, AnchorGroup.ConfigWord, true, OLD_TAG);
const OLD_LINE = /(?:old|alte?s?|vecchi[ao]|star[eay]|ancien(?:ne)?|antigu[ao]|antig[ao]|oude?|eski|стар(?:ый|ая|ое))[ \t]{0,3}:[ \t]{0,3}(?<value>[^\s<>"'`]{6,64})[ \t]*(?:<br\s?\/?>)?\r?\n/diuy;
const NEW_LINE = /[ \t>*-]{0,8}(?:new|neue?s?|nuov[ao]|now[eay]|nouvel(?:le)?|nouveau|nuev[ao]|nov[ao]|nieuwe?|yeni|нов(?:ый|ая|ое))[ \t]{0,3}:[ \t]{0,3}(?<value>[^\s<>"'`]{6,64})[ \t]*(?=<br\s?\/?>|\r?\n|$)/iuy;
// What may stand before the "old" word on its line: blanks, reply quote marks, a list bullet.
const LINE_PREFIX = /^[ \t>*-]{0,8}$/u;
// A password, login or service word before the pair (a PasswordLabel or CredentialWord anchor within
// PAIR_CONTEXT_BEFORE, or this pattern in the 200 units before it) or on the two lines after it ("nessuna funziona per
// l'FTP", "żadne nie działa do panelu"): an old/new pair alone is as often versions, names or settings.
const PAIR_CONTEXT = /(?:passw|kennw|пароль|парол|hasł|hasel|hasla|haslo|senha|contrase|clave|mots? de passe|mdp|wachtwoord|şifre|sifre|parola|login|logowa|zugang|accesso|acceso|acesso|доступ|ftp|ssh|webmail|cpanel|plesk|directadmin|panel|wp-admin|postfach|mailbox|skrzynk|casella|buzón|почт)/iu;
/** How far back (UTF-16 units) a password or login word counts as the pair's context. */
const PAIR_CONTEXT_BEFORE = 300;

/** Whether a pair value looks like a password: a letter, a digit or a symbol, not a version, path, address or name. */
function pairValueLooksLikePassword(value: string): boolean {
  if (!/\p{L}/u.test(value) || !looksLikeSecretWord(value) || /[/\\]/u.test(value) || value.includes('://')) return false;
  // A dotted name or version ("php8.2", "ns1.example.com", "10.0.0.1") and an address are not passwords.
  if (/\.[\p{L}\p{N}]/u.test(value) || /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/iu.test(value)) return false;
  // A product and its version ("Debian12", "PHP-8", "v2"): letters, then at most four digits.
  if (/^\p{L}+[-_ ]?v?\p{N}{1,4}$/u.test(value) || /^v?\p{N}/u.test(value) && !/\p{L}.*\p{L}/u.test(value)) return false;
  if (/^[$%{[(<#&]/u.test(value)) return false;
  return isPlausiblePassword(value, 'punct');
}

function hasPairContext(text: string, anchors: Anchors, at: number, after: number): boolean {
  for (const group of [AnchorGroup.PasswordLabel, AnchorGroup.CredentialWord]) {
    const positions = anchors.positions[group]!;
    const k = firstAnchorAtOrAfter(positions, at) - 1;
    countWork(1);
    if (k >= 0 && at - positions[k]! <= PAIR_CONTEXT_BEFORE) return true;
  }
  // The 200 units before the pair (a heading such as "Les mots de passe du compte :" or "FTP-Zugang").
  const before = Math.max(0, at - 200);
  countWork(at - before + 1);
  if (PAIR_CONTEXT.test(text.slice(before, at))) return true;
  // The two lines after the pair.
  const first = lineEndFrom(text, after, 200);
  const second = first < text.length ? lineEndFrom(text, first + 1, 200) : first;
  countWork(second - after + 1);
  return PAIR_CONTEXT.test(text.slice(after, second));
}

function oldNewPairs(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== OLD_TAG) continue;
    const at = words[i]!;
    // The "old" word starts its line (after blanks, quote marks or a bullet): "the old: …" in prose is not a pair.
    const lineStart = lineStartBefore(text, at, 10);
    if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 || !LINE_PREFIX.test(text.slice(lineStart, at))) continue;
    OLD_LINE.lastIndex = at;
    const old = OLD_LINE.exec(text);
    countWork(old ? old[0].length : 1);
    if (!old?.groups) continue;
    NEW_LINE.lastIndex = old.index + old[0].length;
    const next = NEW_LINE.exec(text);
    countWork(next ? next[0].length : 1);
    if (!next?.groups) continue;
    const oldValue = old.groups.value!;
    const newValue = next.groups.value!;
    if (!pairValueLooksLikePassword(oldValue) || !pairValueLooksLikePassword(newValue)) continue;
    const nextEnd = next.index + next[0].length;
    if (!hasPairContext(text, anchors, at, nextEnd)) continue;
    const oldStart = old.indices!.groups!.value![0];
    const newStart = nextEnd - newValue.length;
    findings.push(makeFinding('credential', 'password', oldStart, oldStart + oldValue.length, 0.75));
    findings.push(makeFinding('credential', 'password', newStart, nextEnd, 0.75));
  }
}

// Round c13: the same pair in one sentence ("La contraseña antigua era X y la nueva es Y", "Старый пароль был X, новый
// — Y", "Stare hasło to X, nowe to Y"): the "old" word next to a password word (before or after it), a verb or dash and
// the old value, then a "new" word (after "and"/"y"/"и" and an article, before "one" or a password word), a verb or dash
// and the new value. Read from the same anchors as the pair of lines.
const PW_WORD = String.raw`(?:passwor[dt]|kennwort|contraseña|contrasena|clave|senha|hasło|haslo|wachtwoord|şifre|sifre|parola|пароль|mot de passe)`;
const OLD_WORD = String.raw`(?:old|alte?s?|vecchi[ao]|star[eay]|ancien(?:ne)?|antigu[ao]|antig[ao]|oude?|eski|стар(?:ый|ая|ое))`;
const NEW_WORD = String.raw`(?:new|neue?s?|nuov[ao]|now[eay]|nouvel(?:le)?|nouveau|nuev[ao]|nov[ao]|nieuwe?|yeni|нов(?:ый|ая|ое))`;
const PAIR_VERB = String.raw`(?:was|is|war|ist|era|es|était|etait|est|è|é|to|był|było|była|был|была|было|это|—|–|-|:|=)`;
const PAIR_TOKEN = String.raw`[^\s<>"'\x60]{6,64}`;
const OLD_NEW_SENTENCE = new RegExp(String.raw`${OLD_WORD}(?:[ \t]{1,3}${PW_WORD})?[ \t]{0,3}${PAIR_VERB}[ \t]{1,3}(?<old>${PAIR_TOKEN})[,;]?[ \t]{1,3}(?:(?:and|und|y|e|et|en|i|ve|и|a)[ \t]{1,3})?(?:(?:the|das|der|die|la|le|il|o|a|het|de)[ \t]{1,3})?${NEW_WORD}(?:[ \t]{1,3}(?:one|${PW_WORD}))?[ \t]{0,3}${PAIR_VERB}[ \t]{1,3}(?<new>${PAIR_TOKEN})`, 'diuy');
const PW_BEFORE = new RegExp(String.raw`${PW_WORD}[ \t]{1,3}$`, 'iu');
const PW_AFTER = new RegExp(String.raw`^[ \t]{1,3}${PW_WORD}`, 'iu');

function oldNewSentences(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== OLD_TAG) continue;
    const at = words[i]!;
    // A password word right before or after the "old" word.
    const before = text.slice(Math.max(0, at - 16), at);
    const after = text.slice(at + 3, at + 32);
    countWork(before.length + after.length + 1);
    if (!PW_BEFORE.test(before) && !PW_AFTER.test(after.replace(/^\p{L}{0,5}/u, ''))) continue;
    OLD_NEW_SENTENCE.lastIndex = at;
    const m = OLD_NEW_SENTENCE.exec(text);
    countWork(m ? m[0].length : 1);
    if (!m?.groups) continue;
    const oldValue = withoutTrailingPunctuation(m.groups.old!);
    const newValue = withoutTrailingPunctuation(m.groups.new!);
    if (!pairValueLooksLikePassword(oldValue) || !pairValueLooksLikePassword(newValue)) continue;
    const oldStart = m.indices!.groups!.old![0];
    const newStart = m.indices!.groups!.new![0];
    findings.push(makeFinding('credential', 'password', oldStart, oldStart + oldValue.length, 0.75));
    findings.push(makeFinding('credential', 'password', newStart, newStart + newValue.length, 0.75));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Transfer codes listed per domain
// ---------------------------------------------------------------------------------------------------------------

// The transfer-code words (lower case) as a column heading or a note around the list; "epp" only at a word start.
const TRANSFER_WORDS = ['epp', 'authcode', 'auth-code', 'auth code', 'authinfo', 'auth-info', 'auth info', 'auth_info',
  'transfer code', 'transfer-code', 'transfercode', 'code de transfert', 'codes de transfert', 'code transfert',
  'código de transferencia', 'códigos de transferencia', 'código de transferência', 'códigos de transferência',
  'codice di trasferimento', 'codici di trasferimento', 'codice auth', 'codici auth', 'verhuiscode', 'verhuistoken',
  'kod transferu', 'kody transferu', 'kod authinfo', 'kody authinfo', 'transfer kodu', 'transfer kodları', 'код переноса',
  'коды переноса', 'auth-codes', 'authcodes'];
for (const word of TRANSFER_WORDS) registerAnchor(word, AnchorGroup.ConfigWord, true, TRANSFER_TAG);
// One row: a domain, an arrow, colon, dash, tab or cell bar, and one code token, nothing else on the line (a list
// bullet or reply quote marks before, a closing cell bar after).
const TRANSFER_ROW = /^[ \t>*•-]{0,8}\|?[ \t]{0,4}(?:(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.){1,4}\p{L}{2,24})[ \t]{0,4}(?:→|->|=>|⇒|:|–|—|-|\||\t|=)[ \t]{0,4}(?<value>[^\s|]{6,64})[ \t]{0,4}\|?[ \t]*\r?$/u;
/** Lines read before and after a transfer-code word's line. */
const TRANSFER_LINES_BEFORE = 4;
const TRANSFER_LINES_AFTER = 12;
/** The longest stretch of a transfer-code word's line before it (a heading row or a note is short). */
const TRANSFER_WORD_LINE = 160;

function transferValueLooksLikeCode(value: string): boolean {
  // Not another domain, an address or a path; a digit, a symbol or an inner capital, and a letter.
  if (/\.[\p{L}]{2,}$/u.test(value) || /^\d{1,3}(?:\.\d{1,3}){3}$/u.test(value) || /[/@]/u.test(value)) return false;
  if (!/\p{L}/u.test(value) || !looksLikeSecretWord(value) || /^[([{<]/u.test(value)) return false;
  // A date, a price or a status with a digit ("2027-03-01", "12,99€", "active2") is no code: mixed case, or a digit and
  // a capital.
  if (!(/\p{Lu}/u.test(value) && /\p{Ll}/u.test(value)) && !(/\p{Lu}/u.test(value) && /\p{N}/u.test(value))) return false;
  return isPlausiblePassword(value, 'punct');
}

function transferCodes(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  // Lines before readUpTo have been read (or judged too long): no walk, back or forward, goes over them again, so the
  // work over all words stays linear. readUpToIsLineStart: whether readUpTo starts a line (else it is inside a long one).
  let readUpTo = 0;
  let readUpToIsLineStart = true;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== TRANSFER_TAG) continue;
    const at = words[i]!;
    if (at < readUpTo) continue;
    // "epp" as a word ("EPP", "EPP-Code", "EPP codes"), not "eppendorf".
    const after = text.charCodeAt(at + 3);
    if ((text.charCodeAt(at) | 32) === 101 && (text.charCodeAt(at + 1) | 32) === 112 && (text.charCodeAt(at + 2) | 32) === 112
      && isWordCode(after) && (after | 32) !== 115) continue;
    // The word's line start, not below readUpTo; a heading or note line is short.
    let start = at;
    while (start > readUpTo && at - start < TRANSFER_WORD_LINE && text.charCodeAt(start - 1) !== 10) start--;
    countWork(at - start + 1);
    if (start > 0 && text.charCodeAt(start - 1) !== 10 && !(start === readUpTo && readUpToIsLineStart)) {
      readUpTo = at + 1;
      readUpToIsLineStart = false;
      continue;
    }
    // Back up to TRANSFER_LINES_BEFORE lines (rows above a note), not below readUpTo.
    for (let line = 0; line < TRANSFER_LINES_BEFORE && start > readUpTo; line++) {
      let k = start - 1;
      while (k > readUpTo && start - k < 200 && text.charCodeAt(k - 1) !== 10) k--;
      countWork(start - k + 1);
      if (k > 0 && text.charCodeAt(k - 1) !== 10 && !(k === readUpTo && readUpToIsLineStart)) break;
      start = k;
    }
    let afterWord = 0;
    let lineStart = start;
    let isLineStart = true;
    while (lineStart < text.length && afterWord <= TRANSFER_LINES_AFTER) {
      const end = lineEndFrom(text, lineStart, 200);
      // A line too long to be a row ends the list.
      if (end < text.length && text.charCodeAt(end) !== 10) {
        lineStart = end;
        isLineStart = false;
        break;
      }
      const m = TRANSFER_ROW.exec(text.slice(lineStart, end));
      countWork(end - lineStart + 1);
      const value = m?.groups?.value;
      if (m && value !== undefined && transferValueLooksLikeCode(value)) {
        const valueStart = lineStart + m[0].lastIndexOf(value);
        findings.push(makeFinding('credential', 'transfer_code', valueStart, valueStart + value.length, 0.8));
      }
      if (end >= at) afterWord++;
      lineStart = end + 1;
    }
    readUpTo = Math.max(readUpTo, lineStart);
    readUpToIsLineStart = isLineStart;
  }
}

// Round c13: a sentence naming the code that ends its line with a colon ("… die AuthInfo …, sie lautet:"), then the
// code alone on the next line or after one blank line (the label rules read only the line right after a label).
const CODE_ALONE = /^[ \t>]{0,8}(?<value>[^\s<>"'`]{6,64})[ \t]*\r?$/u;
/** The longest stretch from a transfer-code word to its line's colon. */
const TRANSFER_SENTENCE = 160;

function transferCodesBelowSentences(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  // The end of the last line read from a word: a later word on it does not read it again.
  let readUpTo = 0;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== TRANSFER_TAG || words[i]! < readUpTo) continue;
    const at = words[i]!;
    const lineEnd = lineEndFrom(text, at, TRANSFER_SENTENCE);
    readUpTo = lineEnd;
    if (lineEnd >= text.length || text.charCodeAt(lineEnd) !== 10) continue;
    let colon = lineEnd;
    while (colon > at && (text.charCodeAt(colon - 1) === 32 || text.charCodeAt(colon - 1) === 9 || text.charCodeAt(colon - 1) === 13)) colon--;
    if (text.charCodeAt(colon - 1) !== 58) continue;
    // The next line, or the one after a blank line.
    let lineStart = lineEnd + 1;
    for (let line = 0; line < 2 && lineStart < text.length; line++) {
      const end = lineEndFrom(text, lineStart, 200);
      if (end < text.length && text.charCodeAt(end) !== 10) break;
      const content = text.slice(lineStart, end);
      countWork(content.length + 1);
      if (content.trim() === '') {
        lineStart = end + 1;
        continue;
      }
      const m = CODE_ALONE.exec(content);
      const value = m?.groups?.value;
      if (value !== undefined && /\p{N}/u.test(value) && transferValueLooksLikeCode(value)) {
        const valueStart = lineStart + content.indexOf(value);
        findings.push(makeFinding('credential', 'transfer_code', valueStart, valueStart + value.length, 0.75));
      }
      break;
    }
  }
}

// Round c14b: a transfer-code word, a few words naming where the code is from ("vom alten Registrar", "from the old
// registrar", "für example.com"), a copula ("lautet", "is", "est", "es", "è", "é", "is", "to", "это", "şu") and the
// code ending the sentence or the line. Read from the TRANSFER_TAG anchors; the stretch is at most 48 units on one line.
const TRANSFER_VERB_SENTENCE = /[\p{L}-]{2,24}[ \t]{1,3}(?:(?:[^\n:!?.\d]|\.(?=[\p{L}]))(?:[^\n:!?.]|\.(?=[\p{L}\p{N}])){0,47}?[ \t])?(?:lautet|ist|is|est|es|è|é|era|was|war|to|это|şudur|şu)[ \t]{1,3}[:]?[ \t]{0,2}["'`«„“]?(?<value>[^\s"'`»”<>]{6,64})/diuy;
const SENTENCE_END = /^["'`»”]?(?:[.!]?[ \t]*(?:\r?\n|$|<)|[,;]?[ \t]{1,3}(?:und|and|et|y|e|en|i|ve|и|bitte|please|merci|grazie|gracias|obrigad|dank|dzięki|спасибо|teşekkür))/iu;

function transferCodeSentences(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  let lastEnd = -1;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== TRANSFER_TAG || words[i]! < lastEnd) continue;
    TRANSFER_VERB_SENTENCE.lastIndex = words[i]!;
    const m = TRANSFER_VERB_SENTENCE.exec(text);
    countWork(m ? m[0].length : 80);
    const raw = m?.groups?.value;
    if (!m || raw === undefined) continue;
    lastEnd = m.index + m[0].length;
    const value = withoutTrailingPunctuation(raw);
    const [start] = m.indices!.groups!.value!;
    const after = text.slice(start + value.length, start + value.length + 20);
    countWork(after.length + 1);
    if (!SENTENCE_END.test(after) || !/\p{N}/u.test(value) || !transferValueLooksLikeCode(value)) continue;
    findings.push(makeFinding('credential', 'transfer_code', start, start + value.length, 0.75));
  }
}

/** C05: app passwords, old/new pairs of lines and transfer codes listed per domain (see the comment at the top). */
export function detectCredentialLists(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  appPasswords(text, anchors, findings);
  oldNewPairs(text, anchors, findings);
  oldNewSentences(text, anchors, findings);
  transferCodes(text, anchors, findings);
  transferCodesBelowSentences(text, anchors, findings);
  transferCodeSentences(text, anchors, findings);
  return findings;
}
