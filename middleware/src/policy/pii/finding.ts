/** What kind of data a finding is; each kind belongs to exactly one clause. */
export type FindingKind = 'card_number' | 'credential' | 'special_category';

/** Clauses of policy-clauses.md that the detectors serve: C04 cards, C05 credentials, C06 special categories. */
export type MinimisationClause = 'C04' | 'C05' | 'C06';

/** One piece of data the desk should not hold, located in the scanned text. */
export interface Finding {
  kind: FindingKind;
  /** Finer type, e.g. 'visa', 'password', 'aws_access_key', 'health'. */
  subtype: string;
  /** Start of the span to redact, a UTF-16 index into the scanned text (inclusive). */
  start: number;
  /** End of the span to redact, a UTF-16 index into the scanned text (exclusive). */
  end: number;
  /** 0..1; special categories stay low because they are flagged, never redacted automatically. */
  confidence: number;
  clause: MinimisationClause;
}

export const CLAUSE_BY_KIND: Readonly<Record<FindingKind, MinimisationClause>> = {
  card_number: 'C04',
  credential: 'C05',
  special_category: 'C06',
};

export function makeFinding(kind: FindingKind, subtype: string, start: number, end: number, confidence: number): Finding {
  return { kind, subtype, start, end, confidence, clause: CLAUSE_BY_KIND[kind] };
}
