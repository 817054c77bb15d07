import { existsSync, readFileSync } from 'node:fs';

/** The mutation report as Stryker's JSON reporter writes it (mutation-testing-report-schema), as far as we read it. */
export interface MutationReport {
  files: Record<string, { mutants: ReportMutant[] }>;
  testFiles?: Record<string, { tests: Array<{ id: string; name: string }> }>;
}

export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  killedBy?: string[];
}

export const MUTATION_REPORT_PATH = 'reports/mutation/mutation.json';

export function readMutationReport(path: string): MutationReport | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as MutationReport;
}

/** The report's file key as a path under middleware/src (Stryker writes paths relative to the project). */
export function moduleOfReportFile(file: string): string | undefined {
  const at = file.replaceAll('\\', '/').lastIndexOf('middleware/src/');
  return at < 0 ? undefined : file.slice(at + 'middleware/src/'.length).replaceAll('\\', '/');
}

/** Test names by test id, for reading `killedBy`. */
export function testNames(report: MutationReport): Map<string, string> {
  const names = new Map<string, string>();
  for (const file of Object.values(report.testFiles ?? {})) for (const t of file.tests) names.set(t.id, t.name);
  return names;
}

/** Mutants that say nothing about the tests: they did not compile, or were never run. */
export function isValidMutant(m: ReportMutant): boolean {
  return m.status !== 'CompileError' && m.status !== 'RuntimeError' && m.status !== 'Ignored' && m.status !== 'Pending';
}
