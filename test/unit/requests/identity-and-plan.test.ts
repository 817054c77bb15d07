import { describe, expect, it } from 'vitest';
import { assessRequesterIdentity, channelOf, requestTypesFromTags, senderAddressOf } from '../../../middleware/src/requests/identity.js';
import { planSteps } from '../../../middleware/src/requests/step-plan.js';
import { signExportLink, verifyExportLink } from '../../../middleware/src/requests/export-link.js';
import { erasureRequestIdFor } from '../../../middleware/src/erasure/erase-person.js';
import { personalTermsIn } from '../../../middleware/src/erasure/zendesk-steps.js';

const primary = { type: 'email', value: 'Kim@Example.com', primary: true, verified: true };

describe('requester identity (C20)', () => {
  it('when the ticket came by e-mail from the verified primary address, then it is accepted', () => {
    expect(assessRequesterIdentity({ channel: 'email', senderAddress: 'kim@example.com', identities: [primary] })).toEqual({ accepted: true, reason: 'verified_primary_address' });
  });
  it('when it came from a secondary address, then confirmation is needed', () => {
    const secondary = { type: 'email', value: 'kim@work.example', primary: false, verified: true };
    expect(assessRequesterIdentity({ channel: 'email', senderAddress: 'kim@work.example', identities: [primary, secondary] }).reason).toBe('sender_is_not_primary_address');
  });
  it('when the primary address is not verified, or the channel is chat or API, then confirmation is needed', () => {
    expect(assessRequesterIdentity({ channel: 'web', senderAddress: 'kim@example.com', identities: [{ ...primary, verified: false }] }).reason).toBe('no_verified_primary_address');
    expect(assessRequesterIdentity({ channel: 'api', senderAddress: 'kim@example.com', identities: [primary] }).reason).toBe('channel_not_email_or_web');
    expect(assessRequesterIdentity({ channel: 'email', senderAddress: undefined, identities: [primary] }).reason).toBe('sender_address_unknown');
  });
  it('when the trigger renders the channel as text, then Mail and Web Form count as e-mail and web', () => {
    expect(channelOf('Mail')).toBe('email');
    expect(channelOf('Web Form')).toBe('web');
    expect(channelOf('Chat')).toBe('other');
    expect(senderAddressOf({ via: { channel: 'email', source: { from: { address: 'A@B.example' } } } })).toBe('a@b.example');
  });
  it('when tags name request types, then each type is recognised once and other tags are ignored', () => {
    expect(requestTypesFromTags(['vip', 'privacy_request_erasure', 'PRIVACY_REQUEST_ACCESS', 'privacy_request_erasure', 'privacy_request_other'])).toEqual(['erasure', 'access']);
  });
});

describe('erasure plan (C17, C19)', () => {
  it('when erasing in delete mode, then lookups come first, the C19 check precedes every deletion, Zendesk deletes last of the vendors and this service forgets after them', () => {
    const steps = planSteps({ type: 'erasure', mode: 'delete' }).map((s) => `${s.system}/${s.step}`);
    expect(steps.slice(0, 4)).toEqual(['zendesk/read_profile', 'livechat/find_chats', 'talkdesk/find_contacts', 'zendesk/close_solved_tickets']);
    expect(steps.slice(-6)).toEqual(['zendesk/soft_delete_tickets', 'zendesk/permanently_delete_tickets', 'zendesk/soft_delete_user', 'zendesk/permanently_delete_user', 'zendesk/verify_deleted', 'privacy_guard/erase_local_copies']);
  });
  it('C20 C30 when the erasure came on a ticket, then the person is told after the C19 check and before the first deletion, and once more before Zendesk deletes their tickets; without a ticket nothing is planned for it', () => {
    const steps = planSteps({ type: 'erasure', mode: 'delete', ticketId: 42 }).map((s) => `${s.system}/${s.step}`);
    expect(steps.indexOf('zendesk/reply_before_erasure')).toBe(steps.indexOf('zendesk/close_solved_tickets') + 1);
    expect(steps.indexOf('zendesk/reply_erasure_summary')).toBe(steps.indexOf('zendesk/soft_delete_tickets') - 1);
    const anonymize = planSteps({ type: 'erasure', mode: 'anonymize', ticketId: 42 }).map((s) => s.step);
    expect(anonymize.indexOf('reply_before_erasure')).toBe(3);
    expect(anonymize.indexOf('reply_erasure_summary')).toBeLessThan(anonymize.indexOf('redact_comment_pii'));
    expect(planSteps({ type: 'erasure', mode: 'delete', ticketId: null }).map((s) => s.step)).not.toContain('reply_before_erasure');
  });
  it('when anonymising (C16), then tickets are kept: comments are redacted and the identity replaced', () => {
    const steps = planSteps({ type: 'erasure', mode: 'anonymize' }).map((s) => s.step);
    expect(steps).not.toContain('soft_delete_tickets');
    expect(steps.slice(-4)).toEqual(['redact_comment_pii', 'anonymize_identity', 'verify_anonymized', 'erase_local_copies']);
    expect(personalTermsIn('Reach me at kim@example.com or +15550001', ['kim@example.com', '+15550001', 'Kim Sample'])).toEqual(['kim@example.com', '+15550001']);
  });
  it('when the sweep passes its own key, then the request id is a stable UUID', () => {
    const a = erasureRequestIdFor('retention:preview-1:1000005');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(erasureRequestIdFor('retention:preview-1:1000005')).toBe(a);
    expect(erasureRequestIdFor('retention:preview-1:1000006')).not.toBe(a);
  });
});

describe('export download links (C22)', () => {
  const secret = 'session-secret-for-tests-only-0123456789abcdef';
  const id = '2f1c8a4e-7b1d-4c7e-9a51-0c3b9d2e4f10';
  it('when the link is used before it expires, then it verifies; after, it is expired; altered, it is refused', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const path = signExportLink(secret, id, new Date(now.getTime() + 24 * 3600_000));
    const url = new URL(`http://x${path}`);
    const expires = url.searchParams.get('expires');
    const signature = url.searchParams.get('signature');
    expect(verifyExportLink(secret, id, expires, signature, now)).toBe('ok');
    expect(verifyExportLink(secret, id, expires, signature, new Date(now.getTime() + 25 * 3600_000))).toBe('expired');
    expect(verifyExportLink(secret, id, String(Number(expires) + 3600), signature, now)).toBe('bad_signature');
    expect(verifyExportLink(secret, '00000000-0000-4000-8000-000000000000', expires, signature, now)).toBe('bad_signature');
  });
});
