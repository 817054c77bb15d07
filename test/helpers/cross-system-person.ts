import type { SeedDataset } from '../../middleware/src/sandbox/index.js';

/** An end user with closed tickets only, a LiveChat customer and a Talkdesk contact, not in `skip`. */
export function crossSystemPerson(data: SeedDataset, skip: readonly number[] = []) {
  for (const user of data.zendesk.users) {
    if (user.role !== 'end-user' || !user.email || skip.includes(user.id) || user.email.includes('desk.example.com')) continue;
    const tickets = data.zendesk.tickets.filter((t) => t.requester_id === user.id);
    if (tickets.length === 0 || tickets.some((t) => t.status !== 'closed')) continue;
    const customer = data.livechat.customers.find((c) => c.email === user.email);
    const contact = data.talkdesk.contacts.find((c) => c.emails.some((e) => e.number === user.email));
    if (customer && contact) return { user, tickets, customer, contact };
  }
  throw new Error('the seed has no further person in all three systems; change the seed');
}
