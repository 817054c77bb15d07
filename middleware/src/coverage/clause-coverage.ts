import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLAUSES, type ClauseId } from '../policy/clauses.js';

/** One clause of policy-clauses.md: where the code enforces it and which tests prove it. */
export interface ClauseCoverage {
  id: ClauseId;
  title: string;
  status: 'covered' | 'partial' | 'missing';
  code: string[];
  tests: string[];
}

const CLAUSE_ID = /\bC(0[1-9]|[12]\d|30)\b/g;
/** A test's title: the first string argument of it/test/describe. */
const TEST_TITLE = /\b(?:it|test|describe)(?:\.each\([^)]*\))?\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;

function filesUnder(dir: string, accept: (file: string) => boolean): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, accept));
    else if (accept(path)) out.push(path);
  }
  return out;
}

/**
 * Scans the source for clause IDs (the code that names a clause it enforces, outside the clause
 * catalogue itself) and the test titles that carry them (style: "C07 when ..., then ...").
 */
export function clauseCoverage(root: string): ClauseCoverage[] {
  const code = new Map<string, Set<string>>();
  const tests = new Map<string, Set<string>>();
  const sourceFiles = [
    ...filesUnder(join(root, 'middleware', 'src'), (f) => f.endsWith('.ts') && !f.endsWith(join('policy', 'clauses.ts')) && !f.includes(`${join('middleware', 'src', 'coverage')}`) && !f.includes(join('middleware', 'src', 'sandbox'))),
    ...filesUnder(join(root, 'zendesk-app', 'src'), (f) => f.endsWith('.ts')),
  ];
  for (const file of sourceFiles) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      for (const match of line.matchAll(CLAUSE_ID)) {
        const set = code.get(match[0]) ?? new Set<string>();
        set.add(`${relative(root, file)}:${index + 1}`);
        code.set(match[0], set);
      }
    });
  }
  for (const file of filesUnder(join(root, 'test'), (f) => f.endsWith('.test.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(TEST_TITLE)) {
      const title = match[2] ?? '';
      for (const id of title.matchAll(CLAUSE_ID)) {
        const set = tests.get(id[0]) ?? new Set<string>();
        set.add(`${relative(root, file)}: ${title}`);
        tests.set(id[0], set);
      }
    }
  }
  return (Object.keys(CLAUSES) as ClauseId[]).sort().map((id) => {
    const c = [...(code.get(id) ?? [])];
    const t = [...(tests.get(id) ?? [])];
    return { id, title: CLAUSES[id].title, status: c.length && t.length ? 'covered' : c.length || t.length ? 'partial' : 'missing', code: c, tests: t };
  });
}

/** A terminal table: one line per clause, with the first code place and the number of tests. */
export function formatCoverageTable(rows: ClauseCoverage[]): string {
  const lines = rows.map((r) => `${r.id}  ${r.status.padEnd(8)} code ${String(r.code.length).padStart(3)}  tests ${String(r.tests.length).padStart(3)}  ${r.title}${r.code[0] ? `\n      e.g. ${r.code[0]}` : ''}${r.tests[0] ? `\n      e.g. ${r.tests[0]}` : ''}`);
  const count = (s: ClauseCoverage['status']) => rows.filter((r) => r.status === s).length;
  return [...lines, '', `${count('covered')} covered, ${count('partial')} partial, ${count('missing')} missing of ${rows.length} clauses`].join('\n');
}
