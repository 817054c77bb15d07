import { describe, expect, it } from 'vitest';
import { readsOncePerEvent } from '../../../middleware/src/connectors/zendesk/reads-once-per-event.js';
import type { ZendeskClient } from '../../../middleware/src/connectors/zendesk/zendesk-client.js';

/** A stand-in client that counts calls; only the methods used here. */
function countingClient() {
  const calls: string[] = [];
  const client = {
    async showTicket(id: number) {
      calls.push(`showTicket:${id}`);
      return { id, requester_id: 7, email_cc_ids: [] };
    },
    async listUserIdentities(id: number) {
      calls.push(`listUserIdentities:${id}`);
      return [];
    },
    async removeParticipants(id: number) {
      calls.push(`removeParticipants:${id}`);
      return { id };
    },
  };
  return { client: client as unknown as ZendeskClient, calls };
}

describe('Zendesk reads shared by one event\'s handlers', () => {
  it('when two modules read the same ticket for one event, then Zendesk is asked once', async () => {
    const { client, calls } = countingClient();
    const shared = readsOncePerEvent(client);
    await Promise.all([shared.showTicket(5), shared.showTicket(5)]);
    await shared.showTicket(5);
    await shared.listUserIdentities(7);
    await shared.listUserIdentities(7);
    expect(calls).toEqual(['showTicket:5', 'listUserIdentities:7']);
  });

  it('when a module writes to Zendesk, then the next read asks again (it sees the ticket as it is now)', async () => {
    const { client, calls } = countingClient();
    const shared = readsOncePerEvent(client);
    await shared.showTicket(5);
    await shared.removeParticipants(5, { emailCcUserIds: [1], followerUserIds: [] });
    await shared.showTicket(5);
    expect(calls).toEqual(['showTicket:5', 'removeParticipants:5', 'showTicket:5']);
  });

  it('when each event gets its own view, then nothing read for one event is reused by the next', async () => {
    const { client, calls } = countingClient();
    await readsOncePerEvent(client).showTicket(5);
    await readsOncePerEvent(client).showTicket(5);
    expect(calls).toHaveLength(2);
  });
});
