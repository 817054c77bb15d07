import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where one enforcing export sits in its file: 1-based lines, inclusive. */
export interface ExportRange {
  module: string;
  name: string;
  startLine: number;
  endLine: number;
}

/**
 * Finds the declaration of each named export in `middleware/src/<module>` with the TypeScript
 * parser, so the mutation run can mutate exactly the enforcing code and the report can assign
 * each mutant to the exports (and so the clauses) it belongs to. A name that is not a top-level
 * exported declaration of the file is reported missing rather than guessed.
 */
export async function exportRanges(root: string, module: string, names: Iterable<string>): Promise<{ ranges: ExportRange[]; missing: string[] }> {
  // A dev dependency: only the coverage and mutation commands need it, never the server.
  const ts = (await import('typescript')).default;
  const file = join(root, 'middleware', 'src', module);
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const wanted = new Set(names);
  const ranges: ExportRange[] = [];
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const isExported = (node: import('typescript').Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  // Top-level declarations by name, so an export's private helpers count as its code too.
  const declarations = new Map<string, { node: import('typescript').Statement; exported: boolean }>();
  for (const statement of source.statements) {
    const exported = isExported(statement);
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) declarations.set(statement.name.text, { node: statement, exported });
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) declarations.set(d.name.text, { node: statement, exported });
    }
  }
  const helpersOf = (node: import('typescript').Node, seen: Set<string>): import('typescript').Statement[] => {
    const found: import('typescript').Statement[] = [];
    const visit = (n: import('typescript').Node): void => {
      if (ts.isIdentifier(n) && !seen.has(n.text)) {
        const helper = declarations.get(n.text);
        if (helper && !helper.exported) {
          seen.add(n.text);
          found.push(helper.node, ...helpersOf(helper.node, seen));
        }
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(node, visit);
    return found;
  };
  for (const name of [...wanted]) {
    const declaration = declarations.get(name);
    if (!declaration?.exported) continue;
    wanted.delete(name);
    for (const node of [declaration.node, ...helpersOf(declaration.node, new Set([name]))]) {
      ranges.push({ module, name, startLine: lineOf(node.getStart(source)), endLine: lineOf(node.getEnd()) });
    }
  }
  return { ranges, missing: [...wanted] };
}
