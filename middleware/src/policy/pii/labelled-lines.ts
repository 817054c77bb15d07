import { AnchorGroup, findAnchors, type Anchors } from './anchors.js';
import { countWork as countWorkImport } from './scan-work.js';
import { makeFinding, type Finding } from './finding.js';
import { isPlausiblePassword, looksLikeSecretWord } from './password-lines.js';
import { looksRandom } from './secret-entropy.js';
import { isPublicHalf } from './api-keys.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/**
 * Round c9, a backstop by structure rather than by form: four independent held-out authors each wrote credential forms
 * that no rule named (a gateway's own label, a number after the label, a quoted key in a dict), and each round of rules
 * for one author moved the next author's recall by about a point. What those forms share is a line that is nothing but
 * "key, separator, value", with a secret's stem in the key. This reads such whole lines at the anchors the other
 * detectors already have (password labels, "pass"/"pwd" inside identifiers, the first words of secret labels): a
 * config line, a form field, a list item. The whole line must be the pair, so prose ("the password is in the
 * attachment, see below") never reaches it; the other detectors keep the span where they also find it.
 */
const KEY_VALUE_LINE = new RegExp(
  // List markers, quote markers and an opening quote or "$" before the key.
  String.raw`[ \t>*•#-]{0,12}(?:\$this->|\$|["'])?` +
    // The key: up to six words of letters, digits, "_", ".", "-", "#", "(", ")", "@" and spaces.
    String.raw`(?<key>[\p{L}\p{N}_.#()@\-]{1,40}(?:[ \t][\p{L}\p{N}_.#()@\-]{1,30}){0,5}?)["']?[ \t]{0,8}` +
    String.raw`(?:=>|->|:=|[:=：]|\|)[ \t]{0,8}` +
    // The value: quoted (any symbol inside) or one bare token, then only a comma or semicolon to the line's end.
    String.raw`(?:(?<q>["'\x60])(?<quoted>[^"'\x60\n]{6,200})\k<q>|(?<bare>[^\s"'\x60<>]{6,200}))[ \t]*[,;]?[ \t]*(?=\r?\n|$)`,
  'yu',
);

// A secret's stem, in the desks' ten languages and the usual abbreviations.
// A bare "pass" or "pwd" starts a word or follows a service's short name ("dbpass", "ftppass"), not "bypass" or "compass".
const SECRET_STEM = /pass(?:w(?:or)?d|wort|phrase)(?!\p{Ll})|(?:(?<!\p{L})|(?<=db|ftp|smtp|mail|root|admin|user|sql|ssh|wp|api|app|web|imap|pop|my))(?:pass(?:code)?|pwd)(?!\p{Ll})|secret(?!ar)|token|auth(?!or|ent|oris|oriz)|cred(?:s|ential\p{L}*)?(?!\p{Ll})|salt(?!\p{Ll})|signing|private|пароль|парол|секрет|токен|ключ|kennwort|schlüssel|geheim|contrase|clave|secret[oa]|segret|chiave|senha|chave|segredo|wachtwoord|sleutel|mot de passe|mdp|clé|hasło|haslo|klucz|tajn|şifre|sifre|parola|anahtar|gizli/iu;
// Words that make a key name something about a secret rather than the secret, when they follow its stem
// ("password_hint", "token_url", "api_key_id", "passwordExpiresAt"); before it they qualify it ("user password",
// "MAIL_PASSWORD").
const NOT_A_SECRET_AFTER_STEM = /(?:^|[\s_.\-])(?:id|ids|user|username|name|email|e-mail|host|hostname|port|url|uri|endpoint|path|file|dir|fingerprint|type|length|len|min|max|policy|hint|hinweis|подсказк\p{L}*|pista|suggerimento|dica|indice|wskazówka|ipucu|expires?|expired|expiry|expiration|at|reset|changed|change|algorithm|algo|method|mode|format|version|hash|hashed|cipher|encrypt(?:ed|ion)?|enabled|required|strength|rule|rules|count|attempts|lifetime|ttl|timeout|field|label|prompt|header|prefix|suffix|style|class|maps?|command|cmd|program|helper|manager|vergessen|oublié|olvidad[oa]|dimenticat[oa]|esquec\p{L}*|zapomn\p{L}*)(?:$|[\s_.\-])/iu;
// Anywhere in the key: the public half of a pair, or a forgotten one.
const NOT_A_SECRET_ANYWHERE = /(?:^|[\s_.\-])(?:public|publique|público|publico|pubblica|pubblico|publiek|publiczny|öffentlich\p{L}*|veröffentlich\p{L}*|открыт\p{L}*|публичн\p{L}*|açık|pub|publishable|pix|forgot|forgotten|забыл\p{L}*|reset|checksum|digest|sha\d*|md5|sum|keyword|schlüsselwort|parola chiave|palabra clave|palavra[- ]chave|mot[- ]clé|anahtar kelime|słowo kluczowe|ключевое слово)(?:$|[\s_.\-])/iu;
/** "passwordExpiresAt", "apiKeyId": camelCase words spaced out, so the exclusions read them as words. */
function spacedKey(key: string): string {
  return key.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
}
const SSH_FINGERPRINT = /^(?:SHA256:[A-Za-z0-9+/]{43}=?|MD5(?::[0-9a-f]{2}){16})$/u;
/** A password-like stem asks for a password-like value; the others (keys, tokens, secrets) for a random one. */
const PASSWORD_STEM = /pass|pwd|пароль|парол|kennwort|contrase|senha|wachtwoord|mot de passe|mdp|hasło|haslo|şifre|sifre|parola/iu;

/** The anchors to read lines at: password labels, "pass"/"pwd" inside identifiers, and secret-label words. */
function anchorsOf(anchors: Anchors): number[] {
  const all = [...anchors.positions[AnchorGroup.PasswordLabel]!, ...anchors.positions[AnchorGroup.PasswordInside]!, ...anchors.positions[AnchorGroup.SecretLabel]!];
  countWork(all.length);
  return all.sort((a, b) => a - b);
}

/**
 * The start of the line holding each anchor (anchors ascend), or -1 when it lies more than 80 code units back: read
 * back from each anchor no further than the anchor before it or 80 units, so no code unit is read twice and a comment
 * with few anchors is not read in full (a forward pass over the whole text cost more than the rest of this detector).
 */
class LineStarts {
  private previousAt = -1;
  private previousStart = 0;
  constructor(private readonly text: string) {}
  at(position: number): number {
    const text = this.text;
    const floor = Math.max(this.previousAt, position - 80, -1);
    let i = position - 1;
    for (; i > floor; i--) if (text.charCodeAt(i) === 10) break;
    countWork(position - i);
    let start: number;
    if (i > floor || i === -1) start = i + 1; // a line break found, or the text's start reached
    else if (floor === this.previousAt) start = this.previousStart; // the same line as the anchor before
    else start = -1; // more than 80 units back
    this.previousAt = position;
    this.previousStart = start;
    return start;
  }
}

/** Whether a credential of another detector starts in [from, to) (`starts` ascending; `cursor` only moves forward). */
function coveredBetween(starts: readonly number[], cursor: { k: number }, from: number, to: number): boolean {
  while (cursor.k < starts.length && starts[cursor.k]! < from) cursor.k++;
  countWork(1);
  return cursor.k < starts.length && starts[cursor.k]! < to;
}

/** C05: the value of a line that is only "key: value" with a secret's stem in the key. */
export function detectLabelledLines(text: string, anchors: Anchors = findAnchors(text), others: readonly Finding[] = []): Finding[] {
  const findings: Finding[] = [];
  // Lines where another detector found a credential are theirs: this reads only the lines they left.
  const covered = others.filter((f) => f.kind === 'credential').map((f) => f.start).sort((a, b) => a - b);
  const cursor = { k: 0 };
  const lines = new LineStarts(text);
  let lastLine = -1;
  for (const at of anchorsOf(anchors)) {
    const lineStart = lines.at(at);
    // A key is short: an anchor far into a long line is no key's.
    if (lineStart < 0 || at - lineStart > 80 || lineStart === lastLine) continue;
    lastLine = lineStart;
    if (covered.length > 0) {
      let lineEnd = text.indexOf('\n', at);
      if (lineEnd < 0 || lineEnd - at > 300) lineEnd = Math.min(text.length, at + 300);
      countWork(lineEnd - at + 1);
      if (coveredBetween(covered, cursor, lineStart, lineEnd)) continue;
    }
    KEY_VALUE_LINE.lastIndex = lineStart;
    const match = KEY_VALUE_LINE.exec(text);
    countWork(match ? match[0].length : 1);
    if (!match?.groups) continue;
    const key = match.groups.key ?? '';
    const spaced = spacedKey(key);
    const stem = SECRET_STEM.exec(spaced);
    if (!stem || NOT_A_SECRET_ANYWHERE.test(spaced) || NOT_A_SECRET_AFTER_STEM.test(spaced.slice(stem.index))) continue;
    const quoted = match.groups.quoted;
    const value = quoted ?? match.groups.bare ?? '';
    // "this.dbPassword = dbPass;": in code an unquoted value is a variable; a literal secret is quoted.
    if (quoted === undefined && /;[ \t]*$/u.test(match[0])) continue;
    // Round c15c: a quoted sentence of seven or more words is a message the panel printed, not a value.
    if (quoted !== undefined && /^\S+(?:\s+\S+){6,}$/u.test(quoted)) continue;
    // Round c12: an SSH key's fingerprint as ssh-keygen -l prints it ("SHA256:" and 43 base64 characters) is public.
    if (SSH_FINGERPRINT.test(value)) continue;
    // Not a placeholder, URL, path or "hash:/etc/postfix/sasl_passwd" map.
    if (!isPlausiblePassword(value, 'punct') || value.includes('://') || /^[/~.]|^\$\{|^%\w+%$|^[a-z]{2,10}:\//u.test(value)) continue;
    const passwordLike = PASSWORD_STEM.test(key);
    if (passwordLike ? !looksLikeSecretWord(value) : !(value.length >= 12 && looksRandom(value))) continue;
    // The value is the last thing on the line but for its closing quote and a trailing "," or ";".
    const start = match.index + match[0].lastIndexOf(value);
    const keyStart = match.index + match[0].indexOf(key);
    if (isPublicHalf(text, keyStart, keyStart + key.length, value, start, start + value.length)) continue;
    findings.push(makeFinding('credential', passwordLike ? 'password' : 'api_key', start, start + value.length, 0.6));
  }
  return findings;
}
