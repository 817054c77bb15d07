import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';

// The panel-login detector (config-and-commands.ts) after its speed pass: lines below a host are judged by their shape
// before any pattern runs, hosts come from anchors (dotted quads from digit-dot-digit anchors) and the finder keeps the
// host it found last. Each case pins a boundary of those shortcuts: moved, the case goes red.
const secrets = (text: string): string[] =>
  detectSensitiveData(text).filter((f) => f.kind === 'credential').map((f) => text.slice(f.start, f.end));

describe('panel logins: the shortcuts keep what the patterns find (C05)', () => {
  it('C05 when a pair line below a host has seven words (dash, label, colon, bracket, user, slash, secret), then its secret is found', () => {
    expect(secrets('ssh 10.0.0.5\n— login : ( admin / Xk9#pq2!Lm)')).toEqual(['Xk9#pq2!Lm']);
  });

  it('C05 when the pair has no digit at all and a "/" between user and secret, then the secret is found', () => {
    expect(secrets('ssh 10.0.0.5\nadmin / Xk#pq!Lm')).toEqual(['Xk#pq!Lm']);
  });

  it('C05 when a line of only a no-break space stands between the user and the secret below a host, then the secret is found', () => {
    expect(secrets('ssh 10.0.0.5\nadmin\n\u00a0\nXk9#pq2!Lm')).toEqual(['Xk9#pq2!Lm']);
  });

  it('C05 when another address line comes two lines below a host, then the count starts again there and the pair under it is found', () => {
    const text = 'ssh a.example.com\nwe moved the site yesterday evening to the new box\nplease check everything again and tell me soon\nhttps://panel.example.com:8443\nadmin / Xk9#pq2!Lm';
    expect(secrets(text)).toEqual(['Xk9#pq2!Lm']);
  });

  it('C05 when the address is an IP whose first group has three digits, then the pair below it is found', () => {
    // No host word on the line: the IP alone makes it an address line.
    expect(secrets('our box 192.168.1.10\nadmin / Xk9#pq2!Lm')).toEqual(['Xk9#pq2!Lm']);
  });

  it('C05 when a version number has a fourth group of four digits (1.2.3456), then it is no address and the line below is not read as a login', () => {
    expect(secrets('version 1.2.3456\nadmin / Xk9#pq2!Lm')).toEqual([]);
  });

  it('C05 when a version number has a dash where a fourth dot would stand (1.2.345-6), then it is no address and the line below is not read as a login', () => {
    expect(secrets('build 1.2.345-6\nadmin / Xk9#pq2!Lm')).toEqual([]);
  });

  it('C05 when "://" is followed by a space, then it is no address and the line below is not read as a login', () => {
    expect(secrets('see http:// \nadmin / Xk9#pq2!Lm')).toEqual([]);
  });

  it('C05 when many hosts and lines follow one another, then every pair under each host is found once, in order', () => {
    const block = (i: number): string => `server 10.0.${i}.1\nadmin${i} / Xk9#pq2!L${i}\n\n`;
    const text = Array.from({ length: 5 }, (_, i) => block(i)).join('');
    expect(secrets(text)).toEqual(['Xk9#pq2!L0', 'Xk9#pq2!L1', 'Xk9#pq2!L2', 'Xk9#pq2!L3', 'Xk9#pq2!L4']);
  });
  it('C05 when the pair below a host is one word whose user starts like a user label (buchhaltung:…), then its secret is found', () => {
    expect(secrets('https://server5.example.de:2083/\nbuchhaltung:HVZAjyca7792')).toEqual(['HVZAjyca7792']);
  });

  it('C05 when a line below a host has a dash, a user label and a lone colon before the pair, then those words do not count and the secret is found', () => {
    expect(secrets('ssh 10.0.0.5\n- user : admin | Xk9#pq2!Lm')).toEqual(['Xk9#pq2!Lm']);
  });

  it('C05 when a line below a host has three words and the middle one is no separator, then it is no pair', () => {
    expect(secrets('ssh 10.0.0.5\nadmin x Xk9#pq2!Lm')).toEqual([]);
  });
});
