import { writeFileSync } from 'node:fs';
import { clauseCoverage, formatCoverageTable } from './clause-coverage.js';

/**
 * `npm run cli -- clauses [--json] [--write FILE]`: the clause-coverage report. Exits 1 when a
 * clause has neither code nor a test naming it.
 */
export async function clausesCommand(argv: readonly string[], io: { out: NodeJS.WritableStream }): Promise<number> {
  const rows = clauseCoverage(process.cwd());
  const writeAt = argv.indexOf('--write');
  if (writeAt >= 0 && argv[writeAt + 1]) writeFileSync(argv[writeAt + 1]!, `${JSON.stringify(rows, null, 2)}\n`);
  io.out.write(argv.includes('--json') ? `${JSON.stringify(rows, null, 2)}\n` : `${formatCoverageTable(rows)}\n`);
  return rows.some((r) => r.status === 'missing') ? 1 : 0;
}
