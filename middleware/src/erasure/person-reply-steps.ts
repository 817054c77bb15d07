import { InvalidRequestError, NotFoundError } from '../errors.js';
import type { ZendeskTicket } from '../connectors/index.js';
import { replyTexts, type ErasureSummary } from '../policy/request-reply-texts.js';
import { requestStore } from '../requests/request-store.js';
import type { StepHandler, StepOutcome, StepRun } from '../requests/step-types.js';

// The person hears from us on their request ticket before anything of theirs is deleted, and once
// more, with what was done, while their account can still receive it: after it is deleted (or
// anonymised to a placeholder address) no reply reaches them. Each reply is posted once: the step
// records it, and a retry after the record finds it.

async function postOnRequestTicket(run: StepRun, body: string, solve: boolean): Promise<StepOutcome | undefined> {
  const ticketId = run.request.ticketId;
  if (ticketId === null) return { kind: 'done', result: { skipped: 'no_request_ticket' } };
  if (run.step.result.postedAt) return { kind: 'done', result: run.step.result };
  try {
    await run.ctx.vendors.zendesk.updateTicket(ticketId, { comment: { body, public: true }, ...(solve ? { status: 'solved' } : {}) });
  } catch (error) {
    // A request ticket deleted or closed meanwhile cannot take a reply; the erasure goes on.
    if (error instanceof NotFoundError) return { kind: 'done', result: { skipped: 'request_ticket_gone' } };
    if (error instanceof InvalidRequestError) return { kind: 'done', result: { skipped: 'request_ticket_not_updatable' } };
    throw error;
  }
  const postedAt = run.ctx.now().toISOString();
  await run.checkpoint({ postedAt, ticketId });
  return undefined;
}

/** "We are about to erase ...": after the C19 check, before the first deletion anywhere. */
export const replyBeforeErasure: StepHandler = async (run) => {
  const skipped = await postOnRequestTicket(run, replyTexts(run.ctx.config.accountLocale).erasureStarting(), false);
  if (skipped) return skipped;
  return { kind: 'done', result: { ...run.step.result }, audit: { action: 'request.erasure.person_notified', clause: 'C20', outcome: 'before_erasure', details: { ticketId: run.request.ticketId } } };
};

const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/** The receipt's summary so far, in counts, for the person. */
async function summaryOf(run: StepRun): Promise<ErasureSummary> {
  const mode = run.request.mode === 'anonymize' ? 'anonymize' : 'delete';
  let tickets: ZendeskTicket[] = [];
  // A deletion has already read the ticket list (C19 check): count from it rather than list again.
  const checked = run.resultOf('zendesk', 'close_solved_tickets').requestedTicketIds;
  if (Array.isArray(checked)) tickets = checked.map((id) => ({ id: Number(id) }) as ZendeskTicket);
  else if (run.request.zendeskUserId !== null) {
    try {
      for await (const ticket of run.ctx.vendors.zendesk.ticketsRequestedBy(run.request.zendeskUserId)) tickets.push(ticket);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      tickets = [];
    }
  }
  const transcripts = run.resultOf('livechat', 'transcripts_task');
  const tasks = await requestStore.manualTasks(run.ctx.db, { requestId: run.request.id });
  const open = tasks.filter((t) => t.status === 'open').map((t) => t.dueAt.toISOString()).sort();
  return {
    mode,
    ticketsToDelete: mode === 'delete' ? tickets.length : 0,
    ticketsKeptAnonymised: mode === 'anonymize' ? tickets.length : 0,
    liveChatProfilesMasked: count(run.resultOf('livechat', 'mask_customers').maskedCustomerIds),
    liveChatTranscriptsManual: count(transcripts.chatIds) > 0 && count(transcripts.deletedChatIds) === 0,
    // Removed by the GDPR request (found gone) or by DELETE: either way the contact no longer exists.
    talkdeskContactsDeleted: count(run.resultOf('talkdesk', 'delete_contacts').deletedContactIds) + count(run.resultOf('talkdesk', 'delete_contacts').alreadyGoneContactIds),
    talkdeskErasureRequested: run.resultOf('talkdesk', 'gdpr_forget').httpStatus === 204,
    manualTasksDueBy: open.at(-1) ?? null,
  };
}

/**
 * The last reply (C30): what was erased in each system, what is left to people and by when, the
 * reference; the request ticket is solved with it. It comes before Zendesk deletes the tickets and
 * the account (delete mode) or replaces the identity (anonymise mode), the last moment it can reach the person.
 */
export const replyErasureSummary: StepHandler = async (run) => {
  const summary = await summaryOf(run);
  const skipped = await postOnRequestTicket(run, replyTexts(run.ctx.config.accountLocale).erasureSummary(summary, run.request.id), true);
  if (skipped) return skipped;
  return { kind: 'done', result: { ...run.step.result, summary }, audit: { action: 'request.erasure.person_notified', clause: 'C30', outcome: 'summary', details: { ticketId: run.request.ticketId } } };
};
