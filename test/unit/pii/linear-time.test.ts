import { describe, expect, it } from 'vitest';
import { detectSensitiveData, resetWorkCounter, scanText, workCounted } from '../../../middleware/src/policy/pii/index.js';
import { ADVERSARIAL } from '../../fixtures/redaction/adversarial-inputs.js';

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

// The adversarial units live in test/fixtures/redaction/adversarial-inputs.ts (the hostile-input bench times them too).

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
