import type { SandboxServer } from '../../middleware/src/sandbox/index.js';
import { waitFor } from './child-service.js';

let nextReplyId = 7_900_000_000;

/** The code of the confirmation message posted on the ticket (C20), once it is there. */
export async function confirmationCodeOn(sandbox: SandboxServer, ticketId: number): Promise<string> {
  let code: string | undefined;
  await waitFor(async () => {
    for (const comment of sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? []) {
      const match = comment.public ? /with this code: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(comment.body) : null;
      if (match) code = match[1];
    }
    return code !== undefined;
  }, 60_000, 'the confirmation message');
  return code!;
}

/** The person answers the confirmation message by e-mail from their address, with its code. */
export async function replyWithConfirmationCode(sandbox: SandboxServer, ticketId: number, person: { id: number; email: string }): Promise<void> {
  const code = await confirmationCodeOn(sandbox, ticketId);
  const body = `Yes, I asked for this. ${code}`;
  sandbox.sandbox.seed({
    zendesk: {
      comments: [
        { id: nextReplyId++, ticket_id: ticketId, author_id: person.id, body, html_body: `<p>${body}</p>`, public: true, created_at: new Date().toISOString(), via: { channel: 'email', source: { from: { address: person.email }, to: {}, rel: null } } },
      ],
    },
  });
}
