import { describe, expect, it } from 'vitest';
import { CLAUSE_IDS, CLAUSES, isClauseId } from '../../../middleware/src/policy/clauses.js';

describe('clause catalogue', () => {
  it('when the catalogue is read, then it has the 30 clauses C01 to C30 each with a title', () => {
    expect(CLAUSE_IDS).toHaveLength(30);
    expect(CLAUSE_IDS[0]).toBe('C01');
    expect(CLAUSE_IDS[29]).toBe('C30');
    for (const id of CLAUSE_IDS) {
      expect(CLAUSES[id].id).toBe(id);
      expect(CLAUSES[id].title.length).toBeGreaterThan(10);
    }
  });

  it('when a string is checked, then only catalogue IDs pass', () => {
    expect(isClauseId('C07')).toBe(true);
    expect(isClauseId('C31')).toBe(false);
  });
});
