import { describe, expect, it } from 'vitest';
import {
  DeadlineExtensionError,
  deadlineStatus,
  dueDate,
  extensionIssues,
  isOverdue,
  REQUEST_TYPES,
} from '../../../middleware/src/policy/deadlines.js';
import { at, profile } from './fixtures.js';

const plesk = profile('plesk');
const isp = profile('ispsystem');
const received = at('2025-01-31T09:00:00Z');

describe('request deadlines', () => {
  it('C26 when a request of 31 January is received, then it is due one calendar month later, on the last day of February', () => {
    expect(dueDate(received, plesk).toISOString()).toBe('2025-02-28T09:00:00.000Z');
    expect(dueDate(at('2024-01-31T09:00:00Z'), plesk).toISOString()).toBe('2024-02-29T09:00:00.000Z');
  });

  it('C26 when a request arrives on the first of a 31-day month, then it is due on the first of the next month, not after 30 days', () => {
    expect(dueDate(at('2025-03-01T09:00:00Z'), plesk).toISOString()).toBe('2025-04-01T09:00:00.000Z');
    expect(deadlineStatus({ type: 'access', receivedAt: at('2025-12-15T00:00:00Z') }, plesk, at('2025-12-15T00:00:00Z')).dueAt.toISOString()).toBe('2026-01-15T00:00:00.000Z');
  });

  it('C26 when an extension with a reason is within the maximum, then the due date moves by its days', () => {
    expect(dueDate(received, plesk, { days: 60, reason: 'complex request across three systems' }).toISOString()).toBe('2025-04-29T09:00:00.000Z');
  });

  it('C26 when an extension has no reason, then it is refused', () => {
    expect(() => dueDate(received, plesk, { days: 10, reason: '  ' })).toThrow(DeadlineExtensionError);
    expect(extensionIssues({ days: 10, reason: '' }, plesk)).toEqual(['a reason is required for an extension (C26)']);
  });

  it('C26 when an extension exceeds the profile maximum, then it is refused naming the maximum', () => {
    expect(() => dueDate(received, plesk, { days: 61, reason: 'busy' })).toThrow(/at most 60 days under profile plesk/);
  });

  it('C26 when the profile promises one month at most (ispsystem), then any extension is refused', () => {
    expect(() => dueDate(received, isp, { days: 1, reason: 'busy' })).toThrow(/allows no extension/);
  });

  it('C26 when an extension is not a whole positive number of days, then it is refused', () => {
    expect(extensionIssues({ days: 0, reason: 'x' }, plesk)).toHaveLength(1);
    expect(extensionIssues({ days: 2.5, reason: 'x' }, plesk)).toHaveLength(1);
  });

  it('C26 when an open request passes its due date, then it is overdue', () => {
    const request = { type: 'erasure' as const, receivedAt: received };
    expect(isOverdue(request, plesk, at('2025-02-28T09:00:00Z'))).toBe(false);
    expect(isOverdue(request, plesk, at('2025-02-28T09:00:01Z'))).toBe(true);
  });

  it('C26 when a request is completed, then it is never overdue', () => {
    expect(isOverdue({ type: 'access', receivedAt: received, completedAt: at('2025-04-01T00:00:00Z') }, plesk, at('2025-06-01T00:00:00Z'))).toBe(false);
  });

  it('C26 when a stored extension was granted, then the status counts it and reports days left', () => {
    const s = deadlineStatus(
      { type: 'rectification', receivedAt: received, extension: { days: 30, reason: 'vendor outage' } },
      plesk,
      at('2025-03-28T09:00:00Z'),
    );
    expect(s).toMatchObject({ overdue: false, completed: false, daysLeft: 2 });
    expect(s.dueAt.toISOString()).toBe('2025-03-30T09:00:00.000Z');
  });

  it('when request types are listed, then the five rights are there', () => {
    expect(REQUEST_TYPES).toEqual(['access', 'erasure', 'rectification', 'restriction', 'objection']);
  });
});
