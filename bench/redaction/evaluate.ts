/**
 * Precision and recall of the C04/C05/C06 detectors over the labelled corpus, the hand-written holdout set, the four
 * dev splits and the held-out splits.
 *
 *   npx tsx bench/redaction/evaluate.ts [--misses] [--training | --dev-only] [--with-backstop]
 *
 * --misses prints, for the training corpus and the dev splits only, each missed label and each false alarm with its
 * text, so detectors are tuned on those. --training scores the training corpus alone: no other file is read, nothing
 * of them is printed and RESULTS.md is left as it is (for tuning runs). --dev-only scores the training corpus, the
 * holdout and the dev splits and reads no held-out split at all (for tuning rounds: a filter of the full output can leak). The held-out splits (heldout.jsonl,
 * heldout14.jsonl, heldout15.jsonl) are reported as totals only (no snippet ids, no texts), so looking at their figures does not show
 * what to tune on. heldout2.jsonl and heldout3.jsonl (round c7) and heldout4.jsonl (round c8) were held out until
 * 2026-12-07 (sixth session), heldout5.jsonl until the seventh session (round c9), heldout6.jsonl and heldout7.jsonl until
 * the eighth session (round c10), heldout8.jsonl from its first runs to round c11 (same session), heldout9.jsonl until the ninth session (round c12), heldout10.jsonl and heldout11.jsonl until the tenth (round c14), heldout12.jsonl and heldout13.jsonl from one run in the tenth session (round c15); they are dev splits since: their
 * misses were read and the detectors changed for them, so their figures are no evidence.
 *
 * Prints a table per data set and rewrites the evaluation section of bench/redaction/RESULTS.md.
 * Exits 1 when the generated corpus misses a target, so it can gate CI as well as the unit test does.
 */
import { fileURLToPath } from 'node:url';
import { detectSensitiveData } from '../../middleware/src/policy/pii/index.js';
import { CORPUS_PATH, TARGETS, formatScoreTable, loadCorpus, scoreCorpus, type DetectorScore } from './corpus-evaluation.js';
import { machineLine, writeEvaluationSection } from './results-file.js';

const HOLDOUT_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/holdout.jsonl', import.meta.url));
const HELDOUT_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout.jsonl', import.meta.url));
const HELDOUT2_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout2.jsonl', import.meta.url));
const HELDOUT3_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout3.jsonl', import.meta.url));
const HELDOUT4_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout4.jsonl', import.meta.url));
const HELDOUT5_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout5.jsonl', import.meta.url));
const HELDOUT6_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout6.jsonl', import.meta.url));
const HELDOUT7_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout7.jsonl', import.meta.url));
const HELDOUT8_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout8.jsonl', import.meta.url));
const HELDOUT9_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout9.jsonl', import.meta.url));
const HELDOUT10_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout10.jsonl', import.meta.url));
const HELDOUT11_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout11.jsonl', import.meta.url));
const HELDOUT12_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout12.jsonl', import.meta.url));
const HELDOUT13_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout13.jsonl', import.meta.url));
const HELDOUT14_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout14.jsonl', import.meta.url));
const HELDOUT15_PATH = fileURLToPath(new URL('../../test/fixtures/redaction/heldout15.jsonl', import.meta.url));
const SHOW_MISSES = process.argv.includes('--misses');
const TRAINING_ONLY = process.argv.includes('--training');
const DEV_ONLY = process.argv.includes('--dev-only');
// The product's default is scored: the rules, without the learned backstop (SUSPECTED_SECRETS=off). --with-backstop: the
// same tables with it on (what SUSPECTED_SECRETS=flag adds, as flags); printed only, RESULTS.md is left as it is.
const WITH_BACKSTOP = process.argv.includes('--with-backstop');
const detect = (text: string) => detectSensitiveData(text, { scoredTokens: WITH_BACKSTOP });

/** The targets for the held-out split (issue 15): stricter precision, a cap on flagged negatives. */
const HELDOUT_TARGETS = { card: { precision: 0.99, recall: 0.99 }, credential: { precision: 0.97, recall: 0.95 }, negativesFlagged: 0.02 };

function describe(name: string, path: string, heldOut = false, tunedOn = false): { markdown: string; scores: DetectorScore[]; negativesFlagged: number; negatives: number } {
  const entries = loadCorpus(path);
  const positives = entries.filter((e) => e.labels.length > 0).length;
  const scores = scoreCorpus(entries, detect);
  // A negative snippet is flagged when anything that would be redacted (a card or a credential) is found in it.
  const negativeEntries = entries.filter((e) => e.labels.length === 0);
  const negativesFlagged = negativeEntries.filter((e) => detect(e.text).some((f) => f.kind !== 'special_category')).length;
  const misses = scores.flatMap((s) => [...new Set(s.missed)].map((id) => `${s.kind} missed in ${id}`))
    .concat(scores.flatMap((s) => [...new Set(s.falseAlarms)].map((id) => `${s.kind} false alarm in ${id}`)));
  const markdown = [
    `### ${name}`,
    '',
    `${entries.length} snippets (${positives} with labels, ${entries.length - positives} without).`,
    '',
    formatScoreTable(scores),
    '',
    `Negative snippets with a card or credential flagged: ${negativesFlagged} of ${negativeEntries.length} (${((100 * negativesFlagged) / Math.max(1, negativeEntries.length)).toFixed(2)}%).`,
    '',
    heldOut
      ? `Held out: ${misses.length} misses and false alarms in total; ids and texts are not reported, so they cannot be tuned on.`
      : misses.length === 0 ? 'No misses or false alarms.' : `Misses and false alarms (snippet ids only): ${misses.join('; ')}.`,
  ].join('\n');
  // Only the splits tuned on (training and dev): the hand-written holdout is a regression guard, and its lines printed
  // here were seen by tuners who filtered this output by its heading (session 3).
  if (SHOW_MISSES && tunedOn) printMissDetails(entries);
  return { markdown, scores, negativesFlagged, negatives: negativeEntries.length };
}

/** Training and dev splits only: each missed label and each false alarm, with the text around it. */
function printMissDetails(entries: ReturnType<typeof loadCorpus>): void {
  for (const entry of entries) {
    const findings = detect(entry.text).filter((f) => f.kind !== 'special_category');
    const found = findings.map((f) => ({ f, value: entry.text.slice(f.start, f.end) }));
    const labels = entry.labels.filter((l) => l.kind !== 'special_category');
    const missed = labels.filter((l) => !found.some((x) => x.f.kind === l.kind && x.value === l.value));
    const extra = found.filter((x) => !labels.some((l) => l.kind === x.f.kind && l.value === x.value));
    if (missed.length === 0 && extra.length === 0) continue;
    console.log(`--- ${entry.id}: ${JSON.stringify(entry.text)}`);
    for (const l of missed) console.log(`    MISSED ${l.kind}/${l.subtype}: ${JSON.stringify(l.value)}`);
    for (const x of extra) console.log(`    FALSE  ${x.f.kind}/${x.f.subtype}: ${JSON.stringify(x.value)}`);
  }
}

const corpus = describe('Generated corpus (test/fixtures/redaction/corpus.jsonl)', CORPUS_PATH, false, true);
if (TRAINING_ONLY) {
  console.log(corpus.markdown);
  process.exit(trainingBelowTarget() ? 1 : 0);
}
const holdout = describe('Hand-written holdout (test/fixtures/redaction/holdout.jsonl)', HOLDOUT_PATH);
const heldout8 = describe('Dev split (test/fixtures/redaction/heldout8.jsonl): held out for its first runs on 2026-12-07, tuned on since (round c11)', HELDOUT8_PATH, false, true);
const heldout9 = describe('Dev split (test/fixtures/redaction/heldout9.jsonl): held out for its first runs on 2026-12-07, tuned on since (round c12, ninth session)', HELDOUT9_PATH, false, true);
const heldout7 = describe('Dev split (test/fixtures/redaction/heldout7.jsonl): held out for one run on 2026-12-07, tuned on since (round c10)', HELDOUT7_PATH, false, true);
const heldout6 = describe('Dev split (test/fixtures/redaction/heldout6.jsonl): held out for two runs on 2026-12-07, tuned on since (round c10)', HELDOUT6_PATH, false, true);
const heldout5 = describe('Dev split (test/fixtures/redaction/heldout5.jsonl): held out for one run on 2026-12-07, tuned on since (round c9)', HELDOUT5_PATH, false, true);
const heldout4 = describe('Dev split (test/fixtures/redaction/heldout4.jsonl): held out for one run on 2026-12-07, tuned on since (round c8)', HELDOUT4_PATH, false, true);
const heldout2 = describe('Dev split (test/fixtures/redaction/heldout2.jsonl): held out until 2026-12-07, tuned on since (round c7)', HELDOUT2_PATH, false, true);
const heldout3 = describe('Dev split (test/fixtures/redaction/heldout3.jsonl): held out until 2026-12-07, tuned on since (round c7)', HELDOUT3_PATH, false, true);
const heldout12 = describe('Dev split (test/fixtures/redaction/heldout12.jsonl): held out for one run in the tenth session, tuned on since (round c15, same session)', HELDOUT12_PATH, false, true);
const heldout13 = describe('Dev split (test/fixtures/redaction/heldout13.jsonl): held out for one run in the tenth session, tuned on since (round c15, same session)', HELDOUT13_PATH, false, true);
const heldout10 = describe('Dev split (test/fixtures/redaction/heldout10.jsonl): held out for two runs in the ninth session, tuned on since (round c14, tenth session)', HELDOUT10_PATH, false, true);
const heldout11 = describe('Dev split (test/fixtures/redaction/heldout11.jsonl): held out for two runs in the ninth session, tuned on since (round c14, tenth session)', HELDOUT11_PATH, false, true);
const devSplits = [heldout13, heldout12, heldout11, heldout10, heldout9, heldout8, heldout7, heldout6, heldout5, heldout4, heldout2, heldout3];
if (DEV_ONLY) {
  // For tuning: the training corpus, the hand-written holdout and the dev splits, with --misses their texts; the
  // held-out splits are not even read, so not one of their figures reaches whoever tunes.
  console.log([corpus, holdout, ...devSplits].map((split) => split.markdown).join('\n\n'));
  process.exit(trainingBelowTarget() ? 1 : 0);
}
const heldout = describe('Held-out split (test/fixtures/redaction/heldout.jsonl): not tuned on', HELDOUT_PATH, true);
const heldout14 = describe('Fourteenth held-out split (test/fixtures/redaction/heldout14.jsonl): independent authors, not tuned on', HELDOUT14_PATH, true);
const heldout15 = describe('Fifteenth held-out split (test/fixtures/redaction/heldout15.jsonl): independent author, not tuned on', HELDOUT15_PATH, true);

// In the order they are printed and written: training, regression guard, held-out splits, dev splits.
const splitTables = [corpus, holdout, heldout, heldout14, heldout15, ...devSplits].map((split) => split.markdown);

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const verdict = (ok: boolean): string => (ok ? 'met' : '**not met**');
function verdictRows(label: string, split: ReturnType<typeof describe>): string[] {
  const card = split.scores.find((s) => s.kind === 'card_number')!;
  const cred = split.scores.find((s) => s.kind === 'credential')!;
  const neg = split.negativesFlagged / Math.max(1, split.negatives);
  return [
    `| ${label} | card recall ≥ 99% and precision ≥ 99% | R ${pct(card.recall)}, P ${pct(card.precision)} | ${verdict(card.recall >= HELDOUT_TARGETS.card.recall && card.precision >= HELDOUT_TARGETS.card.precision)} |`,
    `| ${label} | credential recall ≥ 95% and precision ≥ 97% | R ${pct(cred.recall)}, P ${pct(cred.precision)} | ${verdict(cred.recall >= HELDOUT_TARGETS.credential.recall && cred.precision >= HELDOUT_TARGETS.credential.precision)} |`,
    `| ${label} | ≤ 2% of negatives flagged | ${pct(neg)} (${split.negativesFlagged}/${split.negatives}) | ${verdict(neg <= HELDOUT_TARGETS.negativesFlagged)} |`,
  ];
}
const heldoutVerdicts = [
  '| split | issue 15 target | measured | verdict |',
  '|---|---|---|---|',
  ...verdictRows('heldout.jsonl', heldout),
  ...verdictRows('heldout14.jsonl', heldout14),
  ...verdictRows('heldout15.jsonl', heldout15),
  ...verdictRows('heldout13.jsonl (dev, no evidence)', heldout13),
  ...verdictRows('heldout12.jsonl (dev, no evidence)', heldout12),
  ...verdictRows('heldout11.jsonl (dev, no evidence)', heldout11),
  ...verdictRows('heldout10.jsonl (dev, no evidence)', heldout10),
  ...verdictRows('heldout9.jsonl (dev, no evidence)', heldout9),
  ...verdictRows('heldout8.jsonl (dev, no evidence)', heldout8),
  ...verdictRows('heldout7.jsonl (dev, no evidence)', heldout7),
  ...verdictRows('heldout6.jsonl (dev, no evidence)', heldout6),
  ...verdictRows('heldout5.jsonl (dev, no evidence)', heldout5),
  ...verdictRows('heldout4.jsonl (dev, no evidence)', heldout4),
  ...verdictRows('heldout2.jsonl (dev, no evidence)', heldout2),
  ...verdictRows('heldout3.jsonl (dev, no evidence)', heldout3),
].join('\n');

const section = [
  '## Evaluation',
  '',
  `Run: ${machineLine()}`,
  '',
  'Cards and credentials count as found only when the finding span equals the labelled value exactly (that span is',
  'what gets redacted). Special categories are flag-only, so they are counted once per snippet.',
  '',
  ...splitTables.flatMap((markdown) => [markdown, '']),
  heldoutVerdicts,
  '',
  'How the held-out split was made: `test/fixtures/redaction/generate-heldout.ts` was written in one pass from the pattern',
  "descriptions of issue 15 (its list of misses and false alarms, and a hosting-panel desk's content), by the same engineer",
  'who then changed the detectors, but before any detector change for those patterns, and committed first (commit 8b64163).',
  'On that commit the detectors scored cards P 57.02% / R 31.71%, credentials P 61.00% / R 50.83%, 96 of 260 negatives flagged.',
  'The detectors were then tuned on the generated corpus and on test/unit/pii/support-desk-patterns.test.ts only; the',
  'held-out figures above were looked at as totals (not per snippet) and no detector change was made because of them.',
  '',
  'Caveat: the generator, the holdout and the detectors were written by the same engineer. The holdout was written',
  'before the detectors ever ran on it; its first run scored cards P 96.00% / R 92.31%, credentials P 92.86% /',
  'R 76.47%, special categories P 71.43% / R 100%. The detectors were then fixed (not the labels), so the holdout',
  'is no longer unseen. Treat the figures above as regression guards, not as field precision/recall.',
  '',
  'The second held-out split (`test/fixtures/redaction/generate-heldout2.ts`, new templates and seed) was written by the',
  'engineer of the 2026-12-07 session from the issue\'s pattern list before that session changed any detector, and committed',
  'on its own first (commit 57e30ef). It was run for totals only; tuning used the training corpus (`--misses`) only.',
  '',
  'The third held-out split (`test/fixtures/redaction/generate-heldout3.ts`, its own templates and seed) was written by a',
  'separate engineer who never read the detectors (`middleware/src/policy/pii/`), the other generators or their data, from',
  "the text of issue 15 only (plus the label conventions in the fixtures' README and this scorer), and committed with its",
  'data before any detector change. It was reported as totals only and not tuned on until 2026-12-07 (sixth session).',
  '',
  'Retired to dev splits (2026-12-07, sixth session): after four sessions of tuning on the training corpus, heldout2 and',
  'heldout3 had been looked at as totals many times, and their remaining misses (14 and 3 cards, 4 and 11 credentials)',
  'had not moved in two sessions. Their misses were read, the detectors changed for the forms behind them (round c7,',
  '`test/fixtures/redaction/corpus-c7.ts` and `test/unit/pii/detectors-c7.test.ts`, written in other words), and their',
  'scores are no evidence from then on. To keep a split nobody has tuned on, the fourth held-out split',
  '(`test/fixtures/redaction/generate-heldout4.ts`) was written the same session by a separate engineer who never read',
  'the detectors, the other generators or any labelled data, from the issue text and the label conventions only, and its',
  'labels audited by a third engineer, as blind. It was run once, on the round c7 code (commit e051090): cards R 100.00%,',
  'P 99.56%; credentials R 88.55%, P 91.78%; 9 of 250 negatives flagged. Then it too was retired to a dev split, its',
  'misses read and the detectors changed for them (round c8, `test/fixtures/redaction/corpus-c8.ts`,',
  '`test/unit/pii/detectors-c8.test.ts`), and the fifth held-out split (`generate-heldout5.ts`) was written by yet',
  'another engineer under the same rules, audited blind, and run once on the final code of that session, for totals:',
  'credentials R 89.17%, P 93.04%, 9 of 250 negatives flagged. In the seventh session it was retired to a dev split in turn',
  '(round c9, `test/fixtures/redaction/corpus-c9.ts`, `test/unit/pii/detectors-c9.test.ts`), and the sixth held-out split',
  '(`generate-heldout6.ts`, 650 snippets) was written by yet another engineer under the same rules, audited blind by a',
  'second, committed before any detector ran on it, and run on the round c9 code (commit 17bc6ef): cards R 99.55%, P 100%;',
  'credentials R 88.02%, P 93.01%; 9 of 250 negatives flagged. Its misses were not read. The structural backstop',
  '(`labelled-lines.ts`) came after that run, so heldout6 is reported a second time on the final code (totals only), and',
  'the seventh held-out split (`generate-heldout7.ts`, 650 snippets, yet another engineer, audited blind, committed before',
  'any detector ran on it) was run once, on the final code of that session, for totals. In the eighth session both were',
  'retired to dev splits: their misses and false alarms were read (round c10, `corpus-c10-precision.ts`,',
  '`detectors-c10-precision.test.ts`) and they train the learned backstop (`token-scorer.ts`, with the corpus and heldout2-5).',
  'Two more engineers, each alone and blind to the project, wrote heldout8 and heldout9 (650 snippets each) from the issue',
  'text and the label conventions; two more read every label, as blind (no errors); both were committed before any',
  'detector ran on them and run, for totals. Then heldout8 was retired to a dev split in turn: its false alarms were read',
  'and written anew as rules (round c11, `detectors-c11-precision.test.ts`), and heldout9 was run once more, for totals.',
  'In the ninth session heldout9 was retired to a dev split too (round c12, `detectors-c12.test.ts`, with heldout8\'s',
  'misses), and two more engineers, alone and blind to the project, wrote heldout10 and heldout11 (650 snippets each) from',
  'the issue text and the full label conventions (this time with the negatives list); each was audited blind, committed',
  'before any detector ran on it, and run once on the final code of that session, for totals (and once more after round',
  'c13). In the tenth session both were retired to dev splits: their misses and false alarms were read (round c14), and',
  'two more engineers, alone and blind to the project, wrote heldout12 and heldout13 (650 snippets each) from a SPEC (the',
  'issue text and the label conventions, with the negatives list); each was audited blind, committed before any detector',
  'ran on it, and run once, for totals, on the code the session started from: credentials R 78.77% and 83.11%, cards',
  'R 96.06% and 94.89%, far below heldout10/11. Then both were retired to dev splits too (round c15), and one more',
  'engineer, blind to the project, wrote heldout15 from the same SPEC; it was checked (objective label checks), committed',
  'before any detector ran on it, and run once on the final code of the session, for totals; so was heldout14, begun',
  'by one more blind engineer and finished by another from its parts (labels checked by script only).',
].join('\n');

console.log(splitTables.join('\n\n'));
console.log(heldoutVerdicts);
if (!WITH_BACKSTOP) writeEvaluationSection(section);

if (trainingBelowTarget()) process.exitCode = 1;

function trainingBelowTarget(): boolean {
  const failing = corpus.scores.filter((s) => {
    const target = TARGETS[s.kind];
    return target !== undefined && (s.precision < target.precision || s.recall < target.recall);
  });
  if (failing.length > 0) console.error(`\nBelow target on the generated corpus: ${failing.map((s) => s.kind).join(', ')}`);
  return failing.length > 0;
}
