import { sandboxVendorEnvironment } from '../../middleware/src/demo-composition.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { openDatabase } from '../../middleware/src/store/open-database.js';
import { AuditLedger } from '../../middleware/src/store/audit-ledger.js';
import { generateSeedDataset, startSandboxServer, type SandboxServer, type SeedDataset } from '../../middleware/src/sandbox/index.js';
import type { ZendeskTicketRecord } from '../../middleware/src/sandbox/types.js';
import { testEnvironment } from '../helpers/test-config.js';
import { freePort, waitFor, waitForExit } from '../helpers/child-service.js';
import { createPostgresTestDatabaseUrl, usingPostgres } from '../helpers/test-database.js';
import { replyWithConfirmationCode } from '../helpers/person-confirms.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';

const children: ChildProcess[] = [];
let sandbox: SandboxServer | undefined;
let dropPostgres: (() => Promise<void>) | undefined;
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sandbox?.close();
  await dropPostgres?.();
});

/** Starts test/integration/requests-child-service.ts and waits for /healthz. */
async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/requests-child-service.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const url = `http://127.0.0.1:${env.PORT}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`child exited: ${output}`);
    return (await fetch(`${url}/healthz`)).status === 200;
  }, 60_000, 'the child service to listen');
  return { child, url, output: () => output };
}

function personInAllThreeSystems(data: SeedDataset) {
  for (const user of data.zendesk.users) {
    if (user.role !== 'end-user' || !user.email || user.email.includes('desk.example.com')) continue;
    const tickets = data.zendesk.tickets.filter((t) => t.requester_id === user.id);
    if (tickets.length < 2 || tickets.some((t) => t.status !== 'closed')) continue;
    const customer = data.livechat.customers.find((c) => c.email === user.email);
    const contact = data.talkdesk.contacts.find((c) => c.emails.some((e) => e.number === user.email));
    if (customer && contact) return { user, tickets, customer, contact };
  }
  throw new Error('no suitable person in the seed');
}

describe('erasure survives faults and a crash', () => {
  it('when the sandbox fails 30% of calls and the service is SIGKILLed mid-erasure, then after restart the erasure completes, no deleting call that succeeded is repeated and the receipt is complete (C17, C20, C29, C30)', async () => {
    const dataset = generateSeedDataset({ seed: 'requests-crash', size: 150, now: new Date() }).dataset;
    const person = personInAllThreeSystems(dataset);
    const ticketId = 800_001;
    const now = new Date().toISOString();
    sandbox = await startSandboxServer({ dataset, zendesk: { jobAutoCompleteMs: 2000 } });
    sandbox.sandbox.seed({
      zendesk: {
        tickets: [
          {
            id: ticketId, requester_id: person.user.id, submitter_id: person.user.id, assignee_id: null, status: 'new', subject: 'Delete my data', description: 'Delete my data',
            email_cc_ids: [], follower_ids: [], collaborator_ids: [], via: { channel: 'email', source: { from: { address: person.user.email }, to: {}, rel: null } },
            created_at: now, updated_at: now, tags: ['privacy_request_erasure'],
          } as unknown as ZendeskTicketRecord,
        ],
      },
    });
    sandbox.sandbox.setFaults({ seed: 'crash-faults', errorRate: 0.2, dropRate: 0.1 });

    const port = await freePort();
    const env = testEnvironment({
      PORT: String(port),
      POLICY_PROFILE: 'ispsystem',
      LOG_LEVEL: 'warn',
      ...sandboxVendorEnvironment(sandbox.url),
    });
    if (usingPostgres()) {
      const pg = await createPostgresTestDatabaseUrl();
      dropPostgres = pg.drop;
      env.DATABASE_URL = pg.url;
    }

    const first = await startChild(env);
    const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketId), status: 'new', requester_id: String(person.user.id), via: 'Mail', tags: 'privacy_request_erasure' } });
    expect((await fetch(`${first.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body) })).status).toBe(200);
    // C20: the person answers the confirmation message with its code; the ticket's next event reads it.
    await replyWithConfirmationCode(sandbox, ticketId, { id: person.user.id, email: person.user.email! });
    expect((await fetch(`${first.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body) })).status).toBe(200);

    // Kill the worker right after Zendesk accepted the soft deletion of the tickets.
    const log = sandbox.sandbox.requestLog;
    await waitFor(async () => log.filter({ vendor: 'zendesk', endpoint: 'DELETE /api/v2/tickets/destroy_many' }).some((e) => e.status === 200), 120_000, 'the ticket soft deletion');
    first.child.kill('SIGKILL');
    await waitForExit(first.child);
    expect(sandbox.sandbox.state.zendesk.purgedUserIds.has(person.user.id)).toBe(false);

    const second = await startChild(env);
    const session = await new AppAuthenticator({ sessionSecret: env.SESSION_SECRET!, publicKey: 'unused', lookupRole: async () => 'admin' }).issueSession(1);
    let requestId = '';
    await waitFor(async () => {
      const res = await fetch(`${second.url}/api/v1/requests?status=all`, { headers: { authorization: `Bearer ${session}` } });
      const list = (await res.json()) as Array<{ id: string; ticketId?: number; status: string }>;
      const request = list.find((r) => r.ticketId === ticketId);
      requestId = request?.id ?? '';
      return request?.status === 'completed';
    }, 180_000, 'the erasure to complete after the restart');
    const receiptRes = await fetch(`${second.url}/api/v1/requests/${requestId}/receipt`, { headers: { authorization: `Bearer ${session}` } });
    const receipt = (await receiptRes.json()) as { systems: Record<string, { actions: Array<{ step: string; status: string; attempts: number }> }>; manualTasks: unknown[] };
    second.child.kill('SIGTERM');
    expect(await waitForExit(second.child)).toBe(0);

    // The world: erased everywhere.
    const state = sandbox.sandbox.state;
    expect(state.zendesk.purgedUserIds.has(person.user.id)).toBe(true);
    for (const ticket of [...person.tickets.map((t) => t.id), ticketId]) expect(state.zendesk.tickets.has(ticket)).toBe(false);
    expect(state.talkdesk.contacts.has(person.contact.id)).toBe(false);
    expect(state.livechat.customers.get(person.customer.id)!.email).not.toBe(person.user.email);
    expect(log.filter({ fault: 'error' }).length + log.filter({ fault: 'drop' }).length).toBeGreaterThan(0);

    // No deleting call was repeated once it had succeeded.
    const succeeded = (vendor: 'zendesk' | 'talkdesk' | 'livechat', endpoint: string) => log.filter({ vendor, endpoint }).filter((e) => e.status >= 200 && e.status < 300);
    expect(succeeded('zendesk', 'DELETE /api/v2/tickets/destroy_many')).toHaveLength(1);
    expect(succeeded('zendesk', 'DELETE /api/v2/deleted_tickets/destroy_many')).toHaveLength(1);
    expect(succeeded('zendesk', 'DELETE /api/v2/users/{id}')).toHaveLength(1);
    expect(succeeded('zendesk', 'DELETE /api/v2/deleted_users/{id}')).toHaveLength(1);
    // The person has closed tickets only, and the request ticket stays open for the replies to them.
    expect(succeeded('zendesk', 'PUT /api/v2/tickets/update_many')).toHaveLength(0);
    // The GDPR request removes the contact (the sandbox's default), so nothing is left to DELETE.
    expect(succeeded('talkdesk', 'POST /internal-contacts/gdpr')).toHaveLength(1);
    expect(succeeded('talkdesk', 'DELETE /contacts/{id}')).toHaveLength(0);

    // The receipt covers every step of every system.
    for (const system of ['zendesk', 'livechat', 'talkdesk']) {
      expect(receipt.systems[system]!.actions.length).toBeGreaterThan(0);
      for (const action of receipt.systems[system]!.actions) expect(['done', 'manual']).toContain(action.status);
    }
    expect(receipt.systems.zendesk!.actions.map((a) => a.step)).toEqual(['read_profile', 'close_solved_tickets', 'reply_before_erasure', 'remove_from_other_tickets', 'reply_erasure_summary', 'soft_delete_tickets', 'permanently_delete_tickets', 'soft_delete_user', 'permanently_delete_user', 'verify_deleted']);
    expect(receipt.manualTasks.length).toBeGreaterThan(0);

    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      expect(await new AuditLedger(db, env.AUDIT_KEY!).verify()).toMatchObject({ ok: true });
      const { rows } = await db.query<{ step: string; attempts: number }>(`SELECT system || '/' || step AS step, attempts FROM request_steps WHERE request_id = $1 ORDER BY seq`, [requestId]);
      expect(rows.find((r) => r.step === 'zendesk/soft_delete_tickets')!.attempts).toBeGreaterThanOrEqual(1);
    } finally {
      await db.close();
    }
  }, 300_000);
});
