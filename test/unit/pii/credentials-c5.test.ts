import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

/** The credential values found in a comment, in order. */
const secrets = (text: string): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === 'credential').map((f) => text.slice(f.start, f.end));
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

describe('credential round c5 (C05)', () => {
  describe('compound keys', () => {
    it.each([
      ['{\n  "dbUser": "shop",\n  "dbPassword": "Acpthle&770"\n}', 'Acpthle&770'],
      ['auth:\n  rootPassword: soleil@Kopek95\n  database: app', 'soleil@Kopek95'],
      ["mailer: { smtpPass: 'zwx92FL^lhf', smtpUser: 'app' }", 'zwx92FL^lhf'],
      ["  'dbpassword' => 'sommer!Kat26',", 'sommer!Kat26'],
      ["$CFG->dbpass    = 'cgqxy*2mjdt9';", 'cgqxy*2mjdt9'],
      ['helm install db bitnami/mariadb --set auth.rootPassword=kPiPb-7AY1M8 --set auth.database=shop', 'kPiPb-7AY1M8'],
    ])('when a key glues the password word to a prefix (%j), then its value is found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it.each([
      '"hasPassword": true,', '"bypass": "cache1"', 'compass: Nord3!', "this.dbPassword = config.get('db');", 'this.dbPassword = dbPass;',
      '"dbPassword": "",', 'rootPassword: ${ROOT_PW}', 'adminPassword: "{{ .Values.admin.password }}"', '"passwordMinLength": 12,',
    ])('when a compound key holds no secret (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });
  });

  describe('XML elements', () => {
    it.each([
      ['<password><![CDATA[Zytirg*5574]]></password>', 'Zytirg*5574'],
      [`<User>admin</User>\n<Pass encoding="base64">${b64('Torino2010-')}</Pass>`, b64('Torino2010-')],
      ['<smtpPassword>Cane1989?</smtpPassword>', 'Cane1989?'],
      ['<db_password>P5pj7!bsXOZ8</db_password>', 'P5pj7!bsXOZ8'],
    ])('when an XML element named for a password holds %j, then the element text is the value (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it.each(['<password></password>', '<password>${env.DB_PASS}</password>', '<Pass encoding="base64" />', '<passwordEncoder>bcrypt</passwordEncoder>', '<password>********</password>'])(
      'when a password element is empty, a placeholder or another element (%j), then nothing is found (C05)',
      (text) => {
        expect(secrets(text)).toEqual([]);
      },
    );
  });

  describe('mail protocol transcripts', () => {
    const plain = b64('\u0000info@example.de\u0000Braga2025-');
    it('when an SMTP AUTH PLAIN line carries the base64 message, then the base64 is the value (C05)', () => {
      expect(secrets(`EHLO test\n250-AUTH PLAIN LOGIN\nAUTH PLAIN ${plain}\n535 5.7.8 Error`)).toEqual([plain]);
    });
    it('when AUTH PLAIN is answered by 334 and the client sends the message on its own line, then that line is the value (C05)', () => {
      expect(secrets(`C: AUTH PLAIN\nS: 334\nC: ${plain}\nS: 235 2.7.0 OK`)).toEqual([plain]);
    });
    it('when a capability line or a base64 text that is no PLAIN message follows AUTH PLAIN, then nothing is found (C05)', () => {
      expect(secrets('250-AUTH PLAIN LOGIN CRAM-MD5\n250-STARTTLS\n250 8BITMIME')).toEqual([]);
      expect(secrets(`AUTH PLAIN ${b64('just some text here')}`)).toEqual([]);
    });
    it('when the server asks "334 UGFzc3dvcmQ6" in an AUTH LOGIN exchange, then the next client line is the value (C05)', () => {
      const pass = b64('estate*Hamburg83');
      expect(secrets(` -> AUTH LOGIN\n<-  334 VXNlcm5hbWU6\n -> ${b64('web@example.it')}\n<-  334 UGFzc3dvcmQ6\n -> ${pass}\n<-  235 2.7.0 OK`)).toEqual([pass]);
    });
    it('when "UGFzc3dvcmQ6" ends a log line that is no 334 prompt, then nothing is found (C05)', () => {
      expect(secrets('postfix/smtpd[2210]: warning: SASL LOGIN authentication failed: UGFzc3dvcmQ6\nQWRtaW4xMjM0')).toEqual([]);
    });
    it('when an IMAP client line is "a1 LOGIN user secret", then the secret is found (C05)', () => {
      expect(secrets('* OK Dovecot ready.\na1 LOGIN root@example.it F2DBxq9xuB*FN\na1 NO [AUTHENTICATIONFAILED]')).toEqual(['F2DBxq9xuB*FN']);
      expect(secrets('A001 LOGIN "info@example.fr" "ncj28HH$yeo"')).toEqual(['ncj28HH$yeo']);
    });
    it('when "login user secret" follows a word rather than an IMAP tag, then nothing is found (C05)', () => {
      expect(secrets('Please login admin S3cret!')).toEqual([]);
    });
    it('when PASS follows a USER line in a POP3 or FTP transcript, then its argument is found (C05)', () => {
      expect(secrets('+OK Dovecot ready.\nUSER info@example.pl\n+OK\nPASS torino$Zima01\n-ERR [AUTH] Authentication failed.')).toEqual(['torino$Zima01']);
      expect(secrets('> USER root\n< 331 Password required\n> PASS ogw73SH^ves')).toEqual(['ogw73SH^ves']);
    });
    it('when PASS stands with no USER line above or is masked, then nothing is found (C05)', () => {
      expect(secrets('PASS S3cret!')).toEqual([]);
      expect(secrets('Command: USER admin\nResponse: 331 Password required\nCommand: PASS ********')).toEqual([]);
    });
  });

  describe('chat lines', () => {
    it.each([
      ['I can not log in to Plesk with the password you sent. ok I changed it to Sommer1999! now', 'Sommer1999!'],
      ['Das Passwort für das Postfach wurde nicht akzeptiert. Es ist jetzt Hund2001_', 'Hund2001_'],
      ['Пароль от панели не подходит. попробуйте torino!Lyon41', 'torino!Lyon41'],
      ['Panel şifresi çalışmıyor. Kopek1988? olarak değiştirdim', 'Kopek1988?'],
    ])('when an earlier sentence names the password and a chat line gives a value (%j), then the value is found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it('when no sentence names the password, then only a value with upper, lower, digit and symbol is taken (C05)', () => {
      expect(secrets('ok I changed it to txr63WY#dng now')).toEqual(['txr63WY#dng']);
      expect(secrets('the new one is milano5255')).toEqual([]);
    });

    it('when a German sentence closes the frame ("habe es auf X geändert"), then a mixed-case value is taken without context (C05)', () => {
      expect(secrets('Ich habe es auf Milano_Soleil38 geändert')).toEqual(['Milano_Soleil38']);
    });

    it.each([
      'My password does not work. I changed the PHP version to 8.2 yesterday.',
      'Password reset mail never came. I changed it to someone@gmail.com now.',
      'Login fails since the update; I changed it to TLSv1.2 and it still fails.',
      'Password reset done. Please try Firefox2 or Chrome.',
      'The login page is slow, try Ctrl+F5.',
      'login ok now, it\'s utf8mb4_unicode_ci now in the database',
      'Passwort geht nicht, ich habe es auf Englisch umgestellt.',
      'I changed it to Tuesday, is that ok?',
    ])('when a chat line after a password sentence gives no password (%j), then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });
  });

  describe('statements, calls and commands', () => {
    it.each([
      ["$link = mysqli_connect('localhost', 'u18821', 'torino#Zima05', 'admin_db');", 'torino#Zima05'],
      ["$pdo = new PDO('mysql:host=localhost;dbname=shop', 'info', 'Kat2002@');", 'Kat2002@'],
      ["mysqli_real_connect($link, 'localhost', 'shop', 'Nxxtwug?10', 'wp', 3306);", 'Nxxtwug?10'],
      ["ALTER LOGIN sa WITH PASSWORD = N'5Z1MP-mTsDd5';", '5Z1MP-mTsDd5'],
      ["sqlcmd -S 203.0.113.49,1433 -U sa -P 'bcg62ME+euq' -Q \"SELECT 1\"", 'bcg62ME+euq'],
      ['sqlplus info/moskva-Lyon28@//198.51.100.76:1521/ORCL', 'moskva-Lyon28'],
      ['docker login -u app -p Invierno2013_ registry.example.ru', 'Invierno2013_'],
      ['az login -u info@example.pt -p Lyon1982%', 'Lyon1982%'],
      ["rabbitmqctl add_user ftpuser 'UG8MO+hF3VL6'", 'UG8MO+hF3VL6'],
      ['192.0.2.59:6379> AUTH default AMdyc-yr1zD6\n(error) WRONGPASS', 'AMdyc-yr1zD6'],
      ['/usr/share/webmin/changepass.pl /etc/webmin root gee47hIR%yQj', 'gee47hIR%yQj'],
      ['composer config --global http-basic.repo.magento.com cbd4eb104f7e6da70aa70b99617b0ce2 723dfbaf7bdb88a09007b846a45d6f4a', '723dfbaf7bdb88a09007b846a45d6f4a'],
      ['info@example.es:{PLAIN}gYBlV_wNhdr3:5000:5000::/var/vmail/example.es/info', 'gYBlV_wNhdr3'],
      ['[smtp.example.pl]:587 root@example.ru:Estate1977_', 'Estate1977_'],
    ])('when %j is pasted, then the password argument is found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it.each([
      '$link = mysqli_connect($host, $user, $pass, $db);', "mysqli_connect('localhost', 'root', '', 'test');", 'sqlplus / as sysdba',
      'docker login -u deploy --password-stdin < token.txt', 'kubectl create secret generic db --from-file=password=./pw.txt',
      `info@example.es:{SHA512-CRYPT}$6$abcdefgh$${'x'.repeat(86)}:5000:5000`, 'retry 10:25 user:admin1', '127.0.0.1:6379> AUTH\n(error) ERR wrong number of arguments',
      'composer config --global http-basic.repo.magento.com <public_key> <private_key>',
    ])('when %j carries no password, then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });
  });

  describe('network devices, Wi-Fi, 2FA and security answers', () => {
    it.each([
      ['username admin privilege 15 password 0 oga33VE%pde', 'oga33VE%pde'],
      ['enable secret 0 Qjsjfeb+2166', 'Qjsjfeb+2166'],
      ['snmp-server community Gdansk1970- RO', 'Gdansk1970-'],
      ['network={\n    ssid="Office"\n    psk="Hdasxt_8645"\n    key_mgmt=WPA-PSK\n}', 'Hdasxt_8645'],
      ['    wpa-psk invierno-Lyon63', 'invierno-Lyon63'],
      ['/interface wireless security-profiles set [ find default=yes ] wpa2-pre-shared-key=Docwpl+1994', 'Docwpl+1994'],
      ['203.0.113.54 198.51.100.212 : PSK "sommer%Zima59"', 'sommer%Zima59'],
      ['Security question: name of first pet\nSecurity answer: Moreau*24', 'Moreau*24'],
      ['Контрольный ответ: Tobi2012', 'Tobi2012'],
    ])('when %j is pasted, then the key or answer is found (C05)', (text, value) => {
      expect(secrets(text)).toEqual([value]);
    });

    it('when google-authenticator prints emergency scratch codes, then each code is found (C05)', () => {
      const text = 'Your verification code is 270661\nYour emergency scratch codes are:\n  28591432\n  88609111\n  22812504';
      expect(secrets(text)).toEqual(['28591432', '88609111', '22812504']);
    });

    it.each([
      'enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0', 'key_mgmt=WPA-PSK', 'psk=<your passphrase>', 'password 0 attempts left',
      'Security question: What was the name of your first pet?', 'Security answer: we will send it by post',
    ])('when %j holds no secret, then nothing is found (C05)', (text) => {
      expect(secrets(text)).toEqual([]);
    });
  });
});

describe('credential round c5, second batch: tool command lines (C05)', () => {
  it.each([
    ['zip -r -P Falke1995+ backup.zip public_html', 'Falke1995+'],
    ['unzip -P Falke2004@ site-backup.zip', 'Falke2004@'],
    ['7z a -pYzXlD3uQ!E2mjo -mhe=on backup.7z /var/www/vhosts', 'YzXlD3uQ!E2mjo'],
    ['keytool -genkey -alias tomcat -keystore /etc/tomcat/keystore.jks -storepass falke@Printemps67', 'falke@Printemps67'],
    ['ssh-keygen -t ed25519 -N "jesien#Sommer45" -f ~/.ssh/deploy_key', 'jesien#Sommer45'],
    ['psexec \\\\192.0.2.4 -u deploy -p aikgSWC_0NJ6 cmd.exe', 'aikgSWC_0NJ6'],
    ['xfreerdp /u:svc_web /p:Osen1987- /v:203.0.113.231 /cert:ignore', 'Osen1987-'],
    ['rdesktop -u root -p zbo33QP#lpz 192.0.2.10:3389', 'zbo33QP#lpz'],
    ['pscp -pw uzw05JG!ety dump.sql admin@198.51.100.241:/root/', 'uzw05JG!ety'],
    ['spawn ssh deploy@192.0.2.208\nexpect "password:"\nsend "jesien#Osen13\\r"\ninteract', 'jesien#Osen13'],
    ['#cloud-config\nchpasswd:\n  list: |\n    root:chh06KY!sui\n  expire: False', 'chh06KY!sui'],
    ['mount -t cifs //192.0.2.140/backup /mnt/backup -o username=root,password=Lupo1978@,vers=3.0', 'Lupo1978@'],
    ['App password: wkys afbp rmcf whsn (for the Gmail SMTP in WP Mail SMTP)', 'wkys afbp rmcf whsn'],
  ])('when %j is pasted, then the secret argument is found (C05)', (text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it('when keytool names two keystores, then both passwords are found (C05)', () => {
    expect(secrets('keytool -importkeystore -srckeystore a.pfx -srcstorepass vRSt4!1qb -destkeystore k.jks -deststorepass Lupo1978@')).toEqual(['vRSt4!1qb', 'Lupo1978@']);
  });

  it.each([
    'zip -r backup.zip public_html', '7z a -p backup.7z /var/www', 'ssh-keygen -t ed25519 -N "" -f ~/.ssh/id_ed25519', 'expect "password:"\nsend "$pass\\r"',
    'mount -t cifs //192.0.2.125/backup /mnt -o credentials=/root/.smbcredentials,vers=3.0', 'rdesktop -u admin 192.0.2.10', 'keytool -storepass:env STOREPASS -list',
    'pscp -pw %PASSWORD% file root@host:/tmp/', 'chpasswd:\n  list: |\n    root:RANDOM', 'App password: this will work fine', 'Password: sure will send soon (after lunch)', 'unzip -P is insecure, use 7z instead',
  ])('when %j carries no secret, then nothing is found (C05)', (text) => {
    expect(secrets(text)).toEqual([]);
  });
});

describe('credential round c5, third batch: more languages, tables, setx (C05)', () => {
  it.each([
    ['パスワード：Sakura1999!', 'Sakura1999!'], ['ログインID: admin\nパスワード: Tokyo2001#', 'Tokyo2001#'], ['用户名: root\n密码: Xk29a!pq7', 'Xk29a!pq7'],
    ['아이디: admin / 비밀번호: Seoul1988+', 'Seoul1988+'], ['كلمة المرور: Jakarta2002*', 'Jakarta2002*'], ['סיסמה: Athina1999!', 'Athina1999!'],
    ['Κωδικός πρόσβασης: Athina2011_', 'Athina2011_'], ['Mật khẩu: Hanoi1990@', 'Hanoi1990@'], ['Lozinka: Zagreb1985-', 'Zagreb1985-'],
    ['Slaptažodis: Vilnius1990%', 'Vilnius1990%'], ['Парола: Sofia2003!', 'Sofia2003!'], ['รหัสผ่าน: Bangkok2020!', 'Bangkok2020!'],
  ])('when a password label in another language precedes a value (%j), then the value is found (C05)', (text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it.each([
    ['email,password,quota\ninfo@example.de,Tallinn2001!,1024', 'Tallinn2001!'],
    ['Benutzer;Passwort;Domain\nadmin;Kx7Tq-91a;example.de', 'Kx7Tq-91a'],
    ['login\tпароль\nsvc_web\tIsiuhv244@', 'Isiuhv244@'],
    ['| user | password |\n|---|---|\n| admin | Sommer2024! |', 'Sommer2024!'],
  ])('when a header row has a password column (%j), then the cell under it is the value (C05)', (text, value) => {
    expect(secrets(text)).toEqual([value]);
  });

  it('when a CSV import lists several rows, then each row\'s password cell is found (C05)', () => {
    expect(secrets('email,password\na@example.de,Aa1!aaaa\nb@example.de,Bb2!bbbb\n\nThanks')).toEqual(['Aa1!aaaa', 'Bb2!bbbb']);
  });

  it('when setx sets a password-named variable, then its value is found (C05)', () => {
    expect(secrets('setx DB_PASS "Ljubljana1999!"')).toEqual(['Ljubljana1999!']);
  });

  it.each([
    'パスワードを忘れました。', '忘记密码？', '비밀번호를 잊으셨나요?', 'La parole est à vous : merci de répondre.', 'Parole: nessuna', 'Κωδικός: 4471 (ticket)',
    'email,password,quota', 'User\tPassword\tHost\nadmin\t********\thost1', '| user | password |\n|---|---|\n| admin | (see e-mail) |', 'setx PATH "%PATH%;C:\\tools"',
    'password, username and e-mail are required\nplease fill in all three', 'email,password\ninfo@example.de,unchanged\nkontakt@example.de,webmail',
  ])('when %j holds no secret, then nothing is found (C05)', (text) => {
    expect(secrets(text)).toEqual([]);
  });
});
