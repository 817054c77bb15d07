import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxVendorEnvironment } from '../../middleware/src/demo-composition.js';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { requestsModule } from '../../middleware/src/requests/index.js';
import { createRequest } from '../../middleware/src/requests/intake.js';
import { startSandboxServer, generateSeedDataset, type SandboxServer, type SeedDataset } from '../../middleware/src/sandbox/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { testConfig } from '../helpers/test-config.js';
import { waitFor } from '../helpers/child-service.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import type { ZendeskTicketRecord } from '../../middleware/src/sandbox/types.js';

/** C16 with the real Zendesk anonymize steps (erasure/zendesk-steps.ts), not a stand-in erasure. */
let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
let dataset: SeedDataset;
const { logger } = capturedLogger();

beforeAll(async () => {
  dataset = generateSeedDataset({ seed: 'anonymize-steps', size: 120, now: new Date() }).dataset;
  sandbox = await startSandboxServer({ dataset, zendesk: { jobAutoCompleteMs: 0 } });
  database = await createTestDatabase();
  const config = testConfig({ ...sandboxVendorEnvironment(sandbox.url), POLICY_PROFILE: 'parallels' });
  const auth = new AppAuthenticator({ sessionSecret: config.sessionSecret, publicKey: 'unused', lookupRole: async () => 'admin' });
  service = await startService(config, { db: database.db, logger, modules: [requestsModule(auth, { jobPollInitialMs: 100, blockedRetrySeconds: 1 })], pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

describe('anonymize steps against the sandbox', () => {
  it('C16 when an erasure runs in anonymize mode, then the Zendesk user keeps its tickets but loses name, e-mail and phone, and their name is redacted from the comments', async () => {
    const user = dataset.zendesk.users.find((u) => {
      if (u.role !== 'end-user' || !u.email || !u.name || u.email.includes('desk.example.com')) return false;
      const tickets = dataset.zendesk.tickets.filter((t) => t.requester_id === u.id);
      return tickets.length > 0 && tickets.every((t) => t.status === 'closed');
    })!;
    const state = sandbox.sandbox.state.zendesk;
    const ticketIds = [...state.tickets.values()].filter((t) => t.requester_id === user.id).map((t) => t.id);
    // A comment that names the person, so the redaction step has something to find.
    const comments = state.commentsByTicket.get(ticketIds[0]!) ?? [];
    expect(comments.length).toBeGreaterThan(0);
    comments[0]!.body = `Hello, this is ${user.name} writing again.`;
    if ('html_body' in comments[0]!) (comments[0] as { html_body?: string }).html_body = `<p>Hello, this is ${user.name} writing again.</p>`;

    const { request } = await createRequest(service.context, {
      type: 'erasure',
      origin: 'agent',
      mode: 'anonymize',
      personKey: `zendesk:${user.id}`,
      zendeskUserId: user.id,
      createdBy: 'test',
      identity: { method: 'agent_confirmed', verifiedAt: new Date().toISOString(), by: 'test' },
    });
    await waitFor(async () => {
      const { rows } = await service.db.query<{ status: string }>('SELECT status FROM privacy_requests WHERE id = $1', [request.id]);
      return rows[0]?.status === 'completed';
    }, 90_000, 'the anonymisation to complete');

    const after = state.users.get(user.id)!;
    expect(after).toBeDefined();
    expect(state.purgedUserIds.has(user.id)).toBe(false);
    expect(after.name).toMatch(/^Anonymized person /);
    expect(after.email).toMatch(/@example\.invalid$/);
    expect(after.phone ?? null).toBeNull();
    for (const id of ticketIds) expect(state.tickets.has(id)).toBe(true);
    const text = (state.commentsByTicket.get(ticketIds[0]!) ?? []).map((c) => c.body).join('\n');
    expect(text).not.toContain(user.name);
  }, 120_000);

  it('C16 when an erasure request arrives on a tagged ticket under the parallels profile, then the request runs in the profile\'s anonymize mode, not delete', async () => {
    const user = dataset.zendesk.users.find((u) => u.role === 'end-user' && u.email && !u.email.includes('desk.example.com') && !dataset.zendesk.tickets.some((t) => t.requester_id === u.id && t.status !== 'closed'))!;
    const ticketId = 990_001;
    const now = new Date().toISOString();
    sandbox.sandbox.seed({
      zendesk: {
        tickets: [
          {
            id: ticketId, requester_id: user.id, submitter_id: user.id, assignee_id: null, status: 'new', subject: 'Please delete my account', description: 'Please delete all my data.',
            email_cc_ids: [], follower_ids: [], collaborator_ids: [], via: { channel: 'email', source: { from: { address: user.email }, to: {}, rel: null } },
            created_at: now, updated_at: now, tags: ['privacy_request_erasure'],
          } as unknown as ZendeskTicketRecord,
        ],
      },
    });
    const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketId), status: 'new', requester_id: String(user.id), via: 'Mail', tags: 'privacy_request_erasure' } });
    expect((await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body) })).status).toBe(200);
    let row: { mode: string; origin: string } | undefined;
    await waitFor(async () => {
      row = (await service.db.query<{ mode: string; origin: string }>('SELECT mode, origin FROM privacy_requests WHERE ticket_id = $1', [ticketId])).rows[0];
      return row !== undefined;
    }, 30_000, 'the tagged ticket to become an erasure request');
    expect(row).toEqual({ mode: 'anonymize', origin: 'ticket' });
  });
});
