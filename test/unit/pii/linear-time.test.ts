import { describe, expect, it } from 'vitest';
import { detectSensitiveData, resetWorkCounter, scanText, workCounted } from '../../../middleware/src/policy/pii/index.js';

/*
 * Work is counted, not timed: every detector adds the characters and candidates it examines
 * (policy/pii/scan-work.ts), so these budgets hold on a loaded machine. The budget is generous
 * (ordinary text costs about 30 steps per character, one per regex pass and a few for the loops);
 * what it rules out is work growing faster than the input, which is what made a 100 KB comment
 * take minutes before.
 */
const STEPS_PER_CHAR = 150;
const CONSTANT = 50_000;

const repeatTo = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

function stepsFor(text: string): number {
  resetWorkCounter();
  detectSensitiveData(text);
  return workCounted();
}

// Inputs that made the old detectors super-linear, and others built to stress each detector's loops.
const ADVERSARIAL: Record<string, string> = {
  'digits joined by single spaces': '1 ',
  'digits joined by dashes': '1-',
  'digits joined by dots': '1.',
  '"4111 " repeated': '4111 ',
  '"4111-" repeated': '4111-',
  'one long digit run': '4',
  'groups of four with double spaces': '4111  ',
  'digits split by &nbsp;': '4111&nbsp;',
  'digits split by tags': '4111<b>',
  'digits across quoted lines': '4111\n> ',
  'repeated password labels': 'password ',
  'repeated password colons': 'password: ',
  'repeated env labels': 'DB_PASSWORD=',
  'repeated mysql commands': 'mysql -u ',
  'repeated curl -u': 'curl -u a:',
  'repeated token labels': 'token: ',
  'repeated login/password': 'login/password: ',
  'repeated credentials label': 'credentials ',
  'repeated BEGIN lines': '-----BEGIN RSA PRIVATE KEY-----\n',
  'repeated URL userinfo': 'a://b:',
  'repeated JWT starts': 'eyJ.',
  'repeated Bearer': 'Bearer ',
  'a long line of letters': 'abcdefgh',
  'a long run of capitals': 'A',
  'a long run of spaces': ' ',
  'a long run of newlines': '\n',
  'repeated special-category terms': 'krankheit ',
  'repeated card words': 'card ',
  'digits split by styled tags': '4111<span style="font-family:Calibri,sans-serif;font-size:11pt;color:#1f1f1f">',
  'digits split by unclosed tags': '4<span style="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ',
  'digits split by zero-width spaces': '4111\u200b',
  'digits wrapped by bare line breaks': '41111\n',
  'repeated special-category prefixes': 'pro con dis ',
  'repeated user pass lines': 'user root pass ',
  'repeated host then lone lines': 'https://a.b\nroot\nS3cret1\n',
  'digits across <br>&gt; quoted lines': '4111<br>&gt; ',
  'digits across CRLF >> quoted lines': '1\r\n>> ',
  'digits split by soft hyphens': '4111&shy;',
  'single digits on lines of their own': '4\n',
  'single digits on quoted lines': '4\n> ',
  'digits split by <wbr>': '4111<wbr>',
  'digits split by numeric entities': '4111&#8194;',
  'digits then a full stop and a word': '4111.Thanks ',
  'digits across paragraphs': '4111</p>\r\n<p>',
  'single digits each behind a zero-width space': '4\u200b',
  'full-width digit groups': '４１１１\u3000',
  'digit groups split by "/"': '4111/',
  'digit groups split by ","': '4111,',
  'digit groups split by quoted-printable soft breaks': '4111=\r\n',
  'digit groups split by =20 and %20': '4111=20 4111%20',
  'digits glued to card words': 'card4111 ',
  'digits after "No."': 'No.4111 ',
  'digits in pairs': '41 ',
  'numbered list items between digits': '4111\n1) ',
  'digits after a label word': 'Order number 4111111111111111 ',
  // Credential recall pass (issue 15): the new labels, commands, panel pairs and HTML segments.
  'repeated PIN labels': 'pin: ',
  'repeated parenthetical labels': 'Passwort (neu) ',
  'repeated labels in table cells': '<td>password</td><td>',
  'repeated key labels before tags': 'API key: <code>',
  'repeated ssh logins': 'ssh root@192.0.2.1 ',
  'repeated lftp -u': 'lftp -u a,',
  'repeated net use /user:': 'net use Z: /user:a ',
  'repeated .pgpass starts': 'localhost:5432:',
  'repeated secret_key': 'secret_key ',
  'repeated panel URL with a dash': 'https://a.b:2083 — (a / ',
  'repeated HTML paragraphs after a panel URL': '<p>https://a.b:2087</p><p>',
  // Panel-login speed pass (issue 15): dotted quads found from digit-dot-digit anchors, lines below hosts read by shape.
  'repeated IP address lines': '10.0.0.1\n',
  'IP-like runs glued to longer digit runs': '1234.5.6.7.8 ',
  'repeated host words over short lines': 'server\nadmin\nx1\n',
  'host lines followed by lines of tags': 'ssh\n<b>a</b><i>\n',
  'repeated seven-word pair-like lines': 'ftp\n- login a : b / c 1\n',
  // Issue 15: Outlook spans with long style attributes, JSON space escapes, listish separators, careless splits, labels.
  'digits split by long Outlook spans': `4111</span><span lang=DE style='${'font-size:11.0pt;color:#1F497D;'.repeat(9)}'>`,
  'digits split by JSON \\u00a0 escapes': '4111\\u00a0',
  'digits split by " / " and " | "': '4111 / 4111 | ',
  'digits in brackets': '[4111] ',
  'carelessly split digits after card words': 'card 4111 11111111 1111 ',
  'digits after a payment id label': 'Payment ID 4111111111111111 ',
  'digits after a bulleted heading': 'from my account:\n* 4111 1111 1111 1111\n',
  // Credentials round 2: passphrase-like word runs after a label, reset links' query strings, ncftp, transfer-code labels.
  'repeated labels before lower-case word runs': 'password: lamp horse winter garden river ',
  'one long URL of reset query parameters': 'reset?token=aaaaaaaaaaaaaaaaaaaa&',
  'repeated ncftp -u': 'ncftp -u a ',
  'repeated auth-user-pass lines': 'auth-user-pass:\na\n',
  'backup code lists': 'Backup codes:\n1234-5678\n',
  'repeated setup keys': 'setup key: abcd abcd abcd ',
  'repeated transfer-code labels and adjectives': 'EPP code: contraseña temporal ',
  // Credential round c5: compound keys, XML elements, mail transcripts, chat lines, positional and CLI secrets.
  'repeated camelCase password keys': '"dbPassword": "',
  'repeated unquoted camelCase keys': 'rootPassword: dbPass',
  'repeated glued password keys in a long name': 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaPassword',
  'repeated unclosed XML password elements': '<password>',
  'repeated XML password elements with attributes': '<Pass encoding="base64" a="',
  'repeated CDATA openings': '<password><![CDATA[',
  'repeated AUTH PLAIN lines': 'AUTH PLAIN\n',
  'repeated AUTH PLAIN with base64': 'AUTH PLAIN AGFkbWluAFMzY3JldA',
  'repeated AUTH LOGIN password prompts': '334 UGFzc3dvcmQ6\n',
  'repeated IMAP logins': 'a1 LOGIN u ',
  'repeated USER and PASS lines': 'USER a\nPASS ',
  'repeated chat phrases after a password word': 'password changed it to ',
  'repeated try': 'try ',
  'repeated Turkish verb-final phrases': 'Abc1! olarak değiştirdim',
  'repeated Turkish phrases without spaces': 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa olarak değiştirdim',
  'repeated mysqli_connect arguments': "mysqli_connect('a', ",
  'repeated new PDO calls': "new PDO('a', 'b', ",
  'repeated sqlplus logins': 'sqlplus a/',
  'repeated sqlcmd -P': 'sqlcmd -S a -P ',
  'repeated docker login -p': 'docker login -u a -p ',
  'repeated redis AUTH prompts': '6379> AUTH a ',
  'repeated sasl_passwd ports': 'smtp.a.de:587 a:',
  'repeated Cisco type-0 passwords': 'password 0 ',
  'repeated psk=': 'psk=',
  'repeated {PLAIN}': '{PLAIN}',
  'repeated composer http-basic': 'http-basic.a b ',
  'repeated security answers': 'Security answer: ',
  'repeated scratch code labels': 'emergency scratch codes are:\n',
  // Credential round c5, second batch: tool command lines, CIFS options, app passwords.
  'repeated zip -P': 'zip -P ',
  'repeated 7z -p': '7z a -p',
  'repeated keytool -storepass': '-storepass -keypass ',
  'repeated expect prompts': 'expect "password:"\nsend "',
  'repeated psexec -p': 'psexec -u a -p ',
  'repeated cloud-init chpasswd lists': 'chpasswd:\n  list: |\n    ',
  'repeated comma-separated mount options': 'password=a,b=',
  'repeated app password labels': 'App password: abcd efgh ijkl ',
  // Credential round c5, third batch: labels in more languages, header rows with a password column.
  'repeated unspaced labels': 'パスワード：',
  'repeated Greek labels': 'κωδικός: ',
  'repeated CSV header cells': 'password,',
  'a CSV header then many rows': 'email,password\na,Aa1!aaaa\n',
  'repeated markdown rules under a header': '| user | password |\n|---|---|\n',
  // Card round c5 (card-number-forms.ts): other digit scripts, bidi marks, digit references, number words, chat prefixes, odd separators.
  'Arabic-Indic digit groups': '\u0664\u0661\u0661\u0661 ',
  'Persian digits behind right-to-left marks': '\u200f\u06f4\u06f1\u06f1\u06f1\u200f ',
  'digits between bidi isolates': '\u20664111\u2069 ',
  'digits as numeric character references': '&#52;&#49;&#x31;&#49; ',
  'number words after a card word': 'card four one one one ',
  'number words only': 'vier eins eins eins, ',
  'double and triple number words after a card word': 'card double triple double four ',
  'chat lines of digits by one speaker': '[10:42] Customer: 4111 1111\n',
  'chat lines of digits by two speakers': 'Agent: 4111\nCustomer: 1111\n',
  'digits split by "*" and ":" after a card word': 'card 4111*1111:',
  'card words and log time stamps': 'card [22/Jun/2025:01:27:13 ',
  // Credential round c6: "the new one:", "pwd X" lines, security questions, BMC words, host names with a port.
  'repeated "the new one:" tokens': 'the new one: ab12cd! ',
  'repeated pwd lines': 'pwd Abc1!xyz\n',
  'repeated pwd after block tags': '<div>pwd ',
  'pwd after long runs of quote marks': '>>>>>>>>>>>>>>>>>>>> pwd ',
  'repeated security questions': 'Sicherheitsfrage: a, ',
  'security questions before long lines': `Sicherheitsfrage ${'a'.repeat(150)}\n${'b'.repeat(70)} `,
  'repeated BMC words': 'IPMI: ',
  'repeated BMC pairs': 'iDRAC (a): root / ',
  'repeated host names with a port': 'SFTP a.example.com port 22 ',
  'one line of host words and names with ports': 'ftp a.b port 1 ',
  'digits then long quote markers': '4\n>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> ',
};

describe('detector work grows linearly with the input (C04, C05)', () => {
  for (const [name, unit] of Object.entries(ADVERSARIAL)) {
    it(`C04 C05 when a comment is ${name} (10 KB and 100 KB), then the work stays within a linear budget`, () => {
      const small = stepsFor(repeatTo(unit, 10_000));
      const large = stepsFor(repeatTo(unit, 100_000));
      expect(large).toBeLessThanOrEqual(STEPS_PER_CHAR * 100_000 + CONSTANT);
      // Ten times the input, at most about ten times the work (plus slack for fixed costs).
      expect(large).toBeLessThanOrEqual(12 * small + CONSTANT);
    });
  }

  it('C04 C05 when seeded random mixes of digits, separators and keywords are scanned, then every one stays within the budget', () => {
    const tokens = ['4111', '1', '5555', '0', ' ', '  ', '-', '.', '\n', '> ', '&nbsp;', '<b>', 'password', ': ', '=', 'card ', 'token ', 'mysql -p', 'eyJ', '/', '@', 'x', 'Bearer ', '-----BEGIN ', '<br>', '&gt; ', '&shy;', '<wbr>', '</p><p>', '\r\n',
      // Card separators and forms of the fourth pass.
      ',', '_', '+', '\u200b', '\u3000', '４１１１', '=\r\n', '=20', '%20', '&ndash;', 'card', 'No.', ')', '\u2028',
      // Credential recall pass (issue 15).
      'ssh ', 'root@192.0.2.1', 'pin', 'ww', '(', '—', '</td><td>', 'lftp -u ', 'net user ', 'https://a.b:2083', '**', '„', '`', 'secret_key', ':5432:',
      // Credential round c5.
      'Password', 'db', '"', "'", ' => ', '<password>', '</password>', '<![CDATA[', 'AUTH PLAIN ', '334 UGFzc3dvcmQ6', 'a1 LOGIN ', 'USER ', 'PASS ', 'try ',
      'changed it to ', ' olarak değiştirdim', 'mysqli_connect(', 'sqlplus ', '6379> AUTH ', ':587 ', 'psk=', '{PLAIN}', 'Abc1!',
      // Card round c5.
      '\u0664\u0661', '\u06f1', '\u200e', '\u2066', '&#52;', 'four ', 'eins ', 'double ', 'Customer: ', '[10:42] ', '*', '~', ':', '\u30fb'];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let round = 0; round < 20; round++) {
      let text = '';
      while (text.length < 50_000) text += tokens[Math.floor(random() * tokens.length)];
      expect(stepsFor(text)).toBeLessThanOrEqual(STEPS_PER_CHAR * text.length + CONSTANT);
    }
  });

  it('C04 C05 when a 1 MB comment of digit groups is scanned, then the work stays within the budget', () => {
    const text = repeatTo('4111 1111 ', 1_000_000);
    expect(stepsFor(text)).toBeLessThanOrEqual(STEPS_PER_CHAR * text.length + CONSTANT);
  });

  it('when a comment is longer than the per-comment cap, then only the cap is scanned and the result says so', () => {
    const text = `card 4111 1111 1111 1111 ${'x'.repeat(200)} card 5555 5555 5555 4444`;
    const result = scanText(text, 100);
    expect(result.truncated).toBe(true);
    expect(result.scannedChars).toBe(100);
    expect(result.findings.map((f) => f.subtype)).toEqual(['visa']);
    expect(scanText(text).truncated).toBe(false);
  });
});
