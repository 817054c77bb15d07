import { describe, expect, it } from 'vitest';
import { InvalidRequestError, NotFoundError } from '../../../middleware/src/errors.js';
import { checkTalkdeskRecordings, deleteTalkdeskContacts, maskLiveChatCustomers } from '../../../middleware/src/erasure/cross-system-steps.js';
import { closeSolvedTickets, softDeleteTickets, verifyDeleted } from '../../../middleware/src/erasure/zendesk-steps.js';
import type { StepRun } from '../../../middleware/src/requests/step-types.js';

/** A step run over fake vendors that record each call by name. */
function stepRun(vendors: Record<string, unknown>, parts: { results?: Record<string, Record<string, unknown>>; workingData?: Record<string, unknown>; closeSolved?: boolean; talkdeskCalls?: unknown } = {}) {
  const checkpoints: Array<Record<string, unknown>> = [];
  const run = {
    ctx: { vendors, now: () => new Date('2026-12-07T00:00:00Z'), profile: { retention: { closeSolvedTicketsBeforeDeletion: parts.closeSolved ?? true } } },
    options: { jobPollInitialMs: 0, talkdeskCalls: parts.talkdeskCalls },
    request: { id: 'r1', type: 'erasure', zendeskUserId: 42, ticketId: 900, personKey: 'zendesk:42', workingData: parts.workingData ?? {} },
    step: { result: {} },
    subjectRef: 'subject-0123456789ab',
    checkpoint: async (partial: Record<string, unknown>) => {
      checkpoints.push(partial);
      Object.assign(run.step.result, partial);
    },
    resultOf: (system: string, step: string) => parts.results?.[`${system}/${step}`] ?? {},
  };
  return { run: run as unknown as StepRun, checkpoints };
}

function recorder() {
  const calls: string[] = [];
  const record = (name: string, answer: (...args: any[]) => unknown) => async (...args: any[]) => {
    calls.push(name);
    return answer(...args);
  };
  return { calls, record };
}

async function* listOf<T>(items: T[]) {
  for (const item of items) yield item;
}

describe('erasure steps make the fewest vendor calls (issue 16)', () => {
  it('C19 when the person requests solved and closed tickets and the profile lets solved ones go, then nothing is closed (they are deleted next) and the ids read are the ones deleted', async () => {
    const { calls, record } = recorder();
    const zendesk = {
      ticketsRequestedBy: (userId: number) => {
        calls.push(`requested ${userId}`);
        return listOf([{ id: 1, status: 'solved' }, { id: 2, status: 'closed' }, { id: 900, status: 'open' }]);
      },
      closeTickets: record('closeTickets', () => []),
      softDeleteTickets: record('softDeleteTickets', (ids: number[]) => [{ id: `job-${ids.join('-')}` }]),
      waitForJob: record('waitForJob', (id: string) => ({ id, status: 'completed', results: [] })),
    };
    const check = stepRun({ zendesk });
    const checked = await closeSolvedTickets(check.run);
    expect(checked.kind).toBe('done');
    expect(calls).toEqual(['requested 42']);

    const { run } = stepRun({ zendesk }, { results: { 'zendesk/close_solved_tickets': (checked as { result: Record<string, unknown> }).result } });
    const deleted = await softDeleteTickets(run);
    expect(deleted).toMatchObject({ kind: 'done', result: { ticketIds: [1, 2, 900] } });
    expect(calls).toEqual(['requested 42', 'softDeleteTickets', 'waitForJob']);
  });

  it('C17 when the process died after recording the ticket ids but before recording the deletion job, then only tickets still listed are deleted, so a call that took effect is not sent again', async () => {
    const { calls, record } = recorder();
    let live = [{ id: 2, status: 'closed' }];
    const zendesk = {
      ticketsRequestedBy: () => {
        calls.push('requested');
        return listOf(live);
      },
      softDeleteTickets: record('softDeleteTickets', (ids: number[]) => [{ id: `job-${ids.join('-')}` }]),
      waitForJob: record('waitForJob', (id: string) => ({ id, status: 'completed', results: [] })),
    };
    const results = { 'zendesk/close_solved_tickets': { requestedTicketIds: [1, 2] } };
    const first = stepRun({ zendesk }, { results });
    Object.assign(first.run.step.result, { ticketIds: [1, 2], jobIds: [], jobsFinished: true });
    expect(await softDeleteTickets(first.run)).toMatchObject({ kind: 'done', result: { ticketIds: [1, 2] } });
    expect(calls).toEqual(['requested', 'softDeleteTickets', 'waitForJob']);
    expect(calls.filter((c) => c === 'softDeleteTickets')).toHaveLength(1);

    live = [];
    calls.length = 0;
    const again = stepRun({ zendesk }, { results });
    Object.assign(again.run.step.result, { ticketIds: [1, 2], jobIds: [], jobsFinished: true });
    expect(await softDeleteTickets(again.run)).toMatchObject({ kind: 'done', result: { ticketIds: [1, 2] } });
    expect(calls).toEqual(['requested']);
  });

  it('C19 when the profile does not let solved tickets be closed, then a solved ticket still blocks the erasure', async () => {
    const zendesk = { ticketsRequestedBy: () => listOf([{ id: 1, status: 'solved' }, { id: 900, status: 'open' }]) };
    const { run } = stepRun({ zendesk }, { closeSolved: false });
    expect(await closeSolvedTickets(run)).toMatchObject({ kind: 'blocked', ticketIds: [1] });
  });

  it('C17 when the erasure is verified, then one show_many read covers every deleted ticket, and a ticket it still lists fails the check', async () => {
    const { calls, record } = recorder();
    let still: Array<{ id: number }> = [];
    const zendesk = {
      showUser: record('showUser', () => {
        throw new NotFoundError('gone');
      }),
      showManyTickets: record('showManyTickets', () => still),
      showTicket: record('showTicket', () => ({})),
    };
    const results = { 'zendesk/soft_delete_tickets': { ticketIds: [1, 2, 3, 4, 900] } };
    expect(await verifyDeleted(stepRun({ zendesk }, { results }).run)).toMatchObject({ kind: 'done', result: { ticketsAnswering404: 5 } });
    expect(calls).toEqual(['showUser', 'showManyTickets']);
    still = [{ id: 3 }];
    await expect(verifyDeleted(stepRun({ zendesk }, { results }).run)).rejects.toThrow(/ticket 3 still answer/);
  });

  it('C20 when the GDPR request already removed the contact, then it is read once (404) and not deleted again; when it left the contact, then the contact is deleted', async () => {
    const { calls, record } = recorder();
    const present = new Set(['c2']);
    const talkdesk = {
      getContact: record('getContact', (id: string) => {
        if (!present.has(id)) throw new NotFoundError('gone');
        return { id };
      }),
      deleteContact: record('deleteContact', (id: string) => present.delete(id)),
    };
    const { run } = stepRun({ talkdesk }, { results: { 'talkdesk/find_contacts': { contactIds: ['c1', 'c2'] } } });
    const outcome = await deleteTalkdeskContacts(run);
    expect(outcome).toMatchObject({ kind: 'done', result: { deletedContactIds: ['c2'], alreadyGoneContactIds: ['c1'] } });
    expect(calls).toEqual(['getContact', 'getContact', 'deleteContact']);
  });

  it('C17 when the contact is already deleted, then its recordings are still found by the numbers read before the deletion', async () => {
    const asked: Array<{ contactId: string; phones: readonly string[] | undefined }> = [];
    const directory = {
      callsForContact: async (contactId: string, phones?: readonly string[]) => {
        asked.push({ contactId, phones });
        return phones?.includes('+15550100') ? [{ id: 'call-1' }] : [];
      },
    };
    const talkdesk = { listCallRecordings: async () => [{ id: 'rec-1' }], recordingMediaStatus: async () => ({ gone: true }) };
    const { run } = stepRun(
      { talkdesk },
      { results: { 'talkdesk/find_contacts': { contactIds: ['c1'] } }, workingData: { contactPhones: { c1: ['+15550100'] } }, talkdeskCalls: directory },
    );
    const outcome = await checkTalkdeskRecordings(run);
    expect(asked).toEqual([{ contactId: 'c1', phones: ['+15550100'] }]);
    expect(outcome).toMatchObject({ kind: 'done', result: { callIds: ['call-1'], recordingsGone: ['rec-1'] } });
  });

  it('C20 when a LiveChat profile is masked, then one update_customer blanks name, e-mail and phone without a read first; if the blank phone is refused, name and e-mail are masked and an agent task asks for the number', async () => {
    const updates: Array<Record<string, unknown>> = [];
    let refusePhone = false;
    const livechat = {
      getCustomer: async () => {
        throw new Error('no read expected');
      },
      updateCustomer: async (id: string, fields: Record<string, unknown>) => {
        updates.push({ id, ...fields });
        if (refusePhone && 'phone_number' in fields) throw new InvalidRequestError('LiveChat update_customer: phone_number must be E.164');
        if (id === 'gone') throw new NotFoundError('Customer not found');
      },
    };
    const results = { 'livechat/find_chats': { customerIds: ['c1', 'gone'] } };
    const plain = await maskLiveChatCustomers(stepRun({ livechat }, { results }).run);
    expect(plain).toMatchObject({ kind: 'done', result: { maskedCustomerIds: ['c1'], missingCustomerIds: ['gone'] } });
    expect(updates[0]).toMatchObject({ id: 'c1', name: 'Erased customer', phone_number: '' });
    expect(updates).toHaveLength(2);

    updates.length = 0;
    refusePhone = true;
    const refused = await maskLiveChatCustomers(stepRun({ livechat }, { results: { 'livechat/find_chats': { customerIds: ['c1'] } } }).run);
    expect(updates.map((u) => 'phone_number' in u)).toEqual([true, false]);
    expect(refused).toMatchObject({ kind: 'manual', result: { maskedCustomerIds: ['c1'], phoneNotBlankedCustomerIds: ['c1'] } });
  });
});
