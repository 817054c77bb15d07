import { AnchorGroup, codeUnitsOf, findAnchors, firstAnchorAtOrAfter, matchesAtAnchors, registerAnchor, type Anchors } from './anchors.js';
import { makeFinding, type Finding } from './finding.js';
import { isPlausiblePassword, looksLikeSecretWord } from './password-lines.js';
import { countedMatches, countWork as countWorkImport } from './scan-work.js';
import { isAlnumAt, isRegExpSpace as isRegExpSpaceImport, isWordCharAt } from './text-boundaries.js';

// Bound once: run through tsx or vitest, every use of an imported name is a property read on the module.
const countWork = countWorkImport;
const isRegExpSpace = isRegExpSpaceImport;

const QUOTED = String.raw`(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})")`;
// Round c8: camel case too ("$DBPassword", "$dbPass" in Bitrix's dbconn.php and many PHP configs).
const SECRET_NAME = String.raw`[A-Za-z0-9_]{0,40}(?:PASSWORD|PASSWD|PASS|PWD|SECRET|[Pp]assword|[Pp]asswd|[Pp]ass|[Pp]wd|[Ss]ecret)[A-Za-z0-9_]{0,20}`;

// Config files pasted into tickets: WordPress' define('DB_PASSWORD', '…'), PHP arrays and variables.
// Sticky, tried only where they can start: define() where "define" stands; ['…'] and $… at the "[" or "$"
// found by walking back from a "pass", "pwd" or "secret" over the name (configStarts).
const DEFINE_PATTERN = new RegExp(String.raw`\bdefine\(\s{0,4}['"]${SECRET_NAME}['"]\s{0,4},\s{0,4}${QUOTED}`, 'dyu');
const ARRAY_PATTERN = new RegExp(String.raw`\[\s{0,2}['"]${SECRET_NAME}['"]\s{0,2}\]\s{0,4}=\s{0,4}${QUOTED}`, 'dyu');
const VARIABLE_PATTERN = new RegExp(String.raw`\$${SECRET_NAME}\s{0,4}=\s{0,4}${QUOTED}`, 'dyu');

// WordPress salts and keys: define('AUTH_KEY', '…'), define('NONCE_SALT', '…') (subtype api_key). Round c14: the sample
// wp-config.php aligns the values with spaces after the comma ("'AUTH_KEY',         '…'"), up to 24 read.
const WP_SALT_PATTERN = new RegExp(String.raw`\bdefine\(\s{0,4}['"](?:AUTH|SECURE_AUTH|LOGGED_IN|NONCE)_(?:KEY|SALT)['"]\s{0,4},\s{0,24}${QUOTED}`, 'dyu');

// Commands that carry a password as an argument.
// htpasswd -b[c…] FILE USER PASSWORD (Apache: "-b Use the password from the command line"), tried where "htpasswd" stands.
// FILE holds a "/" or "." (a path or .htpasswd): "htpasswd -b is not recommended" is prose.
const HTPASSWD_PATTERN = /\bhtpasswd\s{1,4}(?:-[A-Za-z]{1,6}\s{1,4}){0,3}-[A-Za-z]{0,5}b[A-Za-z]{0,5}\s{1,4}(?:-[A-Za-z]{1,6}\s{1,4}){0,3}[^\s/.]{0,100}[/.]\S{0,100}\s{1,4}[^\s'"]{1,64}\s{1,4}(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})"|(?<raw>[^\s'"]{1,200}))/dyu;
// echo 'user:password' | chpasswd (run only when "chpasswd" is in the comment)
const CHPASSWD_PATTERN = /\becho\s{1,4}(?:-e\s{1,4})?(?:'[^\s:'"]{1,64}:(?<sq>[^'\n]{1,200})'|"[^\s:'"]{1,64}:(?<dq>[^"\n]{1,200})"|[^\s:'"]{1,64}:(?<raw>[^\s'"|]{1,200}))\s{0,4}\|\s{0,4}(?:sudo\s{1,4})?chpasswd\b/dgu;
// More commands and config directives that carry a password (issue 15), each tried where one of its words stands.
const QV = String.raw`(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})"|(?<raw>[^\s'"<]{1,200}))`;
// A PHP argument before the password: a string, a variable (also $cfg['host'], $this->host) or a constant.
const PHP_ARG = String.raw`(?:'[^'\n]{0,200}'|"[^"\n]{0,200}"|\$[A-Za-z_]\w{0,40}(?:->\w{1,40}|\[['"]?\w{1,40}['"]?\]){0,3}|[A-Za-z_]\w{0,40})`;
const ARGUMENT_SECRETS: readonly { words: readonly string[]; pattern: RegExp; secretLike?: boolean }[] = [
  // lftp -u user,password; round c12: the password alone quoted ("lftp -u web_ftp,'S3cret!' host").
  { words: ['lftp'], pattern: new RegExp(String.raw`lftp\b[^\n]{0,80}?\s-u\s{1,4}(?:"[^",\n]{1,64},(?<dq>[^"\n]{1,200})"|'[^',\n]{1,64},(?<sq>[^'\n]{1,200})'|[^\s,'"]{1,64},(?:'(?<sq2>[^'\n]{1,200})'|"(?<dq2>[^"\n]{1,200})"|(?<raw>[^\s'"<]{1,200})))`, 'dyu') },
  // Round c12: an FTP session log (FileZilla's message log, "ftp -d", "curl -v"): the PASS command a line or three after
  // the USER command, in capitals as the protocol has them ("Command:\tPASS S3cret!", "---> PASS S3cret!").
  { words: ['pass '], pattern: /(?<=(?:^|\n)[^\n]{0,40}USER[ \t][^\s]{1,64}[ \t]*\r?\n(?:[^\n]{0,160}\n){0,2}[^\n]{0,40})PASS[ \t](?<raw>[^\s'"<]{1,200})(?=[ \t]*(?:\r?\n|$))/dyu },
  // smbclient -U user%password
  { words: ['smbclient'], pattern: /smbclient\b[^\n]{0,120}?\s-U\s{0,4}['"]?[^\s%'"]{1,64}%(?<raw>[^\s'"<]{1,200})/dyu },
  // ldapsearch/ldapmodify/ldapadd/ldapdelete -w password
  { words: ['ldapsearch', 'ldapmodify', 'ldapadd', 'ldapdelete'], pattern: new RegExp(String.raw`ldap(?:search|modify|add|delete)\b[^\n]{0,200}?\s-w\s{1,4}${QV}`, 'dyu') },
  // redis-cli -a password
  { words: ['redis-cli'], pattern: new RegExp(String.raw`redis-cli\b[^\n]{0,120}?\s-a\s{1,4}${QV}`, 'dyu') },
  // mongosh / mongo -p password
  { words: ['mongo'], pattern: new RegExp(String.raw`mongo(?:sh)?\b[^\n]{0,160}?\s(?:-p|--password)\s{1,4}${QV}`, 'dyu') },
  // openssl passwd [-1|-6|-salt s] password (also inside useradd -p "$(…)")
  { words: ['openssl'], pattern: new RegExp(String.raw`openssl\s{1,4}passwd(?:\s{1,4}-(?:salt\s{1,4}\S{1,32}|[\w-]{1,12})){0,4}\s{1,4}${QV}`, 'dyu') },
  // doveadm pw [-s SCHEME] -p password
  { words: ['doveadm'], pattern: new RegExp(String.raw`doveadm\s{1,4}pw\b[^\n]{0,80}?\s-p\s{0,4}${QV}`, 'dyu') },
  // cPanel /scripts/realchpass user password; Hestia v-change-user-password user password
  { words: ['realchpass', 'v-change-user-password'], pattern: new RegExp(String.raw`(?:realchpass|v-change-user-password)\s{1,4}[^\s'"]{1,64}\s{1,4}${QV}`, 'dyu') },
  // Windows: net user NAME PASSWORD [/add]; net use … /user:NAME PASSWORD; cmdkey … /pass:PASSWORD
  { words: ['net user'], pattern: new RegExp(String.raw`net\s{1,4}user\s{1,4}[^\s/'"]{1,64}\s{1,4}(?![/*])${QV}`, 'dyiu') },
  { words: ['net use'], pattern: new RegExp(String.raw`net\s{1,4}use\b[^\n]{0,160}?\/user:[^\s'"]{1,64}\s{1,4}(?![/*])${QV}`, 'dyiu') },
  { words: ['cmdkey'], pattern: new RegExp(String.raw`cmdkey\b[^\n]{0,160}?\/pass:${QV}`, 'dyiu') },
  // ConvertTo-SecureString 'password' -AsPlainText (the quoted argument)
  { words: ['convertto-securestring'], pattern: /ConvertTo-SecureString\s{1,4}(?:-String\s{1,4})?(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})")(?=[^\n]{0,40}-AsPlainText)/dyiu },
  // Config directives: OpenLDAP bind_pw, Redis requirepass/masterauth, keepalived auth_pass, ProFTPD UserPassword user secret.
  { words: ['bind_pw', 'bindpw', 'requirepass', 'masterauth', 'auth_pass'], pattern: new RegExp(String.raw`(?:bind_?pw|requirepass|masterauth|auth_pass)[ \t]{1,8}${QV}`, 'dyiu'), secretLike: true },
  { words: ['userpassword'], pattern: new RegExp(String.raw`UserPassword[ \t]{1,8}[^\s'"]{1,64}[ \t]{1,8}${QV}`, 'dyu'), secretLike: true },
  // echo 'secret' | passwd --stdin user (RHEL/CentOS)
  { words: ['echo'], pattern: new RegExp(String.raw`echo\s{1,4}(?:-[ne]{1,2}\s{1,4})?(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})"|(?<raw>[^\s'"|<]{1,200}))\s{0,4}\|\s{0,4}(?:sudo\s{1,4})?passwd\b[^\n|]{0,40}--stdin`, 'dyu') },
  // htpasswd -nb USER PASSWORD (no file with -n)
  { words: ['htpasswd'], pattern: new RegExp(String.raw`htpasswd\s{1,4}-[A-Za-z]{0,5}(?:nb|bn)[A-Za-z]{0,5}\s{1,4}[^\s'"]{1,64}\s{1,4}${QV}`, 'dyu') },
  // SQL: CREATE/ALTER USER … IDENTIFIED [WITH plugin] BY 'secret'; SET PASSWORD … = PASSWORD('secret')
  { words: ['identified'], pattern: /identified\s{1,4}(?:with\s{1,4}[A-Za-z0-9_]{1,40}\s{1,4})?by\s{1,4}(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})")/dyiu },
  { words: ['password('], pattern: /password\(\s{0,4}(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})")\s{0,4}\)/dyiu },
  // Round c5. Quoted positional arguments: mysqli_connect / mysql_connect / new mysqli / new PDO (host or DSN, user,
  // password), mysqli_real_connect($link, host, user, password); a variable or constant there is not a value.
  { words: ['mysqli_connect', 'mysql_connect', 'new mysqli', 'new pdo'], pattern: new RegExp(String.raw`(?:mysqli?_connect|new\s{1,4}(?:mysqli|PDO))\s{0,4}\(\s{0,4}${PHP_ARG}\s{0,4},\s{0,4}${PHP_ARG}\s{0,4},\s{0,4}(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})")`, 'dyiu') },
  { words: ['mysqli_real_connect'], pattern: new RegExp(String.raw`mysqli_real_connect\s{0,4}\(\s{0,4}${PHP_ARG}\s{0,4},\s{0,4}${PHP_ARG}\s{0,4},\s{0,4}${PHP_ARG}\s{0,4},\s{0,4}(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})")`, 'dyiu') },
  // sqlcmd -P password (MSSQL; -P is upper case, -p prints statistics); sqlplus user/password@db (Oracle).
  { words: ['sqlcmd'], pattern: new RegExp(String.raw`sqlcmd\b[^\n]{0,160}?\s-P\s{0,4}${QV}`, 'dyu') },
  { words: ['sqlplus'], pattern: /sqlplus\s{1,4}(?:-[A-Za-z]{1,2}\s{1,4}){0,2}[A-Za-z0-9_$#]{1,30}\/(?:"(?<dq>[^"\n]{1,200})"|(?<raw>[^\s@'"/]{1,200}))(?=@|\s|$)/dyiu },
  // docker / podman login -p password (--password-stdin reads a file).
  { words: ['docker login', 'podman login'], pattern: new RegExp(String.raw`(?:docker|podman)\s{1,4}login\b[^\n]{0,160}?\s(?:-p|--password)(?:\s{1,4}|=)${QV}`, 'dyu') },
  // Azure CLI: az login -u user -p password.
  { words: ['az login'], pattern: new RegExp(String.raw`az\s{1,4}login\b[^\n]{0,160}?\s(?:-p|--password)(?:\s{1,4}|=)${QV}`, 'dyu') },
  // rabbitmqctl add_user / change_password user password.
  { words: ['rabbitmqctl'], pattern: new RegExp(String.raw`rabbitmqctl\s{1,4}(?:-[-\w]{1,20}\s{1,4}[^\s'"]{1,60}\s{1,4}){0,2}(?:add_user|change_password)\s{1,4}[^\s'"]{1,64}\s{1,4}${QV}`, 'dyu') },
  // redis-cli prompt "127.0.0.1:6379> AUTH [user] password" (the secret ends the line).
  { words: ['> auth', '>auth'], pattern: new RegExp(String.raw`(?<=\d)>[ \t]?AUTH[ \t]{1,4}(?:[^\s'"]{1,64}[ \t]{1,4})?${QV}(?=[ \t]*(?:\r?\n|$|<))`, 'dyiu'), secretLike: true },
  // Webmin: changepass.pl config-dir user password.
  { words: ['changepass.pl'], pattern: new RegExp(String.raw`changepass\.pl\s{1,4}\S{1,120}\s{1,4}[^\s'"]{1,64}\s{1,4}${QV}`, 'dyu') },
  // composer config http-basic.repo.magento.com public-key private-key (the private key is the password).
  { words: ['http-basic.'], pattern: new RegExp(String.raw`http-basic\.[^\s'"]{1,120}\s{1,4}[^\s'"<>]{1,100}\s{1,4}${QV}`, 'dyu') },
  // Dovecot passwd-file and SQL rows: {PLAIN}secret (a hash scheme such as {SHA512-CRYPT} is not a value).
  { words: ['{plain}', '{clear}', '{cleartext}'], pattern: /\{(?:PLAIN|CLEARTEXT|CLEAR)\}(?<raw>[^\s:<'"]{1,200})/dyiu },
  // Postfix sasl_passwd: [host]:port user:secret, one per line (the host a name with a dot or in brackets: "10:25 user:x" is a time).
  { words: [':587 ', ':465 ', ':25 ', ':2525 ', ':587\t', ':465\t', ':25\t'], pattern: /(?<=\[[^\]\s]{1,100}\]|[A-Za-z0-9-]{1,63}\.[A-Za-z]{2,24}):(?:587|465|25|2525)[ \t]{1,8}[^\s:]{1,120}:(?<raw>[^\s<'"]{1,200})(?=[ \t]*(?:\r?\n|$|<))/dyu, secretLike: true },
  // Cisco IOS: "password 0 …", "secret 0 …" (type 0 is the plain text; 5, 8, 9 are hashes); SNMP community strings.
  { words: ['password 0 ', 'secret 0 '], pattern: /(?:password|secret)[ \t]0[ \t]{1,4}(?<raw>[^\s'"<]{1,200})/dyu, secretLike: true },
  { words: ['snmp-server community'], pattern: new RegExp(String.raw`snmp-server[ \t]{1,4}community[ \t]{1,4}${QV}`, 'dyu'), secretLike: true },
  // Wi-Fi and IPsec keys: wpa_supplicant psk="…", Debian wpa-psk …, MikroTik wpa2-pre-shared-key=…, ipsec.secrets : PSK "…".
  { words: ['psk'], pattern: new RegExp(String.raw`(?<![\w-])psk[ \t]{0,4}=[ \t]{0,4}${QV}`, 'dyiu') },
  { words: ['psk'], pattern: /(?<=:[ \t]{1,4})PSK[ \t]{1,4}(?:"(?<dq>[^"\n]{1,200})"|'(?<sq>[^'\n]{1,200})')/dyu },
  { words: ['wpa-psk'], pattern: new RegExp(String.raw`wpa-psk[ \t]{1,4}${QV}`, 'dyiu') },
  { words: ['pre-shared-key='], pattern: new RegExp(String.raw`pre-shared-key=${QV}`, 'dyiu') },
  // Round c5, second batch. Archive passwords: zip/unzip -P (upper case), 7z -pSECRET (glued; "-p" alone prompts).
  { words: ['zip', 'unzip'], pattern: new RegExp(String.raw`(?<![\w-])(?:un)?zip\b[^\n]{0,80}?\s-P\s{1,4}${QV}`, 'dyu') },
  { words: ['7z'], pattern: /(?<![\w-])7za?\s{1,4}[a-z]\b[^\n]{0,80}?\s-p(?:"(?<dq>[^"\n]{1,200})"|'(?<sq>[^'\n]{1,200})'|(?<raw>[^\s'"<-][^\s'"<]{0,199}))/dyu },
  // Java keystores: keytool -storepass / -keypass / -srcstorepass / -deststorepass / -new (":env" and ":file" name a source).
  { words: ['storepass', 'keypass'], pattern: new RegExp(String.raw`(?<=-(?:src|dest)?)(?:storepass|keypass|new)\s{1,4}${QV}`, 'dyu') },
  // ssh-keygen -N passphrase (-N "" is an empty one).
  { words: ['ssh-keygen'], pattern: new RegExp(String.raw`ssh-keygen\b[^\n]{0,120}?\s-N\s{1,4}${QV}`, 'dyu') },
  // Windows remote access: psexec -p, xfreerdp /p:, rdesktop -p, PuTTY's pscp/plink/psftp -pw.
  { words: ['psexec'], pattern: new RegExp(String.raw`psexec(?:64)?(?:\.exe)?\b[^\n]{0,160}?\s-p\s{1,4}${QV}`, 'dyiu') },
  { words: ['freerdp'], pattern: new RegExp(String.raw`freerdp\b[^\n]{0,160}?\s\/p:${QV}`, 'dyiu') },
  { words: ['rdesktop'], pattern: new RegExp(String.raw`rdesktop\b[^\n]{0,160}?\s-p\s{1,4}${QV}`, 'dyu') },
  { words: ['pscp', 'plink', 'psftp'], pattern: new RegExp(String.raw`(?:pscp|plink|psftp)(?:\.exe)?\b[^\n]{0,160}?\s-pw\s{1,4}${QV}`, 'dyiu') },
  // expect scripts: the "send" answering a password prompt (its \r or \n is the script's, not the secret's).
  { words: ['expect'], pattern: /expect\s{1,4}(?:-[a-z]{1,6}\s{1,4})?"[^"\n]{0,40}(?:assword|asswort|assphrase|ароль)[^"\n]{0,20}"\s{0,4}\r?\n[ \t]{0,8}send\s{1,4}(?:--\s{1,4})?"(?<dq>[^"\n]{1,200}?)(?:\\r|\\n)?"/dyiu },
  // cloud-init: chpasswd: list: | then "user:password" lines (the first one; RANDOM is a keyword, not a value).
  { words: ['chpasswd:'], pattern: /chpasswd:[ \t]*\r?\n[ \t]{1,8}list:[ \t]*\|?[ \t]*\r?\n[ \t>]{1,12}(?:-[ \t]{1,4})?[^\s:]{1,64}:(?!R(?:ANDOM|andom)(?!\S))(?<raw>[^\s<]{1,200})/dyu, secretLike: true },
  // Windows: setx NAME "value" for a password-named variable (setx PATH … is not).
  { words: ['setx'], pattern: new RegExp(String.raw`setx\s{1,4}(?:/m\s{1,4})?[A-Za-z0-9_]{0,40}(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|[Pp]assword|[Pp]ass|[Pp]wd|[Ss]ecret)[A-Za-z0-9_]{0,20}\s{1,4}${QV}`, 'dyu') },
  // ASP.NET web.config: <add key="SmtpPassword" value="…" />
  { words: ['<add'], pattern: /<add\s{1,4}key=["'][A-Za-z0-9_.:-]{0,40}(?:password|passwd|pwd|secret|Password|Passwd|Pwd|Secret|PASSWORD|SECRET)[A-Za-z0-9_.:-]{0,20}["']\s{1,4}value=(?:'(?<sq>[^'\n]{1,200})'|"(?<dq>[^"\n]{1,200})")/dyu },
];
const ARGUMENT_TAG_BASE = 4;
ARGUMENT_SECRETS.forEach((entry, index) => {
  for (const word of entry.words) registerAnchor(word, AnchorGroup.ConfigWord, false, ARGUMENT_TAG_BASE + index);
});
// PostgreSQL .pgpass: host:port:database:user:password, one per line (tried at ":5432:" and ":*:").
const PGPASS_LINE = /[A-Za-z0-9_.*-]{1,100}:(?:\d{1,5}|\*):[^\s:]{1,64}:[^\s:]{1,64}:(?<raw>[^\s<]{1,200})(?=[ \t]*(?:\r?\n|$|<))/dyu;
const PGPASS_TAG = 100;
const SHADOW_AGING = /^\d*(?::\d*)+$/u;
registerAnchor(':5432:', AnchorGroup.ConfigWord, false, PGPASS_TAG);
registerAnchor(':*:', AnchorGroup.ConfigWord, false, PGPASS_TAG);

// "ssh root@203.0.113.5" then the password: on the same line (after "/", "pass", "пароль" or in parentheses),
// or alone on the next line (also in a quoted reply).
const SSH_LOGIN = /ssh\b[ \t:]{0,4}(?:-p[ \t]{0,2}\d{1,5}[ \t]{1,4})?[A-Za-z0-9_.-]{1,32}@[A-Za-z0-9_.-]{1,253}(?:[ \t]{1,4}-p[ \t]{0,2}\d{1,5})?(?:[ \t]{1,4}(?:\/|pass(?:word)?:?|pw:?|пароль:?)[ \t]{1,4}|[ \t]{1,4}\([ \t]{0,2}|[ \t]{0,4}(?:<br\s?\/?>)?\r?\n(?:[ \t]{0,4}>)*[ \t]{0,4})(?<raw>[^\s()<>'"]{4,200})/dyiu;
const SSH_TAG = 101;
registerAnchor('ssh', AnchorGroup.ConfigWord, false, SSH_TAG);

/** Whether the token after "ssh user@host" reads as a password: letters with digits or symbols, not an option, path or user@host. */
function isSshSecret(value: string): boolean {
  if (/^[-/~$]/u.test(value) || /^[\w.-]+@[\w.-]+/u.test(value) || !/\p{L}/u.test(value)) return false;
  // "epoch_us=…", "x-request-id=…" (key=value), "postgres://…", "XXXX-XXXX-XXXX-6261" (masked) on the next line.
  if (/^[A-Za-z][\w.-]{1,60}=/u.test(value) || value.includes('://') || /(?:^|[-\s])[xX]{4}(?:[-\s]|$)/u.test(value)) return false;
  // A file name ("…_backup.zip") or the start of the next output line ("md5sum:").
  if (/\.[A-Za-z]{2,4}$|:$/u.test(value)) return false;
  // A digit, or a passphrase ("xclg-kfzb-oobv"): "(key-based auth only)" is prose.
  if (!/\p{N}/u.test(value) && !PASSPHRASE.test(value)) return false;
  return looksLikeSecretWord(value) && isPlausiblePassword(value, 'punct');
}

/** Where a .pgpass line holding the anchor at `at` starts: after the line break or quote marks before its host. */
function pgpassStarts(text: string, positions: readonly number[]): number[] {
  const starts: number[] = [];
  for (const at of positions) {
    let k = at;
    while (k > 0 && at - k < 100 && /[A-Za-z0-9_.*-]/u.test(text.charAt(k - 1))) k--;
    countWork(at - k + 1);
    if (k > 0 && !/[\s>]/u.test(text.charAt(k - 1))) continue;
    starts.push(k);
  }
  return starts;
}

// Tags of ConfigWord anchors. "secret", "pass" and "pwd" (PasswordInside) in any case cover SECRET_NAME.
const DEFINE = 0;
const HTPASSWD = 1;
const CHPASSWD = 2;
const SECRET = 3;
registerAnchor('define', AnchorGroup.ConfigWord, false, DEFINE);
registerAnchor('htpasswd', AnchorGroup.ConfigWord, false, HTPASSWD);
registerAnchor('chpasswd', AnchorGroup.ConfigWord, false, CHPASSWD);
registerAnchor('secret', AnchorGroup.ConfigWord, false, SECRET);
registerAnchor('pass', AnchorGroup.PasswordInside, false);
registerAnchor('pwd', AnchorGroup.PasswordInside, false);

const WHITE_SPACE = /\s/u;
const isNameChar = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;

/**
 * Where ARRAY_PATTERN ("[") and VARIABLE_PATTERN ("$") can start: a secret name is at most 40 name characters
 * before its "pass"/"pwd"/"secret", so the start is found by walking back over them from each such word.
 */
function configStarts(text: string, words: readonly number[]): { arrays: number[]; variables: number[] } {
  const arrays: number[] = [];
  const variables: number[] = [];
  let lastName = -1;
  for (const at of words) {
    let k = at;
    while (k > 0 && at - k < 40 && isNameChar(text.charCodeAt(k - 1))) k--;
    countWork(at - k + 1);
    if (k === lastName) continue;
    lastName = k;
    if (k === 0) continue;
    const before = text.charCodeAt(k - 1);
    if (before === 36) variables.push(k - 1); // "$"
    if (before !== 39 && before !== 34) continue; // a quote, then up to two spaces, then "["
    let b = k - 1;
    while (b > 0 && k - 1 - b < 2 && WHITE_SPACE.test(text.charAt(b - 1))) b--;
    for (let open = b - 1; open <= k - 2 && open >= 0; open++) if (text.charCodeAt(open) === 91) arrays.push(open);
  }
  return { arrays, variables };
}

function valueSpan(match: RegExpExecArray): { start: number; value: string } | undefined {
  const indices = match.indices?.groups ?? {};
  for (const name of ['sq', 'dq', 'sq2', 'dq2', 'raw']) {
    const value = match.groups?.[name];
    const at = indices[name];
    if (value !== undefined && at) return { start: at[0], value };
  }
  return undefined;
}

/**
 * The token from `start` to the next blank or line end (at most 200 characters), without the ")" that ends it: the secret
 * inside "(…)" after "ssh user@host"; undefined when the token does not end in ")".
 */
function parenthesisedSecret(text: string, start: number): { start: number; value: string } | undefined {
  let end = start;
  while (end < text.length && end - start < 200 && !/\s/u.test(text.charAt(end))) end++;
  countWork(end - start + 1);
  if (end - start < 5 || text.charCodeAt(end - 1) !== 41) return undefined;
  return { start, value: text.slice(start, end - 1) };
}

/** C05: passwords in pasted config files (define(), PHP arrays and variables) and in commands (htpasswd -b, chpasswd). */
export function detectConfigAndCommandPasswords(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  // The positions of each tag, bucketed in one pass (a filter per tag cost a pass over the anchors each).
  const byTag = new Map<number, number[]>();
  for (let k = 0; k < words.length; k++) {
    const list = byTag.get(tags[k]!);
    if (list) list.push(words[k]!);
    else byTag.set(tags[k]!, [words[k]!]);
  }
  const NONE: number[] = [];
  const tagged = (tag: number): number[] => byTag.get(tag) ?? NONE;
  const names = [...tagged(SECRET), ...anchors.positions[AnchorGroup.PasswordInside]!].sort((a, b) => a - b);
  const { arrays, variables } = configStarts(text, names);
  const matches = [
    ...(names.length > 0 ? matchesAtAnchors(text, DEFINE_PATTERN, tagged(DEFINE)) : []),
    ...matchesAtAnchors(text, ARRAY_PATTERN, arrays.sort((a, b) => a - b)),
    ...matchesAtAnchors(text, VARIABLE_PATTERN, variables.sort((a, b) => a - b)),
    ...matchesAtAnchors(text, HTPASSWD_PATTERN, tagged(HTPASSWD)),
    ...(byTag.has(CHPASSWD) ? [...countedMatches(text, CHPASSWD_PATTERN)] : []),
  ];
  for (const match of matches) {
    const span = valueSpan(match);
    if (!span || !isPlausiblePassword(span.value, 'punct')) continue;
    findings.push(makeFinding('credential', 'password', span.start, span.start + span.value.length, 0.9));
  }
  const argumentMatches: { match: RegExpExecArray; secretLike: boolean }[] = [];
  ARGUMENT_SECRETS.forEach((entry, index) => {
    const at = tagged(ARGUMENT_TAG_BASE + index);
    if (at.length > 0) for (const match of matchesAtAnchors(text, entry.pattern, at)) argumentMatches.push({ match, secretLike: entry.secretLike === true });
  });
  const pgpass = tagged(PGPASS_TAG);
  if (pgpass.length > 0) {
    for (const match of matchesAtAnchors(text, PGPASS_LINE, pgpassStarts(text, pgpass))) {
      // Round c10: "www-data:*:19870:0:99999:7:::" is an /etc/shadow line (user, hash or "*", then day counts), not
      // .pgpass: the "password" read there is shadow's last day counts, digits and colons only.
      if (SHADOW_AGING.test(match.groups?.raw ?? '')) continue;
      argumentMatches.push({ match, secretLike: true });
    }
  }
  for (const { match, secretLike } of argumentMatches) {
    const span = valueSpan(match);
    if (!span) continue;
    let value = span.value;
    // "$(openssl passwd -1 secret)": the closing parenthesis is the shell's.
    if (match.groups?.raw !== undefined && value.endsWith(')') && !value.includes('(')) value = value.slice(0, -1);
    if (value.startsWith('-') || value.startsWith('$') || !isPlausiblePassword(value, 'punct')) continue;
    if (secretLike && !looksLikeSecretWord(value)) continue;
    findings.push(makeFinding('credential', 'password', span.start, span.start + value.length, 0.9));
  }
  const ssh = tagged(SSH_TAG);
  if (ssh.length > 0) {
    for (const match of matchesAtAnchors(text, SSH_LOGIN, ssh)) {
      if (isAlnumAt(text, match.index - 1)) continue;
      let span = valueSpan(match);
      // Round c15c: "ssh root@host (A2gs(!q[x7)": in parentheses the secret may hold "(" itself; it runs to the ")" that
      // closes the parenthesis, ending its token.
      if (span && text.charCodeAt(span.start + span.value.length) === 40 && /\([ \t]{0,2}$/u.test(text.slice(Math.max(0, span.start - 3), span.start))) {
        span = parenthesisedSecret(text, span.start) ?? span;
      }
      if (!span || !isSshSecret(span.value)) continue;
      findings.push(makeFinding('credential', 'password', span.start, span.start + span.value.length, 0.8));
    }
  }
  for (const match of matchesAtAnchors(text, WP_SALT_PATTERN, tagged(DEFINE))) {
    const span = valueSpan(match);
    // The sample file's "put your unique phrase here" is a placeholder.
    // Round c14: the salts WordPress generates are 64 characters of every printable symbol ("))", "/!(%", "{K$y~"), which a
    // password's plausibility test turns down: 32 or more characters without a space are a salt.
    if (!span || span.value.length < 16 || /\s/u.test(span.value) || (span.value.length < 32 && !isPlausiblePassword(span.value, 'punct'))) continue;
    findings.push(makeFinding('credential', 'api_key', span.start, span.start + span.value.length, 0.9));
  }
  return findings;
}

// A host or panel address: a URL, an IP, or a host name after a panel/service word.
// Candidates only: "://" (its scheme is checked in code), dotted quads and panel words (word boundaries checked
// in code). A leading scheme pattern or \b under the i and u flags is tried at every position and cost ~5x more.
const HOST_CANDIDATE = /:\/\/\S|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|plesk|cpanel|whm|ispmanager|directadmin|webmin|webmail|roundcube|phpmyadmin|panel|ssh|sftp|ftp|rdp|vnc|host|server|сервер|панель/gi;
// [A-Za-z0-9+.-] (no i flag: ASCII only).
const isAsciiSchemeCode = (code: number): boolean => isAsciiLetter(code) || isDigitCode(code) || code === 43 || code === 46 || code === 45;

/** Whether a HOST_CANDIDATE match is a host: a URL with a scheme, an IP address, or a panel word standing alone. */
function isHostAt(text: string, index: number, length: number): boolean {
  if (text.charCodeAt(index) === 58) {
    // scheme = [a-z][a-z0-9+.-]{1,20} right before "://"
    let k = index;
    let letterAt = -1;
    while (k > 0 && index - k < 21 && isAsciiSchemeCode(text.charCodeAt(k - 1))) {
      k--;
      if (isAsciiLetter(text.charCodeAt(k))) letterAt = k;
      if (letterAt >= 0 && index - letterAt >= 2) return true;
    }
    return false;
  }
  if (isWordCharAt(text, index - 1) || isWordCharAt(text, index + length)) return false;
  return true;
}

// The three kinds of HOST_CANDIDATE start with different characters (':', a digit, a letter), so the first
// candidate from a position is the first of the three searched apart: "://" and the panel words at their
// anchors (tags below), dotted quads by their own pattern (digits only, no flags).

/**
 * The first match of /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g from `from`, found from the DigitDotDigit anchors
 * (`dots`, from index `next` on) instead of trying the pattern at every code unit. A match's first dot is the
 * first "." after its start, with a digit on each side (an anchor one unit before it), and the start is the
 * leftmost of the (at most three) digits before that dot at or after `from`; so the first anchor in order that
 * completes a match gives the leftmost match. Between two dots the digits must be one to three and then a dot
 * (four would leave a digit where \. stands); the last group takes up to three digits.
 */
function dottedQuadAt(text: string, from: number, digitBeforeDot: number): HostMatch | null {
  const code = codeUnitsOf(text);
  const n = text.length;
  const dot = digitBeforeDot + 1;
  let start = dot;
  while (start > from && dot - start < 3 && isDigitCode(code[start - 1]!)) start--;
  let k = dot;
  let groups = 1;
  for (; groups < 4; groups++) {
    const groupStart = ++k;
    while (k < n && k - groupStart < 3 && isDigitCode(code[k]!)) k++;
    if (k === groupStart) break;
    if (groups < 3 && (k >= n || code[k] !== 46)) break;
  }
  countWork(k - start + 1);
  return groups === 4 ? { index: start, length: k - start } : null;
}
const HOST_WORD = new RegExp(HOST_CANDIDATE.source.slice(HOST_CANDIDATE.source.indexOf('|plesk') + 1), 'iy');
// Tags of the HostWord anchors: 1 is "://" (connection-strings.ts reads it too), 2 + i the i-th panel word.
const SCHEME_TAG = 1;
const FIRST_WORD_TAG = 2;
const HOST_WORDS = HOST_WORD.source.split('|').map((word) => word.toLowerCase());
HOST_WORDS.forEach((word, i) => registerAnchor(word, AnchorGroup.HostWord, false, FIRST_WORD_TAG + i));
registerAnchor('://', AnchorGroup.HostWord, false, SCHEME_TAG);
for (let before = 0; before <= 9; before++) for (let after = 0; after <= 9; after++) registerAnchor(`${before}.${after}`, AnchorGroup.DigitDotDigit, false);

/**
 * The length of what HOST_WORD (sticky) or SCHEME_SEPARATOR matches at an anchor of tag `tag`, or -1. An anchor
 * marks where the word stands under the anchor pass's folding; where all its code units are ASCII, that is the
 * pattern's case-insensitive match, decided here without a regex call (about forty anchors a comment). Other
 * code units ("ſ", the Kelvin sign, Cyrillic words) are left to the pattern.
 */
function hostAnchorLength(text: string, at: number, tag: number): number {
  if (tag === SCHEME_TAG) {
    // "://" then one code unit that is not white space (\S without the u flag).
    return at + 3 < text.length && !isRegExpSpace(text.charCodeAt(at + 3)) ? 4 : -1;
  }
  const word = HOST_WORDS[tag - FIRST_WORD_TAG]!;
  if (at + word.length > text.length) return -1;
  for (let j = 0; j < word.length; j++) {
    const code = text.charCodeAt(at + j);
    const expected = word.charCodeAt(j);
    if (code >= 128 || expected >= 128) return regexHostWordLength(text, at);
    if ((isAsciiLetter(code) ? code | 32 : code) !== expected) return -1;
  }
  return word.length;
}

function regexHostWordLength(text: string, at: number): number {
  HOST_WORD.lastIndex = at;
  const m = HOST_WORD.exec(text);
  return m ? m[0].length : -1;
}

/** A host candidate: where it starts and its length (a dotted quad starts with a digit, a scheme with ":"). */
interface HostMatch { index: number; length: number }

/**
 * The hosts of a comment in order, as a global HOST_CANDIDATE scan would find them (a candidate that isHostAt turns
 * down is skipped past, a digit one by one code unit), from the anchors. Calls must not go backwards.
 */
class HostFinder {
  private readonly positions: readonly number[];
  private readonly tags: readonly number[];
  private next = 0;
  private anchored: HostMatch | null | undefined;
  private quad: HostMatch | null | undefined;
  private readonly dots: readonly number[];
  private nextDot = 0;
  /** What find returned last (null: nothing asked yet) and the `from` it was asked with. */
  private found: HostMatch | undefined | null = null;
  private foundFrom = 0;

  constructor(private readonly text: string, anchors: Anchors) {
    this.dots = anchors.positions[AnchorGroup.DigitDotDigit]!;
    this.positions = anchors.positions[AnchorGroup.HostWord]!;
    this.tags = anchors.tags[AnchorGroup.HostWord]!;
  }

  /**
   * The first candidate at or after `from` (a scheme separator or panel word at an anchor, or a dotted quad).
   * `from` only grows between calls, so the first candidate of each kind is kept until it lies behind.
   */
  private candidate(from: number): HostMatch | undefined {
    if (this.anchored === undefined || (this.anchored !== null && this.anchored.index < from)) {
      this.anchored = null;
      while (this.next < this.positions.length && this.positions[this.next]! < from) this.next++;
      for (; this.next < this.positions.length; this.next++) {
        const at = this.positions[this.next]!;
        const length = hostAnchorLength(this.text, at, this.tags[this.next]!);
        countWork(1);
        if (length > 0) {
          this.anchored = { index: at, length };
          break;
        }
      }
    }
    if (this.quad === undefined || (this.quad !== null && this.quad.index < from)) {
      this.quad = null;
      while (this.nextDot < this.dots.length && this.dots[this.nextDot]! < from) this.nextDot++;
      // A found quad's anchor stays next: from a later `from` (the quad turned down) it may give a shorter one.
      for (; this.nextDot < this.dots.length; this.nextDot++) {
        // A quad's three dots each have a digit on both sides: they are this anchor and the next two, at most 8 on.
        countWork(1);
        if (this.nextDot + 2 >= this.dots.length || this.dots[this.nextDot + 2]! - this.dots[this.nextDot]! > 8) continue;
        this.quad = dottedQuadAt(this.text, from, this.dots[this.nextDot]!);
        if (this.quad !== null) break;
      }
    }
    const anchored = this.anchored ?? undefined;
    if (this.quad === null) return anchored;
    return anchored === undefined || this.quad.index < anchored.index ? this.quad : anchored;
  }

  /** The first host at or after `from`, as a global scan from `from` would find it; `from` must not go backwards. */
  find(from: number): HostMatch | undefined {
    // Asked again from further on (a line below a host asks for each line), the host found last still answers
    // while it lies ahead: it is the first at or after the earlier `from`, so also after this one.
    if (this.found !== null && from >= this.foundFrom && (this.found === undefined || this.found.index >= from)) return this.found;
    this.foundFrom = from;
    this.found = this.search(from);
    return this.found;
  }

  private search(from: number): HostMatch | undefined {
    let position = from;
    for (let m = this.candidate(position); m !== undefined; m = this.candidate(position)) {
      countWork(m.length + 21);
      if (isHostAt(this.text, m.index, m.length)) return m;
      position = isDigitCode(this.text.charCodeAt(m.index)) ? m.index + 1 : m.index + m.length;
    }
    return undefined;
  }
}
/**
 * Where the first match of /(?:[a-z][a-z0-9+.-]{1,20}:\/\/\S{1,200}|\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?::\d{1,5})?)[ \t]+/iu
 * in text[start, end) (a host segment, read as a string of its own: its ends are the pattern's) ends, or -1: found from
 * each "://" (walking back over the scheme) and each digit-dot-digit anchor (the dotted quad's first dot), instead of
 * trying the pattern at every letter. Neither alternative can backtrack into another match (each run is bounded by a
 * character its class excludes), so the leftmost start found this way is the pattern's match, and its end is the end of
 * the spaces and tabs after it. Only a dot with a digit on each side can be a quad's first dot, and those are the
 * anchors; other dots cannot give a match.
 */
function addressEnd(text: string, start: number, end: number, finder: AddressFinder): number {
  const code = codeUnitsOf(text);
  let bestStart = -1;
  let bestEnd = -1;
  let work = end - start;
  // Scheme URLs: [a-z][a-z0-9+.-]{1,20} right before "://", then 1-200 non-space code points, then a space or tab.
  for (let q = finder.schemeFrom(start); q + 3 <= end; q = finder.schemeFrom(q + 1)) {
    let schemeStart = -1;
    for (let p = q - 1; p >= start && q - p <= 21 && isSchemeCode(code[p]!); p--) if (q - p >= 2 && isSchemeLetter(code[p]!)) schemeStart = p;
    if (schemeStart < 0 || (bestStart >= 0 && schemeStart >= bestStart)) continue;
    let k = q + 3;
    // The URL must be followed by a space or tab in the segment: most (a signature's link) end their line.
    if (finder.spaces.from(k) >= end && finder.tabs.from(k) >= end) continue;
    // Printable ASCII first (most of a URL): one code point each, none of them white space.
    const asciiEnd = Math.min(end, k + 200);
    while (k < asciiEnd && code[k]! > 32 && code[k]! < 0x7f) k++;
    let points = k - q - 3;
    while (k < end && points < 200 && !isRegExpSpace(code[k]!)) {
      const unit = code[k]!;
      k += unit >= 0xd800 && unit <= 0xdbff && k + 1 < end && (code[k + 1]! & 0xfc00) === 0xdc00 ? 2 : 1;
      points++;
    }
    work += k - q + 21;
    if (points === 0 || k >= end || !isSpaceOrTab(code[k]!)) continue;
    bestStart = schemeStart;
    bestEnd = k;
  }
  // Dotted quads: \b, four groups of one to three digits joined by dots, an optional ":" and one to five digits.
  const dots = finder.dots.positions;
  for (let i = finder.dots.firstAtOrAfter(start); i < dots.length && dots[i]! + 2 < end; i++) {
    // The quad's three dots are this anchor and the next two, at most 8 on (see HostFinder): other dots give no match.
    if (i + 2 >= dots.length || dots[i + 2]! - dots[i]! > 8) continue;
    const dot = dots[i]! + 1;
    let quadStart = dot;
    while (quadStart > start && isDigitCode(code[quadStart - 1]!)) quadStart--;
    if (dot - quadStart > 3) continue;
    if (bestStart >= 0 && quadStart >= bestStart) break;
    if (quadStart > start && isRegExpWordCode(code[quadStart - 1]!)) continue;
    let k = dot;
    let groups = 1;
    for (; groups < 4; groups++) {
      if (k >= end || code[k] !== 46) break;
      const from = ++k;
      while (k < end && isDigitCode(code[k]!)) k++;
      if (k - from < 1 || k - from > 3) break;
    }
    work += k - quadStart + 1;
    if (groups < 4) continue;
    if (k < end && code[k] === 58) {
      let m = k + 1;
      while (m < end && isDigitCode(code[m]!)) m++;
      if (m - k - 1 >= 1 && m - k - 1 <= 5 && m < end && isSpaceOrTab(code[m]!)) k = m;
    }
    if (k >= end || !isSpaceOrTab(code[k]!)) continue;
    bestStart = quadStart;
    bestEnd = k;
    break;
  }
  countWork(work);
  if (bestStart < 0) return -1;
  while (bestEnd < end && isSpaceOrTab(code[bestEnd]!)) bestEnd++;
  return bestEnd;
}

/**
 * What addressEnd looks for in one comment: the "://" (HostWord anchors of SCHEME_TAG: an indexOf for it read most of
 * each comment) and the digit-dot-digit anchors, each by a cursor that moves forward with the host lines, and the next
 * space and tab (kept while the host lines move forward).
 */
class AddressFinder {
  readonly dots: AnchorCursor;
  private readonly hostWords: AnchorCursor;
  private readonly hostWordTags: readonly number[];
  /** The first SCHEME_TAG anchor at or after index schemeSearchedFrom of hostWords. */
  private scheme = -1;
  private schemeSearchedFrom = -1;
  readonly spaces: NextLiteral;
  readonly tabs: NextLiteral;

  constructor(private readonly text: string, anchors: Anchors) {
    this.dots = new AnchorCursor(anchors.positions[AnchorGroup.DigitDotDigit]!);
    this.hostWords = new AnchorCursor(anchors.positions[AnchorGroup.HostWord]!);
    this.hostWordTags = anchors.tags[AnchorGroup.HostWord]!;
    this.spaces = new NextLiteral(text, ' ');
    this.tabs = new NextLiteral(text, '\t');
  }

  /** The first "://" at or after `from` (the text's length if none). */
  schemeFrom(from: number): number {
    const positions = this.hostWords.positions;
    const k = this.hostWords.firstAtOrAfter(from);
    // The one found last is still the first from k on when it was looked for from k or before.
    if (this.scheme < k || this.schemeSearchedFrom > k) {
      let scheme = k;
      while (scheme < positions.length && this.hostWordTags[scheme] !== SCHEME_TAG) scheme++;
      countWork(scheme - k + 1);
      this.scheme = scheme;
      this.schemeSearchedFrom = k;
    }
    return this.scheme < positions.length ? positions[this.scheme]! : this.text.length;
  }
}

/** The first of ascending anchor positions at or after a position, found by a cursor while the positions asked move forward. */
class AnchorCursor {
  private next = 0;

  constructor(readonly positions: readonly number[]) {}

  /** The index of the first position at or after `from` (the positions' length if none). */
  firstAtOrAfter(from: number): number {
    const positions = this.positions;
    if (this.next > 0 && positions[this.next - 1]! >= from) this.next = firstAnchorAtOrAfter(positions, from);
    let k = this.next;
    while (k < positions.length && positions[k]! < from) k++;
    countWork(k - this.next + 1);
    this.next = k;
    return k;
  }
}

const isDigitCode = (code: number): boolean => code >= 48 && code <= 57;
const isSpaceOrTab = (code: number): boolean => code === 32 || code === 9;
// [a-z] under the i and u flags: ASCII letters, "ſ" (U+017F) and the Kelvin sign (U+212A), which fold to s and k.
const isSchemeLetter = (code: number): boolean => isAsciiLetter(code) || code === 0x017f || code === 0x212a;
const isSchemeCode = (code: number): boolean => isSchemeLetter(code) || isDigitCode(code) || code === 43 || code === 46 || code === 45;
// \w under the i and u flags (what \b reads): [A-Za-z0-9_], "ſ" and the Kelvin sign.
const isRegExpWordCode = (code: number): boolean => isSchemeLetter(code) || isDigitCode(code) || code === 95;
// A line that is only "user / secret", "user:secret" or "user secret" (what people paste under a panel address).
// Also after a dash ("— admin / …"), "login admin : …", in parentheses. A colon counts glued ("admin:secret") or with
// spaces on both sides ("admin : secret"): "IBAN: DE…", "Reference: ORD-…" are fields, not pairs.
// User and secret are atomic ((?=(…))\k<…>): giving characters back never helps, and it bounded the backtracking.
const PAIR_LINE = /^(?<head>[ \t>]{0,8}(?:[—–-][ \t]{1,3})?(?:(?:user(?:name)?|login|benutzer(?:name)?|логин|usuario|utente|utilisateur|gebruiker(?:snaam)?)[ \t]{0,3}:?[ \t]{1,3})?(?:\([ \t]{0,2})?(?<user>[\p{L}\p{N}_.@+-]{2,64})(?<sep>[ \t]{0,3}\/[ \t]{0,3}|[ \t]{0,3}\|[ \t]{0,3}|[ \t]{1,3}:[ \t]{1,3}|:|[ \t]{1,3}[-—–][ \t]{1,3}|[ \t]{1,3}))(?<secret>[^\s<>]{4,64}?)\)?[ \t]{0,4}$/u;
// On the address line itself prose may follow the pair ("https://…:1500 admin Jv5k… please check"); lines below
// are many, and there the pattern without prose keeps the scan cheap.
const PAIR_LINE_WITH_PROSE = new RegExp(PAIR_LINE.source.replace(String.raw`\)?[ \t]{0,4}$`, String.raw`\)?(?:(?<prose>[ \t]{1,4}\p{L}[^\n]*)|[ \t]{0,4})$`), 'u');
// Labels that name a field, not a user: "Port 8443", "Version 18.0", "IP 1.2.3.4".
const FIELD_WORDS = new Set([
  // user-name labels and more fields of a hosting order ("Username: admin01" names the user, not a secret)
  'user', 'username', 'login', 'benutzer', 'benutzername', 'логин', 'usuario', 'utente', 'utilisateur', 'gebruiker', 'gebruikersnaam',
  'hostname', 'email', 'e-mail', 'database', 'dbname', 'nameserver', 'gateway', 'netmask', 'ipv4', 'ipv6', 'docroot', 'uid', 'gid',
  'quota', 'region', 'zone', 'location', 'package', 'product',
  'port', 'version', 'ip', 'host', 'server', 'url', 'domain', 'path', 'php', 'os', 'plan', 'ticket', 'order', 'invoice', 'id', 'date', 'time', 'phone', 'tel', 'build', 'release', 'license', 'key', 'dns', 'ns1', 'ns2', 'mx', 'ttl', 'size', 'disk', 'ram', 'cpu', 'status', 'error', 'code', 'step', 'note', 'see', 'from', 'to', 'subject', 'sent', 'am', 'pm']);

/**
 * C05: "admin / S3cret!" on a line of its own (or after the address) within two lines after a host,
 * URL or panel name, with no password label: how logins to Plesk, cPanel, ISPmanager, SSH and FTP
 * are pasted. The secret must look like one (digits, symbols or inner capitals) and not be a path.
 */
export function detectPanelLogins(text: string, anchors: Anchors = findAnchors(text)): Finding[] {
  const findings: Finding[] = [];
  // The anchors give the addresses; only the few lines after each are then read (most comments have none).
  const hosts = new HostFinder(text, anchors);
  const addresses = new AddressFinder(text, anchors);
  // The next "<" from here on, kept while the lines move forward (an indexOf per line could read far ahead each time).
  const lessThan = new NextLiteral(text, '<');
  let resumeAt = 0;
  let searchedTo = 0;
  // The line below a host on which the next host was found (its bounds are known then).
  let knownLineStart = -1;
  let knownLineEnd = -1;
  for (let host = hosts.find(0); host !== undefined; host = hosts.find(Math.max(resumeAt, host.index + host.length))) {
    countWork(host.index + host.length - searchedTo + 1);
    searchedTo = host.index + host.length;
    if (host.index < resumeAt) continue;
    // The line's start: resumeAt is always the start of a line, so this search back never passes it (and the
    // stretches searched, from resumeAt to a host, do not overlap).
    let lineStart = knownLineStart;
    let lineEnd = knownLineEnd;
    if (host.index < lineStart || host.index >= lineEnd) {
      lineStart = lineStartBack(text, host.index, resumeAt);
      lineEnd = text.indexOf('\n', host.index);
      if (lineEnd < 0) lineEnd = text.length;
    }
    countWork(lineEnd - lineStart + 1);
    // Lines longer than this are prose or data, not a login pasted under an address; the rest of it is not looked at.
    if (lineEnd - lineStart > 200) {
      resumeAt = lineEnd + 1;
      continue;
    }
    const state: PairState = { linesSince: 0, previousLone: undefined };
    // HTML mail puts paragraphs on one line ("<p>WHM https://…</p><p>admin</p><p>secret</p>"): its block tags
    // split the line into segments, each read as a line of its own.
    if (lessThan.from(lineStart) < lineEnd) {
      const segments = segmentsOf(text, lineStart, lineEnd, lessThan);
      let hostSegment = 0;
      while (hostSegment + 1 < segments.length && segments[hostSegment + 1]!.start <= host.index) hostSegment++;
      readHostSegment(findings, text, host.index, segments[hostSegment]!.start, segments[hostSegment]!.end, state, addresses);
      // Then up to two non-empty lines below it; another address line restarts the count there.
      for (let k = hostSegment + 1; k < segments.length && state.linesSince <= 2; k++) visitBelow(findings, text, segments[k]!.start, segments[k]!.end, state);
    } else {
      readHostSegment(findings, text, host.index, lineStart, lineEnd, state, addresses);
    }
    let next = lineEnd + 1;
    resumeAt = lineEnd + 1;
    while (next <= text.length && state.linesSince <= 2) {
      let end = text.indexOf('\n', next);
      if (end < 0) end = text.length;
      // An empty line (a third of those below a host) changes nothing, and no host stands on it.
      if (end === next) {
        countWork(1);
        next = end + 1;
        resumeAt = next;
        continue;
      }
      countWork(end - next + 1);
      if (end - next > 200) { resumeAt = end + 1; break; }
      if (lessThan.from(next) < end) {
        for (const segment of segmentsOf(text, next, end, lessThan)) if (state.linesSince <= 2) visitBelow(findings, text, segment.start, segment.end, state);
      } else {
        visitBelow(findings, text, next, end, state);
      }
      // Another address line restarts the count there (found by the same finder: the lines only move forward).
      const hostBelow = hosts.find(next);
      if (hostBelow !== undefined && hostBelow.index < end) {
        resumeAt = next;
        knownLineStart = next;
        knownLineEnd = end;
        break;
      }
      next = end + 1;
      resumeAt = next;
    }
  }
  deviceLogins(text, anchors, findings);
  return findings;
}

/** The start of the line holding `at`, which is not before `floor` (a line's start): read back over the code units. */
function lineStartBack(text: string, at: number, floor: number): number {
  const code = codeUnitsOf(text);
  let k = at;
  while (k > floor && code[k - 1] !== 10) k--;
  return k;
}

/**
 * The segment text[start, end) of a host line that holds the host at `hostIndex`: "https://panel.example.com admin /
 * secret", the pair may follow the address on its line. The address needs a "://" or a digit, dot, digit (addressEnd);
 * most host lines ("our server is down") have neither.
 */
function readHostSegment(findings: Finding[], text: string, hostIndex: number, start: number, end: number, state: PairState, addresses: AddressFinder): void {
  const offset = addressEnd(text, start, end, addresses);
  if (offset >= 0) {
    const rest = text.slice(offset, end);
    pushPair(findings, rest, offset, true);
    // "WHM https://…:2087 — root" then the secret alone below: the user stands after the address.
    const user = rest.replace(/^[ \t]*(?:[—–-][ \t]*)?(?:login[ \t]+)?/u, '');
    if (LONE_TOKEN.test(user)) state.previousLone = user.trim();
  } else {
    // Round c6: "SFTP example.pt port 22022 admin X": a host name (no scheme, no IP) with its port after the word.
    const named = namedHostEnd(text, hostIndex, end);
    if (named >= 0) pushHostPortPair(findings, text.slice(named, end), named);
  }
}

/** The next occurrence of a literal at or after a position, kept while the positions asked move forward. */
class NextLiteral {
  private at = -1;
  private searchedFrom = 0;

  constructor(private readonly text: string, private readonly literal: string) {}

  /** The first occurrence at or after `from` (the text's length if none). */
  from(from: number): number {
    if (this.at < from || from < this.searchedFrom) {
      this.searchedFrom = from;
      this.at = this.text.indexOf(this.literal, from);
      if (this.at < 0) this.at = this.text.length;
      countWork(this.at - from + 1);
    }
    return this.at;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Round c6: a host name with its port on the host word's line, and BMC logins
// ---------------------------------------------------------------------------------------------------------------

// After a service word: a host name with a dot and a top-level domain (an IP or URL is addressEnd's), then its port as
// ":2222" or " port 22022", then the pair. Tried once per host line whose address addressEnd does not read.
const NAMED_HOST = /(?:sftp|ftp|ssh|host|server)[ \t]{1,4}(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?::\d{1,5}|[ \t]{1,4}port[ \t]{1,4}\d{1,5})[ \t]{1,4}/iy;

/**
 * Where the named host and port that start at `at` end (the spaces after them included), or -1; `end` is the end of the
 * host's segment, which the match cannot pass (it holds no "<" or line break). NAMED_HOST's words start with s, f or h
 * (ASCII: without the u flag nothing else matches them), and most hosts are a "://" or a dotted quad: those are no call.
 */
function namedHostEnd(text: string, at: number, end: number): number {
  const first = text.charCodeAt(at) | 0x20;
  if (at >= end || (first !== 0x73 && first !== 0x66 && first !== 0x68)) {
    countWork(1);
    return -1;
  }
  NAMED_HOST.lastIndex = at;
  const m = NAMED_HOST.exec(text);
  countWork(m ? m[0].length : 1);
  return m ? m.index + m[0].length : -1;
}

const FINGERPRINT = /^(?:sha256|sha1|md5):/iu;

/**
 * The pair after a named host and port (no prose after it): the user is a plain name (no dots or "@": not
 * "OpenSSH_8.9p1", "TLS1.3"), and the secret is no version ("Ubuntu-3ubuntu0.10", "SSH-2.0-OpenSSH_9.6") or key
 * fingerprint; then pushPair's checks.
 */
function pushHostPortPair(findings: Finding[], rest: string, offset: number): void {
  const pair = PAIR_LINE.exec(rest);
  countWork(rest.length + 1);
  if (!pair?.groups) return;
  const secret = pair.groups.secret ?? '';
  if (!/^[\p{L}\p{N}_-]{2,32}$/u.test(pair.groups.user ?? '') || /\d\.\d/u.test(secret) || FINGERPRINT.test(secret)) return;
  pushPair(findings, rest, offset);
}

// BMC logins: "IPMI: ADMIN / X", "iDRAC 192.0.2.5: root / X", "iLO (10.0.0.9): Administrator / X". A BMC word, its
// generation number, an address in parentheses or after a space, ":" or nothing, then the rest of the line up to a
// tag or line break. Only "user / secret", "user | secret" and "user:secret": after a BMC word "Configuration /
// Network" is a menu path and "X11SPM-F / X11SPM-TF" a board model, so the user must be a plain word and the secret
// must have a digit and mixed case or a symbol (isDeviceSecret).
const DEVICE_TAG = 150;
for (const word of ['ipmi', 'idrac', 'ilo', 'bmc']) registerAnchor(word, AnchorGroup.ConfigWord, true, DEVICE_TAG);
const DEVICE_LINE = /(?:ipmi|idrac|ilom|ilo|bmc)(?:[ \t]?\d{1,2})?(?![\p{L}\p{N}])(?:[ \t]{0,4}\([^()\n]{1,60}\)|[ \t]{1,4}\d{1,3}(?:\.\d{1,3}){3})?[ \t]{0,4}:?[ \t]{1,4}(?<rest>[^\r\n<]{4,140})(?=[\r\n<]|$)/diuy;

function isDeviceSecret(secret: string): boolean {
  if (secret.length < 6 || !/\p{N}/u.test(secret) || !/\p{L}/u.test(secret) || /\d\.\d|:\/\/|^[/~\\]/u.test(secret)) return false;
  // A word and a number ("Firmware2", "Users2024") reads as a menu entry; generated and chosen secrets mix case or add a symbol.
  if (/^\p{L}+[-_]?\p{N}{1,4}$/u.test(secret)) return false;
  if (!(/\p{Lu}/u.test(secret) && /\p{Ll}/u.test(secret)) && !/[^\p{L}\p{N}_.-]/u.test(secret)) return false;
  return looksLikeSecretWord(secret) && isPlausiblePassword(secret, 'punct');
}

function deviceLogins(text: string, anchors: Anchors, findings: Finding[]): void {
  const words = anchors.positions[AnchorGroup.ConfigWord]!;
  const tags = anchors.tags[AnchorGroup.ConfigWord]!;
  let lastEnd = -1;
  for (let i = 0; i < words.length; i++) {
    if (tags[i] !== DEVICE_TAG || words[i]! < lastEnd) continue;
    DEVICE_LINE.lastIndex = words[i]!;
    const m = DEVICE_LINE.exec(text);
    countWork(m ? m[0].length : 150);
    if (!m?.groups || !m.indices?.groups) continue;
    lastEnd = m.index + m[0].length;
    const rest = m.groups.rest!;
    const pair = PAIR_LINE.exec(rest);
    countWork(rest.length + 1);
    if (!pair?.groups) continue;
    const sep = (pair.groups.sep ?? '').trim();
    const secret = pair.groups.secret ?? '';
    if ((sep !== '/' && sep !== '|' && sep !== ':') || !/^\p{L}{2,20}$/u.test(pair.groups.user ?? '') || !isDeviceSecret(secret)) continue;
    const start = m.indices.groups.rest![0] + (pair.groups.head ?? '').length;
    if (text.slice(start, start + secret.length) !== secret) continue;
    findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.8));
  }
}

interface PairState { linesSince: number; previousLone: string | undefined }
/** A line, or a part of one between HTML block tags: text[start, end). */
interface Segment { start: number; end: number }

// Block-level tags that end a line in HTML mail (looked for only on lines of at most 200 characters holding a "<").
const BLOCK_TAGS = ['p', 'div', 'br', 'blockquote', 'li', 'tr', 'td', 'table', 'tbody'];

/** Whether text[start, end) is one of BLOCK_TAGS, in any case (compared unit by unit: no slice per "<"). */
function isBlockTagName(text: string, start: number, end: number): boolean {
  for (const name of BLOCK_TAGS) {
    if (name.length !== end - start) continue;
    let k = 0;
    while (k < name.length && (text.charCodeAt(start + k) | 32) === name.charCodeAt(k)) k++;
    if (k === name.length) return true;
  }
  return false;
}

/** The end of a block-level tag ("<p>", "</div>", "<br/>", "<blockquote type=…>") starting at `at` (a "<") before `end`, or -1. */
function blockTagEnd(text: string, at: number, end: number): number {
  let k = at + 1;
  if (k < end && text.charCodeAt(k) === 47) k++; // "/"
  // Most tags in mail ("<span", "<o:p>", "<a", "<font") are no block tag by their first letter already.
  const first = text.charCodeAt(k) | 32;
  if (first !== 0x70 && first !== 0x64 && first !== 0x62 && first !== 0x6c && first !== 0x74) return -1; // p d b l t
  const nameStart = k;
  while (k < end && k - nameStart <= 10 && isAsciiLetter(text.charCodeAt(k))) k++;
  if (!isBlockTagName(text, nameStart, k)) return -1;
  if (k < end && isNameChar(text.charCodeAt(k))) return -1;
  for (; k < end && k - at <= 210; k++) {
    const code = text.charCodeAt(k);
    if (code === 62) return k + 1; // ">"
    if (code === 60 || code === 10) return -1;
  }
  return -1;
}
const isAsciiLetter = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);

/** The segments of the line text[start, end), which holds a "<" (`lessThan` finds them). */
function segmentsOf(text: string, start: number, end: number, lessThan: NextLiteral): Segment[] {
  countWork(end - start);
  const segments: Segment[] = [];
  let from = start;
  for (let open = lessThan.from(start); open < end; open = lessThan.from(open + 1)) {
    const tagEnd = blockTagEnd(text, open, end);
    if (tagEnd < 0) continue;
    segments.push({ start: from, end: open });
    from = tagEnd;
    open = tagEnd - 1;
  }
  segments.push({ start: from, end });
  return segments;
}

// lineShape's result: the number of words (capped at 8) and which characters the line holds.
const SHAPE_WORDS = 15;
const SHAPE_PAIR_CHARACTER = 16;
const SHAPE_COLON = 32;
/** The first word is "-----BEGIN" (a PEM block starts). */
const SHAPE_PEM = 64;
// Where lineShape found the first seven words of the line it read last (start inclusive, end exclusive): what
// pairCanFit reads, so that a line is not read twice.
const WORD_STARTS = new Int32Array(8);
const WORD_ENDS = new Int32Array(8);

/**
 * One read of a line below a host (text[from, n)), for what visitBelow's patterns need: its words after the leading spaces, tabs and
 * ">" (runs of characters other than space and tab; counted up to 8, the first seven kept in WORD_STARTS and WORD_ENDS;
 * only up to 4 when the first word cannot be one of PAIR_LINE's head words, see pairCanFit: the patterns then need at most
 * three, and a line of prose is read only to its fourth word),
 * whether it holds a digit or a separator of PAIR_LINE other than spaces (PAIR_NEEDS), and a colon. The patterns' heads are
 * exactly that leading run and only spaces and tabs separate their parts, so PAIR_LINE can match only with at most seven
 * words (dash, label, colon, "(", user, separator, secret), LONE_TOKEN only with one, LABELLED_USER only with at most three;
 * no word means the line is blank or quote marks only.
 */
function lineShape(text: string, from: number, n: number): number {
  // Read from the code units (see codeUnitsOf): this loop reads each line below a host to its end.
  const code = codeUnitsOf(text);
  let k = from;
  while (k < n) {
    const unit = code[k]!;
    if (unit !== 32 && unit !== 9 && unit !== 62) break;
    k++;
  }
  let words = 0;
  let flags = k < n && code[k] === 45 && text.startsWith('-----BEGIN', k) ? SHAPE_PEM : 0;
  let inWord = false;
  for (; k < n; k++) {
    const unit = code[k]!;
    if (unit === 32 || unit === 9) {
      if (inWord) WORD_ENDS[words - 1] = k;
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      if (++words > 7 || (words === 4 && !couldBeHeadWord(code, 0))) break;
      WORD_STARTS[words - 1] = k;
    }
    if (unit === 58) flags |= SHAPE_COLON | SHAPE_PAIR_CHARACTER;
    else if ((unit >= 48 && unit <= 57) || unit === 47 || unit === 124 || unit === 45 || unit === 0x2014 || unit === 0x2013) flags |= SHAPE_PAIR_CHARACTER;
  }
  if (inWord && words <= 7 && k === n) WORD_ENDS[words - 1] = k;
  countWork(k - from + 1);
  return flags | (words > 8 ? 8 : words);
}

/**
 * Whether PAIR_LINE (without prose) can match the line lineShape read last, which has `words` words (at most seven), from
 * where its words stand. Before the user only the head's optional words can stand: a lone dash, a user label (and a lone
 * colon after it), a lone "("; counting each of them wherever it could be one (a user such as "buchhaltung:Xy1…" may be
 * counted as a label: then no word is left, which is no reason to turn the line down), at most three words may follow
 * (user, separator, secret; fewer when glued), and with three the middle one is a separator alone. The last word ends with the
 * secret (and a ")"): at least four units and no "<", ">" or white space. Most lines of prose below a host fail here.
 */
function pairCanFit(code: Uint16Array, words: number): boolean {
  let head = 0;
  if (isLoneUnit(0) && isDashCode(code[WORD_STARTS[0]!]!)) head++;
  if (head < words && isUserLabelStart(code[WORD_STARTS[head]!]!)) {
    head++;
    if (head < words && isLoneUnit(head) && code[WORD_STARTS[head]!] === 58) head++; // ":"
  }
  if (head < words && isLoneUnit(head) && code[WORD_STARTS[head]!] === 40) head++; // "("
  const rest = words - head;
  if (rest > 3) return false;
  if (rest === 3 && !(isLoneUnit(head + 1) && isSeparatorCode(code[WORD_STARTS[head + 1]!]!))) return false;
  const lastStart = WORD_STARTS[words - 1]!;
  const lastEnd = WORD_ENDS[words - 1]!;
  if (lastEnd - lastStart < 4) return false;
  for (let k = lastStart; k < lastEnd; k++) {
    const unit = code[k]!;
    if (unit === 60 || unit === 62 || isRegExpSpace(unit)) return false;
  }
  countWork(lastEnd - lastStart + 1);
  return true;
}
/** Whether word `word` of the line lineShape reads could be one of PAIR_LINE's optional head words (see pairCanFit). */
function couldBeHeadWord(code: Uint16Array, word: number): boolean {
  const first = code[WORD_STARTS[word]!]!;
  return isUserLabelStart(first) || (isLoneUnit(word) && (isDashCode(first) || first === 40));
}
const isLoneUnit = (word: number): boolean => WORD_ENDS[word]! - WORD_STARTS[word]! === 1;
const isDashCode = (code: number): boolean => code === 45 || code === 0x2014 || code === 0x2013;
// "/", "|", ":" or a dash: what stands between user and secret when spaces surround it.
const isSeparatorCode = (code: number): boolean => code === 47 || code === 124 || code === 58 || isDashCode(code);
// The first letters of PAIR_LINE's user labels (u, l, b, g, л) in either case: nothing else folds to them under the i and u flags.
const isUserLabelStart = (code: number): boolean => {
  const lower = code | 0x20;
  return ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? lower === 0x75 || lower === 0x6c || lower === 0x62 || lower === 0x67 : code === 0x43b || code === 0x41b);
};

/** Whether text[start, end), trimmed of white space (String#trim's, which is \s), holds only ">", spaces and tabs. */
function isQuoteMarksOnlyTrimmed(text: string, start: number, end: number): boolean {
  while (start < end && isRegExpSpace(text.charCodeAt(start))) start++;
  while (end > start && isRegExpSpace(text.charCodeAt(end - 1))) end--;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 62 && code !== 32 && code !== 9) return false;
  }
  return true;
}

/** One line (or HTML segment) below a host: a pair on it, or a lone secret under a lone user name. */
function visitBelow(findings: Finding[], text: string, start: number, end: number, state: PairState): void {
  const shape = lineShape(text, start, end);
  // A PEM block ("-----BEGIN CERTIFICATE-----" and its base64 lines) is no login: the lines below end here.
  if ((shape & SHAPE_PEM) !== 0) {
    state.linesSince = 3;
    return;
  }
  const words = shape & SHAPE_WORDS;
  // Empty lines and lines of reply quote marks only (nearly half of those read below a host) change nothing.
  if (words === 0) return;
  // The line is cut out only for a pattern: most lines are turned down by their shape alone.
  let line: string | undefined;
  // A pair has at most seven words and a digit or a separator other than spaces (see lineShape and pushPair).
  if (words <= 7 && ((shape & SHAPE_PAIR_CHARACTER) !== 0 || (words >= 3 && startsWithUserLabel(text, start, end))) && pairCanFit(codeUnitsOf(text), words)) {
    pushPair(findings, (line ??= text.slice(start, end)), start);
  }
  // cPanel-style pastes put the user and the secret on lines of their own.
  const lone = words === 1 && LONE_TOKEN.test((line ??= text.slice(start, end)));
  if (isQuoteMarksOnlyTrimmed(text, start, end)) return; // only white space and reply quote marks
  if (state.previousLone !== undefined && lone) pushLoneSecret(findings, state.previousLone, (line ??= text.slice(start, end)), start);
  // "Login: admin" on its line names the user as well as a lone "admin" does.
  const labelledUser = lone || words > 3 || (shape & SHAPE_COLON) === 0 ? null : LABELLED_USER.exec((line ??= text.slice(start, end)));
  state.previousLone = lone ? (line ??= text.slice(start, end)).trim() : labelledUser ? labelledUser[1] : undefined;
  state.linesSince++;
}

/** Whether the line text[start, end) starts (after spaces, tabs and ">") with a user label of PAIR_LINE ("login wp_admin …"). */
function startsWithUserLabel(text: string, start: number, end: number): boolean {
  let k = start;
  while (k < end && k - start < 8 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 62)) k++;
  const first = text.charCodeAt(k) | 0x20;
  // u(ser), l(ogin), b(enutzer), g(ebruiker), "л" (логин): most lines start otherwise and are not sliced.
  if (first !== 0x75 && first !== 0x6c && first !== 0x62 && first !== 0x67 && first !== 0x43b && text.charCodeAt(k) !== 0x41b) return false;
  USER_LABEL_START.lastIndex = k;
  return USER_LABEL_START.test(text);
}
const USER_LABEL_START = /(?:user(?:name)?|login|benutzer(?:name)?|логин|usuario|utente|utilisateur|gebruiker(?:snaam)?)[ \t]{0,3}:?[ \t]/iuy;
const USER_LABEL_LINE = new RegExp(String.raw`^[ \t>]{0,8}(?:[—–-][ \t]{1,3})?${USER_LABEL_START.source}`, 'iu');

const LONE_TOKEN = /^[ \t>]{0,8}\S{2,64}[ \t]{0,4}$/u;
const LABELLED_USER = /^[ \t>]{0,8}(?:user(?:name)?|login|benutzer(?:name)?|логин|пользователь|usuario|usuário|utente|utilisateur|gebruiker(?:snaam)?|użytkownik|kullanıcı)[ \t]{0,3}:[ \t]{0,3}([^\s:]{2,64})[ \t]{0,4}$/iu;
// "wxri-jpnz-gill": three or more letter groups joined by hyphens (generated passphrases, app passwords).
const PASSPHRASE = /^\p{L}{4,}(?:-\p{L}{4,}){2,}$/u;
const USER_NAME = /^[\p{L}\p{N}_.@+-]{2,64}$/u;

/** A line holding only a secret, right below a line holding only a user name, under a host line. */
function pushLoneSecret(findings: Finding[], userLine: string, line: string, offset: number): void {
  const user = userLine.replace(/^[>\s]+/u, '');
  const secret = line.trim().replace(/^>+\s*/u, '');
  if (!USER_NAME.test(user) || FIELD_WORDS.has(user.toLowerCase()) || /^\d+$/u.test(user)) return;
  if (secret.length < 6 || /^[/~\\]|:\/\/|\.\w{2,4}$/u.test(secret) || !/\p{L}/u.test(secret) || (!/\p{N}/u.test(secret) && !PASSPHRASE.test(secret))) return;
  if (!looksLikeSecretWord(secret) || !isPlausiblePassword(secret, 'punct')) return;
  // "x-request-id=…", "facebook-domain-verification=…" (a key=value line), "XXXX-XXXX-XXXX-6344" (masked).
  if (/^[A-Za-z][A-Za-z_.-]{1,60}=/u.test(secret) || /(?:^|[-\s])[xX]{4}(?:[-\s]|$)/u.test(secret)) return;
  const start = offset + line.indexOf(secret);
  findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.8));
}

// A digit, or a character of PAIR_LINE's separators other than spaces and tabs ("/", "|", ":", "-", "—", "–").
const PAIR_NEEDS = /[0-9\/|:\-—–]/;

const HASH_NAME = /^(?:md5|sha\d{0,3}|sha3-\d{3})$/iu;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]{0,60}=/u;
const UPPER_ASSIGNMENT = /^[A-Z][A-Z0-9]*_[A-Z0-9_]*=/u;
const SHELL_ASSIGN = /^(?:export|set|setenv|setx|declare|local|readonly|env)$/iu;

const QUANTITY = /^\d+(?:[.,]\d+)?(?:[kmgtp]i?b?|b|ms|s|m|h|d|w|y|px|pt|em|%|hz|khz|mhz|ghz|kbps|mbps|gbps|rpm)$/iu;

const SSH_TARGET = /^[\p{L}\p{N}._-]{1,32}@(?:\d{1,3}(?:\.\d{1,3}){3}|(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24})(?::\d{1,5})?$/u;
function pushPair(findings: Finding[], line: string, offset: number, allowProse = false): void {
  // Without a digit the pair needs a separator other than bare spaces (see below): most short lines ("Hi James,",
  // "Kind regards,") have neither, and the pattern, which would match them, is not run.
  if (!PAIR_NEEDS.test(line) && !USER_LABEL_LINE.test(line)) return;
  const pair = (allowProse ? PAIR_LINE_WITH_PROSE : PAIR_LINE).exec(line);
  if (!pair?.groups) return;
  const user = pair.groups.user ?? '';
  const secret = pair.groups.secret ?? '';
  // A bare space between two words reads as prose ("Thanks again"); it takes a digit in the secret to count.
  // Prose after the pair: the secret must have a digit, and after a bare space also both cases and 8 characters.
  // (Checked first: they turn down most lines of prose.)
  const bareSeparator = /^[ \t]+$/u.test(pair.groups.sep ?? '');
  // After a user label ("login wp_admin kcECvNjy=tKuU") the bare space separates user and secret: a secret with both
  // cases and a symbol then counts without a digit.
  const labelledPair = /\p{L}/u.test(pair.groups.head ?? '') && pair.groups.prose === undefined && /[^\p{L}\p{N}]/u.test(secret) &&
    /\p{Lu}/u.test(secret) && /\p{Ll}/u.test(secret);
  if ((bareSeparator || pair.groups.prose !== undefined) && !/\d/u.test(secret) && !labelledPair) return;
  if (pair.groups.prose !== undefined && bareSeparator && (secret.length < 8 || !/\p{Lu}/u.test(secret) || !/\p{Ll}/u.test(secret))) return;
  if (FIELD_WORDS.has(user.toLowerCase().replace(/:$/u, ''))) return;
  // Round c14: "ssh root@203.0.113.9", "sftp deploy@host.example": a command's login target (user@host), not a secret.
  if (SSH_TARGET.test(secret)) return;
  // Round c10: "SHA256:Pi44…" (ssh's host-key fingerprint under "… sent by the remote host is"): a hash name, not a user.
  if (HASH_NAME.test(user)) return;
  // Round c10: "postmap /etc/postfix/sasl_passwd", "usr/local/bin": a "/" glued to what follows starts or splits a path.
  const sep = pair.groups.sep ?? '';
  if (sep.endsWith('/') && (sep.length > 1 || secret.includes('/'))) return;
  // Round c10: "export AWS_SECRET_ACCESS_KEY=…", "> set DB_PASS=…": an assignment; its value is read by the rules for its
  // name (the whole "NAME=value" is no secret, and an access key id's name makes it no secret at all).
  if (ASSIGNMENT.test(secret) && (SHELL_ASSIGN.test(user) || UPPER_ASSIGNMENT.test(secret))) return;
  // Round c11: "-d exp=06/28", "--data amount=150": a command's option and its form field, not a user and a secret.
  if (ASSIGNMENT.test(secret) && /^-{1,2}\p{L}[\p{L}-]*$/u.test(user)) return;
  if (/^[/~\\]|:\/\//u.test(secret) || /^\d+$/u.test(secret) || !/\p{L}/u.test(secret)) return;
  // Round c9: "maxmemory 256mb", "timeout 30s" under a Redis or nginx "bind 127.0.0.1" line: a quantity with its unit.
  if (QUANTITY.test(secret)) return;
  if (!looksLikeSecretWord(secret) || !isPlausiblePassword(secret, 'punct')) return;
  // A host name or mail address is not a secret ("Hostname: srv1.example.com").
  if (/\.[A-Za-z]{2,6}$/u.test(secret) || /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/u.test(secret)) return;
  const start = offset + (pair.groups.head ?? '').length;
  if (isAlnumAt(line, start - offset - 1)) return;
  findings.push(makeFinding('credential', 'password', start, start + secret.length, 0.85));
}
