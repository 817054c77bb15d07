import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planSteps } from '../../../middleware/src/requests/step-plan.js';
import { buildReceipt } from '../../../middleware/src/erasure/receipt.js';
import type { ManualTaskRecord, PrivacyRequestRecord, RequestStepRecord } from '../../../middleware/src/requests/request-store.js';

describe('request plans cover every system', () => {
  const systemsOf = (steps: Array<{ system: string }>) => [...new Set(steps.map((s) => s.system))];

  it('C02 C21 when an access request is planned, then one step reads Zendesk, LiveChat and Talkdesk once each and builds the export, and nothing else runs', () => {
    expect(planSteps({ type: 'access', mode: null })).toEqual([{ system: 'privacy_guard', step: 'build_export' }]);
  });

  it('C02 C17 when an erasure is planned (delete), then chats, contacts and recordings are erased as well as the profile, and permanent deletion follows soft deletion and is verified', () => {
    const steps = planSteps({ type: 'erasure', mode: 'delete' }).map((s) => `${s.system}:${s.step}`);
    expect(steps).toEqual([
      'zendesk:read_profile', 'livechat:find_chats', 'talkdesk:find_contacts', 'zendesk:close_solved_tickets',
      'livechat:mask_customers', 'livechat:transcripts_task', 'talkdesk:gdpr_forget', 'talkdesk:delete_contacts', 'talkdesk:recordings',
      'zendesk:remove_from_other_tickets', 'zendesk:soft_delete_tickets', 'zendesk:permanently_delete_tickets', 'zendesk:soft_delete_user',
      'zendesk:permanently_delete_user', 'zendesk:verify_deleted', 'privacy_guard:erase_local_copies',
    ]);
  });

  it('C02 C16 when an erasure is planned (anonymize), then the other systems are still erased and Zendesk is de-identified and verified, never deleted', () => {
    const steps = planSteps({ type: 'erasure', mode: 'anonymize' }).map((s) => `${s.system}:${s.step}`);
    expect(steps).toEqual([
      'zendesk:read_profile', 'livechat:find_chats', 'talkdesk:find_contacts',
      'livechat:mask_customers', 'livechat:transcripts_task', 'talkdesk:gdpr_forget', 'talkdesk:delete_contacts', 'talkdesk:recordings',
      'zendesk:redact_comment_pii', 'zendesk:anonymize_identity', 'zendesk:verify_anonymized', 'privacy_guard:erase_local_copies',
    ]);
  });

  it('C23 C24 C25 when rectification, restriction and objection are planned, then rectification reaches all three systems and the others act locally', () => {
    expect(systemsOf(planSteps({ type: 'rectification', mode: null }))).toEqual(['zendesk', 'livechat', 'talkdesk']);
    expect(planSteps({ type: 'rectification', mode: null }).slice(3).map((s) => s.step)).toEqual(['rectify_user', 'rectify_customers', 'rectify_contacts']);
    expect(planSteps({ type: 'restriction', mode: null })).toEqual([{ system: 'privacy_guard', step: 'set_restriction' }]);
    expect(planSteps({ type: 'objection', mode: null })).toEqual([{ system: 'privacy_guard', step: 'withdraw_marketing' }]);
  });
});

describe('erasure receipt', () => {
  const at = (iso: string) => new Date(iso);
  const request = {
    id: 'req-1', type: 'erasure', mode: 'delete', origin: 'ticket', receivedAt: at('2025-01-02T03:04:05Z'), identity: { method: 'account_primary_email', verifiedAt: '2025-01-02T03:04:05Z' },
  } as unknown as PrivacyRequestRecord;
  const step = (system: string, name: string, result: Record<string, unknown>): RequestStepRecord =>
    ({ requestId: 'req-1', system, step: name, seq: 1, status: 'done', attempts: 2, result, lastError: null, leaseUntil: null, updatedAt: at('2025-01-03T00:00:00Z') }) as RequestStepRecord;
  const task = { id: 't-1', requestId: 'req-1', system: 'livechat', title: 'Delete transcripts', instructions: 'x', details: { chats: 2 }, dueAt: at('2025-01-10T00:00:00Z'), status: 'open', createdAt: at('2025-01-03T00:00:00Z'), doneAt: null, doneBy: null, proof: null } as ManualTaskRecord;

  it('C30 when an erasure completes, then the receipt lists per system what each step did, with the manual tasks left to people, and a digest of its content', () => {
    const receipt = buildReceipt({
      request,
      steps: [step('zendesk', 'permanently_delete_user', { jobId: 'j-1' }), step('talkdesk', 'delete_contacts', { deleted: 1 }), step('zendesk', 'verify_deleted', { verified: true })],
      tasks: [task],
      subjectRef: 'subj-abc',
      completedAt: at('2025-01-04T00:00:00Z'),
    });
    expect(receipt).toMatchObject({ requestId: 'req-1', type: 'erasure', mode: 'delete', origin: 'ticket', subjectRef: 'subj-abc', receivedAt: '2025-01-02T03:04:05.000Z', completedAt: '2025-01-04T00:00:00.000Z' });
    expect(Object.keys(receipt.systems)).toEqual(['zendesk', 'talkdesk']);
    expect(receipt.systems.zendesk!.actions).toEqual([
      { step: 'permanently_delete_user', status: 'done', at: '2025-01-03T00:00:00.000Z', attempts: 2, result: { jobId: 'j-1' } },
      { step: 'verify_deleted', status: 'done', at: '2025-01-03T00:00:00.000Z', attempts: 2, result: { verified: true } },
    ]);
    expect(receipt.manualTasks).toEqual([{ id: 't-1', system: 'livechat', title: 'Delete transcripts', dueAt: '2025-01-10T00:00:00.000Z', status: 'open', details: { chats: 2 } }]);
    const { digest, ...body } = receipt;
    expect(digest).toBe(createHash('sha256').update(JSON.stringify(body)).digest('hex'));
  });
});
