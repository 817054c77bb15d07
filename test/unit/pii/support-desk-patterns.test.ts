import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

// Tuning cases for the patterns issue 15 lists. Written apart from test/fixtures/redaction/heldout.jsonl
// (which the detectors are not tuned on): different wording, hosts and values.
const values = (text: string, kind: 'card_number' | 'credential') =>
  detectSensitiveData(text).filter((f) => f.kind === kind).map((f) => text.slice(f.start, f.end));
const cards = (text: string) => values(text, 'card_number');
const secrets = (text: string) => values(text, 'credential');

describe('card numbers as support tickets write them (C04)', () => {
  it('C04 when two card numbers stand one space apart, then both are found', () => {
    expect(cards('try 4012 8888 8888 1881 5105 1051 0510 5100 thanks')).toEqual(['4012 8888 8888 1881', '5105 1051 0510 5100']);
    expect(cards('4012888888881881 5105105105105100')).toEqual(['4012888888881881', '5105105105105100']);
  });

  it('C04 when groups are joined by dots, double spaces or narrow no-break spaces, then the number is found', () => {
    expect(cards('card 4012.8888.8888.1881 ok')).toEqual(['4012.8888.8888.1881']);
    expect(cards('card 4012  8888  8888  1881')).toEqual(['4012  8888  8888  1881']);
    expect(cards('card 4012\u202f8888\u202f8888\u202f1881')).toEqual(['4012\u202f8888\u202f8888\u202f1881']);
  });

  it('C04 when a Mir card (2200-2204) is written, then it is found as Mir', () => {
    const [f] = detectSensitiveData('карта МИР 2201 3820 0000 0013').filter((x) => x.kind === 'card_number');
    expect(f?.subtype).toBe('mir');
  });

  it('C04 when HTML entities or inline tags split the groups, then the whole number is found', () => {
    expect(cards('pay with 4012&nbsp;8888&nbsp;8888&nbsp;1881.')).toEqual(['4012&nbsp;8888&nbsp;8888&nbsp;1881']);
    expect(cards('pay with 4012 <strong>8888</strong> 8888 1881')).toEqual(['4012 <strong>8888</strong> 8888 1881']);
  });

  it('C04 when the number wraps onto the next line or a quoted reply line, then it is found across the break', () => {
    expect(cards('my number 4012 8888\n8888 1881 exp 01/30')).toEqual(['4012 8888\n8888 1881']);
    expect(cards('> my number 4012 8888 8888\n> 1881 exp 01/30')).toEqual(['4012 8888 8888\n> 1881']);
  });

  it('C04 when the number is glued to the next word, then it is found, but not when it is part of a hex string or identifier', () => {
    expect(cards('number 4012888888881881please charge')).toEqual(['4012888888881881']);
    expect(cards('hash 4012888888881881abcdef01')).toEqual([]);
    expect(cards('file 4012888888881881_old.txt')).toEqual([]);
  });

  it('C04 when a Luhn-valid number is labelled as an order, invoice or account number, then it is not a card', () => {
    expect(cards('Order ID 4012888888881881 was shipped')).toEqual([]);
    expect(cards('Kundennummer: 5105105105105100')).toEqual([]);
    expect(cards('número de factura 4012888888881881')).toEqual([]);
    expect(cards('card for order 4012888888881881')).toEqual([]);
    expect(cards('order 77812, card 4012888888881881')).toEqual(['4012888888881881']);
  });
});

describe('credentials as hosting-panel tickets carry them (C05)', () => {
  it('C05 when a user and secret follow a panel or host address with no password label, then the secret is found', () => {
    expect(secrets('Plesk: https://198.51.100.20:8443\nadmin / Gt7#pq2Lw')).toEqual(['Gt7#pq2Lw']);
    expect(secrets('cPanel https://host9.example.org:2083 shopuser:Vb92!kd7')).toEqual(['Vb92!kd7']);
    expect(secrets('ssh 198.51.100.7\nroot  Zq81xv55\n\nthanks')).toEqual(['Zq81xv55']);
  });

  it('C05 when an address is followed by ordinary lines, then nothing is reported', () => {
    expect(secrets('https://198.51.100.20:8443\nPort 8443\nThanks again')).toEqual([]);
    expect(secrets('Server 198.51.100.9\nVersion 18.0.61\nKind regards')).toEqual([]);
  });

  it('C05 when config files are pasted (define, PHP arrays and variables, .env), then the password values are found', () => {
    expect(secrets("define( 'DB_PASSWORD', 'w8Kd-31nQ' );")).toEqual(['w8Kd-31nQ']);
    expect(secrets("$config['db']['pass'] = 'hT6!mm20';")).toEqual(['hT6!mm20']);
    expect(secrets("  'password' => 'Pr0d-db-77',")).toEqual(['Pr0d-db-77']);
    expect(secrets('$db_password = "qq81Lk#s";')).toEqual(['qq81Lk#s']);
    expect(secrets('REDIS_PASSWORD=a81kd02LmQ')).toEqual(['a81kd02LmQ']);
  });

  it('C05 when labels are in Spanish, Italian, Portuguese, Dutch, French or Polish, then the value is found', () => {
    expect(secrets('La contraseña es Rio2027#')).toEqual(['Rio2027#']);
    expect(secrets("la password dell'account è Mare88!x")).toEqual(['Mare88!x']);
    expect(secrets('Senha do painel: Sol4r!99')).toEqual(['Sol4r!99']);
    expect(secrets('Wachtwoord is Gracht21!')).toEqual(['Gracht21!']);
    expect(secrets('Mot de passe : Lune77$a')).toEqual(['Lune77$a']);
    expect(secrets('Hasło: Wisla2020!')).toEqual(['Wisla2020!']);
  });

  it('C05 when keys have new prefixes or none (Twilio, Telegram, Mailchimp, DigitalOcean, Authorization: Token), then they are found', () => {
    const twilio = `SK${'0a1b2c3d4e5f6789'.repeat(2)}`;
    expect(secrets(`key ${twilio}`)).toEqual([twilio]);
    const telegram = '7012345678:AAE1xY2zW3vU4tS5rQ6pO7nM8lK9jI0hG1f';
    expect(secrets(`bot ${telegram}`)).toEqual([telegram]);
    const mailchimp = `${'9f8e7d6c5b4a3210'.repeat(2)}-us14`;
    expect(secrets(`MC ${mailchimp}`)).toEqual([mailchimp]);
    const digitalocean = `dop_v1_${'a1b2c3d4'.repeat(8)}`;
    expect(secrets(digitalocean)).toEqual([digitalocean]);
    expect(secrets('Authorization: Token 2f8c1d9e0b7a6f5e4d3c2b1a09f8e7d6c5b4a3f2')).toEqual(['2f8c1d9e0b7a6f5e4d3c2b1a09f8e7d6c5b4a3f2']);
    expect(secrets('the secret key Xk29fq7Lm30pQ81zWv52Rt6y')).toEqual(['Xk29fq7Lm30pQ81zWv52Rt6y']);
  });

  it('C05 when passwords are typed into commands (htpasswd -b, chpasswd, mysql -p), then the value is found', () => {
    expect(secrets('htpasswd -b /etc/nginx/.htpasswd editor Tr4m!pol')).toEqual(['Tr4m!pol']);
    expect(secrets("echo 'deploy:Hx82_lkq' | chpasswd")).toEqual(['Hx82_lkq']);
    expect(secrets('mysql -h db1 -u shop -pK9x!w2mQ shop')).toEqual(['K9x!w2mQ']);
    expect(secrets("mysql -u shop -p'K9x w2mQ'")).toEqual(['K9x w2mQ']);
  });

  it('C05 when an env dump, a password policy or a placeholder is shown, then nothing is reported', () => {
    expect(secrets('PWD=/var/www/html\nOLDPWD=/home/deploy\nTERM=xterm')).toEqual([]);
    expect(secrets('Password: at least 10 characters including a number')).toEqual([]);
    expect(secrets('Enter it as password: <new password>')).toEqual([]);
    expect(secrets('mysql -u root -p<password> dbname')).toEqual([]);
  });
});

// Second pass (2026-12-07): cases from the training additions of corpus.jsonl (ids pos-i15-…, neg-i15-…).
describe('issue 15 patterns, second pass (C04, C05)', () => {
  it('C04 when a hard wrap cuts a block or a group of the number, then the number is found across the break', () => {
    expect(cards('new card 40128888\n88881881 exp 01/30')).toEqual(['40128888\n88881881']);
    expect(cards('new card 4012 88\n88 8888 1881 exp 01/30')).toEqual(['4012 88\n88 8888 1881']);
    expect(cards('new card 4012 8888 \n> 8888 1881')).toEqual(['4012 8888 \n> 8888 1881']);
  });

  it('C04 when zero-width spaces, thin-space entities, en dashes or styled spans split the groups, then the number is found', () => {
    expect(cards('card 4012\u200b8888\u200b8888\u200b1881')).toEqual(['4012\u200b8888\u200b8888\u200b1881']);
    expect(cards('card 4012&thinsp;8888&thinsp;8888&thinsp;1881')).toEqual(['4012&thinsp;8888&thinsp;8888&thinsp;1881']);
    expect(cards('card 4012\u20138888\u20138888\u20131881')).toEqual(['4012\u20138888\u20138888\u20131881']);
    const styled = '4012 <span style="font-family:Calibri,sans-serif;font-size:11pt">8888</span> 8888 1881';
    expect(cards(`card ${styled} thanks`)).toEqual([styled]);
  });

  it('C04 when two numbers stand on consecutive lines and neither is a card, then nothing is reported', () => {
    expect(cards('Order 12345678\n87654321 was the old one')).toEqual([]);
  });

  it('C05 when a password policy is stated in English, German, Spanish or Russian, then nothing is reported', () => {
    expect(secrets('Password: minimum 12 characters')).toEqual([]);
    expect(secrets('Passwort: mindestens 10 Zeichen')).toEqual([]);
    expect(secrets('Contraseña: mínimo 9 caracteres, una mayúscula')).toEqual([]);
  });

  it('C05 when a user is named before a short label or a qualifier follows the label, then the value is found', () => {
    expect(secrets('user root pass Gr4nite!9')).toEqual(['Gr4nite!9']);
    expect(secrets('Пароль от почты kX83mqLw2')).toEqual(['kX83mqLw2']);
    expect(secrets('the password for ftp expired yesterday')).toEqual([]);
  });

  it('C05 when a panel address is followed by the user and the secret on lines of their own, then the secret is found', () => {
    expect(secrets('cPanel: https://203.0.113.9:2083\nwebshop\nT7r!qLm20x')).toEqual(['T7r!qLm20x']);
    expect(secrets('SFTP 192.0.2.5 port 22\nuser deploy / Vx93!kLm')).toEqual(['Vx93!kLm']);
    expect(secrets('https://panel.example.com:8443\nthe login page\nshows error 500')).toEqual([]);
  });
});

describe('credential recall pass (C05, issue 15)', () => {
  it('C05 when HTML tags stand between a password label and its value, then only the value is the span', () => {
    expect(secrets('<p><b>Kennwort:</b> Rk7!mqPz20</p>')).toEqual(['Rk7!mqPz20']);
    expect(secrets('hasło: <code>tQ9_vxLm44</code>')).toEqual(['tQ9_vxLm44']);
    expect(secrets('senha: <strong>Praia#2031</strong><br>')).toEqual(['Praia#2031']);
  });

  it('C05 when a table row holds the label and the next cell the value, then the value (not the user cell) is the span', () => {
    expect(secrets('<table><tr><td>Login</td><td>office</td></tr><tr><td>Wachtwoord</td><td>Zv83kLm_q</td></tr></table>')).toEqual(['Zv83kLm_q']);
  });

  it('C05 when the value is wrapped in bold, backticks, „“ or «», then the marks are not part of the span', () => {
    expect(secrets('SSH password: **Hx4?lo9Tq**')).toEqual(['Hx4?lo9Tq']);
    expect(secrets('Passwort -> „Qbert7781“')).toEqual(['Qbert7781']);
    expect(secrets('wachtwoord: `Ab9!cd3_ef`')).toEqual(['Ab9!cd3_ef']);
    expect(secrets('пасс: «Lk2_mNo88»')).toEqual(['Lk2_mNo88']);
  });

  it('C05 when a label has a service word, a parenthetical or a word form, then the value is found', () => {
    expect(secrets('Pass (mail):\tVento_Mar42')).toEqual(['Vento_Mar42']);
    expect(secrets('Password SSH: host77?x')).toEqual(['host77?x']);
    expect(secrets('Zugang (Passwort) lautet 9k2PLq;mw3.')).toEqual(['9k2PLq;mw3']);
    expect(secrets('Şifre şöyle: KR8vuna3344.')).toEqual(['KR8vuna3344']);
    expect(secrets('Пароль root это vT3?pLm-q.')).toEqual(['vT3?pLm-q']);
  });

  it('C05 when the label is WW, PIN, Parola d\'ordine, palavra-passe or пасс, then the value is found', () => {
    expect(secrets('WW - Garten2019?')).toEqual(['Garten2019?']);
    expect(secrets('Panel PIN = 7HeT1vzQ2a')).toEqual(['7HeT1vzQ2a']);
    expect(secrets("Utente: ufficio\nParola d'ordine:\nMRTqwe7731")).toEqual(['MRTqwe7731']);
    expect(secrets('palavra-passe: Lua_Sol2030')).toEqual(['Lua_Sol2030']);
    expect(secrets('> Gebruiker: kantoor\n> WW:\n> Qe8r2nB0TkwZ')).toEqual(['Qe8r2nB0TkwZ']);
  });

  it('C05 when "user/password" labels name a pair, then only the secret half is the span', () => {
    expect(secrets('Użytkownik/Hasło: biuro/mk7s2Pqx')).toEqual(['mk7s2Pqx']);
    expect(secrets('Benutzer/Datenbank-Kennwort: shop/Hn8Wq2LpXz')).toEqual(['Hn8Wq2LpXz']);
  });

  it('C05 when a placeholder, env() call or masked value follows the label, then nothing is reported', () => {
    expect(secrets('password: %DB_PASS%')).toEqual([]);
    expect(secrets("'password' => env('DB_PASS'),")).toEqual([]);
    expect(secrets('password = os.environ["DB_PASS"]')).toEqual([]);
    expect(secrets('Password: Qx*********')).toEqual([]);
    expect(secrets('PermitRootLogin prohibit-password\nUsePAM yes')).toEqual([]);
    expect(secrets('curl -u USER:PASSWORD https://198.51.100.9:2083/execute/Mysql/list')).toEqual([]);
  });

  it('C05 when Laravel env() carries a default, then the default is the secret', () => {
    expect(secrets("'mail_password' => env('MAIL_PASS', 'Sole_Mare21'),")).toEqual(['Sole_Mare21']);
  });
  it('C05 when an unprefixed key follows a key label in one of the desks\' languages, then the key is found', () => {
    expect(secrets('API-Key → k4Pq8WL12ZZ7OkPiHB0bZcItj2rhA9xQ')).toEqual(['k4Pq8WL12ZZ7OkPiHB0bZcItj2rhA9xQ']);
    expect(secrets('api key: <code>QWE7O7B2PB2UQ6CDXES7PP4R</code>')).toEqual(['QWE7O7B2PB2UQ6CDXES7PP4R']);
    expect(secrets('> API-Schlüssel\n> Hq3DqlaqXoJwgwm-cbccd-fNmGAQjgqL5PYcwBCY_Zz')).toEqual(['Hq3DqlaqXoJwgwm-cbccd-fNmGAQjgqL5PYcwBCY_Zz']);
    expect(secrets('clave API "TZKLCAN8PVWPDI09K9J6T6AD"')).toEqual(['TZKLCAN8PVWPDI09K9J6T6AD']);
    expect(secrets('<td>API-ключ</td><td>bf7473faaa3d236a8add7fc6a9480d14b67bb5fa</td>')).toEqual(['bf7473faaa3d236a8add7fc6a9480d14b67bb5fa']);
    expect(secrets('Zugriffstoken "fb7e58f3d08aea42c133c436d40e6df245727a0e"')).toEqual(['fb7e58f3d08aea42c133c436d40e6df245727a0e']);
  });

  it('C05 when config files hold keys (APP_KEY base64, WordPress salts, PHP arrays), then the key without its prefix is found', () => {
    expect(secrets('APP_KEY=base64:q1Wmjrc16NoJ82Go1Q09VPg9HV1hWLRDwuE-2qVz')).toEqual(['q1Wmjrc16NoJ82Go1Q09VPg9HV1hWLRDwuE-2qVz']);
    expect(secrets("define('NONCE_KEY', 'a7y6SXsFlROPynq3n_VIFHA9L84mSwzQsn7BHGb3');")).toEqual(['a7y6SXsFlROPynq3n_VIFHA9L84mSwzQsn7BHGb3']);
    expect(secrets("define('AUTH_KEY', 'put your unique phrase here');")).toEqual([]);
    expect(secrets("'api_key' => '2721f5f49a653dcfc43fb2478941fbd8a88d9481',")).toEqual(['2721f5f49a653dcfc43fb2478941fbd8a88d9481']);
  });

  it('C05 when registrar and panel keys are pasted (cPanel/WHM tokens, GoDaddy sso-key, OpenSRS, Plesk secret_key, Mollie, x_tran_key, Telegram in a URL), then each secret is found', () => {
    expect(secrets("curl -H'Authorization: cpanel shop:ABX6UYNBIARU2UOXJUKIYOZDFXRLMR5Q' https://192.0.2.1:2083/")).toEqual(['ABX6UYNBIARU2UOXJUKIYOZDFXRLMR5Q']);
    expect(secrets('Authorization: whm root:ZCWAE21A6KODKVK2QN07U9XR2BJ6C98Q')).toEqual(['ZCWAE21A6KODKVK2QN07U9XR2BJ6C98Q']);
    expect(secrets('Authorization: sso-key aDpflAur8WwMMcK1tPhO6LdV931P4wTVnz:afe5d5ba505af02f40db4a')).toEqual(['afe5d5ba505af02f40db4a']);
    const opensrs = '169ce0a7215f276e1f068fc6c23dcf65585ebc640c9bf72b4e52726d40cde787b97daebfb3fa719b6fa347434b9c9fd5';
    expect(secrets(`opensrs_key = ${opensrs}`)).toEqual([opensrs]);
    expect(secrets('plesk bin secret_key --create printed a5c42210-2bcc-e5b0-b29f-31f6a70ce91b')).toEqual(['a5c42210-2bcc-e5b0-b29f-31f6a70ce91b']);
    expect(secrets('MOLLIE_API_KEY=test_hWuAbSWnnlfjohIjg21Ayg6c7a5LZq')).toEqual(['test_hWuAbSWnnlfjohIjg21Ayg6c7a5LZq']);
    expect(secrets('x_tran_key=Jthq5rjZl1fOWGEQ')).toEqual(['Jthq5rjZl1fOWGEQ']);
    const bot = '4384448699:AAT4AYg_gtVb6G7I4KpHJUbkZ5PLfDG06dq';
    expect(secrets(`https://api.telegram.org/bot${bot}/getUpdates`)).toEqual([bot]);
  });
  it('C05 when a command carries a password (lftp, smbclient, ldapsearch, redis-cli, mongosh, openssl passwd, useradd, realchpass, v-change-user-password, doveadm), then the password is found', () => {
    expect(secrets('lftp -u web,Kq7+mm38 ftp.example.net')).toEqual(['Kq7+mm38']);
    expect(secrets('lftp -u "web,mail9912" -e "mirror" ftp.example.net')).toEqual(['mail9912']);
    expect(secrets('smbclient //192.0.2.7/share -U office%Zt81Wvvit')).toEqual(['Zt81Wvvit']);
    expect(secrets('ldapsearch -x -D "cn=admin,dc=ex,dc=org" -w 1QCX_j47V^gA -b "dc=ex,dc=org"')).toEqual(['1QCX_j47V^gA']);
    expect(secrets("redis-cli -h 192.0.2.9 -a 'Hund2001_' info")).toEqual(['Hund2001_']);
    expect(secrets("mongosh \"mongodb://localhost\" -u root -p 'kmyg-mikc-osab'")).toEqual(['kmyg-mikc-osab']);
    expect(secrets("openssl passwd -6 'WHF6eqvz6281'")).toEqual(['WHF6eqvz6281']);
    expect(secrets('useradd -m -p "$(openssl passwd -1 Tavo+31)" web')).toEqual(['Tavo+31']);
    expect(secrets('/scripts/realchpass shop Lq-%rsRS3@5z')).toEqual(['Lq-%rsRS3@5z']);
    expect(secrets('v-change-user-password admin wymx-yyzr-cfkb')).toEqual(['wymx-yyzr-cfkb']);
    expect(secrets("doveadm pw -s SHA512-CRYPT -p 'qnvx-xwjb-ogqy'")).toEqual(['qnvx-xwjb-ogqy']);
  });

  it('C05 when Windows commands carry a password (net user, net use /user:, cmdkey /pass:, ConvertTo-SecureString), then the password is found', () => {
    expect(secrets('net user helpdesk 2b70@bXOCf3i5^Q /add')).toEqual(['2b70@bXOCf3i5^Q']);
    expect(secrets('net use Z: \\\\192.0.2.5\\data /user:office qwerty7341-')).toEqual(['qwerty7341-']);
    expect(secrets('cmdkey /generic:TERMSRV/host /user:admin /pass:Wm4!zzTq9')).toEqual(['Wm4!zzTq9']);
    expect(secrets("$pw = ConvertTo-SecureString 'edisd-kelt-lxs' -AsPlainText -Force")).toEqual(['edisd-kelt-lxs']);
    expect(secrets('net user admin * /add')).toEqual([]);
  });

  it('C05 when config files hold a password (.pgpass, web.config, requirepass, masterauth, auth_pass, bind_pw, ProFTPD UserPassword, <br> after the value), then the password is found', () => {
    expect(secrets('localhost:5432:crm:crmuser:QPJUwksf8351')).toEqual(['QPJUwksf8351']);
    expect(secrets('<add key="MailPassword" value="J6A3qjjf2511" />')).toEqual(['J6A3qjjf2511']);
    expect(secrets('requirepass Roma_Gatto47')).toEqual(['Roma_Gatto47']);
    expect(secrets('masterauth VGGXudbj9731')).toEqual(['VGGXudbj9731']);
    expect(secrets('auth_pass Gmryxf^0331')).toEqual(['Gmryxf^0331']);
    expect(secrets('bind_pw ffyo-jcbl-ikw2')).toEqual(['ffyo-jcbl-ikw2']);
    expect(secrets('UserPassword ftptest Cane_Inverno94')).toEqual(['Cane_Inverno94']);
    expect(secrets('  MYSQL_ROOT_PASSWORD: qwerty453081%<br>')).toEqual(['qwerty453081%']);
    expect(secrets('# requirepass foobared')).toEqual([]);
  });

  it('C05 when whmapi1 names the user or htpasswd -b is discussed in prose, then nothing but the password is reported', () => {
    expect(secrets("whmapi1 passwd user=shop password='kjwg-ymed-scuq'")).toEqual(['kjwg-ymed-scuq']);
    expect(secrets('htpasswd -b is not recommended because the password is visible in ps.')).toEqual([]);
    expect(secrets('htpasswd -b /etc/nginx/.htpasswd editor Fz81!kqP')).toEqual(['Fz81!kqP']);
  });
  it('C05 when a password follows "ssh user@host" (same line, next line, parentheses, quoted reply), then it is found, and a command or path is not', () => {
    expect(secrets('ssh root@198.51.100.7\nylcg-kfzb-oobw')).toEqual(['ylcg-kfzb-oobw']);
    expect(secrets('ssh -p 2222 admin@203.0.113.9 pass ufca-mhrw-qupr')).toEqual(['ufca-mhrw-qupr']);
    expect(secrets('ssh root@198.51.100.3 (x7Ct_Uni1+Sz)')).toEqual(['x7Ct_Uni1+Sz']);
    expect(secrets('> SSH: admin@203.0.113.2\n> t46j^1nCl_9h')).toEqual(['t46j^1nCl_9h']);
    expect(secrets('ssh root@203.0.113.4 -i ~/.ssh/id_ed25519')).toEqual([]);
    expect(secrets('ssh root@203.0.113.4\nPermission denied (publickey).')).toEqual([]);
    expect(secrets('ssh root@203.0.113.4\nroot@web1:~# uptime')).toEqual([]);
  });
  it('C05 when a user and secret follow a panel URL (dash, "login … :", parentheses, |, tab, prose after), then the secret is found', () => {
    expect(secrets('https://panel.example.net:8443 — office7 / nUmaLLE3KaGCq')).toEqual(['nUmaLLE3KaGCq']);
    expect(secrets('https://198.51.100.8:8443/login_up.php login editor : 9VWGwcmg3352')).toEqual(['9VWGwcmg3352']);
    expect(secrets('https://example.net:2083 login (web / Tscpqk-884)\nDanke!')).toEqual(['Tscpqk-884']);
    expect(secrets('ISPmanager: https://192.0.2.44:1500 office Kv5kedOiHbt please check the queue')).toEqual(['Kv5kedOiHbt']);
    expect(secrets('> > Webmin https://example.org:10000/\n> > office - VFSOxzxy1975\n> > Danke!')).toEqual(['VFSOxzxy1975']);
    expect(secrets('https://192.0.2.91:8443/login_up.php\noffice : xwri-jpnz-gilq')).toEqual(['xwri-jpnz-gilq']);
    expect(secrets('WHM https://198.51.100.150:2087 — root\nenqTD?aaj21\nDanke!')).toEqual(['enqTD?aaj21']);
  });

  it('C05 when HTML mail puts the panel URL, user and secret in paragraphs of one line, then the secret (without </div>) is found', () => {
    expect(secrets('<blockquote type="cite"><p>cPanel https://example.pl:2083/</p><p></p><p>office:4EJEiyzw8181</p></blockquote>')).toEqual(['4EJEiyzw8181']);
    expect(secrets('<blockquote type="cite"><p>WHM https://198.51.100.109:2087</p><p>office</p><p>lima9352</p></blockquote>')).toEqual(['lima9352']);
    expect(secrets('<div dir="ltr">Plesk: https://198.51.100.217:8443/ login web | S81Lnfyi5654</div>')).toEqual(['S81Lnfyi5654']);
  });

  it('C05 when lines under a panel URL name fields (Username:, Hostname:), then they are not taken for a secret', () => {
    expect(secrets('https://panel.example.net:8443\nUsername: admin01\nHostname: srv1.example.net')).toEqual([]);
    expect(secrets('https://panel.example.net:2083 today - login fails again')).toEqual([]);
  });
  it('C05 when a label takes a word form in Polish or Dutch or a service word such as postgres or router, then the value is found', () => {
    expect(secrets('Hasło jest Kot_Pies2024.')).toEqual(['Kot_Pies2024']);
    expect(secrets('Wachtwoord luidt Fiets#882')).toEqual(['Fiets#882']);
    expect(secrets('Password router: Wlan-Box77')).toEqual(['Wlan-Box77']);
  });

  it('C05 when a long random key follows "sleutel", "klucz" or "clé" alone, then it is found', () => {
    expect(secrets('sleutel: 7c0e4d1f9a2b38c5d6e7f8091a2b3c4d5e6f7081')).toEqual(['7c0e4d1f9a2b38c5d6e7f8091a2b3c4d5e6f7081']);
    expect(secrets('klucz: Qm4Zx8Lp2Vn6Rt0Yw3Kd9Hs5')).toEqual(['Qm4Zx8Lp2Vn6Rt0Yw3Kd9Hs5']);
  });
  it('C05 when SQL or shell sets a password (IDENTIFIED BY, PASSWORD(), passwd --stdin, htpasswd -nb), then the password is found', () => {
    expect(secrets("CREATE USER 'shop'@'localhost' IDENTIFIED BY 'Mysql#2031';")).toEqual(['Mysql#2031']);
    expect(secrets("ALTER USER 'root'@'localhost' IDENTIFIED WITH mysql_native_password BY 'R00t!pass';")).toEqual(['R00t!pass']);
    expect(secrets("SET PASSWORD FOR 'shop'@'localhost' = PASSWORD('Old#pw2020');")).toEqual(['Old#pw2020']);
    expect(secrets("echo 'Kq8!zzT2' | passwd --stdin web")).toEqual(['Kq8!zzT2']);
    expect(secrets('htpasswd -nb editor Fz81!kqP')).toEqual(['Fz81!kqP']);
  });

  it('C05 when a Square access token (EAAA…) is pasted, then it is found as an API key', () => {
    const token = `EAAA${'l2dFz9Q8kP3mN7rT1vX5yB0cW4eH6jK8sU2aZ9gL3fD7pR1tV5nM0qY4wC8x'.slice(0, 60)}`;
    expect(secrets(`Square: ${token} ok`)).toEqual([token]);
  });
  it('C05 when prose follows a label, ssh login or panel URL ("vergessen?", "identique", "(key-based auth only)", versions), then nothing is reported', () => {
    expect(secrets('Passwort vergessen? Link: https://example.com/reset')).toEqual([]);
    expect(secrets('mot de passe : identique')).toEqual([]);
    expect(secrets('ssh root@192.0.2.4 (key-based auth only)')).toEqual([]);
    expect(secrets('https://panel.example.com:8443\nPlesk Obsidian 18.0.52 Update 3')).toEqual([]);
    expect(secrets('WHM https://192.0.2.4:2087 — version 110.0.15')).toEqual([]);
    expect(secrets('PermitRootLogin without-password\nUsePAM yes')).toEqual([]);
  });
  it('C05 when the value is in »«, ‚‘ or ｢｣ quotes, after &nbsp; or a markdown-bold label, or the label is a Turkish possessive, then only the value is the span', () => {
    expect(secrets('Kennwort: »Haus#42«')).toEqual(['Haus#42']);
    expect(secrets('Passwort: ‚Haus#43‘')).toEqual(['Haus#43']);
    expect(secrets('Password: ｢S3cret!9｣')).toEqual(['S3cret!9']);
    expect(secrets('password:&nbsp;Xk92!mQb')).toEqual(['Xk92!mQb']);
    expect(secrets('**Password:** Xk92!mQd')).toEqual(['Xk92!mQd']);
    expect(secrets('**Password**: Xk92!mQg')).toEqual(['Xk92!mQg']);
    expect(secrets('Şifreniz: Deniz#55')).toEqual(['Deniz#55']);
  });

  it('C05 when "Login: user" stands under a panel URL and the secret alone on the next line, then the secret is found', () => {
    expect(secrets('https://192.0.2.4:8443\nLogin: admin\nS3cret!x9')).toEqual(['S3cret!x9']);
    expect(secrets('https://192.0.2.4:8443\nLogin: admin\nThanks!')).toEqual([]);
  });
  it('C05 when a password label is followed by a crypt hash or a shortened value, then nothing is reported', () => {
    expect(secrets('password: $2y$10$abcdefghijklmnopqrstuv')).toEqual([]);
    expect(secrets('Password: ab12…cd34')).toEqual([]);
    expect(secrets('Passwort: $6$rounds=5000$salt$abc')).toEqual([]);
  });
  it('C05 when field lines, key=value tokens, file names or masked values follow a panel URL, an ssh login or a "forgot my password" sentence, then nothing is reported', () => {
    expect(secrets('https://panel.example.net:8443\nIBAN: DE95650825255939212575\nReference: ORD-2022-96606786')).toEqual([]);
    expect(secrets('ssh ftp1@198.51.100.12 epoch_us=1698087549526635')).toEqual([]);
    expect(secrets('ssh ftp1@198.51.100.12\n373340000114776_backup.zip')).toEqual([]);
    expect(secrets('ssh ftp1@198.51.100.12\nmd5sum: c1fec37c7')).toEqual([]);
    expect(secrets('Забыл пароль от панели. checksum=88659899564926717973995272832318')).toEqual([]);
    expect(secrets('Ho dimenticato la password di example.fr. XXXX-XXXX-XXXX-6021')).toEqual([]);
    expect(secrets('Olvidé mi contraseña del correo. <td>Order number</td><td>Ab51612725030</td>')).toEqual([]);
    expect(secrets('Incorrect password\npostgres://user:password@localhost:5432/mydb')).toEqual([]);
    expect(secrets('https://panel.example.net:8443\nLogin: admin\nx-request-id=a73a23c7-ebe0-47be')).toEqual([]);
  });
});

describe('credentials round 2: kinds the first training round lacked (C05)', () => {
  it('C05 when an adjective or a changed-to word stands between the label and the secret, then the secret is found', () => {
    expect(secrets('contraseña temporal: Lisboa2021%')).toEqual(['Lisboa2021%']);
    expect(secrets('la password nuova è Ijsfikiq@7133')).toEqual(['Ijsfikiq@7133']);
    expect(secrets('hasło tymczasowe: tulp645_')).toEqual(['tulp645_']);
    expect(secrets('поменял пароль на hw8x-sFBH!wnK')).toEqual(['hw8x-sFBH!wnK']);
    expect(secrets('mudei a senha para Faxrkl@801')).toEqual(['Faxrkl@801']);
    expect(secrets("le nouveau mdp c'est Milano1983#")).toEqual(['Milano1983#']);
  });

  it('C05 when a registrar transfer code or a Wi-Fi key is labelled, then it is found; a card approval code is not', () => {
    expect(secrets('EPP code: jl*OhWX6q7')).toEqual(['jl*OhWX6q7']);
    expect(secrets('codice EPP/AuthInfo: b39v-DZCc-0808')).toEqual(['b39v-DZCc-0808']);
    expect(secrets('код авторизации: X3VuuoFrgCNr')).toEqual(['X3VuuoFrgCNr']);
    expect(secrets('WLAN-Schlüssel: iko27KS#avf')).toEqual(['iko27KS#avf']);
    expect(secrets('mot de passe Wi-Fi : Lato2024$')).toEqual(['Lato2024$']);
    expect(secrets('Payment failed.\nAuth code: 624179\nPlease retry.')).toEqual([]);
    expect(secrets('EPP status: clientTransferProhibited')).toEqual([]);
    expect(secrets('password temporanea: scaduta')).toEqual([]);
    expect(secrets('пароль на почту не приходит')).toEqual([]);
  });

  it('C05 when a passphrase of lower-case words fills the rest of the line, then all of it is the value; prose is not', () => {
    expect(secrets('password: purple horse battery staple')).toEqual(['purple horse battery staple']);
    // Known limit: a phrase whose first word starts ordinary sentences about passwords ("correct", "wrong") is not taken.
    expect(secrets('password: correct horse battery staple')).toEqual([]);
    expect(secrets('Passwort: orange horse staple\nDanke!')).toEqual(['orange horse staple']);
    expect(secrets('password: sent to your phone')).toEqual([]);
    expect(secrets('Password: same as before please check')).toEqual([]);
    expect(secrets('Passwort vergessen?')).toEqual([]);
  });
});

describe('credentials round 2: labelled keys in configs and URLs (C05)', () => {
  it('C05 when a WireGuard private or preshared key, an aws configure secret or a Docker auth is pasted, then the value is found; a public key is not', () => {
    const wg = '[Interface]\nPrivateKey = 62lU8k6Uwz7oHnpuWu2h/iBacuLYxM8j/m4eaGyXqXv=\n[Peer]\nPublicKey = hZPMzw8XRAjhoG5/vUMjKvXYdAJNUgPRnYd5MLI+wBY=\nPresharedKey = sX+q4Zc0mo05JELcG/52PQ1pVDeZCZudtNCJOLnTwaM=';
    expect(secrets(wg)).toEqual(['62lU8k6Uwz7oHnpuWu2h/iBacuLYxM8j/m4eaGyXqXv=', 'sX+q4Zc0mo05JELcG/52PQ1pVDeZCZudtNCJOLnTwaM=']);
    expect(secrets('AWS Secret Access Key [None]: WOjqkzHTbJb1UyC9ihUqFf3XRyx8Uvc6GnKsEdC7\nDefault region name [None]: eu-central-1'))
      .toEqual(['WOjqkzHTbJb1UyC9ihUqFf3XRyx8Uvc6GnKsEdC7']);
    expect(secrets('{ "auths": { "registry.example.de": { "auth": "Y29udGF0bzo3ZmZRKjlZN3NeaFpE" } } }')).toEqual(['Y29udGF0bzo3ZmZRKjlZN3NeaFpE']);
  });

  it('C05 when a token is a query parameter of a password-reset or verification link, then it is not reported; an API token in a URL is', () => {
    expect(secrets('Reset your password here: https://example.nl/password/reset?token=211f3afe5de11f74ef6968a3afc31ea15e6997a6')).toEqual([]);
    expect(secrets('Webhook URL: https://example.de/hooks/deploy?token=Kq8vN3xZp2LmR7tYw4HcJ9bF')).toEqual(['Kq8vN3xZp2LmR7tYw4HcJ9bF']);
  });
});

describe('credentials round 2: commands (C05)', () => {
  it('C05 when ncftp, ncftpput or ncftpget is given -p SECRET, then the secret is found; the documented placeholder is not', () => {
    expect(secrets('ncftp -u webmaster -p Toaprb+4054 ftp.example.fr')).toEqual(['Toaprb+4054']);
    expect(secrets('ncftpput -u manager -p GcWGYI4VL example.de /htdocs index.html')).toEqual(['GcWGYI4VL']);
    expect(secrets('ncftp -u <user> -p <password> <host>')).toEqual([]);
  });
});

describe('credentials round 2: two-factor secrets (C05)', () => {
  it('C05 when a TOTP setup key in groups of four or a list of backup codes is pasted, then each is found; a one-time code is not', () => {
    expect(secrets('Google Authenticator setup key: xnct xpzz soby 2ski')).toEqual(['xnct xpzz soby 2ski']);
    expect(secrets('Backup codes:\n2467-1403\n5199-1102\n> 8364-9937')).toEqual(['2467-1403', '5199-1102', '8364-9937']);
    expect(secrets('Recovery codes: 8f3k2-9dj4q, 7hh2m-0pq9z')).toEqual(['8f3k2-9dj4q', '7hh2m-0pq9z']);
    expect(secrets('Your verification code is 482913. It expires in 10 minutes.')).toEqual([]);
    expect(secrets('setup key: this that when then')).toEqual([]);
  });
});

describe('credentials round 2: short labels (C05)', () => {
  it('C05 when "new" or "temporary" stands before a short label with no separator, then the value is found; a grouped number after PIN is not a PIN', () => {
    expect(secrets('new pass Kvcpcwni$51')).toEqual(['Kvcpcwni$51']);
    expect(secrets('temp pw x7Kd!9qL')).toEqual(['x7Kd!9qL']);
    expect(secrets('pass Kvcpcwni$51')).toEqual([]);
    expect(secrets('paysafecard PIN: 5330 4311 1749 5835')).toEqual([]);
    expect(secrets('SIM PIN: 4821')).toEqual(['4821']);
  });
});

describe('credentials round 2: OpenVPN auth-user-pass files (C05)', () => {
  it('C05 when an auth-user-pass file is pasted under its name, then the second line is the secret and the user name is not; the directive alone is nothing', () => {
    expect(secrets('auth.txt (for auth-user-pass):\nclient7\nSoleil_Porto37')).toEqual(['Soleil_Porto37']);
    expect(secrets('auth-user-pass /etc/openvpn/auth.txt')).toEqual([]);
    expect(secrets('auth-user-pass')).toEqual([]);
  });
});
