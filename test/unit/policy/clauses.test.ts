import { describe, expect, it } from 'vitest';
import { CLAUSE_IDS, CLAUSES, isClauseId } from '../../../middleware/src/policy/clauses.js';

describe('clause catalogue', () => {
  it('when the catalogue is read, then it has the clauses C01 to C30 of the design and C31+ for the promises it left out, in order, each with a title', () => {
    expect(CLAUSE_IDS.length).toBeGreaterThanOrEqual(31);
    expect(CLAUSE_IDS).toEqual(CLAUSE_IDS.map((_, i) => `C${String(i + 1).padStart(2, '0')}`));
    for (const id of CLAUSE_IDS) {
      expect(CLAUSES[id].id).toBe(id);
      expect(CLAUSES[id].title.length).toBeGreaterThan(10);
    }
  });

  it('when a string is checked, then only catalogue IDs pass', () => {
    expect(isClauseId('C07')).toBe(true);
    expect(isClauseId('C31')).toBe(true);
    expect(isClauseId('C99')).toBe(false);
  });
});
