import { execFileSync } from 'node:child_process';
import { enforcedExports } from './clause-enforcers.js';
import { exportRanges } from './enforcer-ranges.js';
import { clausesCommand } from './clauses-command.js';
import { MUTATION_REPORT_PATH } from './mutation-report.js';

/**
 * The merge base with main (origin/main on CI); on a checkout without main (a shallow CI clone),
 * the parent commit, so the run covers the last commit's changes rather than everything.
 */
function mergeBase(): string | undefined {
  const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  for (const args of [['merge-base', 'HEAD', 'origin/main'], ['merge-base', 'HEAD', 'main'], ['rev-parse', 'HEAD~1']]) {
    try {
      const base = git(args);
      // On main itself the merge base is HEAD: compare with the parent instead.
      if (base && base !== git(['rev-parse', 'HEAD'])) return base;
    } catch {
      // Try the next way.
    }
  }
  return undefined;
}

/**
 * Lines changed since `base` per module under middleware/src (new lines of each hunk); a file
 * that is new or untracked counts as changed throughout.
 */
function changedLines(base: string): Map<string, Array<[number, number]> | 'all'> {
  const changed = new Map<string, Array<[number, number]> | 'all'>();
  const diff = execFileSync('git', ['diff', '-U0', '--no-color', base, '--', 'middleware/src'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let file: string | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      file = line.startsWith('+++ b/middleware/src/') ? line.slice('+++ b/middleware/src/'.length) : undefined;
      continue;
    }
    if (line.startsWith('--- /dev/null') && file === undefined) continue;
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (!hunk || !file) continue;
    const start = Number(hunk[1]);
    const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
    if (count === 0) continue;
    const ranges = changed.get(file);
    if (ranges !== 'all') changed.set(file, [...(ranges ?? []), [start, start + count - 1]]);
  }
  const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '--', 'middleware/src'], { encoding: 'utf8' });
  for (const f of untracked.split('\n').filter(Boolean)) changed.set(f.replace(/^middleware\/src\//, ''), 'all');
  return changed;
}

/**
 * `npm run mutation [-- --changed]`: Stryker on the unit-tested enforcing code the clause
 * registry names (each export and its private helpers, by line range), with the fast unit tests
 * (vitest.mutation.config.ts), then the clause table. `--changed` limits it to modules changed
 * since the merge base with main, which is what CI runs. `--module <path>` limits it to modules.
 */
export async function mutationCommand(argv: readonly string[], io: { out: NodeJS.WriteStream; err: NodeJS.WritableStream }): Promise<number> {
  const root = process.cwd();
  const onlyChanged = argv.includes('--changed');
  const base = onlyChanged ? mergeBase() : undefined;
  const changed = base ? changedLines(base) : undefined;
  const mutate: string[] = [];
  // `--module <path under middleware/src>` (repeatable): only these modules, e.g. after adding tests for them.
  const only = argv.flatMap((a, i) => (a === '--module' && argv[i + 1] ? [argv[i + 1]!] : []));
  for (const [module, names] of enforcedExports((e) => e.proof === 'unit' && (only.length === 0 || only.includes(e.module)))) {
    const { ranges } = await exportRanges(root, module, names);
    for (const r of ranges) {
      const lines = changed?.get(module);
      if (!changed || lines === 'all') mutate.push(`middleware/src/${module}:${r.startLine}-${r.endLine}`);
      else {
        // Only the changed lines inside the enforcing code: what a change can have broken.
        for (const [from, to] of lines ?? []) {
          const start = Math.max(from, r.startLine);
          const end = Math.min(to, r.endLine);
          if (start <= end) mutate.push(`middleware/src/${module}:${start}-${end}`);
        }
      }
    }
  }
  if (onlyChanged) {
    io.err.write(`mutation: ${new Set(mutate).size} changed range(s) of enforcing code since ${base ?? 'no merge base (everything)'}\n`);
    if (mutate.length === 0) return 0;
  }
  // CI bound: a run that outlasts it fails loudly rather than hold the pipeline (MUTATION_MAX_MINUTES).
  const maxMinutes = Number(process.env.MUTATION_MAX_MINUTES ?? (onlyChanged ? 10 : 0));
  const timer =
    maxMinutes > 0
      ? setTimeout(() => {
          io.err.write(`mutation: stopped after ${maxMinutes} minutes; run \`npm run mutation\` locally for the full table\n`);
          process.exit(1);
        }, maxMinutes * 60_000)
      : undefined;
  timer?.unref();
  // A dev dependency, loaded only for this command.
  const { Stryker } = await import('@stryker-mutator/core');
  const stryker = new Stryker({
    mutate: [...new Set(mutate)],
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.mutation.config.ts' },
    plugins: ['@stryker-mutator/vitest-runner'],
    coverageAnalysis: 'perTest',
    // Every covering test runs, so a kill can be credited to the clause named in the test's title.
    disableBail: true,
    // Mutants in module-level constants (the detectors' patterns) re-run every test: too slow for
    // two shared cores; the detectors' own tests cover those patterns by example.
    ignoreStatic: true,
    concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
    timeoutMS: 10_000,
    reporters: ['json', 'clear-text', 'progress'],
    jsonReporter: { fileName: MUTATION_REPORT_PATH },
    clearTextReporter: { reportTests: false, reportMutants: false, reportScoreTable: true },
    tempDirName: '.stryker-tmp',
    cleanTempDir: true,
    ignorePatterns: ['dist', 'reports', 'bench', 'zendesk-app/dist', '.stryker-tmp', '*.tgz', '*.zip'],
    logLevel: 'warn' as import('@stryker-mutator/api/core').LogLevel,
  });
  await stryker.runMutationTest();
  if (timer) clearTimeout(timer);
  return clausesCommand([], io);
}
