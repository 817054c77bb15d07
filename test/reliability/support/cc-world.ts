import { loadConfig } from '../../../middleware/src/config.js';
import { startService } from '../../../middleware/src/service.js';
import { recordConsent } from '../../../middleware/src/consent/consent-service.js';
import { createLogger } from '../../../middleware/src/observability/logger.js';
import type { SandboxServer } from '../../../middleware/src/sandbox/index.js';
import type { SeededRandom } from '../../../middleware/src/sandbox/prng.js';

/** One seeded ticket: who must stay CC'd, who must go, and how many times the CCs were changed to include someone unconsented. */
export interface CcTicket {
  id: number;
  requesterId: number;
  /** A consented end user, an agent and a colleague on the exempt domain (plesk.com). */
  keep: number[];
  unconsented: number[];
  emails: Map<number, string>;
  agentId: number;
  /** Changes that put an unconsented person on the CCs (the seeding counts as one). */
  changes: number;
}

async function zendesk(sandbox: SandboxServer, method: string, path: string, body: unknown) {
  const res = await fetch(`${sandbox.url}/zendesk${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from('setup@example.com/token:x').toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`sandbox setup ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, any>;
}

/**
 * Creates `count` tickets (plesk profile), each CC'ing a consented end user, an agent, a
 * plesk.com colleague and two people without consent. Call before faults are switched on.
 */
export async function seedCcTickets(sandbox: SandboxServer, count: number, runId: string): Promise<CcTicket[]> {
  const user = async (name: string, email: string, role = 'end-user') => (await zendesk(sandbox, 'POST', '/api/v2/users', { user: { name, email, role, verified: true } })).user.id as number;
  const agents: number[] = [];
  for (let a = 0; a < 3; a++) agents.push(await user(`Agent ${a}`, `agent-${a}-${runId}@plesk.com`, 'agent'));
  const tickets: CcTicket[] = [];
  for (let i = 0; i < count; i++) {
    const emails = new Map<number, string>();
    const person = async (label: string, domain: string) => {
      const email = `${label}-${i}-${runId}@${domain}`;
      const id = await user(`${label} ${i}`, email);
      emails.set(id, email);
      return id;
    };
    const requesterId = await person('requester', 'example.com');
    const consented = await person('consented', 'example.org');
    const colleague = await person('colleague', 'plesk.com');
    const unconsented = [await person('stranger-a', 'example.net'), await person('stranger-b', 'example.net')];
    const agentId = agents[i % agents.length]!;
    emails.set(agentId, `agent-${i % agents.length}-${runId}@plesk.com`);
    const keep = [consented, agentId, colleague];
    const created = await zendesk(sandbox, 'POST', '/api/v2/tickets', {
      ticket: {
        subject: `Reliability ticket ${i}`,
        requester_id: requesterId,
        comment: { body: 'The server does not answer since this morning.' },
        email_ccs: [...keep, ...unconsented].map((user_id) => ({ user_id, action: 'put' })),
      },
    });
    tickets.push({ id: created.ticket.id as number, requesterId, keep, unconsented, emails, agentId, changes: 1 });
  }
  return tickets;
}

/**
 * Records the CC consent of each ticket's consented person through the product's own consent
 * service, on the database the child will use (the child is not running: PGlite has one owner).
 */
export async function recordCcConsents(env: Record<string, string>, tickets: CcTicket[]): Promise<void> {
  const service = await startService(loadConfig({ ...env, PORT: '0' }), { workers: false, logger: createLogger({ level: 'warn' }) });
  try {
    for (const ticket of tickets) {
      const consented = ticket.keep[0]!;
      await recordConsent(service.context, {
        person: { zendeskUserId: consented, email: ticket.emails.get(consented)! },
        purpose: 'cc',
        action: 'granted',
        source: 'email_reply',
        evidence: { ticketId: ticket.id },
        actor: 'agent:1',
      });
    }
  } finally {
    await service.stop();
  }
}

/** The trigger body Zendesk sends for the ticket as it is now in the sandbox (the installed trigger's JSON). */
export function triggerBodyFor(sandbox: SandboxServer, ticket: CcTicket): string {
  const record = sandbox.sandbox.state.zendesk.tickets.get(ticket.id)!;
  return JSON.stringify({
    type: 'ticket_trigger',
    ticket: {
      id: String(ticket.id),
      status: 'Open',
      requester_id: String(ticket.requesterId),
      updated_at: record.updated_at,
      email_ccs: record.email_cc_ids.map((id) => ({ id: String(id), email: ticket.emails.get(id) ?? '', role: id === ticket.agentId ? 'agent' : 'end-user' })),
      followers: [],
    },
  });
}

/**
 * An agent puts one unconsented person back on the CCs (a new change to enforce), if none is
 * there now. The new `updated_at` is at least 2 s after the last one, so the change is newer
 * than the product's removal mark at any timestamp precision.
 */
export function readdUnconsentedCc(sandbox: SandboxServer, ticket: CcTicket, random: SeededRandom): boolean {
  const record = sandbox.sandbox.state.zendesk.tickets.get(ticket.id)!;
  if (ticket.unconsented.some((id) => record.email_cc_ids.includes(id))) return false;
  record.email_cc_ids.push(random.pick(ticket.unconsented));
  record.updated_at = new Date(Math.max(Date.now(), Date.parse(record.updated_at) + 2_000)).toISOString();
  ticket.changes++;
  return true;
}
