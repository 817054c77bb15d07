import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Finding, FindingKind } from '../../middleware/src/policy/pii/index.js';

const CorpusEntrySchema = z.object({
  id: z.string(),
  text: z.string(),
  labels: z.array(z.object({
    kind: z.enum(['card_number', 'credential', 'special_category']),
    subtype: z.string(),
    value: z.string(),
  })),
});
/** One labelled snippet of test/fixtures/redaction/corpus.jsonl. */
export type CorpusEntry = z.infer<typeof CorpusEntrySchema>;

export const CORPUS_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/corpus.jsonl', import.meta.url));

export function loadCorpus(path: string = CORPUS_PATH): CorpusEntry[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = CorpusEntrySchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`corpus line ${i + 1} is malformed: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** Precision/recall counts for one detector family. */
export interface DetectorScore {
  kind: FindingKind;
  /** How a hit is counted: an exact span equal to a labelled value, or per snippet (C06 is flag-only). */
  unit: 'exact span' | 'snippet';
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Among true positives, how many had the labelled subtype (e.g. 'amex'). */
  subtypeAgreement: number;
  /** Ids of snippets with a miss or a false alarm, to look at when a number moves. */
  missed: string[];
  falseAlarms: string[];
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);

/**
 * Scores a detector against the corpus. Cards and credentials must hit the labelled value exactly (the span
 * is what gets redacted); special categories are flag-only, so a snippet counts once.
 */
export function scoreCorpus(entries: readonly CorpusEntry[], detect: (text: string) => Finding[]): DetectorScore[] {
  const exactKinds: FindingKind[] = ['card_number', 'credential'];
  const scores = new Map<FindingKind, DetectorScore>();
  const score = (kind: FindingKind, unit: DetectorScore['unit']): DetectorScore => {
    let s = scores.get(kind);
    if (!s) {
      s = { kind, unit, truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 0, recall: 0, subtypeAgreement: 0, missed: [], falseAlarms: [] };
      scores.set(kind, s);
    }
    return s;
  };
  for (const kind of exactKinds) score(kind, 'exact span');
  score('special_category', 'snippet');

  for (const entry of entries) {
    const findings = detect(entry.text);
    for (const kind of exactKinds) {
      const s = score(kind, 'exact span');
      const labels = entry.labels.filter((l) => l.kind === kind);
      const found = findings.filter((f) => f.kind === kind);
      const matched = new Set<Finding>();
      for (const label of labels) {
        const hit = found.find((f) => !matched.has(f) && entry.text.slice(f.start, f.end) === label.value);
        if (hit) {
          matched.add(hit);
          s.truePositives += 1;
          if (hit.subtype === label.subtype) s.subtypeAgreement += 1;
        } else {
          s.falseNegatives += 1;
          s.missed.push(entry.id);
        }
      }
      for (const f of found) {
        if (!matched.has(f)) {
          s.falsePositives += 1;
          s.falseAlarms.push(entry.id);
        }
      }
    }
    const special = score('special_category', 'snippet');
    const labelled = entry.labels.find((l) => l.kind === 'special_category');
    const flagged = findings.filter((f) => f.kind === 'special_category');
    if (labelled && flagged.length > 0) {
      special.truePositives += 1;
      if (flagged.some((f) => f.subtype === labelled.subtype)) special.subtypeAgreement += 1;
    } else if (labelled) {
      special.falseNegatives += 1;
      special.missed.push(entry.id);
    } else if (flagged.length > 0) {
      special.falsePositives += 1;
      special.falseAlarms.push(entry.id);
    }
  }
  return [...scores.values()].map((s) => ({
    ...s,
    precision: ratio(s.truePositives, s.truePositives + s.falsePositives),
    recall: ratio(s.truePositives, s.truePositives + s.falseNegatives),
  }));
}

/** The targets the brief sets; special categories have none (flag-only, low confidence by design). */
export const TARGETS: Readonly<Partial<Record<FindingKind, { precision: number; recall: number }>>> = {
  card_number: { precision: 0.995, recall: 1 },
  credential: { precision: 0.95, recall: 0.95 },
};

export function formatScoreTable(scores: readonly DetectorScore[]): string {
  const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
  const rows = scores.map((s) => {
    const target = TARGETS[s.kind];
    const verdict = target === undefined ? 'no target' : s.precision >= target.precision && s.recall >= target.recall ? 'meets target' : 'BELOW TARGET';
    const targetText = target === undefined ? '—' : `P ≥ ${pct(target.precision)}, R ≥ ${pct(target.recall)}`;
    return `| ${s.kind} | ${s.unit} | ${s.truePositives} | ${s.falsePositives} | ${s.falseNegatives} | ${pct(s.precision)} | ${pct(s.recall)} | ${s.subtypeAgreement}/${s.truePositives} | ${targetText} | ${verdict} |`;
  });
  return [
    '| detector | counted per | TP | FP | FN | precision | recall | subtype agrees | target | verdict |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...rows,
  ].join('\n');
}
