import { describe, expect, it } from 'vitest';
import { mayCarrySurrogateEscape, nestsDeeperThan, wellFormed, withWellFormedText } from '../../../middleware/src/webhooks/json-guard.js';

describe('JSON guards that never recurse (C29)', () => {
  it('when brackets nest past the limit, then the text is flagged; brackets inside strings do not count', () => {
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[[[[[[[","b":"\\"[[[["}', 2)).toBe(false);
    expect(nestsDeeperThan(`{"x":${'['.repeat(200_000)}`, 64)).toBe(true);
  });

  it('when a string holds a lone surrogate, then it becomes U+FFFD and a proper pair is kept', () => {
    expect(wellFormed('a\ud800b')).toBe('a\ufffdb');
    expect(wellFormed('a\udc00b')).toBe('a\ufffdb');
    expect(wellFormed('😀')).toBe('😀');
  });

  it('when a parsed value carries lone surrogates in keys and values, then the copy is well-formed, keeps "__proto__" as a plain key and leaves other values alone', () => {
    const parsed = JSON.parse('{"t\\ud800":["x\\udc00",1,null,{"__proto__":{"polluted":true}}],"n":2}');
    const copy = withWellFormedText(parsed) as Record<string, unknown>;
    expect(copy).toEqual({ 't\ufffd': ['x\ufffd', 1, null, JSON.parse('{"__proto__":{"polluted":true}}')], n: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf((copy['t\ufffd'] as unknown[])[3])).toBe(Object.prototype);
  });

  it('when the text has no surrogate escape, then the walk is skipped', () => {
    expect(mayCarrySurrogateEscape('{"a":"\\u00e9"}')).toBe(false);
    expect(mayCarrySurrogateEscape('{"a":"\\uD83D\\uDE00"}')).toBe(true);
  });
});
