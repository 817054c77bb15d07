import type { PrivacyRequestRecord } from './request-store.js';
import type { PlannedStep } from './step-types.js';
import { objectionRestrictsProcessing } from '../policy/objection-scope.js';

const lookups: PlannedStep[] = [
  { system: 'zendesk', step: 'read_profile' },
  { system: 'livechat', step: 'find_chats' },
  { system: 'talkdesk', step: 'find_contacts' },
];

const otherSystemsErasure: PlannedStep[] = [
  { system: 'livechat', step: 'mask_customers' },
  { system: 'livechat', step: 'transcripts_task' },
  // The GDPR request first: it removes the contacts, and the next step only deletes what it left.
  { system: 'talkdesk', step: 'gdpr_forget' },
  { system: 'talkdesk', step: 'delete_contacts' },
  { system: 'talkdesk', step: 'recordings' },
];

/** The person is told on the request ticket before the first deletion, and once more before the account goes. */
const replyBeforeStep: PlannedStep = { system: 'zendesk', step: 'reply_before_erasure' };
const replySummaryStep: PlannedStep = { system: 'zendesk', step: 'reply_erasure_summary' };

/** After the vendors: this service's own copies of the person (exports, profile, payloads). */
const forgetLocally: PlannedStep = { system: 'privacy_guard', step: 'erase_local_copies' };

/**
 * The ordered steps of a request. Erasure reads the Zendesk profile and looks the person up in
 * LiveChat and Talkdesk first (they know only e-mail and phone), checks Zendesk's precondition
 * (C19) before anything is deleted anywhere, deletes in Zendesk last (C17), then drops what this service itself holds.
 * The person gets a reply on the request ticket before the first deletion and a last one, with
 * the summary, before their tickets and account go (after that no reply reaches them).
 */
export function planSteps(request: Pick<PrivacyRequestRecord, 'type' | 'mode'> & { ticketId?: number | null; workingData?: PrivacyRequestRecord['workingData'] }): PlannedStep[] {
  // Replies need a request ticket; the retention sweep's erasures have none and plan no reply steps.
  const hasTicket = request.ticketId !== null && request.ticketId !== undefined;
  const replyBefore = hasTicket ? [replyBeforeStep] : [];
  const replySummary = hasTicket ? [replySummaryStep] : [];
  switch (request.type) {
    case 'erasure':
      if (request.mode === 'anonymize') {
        return [
          ...lookups,
          ...replyBefore,
          ...otherSystemsErasure,
          ...replySummary,
          { system: 'zendesk', step: 'redact_comment_pii' },
          { system: 'zendesk', step: 'anonymize_identity' },
          { system: 'zendesk', step: 'verify_anonymized' },
          forgetLocally,
        ];
      }
      return [
        ...lookups,
        { system: 'zendesk', step: 'close_solved_tickets' },
        ...replyBefore,
        ...otherSystemsErasure,
        { system: 'zendesk', step: 'remove_from_other_tickets' },
        ...replySummary,
        { system: 'zendesk', step: 'soft_delete_tickets' },
        { system: 'zendesk', step: 'permanently_delete_tickets' },
        { system: 'zendesk', step: 'soft_delete_user' },
        { system: 'zendesk', step: 'permanently_delete_user' },
        { system: 'zendesk', step: 'verify_deleted' },
        forgetLocally,
      ];
    case 'access':
      // One step reads each system once and builds the export (separate lookups would read the
      // profile, the contacts and the threads a second time).
      return [{ system: 'privacy_guard', step: 'build_export' }];
    case 'rectification':
      return [
        ...lookups,
        { system: 'zendesk', step: 'rectify_user' },
        { system: 'livechat', step: 'rectify_customers' },
        { system: 'talkdesk', step: 'rectify_contacts' },
      ];
    case 'restriction':
      return [{ system: 'privacy_guard', step: 'set_restriction' }];
    case 'objection':
      // C34: an objection to any use withdraws every optional purpose and restricts processing (C24).
      return objectionRestrictsProcessing(request.workingData?.objectionScope ?? 'direct_marketing')
        ? [{ system: 'privacy_guard', step: 'withdraw_marketing' }, { system: 'privacy_guard', step: 'set_restriction' }]
        : [{ system: 'privacy_guard', step: 'withdraw_marketing' }];
  }
}
