import { describe, expect, it } from 'vitest';
import { addDaysUtc, addMonthsUtc } from '../../../middleware/src/policy/calendar.js';
import { decideRetention, erasureSteps, isHoldActive, lastActivityAcrossSystems, type LegalHold } from '../../../middleware/src/policy/retention.js';
import { at, profile } from './fixtures.js';

const plesk = profile('plesk');

describe('month arithmetic at month ends', () => {
  it.each([
    ['2023-02-28T10:00:00Z', 36, '2026-02-28T10:00:00.000Z'],
    ['2020-02-29T00:00:00Z', 36, '2023-02-28T00:00:00.000Z'],
    ['2020-02-29T00:00:00Z', 48, '2024-02-29T00:00:00.000Z'],
    ['2021-01-31T23:59:59Z', 1, '2021-02-28T23:59:59.000Z'],
    ['2020-01-31T00:00:00Z', 1, '2020-02-29T00:00:00.000Z'],
    ['2022-03-31T00:00:00Z', 36, '2025-03-31T00:00:00.000Z'],
    ['2022-05-31T12:00:00Z', 1, '2022-06-30T12:00:00.000Z'],
    ['2022-12-15T00:00:00Z', 1, '2023-01-15T00:00:00.000Z'],
    ['2023-03-31T00:00:00Z', -1, '2023-02-28T00:00:00.000Z'],
    ['2023-01-15T00:00:00Z', -13, '2021-12-15T00:00:00.000Z'],
  ])('C14 when %s plus %i months is computed, then it is %s', (from, months, expected) => {
    expect(addMonthsUtc(at(from), months).toISOString()).toBe(expected);
  });

  it('when months are not whole, then it refuses', () => {
    expect(() => addMonthsUtc(at('2020-01-01T00:00:00Z'), 1.5)).toThrow(RangeError);
  });

  it('when days are added, then they are 24-hour periods in UTC', () => {
    expect(addDaysUtc(at('2024-02-28T12:00:00Z'), 2).toISOString()).toBe('2024-03-01T12:00:00.000Z');
  });
});

describe('lastActivityAcrossSystems', () => {
  it('C14 when chat is the latest activity, then it wins over Zendesk and phone', () => {
    const last = lastActivityAcrossSystems(
      {
        zendesk: { lastLoginAt: at('2022-01-01T00:00:00Z'), lastRequesterCommentAt: at('2022-03-01T00:00:00Z') },
        livechat: { lastChatAt: at('2023-05-01T00:00:00Z') },
        talkdesk: { lastCallAt: at('2023-01-01T00:00:00Z') },
      },
      plesk,
    );
    expect(last).toEqual({ at: at('2023-05-01T00:00:00Z'), system: 'livechat', field: 'livechat.lastChatAt' });
  });

  it('C14 when the profile does not count a system, then its activity is ignored', () => {
    const zendeskOnly = profile('plesk', (p) => { p.retention.countsActivityFrom = ['zendesk']; });
    const last = lastActivityAcrossSystems(
      { zendesk: { lastLoginAt: at('2022-01-01T00:00:00Z') }, talkdesk: { lastCallAt: at('2024-01-01T00:00:00Z') } },
      zendeskOnly,
    );
    expect(last?.system).toBe('zendesk');
  });

  it('when no system has a timestamp, then there is no last activity', () => {
    expect(lastActivityAcrossSystems({ zendesk: { lastLoginAt: null }, livechat: {} }, plesk)).toBeNull();
  });

  it('when a timestamp is an invalid date, then it is ignored', () => {
    const last = lastActivityAcrossSystems({ zendesk: { lastLoginAt: new Date('nonsense'), createdAt: at('2020-01-01T00:00:00Z') } }, plesk);
    expect(last?.field).toBe('zendesk.createdAt');
  });
});

describe('decideRetention', () => {
  const lastLogin = at('2020-02-29T08:00:00Z');
  const dueAt = at('2023-02-28T08:00:00Z');
  const activity = { zendesk: { lastLoginAt: lastLogin } };

  it('C14 when the window has not ended, then the person is not due and the due date is shown', () => {
    const d = decideRetention({ activity, profile: plesk, now: at('2023-02-28T07:59:59Z') });
    expect(d).toMatchObject({ outcome: 'not_due', reason: 'within_window', dueAt, lastActivity: lastLogin, lastActivitySystem: 'zendesk', mode: 'delete' });
  });

  it('C15 when now is exactly the end of the window, then the person is due for deletion', () => {
    const d = decideRetention({ activity, profile: plesk, now: dueAt });
    expect(d).toMatchObject({ outcome: 'due', reason: 'window_elapsed', clause: 'C15', mode: 'delete' });
  });

  it('C14 when Zendesk alone would make them due but a recent call keeps them, then the outcome is active_elsewhere', () => {
    const d = decideRetention({
      activity: { zendesk: { lastLoginAt: at('2020-01-10T00:00:00Z') }, talkdesk: { lastCallAt: at('2024-06-01T00:00:00Z') } },
      profile: plesk,
      now: at('2025-01-01T00:00:00Z'),
    });
    expect(d).toMatchObject({ outcome: 'active_elsewhere', lastActivitySystem: 'talkdesk', zendeskOnlyDueAt: at('2023-01-10T00:00:00Z') });
    expect(d.dueAt).toEqual(at('2027-06-01T00:00:00Z'));
  });

  it('C14 when chat is recent but Zendesk is recent too, then the person is simply not due', () => {
    const d = decideRetention({
      activity: { zendesk: { lastLoginAt: at('2024-01-10T00:00:00Z') }, livechat: { lastChatAt: at('2024-06-01T00:00:00Z') } },
      profile: plesk,
      now: at('2025-01-01T00:00:00Z'),
    });
    expect(d.outcome).toBe('not_due');
  });

  it('C14 when no activity is known at all, then the person is not due (no date, no irreversible erasure)', () => {
    const d = decideRetention({ activity: {}, profile: plesk, now: at('2030-01-01T00:00:00Z') });
    expect(d).toMatchObject({ outcome: 'not_due', reason: 'no_activity_recorded', dueAt: null, lastActivity: null });
  });

  it('C14 when only account creation is known, then the window runs from creation', () => {
    const d = decideRetention({ activity: { zendesk: { createdAt: at('2020-01-01T00:00:00Z') } }, profile: plesk, now: at('2023-01-01T00:00:00Z') });
    expect(d.outcome).toBe('due');
  });

  it('when the person is an agent, then they are exempt', () => {
    expect(decideRetention({ activity, profile: plesk, now: at('2030-01-01T00:00:00Z'), isAgent: true }).outcome).toBe('exempt');
  });

  it('C16 when the profile anonymizes, then a due person is due for anonymisation', () => {
    const d = decideRetention({ activity, profile: profile('parallels'), now: at('2024-01-01T00:00:00Z') });
    expect(d).toMatchObject({ outcome: 'due', mode: 'anonymize', clause: 'C16' });
  });

  const hold: LegalHold = { id: 'hold-1', reason: 'dispute 2024-17', placedBy: 'admin:3', placedAt: at('2023-01-01T00:00:00Z') };

  it('C18 when a due person has an active legal hold, then they are held with the hold id', () => {
    const d = decideRetention({ activity, profile: plesk, now: at('2024-01-01T00:00:00Z'), holds: [hold] });
    expect(d).toMatchObject({ outcome: 'held', reason: 'legal_hold', clause: 'C18', holdIds: ['hold-1'] });
  });

  it('C18 when the hold has expired, then the person is due again', () => {
    const expired = { ...hold, until: at('2023-12-31T00:00:00Z') };
    expect(isHoldActive(expired, at('2024-01-01T00:00:00Z'))).toBe(false);
    expect(decideRetention({ activity, profile: plesk, now: at('2024-01-01T00:00:00Z'), holds: [expired] }).outcome).toBe('due');
  });

  it('C18 when a hold is placed in the future, then it is not active yet', () => {
    expect(isHoldActive({ ...hold, placedAt: at('2025-01-01T00:00:00Z') }, at('2024-01-01T00:00:00Z'))).toBe(false);
  });

  it('C18 when a person has a hold and open tickets, then the hold is reported', () => {
    const d = decideRetention({ activity, profile: plesk, now: at('2024-01-01T00:00:00Z'), holds: [hold], openTicketIds: [5] });
    expect(d.outcome).toBe('held');
  });

  it('C24 when a due person is restricted, then the sweep is blocked by the restriction', () => {
    const d = decideRetention({ activity, profile: plesk, now: at('2024-01-01T00:00:00Z'), restricted: true });
    expect(d).toMatchObject({ outcome: 'blocked', reason: 'processing_restricted', clause: 'C24' });
  });

  it('C19 when a due person has open tickets, then they are blocked with the ticket ids', () => {
    const d = decideRetention({ activity, profile: plesk, now: at('2024-01-01T00:00:00Z'), openTicketIds: [31, 7], solvedTicketIds: [12] });
    expect(d).toMatchObject({ outcome: 'blocked', reason: 'open_tickets', clause: 'C19', blockingTicketIds: [7, 31] });
  });

  it('C19 when a due person has only solved tickets, then they are due and the solved tickets are closed first', () => {
    const d = decideRetention({ activity, profile: plesk, now: at('2024-01-01T00:00:00Z'), solvedTicketIds: [12, 4] });
    expect(d).toMatchObject({ outcome: 'due', ticketsToCloseFirst: [4, 12] });
  });

  it('C19 when the profile does not allow closing solved tickets, then solved tickets block too', () => {
    const p = profile('plesk', (x) => { x.retention.closeSolvedTicketsBeforeDeletion = false; });
    const d = decideRetention({ activity, profile: p, now: at('2024-01-01T00:00:00Z'), solvedTicketIds: [12] });
    expect(d).toMatchObject({ outcome: 'blocked', blockingTicketIds: [12] });
  });

  it('C14 when the window is 36 months from 2023-02-28, then the person is due on 2026-02-28 and not a day earlier', () => {
    const a = { zendesk: { lastRequesterCommentAt: at('2023-02-28T00:00:00Z') } };
    expect(decideRetention({ activity: a, profile: plesk, now: at('2026-02-27T23:59:59Z') }).outcome).toBe('not_due');
    expect(decideRetention({ activity: a, profile: plesk, now: at('2026-02-28T00:00:00Z') }).outcome).toBe('due');
  });
});

describe('erasure steps', () => {
  it('C17 when a person is deleted, then every soft delete is followed by a permanent deletion and a check', () => {
    const steps = erasureSteps(plesk);
    expect(steps).toEqual(['soft_delete_tickets', 'permanently_delete_tickets', 'soft_delete_user', 'permanently_delete_user', 'verify_deleted']);
    expect(steps.indexOf('permanently_delete_user')).toBeGreaterThan(steps.indexOf('soft_delete_user'));
    expect(steps.at(-1)).toBe('verify_deleted');
  });

  it('C19 when solved tickets must be closed first, then closing comes before any deletion', () => {
    expect(erasureSteps(plesk, { closeSolvedFirst: true })[0]).toBe('close_solved_tickets');
  });

  it('C16 when the profile anonymizes, then PII is redacted and the identity replaced, and nothing is deleted', () => {
    const steps = erasureSteps(profile('parallels'));
    expect(steps).toEqual(['redact_comment_pii', 'anonymize_identity', 'verify_anonymized']);
    expect(steps.some((s) => s.includes('delete'))).toBe(false);
  });
});
