import { CLAUSES, type ClauseId } from '../policy/clauses.js';
import { CLAUSE_ENFORCERS, verifyEnforcers } from './clause-enforcers.js';
import { exportRanges, type ExportRange } from './enforcer-ranges.js';
import { isValidMutant, moduleOfReportFile, testNames, type MutationReport, type ReportMutant } from './mutation-report.js';

/** A clause counts as proven at or above this mutation score (percent). */
export const CLAUSE_SCORE_BAR = 80;

/** One clause: the code that enforces it (by module and export) and how well tests titled with its ID kill that code's mutants. */
export interface ClauseCoverage {
  id: ClauseId;
  title: string;
  /** covered: score at or above the bar; partial: below it, or not in the mutation run; missing: no enforcing code or it does not load. */
  status: 'covered' | 'partial' | 'missing';
  /** Enforcing code, `module#export (unit|integration)`. */
  code: string[];
  /** Tests titled with the clause ID that killed at least one of its mutants. */
  tests: string[];
  /** Percent of the clause's valid mutants killed by tests titled with its ID (timeouts count as killed); null when none were mutated. */
  mutationScore: number | null;
  mutants: { killed: number; total: number; survived: string[] };
  reason?: string;
}

const matchesClause = (id: ClauseId, testName: string) => new RegExp(`\\b${id}\\b`).test(testName);

/** Which mutants fall inside an export's code (its declaration and its private helpers). */
function mutantsIn(report: MutationReport, ranges: readonly ExportRange[]): ReportMutant[] {
  const out: ReportMutant[] = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const module = moduleOfReportFile(file);
    const inFile = ranges.filter((r) => r.module === module);
    if (inFile.length === 0) continue;
    for (const m of mutants) if (inFile.some((r) => m.location.start.line >= r.startLine && m.location.start.line <= r.endLine)) out.push(m);
  }
  return out;
}

/**
 * The clause table: enforcing code from the registry (checked by import), and per clause the
 * mutation score of its unit-tested code under the tests titled with its ID. Without a report,
 * every score is null and the table only says whether the enforcing code exists.
 */
export async function clauseCoverage(root: string, report: MutationReport | undefined): Promise<{ rows: ClauseCoverage[]; problems: string[] }> {
  const problems = await verifyEnforcers();
  const names = report ? testNames(report) : new Map<string, string>();
  const rows: ClauseCoverage[] = [];
  for (const id of Object.keys(CLAUSES).sort() as ClauseId[]) {
    const { enforcers, reason } = CLAUSE_ENFORCERS[id];
    const code = enforcers.flatMap((e) => e.exports.map((x) => `${e.module}#${x} (${e.proof})`));
    const broken = problems.some((p) => enforcers.some((e) => p.startsWith(`${e.module}:`)));
    const ranges: ExportRange[] = [];
    for (const e of enforcers.filter((x) => x.proof === 'unit')) {
      try {
        ranges.push(...(await exportRanges(root, e.module, e.exports)).ranges);
      } catch {
        // A module that cannot be read is already among the problems.
      }
    }
    const mutants = report ? mutantsIn(report, ranges).filter(isValidMutant) : [];
    const tests = new Set<string>();
    let killed = 0;
    const survived: string[] = [];
    for (const m of mutants) {
      const killers = (m.killedBy ?? []).map((t) => names.get(t) ?? t).filter((n) => matchesClause(id, n));
      killers.forEach((k) => tests.add(k));
      if (killers.length > 0 || m.status === 'Timeout') killed += 1;
      else survived.push(`${m.mutatorName} at line ${m.location.start.line}${m.replacement ? `: ${m.replacement.slice(0, 60)}` : ''}`);
    }
    const mutationScore = mutants.length ? Math.round((killed / mutants.length) * 1000) / 10 : null;
    const status: ClauseCoverage['status'] = enforcers.length === 0 || broken ? 'missing' : mutationScore !== null && mutationScore >= CLAUSE_SCORE_BAR ? 'covered' : 'partial';
    rows.push({ id, title: CLAUSES[id].title, status, code, tests: [...tests].sort(), mutationScore, mutants: { killed, total: mutants.length, survived }, ...(reason ? { reason } : {}) });
  }
  return { rows, problems };
}

/** Clauses that fail the bar: below it (or mutated but without a score) and no written reason. */
export function clausesBelowBar(rows: readonly ClauseCoverage[]): ClauseCoverage[] {
  return rows.filter((r) => r.status === 'missing' || (r.mutationScore !== null && r.mutationScore < CLAUSE_SCORE_BAR && !r.reason));
}

/** A terminal table: one line per clause with its score, then its enforcing code and reason. */
export function formatCoverageTable(rows: readonly ClauseCoverage[], problems: readonly string[] = []): string {
  const lines = rows.map((r) => {
    const score = r.mutationScore === null ? '   -  ' : `${r.mutationScore.toFixed(1).padStart(5)}%`;
    const detail = [`      code: ${r.code.join(', ')}`, ...(r.reason ? [`      reason: ${r.reason}`] : []), ...r.mutants.survived.slice(0, 3).map((s) => `      survived: ${s}`)];
    return [`${r.id}  ${r.status.padEnd(8)} ${score}  ${String(r.mutants.killed).padStart(4)}/${String(r.mutants.total).padEnd(4)} tests ${String(r.tests.length).padStart(3)}  ${r.title}`, ...detail].join('\n');
  });
  const count = (s: ClauseCoverage['status']) => rows.filter((r) => r.status === s).length;
  return [...problems.map((p) => `REGISTRY: ${p}`), ...lines, '', `${count('covered')} covered (mutation score >= ${CLAUSE_SCORE_BAR}%), ${count('partial')} partial, ${count('missing')} missing of ${rows.length} clauses; ${clausesBelowBar(rows).length} below the bar without a reason`].join('\n');
}
