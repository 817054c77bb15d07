import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

const special = (text: string) => detectSensitiveData(text).filter((f) => f.kind === 'special_category');

describe('special categories (C06, flag only)', () => {
  it.each([
    ['I was diagnosed with diabetes last year.', 'health'],
    ['Ich bin krankgeschrieben.', 'health'],
    ['У меня диабет.', 'health'],
    ['I am Muslim and cannot join on Friday.', 'religion'],
    ['Я член профсоюза.', 'trade_union'],
    ['Er ist vorbestraft.', 'criminal'],
    ['My sexual orientation is irrelevant here.', 'sexual_orientation'],
    ['We store employee fingerprints for the time clock.', 'biometric'],
  ])('C06 when a comment says %j, then it is flagged as %s with low confidence', (text, subtype) => {
    const findings = special(text);
    expect(findings[0]).toMatchObject({ subtype, clause: 'C06' });
    expect(findings[0]?.confidence).toBeLessThanOrEqual(0.5);
  });

  it.each([
    'The health check endpoint returns 503.',
    'Add the SSH host key fingerprint to known_hosts.',
    'chroot jail for SFTP users is not applied.',
    'We use a third-party payment provider.',
    'Diagnose-Tool meldet keine Fehler.',
    'Диагностика сервера не выявила проблем.',
  ])('C06 when a technical sense appears (%j), then nothing is flagged', (text) => {
    expect(special(text)).toEqual([]);
  });
});
