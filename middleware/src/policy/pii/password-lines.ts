import { AnchorGroup, findAnchors, matchesAtAnchors, registerAnchor, type Anchors } from './anchors.js';
import { countWork as countWorkImport } from './scan-work.js';
import { makeFinding, type Finding } from './finding.js';
import { isAlnumAt, isAlreadyRedacted, isRegExpSpace } from './text-boundaries.js';
import { WOOCOMMERCE_CONSUMER_KEY } from './api-keys.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;
// \s for one UTF-16 code unit (the same set with or without the u flag).
const isSpaceCode = isRegExpSpace;

// Labels in the languages our desks see. Longer spellings first so "passwort" is not read as "pass".
const LABELS = [
  'passwort', 'password', 'passwd', 'passcode', 'passphrase', 'kennwort', 'пароль', 'mot\\s{1,3}de\\s{1,3}passe',
  'contraseña', 'contrasena', 'senha', 'hasło', 'haslo', 'wachtwoord', 'şifresi', 'şifreniz', 'şifrem', 'şifre', 'sifreniz', 'parolanız', 'parolası', 'parolam', 'sifre', 'parola',
  'lösenord', 'losenord', 'salasana', 'heslo', 'adgangskode', 'passord', 'jelszó', 'pwd', 'pass', 'pw', 'mdp', 'clave',
  // Issue 15: Italian "parola d'ordine" and "chiave di accesso", Portuguese "palavra-passe", Russian slang "пасс",
  // Dutch "WW" (wachtwoord), "PIN". "parola d'ordine" before "parola" so the longer label wins.
  "parola\\s{1,3}d['’]ordine", 'chiave\\s{1,3}di\\s{1,3}accesso', 'palavra[-\\s]passe', 'пасс', 'ww', 'pin',
];
// Round 2: registrar transfer secrets (EPP / auth / AuthInfo codes) and Wi-Fi keys are typed like passwords;
// Turkish accusative "şifreyi" ("şifreyi X olarak değiştirdim"). Their anchors are ROUND2_LITERALS (below), not the
// short literal before each optional separator ("auth", "epp", "code" stand in too much ordinary text).
const ROUND2_LABELS = [
  'epp[-\\s]?code', 'auth[-\\s]?code', 'authinfo', 'transfer[-\\s]?code', 'transfer\\s{1,3}kodu', 'código\\s{1,3}epp', 'codice\\s{1,3}epp', 'verhuiscode',
  'code\\s{1,3}de\\s{1,3}transfert', 'код\\s{1,3}авторизации', 'authorization\\s{1,3}code',
  // Round c9: the registrars' own names for the code in the desks' languages ("AuthInfo-Code", "código de autorización",
  // "verhuistoken", "kod AuthInfo", "EPP kodu").
  'authinfo[-\\s]?code', 'auth[-_\\s]?info(?:[-\\s]?code)?', 'código\\s{1,3}de\\s{1,3}autori[zs]aci[óo]n', 'código\\s{1,3}de\\s{1,3}autoriza[çc][ãa]o',
  'código\\s{1,3}de\\s{1,3}transfer[eê]ncia', 'codice\\s{1,3}(?:di\\s{1,3}trasferimento|authinfo|auth)', 'verhuistoken', 'code\\s{1,3}d[\'’]autorisation',
  'kod\\s{1,3}(?:authinfo|auth|transferu|autoryzacyjny)', 'epp\\s{1,3}kodu', 'код\\s{1,3}(?:переноса|authinfo)',
  'wlan-schlüssel', 'wlan-key', 'netzwerkschlüssel', 'wpa2?[-\\s]key', 'wi-?fi[-\\s]key', 'şifreyi',
];
// Round c5: security-question answers. Their anchors are C5_LITERALS (one space where the pattern allows several).
const C5_LABELS = [
  'security\\s{1,3}answer', 'secret\\s{1,3}answer', 'sicherheitsantwort', 'respuesta\\s{1,3}de\\s{1,3}seguridad', 'respuesta\\s{1,3}secreta',
  'réponse\\s{1,3}secrète', 'контрольный\\s{1,3}ответ', 'risposta\\s{1,3}segreta', 'resposta\\s{1,3}secreta', 'beveiligingsantwoord',
];
const C5_LITERALS = ['security answer', 'secret answer', 'sicherheitsantwort', 'respuesta de seguridad', 'respuesta secreta', 'réponse secrète',
  'контрольный ответ', 'risposta segreta', 'resposta secreta', 'beveiligingsantwoord'];
// Round c5, third batch: "password" in the desks' other languages (Balkan, Baltic, Romanian, Catalan, Basque, Bulgarian,
// Serbian and Belarusian Cyrillic, Greek, Arabic, Hebrew, Persian, Hindi, Vietnamese, Indonesian), tried where no letter
// precedes; Japanese, Chinese, Korean and Thai are written without spaces, so theirs are tried wherever they stand.
const C5_LANGUAGE_LABELS = [
  'lozinka', 'geslo', 'slaptažodis', 'parool', 'parole', 'парола', 'лозинка', 'parolă', 'contrasenya', 'pasahitza', 'гасло',
  'κωδικός\\s{1,3}πρόσβασης', 'κωδικός', 'كلمة\\s{1,3}المرور', 'كلمة\\s{1,3}السر', 'סיסמה', 'סיסמא', 'رمز\\s{1,3}عبور', 'पासवर्ड', 'mật\\s{1,3}khẩu', 'kata\\s{1,3}sandi',
];
const C5_LANGUAGE_LITERALS = ['lozinka', 'geslo', 'slaptažodis', 'parool', 'parole', 'парола', 'лозинка', 'parolă', 'contrasenya', 'pasahitza', 'гасло',
  'κωδικός', 'كلمة المرور', 'كلمة السر', 'סיסמה', 'סיסמא', 'رمز عبور', 'पासवर्ड', 'mật khẩu', 'kata sandi'];
const C5_UNSPACED_LABELS = ['パスワード', '密码', '密碼', '비밀번호', 'รหัสผ่าน'];
/** Short or ambiguous labels ("pass", "pwd") count only with an explicit ':' '=' or dash separator. */
const STRICT_LABELS = new Set(['pass', 'pw', 'pwd', 'mdp', 'clave', 'parola', 'ww', 'pin', 'parole', 'κωδικός']);

// Longer labels first ("parola d'ordine" before "parola"): the alternation takes the first that fits.
const LABEL = `(?:${[...LABELS, ...ROUND2_LABELS, ...C5_LABELS, ...C5_LANGUAGE_LABELS, ...C5_UNSPACED_LABELS].sort((a, b) => b.length - a.length).join('|')})`;
// "password for the admin panel is ...", "Passwort für den FTP-Zugang ist ...", "пароль от сервера: ..."
// A qualifier does not run over markup, quote marks or a sentence end ("… password for the site. <td>Order</td><td>…",
// "… password di x.fr. > > Tracking number:"), nor a service word over a line break ("password\npostgres://…").
// A service word right after the label ("Password FTP:", "Пароль root это …"; round c12: in the Polish genitive, "hasło
// roota to …", "hasło admina:") and a parenthetical
// ("Pass (webmail):", "Passwort (neu):"); a ")" right after the label closes "Zugangsdaten (Passwort) ist …".
// Round c8: a clause after the label ("the password I set is …", "a senha que coloquei no WordPress foi …").
const CLAUSE_START = String.raw`(?:that|which|I|we|you|que|qui|che|die|das|dat|welches|ich|wir|je|yo|io|eu|ik|ja|który|która|które|я|мы|который|которое|ben|biz)`;
const SERVICE = String.raw`(?:ftp|sftp|ssh|root|admin|db|mysql|postgres(?:ql)?|redis|ldap|cpanel|plesk|whm|ispmanager|directadmin|webmin|phpmyadmin|roundcube|smtp|imap|pop3|e-?mail|mail|webmail|panel|database|datenbank|wordpress|wp|joomla|magento|drupal|vpn|rdp|vnc|wi-?fi|wlan|router|server|konto|account)`;
// Round 2: "contraseña temporal:", "la password nuova è", "senha provisória:", "hasło tymczasowe:".
const ADJECTIVE = String.raw`(?:nueva|nuevo|temporal|nuova|temporanea|temporaneo|provvisoria|nova|provisória|provisoria|temporária|temporaria|nouveau|temporaire|provisoire|tymczasowe|nowe|tijdelijk|nieuw|nieuwe|geçici|yeni|neu|temporär|временный|новый)`;
// Round c9: a number after the label ("Пароль #1:", "Password 2:": gateways with two passwords), and a parenthetical
// before the phrase ("código de autorización (EPP) para el traslado de …:").
const QUALIFIER = String.raw`\)?(?:[ \t]{0,2}#?\d{1,2}(?![\p{L}\p{N}]))?(?:[ \t]{0,4}\([^()\n]{1,30}\)(?=[ \t]{1,8}(?:for|of|to|on|für|von|zum|zur|для|от|de|du|des|pour|para|do|da|dla|voor|van|per|di|del)[ \t]))?(?:\s{1,8}(?:for|of|to|on|für|fur|von|zum|zur|zu|для|от|к|de|du|des|pour|para|do|da|dla|voor|van|per|di|del|della|dello|dei|al|på|för|na|pro)\s{1,8}(?:(?!\.\s)[^\n:=<>]){1,60}?|,?\s{1,8}${CLAUSE_START}\s{1,8}(?:(?!\.\s)[^\n:=<>"]){1,50}?|\s{1,8}dell'[^\n:=\s]{1,30}|[ \t]{1,4}${SERVICE}(?:a|u)?(?![\p{L}\p{N}])|[ \t]{1,4}${ADJECTIVE}(?![\p{L}\p{N}])|[ \t]{1,4}(?:[a-z0-9-]{1,63}\.){1,4}[a-z]{2,24}(?=[ \t]{0,2}[:=]))?(?:\s{0,4}\([^()\n]{1,30}\))?`;
// Inline markup between the label and its value: "<b>Password:</b> …", "<code>…</code>", "<td>password</td><td>…".
// "**" or "__" closes a markdown-bold label only where no value follows at once ("**Password:** x", not ": **x**").
const CLOSING_TAGS = String.raw`(?:\s{0,4}(?:<\/(?:b|strong|em|i|u|span|font|p)>|\*\*(?![^\s:=])|__(?![^\s:=]))){0,2}`;
// Value after no-break space entities, on the next line of a quoted reply ("WW:\n> Pa7s…"), then opening tags.
const VALUE_LEAD = String.raw`(?:\s|&nbsp;|&#160;){0,8}(?:(?<=\n)(?:[ \t]{0,4}>){1,4}[ \t]{0,4})?(?:<(?:b|strong|code|em|i|u|span|tt|kbd|pre|font|p)(?:\s[^<>\n]{0,80})?>\s{0,4}){0,3}`;
const TABLE_CELLS = String.raw`\s{0,4}<\/t[dh]>\s{0,4}<t[dh](?:\s[^<>\n]{0,60})?>`;
const WORD_SEPARATOR = String.raw`(?:(?:is|was|has\s{1,8}been|wurde)\s{1,8})?(?:changed|set|reset|updated|geändert|gesetzt|veranderd|gewijzigd|aangepast)\s{1,8}(?:to|auf|in|naar)|ingesteld\s{1,8}op|(?<changedTo>auf|a|in|en|naar|op|à)|изменен\s{1,8}на|is|ist|lautet|est|es|é|è|to|je|är|er|on|это|sera|wird|will\s{1,8}be|ficou|was|foi|fue|war|była|było|oldu|şu|şöyle|jest|wynosi|luidt|era|fica|c['’]est|на|na|para`;
// Round c9: "yesterday", "today" too ("das Passwort gestern auf X umgestellt").
const ADVERB = String.raw`(?:\s{1,8}(?:now|currently|still|jetzt|nun|теперь|сейчас|maintenant|ahora|agora|yesterday|today|gestern|heute|вчера|сегодня|hier|aujourd'hui|ayer|hoy|ieri|oggi|ontem|hoje|gisteren|vandaag|wczoraj|dzisiaj|dün|bugün))?`;
const VALUE = String.raw`(?:"(?<dq>[^"\n]{1,200})"|'(?<sq>[^'\n]{1,200})'|«(?<gq>[^»\n]{1,200})»|“(?<cq>[^”\n]{1,200})”|„(?<lq>[^“”\n]{1,200})[“”]|\x60(?<bq>[^\x60\n]{1,200})\x60|\*\*(?<bb>[^*\n]{1,200})\*\*|»(?<rq>[^«\n]{1,200})«|‚(?<sl>[^‘’\n]{1,200})[‘’]|[｢「](?<jq>[^｣」\n]{1,200})[｣」]|(?<raw>\S{1,200}))`;

// Tried only at the label anchors (see anchors.ts), which stand where no letter or digit precedes.
const LABEL_PATTERN = new RegExp(String.raw`${LABEL}(?![\p{L}\p{N}])`, 'yiu');
for (const label of LABELS) registerAnchor(/^[^\\[(]*/u.exec(label)![0], AnchorGroup.PasswordLabel, true);
// The round 2 labels' spellings (one space where the pattern allows several, as "mot" stands for "mot de passe").
const ROUND2_LITERALS = ['epp-code', 'epp code', 'eppcode', 'auth-code', 'auth code', 'authcode', 'authinfo', 'transfer-code', 'transfer code', 'transfercode', 'transfer kodu',
  'código epp', 'codice epp', 'verhuiscode', 'code de transfert', 'код авторизации', 'authorization code', 'wlan-schlüssel', 'wlan-key', 'netzwerkschlüssel',
  'wpa key', 'wpa-key', 'wpa2 key', 'wpa2-key', 'wifi key', 'wifi-key', 'wi-fi key', 'wi-fi-key', 'wifi key', 'şifreyi',
  'auth-info', 'auth_info', 'auth info', 'authinfo-code', 'código de autorización', 'código de autorizacion', 'código de autorização', 'código de autorizacao',
  'código de transferencia', 'código de transferência', 'codice di trasferimento', 'codice authinfo', 'codice auth', 'verhuistoken', "code d'autorisation",
  'code d’autorisation', 'kod authinfo', 'kod auth', 'kod transferu', 'kod autoryzacyjny', 'epp kodu', 'код переноса', 'код authinfo'];
for (const word of ROUND2_LITERALS) registerAnchor(word, AnchorGroup.PasswordLabel, true);
// Round c5: the answer to an account's security question recovers the account (registrars, hosting customer centres).
for (const word of C5_LITERALS) registerAnchor(word, AnchorGroup.PasswordLabel, true);
for (const word of C5_LANGUAGE_LITERALS) registerAnchor(word, AnchorGroup.PasswordLabel, true);
for (const word of C5_UNSPACED_LABELS) registerAnchor(word, AnchorGroup.PasswordLabel, false);
// Environment variables glue the label to a prefix: PGPASSWORD, MYSQL_PWD, SMTPPASS. Tried at the start of the
// upper-case identifier around each "PASS" or "PWD" (the only place a match can start).
const ENV_LABEL_PATTERN = /(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]{0,40}?(?:PASSWORD|PASSWD|PWD|PASS)(?![A-Za-z0-9])/y;
registerAnchor('pass', AnchorGroup.PasswordInside, false);
registerAnchor('pwd', AnchorGroup.PasswordInside, false);
export type SeparatorKind = 'punct' | 'word' | 'bare';
// Tried in order at the end of each label; the first that yields a plausible value wins.
const AFTER_LABEL: readonly { kind: SeparatorKind; pattern: RegExp }[] = [
  { kind: 'punct', pattern: new RegExp(String.raw`["']?${QUALIFIER}(?:${CLOSING_TAGS}\s{0,8}(?:=>|->|→|[:=：]|[—–])${CLOSING_TAGS}|${TABLE_CELLS})${VALUE_LEAD}${VALUE}`, 'yiu') },
  { kind: 'punct', pattern: new RegExp(String.raw`["']?${QUALIFIER}\s{1,8}-\s{1,8}${VALUE_LEAD}${VALUE}`, 'yiu') },
  // Round c9: an adverb before the separator too ("das Kennwort jetzt auf X geändert").
  { kind: 'word', pattern: new RegExp(String.raw`${QUALIFIER}${ADVERB}\s{1,8}(?:${WORD_SEPARATOR})${ADVERB}(?:\s{0,4}:)?\s{1,8}${VALUE_LEAD}${VALUE}`, 'yiu') },
  // Round c7: the word separator right after the label, when the value after a longer qualifier was turned down
  // ("changed the password to X (FTP user) on srv-01.example.de": the qualifier ran to "on" and its value was a host).
  { kind: 'word', pattern: new RegExp(String.raw`\s{1,8}(?:${WORD_SEPARATOR})${ADVERB}(?:\s{0,4}:)?\s{1,8}${VALUE_LEAD}${VALUE}`, 'yiu') },
  { kind: 'bare', pattern: new RegExp(String.raw`\s{1,8}${VALUE}`, 'yiu') },
];

// "login/password: admin/secret", "логин/пароль: admin / secret": read from the end of a password label that
// USER_LABEL_BEFORE finds preceded by "login/" (a whole-text scan for the pair cost as much as the label scan).
const USER_PASSWORD_REST = /(?:\s{1,4}(?:к|от|for|für|de|do|da|dla|per|di)\s{1,4}[^\s:=/]{1,20})?\s{0,4}[:=]?\s{0,8}(?<user>[^\s/]{1,64})\s{0,4}\/\s{0,4}(?<secret>\S{1,200})/uy;

// "credentials admin:Sup3rS3cret!", "Zugangsdaten: admin / Geheim#1". Tried (sticky) only where the cheap
// anchor pass finds one of its words (anywhere, as the global word pattern this replaces did).
for (const word of ['cred', 'login', 'zugang', 'доступ', 'учетные данные', 'identifiants']) registerAnchor(word, AnchorGroup.CredentialWord, false);
const CREDENTIAL_PAIR = new RegExp(
  String.raw`(?:credentials|creds|login|zugangsdaten|zugang|доступ\p{L}*|учетные данные|identifiants|credenciales)\s{0,4}[:=]?\s{0,8}(?<user>[^\s:/@(<>"',]{1,64})(?::|\s{0,4}/\s{0,4})(?<secret>[^\s/<]\S{0,199})`,
  'yiu',
);
// Secrets typed on a command line: mysql -pSECRET, sshpass -p 'SECRET', curl -u user:SECRET, --password SECRET,
// ncftp/ncftpput/ncftpget -u user -p SECRET (round 2).
// No leading \b: under the i and u flags V8 tests it at every position (it made this pattern ~30x slower); the
// left boundary is checked in code.
const CLI_PASSWORD_FLAG = new RegExp(
  String.raw`(?:(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n]{0,120}?\s-p(?:'(?<sq2>[^'\n]{1,200})'|"(?<dq2>[^"\n]{1,200})"|(?<secret>[^\s'"<-]\S{0,200}))|sshpass\s{1,4}-p\s{0,4}(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})"|(?<secret2>\S{1,200}))|curl\b[^\n]{0,200}?\s(?:-u|--user)\s{1,4}['"]?[^\s:'"]{1,64}:(?<secret3>[^\s'"]{1,200})|ncftp(?:get|put|ls)?\s[^\n]{0,120}?\s-p\s{1,4}(?<secret4>[^\s'"<-]\S{0,200}))`,
  'yiu',
);
for (const word of ['mysql', 'mariadb', 'sshpass', 'curl', 'ncftp']) registerAnchor(word, AnchorGroup.PasswordCommand, false);
// Round c8: "MySQL root: X", "SSH root: X", "FTP admin: X" in a list of accesses: a service, its superuser, a colon and
// the secret as the rest of the line. Only the superuser names (a colon after any user name is too common a shape).
const SERVICE_ROOT_LINE = /(?:mysql|mariadb|postgres(?:ql)?|ssh|sftp|ftp)[ \t]{1,3}(?:root|admin|administrator|postgres|sa)[ \t]{0,2}:[ \t]{1,4}(?<secret>[^\s<>"']{6,64})(?=[ \t]*(?:\r?\n|<|$))/yiu;
for (const word of ['postgres', 'ssh', 'sftp', 'ftp']) registerAnchor(word, AnchorGroup.PasswordCommand, false);

const USER_LABEL_BEFORE = /(?:login|user(?:name)?|benutzer(?:name)?|логин|пользователь|utilisateur|usuario|usuário|użytkownik|uzytkownik|giriş|giris|kullanıcı|gebruiker|utente|utilizador)\s{0,4}\/\s{0,4}(?:\p{L}{1,20}-)?$/iu;

// Words that follow "password is" / "password:" in ordinary sentences about passwords.
const NOT_A_PASSWORD = new Set([
  // Round c14: the names of the commands a password line is followed by ("… la contraseña del panel):" and then the line
  // "mysql -u user -p'<your password>' db"): a command, not its argument.
  'mysql', 'mysqldump', 'mariadb', 'psql', 'pg_dump', 'ssh', 'sftp', 'scp', 'rsync', 'curl', 'wget', 'lftp', 'sudo', 'sshpass', 'mongosh', 'redis-cli',
  // en
  'not', 'no', 'none', 'n/a', 'na', 'null', 'nil', 'empty', 'blank', 'required', 'optional', 'incorrect', 'correct',
  'wrong', 'invalid', 'valid', 'expired', 'reset', 'changed', 'change', 'set', 'saved', 'stored', 'missing', 'same',
  'different', 'too', 'still', 'being', 'been', 'now', 'the', 'a', 'an', 'my', 'your', 'our', 'their', 'his', 'her',
  'its', 'this', 'that', 'it', 'in', 'on', 'at', 'for', 'to', 'from', 'with', 'by', 'of', 'and', 'or', 'sent',
  'shown', 'displayed', 'visible', 'hidden', 'encrypted', 'hashed', 'protected', 'case-sensitive', 'sensitive',
  'working', 'accepted', 'rejected', 'locked', 'weak', 'strong', 'long', 'short', 'there', 'here', 'also', 'only',
  'just', 'very', 'really', 'fine', 'ok', 'okay', 'good', 'bad', 'unknown', 'see', 'below', 'above', 'attached',
  'unchanged', 'updated', 'new', 'old', 'current', 'temporary', 'default', 'manager', 'policy', 'field', 'hint',
  'requirements', 'length', 'strength', 'e-mail', 'email', 'sms', 'link', 'recovery', 'protected', 'case', 'must',
  'should', 'will', 'was', 'were', 'has', 'have', 'had', 'did', 'does', 'do', 'is', 'are', 'be', 'can', 'cannot',
  'could', 'would', 'please', 'again', 'yesterday', 'today', 'twice', 'right', 'exactly', 'probably', 'definitely',
  'identical', 'unavailable', 'confirmed', 'confirmation', 'generator', 'change', 'expiry', 'expiration', 'prompt',
  'dialog', 'screen', 'page', 'form', 'box', 'login', 'rotation', 'history', 'complexity',
  // de
  'nicht', 'kein', 'keine', 'falsch', 'richtig', 'korrekt', 'ungültig', 'gültig', 'abgelaufen', 'geändert',
  'gesetzt', 'gespeichert', 'leer', 'zu', 'noch', 'schon', 'jetzt', 'das', 'der', 'die', 'ein', 'eine', 'mein',
  'dein', 'ihr', 'sein', 'unbekannt', 'vergessen', 'gesperrt', 'zurückgesetzt', 'gleich', 'dasselbe', 'sicher',
  'unsicher', 'zurücksetzen', 'ändern', 'funktioniert', 'wurde', 'wird', 'ist', 'muss', 'bitte', 'auch',
  // ru
  'не', 'нет', 'неверный', 'неправильный', 'верный', 'правильный', 'истек', 'истёк', 'устарел', 'изменен', 'изменён',
  'сброшен', 'пустой', 'слишком', 'ещё', 'еще', 'уже', 'мой', 'ваш', 'тот', 'же', 'такой', 'подходит', 'заблокирован',
  'забыл', 'сменить', 'от', 'для', 'к', 'и', 'в', 'на', 'был', 'был', 'будет',
  // fr, es, pt, pl, nl
  'pas', 'oublié', 'faux', 'expiré', 'changé', 'vide', 'le', 'la', 'mon', 'votre', 'incorrecta', 'incorrecto',
  'olvidé', 'caducada', 'vacía', 'mi', 'su', 'não', 'incorreta', 'errada', 'esqueci', 'minha', 'nie',
  'niepoprawne', 'błędne', 'zapomniałem', 'niet', 'onjuist', 'verlopen',
  // password-policy sentences: "Password: minimum 12 characters", "Passwort: mindestens 8 Zeichen"; round c11: "between 8
  // and 64 characters" ("entre 8 et 64 caractères", "zwischen", "tra", "tussen", "między", "arasında")
  'between', 'entre', 'zwischen', 'tra', 'fra', 'tussen', 'między', 'arasında',
  // round c11: the prompt after "New password:" ("Re-type new password:", "Confirm password:")
  're-type', 'retype', 'confirm', 'repeat', 'wiederholen', 'bestätigen', 'répéter', 'confirmer', 'repetir', 'confirmar', 'ripeti',
  'conferma', 'herhaal', 'bevestig', 'powtórz', 'potwierdź', 'tekrar', 'повторите', 'подтвердите',
  'minimum', 'min', 'maximum', 'max', 'least', 'mindestens', 'höchstens', 'maximal', 'mínimo', 'minimo', 'máximo',
  'massimo', 'almeno', 'minimaal', 'minstens', 'minst', 'минимум', 'минимально', 'максимум', 'moins', 'minimalnie',
  'co', 'najmniej', 'en', 'az',
  // "the same as before" in the desks' languages; "forgotten?"
  'identique', 'identisch', 'idéntica', 'idêntica', 'identico', 'identica', 'hetzelfde', 'même', 'mismo', 'misma', 'mesma', 'mesmo',
  'stesso', 'stessa', 'gleiche', 'selbe', 'vergessen', 'oublié', 'olvidada', 'dimenticata', 'esquecida', 'vergeten', 'zapomniane',
  // round 2: "expired / wrong / changed" in the languages the adjectives above were added for
  'scaduta', 'scaduto', 'sbagliata', 'errata', 'cambiata', 'reimpostata', 'expirada', 'alterada', 'cambiada', 'expirée', 'modifié', 'modifiée',
  'wygasło', 'nieprawidłowe', 'zmienione', 'yanlış', 'hatalı', 'geçersiz', 'gewijzigd', 'fout',
  // round c5: "none" in the languages the labels above were added for ("Parole: nessuna")
  'nessuna', 'nessuno', 'ninguna', 'ninguno', 'nenhuma', 'aucun', 'aucune', 'brak', 'geen', 'yok', 'keine',
]);

// "… 12 characters", "8+ Zeichen", "не менее 8 символов": the line states a rule, not a password.
const POLICY_AFTER = /^[^\n]{0,40}?\d{1,3}\s{0,2}\+?\s{0,2}(?:characters|chars|zeichen|caracteres|caratteri|tekens|karakter|символ|знак|tecken|merkkiä|znaków|znaki)/iu;
// "user root pass S3cret!", "login admin pw S3cret!": a user named just before a short label.
const USER_NAMED_BEFORE = /(?:user(?:name)?|login|benutzer(?:name)?|логин|usuario|utente|utilisateur|gebruiker(?:snaam)?)[ \t]{1,4}[^\s]{1,64}[ \t,;]{1,4}$/iu;
// "Пароль от почты S3cret!", "password for ftp S3cret!": a qualifier of one or two words, then the value, no separator.
// The qualifier's words do not end a sentence ("Забыл пароль от панели. checksum=…" is two sentences).
const QUALIFIED_BARE = new RegExp(String.raw`\s{1,8}(?:for|of|to|on|für|von|zum|zur|для|от|de|du|pour|para|do|da|dla|voor|van|per|di|del|della|dell'|på|för|na|pro)\s{0,8}[^\s:=<>]{0,29}?[^\s:=<>.,;!?](?:\s{1,8}[^\s:=<>]{0,29}?[^\s:=<>.,;!?])??\s{1,8}(?<raw>\S{6,200})`, 'yiu');

const ENV_DEFAULT = /env\(\s{0,4}['"][^'"\n]{1,80}['"]\s{0,4},\s{0,4}(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})")/y;
const PLACEHOLDER = /^(?:<[^>]*>|%[A-Za-z_][A-Za-z0-9_]*%|(?:(?:env|getenv)\(|os\.environ|os\.getenv|process\.env).*|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|\{\{[^}]*\}\}|%s|\.{3,}|…|(?:(?:your|my|new|the|tu|su|votre|ton|ta|tua|sua|seu|uw|je|twoje|ihr|ihre|dein|deine|sizin|senin|ваш|твой|nuova|nueva|nova|neues|nouveau)(?:[_-]\p{L}{1,15}){0,2})?[_-]?(?:password|passwort|pass|passwd|pwd|secret|пароль|contraseña|contrasena|mot_de_passe|motdepasse|kennwort|senha|hasło|haslo|wachtwoord|şifre|sifre|parola|clave)(?:[_-]?(?:here|aqui|aquí|qui|ici|hier|здесь|tutaj|buraya))?)$/iu;

const USER_AND_HASH = /^[^\s:$]{1,64}:\$(?:2[abxy]?|1|5|6|y|apr1|argon2(?:id|i|d)?|pbkdf2[\w-]*|P|H)\$/u;
// Upper-case words joined by "_" (no digit): how templates and sample configs mark the value to fill in.
const UPPER_PLACEHOLDER = /^\p{Lu}+(?:_\p{Lu}+)+$/u;
const LARAVEL_KEY_PREFIX = /^base64:[A-Za-z0-9+/]{16,}={0,2}$/u;
const NUMBER_RANGE_OR_SCORE = /^\d{1,3}\s?[-–/]\s?\d{1,3}$/u;
const TICKET_NUMBER = /^#\d{3,}$/u;
const CODE_READING_A_VALUE = /^\$_?[A-Za-z]\w*\[/u;
const WORD_PLACEHOLDER = /^(?:change[_-]?me|replace[_-]?me|to[_-]?do|fixme|tbd|cambiame|cámbiame|cambiami|aendern|ändern|wijzigen|zmien|zmień|modifier|alterar|değiştir)$/iu;

/** Where "</" or "<br" first stands in a value, or -1. */
function markupStart(value: string): number {
  for (let at = value.indexOf('<'); at >= 0; at = value.indexOf('<', at + 1)) {
    const next = value.charCodeAt(at + 1);
    if (next === 47) return at;
    if ((next === 98 || next === 66) && (value.charCodeAt(at + 2) | 32) === 114) return at; // "br"
  }
  return -1;
}

function trimValue(value: string, separatorIsEquals: boolean): string {
  let v = value;
  // "secret</b>", "secret<br>": markup ends the value.
  const htmlTag = markupStart(v);
  if (htmlTag > 0) v = v.slice(0, htmlTag);
  // Round c14: '…?user=u&amp;pass=secret">https://…': the attribute's closing quote and ">" end the value.
  const attributeEnd = v.search(/["']>/u);
  if (attributeEnd > 0) v = v.slice(0, attributeEnd);
  if (separatorIsEquals) {
    // "Password=x;Database=y" and "?password=x&lang=en": the next key ends the value.
    // Round c5: "-o username=u,password=x,vers=3.0" (mount.cifs options, fstab): a comma before the next key too.
    const nextKey = /[;&,](?=[A-Za-z_][\w .-]*=)/u.exec(v);
    if (nextKey) v = v.slice(0, nextKey.index);
  }
  for (;;) {
    const last = v[v.length - 1];
    if (last === undefined) break;
    if ('.,;:'.includes(last)) { v = v.slice(0, -1); continue; }
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{', '"': '"', "'": "'", '>': '<' };
    const open = pairs[last];
    if (open !== undefined) {
      const opens = [...v].filter((c) => c === open).length;
      const closes = [...v].filter((c) => c === last).length;
      if (open === last ? opens % 2 === 1 : closes > opens) { v = v.slice(0, -1); continue; }
    }
    break;
  }
  return v;
}

const HOST_NAME_VALUE = /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24}|\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?)$/u;
/** A key and its colon right before a label on its line ("  key: ", "- type: "): the label is that key's value. */
const KEY_BEFORE_LABEL = /^[ \t>*-]{0,12}[A-Za-z_][\w.-]{0,40}[ \t]{0,2}:[ \t]{1,4}["']?$/u;
const PROMPT_BEFORE = /(?:^|[^\p{L}])(?:enter|re-?enter|retype|confirm|\[sudo\])(?:[ \t]{1,4}(?:new|your|the|a|current|old))?[ \t]{1,4}$/iu;
// Round c14: also after the "to" of a change ("mettre le mot de passe … à nNy=Wtd…", "Kennwort auf Xy=…", "naar", "en").
const GLUED_EQUALS_AFTER_VERB = /\s(?:is|was|ist|lautet|es|est|è|é|era|это|jest|je|är|er|on|to|na|para|şu|à|auf|naar|en|op)\s{1,8}[^\s=]{0,100}[\p{L}\p{N}]=$/iu;
const SECOND_LINE = /^[ \t]*(?:<br\s?\/?>)?\r?\n(?:[ \t]*>)*[ \t]*(?<secret>[^\s<]{1,200})/u;
const TRANSFER_LABEL = /code|authinfo|auth[-_\s]?info|kodu|авторизации|código|codice|kod|код|token/u;
// A passphrase: words separated by one space up to the end of the line (or a closing tag / <br>).
const PASSPHRASE = /\p{Ll}{4,12}(?: \p{Ll}{4,12}){2,5}[ \t]*(?=\r?\n|$|<\/?(?:div|p|br)\b)/uy;
/** The length of a passphrase standing at `start` (trailing blanks excluded), or 0. */
function passphraseAt(text: string, start: number): number {
  PASSPHRASE.lastIndex = start;
  const match = PASSPHRASE.exec(text);
  countWork(match ? match[0].length : 1);
  if (!match) return 0;
  const phrase = match[0].trimEnd();
  // The first word must not start a sentence about the password ("sent to your phone", "working again"); later
  // words may be any but the prose words ("correct horse battery staple").
  const words = phrase.split(' ');
  if (NOT_A_PASSWORD.has(words[0]!)) return 0;
  for (const word of words) if (PROSE_WORDS.has(word)) return 0;
  return phrase.length;
}
// Common words of sentences after a password label that NOT_A_PASSWORD does not list (a passphrase has none of them).
const PROSE_WORDS = new Set(['will', 'send', 'sent', 'later', 'same', 'before', 'after', 'check', 'please', 'your', 'with', 'from', 'that', 'this', 'what', 'when',
  'bitte', 'siehe', 'nach', 'oder', 'und', 'wird', 'gleich', 'como', 'para', 'pero', 'igual', 'sono', 'come', 'prima', 'dopo', 'mesma', 'depois', 'antes',
  'zelfde', 'voor', 'même', 'avant', 'après', 'jest', 'taki', 'samo', 'aynı', 'önceki']);

// Round c5: an app password (Google shows four groups of four lower-case letters) after a label that names an app
// ("App password: abcd efgh ijkl mnop (for Gmail)"); four ordinary words after "Password:" are prose.
const APP_PASSWORD = /\p{Ll}{4}(?: \p{Ll}{4}){3}(?![\p{L}\p{N}])/uy;
const APP_WORD_BEFORE = /(?:app|anwendungs|aplicación|aplicacion|applicazione|aplicativo|aplikacji|applicatie|application|приложени|uygulama)/iu;
function appPasswordAt(text: string, start: number): number {
  const before = text.slice(Math.max(0, start - 40), start);
  countWork(before.length + 1);
  if (!APP_WORD_BEFORE.test(before)) return 0;
  APP_PASSWORD.lastIndex = start;
  const match = APP_PASSWORD.exec(text);
  countWork(match ? match[0].length : 1);
  return match ? match[0].length : 0;
}

// "new pass Kvcp$51", "temp pw x7Kd!": "new" or "temporary" before a short label says a value follows.
const NEW_WORD_BEFORE = /(?:^|[^\p{L}\p{N}])(?:new|temp|temporary|neues|neue|nuevo|nueva|nouveau|nuovo|nuova|novo|nova|nowe|nieuw|nieuwe|yeni)[ \t]{1,3}$/iu;
function newWordBefore(text: string, labelStart: number): boolean {
  const before = text.slice(Math.max(0, labelStart - 14), labelStart);
  countWork(before.length);
  return NEW_WORD_BEFORE.test(before);
}

/** "user root pass …": a user named right before a short label (read only for those labels). */
function userNamedBefore(text: string, labelStart: number): boolean {
  const before = text.slice(Math.max(0, labelStart - 80), labelStart);
  countWork(before.length);
  return USER_NAMED_BEFORE.test(before);
}

/** "=", "-", ":", "：", "—", "–": the first units of AFTER_LABEL's punctuation separators. */
function isSeparatorStart(code: number): boolean {
  return code === 61 || code === 45 || code === 58 || code === 0xff1a || code === 0x2014 || code === 0x2013;
}

/**
 * Whether AFTER_LABEL[index] can match at a label followed by `after` (and `afterQuote`, the unit after it
 * when `after` is a quote): the punctuation patterns start with an optional quote, then white space (their
 * qualifier or spaces) or, for the first, the separator; the others and QUALIFIED_BARE with white space.
 */
function canFollowLabel(index: number, after: number, afterQuote: number): boolean {
  // "<" a tag, ")" closing "(Passwort)", "*" closing "**Password**", "→".
  if (index === 0) return isSpaceCode(after) || isSeparatorStart(after) || isSpaceCode(afterQuote) || isSeparatorStart(afterQuote) || after === 60 || after === 41 || after === 42 || after === 0x2192;
  if (index === 1) return isSpaceCode(after) || isSpaceCode(afterQuote) || after === 41;
  // "," before a clause ("das Passwort, das ich gesetzt habe, ist …").
  return isSpaceCode(after) || after === 41 || after === 44;
}

/** Where the value of an AFTER_LABEL match starts (its quote excluded). */
function start0(match: RegExpExecArray, raw: string, quoted: string | undefined): number {
  return match.index + match[0].length - raw.length - (quoted !== undefined ? 1 : 0);
}

export function looksLikeSecretWord(value: string): boolean {
  const hasDigit = /\p{N}/u.test(value);
  const hasSymbol = /[^\p{L}\p{N}]/u.test(value);
  const innerUpper = /\p{Lu}/u.test(value.slice(1));
  return hasDigit || hasSymbol || innerUpper;
}

export function isPlausiblePassword(value: string, separator: SeparatorKind): boolean {
  if (value.length === 0) return false;
  if (isAlreadyRedacted(value) || PLACEHOLDER.test(value)) return false;
  if (/^[([{<]/u.test(value)) return false;
  // Round c14: a value that starts or ends with a blank is the text between two quoted strings ('Matched phrase
  // "password=" at ARGS_NAMES:… [file "', a WAF log quoting the label itself), not a secret.
  if (/^\s|\s$/u.test(value)) return false;
  // Round c14: a verb and its inverted subject ("mot de passe est-il refusé ?", "a-t-elle", "sont-ils"): a question.
  if (/^\p{Ll}{1,8}-(?:t-)?(?:il|elle|ils|elles|on|ce|je|tu|nous|vous)$/u.test(value)) return false;
  // Round c14: "${DB_PASSWORD:?err}", "${PASS?missing}": the message shell prints when the variable is unset.
  if (/^\?[\p{Ll} _-]{1,40}\}?$/u.test(value) || value.startsWith('${')) return false;
  // Masked: "AO**********", "Et*********", "ab••••••".
  if ((value.includes('*') || value.includes('•') || value.includes('●')) && /[*•●]{4}/u.test(value)) return false;
  // Masked with X groups: "XXXX-XXXX-XXXX-6021", "xxxx 1234".
  if ((value.includes('XXXX') || value.includes('xxxx')) && /(?:^|[-\s])[xX]{4}(?:[-\s]|$)/u.test(value)) return false;
  // Shortened for display ("ab12…cd34") or a crypt hash ("$2y$10$…", "$6$salt$…", "$apr1$…"): not the secret itself.
  if (value.includes('…') || value.includes('...')) return false;
  // Round c12: also WordPress's and phpBB's portable hashes ("$P$B…", "$H$9…"), as a wp_users row shows user_pass.
  if (value.charCodeAt(0) === 36 && /^\$(?:2[abxy]?|1|5|6|y|apr1|argon2(?:id|i|d)?|pbkdf2[\w-]*|P|H)\$/u.test(value)) return false;
  if (NOT_A_PASSWORD.has(value.toLowerCase())) return false;
  // Round c10: "admin:$apr1$…" (an htpasswd line), "web:$6$…" (/etc/shadow): a user and the crypt hash of a password.
  if (value.includes(':$') && USER_AND_HASH.test(value)) return false;
  // Round c10: "CHANGE_ME", "YOUR_DB_PASSWORD", "A_CHANGER", "changeme": a template's placeholder for the value.
  // Round c11: also as a shell default, "${DB_PASSWORD:-changeme}" read from its ":" as "-changeme".
  if (UPPER_PLACEHOLDER.test(value) || WORD_PLACEHOLDER.test(value.replace(/^[-=]/u, ''))) return false;
  // Round c11: "8-64" or "67/100" (a length range, a strength score), "#233572" (a ticket's number), "$_POST['password']"
  // (the code that reads one).
  if (NUMBER_RANGE_OR_SCORE.test(value) || TICKET_NUMBER.test(value) || CODE_READING_A_VALUE.test(value)) return false;
  // "vergessen?", "olvidada!": a listed word with a question or exclamation mark.
  const last = value.charCodeAt(value.length - 1);
  if ((last === 63 || last === 33) && /^\p{L}+[?!]{1,3}$/u.test(value) && NOT_A_PASSWORD.has(value.replace(/[?!]+$/u, '').toLowerCase())) return false;
  // Round c15c: after a word or no separator, a lower-case word and a question mark ends a question ("hangi şifreyi
  // yazacağım?", "welches Passwort nehmen?"), not a value.
  if (separator !== 'punct' && last === 63 && /^\p{Ll}+\?{1,3}$/u.test(value)) return false;
  // "&lt;votre mot de passe&gt;": an escaped placeholder or tag.
  if (value.charCodeAt(0) === 38 && /^&(?:lt|#0*60|#x0*3c);/iu.test(value)) return false;
  // "password dell'area clienti", "mot de passe d'accès": an elided article and a word are prose.
  if (separator !== 'punct' && /^\p{L}{1,5}['’]\p{L}{2,}$/u.test(value)) return false;
  switch (separator) {
    case 'punct': return value.length >= 4;
    case 'word': return value.length >= 4 && looksLikeSecretWord(value);
    case 'bare': return value.length >= 6 && looksLikeSecretWord(value) && /\p{L}/u.test(value) && !/^[\p{P}]/u.test(value);
  }
}

// Round c9: "auf", "a", "in", "en", "naar", "op", "à" after a password label are "to" only in a sentence about changing it
// ("Kennwort jetzt auf X geändert", "He cambiado la contraseña a X", "Ho cambiato la password in X", "J'ai changé le mot de
// passe en X"); elsewhere they are "on", "in", "at" ("Passwort auf dem Zettel", "la password in allegato").
const CHANGE_VERB = /(?:chang|set|reset|updat|geändert|gesetzt|geaendert|umgestellt|änder|cambi|puesto|establec|modifi|actualiz|restablec|impostat|reimpostat|aggiornat|mis\b|mettre|mettez|réinitialis|mud|alter|troc|redefin|verander|gewijzigd|aangepast|ingesteld|gezet|zmieni|ustawi|измени|смени|поменя|установи|değiştir|ayarla)/iu;
function changeVerbNear(text: string, labelStart: number, valueEnd: number): boolean {
  // Read within the line only, in windows of fixed size (a search for the line's ends could run over the whole text).
  let before = text.slice(Math.max(0, labelStart - 60), labelStart);
  before = before.slice(before.lastIndexOf('\n') + 1);
  let after = text.slice(valueEnd, valueEnd + 30);
  const lineEnd = after.indexOf('\n');
  if (lineEnd >= 0) after = after.slice(0, lineEnd);
  countWork(90);
  return CHANGE_VERB.test(before) || CHANGE_VERB.test(after);
}
/** The part of the line before `at`, at most `max` code units (read no further back). */
function lineBefore(text: string, at: number, max: number): string {
  const window = text.slice(Math.max(0, at - max), at);
  countWork(window.length + 1);
  return window.slice(window.lastIndexOf('\n') + 1);
}
// Round c9: "root@web:~# passwd marta92", "sudo passwd deploy": the passwd command's argument is the user whose password
// is changed; the new one is typed at its prompt, never on the command line.
const PASSWD_COMMAND_BEFORE = /(?:^|[#$%>][ \t]{0,2}|sudo[ \t]{1,4})$/u;
// "Adding password for user natalya16" (htpasswd's output), "пароль для пользователя ivan2": a user named after a
// preposition is whose password it is.
// Round c12: sshd's "Failed password for invalid user oracle12 from …" (also "illegal user", older OpenSSH).
const USER_QUALIFIER = /^\s{1,8}\S{1,12}\s{0,8}(?:(?:the|invalid|illegal|unknown)\s{1,4})?(?:user(?:name)?|benutzer(?:name)?|nutzer|usuario|usuário|utente|utilisateur|пользовател\p{L}*|użytkownik\p{L}*|kullanıcı\p{L}*|gebruiker|account|konto|login)\s/iu;
// "DB_PASSWORD=" then a line break: an empty setting; the next line is the next key, not its value.
const DATE_VALUE = /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$/u;
// (quote markers of a reply may start the next line)
const EQUALS_THEN_BREAK = /=[ \t]*\r?\n[\s>]*$/u;
const NEXT_KEY = /^[A-Za-z_][\w.-]{0,60}[=:]/u;
// "Die \"Passwort vergessen\"-Funktion": a label inside quotes names a button or a link, and what follows it to the
// closing quote is the rest of that name.
const OPENING_QUOTES = new Set([34, 39, 0x201e, 0x201c, 0xab, 0x2018, 0x201a]);
const CLOSING_QUOTE = /["'“”»’‘]/u;
// An e-mail address after "… на", "… to", "… a" is where a reset mail goes ("письмо для восстановления на x@y.ru").
const EMAIL_ADDRESS = /^[^\s@]{1,64}@[^\s@]{1,255}\.\p{L}{2,24}$/u;
// Round c9: "password       *Bailey2000" in an msmtp, fetchmail or ProFTPD file: the label starts the line and spaces
// align the value, which ends it; such a value may start with a symbol.
const ALIGNED_CONFIG_VALUE = /(?<=^|\n)[ \t]*(?:password|passwd|pass)(?:\t[ \t]*|[ \t]{2,})(?<value>[^\s"'][^\s]{3,127})[ \t]*(?=\r?\n|$)/yiu;

// Round c10: after a value, up to four more words ("& Domains"), then an arrow and the next step of a menu path.
const MENU_ARROW_AFTER = /^(?:[ \t]{1,3}(?:&[ \t]{1,3})?\p{L}[\p{L}.-]{0,20}){0,4}[ \t]{0,3}(?:->|=>|[>→»›⇒➔➜▸►])[ \t]{0,3}\p{L}/u;
function menuPathAfter(text: string, from: number): boolean {
  const window = text.slice(from, from + 120);
  countWork(window.length + 1);
  return MENU_ARROW_AFTER.test(window);
}

/** Whether the unquoted value `raw` at `start` is a key: it ends with ":", or " :" follows it ("Serveur : ftp…"). */
function nextKeyAt(text: string, start: number, raw: string): boolean {
  if (raw.endsWith(':')) return true;
  const after = start + raw.length;
  return text.charCodeAt(after) === 32 && text.charCodeAt(after + 1) === 58 && !isAlnumAt(text, after + 2);
}

/**
 * Whether the label at `at` is a segment of a path: a "/" or "\" before it, in a token (read back at most 80 units to
 * white space) that starts as a path does ("/", "~", ".", "X:\"). "login/password" and "Benutzer/Kennwort" start with a
 * letter.
 */
function isPathSegment(text: string, at: number): boolean {
  // Round c15c: also the end of a segment ("/run/secrets/db_password", "C:\\keys\\ftp-password.txt"): a file's name.
  let segment = at;
  while (segment > 0 && at - segment < 30 && isFileNameCode(text.charCodeAt(segment - 1))) segment--;
  countWork(at - segment + 1);
  const before = text.charCodeAt(segment - 1);
  if (before !== 47 && before !== 92) return false;
  let start = segment - 1;
  // Round c15c: also from an "=" ("DB_PASSWORD_FILE=/run/secrets/db_password": a setting whose value is a path).
  while (start > 0 && at - start < 80 && !isSpaceCode(text.charCodeAt(start - 1)) && text.charCodeAt(start - 1) !== 61) start--;
  countWork(at - start + 1);
  const first = text.charCodeAt(start);
  return first === 47 || first === 92 || first === 126 || first === 46 || /^[A-Za-z]:\\/u.test(text.slice(start, start + 3));
}

const QUOTED_SENTENCE = /^\S+(?:\s+\S+){6,}$/u;
/** Letters, digits, "_", "-" and "." of a file name. */
function isFileNameCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 45 || code === 46;
}

/** Whether only blanks stand from `from` to the end of its line (read at most 16 units). */
function emptyToLineEnd(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && i - from < 16 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i++;
  countWork(i - from + 1);
  return i >= text.length || text.charCodeAt(i) === 10;
}

/** ENV_LABEL_PATTERN matches: tried at the start of the upper-case identifier holding each "PASS" or "PWD". */
function envLabels(text: string, anchors: Anchors): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  let lastStart = -1;
  let resumeAt = 0;
  for (const at of anchors.positions[AnchorGroup.PasswordInside]!) {
    if (!text.startsWith('PASS', at) && !text.startsWith('PWD', at)) continue;
    let start = at;
    while (start > 0 && at - start <= 41 && isUpperIdentifier(text.charCodeAt(start - 1))) start--;
    countWork(at - start + 1);
    if (start === lastStart || start < resumeAt) continue;
    lastStart = start;
    ENV_LABEL_PATTERN.lastIndex = start;
    const match = ENV_LABEL_PATTERN.exec(text);
    if (!match) continue;
    countWork(match[0].length);
    resumeAt = match.index + match[0].length;
    matches.push(match);
  }
  return matches;
}

function isUpperIdentifier(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

/** C05: the secret value of "password: …" style lines in many languages (the span excludes the label). */
export function detectPasswordValues(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  // Plain loops, not map/filter: an empty and a filled match array have different element kinds, and the
  // inlined map() bailed out of the optimised function when they alternated.
  const labelMatches: { m: RegExpExecArray; envStyle: boolean }[] = [];
  for (const m of matchesAtAnchors(text, LABEL_PATTERN, anchors.positions[AnchorGroup.PasswordLabel]!)) labelMatches.push({ m, envStyle: false });
  for (const m of envLabels(text, anchors)) {
    // PWD and OLDPWD are the shell's working directories (an `env` dump), not passwords.
    if (!/^(?:PASSWORD|PASSWD|PWD|PASS|OLDPWD)$/u.test(m[0])) labelMatches.push({ m, envStyle: true });
  }
  // In label order; a label inside the value just found ("DB_PASSWORD=DB_PASSWORD=…") is part of that value,
  // and skipping it keeps a run of labels from costing a value's length each.
  labelMatches.sort((a, b) => a.m.index - b.m.index);
  let coveredUntil = 0;
  for (const { m: labelMatch, envStyle } of labelMatches) {
    if (labelMatch.index < coveredUntil) continue;
    // Round c10: "cat /home/u/.htpasswds/public_html/passwd", "C:\app\password.txt": the last segment of a path names a
    // file, and the next line is that file's content or the shell's output, not a value given to the label.
    if (isPathSegment(text, labelMatch.index)) continue;
    // "login/password: admin/secret": the secret is the second of the pair after the label.
    const windowStart = Math.max(0, labelMatch.index - 30);
    // Only a "/" right before the label (spaces aside) can make it the second half of "login/password".
    let slash = labelMatch.index - 1;
    // "Benutzer/Datenbank-Kennwort": a compound's first part between the slash and the label.
    if (text.charCodeAt(slash) === 45) while (slash > windowStart && isAlnumAt(text, slash - 1) && labelMatch.index - slash < 22) slash--;
    if (text.charCodeAt(slash) !== 47) slash--;
    while (slash > windowStart && isSpaceCode(text.charCodeAt(slash))) slash--;
    const userLabelMatch = text[slash] === '/' ? USER_LABEL_BEFORE.exec(text.slice(windowStart, labelMatch.index)) : null;
    // "Benutzer ftpuser / Kennwort: …": a user label glued to the end of a name ("ftp|user") is the name, not a label; the
    // password label is then read on its own.
    const userLabel = userLabelMatch && !isAlnumAt(text, windowStart + userLabelMatch.index - 1) ? userLabelMatch : null;
    if (userLabel) {
      if (!envStyle) {
        USER_PASSWORD_REST.lastIndex = labelMatch.index + labelMatch[0].length;
        const pair = USER_PASSWORD_REST.exec(text);
        countWork(pair ? pair[0].length : 1);
        const raw = pair?.groups?.secret;
        if (pair && raw !== undefined) {
          const value = trimValue(raw, false);
          const start = pair.index + pair[0].length - raw.length;
          if (isPlausiblePassword(value, 'punct')) {
            findings.push(makeFinding('credential', 'password', start, start + value.length, 0.92));
            coveredUntil = start + value.length;
          }
        }
      }
      continue;
    }
    const label = labelMatch[0].toLowerCase();
    const labelEnd = labelMatch.index + labelMatch[0].length;
    // What follows the label decides which patterns can match at all (see canFollowLabel).
    const after = text.charCodeAt(labelEnd);
    // "DB_PASSWORD=" and the line's end: an empty setting (round c9), decided here before any pattern runs.
    if (envStyle && after === 61 && emptyToLineEnd(text, labelEnd + 1)) continue;
    const afterQuote = after === 34 || after === 39 ? text.charCodeAt(labelEnd + 1) : NaN;
    // The word separator right after the label (AFTER_LABEL[3]) can match only where AFTER_LABEL[2], the same with an
    // optional qualifier, matched: it is tried only then (its value turned down), not at every label.
    let qualifiedWordMatched = false;
    for (let p = 0; p < AFTER_LABEL.length; p++) {
      const { kind, pattern } = AFTER_LABEL[p]!;
      if (p === 3 && !qualifiedWordMatched) continue;
      if (!canFollowLabel(p, after, afterQuote)) {
        countWork(1);
        continue;
      }
      // Round c10: "v-change-user-password alice S3cr3t" (Hestia's CLI): a label glued to a word by "-" ends a command's
      // name, and the word after it is the command's first argument (the user); commands are read in config-and-commands.ts.
      if (kind === 'bare' && text.charCodeAt(labelMatch.index - 1) === 45 && isAlnumAt(text, labelMatch.index - 2)) continue;
      if (kind === 'bare' && (envStyle || (STRICT_LABELS.has(label) && !userNamedBefore(text, labelMatch.index) && !newWordBefore(text, labelMatch.index)))) continue;
      if (kind === 'word' && envStyle) continue;
      pattern.lastIndex = labelEnd;
      const match = pattern.exec(text);
      countWork(match ? match[0].length : 1);
      if (!match) continue;
      if (p === 2) qualifiedWordMatched = true;
      const groups = match.groups ?? {};
      const quoted = groups.dq ?? groups.sq ?? groups.gq ?? groups.cq ?? groups.lq ?? groups.bq ?? groups.bb ?? groups.rq ?? groups.sl ?? groups.jq;
      let raw = quoted ?? groups.raw ?? '';
      const closeLength = groups.bb !== undefined ? 2 : quoted !== undefined ? 1 : 0;
      let beforeValue = match[0].slice(0, match[0].length - raw.length - closeLength);
      const separatorIsEquals = /=\s*$/u.test(beforeValue);
      // "wachtwoord van de database is CieFkozr=PkQs": after a qualifier of words, an "=" glued to letters on both sides
      // is inside the value, not the label's separator (the word separator "is" is tried next).
      if (kind === 'punct' && separatorIsEquals && !quoted && GLUED_EQUALS_AFTER_VERB.test(beforeValue)) continue;
      // Laravel "env('SMTP_PASS', 'default')": the default is the secret; env('X') alone is a placeholder.
      let valueQuoted = quoted !== undefined;
      if (!valueQuoted && raw.startsWith('env(')) {
        const valueAt = match.index + beforeValue.length;
        ENV_DEFAULT.lastIndex = valueAt;
        const env = ENV_DEFAULT.exec(text);
        countWork(env ? env[0].length : 1);
        if (!env) continue;
        raw = env.groups?.sq ?? env.groups?.dq ?? '';
        beforeValue = text.slice(match.index, valueAt + env[0].length - raw.length - 1);
        valueQuoted = true;
      }
      let value = valueQuoted ? raw : trimValue(raw, separatorIsEquals);
      // T-SQL's Unicode literal "WITH PASSWORD = N'…'": the secret is inside the quotes.
      let literalPrefix = 0;
      // ISPmanager's "…?authinfo=root:Secret&func=…" logs in as user:password: the password is after the colon.
      if (label === 'authinfo' && separatorIsEquals && /^[A-Za-z0-9_.-]{1,64}:[^\s:]{4,}$/u.test(value)) {
        literalPrefix = value.indexOf(':') + 1;
        value = value.slice(literalPrefix);
      }
      if (!valueQuoted && value.charCodeAt(0) === 78 && /^N'[^'\n]+'$/u.test(value)) {
        value = value.slice(2, -1);
        literalPrefix = 2;
      }
      if (!isPlausiblePassword(value, kind) || WOOCOMMERCE_CONSUMER_KEY.test(value)) continue;
      // Round c15c: a quoted sentence of seven or more words ("me sale: \"La contraseña debe tener al menos 12 caracteres
      // …\"") is the message a form or a policy printed, not a passphrase.
      if (valueQuoted && QUOTED_SENTENCE.test(value)) continue;
      if (!valueQuoted && EQUALS_THEN_BREAK.test(beforeValue) && (envStyle || NEXT_KEY.test(value))) continue;
      if (kind !== 'punct' && !valueQuoted) {
        // "where to change the password in Plesk?": the value must look like a secret without its trailing punctuation too.
        if (groups.changedTo !== undefined && (!looksLikeSecretWord(value.replace(/[?!.,;:]+$/u, '')) || !changeVerbNear(text, labelMatch.index, match.index + match[0].length))) continue;
        // Round c10: "after changing the password in cPanel", "cambié la contraseña en DirectAdmin": after "in", "en", "a" a
        // name of letters alone is where it was changed; the values set "to" there have a digit or a symbol.
        if (groups.changedTo !== undefined && /^\p{L}+$/u.test(value.replace(/[?!.,;:]+$/u, ''))) continue;
        // "gewijzigd op 27-05-2026", "geändert am 03.01.2026": a date is when, not what.
        if (DATE_VALUE.test(value)) continue;
        if (label === 'passwd' && PASSWD_COMMAND_BEFORE.test(lineBefore(text, labelMatch.index, 60))) continue;
        if (OPENING_QUOTES.has(text.charCodeAt(labelMatch.index - 1)) && CLOSING_QUOTE.test(value)) continue;
        if (EMAIL_ADDRESS.test(value)) continue;
      }
      // "PermitRootLogin prohibit-password" then a line break; "PASSWORD https://…" (a URL is not a password).
      if (kind !== 'punct' && value.includes('://')) continue;
      // "… for FTP on srv-fra-07.example-hosting.de", "… on 5.188.22.101": after a word separator, a lower-case host name or
      // an IP address is where, not what.
      if (kind !== 'punct' && HOST_NAME_VALUE.test(value)) continue;
      if (kind !== 'punct' && text.charCodeAt(labelMatch.index - 1) === 45 && isAlnumAt(text, labelMatch.index - 2) && /\n/u.test(beforeValue)) continue;
      // "whmapi1 passwd user=admin password=…": a user=… argument is not the value of "passwd".
      if (kind !== 'punct' && /^(?:user|username|login|name|account|email)=/iu.test(value)) continue;
      // "$pw = ConvertTo-SecureString '…'": the cmdlet is not the password (its argument is found as a command).
      if (/^(?:ConvertTo-SecureString|Read-Host|Get-Credential)$/iu.test(value)) continue;
      // "SET PASSWORD … = PASSWORD('…')": the function's argument is found as a command.
      if (/^(?:old_)?password\(/iu.test(value)) continue;
      if (!valueQuoted && !looksLikeSecretWord(value) && POLICY_AFTER.test(text.slice(start0(match, raw, quoted), start0(match, raw, quoted) + 80))) continue;
      // "kubectl … --from-file=password=./pw.txt": a relative path names the file that holds the secret.
      if (value.charCodeAt(0) === 46 && /^\.{1,2}\//u.test(value)) continue;
      // Env dumps: PGPASSFILE=/root/.pgpass, PWD=/var/www (the shell's working directory).
      if ((envStyle || label === 'pwd') && /^[/~]/u.test(value)) continue;
      // "Enter password:" and psql's "Password for user postgres:" are prompts: a terminal does not echo what is typed, so
      // the next line is the program's output ("ERROR 1045 (28000): Access denied"), not the password.
      if (/\n/u.test(beforeValue) && (PROMPT_BEFORE.test(text.slice(Math.max(0, labelMatch.index - 16), labelMatch.index)) || /^\s{1,4}for\s{1,4}user\s/iu.test(beforeValue))) continue;
      const start = match.index + beforeValue.length + literalPrefix;
      // Round c10: on a later line than the label ("… except the password:\n\nHost: ftp…", "db_password:\n  file: ./x",
      // "- name: DB_PASSWORD\n  valueFrom:"), a word ending in ":" is the next key or a heading, and a lone lower-case
      // domain ("the password of this account:\n\nexample.org") names the account: neither is the label's value.
      if (!valueQuoted && /\n/u.test(beforeValue) && (nextKeyAt(text, start, raw) || HOST_NAME_VALUE.test(value))) continue;
      // Round c10: "Passwort: Konto > Passwort ändern", "WW: Websites & Domains → Mail → …": a word of letters before an arrow
      // is the first step of a menu path, not a value.
      if (!valueQuoted && /^\p{L}+$/u.test(value) && menuPathAfter(text, start + value.length)) continue;
      // "Passwort: siehe Anhang", "Пароль: отправлю в телеграм": a plain word followed by more words is prose.
      if (!valueQuoted && !looksLikeSecretWord(value) && /^[ \t]+\p{L}/u.test(text.slice(start + value.length))) {
        // Unless the rest of the line is a passphrase: three to six lower-case words of four or more letters, none of
        // them a word of ordinary sentences about passwords ("correct horse battery staple"); the value is all of them.
        const phrase = kind === 'punct' ? passphraseAt(text, start) || appPasswordAt(text, start) : 0;
        if (phrase === 0) continue;
        findings.push(makeFinding('credential', 'password', start, start + phrase, 0.75));
        coveredUntil = start + phrase;
        break;
      }
      // Greek "κωδικός" alone is any code ("Κωδικός: 4471"): as a password label its value needs a letter.
      if (label === 'κωδικός' && !/\p{L}/u.test(value)) continue;
      // A header cell ("login<TAB>пароль", "email,password,quota"): the next line is a row of cells, read by the table rule.
      if (kind !== 'punct' && /\n/u.test(beforeValue) && /^[\t,;|]$/u.test(text.charAt(labelMatch.index - 1))) continue;
      // Round c12: "key: password", "type: password" (a Kubernetes secretKeyRef, a form field's type): the password word is
      // the value of another key, and labels nothing on the lines after it.
      if (kind !== 'punct' && /\n/u.test(beforeValue) && KEY_BEFORE_LABEL.test(lineBefore(text, labelMatch.index, 60))) continue;
      // A registrar transfer code has letters and at least eight characters; a card payment's "Auth code: 123456" is
      // an approval number, not a secret.
      if (TRANSFER_LABEL.test(label) && (value.length < 8 || !/\p{L}/u.test(value))) continue;
      // An OpenVPN auth-user-pass file pasted under its name: the user name on the first line, the password on the
      // second ("auth-user-pass):\nclient7\nS3cret!"); a path after the directive is a file name, not a value.
      if (label === 'pass' && /auth-user-$/iu.test(text.slice(Math.max(0, labelMatch.index - 10), labelMatch.index))) {
        const second = SECOND_LINE.exec(text.slice(start + value.length, start + value.length + 220));
        countWork(second ? second[0].length : 1);
        const secret = second?.groups?.secret;
        if (!second || secret === undefined || !/\n/u.test(text.slice(labelEnd, start)) || !isPlausiblePassword(secret, 'punct')) continue;
        const secretStart = start + value.length + second[0].length - secret.length;
        findings.push(makeFinding('credential', 'password', secretStart, secretStart + secret.length, 0.8));
        coveredUntil = secretStart + secret.length;
        break;
      }
      // "paysafecard PIN: 5330 4311 1749 5835": the first group of a grouped number is not a PIN.
      if (label === 'pin' && /^\d+$/u.test(value) && /^[ \t]\d/u.test(text.slice(start + value.length, start + value.length + 2))) continue;
      const confidence = kind === 'punct' ? 0.9 : kind === 'word' ? 0.8 : 0.7;
      // Round c11: a Laravel key under a password word ("La clave del servidor viejo:\nbase64:…"): the key is what follows
      // "base64:", as the rules for APP_KEY read it.
      const keyStart = LARAVEL_KEY_PREFIX.test(value) ? start + 'base64:'.length : start;
      findings.push(makeFinding('credential', 'password', keyStart, start + value.length, confidence));
      coveredUntil = start + value.length;
      break;
    }
    if (coveredUntil <= labelEnd && !envStyle && !STRICT_LABELS.has(label) && isSpaceCode(after)) {
      QUALIFIED_BARE.lastIndex = labelEnd;
      const match = QUALIFIED_BARE.exec(text);
      countWork(match ? match[0].length : 1);
      const raw = match?.groups?.raw;
      if (match && raw !== undefined) {
        const value = trimValue(raw, false);
        // Only a value that could not be a word: letters and digits both, or symbols.
        // Not a key=value pair or a URL ("checksum=…", "x-request-id=…", "https://…").
        const keyValueOrUrl = /^[A-Za-z][\w.-]{1,60}=/u.test(value) || value.includes('://');
        const namesUser = USER_QUALIFIER.test(match[0].slice(0, match[0].length - raw.length));
        if (!keyValueOrUrl && !namesUser && isPlausiblePassword(value, 'bare') && /\p{N}/u.test(value) && /\p{L}/u.test(value) && !value.includes("'")) {
          const start = match.index + match[0].length - raw.length;
          findings.push(makeFinding('credential', 'password', start, start + value.length, 0.7));
          coveredUntil = start + value.length;
        }
      }
    }
  }
  for (const match of matchesAtAnchors(text, SERVICE_ROOT_LINE, anchors.positions[AnchorGroup.PasswordCommand]!)) {
    const secret = match.groups?.secret ?? '';
    if (isAlnumAt(text, match.index - 1) || !/\p{N}/u.test(secret) || !/[^\p{L}\p{N}]|\p{Lu}/u.test(secret)) continue;
    if (!isPlausiblePassword(secret, 'punct') || !looksLikeSecretWord(secret) || /^[/~\\]|:\/\//u.test(secret)) continue;
    const start = match.index + match[0].length - secret.length;
    findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.8));
  }
  for (const at of anchors.positions[AnchorGroup.PasswordLabel]!) {
    // Only blanks, at most eight, between the line's start and the label.
    let lineStart = at;
    while (lineStart > 0 && at - lineStart < 8 && (text.charCodeAt(lineStart - 1) === 32 || text.charCodeAt(lineStart - 1) === 9)) lineStart--;
    countWork(at - lineStart + 1);
    if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) continue;
    ALIGNED_CONFIG_VALUE.lastIndex = lineStart;
    const match = ALIGNED_CONFIG_VALUE.exec(text);
    countWork(match ? match[0].length : 1);
    const value = match?.groups?.value;
    if (!match || value === undefined || !isPlausiblePassword(value, 'punct') || /^[/~]/u.test(value)) continue;
    const start = match.index + match[0].trimEnd().length - value.length;
    if (findings.some((f) => f.start <= start && start < f.end)) continue;
    findings.push(makeFinding('credential', 'password', start, start + value.length, 0.85));
  }
  const pairsAndCommands = [
    ...matchesAtAnchors(text, CREDENTIAL_PAIR, anchors.positions[AnchorGroup.CredentialWord]!),
    ...matchesAtAnchors(text, CLI_PASSWORD_FLAG, anchors.positions[AnchorGroup.PasswordCommand]!),
  ];
  for (const match of pairsAndCommands) {
    if (isAlnumAt(text, match.index - 1)) continue;
    const groups = match.groups ?? {};
    const quoted = groups.dq ?? groups.sq ?? groups.dq2 ?? groups.sq2;
    const raw = quoted ?? groups.secret ?? groups.secret2 ?? groups.secret3 ?? groups.secret4 ?? '';
    // "credentials=/root/.smbcredentials": a user of punctuation only ("=") is no user of a pair.
    if (groups.user !== undefined && !/[\p{L}\p{N}]/u.test(groups.user)) continue;
    const value = quoted ?? trimValue(raw, false);
    if (!isPlausiblePassword(value, 'punct') || !looksLikeSecretWord(value) || value.startsWith('/')) continue;
    const start = match.index + match[0].length - raw.length - (quoted !== undefined ? 1 : 0);
    findings.push(makeFinding('credential', 'password', start, start + value.length, 0.85));
  }
  return findings;
}
