import type { Finding, FindingKind, MinimisationClause } from './finding.js';

/** Counts of findings, safe for internal notes, logs and metrics: kinds, subtypes, clauses; never the data or spans. */
export interface FindingsSummary {
  total: number;
  byKind: Record<FindingKind, number>;
  byClause: Record<MinimisationClause, number>;
  /** "card_number:visa" → 2, "credential:password" → 1 */
  bySubtype: Record<string, number>;
}

export function summarizeFindings(findings: readonly Finding[]): FindingsSummary {
  const summary: FindingsSummary = {
    total: findings.length,
    byKind: { card_number: 0, credential: 0, special_category: 0 },
    byClause: { C04: 0, C05: 0, C06: 0 },
    bySubtype: {},
  };
  for (const f of findings) {
    summary.byKind[f.kind] += 1;
    summary.byClause[f.clause] += 1;
    const key = `${f.kind}:${f.subtype}`;
    summary.bySubtype[key] = (summary.bySubtype[key] ?? 0) + 1;
  }
  return summary;
}
