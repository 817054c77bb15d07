import { describe, expect, it } from 'vitest';
import { detectSensitiveData } from '../../../middleware/src/policy/pii/index.js';
import { TARGETS, loadCorpus, scoreCorpus } from '../../../bench/redaction/corpus-evaluation.js';

describe('labelled corpus targets', () => {
  const entries = loadCorpus();
  const scores = scoreCorpus(entries, detectSensitiveData);
  const byKind = (kind: string) => scores.find((s) => s.kind === kind);

  it('when the corpus is loaded, then it holds at least 300 positive and 1,000 negative snippets', () => {
    expect(entries.filter((e) => e.labels.length > 0).length).toBeGreaterThanOrEqual(300);
    expect(entries.filter((e) => e.labels.length === 0).length).toBeGreaterThanOrEqual(1000);
  });

  it('C04 when the detectors run over the corpus, then card recall is 100% and precision at least 99.5%', () => {
    const card = byKind('card_number');
    expect({ recall: card?.recall, missed: card?.missed }).toEqual({ recall: TARGETS.card_number?.recall, missed: [] });
    expect(card?.precision, `false alarms: ${card?.falseAlarms.join(', ')}`).toBeGreaterThanOrEqual(TARGETS.card_number?.precision ?? 1);
  });

  it('C05 when the detectors run over the corpus, then credential precision and recall are at least 95%', () => {
    const credential = byKind('credential');
    expect(credential?.recall, `missed: ${credential?.missed.join(', ')}`).toBeGreaterThanOrEqual(TARGETS.credential?.recall ?? 1);
    expect(credential?.precision, `false alarms: ${credential?.falseAlarms.join(', ')}`).toBeGreaterThanOrEqual(TARGETS.credential?.precision ?? 1);
  });

  it('C06 when the detectors run over the corpus, then special-category flags stay above 80% precision and recall', () => {
    const special = byKind('special_category');
    expect(special?.precision).toBeGreaterThanOrEqual(0.8);
    expect(special?.recall).toBeGreaterThanOrEqual(0.8);
  });
});
