import { AnchorGroup, findAnchors, registerAnchor, type Anchors } from './anchors.js';
import { SSH_PUBLIC_KEY_TYPE, looksRandomLetters } from './api-keys.js';
import { makeFinding, type Finding } from './finding.js';
import { isPlausiblePassword, looksLikeSecretWord } from './password-lines.js';
import { countWork as countWorkImport } from './scan-work.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

/**
 * C05, credential round c15b: secrets named in sentences, payment-gateway and vendor keys in prose and tables, and a few
 * config and command forms. Every rule is a sticky pattern tried only at its own anchor literals (ConfigWord group, tags
 * from SENTENCE_TAG on), reading a bounded window around it; a rule's look behind the anchor reads at most a line's worth.
 * - "SSH … port 22, pw X": an abbreviated password label after a comma on a line that names an SSH/FTP login.
 * - "… asks for the password … I type X": a typing verb in the ten languages after a password word in the same paragraph.
 * - "Das Passwort … ist definitiv X", "Root-Passwort vom vServer (IP) ist X": a password word, a short qualifier, a copula
 *   and an optional adverb; "Databasewachtwoord: X": a compound ending in a password word before a colon.
 * - "Reset mailbox x@y to X", "Wachtwoord … gereset naar X", "… réinitialisé à X"; "пароль …, новый: X".
 * - "account x@y password X": a bare password word after an address on its line.
 * - "the secret from the QR code: X" (16-32 base32 characters); an app password of 16 lower-case letters after its label.
 * - "WIFI:T:WPA;S:…;P:X;;" QR strings; "WLAN-Schlüssel …: 1234 5678 …" digit groups.
 * - "Kod AuthInfo od …: X": a transfer-code label, a qualifier and a colon before a code that ends its line.
 * - "clave secreta de Redsys es X", "token do PagSeguro é X", "Klucz CRC … to X", "merchant_salt X": a secret or key word,
 *   a short qualifier and a key-like value (hex, or digits with letters).
 * - "<td>SHA-IN passphrase</td><td>X</td>": a table row whose label cell names a password, passphrase, secret or token.
 * - rclone INI sections ("[remote]", "type = b2", "key = X"); "export OVH_AS=…"; WHMCS "$cc_encryption_hash = '…'";
 *   swaks "--auth-password X"; `echo -e "X\nX" | passwd`; "passphrase: four words 12".
 */

const SENTENCE_TAG = 5000;

interface Rule {
  words: readonly string[];
  wordStart: boolean;
  run: (text: string, at: number, findings: Finding[]) => void;
}

const RULES: Rule[] = [];
function addRule(rule: Rule): void {
  const tag = SENTENCE_TAG + RULES.length;
  RULES.push(rule);
  for (const word of rule.words) registerAnchor(word, AnchorGroup.ConfigWord, rule.wordStart, tag);
}

/** The sticky `pattern` tried at `at` (work counted). */
function execAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  const m = pattern.exec(text);
  countWork(m ? m[0].length : 1);
  return m;
}

/** Up to `limit` units of the line before `at` (work counted). */
function lineBefore(text: string, at: number, limit: number): string {
  const from = Math.max(0, at - limit);
  const window = text.slice(from, at);
  countWork(window.length + 1);
  const nl = window.lastIndexOf('\n');
  return nl >= 0 ? window.slice(nl + 1) : window;
}

const BLANK_LINE = /\n[ \t>]*\r?\n/gu;

/** Up to `limit` units before `at`, cut at the last blank line (the paragraph so far). */
function paragraphBefore(text: string, at: number, limit: number): string {
  const window = text.slice(Math.max(0, at - limit), at);
  countWork(window.length + 1);
  let cut = 0;
  for (const m of window.matchAll(BLANK_LINE)) cut = m.index + m[0].length;
  return window.slice(cut);
}

/** Pushes a finding for the named group `group` of a match made with the `d` flag. */
function pushGroup(m: RegExpExecArray, group: string, subtype: string, confidence: number, findings: Finding[]): void {
  const span = m.indices?.groups?.[group];
  if (span) findings.push(makeFinding('credential', subtype, span[0], span[1], confidence));
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.\p{L}{2,24}$/u;
const HOST = /^(?:[a-z0-9-]{1,63}\.)+[a-z]{2,24}$/iu;
const DATE_LIKE = /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}/u;
const CODE_NAME = /^\p{Lu}{2,8}-?\d{1,5}$/u;

/** One token that reads as a password: a letter, a digit, symbol or inner capital, no address, link, path or host. */
function passwordToken(value: string, kind: 'bare' | 'punct' = 'bare'): boolean {
  // "inactive.", "right:": a word and the sentence's punctuation.
  if (/[.,;:!?]$/u.test(value) && !looksLikeSecretWord(value.replace(/[.,;:!?]+$/u, ''))) return false;
  if (!looksLikeSecretWord(value) || !/\p{L}/u.test(value) || !isPlausiblePassword(value, kind)) return false;
  if (value.includes('@') && EMAIL.test(value)) return false;
  if (value.includes('://') || /^[/\\~$%{[#&]/u.test(value) || CODE_NAME.test(value) || DATE_LIKE.test(value)) return false;
  if (HOST.test(value) && /\.[a-z]{2,4}$/u.test(value)) return false;
  return true;
}

/** A key's value: 16 or more characters with at least four letters and two digits, or random mixed-case letters. */
function keyLike(value: string): boolean {
  if (value.length < 16 || value.length > 200) return false;
  if (value.includes('://') || value.includes('@') || /^[/\\~$%{[#&.]/u.test(value) || DATE_LIKE.test(value)) return false;
  if (HOST.test(value) || /^\p{Lu}+(?:_\p{Lu}+)+$/u.test(value)) return false;
  // "Secret key: ecdsa-sha2-nistp521 AAAA…": the type that starts an SSH public key line, no secret (as in api-keys.ts).
  if (SSH_PUBLIC_KEY_TYPE.test(value)) return false;
  if (looksRandomLetters(value)) return true;
  let letters = 0;
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c | 0x20) >= 97 && (c | 0x20) <= 122) letters++;
  }
  return letters >= 4 && digits >= 2 && isPlausiblePassword(value, 'punct');
}

// The password words of the ten languages (lower case; "mot de passe" and its abbreviation too).
const PASSWORD_WORDS = String.raw`(?:password|passwort|kennwort|passwd|пароль|парол\p{L}{0,3}|contraseña|contrasena|clave|senha|hasło|haslo|hasła|wachtwoord|mot[ \t]de[ \t]passe|mdp|şifre(?:si)?|sifre(?:si)?|parola(?:sı)?|password)`;
const PASSWORD_WORD_IN = new RegExp(String.raw`(?:^|[^\p{L}])${PASSWORD_WORDS}`, 'iu');
// A value token and the end of its clause: sentence punctuation, then a blank, a tag or the text's end.
const VALUE = String.raw`["'«„“]?(?<value>[^\s"'<>«»„“”]{4,64}?)["'»”]?(?=[.,;!?)]{0,2}(?:\s|$|<|&nbsp;))`;

// ---------------------------------------------------------------------------------------------------------------
// "SSH is u@203.0.113.9 port 2222, pw X"
// ---------------------------------------------------------------------------------------------------------------
const SHORT_LABEL = new RegExp(String.raw`(?:pw|ww|mdp|pwd|pass|passwd|psw|pswd)(?:[ \t]{0,2}[:=])?[ \t]{1,3}${VALUE}`, 'dyiu');
/** Whether "," or ";" stands before `at`, with at most two blanks between (what LOGIN_LINE_BEFORE's end needs). */
function commaBefore(text: string, at: number): boolean {
  let k = at;
  while (k > 0 && at - k < 2 && (text.charCodeAt(k - 1) === 32 || text.charCodeAt(k - 1) === 9)) k--;
  const c = k > 0 ? text.charCodeAt(k - 1) : -1;
  return c === 44 || c === 59;
}
const LOGIN_LINE_BEFORE = /(?:ssh|sftp|scp|ftp)[^\n]{0,120}?(?:@|port|poort|porta|puerto|порт)[^\n]{0,60}[,;][ \t]{0,2}$/iu;
addRule({
  words: ['pw', 'ww', 'mdp', 'pwd', 'pass', 'passwd', 'psw', 'pswd'],
  wordStart: true,
  run(text, at, findings) {
    // LOGIN_LINE_BEFORE ends in "," or ";" and at most two blanks right before the word: looked at first (one or three
    // units), then the pattern, which fails at once on most words that start so ("passed", "pwned").
    if (!commaBefore(text, at)) return;
    const m = execAt(SHORT_LABEL, text, at);
    if (!m || !passwordToken(m.groups!.value!) || !LOGIN_LINE_BEFORE.test(lineBefore(text, at, 200))) return;
    pushGroup(m, 'value', 'password', 0.75, findings);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// "… keeps asking for the password … I type X and it works in webmail"
// ---------------------------------------------------------------------------------------------------------------
const TYPE_VERBS = ['i type', "i'm typing", 'i am typing', 'i enter', "i'm entering", 'i put in', 'ik vul', 'ik typ', 'ik voer', 'je tape', 'je saisis',
  "j'entre", 'j’entre', 'je rentre', 'je mets', 'metto', 'inserisco', 'digito', 'scrivo', 'pongo', 'escribo', 'introduzco', 'tecleo', 'coloco', 'insiro',
  'ich tippe', 'ich gebe', 'tippe ich', 'gebe ich', 'wpisuję', 'wpisuje', 'wprowadzam', 'podaję', 'ввожу', 'вбиваю', 'yazıyorum', 'giriyorum'];
const TYPE_VERB = new RegExp(String.raw`(?:${TYPE_VERBS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/ /gu, '[ \\t]{1,2}')).join('|')})[ \t]{1,3}(?:(?:the|it|het|le|la|il|el|o|a|das|es)[ \t]{1,3})?${VALUE}`, 'dyiu');
addRule({
  words: TYPE_VERBS,
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(TYPE_VERB, text, at);
    if (!m || !passwordToken(m.groups!.value!) || !PASSWORD_WORD_IN.test(paragraphBefore(text, at, 240))) return;
    pushGroup(m, 'value', 'password', 0.7, findings);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// "Das Passwort ist definitiv X", "Root-Passwort vom vServer (203.0.113.4) ist X"; "Databasewachtwoord: X";
// "account x@y password X"
// ---------------------------------------------------------------------------------------------------------------
const GAP = String.raw`(?:[^\n:=!?.<>]|\.(?=[\p{L}\p{N}]))`;
const COPULA = String.raw`(?:ist|is|lautet|est|es|è|é|era|jest|to|это|zijn)`;
const ADVERB = String.raw`(?:definitiv|definitely|really|wirklich|sicher|jetzt|now|still|noch|ahora|adesso|ora|agora|nu|maintenant|teraz|şimdi|сейчас|теперь|toujours|ancora|todavía|nadal|hala|bien|zeker|echt|kesinlikle|точно|definitivamente|sicuramente|certamente|vraiment|wel|gewoon|certainly|surely|sempre|siempre|immer)`;
const PASSWORD_COPULA = new RegExp(String.raw`${PASSWORD_WORDS}[ \t]{1,3}(?:${GAP}{0,50}?[ \t])??${COPULA}[ \t]{1,3}(?:${ADVERB}[ \t]{1,3})?${VALUE}`, 'dyiu');
const COMPOUND_COLON = new RegExp(String.raw`(?:wachtwoord|kennwort|passwort)[ \t]{0,2}:[ \t]{1,4}${VALUE}`, 'dyiu');
const BARE_AFTER_ADDRESS = new RegExp(String.raw`${PASSWORD_WORDS}[ \t]{1,3}${VALUE}`, 'dyiu');
// An e-mail address ending the window, with up to one word after it ("… info@x.com.tr parola X", "box@x.nl, wachtwoord X").
// The address's "@" is the window's last (nothing after it may be an "@"), so the test starts there: tried at every
// start, /[^\s@]{1,64}@…$/ read up to 64 units from each of the window's 140 for every password word of a comment.
const AFTER_ADDRESS_AT = /^[^\s@]{1,100}\.\p{L}{2,24}[ \t,]{1,3}(?:\p{L}{1,12}[ \t]{1,3})?$/u;
const NOT_IN_ADDRESS = /[\s@]/u;
function endsWithAddress(window: string): boolean {
  const at = window.lastIndexOf('@');
  countWork(window.length - at + 1);
  return at >= 1 && !NOT_IN_ADDRESS.test(window[at - 1]!) && AFTER_ADDRESS_AT.test(window.slice(at + 1));
}
addRule({
  words: ['password', 'passwort', 'kennwort', 'пароль', 'contraseña', 'contrasena', 'senha', 'hasło', 'haslo', 'wachtwoord', 'mot de passe', 'şifre', 'sifre', 'parola'],
  wordStart: false,
  run(text, at, findings) {
    const glued = at > 0 && /\p{L}/u.test(text[at - 1]!);
    if (glued) {
      // A compound ("Databasewachtwoord:", "Datenbankkennwort:"), not a word that merely ends so.
      const m = execAt(COMPOUND_COLON, text, at);
      if (m && passwordToken(m.groups!.value!, 'punct')) pushGroup(m, 'value', 'password', 0.75, findings);
      return;
    }
    const m = execAt(PASSWORD_COPULA, text, at);
    if (m && passwordToken(m.groups!.value!) && /[\p{N}\p{P}\p{S}]/u.test(m.groups!.value!)) {
      pushGroup(m, 'value', 'password', 0.7, findings);
      return;
    }
    // The value after the word first, then the address before it (a look back over up to 140 units): most password
    // words are followed by no value that reads as a password.
    const bare = execAt(BARE_AFTER_ADDRESS, text, at);
    if (bare && passwordToken(bare.groups!.value!) && endsWithAddress(lineBefore(text, at, 140))) pushGroup(bare, 'value', 'password', 0.7, findings);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// "Reset mailbox x@y to X", "Wachtwoord van de klant gereset naar X", "Mot de passe … réinitialisé à X"
// ---------------------------------------------------------------------------------------------------------------
const RESET_TO = new RegExp(String.raw`(?:reset|gereset|réinitialisé|réinitialisée|reinitialise|restablecid[ao]|reimpostat[ao]|redefinid[ao]|zresetowa\p{L}{0,4}|teruggezet)[ \t]{1,3}(?:${GAP}{0,80}?[ \t])??(?:to|naar|à|a|en|in|na|para)[ \t]{1,3}${VALUE}`, 'dyiu');
const RESET_CONTEXT = /(?:passw|kennw|пароль|contrase|clave|senha|hasł|hasl|wachtwoord|mot de passe|mdp|şifre|sifre|parola|mailbox|postfach|boîte|casella|buzón|caixa|skrzynk|ящик|account|konto|compte|cuenta|conta|hesap|user|benutzer|gebruiker|utilisateur|usuario|utente|użytkownik)/iu;
addRule({
  words: ['reset', 'gereset', 'réinitialisé', 'reinitialise', 'restablecid', 'reimpostat', 'redefinid', 'zresetowa', 'teruggezet'],
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(RESET_TO, text, at);
    if (!m) return;
    const value = m.groups!.value!;
    if (!passwordToken(value) || !/[\p{N}\p{P}\p{S}]/u.test(value)) return;
    if (!RESET_CONTEXT.test(lineBefore(text, at, 80) + m[0].slice(0, m[0].length - value.length))) return;
    pushGroup(m, 'value', 'password', 0.7, findings);
  },
});

// "Сбросил пароль панели, новый: X": a new-word and a colon mid-line, after a password word on the line.
const NEW_WORDS = ['новый', 'new', 'neu', 'neues', 'nuevo', 'nueva', 'nuovo', 'nuova', 'nouveau', 'nouvelle', 'novo', 'nova', 'nowe', 'nowy', 'nieuw', 'nieuwe', 'yeni'];
const NEW_COLON = new RegExp(String.raw`(?:${NEW_WORDS.join('|')})[ \t]{0,2}:[ \t]{1,4}${VALUE}`, 'dyiu');
addRule({
  words: NEW_WORDS,
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(NEW_COLON, text, at);
    if (!m || !passwordToken(m.groups!.value!, 'punct') || !PASSWORD_WORD_IN.test(lineBefore(text, at, 100))) return;
    pushGroup(m, 'value', 'password', 0.75, findings);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Two-factor seeds after a QR-code sentence; app passwords of 16 letters written without spaces
// ---------------------------------------------------------------------------------------------------------------
const QR_SEED = /(?:qr|2fa|totp|authenticator)[^\n]{0,80}?[:=][ \t]{0,3}(?<value>[A-Z2-7]{16,32}|[a-z2-7]{16,32})(?![\p{L}\p{N}])/dyiu;
addRule({
  words: ['qr', '2fa', 'totp', 'authenticator'],
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(QR_SEED, text, at);
    if (m && /[2-7]/u.test(m.groups!.value!) && /[a-z]/iu.test(m.groups!.value!)) pushGroup(m, 'value', 'totp_seed', 0.75, findings);
  },
});

const APP_LABELS = ['app password', 'app-password', 'app-passwort', 'app passwort', 'anwendungspasswort', 'anwendungskennwort', 'contraseña de aplicación',
  'contrasena de aplicacion', 'contraseña de aplicacion', 'password per le app', "password dell'app", 'password per app', 'password per applicazioni',
  'senha de app', 'senha de aplicativo', 'senha de aplicação', 'senha de aplicacao', 'hasło aplikacji', 'hasło do aplikacji', 'haslo aplikacji',
  'app-wachtwoord', 'appwachtwoord', 'app wachtwoord', "mot de passe d'application", 'mot de passe d’application', "mot de passe d'app",
  'uygulama şifresi', 'uygulama parolası', 'пароль приложения', 'пароль для приложений', 'пароль для приложения'];
const APP_NO_SPACES = new RegExp(String.raw`(?:${APP_LABELS.map((w) => w.replace(/ /gu, '[ \\t]{1,2}')).join('|')})[^\n]{0,60}?(?<![\p{L}\p{N}])(?<value>[a-z]{16})(?![\p{L}\p{N}])`, 'dyiu');
addRule({
  words: APP_LABELS,
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(APP_NO_SPACES, text, at);
    if (!m) return;
    const value = m.groups!.value!;
    // Random letters, not a long word ("authentification"): few vowels.
    if (value.replace(/[^aeiou]/gu, '').length <= 7 && value === value.toLowerCase()) pushGroup(m, 'value', 'app_password', 0.75, findings);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Wi-Fi: QR strings and router keys of digit groups
// ---------------------------------------------------------------------------------------------------------------
const WIFI_QR = /wifi:(?:[A-Za-z]{1,2}:(?:\\.|[^;\\\n]){0,64};){0,5}?p:(?<value>(?:\\.|[^;\\\n]){4,64});/dyiu;
addRule({
  words: ['wifi:'],
  wordStart: false,
  run(text, at, findings) {
    const m = execAt(WIFI_QR, text, at);
    if (m && isPlausiblePassword(m.groups!.value!, 'punct')) pushGroup(m, 'value', 'password', 0.8, findings);
  },
});
const WIFI_LABELS = ['wlan-schlüssel', 'wlan schlüssel', 'wlan-key', 'wlan key', 'wlan-passwort', 'wlan passwort', 'wlan-kennwort', 'wifi password', 'wi-fi password',
  'wifi key', 'wpa key', 'wpa2 key', 'wpa-schlüssel', 'wpa2-schlüssel', 'netzwerkschlüssel', 'clave wifi', 'clave wi-fi', 'clave del wifi', 'contraseña wifi', 'contraseña del wifi',
  'password wifi', 'password del wifi', 'chiave wifi', 'mot de passe wifi', 'mot de passe wi-fi', 'mot de passe du wifi', 'clé wifi', 'clé wpa', 'senha do wifi', 'senha wifi',
  'wifi-wachtwoord', 'wifi wachtwoord', 'wifi-sleutel', 'hasło do wifi', 'hasło wifi', 'klucz wifi', 'wifi şifresi', 'пароль от wifi', 'пароль wifi', 'пароль от wi-fi'];
const WIFI_KEY = new RegExp(String.raw`(?:${WIFI_LABELS.map((w) => w.replace(/ /gu, '[ \\t]{1,2}')).join('|')})[^\n:]{0,50}?:[ \t]{0,3}(?:(?<digits>\d{4}(?:[ \t]\d{4}){2,7})(?![\p{L}\p{N}])|${VALUE})`, 'dyiu');
addRule({
  words: WIFI_LABELS,
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(WIFI_KEY, text, at);
    if (!m) return;
    if (m.groups!.digits !== undefined) pushGroup(m, 'digits', 'wifi_key', 0.8, findings);
    else if (m.groups!.value !== undefined && passwordToken(m.groups!.value, 'punct')) pushGroup(m, 'value', 'wifi_key', 0.75, findings);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// "Kod AuthInfo od obecnego rejestratora: X": a transfer-code label, a qualifier, a colon, a code ending its line
// ---------------------------------------------------------------------------------------------------------------
const TRANSFER_LABELS = ['authinfo', 'auth-info', 'auth info', 'authcode', 'auth-code', 'auth code', 'epp code', 'epp-code', 'epp kodu', 'epp-kod', 'transfer code',
  'transfer-code', 'transfercode', 'transfer kodu', 'verhuiscode', "code d'autorisation", 'code d’autorisation', 'code de transfert', 'código de transferencia',
  'código de transferência', 'código epp', 'código de autorización', 'código de autorização', 'codice di trasferimento', 'codice authinfo', 'codice epp',
  'kod transferu', 'kod authinfo', 'kod epp', 'код для трансфера', 'код трансфера', 'код переноса', 'код авторизации'];
// Card receipts carry an "Auth code" too: a transfer code's paragraph names a domain, a transfer or a registrar.
const TRANSFER_CONTEXT = /transf|trasf|трансф|перенос|domain|domein|domaine|dominio|domen|домен|alan ad|registr|rejestr|регистр|verhuiz|umzug|epp|authinfo|auth-info/iu;
const TRANSFER_COLON = new RegExp(String.raw`(?:${TRANSFER_LABELS.map((w) => w.replace(/ /gu, '[ \\t]{1,2}')).join('|')})[^\n:]{0,80}?:[ \t]{0,3}["'«„“]?(?<value>[^\s"'<>«»„“”]{6,64}?)["'»”]?(?=[.!]?[ \t]*(?:\r?\n|$|<))`, 'dyiu');
addRule({
  words: TRANSFER_LABELS,
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(TRANSFER_COLON, text, at);
    if (!m || !passwordToken(m.groups!.value!, 'punct')) return;
    if (!TRANSFER_CONTEXT.test(paragraphBefore(text, at, 240) + m[0])) return;
    pushGroup(m, 'value', 'transfer_code', 0.75, findings);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Gateway and vendor keys in prose and aligned rows: "clave secreta de Redsys (SHA-256) es X", "token do PagSeguro é X",
// "Klucz CRC z Przelewy24 to X", "Drugi klucz (MD5) z PayU: X", "merchant_salt X", "Token      X"
// ---------------------------------------------------------------------------------------------------------------
const STRONG_KEY_WORDS = ['clave secreta', 'chiave segreta', 'chave secreta', 'secret key', 'clé secrète', 'cle secrete', 'geheimer schlüssel', 'geheime schlüssel',
  'geheime sleutel', 'klucz tajny', 'tajny klucz', 'секретный ключ', 'gizli anahtar', 'token', 'crc', 'salt', 'secret'];
const WEAK_KEY_WORDS = ['key', 'klucz', 'chiave', 'clave', 'chave', 'clé', 'sleutel', 'schlüssel', 'ключ', 'anahtar'];
const KEY_VALUE = String.raw`["'«„“]?(?<value>(?=[^\s"'<>]{0,200}\d)[^\s"'<>«»„“”]{16,200}?)["'»”]?(?=[.,;!?)]{0,2}(?:\s|$|<|&nbsp;))`;
const KEY_SENTENCE = new RegExp(String.raw`(?<label>${[...STRONG_KEY_WORDS, ...WEAK_KEY_WORDS].map((w) => w.replace(/ /gu, '[ \\t]{1,2}')).join('|')})(?![\p{L}\p{N}])(?<gap>[ \t]{1,3}${GAP}{0,50}?)??(?:[ \t]{0,2}[:=][ \t]{0,3}|[ \t]{1,40}(?:${COPULA}[ \t]{1,3}(?::[ \t]{0,2})?)?)${KEY_VALUE}`, 'dyiu');
const NOT_A_SECRET_KEY = /public|publi[cq]|pubbl|öffentlich|публичн|açık|fingerprint|finger|hash|(?:^|[^\p{L}])(?:id|ids)(?![\p{L}])|identifier|alias|site|licen|lizenz|lisans|лиценз|product|produkt|serial|seri|ssh|gpg|pgp|expir|ablauf|valid|gültig|type|typ|format|length|länge|name|nazwa|nombre|nome|nom/iu;
const WEAK_GAP = /(?:^|[^\p{L}])(?:api|app|application|client|access|site|login|account|user|public|publishable)(?![\p{L}])/iu;
const PUBLIC_KEY_VALUE = /^(?:pk_(?:live|test)_|6L[\w-]{38}$)/u;
const PUBLIC_QUALIFIER_BEFORE = /(?:publi|pubbl|öffentlich|veröffentlich|публич|открыт|yayınlan|açık|site|application|app|api|client|access|login|account|user)[\p{L}]{0,10}[ \t_-]{0,2}$/iu;
const WEAK_WORD = new RegExp(`^(?:${WEAK_KEY_WORDS.join('|')})$`, 'iu');
addRule({
  words: [...STRONG_KEY_WORDS, ...WEAK_KEY_WORDS],
  wordStart: true,
  run(text, at, findings) {
    const previous = at > 0 ? text.charCodeAt(at - 1) : 32;
    // A URL's query key ("?key=…", "&token=…") or a path, not a label.
    if (previous === 63 || previous === 38 || previous === 47 || previous === 46 || previous === 61) return;
    const m = execAt(KEY_SENTENCE, text, at);
    if (!m) return;
    const value = m.groups!.value!;
    const label = m.groups!.label!;
    if ((m.groups!.gap !== undefined && NOT_A_SECRET_KEY.test(m.groups!.gap)) || !keyLike(value) || PUBLIC_KEY_VALUE.test(value)) return;
    if (WEAK_WORD.test(label)) {
      // "Public key: X", "STRIPE_KEY=X", "Application Key X": a bare key word after a colon or "=", or after a public,
      // site, application or API qualifier, is the other detectors' to judge (most such keys are public halves).
      if (m.groups!.gap === undefined && /[:=]/u.test(m[0].slice(label.length, m[0].length - value.length))) return;
      if (PUBLIC_QUALIFIER_BEFORE.test(lineBefore(text, at, 40)) || (m.groups!.gap !== undefined && WEAK_GAP.test(m.groups!.gap))) return;
    }
    const hex = /^[0-9a-f]{16,128}$/iu.test(value) && /[a-f]/iu.test(value);
    // "key", "klucz", "clave" alone: hex, or letters of both cases with digits and no other symbols than "-" and "_".
    if (WEAK_WORD.test(label) && !hex && !/^(?=.*\p{Lu})(?=.*\p{Ll})[A-Za-z0-9_-]+$/u.test(value)) return;
    if (/^crc$/iu.test(label) && !hex) return;
    pushGroup(m, 'value', /token/iu.test(label) ? 'api_token' : 'api_secret', 0.7, findings);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// "<td><b>SHA-IN passphrase</b></td><td>X</td>", "<td>Mot de passe API user</td><td>X</td>"
// ---------------------------------------------------------------------------------------------------------------
const CELL_WORDS = ['passphrase', 'mot de passe', 'password', 'passwort', 'kennwort', 'wachtwoord', 'contraseña', 'senha', 'hasło', 'şifre', 'parola', 'пароль', 'secret', 'token'];
const CELL_ROW = new RegExp(String.raw`(?<label>${CELL_WORDS.map((w) => w.replace(/ /gu, '[ \\t]{1,2}')).join('|')})(?<rest>[^<>\n]{0,24})(?:<\/(?:b|strong)>)?[ \t]*<\/t[dh]>[ \t]*<t[dh][^>\n]{0,40}>[ \t]*(?:<(?:b|code|strong)>)?(?<value>[^\s<>"']{4,128})(?:<\/(?:b|code|strong)>)?[ \t]*<\/t[dh]>`, 'dyiu');
addRule({
  words: CELL_WORDS,
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(CELL_ROW, text, at);
    if (!m) return;
    const value = m.groups!.value!;
    if (NOT_A_SECRET_KEY.test(m.groups!.rest!) || /hint|policy|richtlin|change|geändert|reset/iu.test(m.groups!.rest!)) return;
    if (!passwordToken(value, 'punct')) return;
    pushGroup(m, 'value', /secret|token|passphrase/iu.test(m.groups!.label!) ? 'api_secret' : 'password', 0.75, findings);
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Config files and commands
// ---------------------------------------------------------------------------------------------------------------

// rclone-style INI: "[remote]", then "type = b2" and, among the next lines of the section, "key = X" (and its kin).
const SECTION_BEFORE = /\[[\w .:-]{1,40}\][ \t]*\r?\n[ \t>]*$/u;
const SECTION_LINE = /^[ \t>]*(?<name>key|secret_access_key|account_key|secret_key|client_secret|app_key|application_key|pass|password|secret|api_key|token)[ \t]*=[ \t]*(?<value>[^\s"'#;]{8,512})[ \t]*\r?$/iu;
const MAX_SECTION_LINES = 16;
addRule({
  words: ['type =', 'type='],
  wordStart: true,
  run(text, at, findings) {
    const before = text.slice(Math.max(0, at - 60), at);
    countWork(before.length + 1);
    if (!SECTION_BEFORE.test(before)) return;
    let lineStart = text.indexOf('\n', at);
    for (let n = 0; n < MAX_SECTION_LINES && lineStart >= 0; n++) {
      const start = lineStart + 1;
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end - start > 600) return;
      const line = text.slice(start, end);
      countWork(line.length + 1);
      if (/^[ \t>]*\r?$/u.test(line) || /^[ \t>]*\[/u.test(line)) return;
      const m = SECTION_LINE.exec(line);
      if (m && looksLikeSecretWord(m.groups!.value!) && isPlausiblePassword(m.groups!.value!, 'punct')) {
        const valueStart = start + line.indexOf(m.groups!.value!, line.indexOf('=') + 1);
        findings.push(makeFinding('credential', /pass/iu.test(m.groups!.name!) ? 'password' : 'api_key', valueStart, valueStart + m.groups!.value!.length, 0.75));
      }
      lineStart = end < text.length ? end : -1;
    }
  },
});

// "export OVH_AS=…", "export OVH_CK=…" (acme.sh's OVH application secret and consumer key; OVH_AK names the application).
const OVH_SECRET = /(?<name>ovh_as|ovh_ck|ovh_application_secret|ovh_consumer_key)[ \t]{0,2}=[ \t]{0,2}["']?(?<value>[A-Za-z0-9_-]{16,64})["']?(?![A-Za-z0-9_-])/dyiu;
addRule({
  words: ['ovh_as', 'ovh_ck', 'ovh_application_secret', 'ovh_consumer_key'],
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(OVH_SECRET, text, at);
    if (m && keyLike(m.groups!.value!)) pushGroup(m, 'value', /ck|consumer/iu.test(m.groups!.name!) ? 'api_token' : 'api_secret', 0.8, findings);
  },
});

// WHMCS configuration.php: "$cc_encryption_hash = '…';", "$autoauthkey = '…';".
const WHMCS_SECRET = /\$(?:cc_encryption_hash|autoauthkey)[ \t]{0,4}=[ \t]{0,4}(?:'(?<sq>[^'\n]{8,256})'|"(?<dq>[^"\n]{8,256})")/dyu;
addRule({
  words: ['$cc_encryption_hash', '$autoauthkey'],
  wordStart: false,
  run(text, at, findings) {
    const m = execAt(WHMCS_SECRET, text, at);
    if (!m) return;
    const group = m.groups!.sq !== undefined ? 'sq' : 'dq';
    if (isPlausiblePassword(m.groups![group]!, 'punct') && looksLikeSecretWord(m.groups![group]!)) pushGroup(m, group, 'secret', 0.8, findings);
  },
});

// swaks "--auth-password 'X'" (or "--auth-password=X").
const SWAKS_PASSWORD = /--auth-password(?:[ \t]{1,3}|=)(?:'(?<sq>[^'\n]{1,128})'|"(?<dq>[^"\n]{1,128})"|(?<bare>[^\s'"]{1,128}))/dyu;
addRule({
  words: ['--auth-password'],
  wordStart: false,
  run(text, at, findings) {
    const m = execAt(SWAKS_PASSWORD, text, at);
    if (!m) return;
    const group = m.groups!.sq !== undefined ? 'sq' : m.groups!.dq !== undefined ? 'dq' : 'bare';
    if (isPlausiblePassword(m.groups![group]!, 'punct')) pushGroup(m, group, 'password', 0.8, findings);
  },
});

// `echo -e "X\nX" | passwd user`: the new password twice, piped to passwd.
const ECHO_PASSWD = /(?:echo[ \t]{1,3}-n?e|printf)[ \t]{1,3}(?<q>["'])(?<v1>[^"'\\\n]{1,128})\\n(?<v2>[^"'\\\n]{1,128})(?:\\n)?\k<q>[ \t]{0,3}\|[ \t]{0,3}(?:sudo[ \t]{1,3})?passwd(?![\p{L}\p{N}])/dyu;
addRule({
  words: ['echo -e', 'echo -ne', 'printf'],
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(ECHO_PASSWD, text, at);
    if (!m || m.groups!.v1 !== m.groups!.v2 || !isPlausiblePassword(m.groups!.v1!, 'punct')) return;
    pushGroup(m, 'v1', 'password', 0.8, findings);
    pushGroup(m, 'v2', 'password', 0.8, findings);
  },
});

// "passphrase: harbor lantern river 32": three to six lower-case words and a number, alone on the line.
const WORDS_AND_NUMBER = /passphrase[ \t]{0,2}[:=][ \t]{0,3}(?<value>\p{Ll}{3,12}(?:[ \t]\p{Ll}{3,12}){2,5}[ \t]\d{1,4})[ \t]*(?=\r?\n|$|<)/dyiu;
const PROSE = /(?:^|[ \t])(?:the|and|was|will|see|same|for|with|from|that|this|sent|send|below|above|please|your|not|set|has|been|are|but|der|die|das|und|ist|les|est|que|una|por|con|che|per|non|het|een|nie|jest|bir|ve)(?=[ \t]|$)/iu;
addRule({
  words: ['passphrase'],
  wordStart: true,
  run(text, at, findings) {
    const m = execAt(WORDS_AND_NUMBER, text, at);
    if (m && !PROSE.test(m.groups!.value!)) pushGroup(m, 'value', 'passphrase', 0.75, findings);
  },
});

/**
 * The most words of one rule read per comment. These rules are sentences and labelled values of which a ticket holds a
 * few; a comment of thousands ("password password …", a log that repeats a label on every line) would cost a few µs
 * each for nothing (100 KB of "password " took 26 ms here alone, half the hostile-input budget). Beyond it the
 * other detectors still read every label; only this module's sentence forms are not looked for.
 */
const MAX_RUNS_PER_RULE = 400;

/**
 * C05: the sentence, gateway-key and config forms of round c15b (see the comment at the top). A span that overlaps a
 * credential the earlier detectors found (`found`) is left to them, so their subtype stands.
 */
export function detectSecretsInSentences(text: string, anchors: Anchors = findAnchors(text), found: readonly Finding[] = []): Finding[] {
  const findings: Finding[] = [];
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  let lastAt = -1;
  let lastRule = -1;
  const runs = new Uint16Array(RULES.length);
  for (let i = 0; i < words.length; i++) {
    const rule = tags[i]! - SENTENCE_TAG;
    if (rule < 0 || rule >= RULES.length) continue;
    const at = words[i]!;
    // Two literals of one rule at one position ("pass", "passwd") run it once.
    if (at === lastAt && rule === lastRule) continue;
    lastAt = at;
    lastRule = rule;
    // Each rule reads at most MAX_RUNS_PER_RULE of its words per comment (see there).
    if (runs[rule]! >= MAX_RUNS_PER_RULE) continue;
    runs[rule]!++;
    RULES[rule]!.run(text, at, findings);
  }
  if (findings.length === 0 || found.length === 0) return findings;
  return withoutOverlaps(findings, found);
}

/** The findings that overlap no credential of `found` (a map of the taken units; work counted by the spans' lengths). */
function withoutOverlaps(findings: Finding[], found: readonly Finding[]): Finding[] {
  let end = 0;
  for (const f of findings) end = Math.max(end, f.end);
  const taken = new Uint8Array(end);
  for (const f of found) {
    if (f.kind !== 'credential' || f.start >= end) continue;
    countWork(Math.min(f.end, end) - f.start + 1);
    taken.fill(1, f.start, Math.min(f.end, end));
  }
  return findings.filter((f) => {
    countWork(f.end - f.start + 1);
    for (let i = f.start; i < f.end; i++) if (taken[i] === 1) return false;
    return true;
  });
}
