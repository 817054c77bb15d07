import { AnchorGroup, findAnchors, matchesAtAnchors, registerAnchor, type Anchors } from './anchors.js';
import { countedMatches, countWork as countWorkImport } from './scan-work.js';
import { makeFinding, type Finding } from './finding.js';
import { looksRandom } from './secret-entropy.js';
import { isAlnumAt } from './text-boundaries.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;

interface VendorKeyPattern {
  subtype: string;
  /** A literal every match contains: without anchors, a text without it is skipped without running the pattern. */
  literal: string;
  /**
   * Where a match can start, as literals (lower case; matched case-insensitively by the anchor pass, the
   * pattern then decides) and the offset of the match start from the literal: [-10, -8] for the bot id of a
   * Telegram token, [-32, -32] for the hex before a Mailchimp "-us". Without: the pattern runs over the text.
   */
  anchors?: { words: readonly string[]; from: number; to: number };
  pattern: RegExp;
  /** Part of the match that must look random (the prefix alone proves nothing). */
  randomPart: (match: string) => string;
  confidence: number;
}

const afterPrefix = (prefixLength: number) => (m: string): string => m.slice(prefixLength);
const edge = (body: string): RegExp => new RegExp(String.raw`(?<![A-Za-z0-9_\-])(?:${body})(?![A-Za-z0-9_\-])`, 'g');

// Formats from the vendors' own token documentation (prefixes are stable, lengths are minimums).
const VENDOR_KEYS: readonly VendorKeyPattern[] = [
  // No AWS access key id (AKIA…): since round c9 it is the identifier half of its key pair, like a user name (AWS signs
  // with the secret access key, which the labelled-secret rules find).
  { subtype: 'github_token', literal: 'gh', anchors: { words: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], from: 0, to: 0 }, pattern: edge('gh[pousr]_[A-Za-z0-9]{36,251}'), randomPart: afterPrefix(4), confidence: 0.98 },
  { subtype: 'github_token', literal: 'github_pat_', anchors: { words: ['github_pat_'], from: 0, to: 0 }, pattern: edge('github_pat_[A-Za-z0-9_]{40,255}'), randomPart: afterPrefix(11), confidence: 0.98 },
  { subtype: 'slack_token', literal: 'xox', anchors: { words: ['xox'], from: 0, to: 0 }, pattern: edge('xox[abposr]-[A-Za-z0-9-]{10,250}'), randomPart: afterPrefix(5), confidence: 0.97 },
  { subtype: 'slack_webhook', literal: 'hooks.slack.com', anchors: { words: ['hooks.slack.com'], from: -8, to: -8 }, pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]{20,200}/g, randomPart: afterPrefix(32), confidence: 0.95 },
  { subtype: 'stripe_key', literal: 'k_', anchors: { words: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'], from: 0, to: 0 }, pattern: edge('(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}'), randomPart: afterPrefix(8), confidence: 0.97 },
  { subtype: 'google_api_key', literal: 'AIza', anchors: { words: ['aiza'], from: 0, to: 0 }, pattern: edge('AIza[0-9A-Za-z_\\-]{35}'), randomPart: afterPrefix(4), confidence: 0.95 },
  { subtype: 'sendgrid_key', literal: 'SG.', anchors: { words: ['sg.'], from: 0, to: 0 }, pattern: edge('SG\\.[A-Za-z0-9_\\-]{16,32}\\.[A-Za-z0-9_\\-]{16,64}'), randomPart: afterPrefix(3), confidence: 0.97 },
  { subtype: 'openai_key', literal: 'sk-', anchors: { words: ['sk-'], from: 0, to: 0 }, pattern: edge('sk-(?:proj-|ant-[a-z0-9]{2,8}-|svcacct-|admin-)?[A-Za-z0-9_\\-]{20,200}'), randomPart: afterPrefix(3), confidence: 0.93 },
  // Round c14: Brevo (Sendinblue) API and SMTP keys: "xkeysib-" / "xsmtpsib-", 64 hex, "-" and 16 alphanumerics.
  { subtype: 'brevo_key', literal: 'sib-', anchors: { words: ['xkeysib-', 'xsmtpsib-'], from: 0, to: 0 }, pattern: edge('x(?:keysib|smtpsib)-[0-9a-f]{64}-[A-Za-z0-9]{16}'), randomPart: afterPrefix(8), confidence: 0.97 },
  { subtype: 'gitlab_token', literal: 'glpat-', anchors: { words: ['glpat-'], from: 0, to: 0 }, pattern: edge('glpat-[A-Za-z0-9_\\-]{20,200}'), randomPart: afterPrefix(6), confidence: 0.97 },
  { subtype: 'npm_token', literal: 'npm_', anchors: { words: ['npm_'], from: 0, to: 0 }, pattern: edge('npm_[A-Za-z0-9]{36}'), randomPart: afterPrefix(4), confidence: 0.97 },
  { subtype: 'mailgun_key', literal: 'key-', anchors: { words: ['key-'], from: 0, to: 0 }, pattern: edge('key-[0-9a-f]{32}'), randomPart: afterPrefix(4), confidence: 0.85 },
  // Twilio API key SIDs (SK…) and Mailchimp keys (32 hex + data-centre suffix "-us6").
  { subtype: 'twilio_key', literal: 'SK', anchors: { words: [...'0123456789abcdef'].map((h) => `sk${h}`), from: 0, to: 0 }, pattern: edge('SK[0-9a-f]{32}'), randomPart: afterPrefix(2), confidence: 0.9 },
  { subtype: 'mailchimp_key', literal: '-us', anchors: { words: ['-us'], from: -32, to: -32 }, pattern: edge('[0-9a-f]{32}-us[0-9]{1,2}'), randomPart: (m) => m.slice(0, 32), confidence: 0.95 },
  // Telegram Bot API: "<bot id>:<35 characters>", the secret part starting "AA".
  { subtype: 'telegram_bot_token', literal: ':AA', anchors: { words: [':aa'], from: -10, to: -8 }, pattern: /(?:(?<=\/bot)|(?<![A-Za-z0-9_:-]))[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g, randomPart: (m) => m.slice(m.indexOf(':') + 3), confidence: 0.95 },
  // DigitalOcean personal, OAuth and refresh tokens.
  // Square access tokens: "EAAA" and 60 URL-safe characters (subtype api_key, as the corpus labels Square and Mollie keys).
  { subtype: 'api_key', literal: 'EAAA', anchors: { words: ['eaaa'], from: 0, to: 0 }, pattern: edge('EAAA[A-Za-z0-9_\\-]{60}'), randomPart: afterPrefix(4), confidence: 0.9 },
  // Mollie API keys: "live_" or "test_" and 30 alphanumerics.
  { subtype: 'api_key', literal: '_', anchors: { words: ['live_', 'test_'], from: 0, to: 0 }, pattern: edge('(?:live|test)_[A-Za-z0-9]{30}'), randomPart: afterPrefix(5), confidence: 0.9 },
  { subtype: 'digitalocean_token', literal: '_v1_', anchors: { words: ['dop_v1_', 'doo_v1_', 'dor_v1_'], from: 0, to: 0 }, pattern: edge('do[por]_v1_[a-f0-9]{64}'), randomPart: afterPrefix(7), confidence: 0.98 },
];

// Each vendor's pattern, made sticky, is tried only where its prefix stands (tag: the vendor's index).
const STICKY = VENDOR_KEYS.map((vendor) => new RegExp(vendor.pattern.source, vendor.pattern.flags.replace('g', 'y')));
VENDOR_KEYS.forEach((vendor, index) => {
  for (const word of vendor.anchors?.words ?? []) registerAnchor(word, AnchorGroup.VendorPrefix, false, index);
});

/** Where the vendor's pattern could start: each of its anchors moved by the offsets, ascending. */
function vendorStarts(anchors: Anchors, index: number, from: number, to: number): number[] {
  const positions = anchors.positions[AnchorGroup.VendorPrefix]!;
  const tags = anchors.tags[AnchorGroup.VendorPrefix]!;
  const starts: number[] = [];
  for (let k = 0; k < positions.length; k++) {
    if (tags[k] !== index) continue;
    for (let start = positions[k]! + from; start <= positions[k]! + to; start++) if (start >= 0) starts.push(start);
  }
  return starts;
}

// Round c9: a key pair's identifier half. iyzico ("API Anahtarı" and "Güvenlik Anahtarı"), Mailjet and many gateways
// issue a key that names the account and a secret that proves it; like a user name next to its password, an "API key" is
// not redacted when its secret's label stands within three lines of it (alone, it is taken for the secret it usually is).
const PAIRED_SECRET_LABEL = /(?:secret|secreta|segreta|secrète|tajny|geheime[rn]?\s{1,3}(?:schlüssel|sleutel)|gizli\s{1,3}anahtar|güvenlik\s{1,3}anahtar|секретн\p{L}*\s{1,3}ключ|security\s{1,3}key|sicherheitsschlüssel)[^\n:=]{0,30}(?:[:=]|<\/t[dh]>)/iu;
// Round c11: the other half named without its value ("the secret key is in the password manager", "güvenlik anahtarı
// şifre yöneticisinde"): the "API key" beside it is still the identifier half.
// Round c12: also with the adjective after the noun ("la clave secreta va aparte", "clé secrète envoyée à part", "chiave
// segreta", "klucz tajny"), and the secret alone said to come apart ("the secret is sent separately").
const SECRET_KEY_NAMED = /(?:secret|geheime[rn]?|gizli|güvenlik|секретн\p{L}*|tajny|segreta|secreta|secrète)\s{1,3}(?:key|schlüssel|sleutel|anahtar\p{L}*|ключ\p{L}*|klucz|chiave|clave|chave|clé)(?![\p{L}\p{N}])|(?:clave|chave|chiave|clé|klucz|ключ)\s{1,3}(?:secreta|segreta|secrète|tajny|секретн\p{L}*)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])secret(?![\p{L}\p{N}])[^\n]{0,24}(?:separately|separate|apart)(?![\p{L}\p{N}])/iu;
const IDENTIFIER_HALF_LABEL = /^(?:api[_\- ]?key|apikey|api-schlüssel|api[_\- ]?ключ|ключ\s{1,3}api|api[_\- ]?sleutel|api[_\- ]?anahtarı|clave(?:\s{1,3}de)?\s{1,3}api|chiave\s{1,3}api|chave\s{1,3}da\s{1,3}api|clé\s{1,3}api|klucz\s{1,3}api|app[_\- ]?key)$/iu;
/** Whether a secret's label stands on the three lines before `start` or after `end` (the pair's other half). */
function secretLabelNear(text: string, start: number, end: number): boolean {
  // Three lines each way, read within windows of fixed size (a search for line ends could run over the whole text).
  let before = text.slice(Math.max(0, start - 400), start);
  for (let k = 0, at = before.length; k < 4; k++) {
    at = before.lastIndexOf('\n', at - 1);
    if (at < 0) break;
    if (k === 3) before = before.slice(at + 1);
  }
  let after = text.slice(end, end + 400);
  for (let k = 0, at = -1; k < 4; k++) {
    at = after.indexOf('\n', at + 1);
    if (at < 0) break;
    if (k === 3) after = after.slice(0, at);
  }
  countWork(800);
  return PAIRED_SECRET_LABEL.test(before) || PAIRED_SECRET_LABEL.test(after) || SECRET_KEY_NAMED.test(before) || SECRET_KEY_NAMED.test(after);
}

/**
 * Whether a labelled value is the public half of a pair, whatever detector read it: a Stripe publishable key, a
 * WooCommerce consumer key, a Pix address ("Chave Pix:", or "pix" right after the label), or an "API key" whose secret's
 * label stands within three lines of [nearStart, nearEnd). The label is text[labelStart, labelEnd), as written.
 */
export function isPublicHalf(text: string, labelStart: number, labelEnd: number, value: string, nearStart: number, nearEnd: number): boolean {
  if (value.startsWith('pk_live_') || value.startsWith('pk_test_') || WOOCOMMERCE_CONSUMER_KEY.test(value)) return true;
  const label = text.slice(labelStart, labelEnd);
  if (PIX_LABEL.test(label) || PIX_AFTER_LABEL.test(text.slice(labelEnd, labelEnd + 6))) return true;
  // A label of more words ("Der API-Schlüssel lautet") is the identifier's when it names an API key and no secret.
  const namesApiKey = IDENTIFIER_HALF_LABEL.test(label.trim()) || (API_KEY_PHRASE.test(label) && !SECRET_WORD.test(label));
  return namesApiKey && secretLabelNear(text, nearStart, nearEnd);
}
const PIX_LABEL = /(?:chave|clave|key)[ \t]{1,2}pix(?![\p{L}\p{N}])/iu;
const API_KEY_PHRASE = /(?:^|[^\p{L}])(?:api[_\- ]?(?:key|schlüssel|ключ|sleutel|anahtarı)|apikey|(?:clave|chiave|chave|clé|klucz|ключ)(?:[ \t]{1,3}(?:de|da))?[ \t]{1,3}api)(?![\p{L}\p{N}])/iu;
const SECRET_WORD = /secret|geheim|tajn|segret|secrèt|gizli|güvenlik|секрет|private|privat/iu;

/** C05: API keys and tokens recognised by their vendor prefix. */
export function detectVendorApiKeys(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  // Most comments hold no vendor prefix at all: then no anchored vendor is looked at (no list built per vendor).
  const anyPrefix = anchors.positions[AnchorGroup.VendorPrefix]!.length > 0;
  for (let index = 0; index < VENDOR_KEYS.length; index++) {
    const vendor = VENDOR_KEYS[index]!;
    let matches: Iterable<RegExpExecArray>;
    if (vendor.anchors && !anyPrefix) continue;
    if (vendor.anchors) matches = matchesAtAnchors(text, STICKY[index]!, vendorStarts(anchors, index, vendor.anchors.from, vendor.anchors.to));
    else if (text.includes(vendor.literal)) matches = countedMatches(text, vendor.pattern);
    else continue;
    for (const match of matches) {
      if (!looksRandom(vendor.randomPart(match[0]))) continue;
      findings.push(makeFinding('credential', vendor.subtype, match.index, match.index + match[0].length, vendor.confidence));
    }
  }
  return findings;
}

// "api_key=…", "X-API-Key: …", "client_secret: …", "aws_secret_access_key = …", "Der API-Schlüssel lautet: …"; round 2:
// WireGuard "PrivateKey = …" / "PresharedKey = …", Docker config.json "auth": "…" (base64 of user:password).
// Round c12: a panel's login key (DirectAdmin's "Login Key", a password for scripts), and a gateway's signing key named by
// its algorithm ("SHA-256 key", "Clave SHA-256" of Redsys, "MAC key" / "chiave MAC" of Nexi, "HMAC key" of Adyen): the key
// that signs is the secret, while "SHA-256" alone names a checksum.
const SECRET_LABEL = String.raw`(?:login[_\- ]?key|h?mac[_\- ]?key|sha-?(?:256|512)[_\- ]?key|(?:clave|chiave|chave|clé|klucz|schlüssel|anahtar(?:ı)?)[ \t]{1,3}(?:h?mac|sha-?(?:256|512))(?![\p{L}\p{N}])|transaction[_\- ]?key|signature[_\- ]?key|hash[_\- ]?salt|des[_-]key|api[_\- ]?key|apikey|api[_\- ]?secret|api[_\- ]?token|secret[_\- ]?access[_\- ]?key|secret[_\- ]?key|client[_\- ]?secret|secret|access[_\- ]?token|auth[_\- ]?token|refresh[_\- ]?token|session[_\- ]?token|private[_\- ]?token|token|api-schlüssel|schlüssel|api[_\- ]?ключ|ключ(?:\s{1,3}api)?|токен|app[_\- ]?key|x_tran_key|tran[_\- ]?key|opensrs[_\- ]?(?:private[_\- ]?)?key|api[_\- ]?sleutel|api[_\- ]?anahtarı|clave(?:\s{1,3}de)?\s{1,3}api|chiave(?:\s{1,3}api)?|chave\s{1,3}da\s{1,3}api|clé\s{1,3}api|klucz\s{1,3}api|zugriffstoken|clave\s{1,3}secreta|chiave\s{1,3}segreta|chave\s{1,3}secreta|clé\s{1,3}secrète|klucz\s{1,3}tajny|tajny\s{1,3}klucz|geheime[rn]?\s{1,3}(?:schlüssel|sleutel)|gizli\s{1,3}anahtar(?:ı)?|секретный\s{1,3}ключ|clé|klucz|sleutel|anahtar(?:ı)?|chave|private[_\- ]?key|preshared[_\- ]?key|consumer[_\- ]?(?:key|secret)|merchant[_\- ]?(?:key|salt|secret)|auth[_\- ]?key|auth(?="\s{0,4}:))`;
// Round c7: what people put between a key's label and its colon: a parenthetical ("API token (Zone.DNS edit):"), the
// key's quoted name ('cPanel API token "deploy":'), or what it is for ("API secret for certbot-dns:", "Token für DNS:");
// the last only right before ":" or "=", so prose ("the token for the site is …") stays out.
// Round c8: a phrase of one to three words after a preposition ("Clave secreta de encriptación (SHA-256):", "Access
// token de produção:", "Klucz do raportów (API):"), and one short word ("Chiave segreta MAC:", "Klucz CRC:"); parts in
// that order, all of them only right before ":" or "=".
const LABEL_QUALIFIER = String.raw`(?:(?:[ \t]{1,2}(?:for|für|pour|para|per|voor|dla|для|de|del|di|da|do|of|von|van|du|des)[ \t]{1,2}[^\s:=()"]{1,30}(?:[ \t]{1,2}[^\s:=()"]{1,30}){0,2})?(?:[ \t]{1,2}[\p{L}\p{N}]{2,10}(?![\p{L}\p{N}]))?(?:[ \t]{1,2}\([^()\n]{1,40}\))?(?:[ \t]{1,2}["“'][^"”'\n]{1,30}["”'])?(?=[ \t]{0,2}[:=]))?`;
const LABELLED_SECRET = new RegExp(
  // `aws configure` prompts put the old value in brackets between the label and ':' ("Secret Access Key [None]: …").
  // Separators: ":", "=", "->", "→", the next table cell ("<td>API key</td><td>…"); the value may follow on the next
  // line of a quoted reply ("API-Schlüssel\n>> …") or inside <code>/<b>.
  String.raw`(?<label>${SECRET_LABEL})(?![\p{L}\p{N}])(?:[ \t]{0,2}\[[^\]\n]{0,20}\])?${LABEL_QUALIFIER}["']?\]?\s{0,8}(?:(?<sep>=>|[:=]|->|→|<\/t[dh]>\s{0,4}<t[dh](?:\s[^<>\n]{0,60})?>)|\s(?:is|ist|lautet|это|es|è|é|est)(?:\s{0,4}:)?|(?=\s))\s{0,8}(?:(?<=\n)(?:[ \t]{0,4}>){1,4}[ \t]{0,4})?(?:<(?:b|strong|code|span|tt|kbd|pre)(?:\s[^<>\n]{0,80})?>\s{0,4}){0,2}(?:["'](?<quotedValue>[^\s"'\\]{16,512})(?=["'])|["'“„«]?(?:base64:)?(?<value>[A-Za-z0-9+/_\-.=~]{16,512}))`,
  'yiu',
);
// Tried where a label's first word stands (anywhere, as the global scan this replaces did; the left boundary is checked below).
for (const word of ['login key', 'login-key', 'login_key', 'mac key', 'mac-key', 'mac_key', 'hmac', 'sha-256', 'sha-512', 'sha256', 'sha512', 'transaction', 'api', 'secret', 'client', 'access', 'auth', 'refresh', 'session', 'private', 'token', 'schlüssel', 'ключ', 'токен', 'clave', 'chiave', 'chave', 'clé', 'klucz', 'sleutel', 'anahtar', 'zugriff', 'app_key', 'app-key', 'tran_key', 'opensrs', 'preshared', 'tajny', 'geheim', 'gizli', 'секретн', 'consumer', 'merchant', 'salt', 'signing', 'signature', 'hash_salt', 'hash-salt', 'hash salt', 'hashsalt', 'des_key', 'des-key']) {
  registerAnchor(word, AnchorGroup.SecretLabel, false);
}

// "plesk bin secret_key --create" prints the Plesk API key, a UUID: the first UUID after "secret_key" on its line.
const PLESK_SECRET_KEY = /secret_key\b[^\n]{0,60}?(?<value>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])/yiu;

// Round c9: Magento's app/etc/env.php keeps its encryption key as "'crypt' => ['key' => '…']" (a PHP array over lines,
// also inside a quoted reply): the key decrypts the stored payment and integration secrets.
const MAGENTO_CRYPT_KEY = /'crypt'[ \t]{0,4}=>[ \t]{0,4}(?:\[|array[ \t]{0,2}\()(?:\s|>){0,40}'key'[ \t]{0,4}=>[ \t]{0,4}'(?<value>[^'\s]{16,512})'/y;
registerAnchor("'crypt'", AnchorGroup.SecretLabel, false);
// "Chave Pix: 6b5c…" (Brazil's instant payments): a Pix key is the payee's address (a UUID, e-mail or phone), not a secret.
const PIX_AFTER_LABEL = /^[ \t]{1,2}pix(?![\p{L}\p{N}])/iu;
// WooCommerce's consumer key (ck_ and 40 hex) is sent as the user name of its REST API's Basic auth; its consumer
// secret (cs_) is the secret.
export const WOOCOMMERCE_CONSUMER_KEY = /^ck_[0-9a-f]{40}$/u;

const ONE_TIME_LINK = /reset|recover|passwor|activat|verif|confirm|unsubscribe|invit|action=rp/iu;
/** Whether a label at `at` is a query parameter of a URL whose path or query names a reset/verification link. */
function isOneTimeLinkParameter(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  if (before !== 63 && before !== 38) return false; // "?" or "&"
  let start = at - 1;
  while (start > 0 && at - start < 200 && !isSpaceCodeUnit(text.charCodeAt(start - 1))) start--;
  countWork(at - start + 1);
  return ONE_TIME_LINK.test(text.slice(start, at));
}
function isSpaceCodeUnit(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 34 || code === 39 || code === 60 || code === 62;
}

// Round 2, two-factor secrets. A TOTP setup key as authenticator apps show it, in groups of four base32 characters
// ("setup key: jbsw y3dp ehpk 3pxp"); backup/recovery codes one per line or comma-separated after their label. A
// one-time code from SMS or an app ("verification code 123456") is not a kept secret and has no such label.
const TOTP_SETUP_KEY = /(?:setup|secret)[ _-]?key\s{0,4}[:=]\s{0,4}(?<value>[a-z2-7]{4}(?: [a-z2-7]{4}){3,7})(?![a-z0-9])/iy;
// Round c5: google-authenticator's "Your emergency scratch codes are:" (the PAM module's setup output).
const BACKUP_CODES_LABEL = /(?:backup|recovery|wiederherstellungs|notfall|respaldo|recupero|recuperação|herstel|secours|zapasowe|scratch)[ -]?(?:codes?|kody|códigos|codici|codes)(?:[ \t]{1,4}are)?\s{0,4}:?[ \t]{0,4}\r?\n?/iy;
const BACKUP_CODE = /(?:[ \t]{0,4}(?:>[ \t]{0,4}){0,4}(?:[-*•][ \t]{1,4}|\d{1,2}[.)][ \t]{1,4})?)(?<code>[a-z0-9]{4,5}[- ][a-z0-9]{4,5}|\d{8,10})(?![\w-])[ \t]*(?:,[ \t]*|\r?\n|$)/iy;
for (const word of ['setup', 'backup', 'recovery', 'wiederherstellungs', 'notfall', 'respaldo', 'recupero', 'recuperação', 'herstel', 'secours', 'zapasowe', 'scratch']) {
  registerAnchor(word, AnchorGroup.SecretLabel, false);
}

/** The backup codes listed after a label that ends at `from` (at most 20), as findings. */
function backupCodes(text: string, from: number, findings: Finding[]): void {
  let at = from;
  for (let k = 0; k < 20; k++) {
    BACKUP_CODE.lastIndex = at;
    const m = BACKUP_CODE.exec(text);
    countWork(m ? m[0].length : 1);
    if (!m || m[0].length === 0) return;
    const code = m.groups?.code ?? '';
    const start = m.index + m[0].indexOf(code);
    if (/\d/u.test(code)) findings.push(makeFinding('credential', 'password', start, start + code.length, 0.75));
    at = m.index + m[0].length;
  }
}

/** Round c14: letters only, at least 16, with both cases at a quarter each and case changing often: random, not camelCase. */
export function looksRandomLetters(value: string): boolean {
  if (value.length < 16 || !/^[A-Za-z]+$/u.test(value)) return false;
  let upper = 0;
  let changes = 0;
  for (let i = 0; i < value.length; i++) {
    const isUpper = value.charCodeAt(i) < 97;
    if (isUpper) upper++;
    if (i > 0 && isUpper !== value.charCodeAt(i - 1) < 97) changes++;
  }
  const lower = value.length - upper;
  return upper * 4 >= value.length && lower * 4 >= value.length && changes * 3 >= value.length;
}
/** A production or test key's label in the desks' languages. */
const PRODUCTION_OR_TEST = /(?:production|produktion|producción|produccion|produção|producao|produzione|productie|produkcyjn|prod|test)/iu;

// A setting's name and "=" with a value after it (base64 padding has nothing after its "=").
const NEXT_SETTING = /^[A-Za-z_][A-Za-z0-9_.-]{0,60}=[^=]/u;

/** C05: long random values behind an explicit secret/key/token label, whatever the vendor. */
/** The algorithm names an OpenSSH public key line starts with (RFC 4253, 5656, 8709; FIDO "sk-" keys; certificates). */
export const SSH_PUBLIC_KEY_TYPE = /^(?:sk-)?(?:ssh-(?:rsa|dss|ed25519|ed448)|ecdsa-sha2-nistp(?:256|384|521)|rsa-sha2-(?:256|512))(?:-cert-v01)?(?:@openssh\.com)?$/u;

export function detectLabelledSecrets(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  for (const match of matchesAtAnchors(text, LABELLED_SECRET, anchors.positions[AnchorGroup.SecretLabel]!)) {
    if (isAlnumAt(text, match.index - 1)) continue;
    // Round c9: a quoted value may hold any symbol (Django's SECRET_KEY draws from "!@#$%^&*(-_=+)").
    const raw = match.groups?.quotedValue ?? match.groups?.value ?? '';
    const value = match.groups?.quotedValue ?? raw.replace(/[.]+$/u, '');
    if (value.length < 16) continue;
    // Round c14: a letter-only value in random mixed case ("merchant_key: QypY…", Redsys' key), and a gateway's key of
    // digits only under a production or test label ("Clé de production : 4568…", as PayZen/Lyra show it).
    if (!looksRandom(value) && !looksRandomLetters(value) && !(/^\d{16,40}$/u.test(value) && PRODUCTION_OR_TEST.test(match[0]))) continue;
    // Round c14: a URL is no key value ("PRIVATE-TOKEN: $GITLAB_TOKEN" "https://…": the label ended a variable's name, and
    // the next quoted string is the request's URL).
    if (value.includes('://')) continue;
    // Round c15c: an SSH public key's type ("Klucz SSH:\necdsa-sha2-nistp256 AAAAE2…", "Key: ssh-ed25519 AAAA…"): the
    // start of a public key, which is no secret.
    if (SSH_PUBLIC_KEY_TYPE.test(value)) continue;
    // Round c10: "APP_KEY=" left empty, then "DB_HOST=127.0.0.1" on the next line: that line is the next setting.
    if (match.groups?.quotedValue === undefined && NEXT_SETTING.test(value) && /\n/u.test(match[0].slice(0, match[0].length - raw.length))) continue;
    // "…/password/reset?token=…", "wp-login.php?action=rp&key=…": a one-time link's token is not a kept secret.
    if (isOneTimeLinkParameter(text, match.index)) continue;
    // Stripe's publishable keys are public by design (every checkout page carries one), whatever the label says; so are
    // Pix keys, WooCommerce consumer keys and an API key beside its secret key.
    const labelEnd = match.index + (match.groups?.label ?? '').length;
    if (isPublicHalf(text, match.index, labelEnd, value, match.index, match.index + match[0].length)) continue;
    // "secret key 9f3k…" with no ':' or 'is': only a long random value counts.
    const bare = match.groups?.sep === undefined && !/\s(?:is|ist|lautet|это|es|è|é|est)\b/iu.test(match[0]);
    if (bare && value.length < 20) continue;
    // The vendor prefix sits before the core label: "aws_secret_access_key", "AWS_SECRET_KEY".
    const label = text.slice(Math.max(0, match.index - 12), match.index + (match.groups?.label ?? '').length).toLowerCase();
    const subtype = /aws/u.test(label) && /secret/u.test(label) ? 'aws_secret_key' : 'api_key';
    const start = match.index + match[0].length - raw.length;
    findings.push(makeFinding('credential', subtype, start, start + value.length, 0.8));
  }
  for (const match of matchesAtAnchors(text, TOTP_SETUP_KEY, anchors.positions[AnchorGroup.SecretLabel]!)) {
    if (isAlnumAt(text, match.index - 1)) continue;
    const value = match.groups?.value ?? '';
    if (!/[2-7]/u.test(value)) continue; // base32 of a random seed has digits 2-7; four plain words do not make a key
    const start = match.index + match[0].length - value.length;
    findings.push(makeFinding('credential', 'api_key', start, start + value.length, 0.8));
  }
  for (const match of matchesAtAnchors(text, BACKUP_CODES_LABEL, anchors.positions[AnchorGroup.SecretLabel]!)) {
    if (isAlnumAt(text, match.index - 1)) continue;
    backupCodes(text, match.index + match[0].length, findings);
  }
  for (const match of matchesAtAnchors(text, MAGENTO_CRYPT_KEY, anchors.positions[AnchorGroup.SecretLabel]!)) {
    const value = match.groups?.value ?? '';
    if (!looksRandom(value)) continue;
    const start = match.index + match[0].length - value.length - 1;
    findings.push(makeFinding('credential', 'api_key', start, start + value.length, 0.85));
  }
  for (const match of matchesAtAnchors(text, PLESK_SECRET_KEY, anchors.positions[AnchorGroup.SecretLabel]!)) {
    const value = match.groups?.value ?? '';
    const start = match.index + match[0].length - value.length;
    findings.push(makeFinding('credential', 'api_key', start, start + value.length, 0.85));
  }
  return findings;
}
