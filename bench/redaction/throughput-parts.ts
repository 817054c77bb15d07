/**
 * Where the time of detectSensitiveData goes on ordinary comments: each part of a scan (the anchor pass and each
 * detector, given the anchors) timed alone over the same ~10 KB comments as throughput.ts's second set, as a ratio to
 * the one-regex baseline (/\b\d{13,19}\b/g) measured in the same run. For choosing what to make faster: issue 15 asks
 * for the whole scan within 10x of that baseline.
 *
 *   npx tsx bench/redaction/throughput-parts.ts [--comments 600]
 *
 * Every part runs over the whole set once per pass, the parts taking turns; PASSES passes after two warm-up passes, the
 * median pass per part reported. "The rest" is the whole scan less the sum of its parts (keeping findings, overlaps,
 * repeated secrets). Results are printed and appended to bench/redaction/RESULTS.md with date and machine.
 */
import { performance } from 'node:perf_hooks';
import { findAnchors, type Anchors } from '../../middleware/src/policy/pii/anchors.js';
import { detectLabelledSecrets, detectVendorApiKeys } from '../../middleware/src/policy/pii/api-keys.js';
import { detectBearerTokens } from '../../middleware/src/policy/pii/bearer-tokens.js';
import { detectCardNumbersInAnyForm } from '../../middleware/src/policy/pii/card-number-forms.js';
import { detectConfigAndCommandPasswords, detectPanelLogins } from '../../middleware/src/policy/pii/config-and-commands.js';
import { detectConnectionStringPasswords } from '../../middleware/src/policy/pii/connection-strings.js';
import { detectCredentialForms } from '../../middleware/src/policy/pii/credential-forms.js';
import { detectCredentialLists } from '../../middleware/src/policy/pii/credential-lists.js';
import { detectSensitiveData } from '../../middleware/src/policy/pii/index.js';
import { detectLabelledLines } from '../../middleware/src/policy/pii/labelled-lines.js';
import { detectPasswordValues } from '../../middleware/src/policy/pii/password-lines.js';
import { detectPrivateKeys } from '../../middleware/src/policy/pii/private-keys.js';
import { detectServiceLogins } from '../../middleware/src/policy/pii/service-logins.js';
import { detectSpecialCategories } from '../../middleware/src/policy/pii/special-categories.js';
import { ordinaryComments10k } from './ordinary-comments.js';
import { detectAccountLists } from '../../middleware/src/policy/pii/account-lists.js';
import { detectCredentialPhrases } from '../../middleware/src/policy/pii/credential-phrases.js';
import { detectCredentialReplies } from '../../middleware/src/policy/pii/credential-replies.js';
import { detectSecretsInSentences } from '../../middleware/src/policy/pii/secrets-in-sentences.js';
import { appendThroughputRun, machineLine } from './results-file.js';

const argIndex = process.argv.indexOf('--comments');
const COMMENT_COUNT = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 600;
const PASSES = 9;

// Flat copies, as the scan worker receives comments through postMessage (see throughput.ts).
const comments = ordinaryComments10k(COMMENT_COUNT, 15).map((c) => structuredClone(c));
const anchors = comments.map((c) => findAnchors(c));
const BASELINE = /\b\d{13,19}\b/g;

type Part = readonly [name: string, run: (text: string, anchors: Anchors) => unknown];
const baseline: Part = ['baseline: one regex /\\b\\d{13,19}\\b/g', (text) => {
  BASELINE.lastIndex = 0;
  let count = 0;
  while (BASELINE.exec(text) !== null) count++;
  return count;
}];
const whole: Part = ['whole scan: detectSensitiveData', (text) => detectSensitiveData(text)];
const parts: Part[] = [
  ['anchor pass (findAnchors)', (text) => findAnchors(text)],
  ['panel logins', detectPanelLogins],
  ['card numbers in any form', detectCardNumbersInAnyForm],
  ['labelled lines', (text, a) => detectLabelledLines(text, a, [])],
  ['labelled secrets', detectLabelledSecrets],
  ['password values', detectPasswordValues],
  ['connection strings', detectConnectionStringPasswords],
  ['service logins', detectServiceLogins],
  ['config and commands', detectConfigAndCommandPasswords],
  ['credential forms', detectCredentialForms],
  ['credential lists', detectCredentialLists],
  ['private keys', detectPrivateKeys],
  ['vendor API keys', detectVendorApiKeys],
  ['special categories', detectSpecialCategories],
  ['bearer tokens', detectBearerTokens],
  ['credential replies', detectCredentialReplies],
  ['credential phrases', detectCredentialPhrases],
  ['account lists', detectAccountLists],
  ['secrets in sentences', (text, a) => detectSecretsInSentences(text, a, [])],
];

const all = [baseline, whole, ...parts];
const times = new Map<string, number[]>(all.map(([name]) => [name, []]));
for (let pass = 0; pass < PASSES + 2; pass++) {
  for (const [name, run] of all) {
    const started = performance.now();
    for (let i = 0; i < comments.length; i++) run(comments[i]!, anchors[i]!);
    if (pass >= 2) times.get(name)!.push(performance.now() - started);
  }
}
const median = (values: number[]): number => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (name: string): number => median(times.get(name)!);
const base = ms(baseline[0]);
const sumOfParts = parts.reduce((sum, [name]) => sum + ms(name), 0);
const row = (name: string, value: number): string => `| ${name} | ${value.toFixed(2)} | ${(value / base).toFixed(2)}x |`;
const markdown = [
  `### Throughput by part ${machineLine()}`,
  '',
  `${comments.length} ordinary comments of ~10 KB (bench/redaction/ordinary-comments.ts); median of ${PASSES} passes, the parts taking turns; each detector given the comment's anchors.`,
  '',
  '| part | ms for the set | ratio to the one-regex baseline |',
  '|---|---:|---:|',
  row(baseline[0], base),
  row(whole[0], ms(whole[0])),
  ...parts.map(([name]) => ms(name)).map((value, i) => ({ name: parts[i]![0], value })).sort((a, b) => b.value - a.value).map(({ name, value }) => row(name, value)),
  row('the rest (keeping findings, overlaps, repeated secrets)', Math.max(0, ms(whole[0]) - sumOfParts)),
].join('\n');
console.log(markdown);
appendThroughputRun(markdown);
