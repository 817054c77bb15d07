import { describe, expect, it } from 'vitest';
import { withdrawMarketingOnUnsubscribeSubject } from '../../../middleware/src/consent/unsubscribe-by-subject.js';
import { handleReferralContacts } from '../../../middleware/src/referrals/referral-removal.js';
import { gateSurveyInvitation } from '../../../middleware/src/surveys/survey-gate.js';
import type { AppContext } from '../../../middleware/src/app-context.js';
import type { ZendeskWebhookEvent } from '../../../middleware/src/webhooks/zendesk/payload-schema.js';

/** A context whose Zendesk client fails the test on any call, and whose database finds nothing. */
function noVendorCalls() {
  const calls: string[] = [];
  const zendesk = new Proxy({}, { get: (_t, name) => () => { calls.push(String(name)); throw new Error(`unexpected Zendesk call ${String(name)}`); } });
  const ctx = {
    vendors: { zendesk },
    db: { query: async () => ({ rows: [], rowCount: 0 }) },
    config: { auditKey: 'audit-key-for-tests-only-0123456789abcdef-xyz' },
  } as unknown as AppContext;
  return { ctx, calls };
}

function trigger(ticket: Record<string, unknown>): ZendeskWebhookEvent {
  return { source: 'trigger', eventType: 'ticket.updated', ticketId: 42, payload: { type: 'ticket_trigger', ticket: { id: 42, ...ticket } } } as unknown as ZendeskWebhookEvent;
}

describe('ticket events the new modules decide from the trigger body alone (issue 16: 0 vendor calls per no-op event)', () => {
  it('C31 when a created e-mail ticket\'s subject does not ask to unsubscribe, or the event is a change, then no ticket is read', async () => {
    const { ctx, calls } = noVendorCalls();
    expect(await withdrawMarketingOnUnsubscribeSubject(ctx, trigger({ update_type: 'create', via: 'Mail', subject: 'Where is my order?' }))).toBeUndefined();
    expect(await withdrawMarketingOnUnsubscribeSubject(ctx, trigger({ update_type: 'change', via: 'Mail', subject: 'Unsubscribe' }))).toBeUndefined();
    expect(await withdrawMarketingOnUnsubscribeSubject(ctx, trigger({ update_type: 'create', via: 'Web form', subject: 'Unsubscribe' }))).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('C31 when the body carries no subject (an older body), then the ticket is read to decide', async () => {
    const { ctx, calls } = noVendorCalls();
    await expect(withdrawMarketingOnUnsubscribeSubject(ctx, trigger({ update_type: 'create', via: 'Mail' }))).rejects.toThrow(/unexpected Zendesk call/);
    expect(calls).toEqual(['showTicket']);
  });

  it('C33 when the ticket has no removal tag and its requester is not suppressed, then no ticket is read', async () => {
    const { ctx, calls } = noVendorCalls();
    expect(await handleReferralContacts(ctx, trigger({ tags: ['billing', 'vip'], requester_email: 'rita@example.com' }))).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('C36 when the ticket is not solved, then no ticket is read', async () => {
    const { ctx, calls } = noVendorCalls();
    expect(await gateSurveyInvitation(ctx, trigger({ status: 'Open' }))).toBeUndefined();
    expect(calls).toEqual([]);
  });
});
