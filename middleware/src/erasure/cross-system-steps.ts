import { InvalidRequestError, NotFoundError, PreconditionError } from '../errors.js';
import { UNSUPPORTED_BY_PUBLIC_API } from '../connectors/livechat/livechat-client.js';
import { normaliseEmail } from '../policy/person-key.js';
import type { StepHandler, StepRun } from '../requests/step-types.js';

// LiveChat and Talkdesk know the person only by e-mail and phone, so the Zendesk profile is read
// first and those lookups run before anything in Zendesk is deleted.

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Reads the Zendesk user and identities: the e-mails and phones the other systems are searched by. */
export const readZendeskProfile: StepHandler = async (run) => {
  const userId = run.request.zendeskUserId;
  const fallbackEmail = run.request.personKey.startsWith('email:') ? run.request.personKey.slice('email:'.length) : undefined;
  if (userId === null) {
    const emails = fallbackEmail ? [fallbackEmail] : [];
    return { kind: 'done', result: { userFound: false, emails: emails.length, phones: 0 }, workingData: { ...run.request.workingData, emails, phones: [] } };
  }
  const zendesk = run.ctx.vendors.zendesk;
  let user;
  try {
    user = await zendesk.showUser(userId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const known = run.request.workingData.emails ?? (fallbackEmail ? [fallbackEmail] : []);
    return { kind: 'done', result: { userFound: false, emails: known.length, phones: 0 }, workingData: { ...run.request.workingData, emails: known, phones: run.request.workingData.phones ?? [] } };
  }
  // Staff accounts (admins, agents, light agents, custom roles: any role but end-user) are changed
  // or removed by an admin in Zendesk itself, never by a privacy request that anyone may file.
  if ((run.request.type === 'erasure' || run.request.type === 'rectification') && user.role !== 'end-user') {
    return run.request.type === 'erasure'
      ? { kind: 'refused', reason: 'The person is a Zendesk staff account (agent or admin); staff accounts are removed by an admin in Zendesk, not by an erasure request.', clause: 'C20' }
      : { kind: 'refused', reason: 'The person is a Zendesk staff account (agent or admin); staff profiles are corrected by an admin in Zendesk, not by a rectification request.', clause: 'C23' };
  }
  const identities = await zendesk.listUserIdentities(userId);
  const emails = [...new Set([user.email, ...identities.filter((i) => i.type === 'email').map((i) => i.value)].filter((e): e is string => Boolean(e)).map(normaliseEmail))];
  const phones = [...new Set([user.phone, ...identities.filter((i) => i.type === 'phone_number').map((i) => i.value)].filter((p): p is string => Boolean(p)))];
  return {
    kind: 'done',
    result: { userFound: true, identities: identities.length, emails: emails.length, phones: phones.length },
    workingData: { ...run.request.workingData, emails, phones, name: user.name },
  };
};

// ---- LiveChat ----------------------------------------------------------------------------

/** Finds the person's archived chats (list_archives by customer e-mail) and their customer ids. */
export const findLiveChatChats: StepHandler = async (run) => {
  const livechat = run.ctx.vendors.livechat;
  if (!livechat) return { kind: 'done', result: { skipped: 'livechat_not_configured' } };
  const chatIds = new Set<string>();
  const threadIds = new Set<string>();
  const customerIds = new Set<string>();
  for (const email of run.request.workingData.emails ?? []) {
    for await (const chat of livechat.listArchivesByCustomerEmail(email)) {
      chatIds.add(chat.id);
      if (chat.thread) threadIds.add(chat.thread.id);
      for (const user of chat.users) if (user.type === 'customer' && (!user.email || normaliseEmail(user.email) === email)) customerIds.add(user.id);
    }
  }
  return { kind: 'done', result: { chatIds: [...chatIds], threadIds: [...threadIds], customerIds: [...customerIds] } };
};

/**
 * Masks each customer profile with update_customer (the only erasure LiveChat's public API allows):
 * name, e-mail and phone number in one call, without reading the profile first. If LiveChat
 * refuses the blank phone number (the field is documented as E.164), the name and e-mail are
 * masked without it and an agent task asks for the number to be removed by hand.
 */
export const maskLiveChatCustomers: StepHandler = async (run) => {
  const livechat = run.ctx.vendors.livechat;
  if (!livechat) return { kind: 'done', result: { skipped: 'livechat_not_configured' } };
  const customerIds = strings(run.resultOf('livechat', 'find_chats').customerIds);
  const masked = new Set(strings(run.step.result.maskedCustomerIds));
  const phoneLeft = new Set(strings(run.step.result.phoneNotBlankedCustomerIds));
  const gone = new Set(strings(run.step.result.missingCustomerIds));
  const token = run.subjectRef.slice(-12);
  const mask = { name: 'Erased customer', email: `erased-${token}@example.invalid` };
  for (const customerId of customerIds) {
    if (masked.has(customerId) || gone.has(customerId)) continue;
    try {
      await livechat.updateCustomer(customerId, { ...mask, phone_number: '' });
    } catch (error) {
      if (error instanceof NotFoundError) {
        gone.add(customerId);
        continue;
      }
      if (!(error instanceof InvalidRequestError)) throw error;
      await livechat.updateCustomer(customerId, mask);
      phoneLeft.add(customerId);
    }
    masked.add(customerId);
    await run.checkpoint({ maskedCustomerIds: [...masked], phoneNotBlankedCustomerIds: [...phoneLeft], missingCustomerIds: [...gone], maskedAt: run.ctx.now().toISOString() });
  }
  const result = { maskedCustomerIds: [...masked], missingCustomerIds: [...gone], phoneNotBlankedCustomerIds: [...phoneLeft], maskedAt: run.step.result.maskedAt ?? run.ctx.now().toISOString() };
  const audit = { action: 'livechat.customer.masked', clause: 'C20', details: { customerIds: [...masked], phoneNotBlanked: [...phoneLeft] } };
  if (phoneLeft.size > 0) {
    return {
      kind: 'manual',
      result,
      tasks: [
        {
          title: `LiveChat: remove the phone number of ${phoneLeft.size} masked customer profile(s)`,
          instructions: 'LiveChat refused a blank phone number through update_customer. In the LiveChat app, open each customer (ids in the details), clear the phone number, then mark this task done.',
          details: { customerIds: [...phoneLeft], requestId: run.request.id },
        },
      ],
      audit,
    };
  }
  return { kind: 'done', result, ...(masked.size ? { audit } : {}) };
};

/** Transcript deletion has no public API method: the adapter says so, and a manual task is opened with the chat ids. */
export const liveChatTranscriptsTask: StepHandler = async (run) => {
  const livechat = run.ctx.vendors.livechat;
  if (!livechat) return { kind: 'done', result: { skipped: 'livechat_not_configured' } };
  const chatIds = strings(run.resultOf('livechat', 'find_chats').chatIds);
  if (chatIds.length === 0) return { kind: 'done', result: { chatIds: [] } };
  try {
    await livechat.deleteChatTranscripts(chatIds);
    return { kind: 'done', result: { deletedChatIds: chatIds }, audit: { action: 'livechat.transcripts.deleted', clause: 'C20', details: { chatIds } } };
  } catch (error) {
    if (!(error instanceof PreconditionError) || error.details?.reason !== UNSUPPORTED_BY_PUBLIC_API) throw error;
  }
  return {
    kind: 'manual',
    result: { chatIds, reason: UNSUPPORTED_BY_PUBLIC_API },
    tasks: [
      {
        title: `LiveChat: delete ${chatIds.length} chat transcript(s)`,
        instructions:
          'LiveChat offers no API to delete transcripts. Ask LiveChat support (or use the LiveChat app: Archives, select the chat, Delete) to delete the chats listed in the details, then mark this task done with the confirmation (ticket or e-mail reference) as proof.',
        details: { chatIds, requestId: run.request.id },
      },
    ],
    audit: { action: 'livechat.transcripts.manual_task_opened', clause: 'C30', details: { chatIds } },
  };
};

// ---- Talkdesk ----------------------------------------------------------------------------

/** Finds Talkdesk contacts by the person's e-mails and phones, and keeps each contact's numbers for matching its calls later. */
export const findTalkdeskContacts: StepHandler = async (run) => {
  const talkdesk = run.ctx.vendors.talkdesk;
  if (!talkdesk) return { kind: 'done', result: { skipped: 'talkdesk_not_configured' } };
  const emails = run.request.workingData.emails ?? [];
  const phones = run.request.workingData.phones ?? [];
  const contactPhones: Record<string, string[]> = {};
  if (emails.length || phones.length) {
    for await (const contact of talkdesk.searchContacts({ emails, phones })) {
      contactPhones[contact.id] = (contact.phones ?? []).map((p) => p.number ?? '').filter(Boolean);
    }
  }
  return { kind: 'done', result: { contactIds: Object.keys(contactPhones) }, workingData: { ...run.request.workingData, contactPhones } };
};

/**
 * Makes sure each contact is gone after the GDPR request: one read per contact (404 = the GDPR
 * request removed it), and DELETE /contacts/{id} only for a contact still there. A 404 on the
 * DELETE means it went meanwhile, so nothing is deleted twice.
 */
export const deleteTalkdeskContacts: StepHandler = async (run) => {
  const talkdesk = run.ctx.vendors.talkdesk;
  if (!talkdesk) return { kind: 'done', result: { skipped: 'talkdesk_not_configured' } };
  const contactIds = strings(run.resultOf('talkdesk', 'find_contacts').contactIds);
  const deleted = new Set(strings(run.step.result.deletedContactIds));
  const alreadyGone = new Set(strings(run.step.result.alreadyGoneContactIds));
  for (const contactId of contactIds) {
    if (deleted.has(contactId) || alreadyGone.has(contactId)) continue;
    const present = await talkdesk.getContact(contactId).then(
      () => true,
      (error: unknown) => {
        if (error instanceof NotFoundError) return false;
        throw error;
      },
    );
    if (!present) alreadyGone.add(contactId);
    else {
      try {
        await talkdesk.deleteContact(contactId);
        deleted.add(contactId);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        alreadyGone.add(contactId);
      }
    }
    await run.checkpoint({ deletedContactIds: [...deleted], alreadyGoneContactIds: [...alreadyGone] });
  }
  return {
    kind: 'done',
    result: { deletedContactIds: [...deleted], alreadyGoneContactIds: [...alreadyGone], deletedAt: run.ctx.now().toISOString() },
    ...(deleted.size || alreadyGone.size
      ? { audit: { action: 'talkdesk.contact.deleted', clause: 'C20', details: { contactIds: [...deleted], removedByGdprRequest: [...alreadyGone] } } }
      : {}),
  };
};

/** Sends Talkdesk's GDPR right-to-be-forgotten request once (204, no job id to poll). */
export const talkdeskGdprForget: StepHandler = async (run) => {
  const talkdesk = run.ctx.vendors.talkdesk;
  if (!talkdesk) return { kind: 'done', result: { skipped: 'talkdesk_not_configured' } };
  if (run.step.result.sentAt) return { kind: 'done', result: run.step.result };
  const emails = run.request.workingData.emails ?? [];
  const phones = run.request.workingData.phones ?? [];
  const ids = strings(run.resultOf('talkdesk', 'find_contacts').contactIds);
  if (!emails.length && !phones.length && !ids.length) return { kind: 'done', result: { skipped: 'nothing_to_forget' } };
  await talkdesk.forgetContacts({ emails, phones, ids }, 'rtbf');
  const sentAt = run.ctx.now().toISOString();
  await run.checkpoint({ sentAt });
  return {
    kind: 'done',
    result: { sentAt, reason: 'rtbf', httpStatus: 204, contactIds: ids, criteria: { emails: emails.length, phones: phones.length } },
    audit: { action: 'talkdesk.gdpr.rtbf_requested', clause: 'C20', details: { contactIds: ids, emails: emails.length, phones: phones.length } },
  };
};

/** Checks each recording's media (410 = gone); recordings still there, or calls that cannot be listed, become a manual task. */
export const checkTalkdeskRecordings: StepHandler = async (run) => {
  const talkdesk = run.ctx.vendors.talkdesk;
  if (!talkdesk) return { kind: 'done', result: { skipped: 'talkdesk_not_configured' } };
  const contactIds = strings(run.resultOf('talkdesk', 'find_contacts').contactIds);
  if (contactIds.length === 0) return { kind: 'done', result: { contactIds: [], recordingsChecked: 0 } };
  const directory = run.options.talkdeskCalls;
  if (!directory) {
    return {
      kind: 'manual',
      result: { contactIds, reason: 'calls_not_listable_by_contact' },
      tasks: [
        {
          title: `Talkdesk: check call recordings of ${contactIds.length} erased contact(s)`,
          instructions:
            "Talkdesk's public API cannot list a contact's calls. In Talkdesk, open the contacts' call history (ids in the details), delete any recording still present (or confirm the account's recording retention removes them), then mark this task done with the proof.",
          details: { contactIds, requestId: run.request.id },
        },
      ],
      audit: { action: 'talkdesk.recordings.manual_task_opened', clause: 'C30', details: { contactIds } },
    };
  }
  const gone: string[] = [];
  const remaining: Array<{ recordingId: string; callId: string }> = [];
  const callIds: string[] = [];
  const calls = strings(run.step.result.callIds);
  if (calls.length === 0) {
    const known = run.request.workingData.contactPhones ?? {};
    for (const contactId of contactIds) for (const call of await directory.callsForContact(contactId, known[contactId])) callIds.push(call.id);
    await run.checkpoint({ callIds });
  } else callIds.push(...calls);
  for (const callId of callIds) {
    for (const recording of await talkdesk.listCallRecordings(callId)) {
      const status = await talkdesk.recordingMediaStatus(recording.id);
      if (status.gone) gone.push(recording.id);
      else remaining.push({ recordingId: recording.id, callId });
    }
  }
  const result = { contactIds, callIds, recordingsGone: gone, recordingsRemaining: remaining.map((r) => r.recordingId), checkedAt: run.ctx.now().toISOString() };
  if (remaining.length === 0) return { kind: 'done', result, audit: { action: 'talkdesk.recordings.verified_gone', clause: 'C17', details: { recordings: gone.length } } };
  return {
    kind: 'manual',
    result,
    tasks: [
      {
        title: `Talkdesk: ${remaining.length} call recording(s) still stored`,
        instructions:
          "Talkdesk has no public API to delete recordings, and the GDPR request did not remove these. Delete them in Talkdesk (Calls > recording > delete) or have Talkdesk support remove them; GET /recordings/{id}/media then answers 410. Mark this task done with the proof.",
        details: { recordings: remaining, requestId: run.request.id },
      },
    ],
    audit: { action: 'talkdesk.recordings.manual_task_opened', clause: 'C30', details: { recordings: remaining.length, gone: gone.length } },
  };
};

export type { StepRun };
