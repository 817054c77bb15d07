import { describe, expect, it } from 'vitest';
import { detectSensitiveData, redactSpans, summarizeFindings, toRedactionHtml, type Finding } from '../../../middleware/src/policy/pii/index.js';

const finding = (start: number, end: number): Finding => ({ kind: 'credential', subtype: 'password', start, end, confidence: 0.9, clause: 'C05' });

describe('redaction output', () => {
  it('C04 when a card is redacted, then every character becomes the Zendesk marker and the length is kept', () => {
    const text = 'card 4111 1111 1111 1111 ok';
    const redacted = redactSpans(text, detectSensitiveData(text));
    expect(redacted).toBe('card ▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇▇ ok');
    expect(redacted).toHaveLength(text.length);
  });

  it('C05 when a marker is given, then each span is replaced by it, and overlapping spans are merged', () => {
    expect(redactSpans('a secret b', [finding(2, 8), finding(4, 6)], { marker: '[redacted]' })).toBe('a [redacted] b');
  });

  it('C05 when redacted output is scanned again, then nothing is reported', () => {
    const text = 'password: Summer2024!\ncard 4111111111111111';
    const once = redactSpans(text, detectSensitiveData(text));
    expect(detectSensitiveData(once)).toEqual([]);
  });

  it('C04 when html for comment_redactions is built, then spans are wrapped in <redact> and all text is escaped', () => {
    const text = '<b>pw</b> & "x": p<ss>&1\nnext';
    const start = text.indexOf('p<ss>&1');
    const html = toRedactionHtml(text, [finding(start, start + 'p<ss>&1'.length)]);
    expect(html).toBe('&lt;b&gt;pw&lt;/b&gt; &amp; &quot;x&quot;: <redact>p&lt;ss&gt;&amp;1</redact><br>next');
  });

  it('C29 when findings are summarised for notes and logs, then only kinds and counts appear, never the data', () => {
    const text = 'card 4111111111111111, password: Summer2024!, I have diabetes';
    const summary = summarizeFindings(detectSensitiveData(text));
    expect(summary).toEqual({
      total: 3,
      byKind: { card_number: 1, credential: 1, special_category: 1 },
      byClause: { C04: 1, C05: 1, C06: 1 },
      bySubtype: { 'card_number:visa': 1, 'credential:password': 1, 'special_category:health': 1 },
    });
    const serialised = JSON.stringify(summary);
    expect(serialised).not.toContain('4111');
    expect(serialised).not.toContain('Summer2024');
  });
});
