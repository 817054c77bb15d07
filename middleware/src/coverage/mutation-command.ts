import { execFileSync } from 'node:child_process';
import { enforcedExports } from './clause-enforcers.js';
import { exportRanges } from './enforcer-ranges.js';
import { clausesCommand } from './clauses-command.js';
import { MUTATION_REPORT_PATH } from './mutation-report.js';

/** The merge base with main (origin/main on CI), or undefined outside a git checkout. */
function mergeBase(): string | undefined {
  for (const ref of ['origin/main', 'main']) {
    try {
      return execFileSync('git', ['merge-base', 'HEAD', ref], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // Try the next ref.
    }
  }
  return undefined;
}

function changedModules(base: string): Set<string> {
  const out = execFileSync('git', ['diff', '--name-only', base, '--', 'middleware/src'], { encoding: 'utf8' });
  const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '--', 'middleware/src'], { encoding: 'utf8' });
  return new Set(`${out}\n${untracked}`.split('\n').filter(Boolean).map((f) => f.replace(/^middleware\/src\//, '')));
}

/**
 * `npm run mutation [-- --changed]`: Stryker on the unit-tested enforcing code the clause
 * registry names (each export and its private helpers, by line range), with the fast unit tests
 * (vitest.mutation.config.ts), then the clause table. `--changed` limits it to modules changed
 * since the merge base with main, which is what CI runs.
 */
export async function mutationCommand(argv: readonly string[], io: { out: NodeJS.WriteStream; err: NodeJS.WritableStream }): Promise<number> {
  const root = process.cwd();
  let modules = enforcedExports((e) => e.proof === 'unit');
  if (argv.includes('--changed')) {
    const base = mergeBase();
    const changed = base ? changedModules(base) : undefined;
    if (changed) modules = new Map([...modules].filter(([m]) => changed.has(m)));
    io.err.write(`mutation: ${modules.size} changed enforcing module(s) since ${base ?? 'no merge base (all)'}\n`);
    if (modules.size === 0) return 0;
  }
  const mutate: string[] = [];
  for (const [module, names] of modules) {
    const { ranges } = await exportRanges(root, module, names);
    for (const r of ranges) mutate.push(`middleware/src/${module}:${r.startLine}-${r.endLine}`);
  }
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
  return clausesCommand([], io);
}
