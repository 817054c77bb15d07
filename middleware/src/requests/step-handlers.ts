import * as crossSystem from '../erasure/cross-system-steps.js';
import * as zendeskSteps from '../erasure/zendesk-steps.js';
import { eraseLocalCopiesStep } from '../erasure/local-copies-step.js';
import { replyBeforeErasure, replyErasureSummary } from '../erasure/person-reply-steps.js';
import { buildExportStep } from './access-export.js';
import { rectifyLiveChatCustomers, rectifyTalkdeskContacts, rectifyZendeskUser, setRestriction, withdrawMarketing } from './rights-steps.js';
import type { StepHandler } from './step-types.js';

/** Every step a plan may name (`system/step`), with the function that runs it. */
export const stepHandlers: Readonly<Record<string, StepHandler>> = {
  'zendesk/read_profile': crossSystem.readZendeskProfile,
  'livechat/find_chats': crossSystem.findLiveChatChats,
  'livechat/mask_customers': crossSystem.maskLiveChatCustomers,
  'livechat/transcripts_task': crossSystem.liveChatTranscriptsTask,
  'talkdesk/find_contacts': crossSystem.findTalkdeskContacts,
  'talkdesk/delete_contacts': crossSystem.deleteTalkdeskContacts,
  'talkdesk/gdpr_forget': crossSystem.talkdeskGdprForget,
  'talkdesk/recordings': crossSystem.checkTalkdeskRecordings,
  'zendesk/close_solved_tickets': zendeskSteps.closeSolvedTickets,
  'zendesk/reply_before_erasure': replyBeforeErasure,
  'zendesk/reply_erasure_summary': replyErasureSummary,
  'zendesk/remove_from_other_tickets': zendeskSteps.removeFromOtherTickets,
  'zendesk/soft_delete_tickets': zendeskSteps.softDeleteTickets,
  'zendesk/permanently_delete_tickets': zendeskSteps.permanentlyDeleteTickets,
  'zendesk/soft_delete_user': zendeskSteps.softDeleteUser,
  'zendesk/permanently_delete_user': zendeskSteps.permanentlyDeleteUser,
  'zendesk/verify_deleted': zendeskSteps.verifyDeleted,
  'zendesk/redact_comment_pii': zendeskSteps.redactCommentPii,
  'zendesk/anonymize_identity': zendeskSteps.anonymizeIdentity,
  'zendesk/verify_anonymized': zendeskSteps.verifyAnonymized,
  'privacy_guard/erase_local_copies': eraseLocalCopiesStep,
  'privacy_guard/build_export': buildExportStep,
  'zendesk/rectify_user': rectifyZendeskUser,
  'livechat/rectify_customers': rectifyLiveChatCustomers,
  'talkdesk/rectify_contacts': rectifyTalkdeskContacts,
  'privacy_guard/set_restriction': setRestriction,
  'privacy_guard/withdraw_marketing': withdrawMarketing,
};
