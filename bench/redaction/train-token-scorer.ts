/**
 * Trains the learned backstop of the credential detectors (middleware/src/policy/pii/token-scorer.ts): a logistic model
 * over the features of every token near a password, login or reset word, labelled by the corpus.
 *
 *   npx tsx bench/redaction/train-token-scorer.ts [--leave-out heldout7 [--show 0.85]] [--write | --check]
 *
 * Training data: the generated corpus, the hand-written holdout and the dev splits (heldout2-9). Never the held-out
 * splits (heldout.jsonl and the splits written after this trainer). A token is a positive when it is exactly a labelled
 * credential, a negative when it overlaps no labelled credential; tokens that overlap one without being it (a piece of a
 * passphrase, "KEY=value" whole) are left out.
 *
 * --leave-out NAME trains without that split and reports, on it, what the model adds to the rules at each threshold:
 * credentials found that the rules missed, false alarms, and negative snippets newly flagged. That is how the
 * threshold is chosen: on an author the model never saw.
 * --check trains on everything and exits 1 unless the committed weights are what it gives (the unit test runs it).
 * --write trains on everything and writes middleware/src/policy/pii/token-scorer-weights.ts with THRESHOLD.
 * Deterministic: a fixed seed shuffles the examples, so the same data gives the same weights.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findAnchors } from '../../middleware/src/policy/pii/anchors.js';
import { detectSensitiveData } from '../../middleware/src/policy/pii/index.js';
import { candidatesOf, isPublicHalfOf, scoreOf, type Candidate } from '../../middleware/src/policy/pii/token-scorer.js';
import { TOKEN_SCORER_MODEL } from '../../middleware/src/policy/pii/token-scorer-weights.js';
import { loadCorpus, type CorpusEntry } from './corpus-evaluation.js';
import { seededDraws } from '../../test/fixtures/redaction/seeded-draws.js';

const BITS = 13;
const EPOCHS = 6;
const LEARNING_RATE = 0.2;
const L2 = 1e-6;
const SEED = 0xc10_2026;
/** Chosen with --leave-out heldout6 and heldout7 (see RESULTS.md): the model adds no more false alarms than finds. */
const THRESHOLD = Number(process.env.TOKEN_SCORER_THRESHOLD ?? 0.9);

const fixture = (name: string): string => fileURLToPath(new URL(`../../test/fixtures/redaction/${name}.jsonl`, import.meta.url));
const TRAINING_SPLITS = ['corpus', 'holdout', 'heldout2', 'heldout3', 'heldout4', 'heldout5', 'heldout6', 'heldout7', 'heldout8', 'heldout9'];

interface Example {
  features: number[];
  positive: boolean;
}

function examplesOf(entries: readonly CorpusEntry[]): Example[] {
  const examples: Example[] = [];
  for (const entry of entries) {
    const labels = entry.labels.filter((l) => l.kind === 'credential');
    // Where each labelled value stands (every occurrence).
    const spans: [number, number][] = [];
    for (const label of labels) {
      for (let at = entry.text.indexOf(label.value); at >= 0; at = entry.text.indexOf(label.value, at + 1)) spans.push([at, at + label.value.length]);
    }
    for (const candidate of candidatesOf(entry.text, findAnchors(entry.text), BITS)) {
      const exact = spans.some(([s, e]) => s === candidate.start && e === candidate.end);
      const overlaps = spans.some(([s, e]) => s < candidate.end && candidate.start < e);
      if (overlaps && !exact) continue;
      examples.push({ features: candidate.features, positive: exact });
    }
  }
  return examples;
}

/** Logistic regression by AdaGrad over shuffled examples. */
function train(examples: readonly Example[]): Float32Array {
  const weights = new Float64Array(1 << BITS);
  const squares = new Float64Array(1 << BITS).fill(1e-8);
  const positives = examples.filter((e) => e.positive).length;
  // The gate leaves about as many secrets as other tokens: no class weighting needed.
  const positiveWeight = 1;
  const { random } = seededDraws(SEED);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const example = examples[index]!;
      let sum = 0;
      for (const f of example.features) sum += weights[f]!;
      const p = 1 / (1 + Math.exp(-sum));
      const gradient = (p - (example.positive ? 1 : 0)) * (example.positive ? positiveWeight : 1);
      for (const f of example.features) {
        const g = gradient + L2 * weights[f]!;
        squares[f]! += g * g;
        weights[f]! -= (LEARNING_RATE * g) / Math.sqrt(squares[f]!);
      }
    }
  }
  return Float32Array.from(weights);
}

/** On a split the model never saw: what it adds to the rules at each threshold. */
function evaluateAdded(entries: readonly CorpusEntry[], weights: Float32Array): void {
  const thresholds = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97];
  const rows = thresholds.map((t) => ({ t, found: 0, falseAlarms: 0, negativesFlagged: 0 }));
  let rulesMissed = 0;
  for (const entry of entries) {
    const labels = entry.labels.filter((l) => l.kind === 'credential').map((l) => l.value);
    const rules = detectSensitiveData(entry.text, { scoredTokens: false });
    const ruleValues = rules.filter((f) => f.kind === 'credential').map((f) => entry.text.slice(f.start, f.end));
    const missed = labels.filter((v) => !ruleValues.includes(v));
    rulesMissed += missed.length;
    const candidates = candidatesOf(entry.text, findAnchors(entry.text), BITS);
    const coveredLines = new Set(candidates.filter((c) => rules.some((f) => f.kind === 'credential' && f.start < c.lineEnd && f.end > c.lineStart)).map((c) => c.lineStart));
    const kept: { c: Candidate; s: number }[] = [];
    for (const c of candidates) {
      if (coveredLines.has(c.lineStart)) continue;
      if (rules.some((f) => f.start < c.end && c.start < f.end) || isPublicHalfOf(entry.text, c)) continue;
      kept.push({ c, s: scoreOf(c, weights) });
    }
    if (SHOW !== undefined) {
      for (const { c, s } of kept) {
        if (s < SHOW) continue;
        const value = entry.text.slice(c.start, c.end);
        const line = entry.text.slice(c.lineStart, c.lineEnd);
        console.log(`${missed.includes(value) ? 'FOUND' : 'FALSE'} ${s.toFixed(3)} ${entry.id} ${JSON.stringify(value)} in ${JSON.stringify(line)}`);
      }
    }
    for (const row of rows) {
      let flagged = false;
      for (const { c, s } of kept) {
        if (s < row.t) continue;
        const value = entry.text.slice(c.start, c.end);
        if (missed.includes(value)) row.found++;
        else row.falseAlarms++;
        if (labels.length === 0) flagged = true;
      }
      if (flagged) row.negativesFlagged++;
    }
  }
  console.log(`rules missed ${rulesMissed} credentials`);
  console.log('| threshold | found (of the rules\' misses) | false alarms | negative snippets newly flagged |');
  console.log('|---:|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.t} | ${row.found} | ${row.falseAlarms} | ${row.negativesFlagged} |`);
}

// --show T (dev splits only): each token the model adds at or above T, with its line.
const showAt = process.argv.indexOf('--show');
const SHOW = showAt >= 0 ? Number(process.argv[showAt + 1]) : undefined;
const leaveOutAt = process.argv.indexOf('--leave-out');
const leaveOut = leaveOutAt >= 0 ? process.argv[leaveOutAt + 1] : undefined;
const trainingSplits = TRAINING_SPLITS.filter((name) => name !== leaveOut);
const examples = trainingSplits.flatMap((name) => examplesOf(loadCorpus(fixture(name))));
console.log(`${examples.length} tokens (${examples.filter((e) => e.positive).length} secrets) from ${trainingSplits.join(', ')}`);
const weights = train(examples);
if (leaveOut) evaluateAdded(loadCorpus(fixture(leaveOut)), weights);
if (process.argv.includes('--check')) {
  // Within float32 rounding: the committed weights are what this data and these features give.
  const committed = TOKEN_SCORER_MODEL.weights;
  let worst = 0;
  for (let i = 0; i < weights.length; i++) worst = Math.max(worst, Math.abs(weights[i]! - committed[i]!));
  if (committed.length !== weights.length || worst > 1e-3) {
    console.error(`weights differ from token-scorer-weights.ts (largest difference ${worst}): run with --write`);
    process.exit(1);
  }
  console.log(`weights match (largest difference ${worst})`);
}
if (process.argv.includes('--write')) {
  const base64 = Buffer.from(weights.buffer).toString('base64');
  const out = fileURLToPath(new URL('../../middleware/src/policy/pii/token-scorer-weights.ts', import.meta.url));
  writeFileSync(
    out,
    [
      '// Generated by `npx tsx bench/redaction/train-token-scorer.ts --write`; do not edit. Trained on the generated corpus, the',
      `// hand-written holdout and the dev splits (${TRAINING_SPLITS.join(', ')}): ${examples.length} tokens.`,
      `const BITS = ${BITS};`,
      `const WEIGHTS = '${base64}';`,
      'const bytes = Buffer.from(WEIGHTS, \'base64\');',
      `export const TOKEN_SCORER_MODEL = { bits: BITS, threshold: ${THRESHOLD}, weights: new Float32Array(new Uint8Array(bytes).buffer) };`,
      '',
    ].join('\n'),
  );
  console.log(`wrote ${out}`);
}
