import { AnchorGroup, codeUnitsOf, findAnchors, registerAnchor, type Anchors } from './anchors.js';
import { countWork as countWorkImport } from './scan-work.js';
import { makeFinding, type Finding } from './finding.js';
import { isPublicHalf } from './api-keys.js';
import { isAlnumCode } from './text-boundaries.js';
// The cue anchors this reads (password labels, "pass"/"pwd", credential words) are registered there.
import './password-lines.js';
import { TOKEN_SCORER_MODEL } from './token-scorer-weights.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/**
 * Round c10, a learned backstop. Five independent held-out authors in a row wrote credential forms no rule named, and
 * each round of rules moved the next author's recall by about a point (88-90%). What the misses share is not a form but
 * a neighbourhood: a secret-looking token near a word about passwords, logins or resets, in a sentence ("la nueva es
 * X", "Lütfen X ile giriş yapın"), a chat line, a column or the line after a label. This scores every token of the
 * lines around such words with a logistic model over hand-made features of the token (length, character classes,
 * shape, e-mail/URL/hash-like) and of its neighbourhood (the cue words before and after it on its line and on the two
 * lines above, the tokens beside it, the separator before it), trained on the labelled corpus and the dev splits by
 * `bench/redaction/train-token-scorer.ts`, which writes `token-scorer-weights.ts`. It reports only on lines where no
 * rule found a credential, and only above a threshold chosen on a split left out of training.
 */

/**
 * The subtype of the backstop's findings. On text nobody tuned on it finds about as many false alarms as secrets (see
 * bench/redaction/RESULTS.md), so what it reports is flagged for an agent and never redacted automatically
 * (minimisation/finding-actions.ts), whatever the profile says for credentials.
 */
export const SUSPECTED_SECRET = 'suspected_password';

/** What a cue word says about the tokens near it: the anchors' groups, and the ContextCue tags below. */
export const CueKind = {
  Password: 1,
  PasswordInside: 2,
  Secret: 3,
  Credential: 4,
  Reset: 5,
  Typo: 6,
  Access: 7,
  User: 8,
} as const;

// Verbs of resetting and changing a secret, words for an access or a login, mistyped password labels, and user labels,
// in the desks' ten languages (stems where the language inflects). Tried only where no letter or digit precedes.
const CUE_WORDS: readonly (readonly [number, readonly string[]])[] = [
  [CueKind.Reset, ['reset', 'zurückgesetzt', 'zurueckgesetzt', 'geändert', 'umgestellt', 'restablec', 'cambiad', 'cambiat', 'sıfırla', 'sifirla',
    'değiştir', 'degistir', 'teruggezet', 'gereset', 'gewijzigd', 'veranderd', 'réinitialis', 'reinitialis', 'modifié', 'changé', 'reimpostat',
    'redefini', 'alterei', 'alterad', 'сброс', 'измени', 'поменя', 'zresetow', 'zmieni', 'ustawi', 'changed', 'set it', 'now it', 'ahora es',
    'agora é', 'ora è', 'jetzt', 'nu is', 'maintenant']],
  [CueKind.Typo, ['pasw', 'passwrd', 'paswd', 'pssw', 'pasword', 'passowrd', 'wachtw', 'wactw', 'парл', 'паро', 'kenwort', 'kennwrt', 'contrasen',
    'contraseá', 'senah', 'hasl', 'sifr', 'şifr', 'parol', 'motdepasse', 'mot de pass']],
  [CueKind.Access, ['access', 'accès', 'acces', 'acceso', 'accesso', 'acesso', 'acessos', 'dostęp', 'dostep', 'erişim', 'erisim', 'toegang',
    'inlog', 'giriş', 'giris', 'entrar', 'entrad', 'entra ', 'connexion', 'connecter', 'anmeld', 'einlogg', 'войти', 'вход', 'zaloguj', 'logowa',
    'accedi', 'acceder', 'acessar', 'log in', 'sign in', 'logon', 'ssh', 'ftp', 'sftp', 'mysql', 'webmail', 'smtp', 'imap']],
  [CueKind.User, ['user', 'usuario', 'usuário', 'utilisateur', 'identifiant', 'benutzer', 'gebruiker', 'utente', 'utilizador', 'użytkownik',
    'uzytkownik', 'kullanıcı', 'kullanici', 'логин', 'пользовател', 'username', 'nom d\'utilisateur']],
];
for (const [kind, words] of CUE_WORDS) for (const word of words) registerAnchor(word, AnchorGroup.ContextCue, true, kind);

/** A line is read up to this far either side of its cue, and at most this many tokens of it. */
const MAX_LINE = 300;
const MAX_TOKENS_PER_LINE = 40;
/** Lines after a cue line that are read too ("Passwort:\n\nX", "Login\nanna\nww\nX"). */
const FOLLOWING_LINES = 2;
/**
 * The most tokens scored in one comment. A comment of repeated labels and secret-like tokens would otherwise have every
 * token scored (about 20 us each): 4,000 in 100 KB. Real comments have a few; the rules still read the whole comment, and
 * what this finds is only flagged.
 */
const MAX_CANDIDATES = 200;
/** A token longer than this is a key or a blob; other detectors read those. */
const MAX_TOKEN = 200;

interface Cue {
  at: number;
  kind: number;
  /** The letters at the cue, lower case (the word it starts). */
  word: string;
}

/** One token of a context line: [start, end) in the text, and its text. */
interface Token {
  start: number;
  end: number;
  text: string;
  /** Index of the whitespace-separated run it came from (pieces of one run share it). */
  run: number;
  /** Wrapped in quotes or backticks before trimming. */
  quoted: boolean;
  /** Split off HTML tags. */
  tagged: boolean;
  /** The part after "KEY=" or "key:" inside one run, with that key. */
  key: string | undefined;
  /** kindOf(text), once asked. */
  kind?: string;
}

/** A token to score, with its feature indices. */
export interface Candidate {
  start: number;
  end: number;
  /** Line start, to tell the lines where other detectors found a credential. */
  lineStart: number;
  lineEnd: number;
  /** The part after "KEY=" of a run. */
  afterKey: boolean;
  features: number[];
}

/** The word starting at `at` (letters, digits, "_"; at most 24 units), lower case. */
function wordAt(text: string, at: number): string {
  let end = at;
  while (end < text.length && end - at < 24) {
    const code = text.charCodeAt(end);
    if (!isAlnumCode(code) && code !== 95) break;
    end++;
  }
  return text.slice(at, end).toLowerCase();
}

function cuesOf(text: string, anchors: Anchors): Cue[] {
  const cues: Cue[] = [];
  const add = (group: number, kind: number | undefined): void => {
    const positions = anchors.positions[group]!;
    const tags = anchors.tags[group]!;
    for (let i = 0; i < positions.length; i++) cues.push({ at: positions[i]!, kind: kind ?? tags[i]!, word: '' });
  };
  add(AnchorGroup.PasswordLabel, CueKind.Password);
  add(AnchorGroup.PasswordInside, CueKind.PasswordInside);
  add(AnchorGroup.SecretLabel, CueKind.Secret);
  add(AnchorGroup.CredentialWord, CueKind.Credential);
  add(AnchorGroup.ContextCue, undefined);
  countWork(cues.length);
  cues.sort((a, b) => a.at - b.at || a.kind - b.kind);
  // One cue per position (a label is often anchored in two groups).
  const unique: Cue[] = [];
  for (const cue of cues) {
    if (unique.length > 0 && unique[unique.length - 1]!.at === cue.at) continue;
    cue.word = wordAt(text, cue.at);
    countWork(cue.word.length + 1);
    // "pwd" is also the shell command and "pass" an English verb: with no separator after them they say nothing.
    if (AMBIGUOUS_CUE.test(cue.word) && !/^[ \t]{0,2}[:=]/u.test(text.slice(cue.at + cue.word.length, cue.at + cue.word.length + 3))) continue;
    // The last segment of a path ("C:\inetpub\password", "/etc/postfix/sasl_passwd") names a file, not a secret.
    const before = cue.at > 0 ? text.charCodeAt(cue.at - 1) : 0;
    if (before === 0x2f || before === 0x5c) continue;
    if (!isTellingCue(cue.kind, cue.word, before)) continue;
    unique.push(cue);
  }
  return unique;
}

// The anchors are literal starts of words, shared with the rules: "client" (for client_secret), "auth" (for auth_key),
// "cred", "pin", "smtp" also start "clients", "authority", "credit", "ping", "smtpd". Those cue words say nothing here,
// and every cue costs the lines around it a reading (most ordinary comments hold several).
const WEAK_CUE_WORD = /^(?:client(?!_?secret)\p{L}*|authori\p{L}*|authent\p{L}*|authz\w*|author\p{L}*|credit\p{L}*|ping\w*|pinn\w*|pint\w*|session\w*|backups?|signing|доступн\p{L}*|users|\w+_log|log|\w*_func\w*|(?:smtp|imap|mysql|ftp)(?:d|_\w+))$/u;

function isTellingCue(kind: number, word: string, before: number): boolean {
  if (WEAK_CUE_WORD.test(word)) return false;
  // Secret-label words are anchored anywhere (for "client_secret"): inside a word ("включим") they are not one.
  if (kind === CueKind.Secret && isAlnumCode(before)) return false;
  return true;
}

const AMBIGUOUS_CUE = /^(?:\p{L}*pwd|pass)$/u;

interface Line {
  start: number;
  end: number;
  cues: Cue[];
}

/**
 * The lines holding a cue and the FOLLOWING_LINES after each, in order, each once. A line is read at most MAX_LINE code
 * units either side of its first cue, so a comment of one endless line costs no more than its length.
 */
function contextLines(text: string, cues: readonly Cue[]): Line[] {
  const lines: Line[] = [];
  let frontier = 0;
  const n = text.length;
  const lineFrom = (from: number): Line => {
    const limit = Math.min(n, from + MAX_LINE);
    let end = from;
    while (end < limit && text.charCodeAt(end) !== 10) end++;
    countWork(end - from + 1);
    return { start: from, end, cues: [] };
  };
  let k = 0;
  while (k < cues.length) {
    const cue = cues[k]!;
    if (cue.at < frontier) {
      // Inside the last line read: it belongs to that line (lines ascend).
      const last = lines[lines.length - 1];
      if (last && cue.at >= last.start && cue.at < last.end) last.cues.push(cue);
      k++;
      continue;
    }
    const floor = Math.max(frontier, cue.at - MAX_LINE);
    let start = cue.at;
    while (start > floor && text.charCodeAt(start - 1) !== 10) start--;
    countWork(cue.at - start + 1);
    const line = lineFrom(start);
    // The cue line runs at least to the cue: an endless line is cut MAX_LINE after its start.
    if (line.end <= cue.at) line.end = Math.min(n, cue.at + 1);
    lines.push(line);
    frontier = line.end + 1;
    // The cues of this line.
    while (k < cues.length && cues[k]!.at < line.end) {
      if (cues[k]!.at >= line.start) line.cues.push(cues[k]!);
      k++;
    }
    // The lines after it, up to the next cue's line.
    for (let f = 0; f < FOLLOWING_LINES && frontier < n; f++) {
      const next = lineFrom(frontier);
      // A line with a cue of its own is read as a cue line by the loop above (and its following lines after it).
      if (k < cues.length && cues[k]!.at >= next.start && cues[k]!.at < next.end) break;
      lines.push(next);
      frontier = next.end + 1;
    }
  }
  return lines;
}

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 13 || code === 0xa0 || code === 0x2009 || code === 0x202f || code === 10;
// Trimmed from a token's ends: quotes, brackets, markdown and sentence punctuation ("!" and "?" stay: they end passwords).
const LEADING = new Set([...'("\'«“„‘‚`[{*<>¡¿']);
const TRAILING = new Set([...')"\'»”“’‘`]},.;:*>']);
const QUOTES = new Set([...'"\'«»“”„‘’‚`']);

/** The tokens of text[start, end): whitespace-separated runs, split at HTML tags, trimmed, and "KEY=value" split once. */
function tokensOf(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let run = 0;
  let i = start;
  while (i < end && run < MAX_TOKENS_PER_LINE) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const runStart = i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    countWork(i - runStart + 1);
    if (i - runStart > MAX_TOKEN) {
      run++;
      continue;
    }
    // Pieces between HTML tags ("<b>Login:</b>", "<domain:pw>X</domain:pw>").
    let pieceStart = runStart;
    let tagged = false;
    for (let j = runStart; j < i && !tagged; j++) tagged = text.charCodeAt(j) === 60;
    for (let j = runStart; j <= i; j++) {
      if (tagged && j < i && text.charCodeAt(j) === 60 /* < */) {
        // Within the run only: a search to the text's end per run would make a long comment quadratic.
        let close = j + 1;
        while (close < i && text.charCodeAt(close) !== 62 /* > */) close++;
        countWork(close - j);
        const isTag = close < i && /^<\/?[A-Za-z][\w:.-]*$/u.test(text.slice(j, close));
        if (!isTag) continue;
        pushPiece(text, tokens, pieceStart, j, run, tagged);
        j = close;
        pieceStart = close + 1;
        continue;
      }
      if (j === i) pushPiece(text, tokens, pieceStart, i, run, tagged);
    }
    run++;
  }
  return tokens;
}

const CALL = /^[\w.$>-]{1,40}\(["']/u;
const KEY_THEN_VALUE = /^([A-Za-z_$][\w.$-]{2,40})(?:=|:)(?![/=])/u;

function hasCodeUnit(text: string, from: number, to: number, code: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

function pushPiece(text: string, tokens: Token[], from: number, to: number, run: number, tagged: boolean): void {
  let a = from;
  let b = to;
  let quoted = false;
  while (a < b && LEADING.has(text[a]!)) {
    if (QUOTES.has(text[a]!)) quoted = true;
    a++;
  }
  while (b > a && TRAILING.has(text[b - 1]!)) {
    if (QUOTES.has(text[b - 1]!)) quoted = true;
    b--;
  }
  // A call's quoted argument ("Stripe('pk_live_…')", "getenv(\"DB_PASS\")") is the argument.
  const call = hasCodeUnit(text, a, Math.min(b, a + 48), 40 /* ( */) ? CALL.exec(text.slice(a, Math.min(b, a + 48))) : null;
  if (call) {
    a += call[0].length;
    quoted = true;
  }
  if (b <= a) return;
  const piece = text.slice(a, b);
  tokens.push({ start: a, end: b, text: piece, run, quoted, tagged, key: undefined });
  // A quoted value is one value, colons and all ("'Xq:p(B!…'").
  const key = quoted || !(hasCodeUnit(text, a, b, 61 /* = */) || hasCodeUnit(text, a, b, 58 /* : */)) ? null : KEY_THEN_VALUE.exec(piece);
  if (key && key[0].length < piece.length) {
    let c = a + key[0].length;
    let q = false;
    while (c < b && LEADING.has(text[c]!)) {
      if (QUOTES.has(text[c]!)) q = true;
      c++;
    }
    if (b - c >= 4) tokens.push({ start: c, end: b, text: text.slice(c, b), run, quoted: q, tagged, key: key[1]! });
  }
}

// ---- features ----

/** FNV-1a of a feature name, folded into the model's table. */
function featureIndex(name: string, bits: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0) & ((1 << bits) - 1);
}

/** Character classes present: l(ower), u(pper), d(igit), s(ymbol), o(ther script letter). */
function classesOf(token: string): string {
  const mask = classMask(token);
  return `${mask & 1 ? 'l' : ''}${mask & 2 ? 'u' : ''}${mask & 4 ? 'd' : ''}${mask & 8 ? 's' : ''}${mask & 16 ? 'o' : ''}`;
}

/** How many of lower case, upper case, digits and ASCII symbols a token has (letters of other scripts not counted). */
function kindCount(token: string): number {
  const mask = classMask(token);
  return (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) + ((mask >> 3) & 1);
}

/** Bits of the classes present: 1 lower case, 2 upper case, 4 digit, 8 ASCII symbol, 16 anything else. */
function classMask(token: string): number {
  let mask = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    mask |= c >= 97 && c <= 122 ? 1 : c >= 65 && c <= 90 ? 2 : c >= 48 && c <= 57 ? 4 : c < 128 ? 8 : 16;
  }
  return mask;
}

/** Runs of classes, compressed ("Coffee.Garden50" → "Aa.Aa9"), at most 8 long. */
function shapeOf(token: string): string {
  let shape = '';
  let last = '';
  for (let i = 0; i < token.length && shape.length < 8; i++) {
    const c = token.charCodeAt(i);
    const cls = c >= 97 && c <= 122 ? 'a' : c >= 65 && c <= 90 ? 'A' : c >= 48 && c <= 57 ? '9' : c < 128 ? token[i]! : 'x';
    if (cls !== last) shape += cls;
    last = cls;
  }
  return shape;
}

const EMAIL = /^[^@\s]{1,64}@[^@\s]+\.[A-Za-z]{2,}$/u;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?$/u;
const DOMAIN = /^(?:[A-Za-z0-9-]{1,63}\.){1,5}[A-Za-z]{2,24}(?::\d{1,5})?$/u;
const NUMERIC = /^[\d.,:/+-]+$/u;
const CRYPT_HASH = /^\$(?:1|2[abxy]?|5|6|apr1|P|H|argon2\w*|y|sha1)\$/u;
const HEX = /^[0-9a-fA-F]{16,}$/u;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/u;
const CONSTANT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u;
const IDENTIFIER = /^[a-z]+(?:[A-Z][a-z0-9]*)+$/u;
const LETTERS = /^\p{L}+$/u;
const WORD_DIGITS = /^\p{L}+\d+$/u;
const VERSION = /^[\p{L}-]+\/\d+(?:\.\d+)*$/u;
const WORD_THEN_MARK = /^\p{L}+[?!]+$/u;
const PREFIX = /^([A-Za-z]{1,7}_)[A-Za-z0-9]/u;

function kindOf(token: string): string {
  if (token.includes('://')) return 'url';
  if (VERSION.test(token)) return 'version';
  if (WORD_THEN_MARK.test(token)) return 'word-mark';
  if (EMAIL.test(token)) return 'email';
  if (IPV4.test(token)) return 'ip';
  if (CRYPT_HASH.test(token)) return 'crypt';
  if (UUID.test(token)) return 'uuid';
  if (HEX.test(token)) return 'hex';
  if (NUMERIC.test(token)) return 'number';
  if (/^[/~]|^\.\.?\//u.test(token)) return 'path';
  if (DOMAIN.test(token)) return 'domain';
  if (CONSTANT.test(token)) return 'constant';
  if (IDENTIFIER.test(token)) return 'identifier';
  if (LETTERS.test(token)) return token.length <= 3 ? 'shortword' : 'word';
  if (WORD_DIGITS.test(token)) return 'worddigits';
  if (token.includes('/') && token.split('/').length > 2) return 'slashes';
  return 'mixed';
}

function lengthBucket(n: number): string {
  return n < 6 ? '<6' : n < 8 ? '6' : n < 12 ? '8' : n < 20 ? '12' : n < 40 ? '20' : '40';
}

const distanceBucket = (d: number): string => (d <= 3 ? String(d) : d <= 6 ? '4' : '7');

// Words on a line that say its tokens are about a secret, not one: hashes, fingerprints, policies, examples, links,
// errors, forgotten passwords, keys and public or profile ids. Read from the line's tokens (already split), not by a
// pattern over the line: whole words, and the stems of STEMS.
const LINE_WORDS = new Set(['hash', 'sha', 'sha1', 'sha256', 'sha-256', 'sha512', 'md5', 'bcrypt', 'crypt', 'fingerprint', 'checksum', 'digest',
  'example', 'beispiel', 'ejemplo', 'esempio', 'exemplo', 'voorbeeld', 'przykład', 'örnek', 'пример', 'placeholder', 'minimum', 'min',
  'characters', 'zeichen', 'caracteres', 'caratteri', 'karakter', 'tekens', 'policy', 'richtlinie', 'expire', 'expired', 'abgelaufen',
  'link', 'uuid', 'request', 'order', 'invoice', 'rechnung', 'factura', 'fattura', 'fatura', 'счёт', 'счет', 'faktura', 'error', 'fehler',
  'failed', 'denied', 'invalid', 'incorrect', 'wrong', 'falsch', 'forgot', 'vergessen', 'unuttum', 'vergeten', 'key', 'token', 'secret',
  'ключ', 'clé', 'chave', 'clave', 'chiave', 'sleutel', 'klucz', 'anahtar', 'schlüssel', 'id', 'identifier', 'public', 'publique', 'pública',
  'público', 'publico', 'pubblica', 'publiek', 'publiczny', 'publishable', 'profile', 'profiel', 'perfil', 'profilo', 'profil']);
const LINE_WORD_STEMS = ['символ', 'znak', 'olvid', 'dimentic', 'esquec', 'oubli', 'забыл', 'zapomnia', 'veröffentlich', 'публичн'];
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

function lineWordsOf(tokens: readonly Token[]): string[] {
  const words: string[] = [];
  for (const token of tokens) {
    if (token.text.length > 24 || words.length >= 8) continue;
    const word = token.text.toLowerCase().replace(EDGE_PUNCTUATION, '');
    if (LINE_WORDS.has(word)) words.push(word);
    else {
      const stem = LINE_WORD_STEMS.find((s) => word.startsWith(s));
      if (stem !== undefined) words.push(stem);
    }
  }
  countWork(tokens.length + 1);
  return words;
}

/** A neighbour token, as a feature value: the word itself when short, else its kind. */
function neighbour(token: Token | undefined): string {
  if (!token) return '^';
  const t = token.text.toLowerCase();
  return t.length <= 16 && /^[\p{L}\p{N}#@.'’_-]+$/u.test(t) ? t : `<${kindOfToken(token)}>`;
}

function kindOfToken(token: Token): string {
  return (token.kind ??= kindOf(token.text));
}

const charAt = (text: string, i: number): string => (i >= 0 && i < text.length ? text[i]! : '$');

function lastNonSpaceBefore(text: string, at: number, floor: number): string {
  for (let i = at - 1; i >= floor && i >= at - 8; i--) {
    const code = text.charCodeAt(i);
    if (!isSpace(code)) return text[i]!;
  }
  return '^';
}

function featuresOf(text: string, line: Line, tokens: readonly Token[], t: number, above: readonly (readonly Cue[])[], lineWords: readonly string[], bits: number): number[] {
  const token = tokens[t]!;
  const names: string[] = ['bias'];
  const kind = kindOfToken(token);
  const cls = classesOf(token.text);
  names.push(`len:${lengthBucket(token.text.length)}`, `cls:${cls}`, `shape:${shapeOf(token.text)}`, `kind:${kind}`, `kind-len:${kind}:${lengthBucket(token.text.length)}`);
  if (kind === 'word' || kind === 'shortword') names.push(`word:${token.text.toLowerCase()}`);
  if (token.quoted) names.push('quoted');
  if (token.tagged) names.push('tagged');
  if (token.key !== undefined) names.push('after-key', `key-kind:${keyKind(token.key)}`, `key-word:${token.key.toLowerCase().slice(0, 20)}`);
  else if (KEY_THEN_VALUE.test(token.text)) names.push('pair-inside');
  const prefix = PREFIX.exec(token.text);
  if (prefix) names.push(`prefix:${prefix[1]!.toLowerCase()}`);
  // The cue nearest before the token on its line, and whether the token is a cue itself.
  let before: Cue | undefined;
  let after: Cue | undefined;
  for (const cue of line.cues) {
    if (cue.at < token.start) before = cue;
    else if (cue.at >= token.start && cue.at < token.end) names.push(`is-cue:${cue.kind}`);
    else if (!after) after = cue;
  }
  if (before) {
    let distance = 0;
    for (let u = t - 1; u >= 0 && tokens[u]!.end > before.at; u--) if (tokens[u]!.run !== token.run) distance++;
    if (distance === 0) distance = 1;
    names.push(`cue-before:${before.kind}:${distanceBucket(distance)}`, `cue-word:${before.word}`, `cue-before-cls:${before.kind}:${cls}`, `cue-before-kind:${before.kind}:${kind}`);
  } else names.push('no-cue-before');
  if (after) names.push(`cue-after:${after.kind}`, `cue-after-word:${after.word}`);
  for (let d = 0; d < above.length; d++) {
    for (const cue of above[d]!) names.push(`cue-above${d + 1}:${cue.kind}`, `cue-above${d + 1}-word:${cue.word}`);
  }
  if (!before && above.some((cues) => cues.length > 0)) names.push(`above-only-cls:${cls}`, `above-only-kind:${kind}`);
  // Neighbours: the tokens of the runs before and after.
  let previous: Token | undefined;
  let previous2: Token | undefined;
  let next: Token | undefined;
  for (let u = t - 1; u >= 0; u--) {
    if (tokens[u]!.run === token.run) continue;
    if (!previous) previous = tokens[u];
    else if (tokens[u]!.run !== previous.run) {
      previous2 = tokens[u];
      break;
    }
  }
  for (let u = t + 1; u < tokens.length; u++) {
    if (tokens[u]!.run !== token.run) {
      next = tokens[u];
      break;
    }
  }
  names.push(`prev:${neighbour(previous)}`, `prev2:${neighbour(previous2)}`, `next:${neighbour(next)}`, `prev-kind:${previous ? kindOfToken(previous) : '^'}`);
  names.push(`sep:${lastNonSpaceBefore(text, token.start, line.start)}`, `char-before:${charAt(text, token.start - 1)}`, `char-after:${charAt(text, token.end)}`);
  if (!previous) names.push('first-on-line');
  if (!next) names.push('last-on-line');
  if (!previous && !next) names.push('alone-on-line', `alone-cls:${cls}`);
  if (/^\s*>/u.test(text.slice(line.start, Math.min(line.end, line.start + 8)))) names.push('quoted-line');
  for (const word of lineWords) names.push(`line-word:${word}`);
  countWork(names.length);
  const indices: number[] = [];
  for (let i = 0; i < names.length; i++) indices.push(featureIndex(names[i]!, bits));
  return indices;
}

function keyKind(key: string): string {
  const k = key.toLowerCase();
  if (/pass|pwd|kennwort|senha|clave|haslo|sifre|parol/u.test(k)) return 'password';
  if (/secret|token|key|auth|salt|cred/u.test(k)) return 'secret';
  if (/user|login|name|mail|host|url|id$|port|db$|database|path|dir|file/u.test(k)) return 'other';
  return 'unknown';
}

/** Every token the model scores in `text`, with its features (exported for the trainer). */
export function candidatesOf(text: string, anchors: Anchors = findAnchors(text), bits: number = TOKEN_SCORER_MODEL.bits): Candidate[] {
  const cues = cuesOf(text, anchors);
  if (cues.length === 0) return [];
  const candidates: Candidate[] = [];
  const lines = contextLines(text, cues);
  // The anchor pass made this copy of the text already (findAnchors); loops over it are faster than charCodeAt.
  const units = codeUnitsOf(text);
  // The cues of the one and two lines above each line, when those lines are adjacent.
  let previousLine: Line | undefined;
  let previous2Line: Line | undefined;
  for (const line of lines) {
    if (candidates.length >= MAX_CANDIDATES) break;
    const adjacent = previousLine !== undefined && previousLine.end + 1 === line.start;
    const above1 = adjacent ? previousLine!.cues : [];
    const above2 = adjacent && previous2Line !== undefined && previous2Line.end + 1 === previousLine!.start ? previous2Line.cues : [];
    previous2Line = previousLine;
    previousLine = line;
    if (!holdsLongRun(text, units, line.start, line.end)) continue;
    const tokens = tokensOf(text, line.start, line.end);
    let lineWords: string[] | undefined;
    for (let t = 0; t < tokens.length && candidates.length < MAX_CANDIDATES; t++) {
      const token = tokens[t]!;
      if (!valueMayBeSecret(token.text, token.key !== undefined)) continue;
      lineWords ??= lineWordsOf(tokens);
      candidates.push({ start: token.start, end: token.end, lineStart: line.start, lineEnd: line.end, afterKey: token.key !== undefined, features: featuresOf(text, line, tokens, t, [above1, above2], lineWords, bits) });
    }
  }
  return candidates;
}

/**
 * Whether units[start, end) holds a whitespace-separated run that could hold a secret: three kinds of character in 8
 * units or more, or two in 16 or more, a symbol counting only between letters or digits ("Thanks," and "(Hello" are
 * words), and no URL. Most lines near a cue hold none and are not tokenized: the model sees only the tokens of lines
 * that do (in training too).
 */
function holdsLongRun(text: string, units: Uint16Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    while (i < end && isSpace(units[i]!)) i++;
    const runStart = i;
    let mask = 0;
    let symbolPending = false;
    let url = false;
    while (i < end) {
      const c = units[i]!;
      if (isSpace(c)) break;
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
        mask |= (c >= 97 ? 1 : c >= 65 ? 2 : 4) | (symbolPending ? 8 : 0);
        symbolPending = false;
      } else if (c < 128 && mask !== 0) {
        symbolPending = true;
        if (c === 0x3a && units[i + 1] === 0x2f && units[i + 2] === 0x2f) url = true;
      }
      i++;
    }
    const kinds = (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) + ((mask >> 3) & 1);
    const length = i - runStart;
    if (!url && ((kinds >= 3 && length >= 8) || (kinds >= 2 && length >= 16)) && runMayHoldSecret(text, runStart, i)) {
      countWork(i - start + 1);
      return true;
    }
  }
  countWork(end - start + 1);
  return false;
}

/**
 * What tokensOf and valueMayBeSecret would make of one run, cheaply: the run trimmed, or its part after a "KEY=" or
 * "key:". A run with markup or a call in it is read in full. Log lines pass the character test above but fail here
 * (addresses, paths, times, "program[pid]"), and most lines that fail are never tokenized.
 */
function runMayHoldSecret(text: string, from: number, to: number): boolean {
  const run = text.slice(from, to);
  if (run.includes('<') || run.includes('(')) return true;
  let a = 0;
  let b = run.length;
  while (a < b && LEADING.has(run[a]!)) a++;
  while (b > a && TRAILING.has(run[b - 1]!)) b--;
  const trimmed = run.slice(a, b);
  if (valueMayBeSecret(trimmed, false)) return true;
  const key = KEY_THEN_VALUE.exec(trimmed);
  return key !== null && valueMayBeSecret(trimmed.slice(key[0].length).replace(/^["'`]+/u, ''), true);
}

/** The model's probability that a candidate is a secret. */
export function scoreOf(candidate: Candidate, weights: Float32Array = TOKEN_SCORER_MODEL.weights): number {
  let sum = 0;
  for (const index of candidate.features) sum += weights[index]!;
  return 1 / (1 + Math.exp(-sum));
}

// Masked or placeholder values ("whsec_••••", "<password>", "${DB_PASS}", "****") and the host part of an address.
// Code around a name ("os.environ[\"DB_PASS\"]", "getenv('X')") is a reference to a secret, not one.
// "rk_live_...8qCu" is shortened; "--ddb5138b-C--" and "--user" are log markers and options.
const NOT_A_VALUE = /[•●…*<>]{2}|[•●…]|\.{3}|^[<@]|^--|\$\{|^\*+$|[[(]["']|["'][\])]/u;

/**
 * What the model may report at all: a value as varied as people make passwords (three kinds of character of lower case,
 * upper case, digits and symbols, at least 8 long; or two kinds, at least 16 long), not a masked value or placeholder,
 * and not the public half of a key pair (the rules' own test, api-keys.ts). Words with a number ("Firefox2",
 * "shop2024", "Users2024") stand in too much ordinary text near a password word to be told apart by their neighbours.
 */
export function mayBeSecret(text: string, candidate: Candidate): boolean {
  return valueMayBeSecret(text.slice(candidate.start, candidate.end), candidate.afterKey) && !isPublicHalfOf(text, candidate);
}

/** The public half of a key pair, by the rules' own test (api-keys.ts), with the line before the value as its label. */
export function isPublicHalfOf(text: string, candidate: Candidate): boolean {
  const labelStart = Math.max(candidate.lineStart, candidate.start - 60);
  return isPublicHalf(text, labelStart, candidate.start, text.slice(candidate.start, candidate.end), candidate.start, candidate.end);
}

/** The checks of mayBeSecret on the value alone. Only tokens that pass are scored (and trained on): most tokens fail. */
function valueMayBeSecret(value: string, afterKey: boolean): boolean {
  if (value.length < 8) return false;
  const kinds = kindCount(value);
  if (!(kinds >= 3) && !(kinds >= 2 && value.length >= 16)) return false;
  // A whole "amount=29.00" is a pair; its value is a candidate of its own. Addresses are never the secret themselves.
  if (!afterKey && KEY_THEN_VALUE.test(value)) return false;
  if (value.includes('://') || EMAIL.test(value) || DOMAIN.test(value) || LOG_FIELD.test(value) || CRYPT_HASH.test(value)) return false;
  return !(WORD_DIGITS.test(value) || WORD_NUMBERED.test(value) || VERSION_TAIL.test(value) || NOT_A_VALUE.test(value) || isBase64Prose(value));
}

// What logs and markup are made of: a dotted quad anywhere, a path, "program[pid]", a date with a month's name or a
// time, an HTML entity or attribute, and "KEY=word" settings ("R=dnslookup").
const LOG_FIELD = /\d{1,3}(?:\.\d{1,3}){3}|^\/|^~\/|\[\d+\]?:?$|\d\/\p{L}{3}\/\d|\d\d:\d\d:\d\d|&[a-z]{2,6};|["']>|=["']|^\w{1,20}[=:]\p{L}+$/u;

// "Ordner_7", "Server-2": a thing's name and its number. "Ubuntu-3ubuntu0.10", "OpenSSH_8.9p1": a version.
const WORD_NUMBERED = /^\p{L}+[_.-]\d{1,2}$/u;
const VERSION_TAIL = /(?:\p{L}{3,}[-_]?\d*|[@/_-]v?\d+)(?:\.\d+){1,3}(?:p\d+)?$/u;
const BASE64 = /^[A-Za-z0-9+/]{12,}={0,2}$/u;

/** Base64 of readable words ("AUTH PLAIN anVzdCBzb21l…"): text someone encoded, not a secret. */
function isBase64Prose(value: string): boolean {
  if (!BASE64.test(value) || value.length % 4 !== 0) return false;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  // Words and punctuation only, no digit ("just some text here", "Password:"); a "user:secret" pair has more.
  return /^[A-Za-z ,.:'!?-]{4,}$/u.test(decoded) && (decoded.includes(' ') || decoded.endsWith(':'));
}

/** C05: the tokens the model scores at or above its threshold, on lines where no other detector found a credential. */
export function detectScoredTokens(text: string, anchors: Anchors = findAnchors(text), others: readonly Finding[] = []): Finding[] {
  const candidates = candidatesOf(text, anchors);
  if (candidates.length === 0) return [];
  // Lines where another detector found a credential are theirs, as for the structural backstop.
  const covered = others.filter((f) => f.kind === 'credential').sort((a, b) => a.start - b.start);
  const findings: Finding[] = [];
  let coveredLine = -1;
  let coveredCursor = 0;
  let lineIsCovered = false;
  for (const candidate of candidates) {
    if (coveredLine !== candidate.lineStart) {
      coveredLine = candidate.lineStart;
      while (coveredCursor < covered.length && covered[coveredCursor]!.end <= candidate.lineStart) coveredCursor++;
      lineIsCovered = coveredCursor < covered.length && covered[coveredCursor]!.start < candidate.lineEnd;
      countWork(1);
    }
    // candidatesOf made only tokens whose value may be a secret into candidates: the pair test is what is left.
    if (lineIsCovered || isPublicHalfOf(text, candidate)) continue;
    if (scoreOf(candidate) >= TOKEN_SCORER_MODEL.threshold) findings.push(makeFinding('credential', SUSPECTED_SECRET, candidate.start, candidate.end, 0.55));
  }
  // Where two candidates of one run overlap ("KEY=value" whole and its value), the caller keeps one.
  return findings;
}
