import { signZendeskPayload } from '../../middleware/src/webhooks/zendesk/signature.js';

export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-for-privacy-guard-tests';

/** Headers for a Zendesk delivery signed exactly as production verifies it. */
export function signedZendeskHeaders(body: string, options: { secret?: string; timestamp?: string } = {}) {
  const timestamp = options.timestamp ?? new Date().toISOString();
  return {
    'content-type': 'application/json',
    'x-zendesk-webhook-signature-timestamp': timestamp,
    'x-zendesk-webhook-signature': signZendeskPayload(options.secret ?? TEST_WEBHOOK_SECRET, timestamp, body),
  };
}

export function sampleTicketTrigger(ticketId = 1001, extra: Record<string, unknown> = {}) {
  return {
    type: 'ticket_trigger',
    ticket: { id: String(ticketId), status: 'open', requester_id: '501', updated_at: '2026-11-20T10:00:00Z', tags: 'billing vip', ...extra },
  };
}

export function sampleEventEnvelope(id = '01HZZZEVENT0000000000000001') {
  return {
    id,
    type: 'zen:event-type:ticket.created',
    account_id: 12345,
    subject: 'zen:ticket:1001',
    time: '2026-11-20T10:00:00Z',
    zendesk_event_version: '2022-11-06',
    detail: { id: '1001', status: 'NEW', requester_id: '501' },
    event: {},
  };
}
