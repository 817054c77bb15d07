/**
 * Runs every benchmark in bench/ one after another, each in its own process with its output
 * streamed, and exits 1 when any of them fails. `npm run bench` runs this.
 *
 *   npx tsx bench/run-all.ts [name-filter ...] [-- args for each benchmark]
 *   e.g. `npm run bench -- webhook-intake -- --duration 5`
 *
 * The known benchmarks run first, in a fixed order; then any other `bench/<name>/run.ts`.
 * Benchmarks that do not exist (yet) are skipped with a note.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const KNOWN_BENCHMARKS = [
  'bench/redaction/evaluate.ts',
  'bench/redaction/throughput.ts',
  'bench/redaction/hostile-input.ts',
  'bench/webhook-intake/run.ts',
  'bench/retention-sweep/run.ts',
  'bench/drain/run.ts',
];

function discoverBenchmarks(): string[] {
  const runScripts = readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'lib' && entry.name !== 'node_modules')
    .map((entry) => `bench/${entry.name}/run.ts`)
    .filter((path) => existsSync(join(REPO_ROOT, path)))
    .sort();
  return [...new Set([...KNOWN_BENCHMARKS, ...runScripts])];
}

function runBenchmark(path: string, forwarded: readonly string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Same Node, tsx as a loader: no npx lookup per benchmark, and signals reach the child directly.
    const child = spawn(process.execPath, ['--import', 'tsx', path, ...forwarded], { cwd: REPO_ROOT, stdio: 'inherit', env: process.env });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, seconds: (performance.now() - started) / 1000 }));
  });
}

async function main() {
  const argv = process.argv.slice(2);
  const separator = argv.indexOf('--');
  const filters = separator >= 0 ? argv.slice(0, separator) : argv;
  const forwarded = separator >= 0 ? argv.slice(separator + 1) : [];
  const all = discoverBenchmarks();
  const selected = all.filter((path) => filters.length === 0 || filters.some((filter) => path.includes(filter)));
  if (selected.length === 0) {
    console.error(`No benchmark matches ${filters.join(', ')}; known: ${all.join(', ')}`);
    process.exit(1);
  }
  const outcomes: Array<{ path: string; outcome: string; failed: boolean }> = [];
  for (const path of selected) {
    if (!existsSync(join(REPO_ROOT, path))) {
      outcomes.push({ path, outcome: 'not present, skipped', failed: false });
      continue;
    }
    console.log(`\n=== ${path}\n`);
    const { code, signal, seconds } = await runBenchmark(path, forwarded);
    const failed = code !== 0;
    outcomes.push({ path, outcome: `${failed ? `FAILED (${signal ?? `exit ${code}`})` : 'ok'} in ${seconds.toFixed(1)} s`, failed });
  }
  console.log('\n=== Summary');
  for (const { path, outcome } of outcomes) console.log(`  ${relative(REPO_ROOT, join(REPO_ROOT, path)).padEnd(34)} ${outcome}`);
  console.log('  Results: bench/RESULTS.md and each benchmark\'s RESULTS.md.');
  if (outcomes.some((o) => o.failed)) process.exitCode = 1;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
