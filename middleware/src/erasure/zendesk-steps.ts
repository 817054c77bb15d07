import { NotFoundError, PreconditionError, TransientError } from '../errors.js';
import type { ZendeskClient, ZendeskJobStatus, ZendeskTicket } from '../connectors/index.js';
import { REQUESTER_OF_UNCLOSED_TICKETS } from '../connectors/zendesk/zendesk-errors.js';
import type { StepHandler, StepRun } from '../requests/step-types.js';

// Zendesk's deletion of a requester, in the order Zendesk allows it (C17, C19):
// close solved tickets -> take the person off other people's tickets -> soft then permanent
// ticket deletion -> soft then permanent user deletion -> verify. Every step re-checks the
// vendor state first, so a retry after a crash never repeats a deleting call that took effect.
// https://developer.zendesk.com/api-reference/ticketing/users/users/#permanently-delete-user

const UNCLOSED = new Set(['new', 'open', 'pending', 'hold']);

function zendeskUserId(run: StepRun): number {
  const id = run.request.zendeskUserId;
  if (id === null) throw new PreconditionError('Erasure: the request names no Zendesk user; set the person key to zendesk:<user id>.');
  return id;
}

/** The person's tickets as requester, or null when the user no longer exists. */
async function requestedTickets(zendesk: ZendeskClient, userId: number): Promise<ZendeskTicket[] | null> {
  const tickets: ZendeskTicket[] = [];
  try {
    for await (const ticket of zendesk.ticketsRequestedBy(userId)) tickets.push(ticket);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
  return tickets;
}

/** Waits for Zendesk bulk jobs; throws TransientError (retry) when one failed for another reason than "already gone". */
async function waitForJobs(run: StepRun, jobIds: readonly string[], alreadyGone: readonly string[] = []): Promise<ZendeskJobStatus[]> {
  const finished: ZendeskJobStatus[] = [];
  for (const jobId of jobIds) {
    const job = await run.ctx.vendors.zendesk.waitForJob(jobId, { initialDelayMs: run.options.jobPollInitialMs, maxWaitMs: 600_000 });
    const failures = Array.isArray(job.results)
      ? (job.results as Array<{ success?: boolean; error?: string }>).filter((r) => r.success === false && !alreadyGone.includes(String(r.error)))
      : [];
    if (job.status !== 'completed' || failures.length > 0) {
      throw new TransientError(`Zendesk job ${jobId} ended ${job.status} with ${failures.length} failed item(s); the step is retried and re-checks what is left.`);
    }
    finished.push(job);
  }
  return finished;
}

function jobIdsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * C19: open matters block the erasure. Solved tickets block only where the profile does not allow
 * them to be closed; where it does, they are not closed either, since they are deleted a few steps
 * later and a soft-deleted ticket no longer blocks the user's deletion (closing them first would
 * cost a bulk update and its job for nothing). The ids read here are the ones deleted later, so
 * the list is read once per erasure; a ticket the person opens meanwhile makes Zendesk refuse the
 * user's deletion, which reports it as blocking (softDeleteUser).
 */
export const closeSolvedTickets: StepHandler = async (run) => {
  const zendesk = run.ctx.vendors.zendesk;
  const userId = zendeskUserId(run);
  // A plan started before this version may have closed tickets in bulk: finish those jobs.
  const pendingJobs = jobIdsOf(run.step.result.closeJobIds);
  if (pendingJobs.length > 0 && !run.step.result.closeJobsFinished) {
    await waitForJobs(run, pendingJobs);
    await run.checkpoint({ closeJobsFinished: true });
  }
  const tickets = await requestedTickets(zendesk, userId);
  if (tickets === null) return { kind: 'done', result: { userGone: true, requestedTicketIds: [] } };
  // The ticket that carries this very request is not an open matter, and it stays open: the
  // person's replies are posted on it before it is deleted with the others.
  const ownTicket = run.request.ticketId;
  const open = tickets.filter((t) => UNCLOSED.has(t.status) && t.id !== ownTicket).map((t) => t.id);
  const solved = tickets.filter((t) => t.status === 'solved' && t.id !== ownTicket).map((t) => t.id);
  const solvedMayGo = run.ctx.profile.retention.closeSolvedTicketsBeforeDeletion;
  const blocking = solvedMayGo ? open : [...open, ...solved];
  if (blocking.length > 0) {
    return { kind: 'blocked', ticketIds: blocking.sort((a, b) => a - b), clause: 'C19', reason: 'requester_of_unclosed_tickets', result: { blockingTicketIds: blocking } };
  }
  return { kind: 'done', result: { requestedTicketIds: tickets.map((t) => t.id), solvedDeletedWithoutClosing: solved.length } };
};

/** Removes the person as e-mail CC and follower from other people's tickets that can still be updated. */
export const removeFromOtherTickets: StepHandler = async (run) => {
  const zendesk = run.ctx.vendors.zendesk;
  const userId = zendeskUserId(run);
  const done = new Set(jobIdsOf(run.step.result.removedFromTicketIds).map(Number));
  const leftOnClosed: number[] = [];
  const tickets: ZendeskTicket[] = [];
  try {
    for await (const ticket of zendesk.ticketsCcdOn(userId)) tickets.push(ticket);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return { kind: 'done', result: { userGone: true, removedFromTicketIds: [...done] } };
  }
  for (const ticket of tickets) {
    if (ticket.requester_id === userId || done.has(ticket.id)) continue;
    // Zendesk refuses updates to closed tickets; the permanent user deletion removes the person from them.
    if (ticket.status === 'closed') {
      leftOnClosed.push(ticket.id);
      continue;
    }
    const isFollower = (ticket.follower_ids ?? []).includes(userId);
    await zendesk.removeParticipants(ticket.id, { emailCcUserIds: [userId], ...(isFollower ? { followerUserIds: [userId] } : {}) });
    done.add(ticket.id);
    await run.checkpoint({ removedFromTicketIds: [...done] });
  }
  const removed = [...done];
  return {
    kind: 'done',
    result: { removedFromTicketIds: removed, closedTicketsLeftForUserDeletion: leftOnClosed },
    ...(removed.length ? { audit: { action: 'zendesk.participant.removed', clause: 'C20', details: { ticketIds: removed } } } : {}),
  };
};

/**
 * Soft-deletes the person's tickets in bulk (destroy_many) and waits for the job. The ids are the
 * ones the C19 check read; a plan without them (started before that step recorded them) reads the
 * list here.
 */
export const softDeleteTickets: StepHandler = async (run) => {
  const zendesk = run.ctx.vendors.zendesk;
  const userId = zendeskUserId(run);
  const recordedIds = jobIdsOf(run.step.result.ticketIds).map(Number);
  const recordedJobs = jobIdsOf(run.step.result.jobIds);
  if (recordedJobs.length > 0) {
    // The call went out before a crash: poll its job instead of deleting again.
    if (!run.step.result.jobsFinished) await waitForJobs(run, recordedJobs, ['TicketNotFound']);
    return { kind: 'done', result: { ticketIds: recordedIds, jobIds: recordedJobs, jobsFinished: true } };
  }
  const checked = run.resultOf('zendesk', 'close_solved_tickets').requestedTicketIds;
  // Ids recorded without a job: the process died around the call, which may have gone out. Only
  // the tickets still listed are deleted then, so a call that took effect is not sent again.
  const resumed = recordedIds.length > 0;
  const listed = !resumed && Array.isArray(checked) ? checked.map(Number) : ((await requestedTickets(zendesk, userId)) ?? []).map((t) => t.id);
  if (listed.length === 0) return { kind: 'done', result: { ticketIds: recordedIds, jobIds: [] } };
  const ticketIds = [...new Set([...recordedIds, ...listed])];
  // Record which tickets are about to be soft-deleted before asking: once soft-deleted they no
  // longer list as the user's tickets, and a crash right after the call must not lose their ids
  // (the permanent deletion works from them). A repeat of the call finds them gone (TicketNotFound).
  await run.checkpoint({ ticketIds, jobIds: [], jobsFinished: true });
  const jobs = await zendesk.softDeleteTickets(listed);
  const jobIds = jobs.map((j) => j.id);
  await run.checkpoint({ ticketIds, jobIds, jobsFinished: false });
  await waitForJobs(run, jobIds, ['TicketNotFound']);
  return {
    kind: 'done',
    result: { ticketIds, jobIds, jobsFinished: true },
    audit: { action: 'zendesk.tickets.soft_deleted', clause: 'C17', details: { ticketIds, jobIds } },
  };
};

/** Permanently deletes the soft-deleted tickets (deleted_tickets/destroy_many) and waits for the job. */
export const permanentlyDeleteTickets: StepHandler = async (run) => {
  const zendesk = run.ctx.vendors.zendesk;
  const ticketIds = jobIdsOf(run.resultOf('zendesk', 'soft_delete_tickets').ticketIds).map(Number);
  const recordedJobs = jobIdsOf(run.step.result.jobIds);
  if (ticketIds.length === 0) return { kind: 'done', result: { ticketIds: [] } };
  if (recordedJobs.length > 0) {
    await waitForJobs(run, recordedJobs, ['TicketNotFound']);
    return { kind: 'done', result: { ticketIds, jobIds: recordedJobs, jobsFinished: true } };
  }
  const jobs = await zendesk.permanentlyDeleteTickets(ticketIds);
  const jobIds = jobs.map((j) => j.id);
  await run.checkpoint({ ticketIds, jobIds });
  await waitForJobs(run, jobIds, ['TicketNotFound']);
  return {
    kind: 'done',
    result: { ticketIds, jobIds, jobsFinished: true },
    audit: { action: 'zendesk.tickets.permanently_deleted', clause: 'C17', details: { ticketIds, jobIds } },
  };
};

/**
 * Soft-deletes the user. No read first: the DELETE itself says what there is (the user, now
 * inactive; 404 when already gone; the precondition error while they request unclosed tickets).
 */
export const softDeleteUser: StepHandler = async (run) => {
  const zendesk = run.ctx.vendors.zendesk;
  const userId = zendeskUserId(run);
  if (run.step.result.softDeletedAt) return { kind: 'done', result: { userId, alreadySoftDeleted: true, softDeletedAt: run.step.result.softDeletedAt } };
  try {
    const deleted = await zendesk.softDeleteUser(userId);
    const softDeletedAt = run.ctx.now().toISOString();
    await run.checkpoint({ userId: deleted.id, softDeletedAt });
    return { kind: 'done', result: { userId: deleted.id, softDeletedAt }, audit: { action: 'zendesk.user.soft_deleted', clause: 'C17', details: { userId } } };
  } catch (error) {
    if (error instanceof PreconditionError && error.details?.reason === REQUESTER_OF_UNCLOSED_TICKETS) {
      const tickets = (await requestedTickets(zendesk, userId)) ?? [];
      const blocking = tickets.filter((t) => t.status !== 'closed').map((t) => t.id);
      return { kind: 'blocked', ticketIds: blocking, clause: 'C19', reason: REQUESTER_OF_UNCLOSED_TICKETS, result: { blockingTicketIds: blocking } };
    }
    if (error instanceof NotFoundError) return { kind: 'done', result: { userId, alreadyGone: true } };
    throw error;
  }
};

/**
 * Permanently deletes the soft-deleted user (deleted_users/{id}); a 404 means it is already gone.
 * No read first: the DELETE answers the same question.
 */
export const permanentlyDeleteUser: StepHandler = async (run) => {
  const zendesk = run.ctx.vendors.zendesk;
  const userId = zendeskUserId(run);
  if (run.step.result.permanentlyDeletedAt) return { kind: 'done', result: { userId, permanentlyDeletedAt: run.step.result.permanentlyDeletedAt } };
  try {
    await zendesk.permanentlyDeleteUser(userId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const permanentlyDeletedAt = run.ctx.now().toISOString();
    return { kind: 'done', result: { userId, alreadyGone: true, permanentlyDeletedAt } };
  }
  const permanentlyDeletedAt = run.ctx.now().toISOString();
  await run.checkpoint({ permanentlyDeletedAt });
  return { kind: 'done', result: { userId, permanentlyDeletedAt }, audit: { action: 'zendesk.user.permanently_deleted', clause: 'C17', details: { userId } } };
};

/**
 * C17: nothing is left: the user answers 404 and none of the deleted tickets is listed by
 * show_many (one read for up to 100 tickets instead of one per ticket).
 */
export const verifyDeleted: StepHandler = async (run) => {
  const zendesk = run.ctx.vendors.zendesk;
  const userId = zendeskUserId(run);
  const stillThere: string[] = [];
  try {
    await zendesk.showUser(userId);
    stillThere.push(`user ${userId}`);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  const ticketIds = jobIdsOf(run.resultOf('zendesk', 'soft_delete_tickets').ticketIds).map(Number);
  if (ticketIds.length > 0) for (const ticket of await zendesk.showManyTickets(ticketIds)) stillThere.push(`ticket ${ticket.id}`);
  if (stillThere.length > 0) throw new TransientError(`Zendesk erasure verification: ${stillThere.join(', ')} still answer(s); the check is retried.`);
  return {
    kind: 'done',
    result: { verifiedAt: run.ctx.now().toISOString(), userAnswers404: true, ticketsAnswering404: ticketIds.length },
    audit: { action: 'zendesk.erasure.verified', clause: 'C17', details: { userId, tickets: ticketIds.length } },
  };
};

// ---- anonymise (C16): tickets stay, the identity and personal data in comments go -----------

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The person's own identifiers (name, e-mails, phones) that appear in a text. */
export function personalTermsIn(text: string, terms: readonly string[]): string[] {
  return terms.filter((term) => term.length >= 3 && new RegExp(escapeRegExp(term), 'i').test(text));
}

/** Redacts the person's name, e-mails and phones from the comments of their tickets (comment_redactions). */
export const redactCommentPii: StepHandler = async (run) => {
  const zendesk = run.ctx.vendors.zendesk;
  const userId = zendeskUserId(run);
  const terms = [run.request.workingData.name, ...(run.request.workingData.emails ?? []), ...(run.request.workingData.phones ?? [])].filter((t): t is string => Boolean(t));
  const redacted = new Set(jobIdsOf(run.step.result.redactedCommentIds).map(Number));
  const tickets = (await requestedTickets(zendesk, userId)) ?? [];
  for (const ticket of tickets) {
    for await (const comment of zendesk.listComments(ticket.id)) {
      const html = comment.html_body ?? escapeHtml(comment.body ?? '');
      const found = personalTermsIn(comment.body ?? '', terms);
      if (found.length === 0) continue;
      let marked = html;
      for (const term of found) marked = marked.replace(new RegExp(escapeRegExp(escapeHtml(term)), 'gi'), (m) => `<redact>${m}</redact>`);
      await zendesk.redactComment({ ticketId: ticket.id, commentId: comment.id, htmlBody: marked, legacyTexts: found });
      redacted.add(comment.id);
      await run.checkpoint({ redactedCommentIds: [...redacted] });
    }
  }
  return {
    kind: 'done',
    result: { redactedCommentIds: [...redacted], ticketsKept: tickets.map((t) => t.id) },
    audit: { action: 'zendesk.comments.redacted', clause: 'C16', details: { comments: redacted.size, tickets: tickets.length } },
  };
};

/** Replaces the Zendesk identity with a placeholder (setting fixed values is safe to repeat). */
export const anonymizeIdentity: StepHandler = async (run) => {
  const userId = zendeskUserId(run);
  const token = run.subjectRef.slice(-12);
  const user = await run.ctx.vendors.zendesk.updateUser(userId, {
    name: `Anonymized person ${token}`,
    email: `anonymized-${token}@example.invalid`,
    phone: null,
  });
  return { kind: 'done', result: { userId: user.id, anonymizedAt: run.ctx.now().toISOString() }, audit: { action: 'zendesk.user.anonymized', clause: 'C16', details: { userId } } };
};

/** Checks that neither the profile nor its identities carry the old name, e-mails or phones. */
export const verifyAnonymized: StepHandler = async (run) => {
  const zendesk = run.ctx.vendors.zendesk;
  const userId = zendeskUserId(run);
  const terms = [run.request.workingData.name, ...(run.request.workingData.emails ?? []), ...(run.request.workingData.phones ?? [])].filter((t): t is string => Boolean(t));
  const user = await zendesk.showUser(userId);
  const identities = await zendesk.listUserIdentities(userId);
  const visible = [user.name, user.email ?? '', user.phone ?? '', ...identities.map((i) => i.value)].join(' ');
  if (personalTermsIn(visible, terms).length > 0) throw new TransientError('Zendesk anonymisation verification: the profile still shows an old identifier; the check is retried.');
  return { kind: 'done', result: { verifiedAt: run.ctx.now().toISOString(), identities: identities.length }, audit: { action: 'zendesk.anonymization.verified', clause: 'C16', details: { userId } } };
};
