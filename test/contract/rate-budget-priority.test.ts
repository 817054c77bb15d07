import { describe, expect, it } from 'vitest';
import { RateBudget } from '../../middleware/src/connectors/http/rate-budget.js';
import { withCallPriority } from '../../middleware/src/connectors/http/call-priority.js';
import { VirtualTime } from './harness.js';

describe('rate budget priorities', () => {
  it('when a sweep has 100 calls waiting and a CC removal arrives, then the removal gets the next token', async () => {
    const time = new VirtualTime();
    const budget = new RateBudget({ planLimitPerMinute: 400, share: 0.5, clock: time.clock, sleep: time.sleep });
    const order: string[] = [];
    // The burst (20 tokens) goes first; the sweep's calls then queue for refills.
    const sweep = withCallPriority('background', () =>
      Promise.all(Array.from({ length: 120 }, (_, i) => budget.take().then(() => order.push(`sweep-${i}`)))),
    );
    await Promise.resolve();
    const removal = withCallPriority('urgent', () => budget.take().then(() => order.push('cc-removal')));
    await Promise.all([sweep, removal]);
    const sweepServedBefore = order.indexOf('cc-removal');
    // At most the calls already holding tokens (the burst) and the one being served went first.
    expect(sweepServedBefore).toBeLessThanOrEqual(budget.perMinute * 0.1 + 1);
    expect(order.filter((o) => o.startsWith('sweep'))).toHaveLength(120);
  });

  it('when only background work waits, then it is served in arrival order and uses the whole budget', async () => {
    const time = new VirtualTime();
    const budget = new RateBudget({ planLimitPerMinute: 400, share: 0.5, clock: time.clock, sleep: time.sleep });
    const order: number[] = [];
    await withCallPriority('background', () => Promise.all(Array.from({ length: 50 }, (_, i) => budget.take().then(() => order.push(i)))));
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
