import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clauseCoverage, clausesBelowBar, formatCoverageTable } from './clause-coverage.js';
import { MUTATION_REPORT_PATH, readMutationReport } from './mutation-report.js';

/**
 * `npm run cli -- clauses [--json] [--write FILE] [--report FILE]`: per clause, the code that
 * enforces it and the mutation score of that code under the tests titled with the clause ID,
 * read from Stryker's report (`npm run mutation` writes it). Exits 1 when the registry names
 * code that does not exist, or a mutated clause scores below the bar without a written reason.
 */
export async function clausesCommand(argv: readonly string[], io: { out: NodeJS.WritableStream; err?: NodeJS.WritableStream }): Promise<number> {
  const root = process.cwd();
  const reportAt = argv.indexOf('--report');
  const reportPath = reportAt >= 0 && argv[reportAt + 1] ? argv[reportAt + 1]! : join(root, MUTATION_REPORT_PATH);
  const report = readMutationReport(reportPath);
  const { rows, problems } = await clauseCoverage(root, report);
  const writeAt = argv.indexOf('--write');
  if (writeAt >= 0 && argv[writeAt + 1]) writeFileSync(argv[writeAt + 1]!, `${JSON.stringify(rows, null, 2)}\n`);
  io.out.write(argv.includes('--json') ? `${JSON.stringify(rows, null, 2)}\n` : `${formatCoverageTable(rows, problems)}\n`);
  if (!report) (io.err ?? io.out).write(`no mutation report at ${reportPath}: scores are empty; run \`npm run mutation\`\n`);
  return problems.length > 0 || clausesBelowBar(rows).length > 0 ? 1 : 0;
}
