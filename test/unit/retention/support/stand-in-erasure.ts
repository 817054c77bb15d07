/**
 * Test stand-in with the signature of `erasePerson` from middleware/src/erasure/ (not there yet
 * when these tests were written): the minimum Zendesk deletion, soft then permanent, tickets then
 * user, or an identity replacement for `anonymize`. Safe to repeat: what is already gone is
 * skipped. Retention tests use it through the same port as the real one; it is not product code.
 */
import { NotFoundError } from '../../../../middleware/src/errors.js';
import type { ErasePerson } from '../../../../middleware/src/retention/erasure-port.js';

export const erasePerson: ErasePerson = async (ctx, input) => {
  const zendesk = ctx.vendors.zendesk;
  const userId = Number(input.personRef.zendeskUserId);
  const gone = (error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  };
  if (input.mode === 'anonymize') {
    await zendesk.updateUser(userId, { name: `Anonymous ${userId}`, email: `anonymized-${userId}@invalid.example`, phone: null }).catch(gone);
    return { requestId: input.requestId, status: 'anonymized' };
  }
  const ticketIds: number[] = [];
  try {
    for await (const ticket of zendesk.ticketsRequestedBy(userId)) ticketIds.push(ticket.id);
  } catch (error) {
    gone(error);
  }
  if (ticketIds.length > 0) {
    for (const job of await zendesk.softDeleteTickets(ticketIds)) await zendesk.waitForJob(job.id, { initialDelayMs: 50 });
    for (const job of await zendesk.permanentlyDeleteTickets(ticketIds)) await zendesk.waitForJob(job.id, { initialDelayMs: 50 });
  }
  await zendesk.softDeleteUser(userId).catch(gone);
  await zendesk.permanentlyDeleteUser(userId).catch(gone);
  return { requestId: input.requestId, status: 'deleted' };
};
