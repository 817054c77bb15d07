import { describe, expect, it } from 'vitest';
import { eraseLocalCopiesStep } from '../../../middleware/src/erasure/local-copies-step.js';
import type { StepRun } from '../../../middleware/src/requests/step-types.js';

/** A step run whose database answers every statement with one row changed, and records them. */
function fakeRun(stepResult: Record<string, unknown>) {
  const statements: string[] = [];
  let transactions = 0;
  const tx = {
    query: async (text: string) => {
      statements.push(text.replace(/\s+/g, ' ').trim());
      return { rows: [], rowCount: 1 };
    },
  };
  const run = {
    ctx: { db: { transaction: async <T>(work: (sql: typeof tx) => Promise<T>) => { transactions++; return work(tx); } }, now: () => new Date('2026-11-29T08:00:00Z') },
    request: { id: 'r-1', personKey: 'zendesk:42', zendeskUserId: 42, workingData: { emails: ['kim@example.com'] } },
    step: { system: 'privacy_guard', step: 'erase_local_copies', result: stepResult },
    subjectRef: 'person:abc',
    resultOf: (_system: string, step: string) => (step === 'soft_delete_tickets' ? { ticketIds: [7, 8] } : {}),
  } as unknown as StepRun;
  return { run, statements, transactions: () => transactions };
}

describe('erase_local_copies step (C17)', () => {
  it('C17 when it runs, then every local copy is handled in one transaction and what it did is recorded on the step in that transaction', async () => {
    const { run, statements, transactions } = fakeRun({});
    const outcome = await eraseLocalCopiesStep(run);
    expect(transactions()).toBe(1);
    expect(outcome.kind).toBe('done');
    const result = (outcome as { result: Record<string, unknown> }).result;
    expect(result).toMatchObject({ exportsDeleted: 1, peopleDeleted: 1, webhookPayloadsScrubbed: 1, ticketStateDeleted: 3, erasedAt: '2026-11-29T08:00:00.000Z' });
    expect(statements.some((s) => s.startsWith('DELETE FROM request_exports'))).toBe(true);
    expect(statements.at(-1)).toMatch(/^UPDATE request_steps SET result = result \|\|/);
  });

  it('C17 when it is retried after a crash that followed its commit, then it touches nothing and reports the first run\'s counts', async () => {
    const first = { exportsDeleted: 1, peopleDeleted: 1, consentRecordsPseudonymised: 2, holdsPseudonymised: 0, attestationsPseudonymised: 0, requestsPseudonymised: 1, webhookPayloadsScrubbed: 3, ticketStateDeleted: 0, erasedAt: '2026-11-29T07:59:00.000Z' };
    const { run, statements, transactions } = fakeRun(first);
    const outcome = await eraseLocalCopiesStep(run);
    expect(transactions()).toBe(0);
    expect(statements).toEqual([]);
    expect((outcome as { result: Record<string, unknown> }).result).toEqual(first);
  });
});
