/**
 * The real service (requests and housekeeping modules, real database and queue) against the
 * vendor sandbox on loopback, with PUBLIC_URL pointing at itself, for the wrongful-erasure suite.
 */
import { expect } from 'vitest';
import { sandboxVendorEnvironment } from '../../middleware/src/demo-composition.js';
import { sandboxCallHistory } from '../../middleware/src/sandbox/call-history.js';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { requestsModule } from '../../middleware/src/requests/index.js';
import { housekeepingModule } from '../../middleware/src/housekeeping/housekeeping-module.js';
import { startSandboxServer, generateSeedDataset, type SandboxServer, type SeedDataset } from '../../middleware/src/sandbox/index.js';
import type { ZendeskTicketRecord } from '../../middleware/src/sandbox/types.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { testConfig } from '../helpers/test-config.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import { freePort, waitFor } from '../helpers/child-service.js';
import { capturedLogger } from '../helpers/captured-logger.js';

/** A comment the sandbox recorded, with how many vendor requests it had seen by then (for ordering). */
export interface PostedComment {
  ticketId: number;
  body: string;
  public: boolean;
  authorId: number | null;
  afterRequests: number;
}

export interface Harness {
  sandbox: SandboxServer;
  /** Every comment added to the sandbox, kept after its ticket is deleted. */
  posted: PostedComment[];
  service: RunningService;
  dataset: SeedDataset;
  lines: string[];
  adminSession: string;
  stop(): Promise<void>;
}

export type Person = ReturnType<typeof import('../helpers/cross-system-person.js').crossSystemPerson>;

/** Starts the service on a free port with PUBLIC_URL set to it (so confirmations carry a link). */
export async function startHarness(seed: string, env: Record<string, string> = {}): Promise<Harness> {
  const dataset = generateSeedDataset({ seed, size: 120, now: new Date() }).dataset;
  const sandbox = await startSandboxServer({ dataset, zendesk: { jobAutoCompleteMs: 500 } });
  const posted: PostedComment[] = [];
  const zendeskState = sandbox.sandbox.state.zendesk;
  const addComment = zendeskState.addComment.bind(zendeskState);
  zendeskState.addComment = (comment) => {
    posted.push({ ticketId: comment.ticket_id, body: comment.body, public: comment.public !== false, authorId: comment.author_id ?? null, afterRequests: sandbox.sandbox.requestLog.entries.length });
    addComment(comment);
  };
  const database: TestDatabase = await createTestDatabase();
  const port = await freePort();
  const config = testConfig({ ...sandboxVendorEnvironment(sandbox.url), POLICY_PROFILE: 'ispsystem', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env });
  const auth = new AppAuthenticator({ sessionSecret: config.sessionSecret, publicKey: 'unused', lookupRole: async () => 'admin' });
  const adminSession = await auth.issueSession(1_000_001);
  const calls = sandboxCallHistory(() => sandbox.sandbox.state).talkdeskCalls;
  const { logger, lines } = capturedLogger();
  const service = await startService(config, {
    db: database.db,
    logger,
    modules: [requestsModule(auth, { jobPollInitialMs: 100, talkdeskCalls: calls, blockedRetrySeconds: 1 }), housekeepingModule()],
    pollingIntervalSeconds: 0.5,
  });
  return {
    sandbox,
    posted,
    service,
    dataset,
    lines,
    adminSession,
    async stop() {
      await service.stop();
      await database.drop();
      await sandbox.close();
    },
  };
}

export { crossSystemPerson } from '../helpers/cross-system-person.js';

let nextTicketId = 950_001;
let nextCommentId = 8_000_000_001;

/** A ticket tagged as a privacy request, as it arrives by e-mail from `fromAddress` in the person's name. */
export function seedRequestTicket(h: Harness, requesterId: number, fromAddress: string, tag = 'privacy_request_erasure'): number {
  const id = nextTicketId++;
  const now = new Date(Date.now() - 1000).toISOString();
  const ticket = {
    id,
    requester_id: requesterId,
    submitter_id: requesterId,
    assignee_id: null,
    status: 'new',
    subject: 'Privacy request',
    description: 'Please delete all my data.',
    email_cc_ids: [],
    follower_ids: [],
    collaborator_ids: [],
    via: { channel: 'email', source: { from: { address: fromAddress }, to: {}, rel: null } },
    created_at: now,
    updated_at: now,
    tags: [tag],
  } as unknown as ZendeskTicketRecord;
  h.sandbox.sandbox.seed({ zendesk: { tickets: [ticket], comments: [{ id: nextCommentId++, ticket_id: id, author_id: requesterId, body: 'Please delete all my data.', html_body: '<p>Please delete all my data.</p>', public: true, created_at: now }] } });
  return id;
}

/** The person's e-mail reply on the ticket, as Zendesk records it, then the trigger Zendesk fires for it. */
export async function reply(h: Harness, ticketId: number, authorId: number, body: string, fromAddress: string): Promise<void> {
  const at = new Date().toISOString();
  h.sandbox.sandbox.seed({ zendesk: { comments: [{ id: nextCommentId++, ticket_id: ticketId, author_id: authorId, body, html_body: `<p>${body}</p>`, public: true, created_at: at, via: { channel: 'email', source: { from: { address: fromAddress }, to: {}, rel: null } } }] } });
  await deliverTrigger(h, ticketId, authorId);
  await processed(h, ticketId);
}

export async function deliverTrigger(h: Harness, ticketId: number, requesterId: number, tags = 'privacy_request_erasure'): Promise<void> {
  const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketId), status: 'open', requester_id: String(requesterId), via: 'Mail', tags } });
  const res = await fetch(`${h.service.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body) });
  expect(res.status).toBe(200);
}

/** Waits until every delivery about the ticket is processed and every reply owed to the person is posted. */
export async function processed(h: Harness, ticketId: number): Promise<void> {
  await waitFor(async () => (await h.service.db.query(`SELECT 1 FROM webhook_inbox WHERE subject_ref = $1 AND status = 'queued'`, [`ticket:${ticketId}`])).rows.length === 0, 30_000, 'the deliveries to be processed');
  await repliesPosted(h);
}

export async function repliesPosted(h: Harness): Promise<void> {
  await waitFor(async () => (await h.service.db.query('SELECT 1 FROM request_replies WHERE posted_at IS NULL')).rows.length === 0, 30_000, 'the owed replies to be posted');
}

export async function requestFor(h: Harness, ticketId: number, type = 'erasure'): Promise<{ id: string; status: string; refusal_reason: string | null; identity: unknown }> {
  const { rows } = await h.service.db.query<{ id: string; status: string; refusal_reason: string | null; identity: unknown }>('SELECT id, status, refusal_reason, identity FROM privacy_requests WHERE ticket_id = $1 AND type = $2', [ticketId, type]);
  return rows[0]!;
}

/** The public comments on the ticket not written by the person (what the person received from us). */
export function repliesToPerson(h: Harness, ticketId: number, personId: number): string[] {
  return [...(h.sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? [])].filter((c) => c.public && c.author_id !== personId).map((c) => c.body);
}

/**
 * Waits for the message asking the person to confirm and returns its code and link (the link is
 * null when withheld). With `requireCode: false` it only waits for the message (scenarios that
 * must not depend on there being a code at all).
 */
export async function confirmationOf(h: Harness, ticketId: number, personId: number, options: { requireCode?: boolean } = {}): Promise<{ code: string; link: string | null }> {
  let found: string | undefined;
  await waitFor(async () => {
    found = repliesToPerson(h, ticketId, personId)[0];
    return found !== undefined;
  }, 30_000, 'the confirmation message');
  const code = /with this code: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(found!)?.[1];
  if (!code && options.requireCode !== false) throw new Error('the confirmation message carries no code');
  const link = /(http:\/\/\S+\/confirm\/[A-Za-z0-9_-]+)/.exec(found!)?.[1] ?? null;
  return { code: code ?? '', link };
}

/** Nothing of the person is gone: the Zendesk user and tickets, the LiveChat profile, the Talkdesk contact. */
export function expectIntact(h: Harness, person: Person): void {
  const state = h.sandbox.sandbox.state;
  expect(state.zendesk.users.get(person.user.id)?.active).toBe(true);
  for (const ticket of person.tickets) expect(state.zendesk.tickets.has(ticket.id)).toBe(true);
  expect(state.livechat.customers.get(person.customer.id)?.email).toBe(person.user.email);
  expect(state.talkdesk.contacts.has(person.contact.id)).toBe(true);
}

/** The ledger's entries about one request, in order. */
export async function auditOf(h: Harness, requestId: string): Promise<Array<{ action: string; clause: string | null; outcome: string | null; details: Record<string, unknown> }>> {
  const { rows } = await h.service.db.query<{ action: string; clause: string | null; outcome: string | null; details: unknown }>(`SELECT action, clause, outcome, details FROM audit_ledger WHERE details->>'requestId' = $1 ORDER BY seq`, [requestId]);
  return rows.map((r) => ({ ...r, details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<string, unknown> }));
}
