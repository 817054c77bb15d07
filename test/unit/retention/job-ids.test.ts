import { describe, expect, it } from 'vitest';
import { cronSlot, deterministicJobId } from '../../../middleware/src/jobs/job-ids.js';
import { searchExportQuery } from '../../../middleware/src/retention/candidate-source.js';

describe('retention scheduling and candidate query', () => {
  it('when two replicas fire the same cron slot, then they derive the same job id (C15 runs once per slot)', () => {
    const a = deterministicJobId(`retention-sweep:slot:${cronSlot(new Date('2025-03-01T03:00:00.120Z'))}`);
    const b = deterministicJobId(`retention-sweep:slot:${cronSlot(new Date('2025-03-01T03:00:59.900Z'))}`);
    const next = deterministicJobId(`retention-sweep:slot:${cronSlot(new Date('2025-03-02T03:00:00.000Z'))}`);
    expect(a).toBe(b);
    expect(a).not.toBe(next);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('when the cutoff is mid-day, then the C14 candidate query includes that whole day (a superset of those due)', () => {
    expect(searchExportQuery(new Date('2022-05-31T13:45:00Z'))).toBe('role:end-user updated<2022-06-01');
  });
});

describe('enqueueOnCron', () => {
  it('when the expression is not cron syntax, then it throws naming the setting before scheduling anything', async () => {
    const { enqueueOnCron } = await import('../../../middleware/src/jobs/cron-enqueue.js');
    const ctx = { queue: { enqueue: async () => null }, logger: { error: () => undefined } } as unknown as Parameters<typeof enqueueOnCron>[0];
    expect(() => enqueueOnCron(ctx, { kind: 'housekeeping', expression: 'every hour', setting: 'HOUSEKEEPING_CRON' })).toThrow(/HOUSEKEEPING_CRON "every hour" is not a valid cron expression/);
  });
});
