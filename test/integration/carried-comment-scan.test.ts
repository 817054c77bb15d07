import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { createScanPool, minimisationModule, type CommentScanner } from '../../middleware/src/minimisation/index.js';
import { INLINE_SCAN_MAX_CHARS } from '../../middleware/src/minimisation/carried-comment-scan.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { testConfig } from '../helpers/test-config.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import { waitFor } from '../helpers/child-service.js';

/** The comment scan fed by the shipped trigger body (comment ids and the latest comment). */
const AUTH = `Basic ${Buffer.from('ops@example.com/token:test-api-token').toString('base64')}`;
let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
let deliveries = 0;

async function zendesk<T>(method: string, path: string, body?: unknown): Promise<T> {
  const send = () =>
    fetch(`${sandbox.url}/zendesk${path}`, { method, headers: { authorization: AUTH, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const res = await send().catch(send);
  return (await res.json()) as T;
}

async function createTicket(comments: string[]): Promise<{ id: number; commentIds: number[] }> {
  const [first, ...rest] = comments;
  const { ticket } = await zendesk<{ ticket: { id: number } }>('POST', '/api/v2/tickets', {
    ticket: { subject: 'Question', status: 'open', requester: { name: 'Pat Example', email: `pat.${Date.now()}@example.org` }, comment: { body: first } },
  });
  for (const body of rest) await zendesk('PUT', `/api/v2/tickets/${ticket.id}`, { ticket: { comment: { body, public: true } } });
  const commentIds = (sandbox.sandbox.state.zendesk.commentsByTicket.get(ticket.id) ?? []).map((c) => c.id);
  return { id: ticket.id, commentIds };
}

/** The body as the shipped trigger renders it for the ticket as it is now (`attachmentCount: null`: a body without the count). */
function renderedBody(ticketId: number, { attachmentCount = 0 as number | null } = {}): string {
  const comments = sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? [];
  const latest = comments[comments.length - 1]!;
  return JSON.stringify({
    type: 'ticket_trigger',
    ticket: {
      id: String(ticketId),
      update_type: 'change',
      status: 'Open',
      requester_id: '',
      email_ccs: '',
      comment_ids: comments.map((c) => `${c.id},`).join(''),
      latest_comment: { id: String(latest.id), value: latest.body, is_public: 'true', ...(attachmentCount === null ? {} : { attachment_count: String(attachmentCount) }) },
    },
  });
}

async function deliverAndWait(body: string, to: RunningService = service): Promise<Record<string, unknown>> {
  deliveries++;
  const headers = { ...signedZendeskHeaders(body), 'x-zendesk-webhook-invocation-id': `carried-${deliveries}` };
  const res = await fetch(`${to.url}/webhooks/zendesk`, { method: 'POST', body, headers });
  expect(res.status).toBe(200);
  const { jobId } = (await res.json()) as { jobId: string };
  let outcome: Record<string, unknown> | undefined;
  await waitFor(async () => {
    const { rows } = await to.db.query<{ outcome: unknown }>(`SELECT outcome FROM webhook_inbox WHERE job_id = $1 AND status = 'processed'`, [jobId]);
    const raw = rows[0]?.outcome;
    outcome = raw === undefined ? undefined : ((typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>);
    return outcome !== undefined;
  });
  return outcome!;
}

async function lastScanned(ticketId: number): Promise<number> {
  const { rows } = await service.db.query<{ n: number | string }>('SELECT last_scanned_comment_id AS n FROM comment_scan_state WHERE ticket_id = $1', [ticketId]);
  return Number(rows[0]?.n ?? 0);
}

beforeAll(async () => {
  sandbox = await startSandboxServer();
  database = await createTestDatabase();
  service = await startService(testConfig({ ZENDESK_BASE_URL: `${sandbox.url}/zendesk` }), { db: database.db, logger: capturedLogger().logger, modules: [minimisationModule()] });
});
afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

describe('comment scan from the trigger body', () => {
  it('C03 when a new ticket\'s only comment is carried and holds nothing to act on, then it is recorded as scanned with no Zendesk call and no scan job', async () => {
    const ticket = await createTicket(['My printer is broken, please help.']);
    sandbox.sandbox.requestLog.clear();
    const outcome = await deliverAndWait(renderedBody(ticket.id));
    expect(outcome.minimisation).toMatchObject({ commentScan: 'scanned_from_payload', vendorCalls: 0 });
    expect(await lastScanned(ticket.id)).toBe(ticket.commentIds[0]);
    expect(sandbox.sandbox.requestLog.count({ vendor: 'zendesk' })).toBe(0);

    // A later update that adds no comment (a status change) is up to date, again with no call.
    const again = await deliverAndWait(renderedBody(ticket.id));
    expect(again.minimisation).toMatchObject({ commentScan: 'up_to_date' });
    expect(sandbox.sandbox.requestLog.count({ vendor: 'zendesk' })).toBe(0);
  });

  it('C04 C05 when the carried comment\'s text is harmless but it carries a file, then the full scan runs and the file is downloaded and scanned', async () => {
    const ticket = await createTicket(['Log attached, thanks.']);
    const stored = sandbox.sandbox.state.zendesk.commentsByTicket.get(ticket.id)![0] as { attachments?: unknown[] };
    sandbox.sandbox.state.zendesk.attachmentFiles.set('carried-log', { content: Buffer.from('card 4111 1111 1111 1111\n'), contentType: 'text/plain' });
    stored.attachments = [{ id: 9501, file_name: 'install.log', content_url: `${sandbox.url}/zendesk/attachments/token/carried-log/?name=install.log`, content_type: 'text/plain', size: 25 }];
    sandbox.sandbox.requestLog.clear();
    const outcome = await deliverAndWait(renderedBody(ticket.id, { attachmentCount: 1 }));
    expect(outcome.minimisation).toMatchObject({ commentScan: 'queued' });
    await waitFor(async () => (await lastScanned(ticket.id)) === ticket.commentIds[0], 20_000, 'the queued scan');
    expect(sandbox.sandbox.requestLog.entries.filter((e) => e.path.includes('/attachments/token/carried-log')).length).toBe(1);
    expect((stored.attachments as Array<{ file_name: string }>)[0]!.file_name).toBe('redacted.txt');
  });

  it('C03 when the body does not render the file count (an older trigger body), then the carried text alone does not settle the scan', async () => {
    const ticket = await createTicket(['Nothing to see here.']);
    const outcome = await deliverAndWait(renderedBody(ticket.id, { attachmentCount: null }));
    expect(outcome.minimisation).toMatchObject({ commentScan: 'queued' });
    await waitFor(async () => (await lastScanned(ticket.id)) === ticket.commentIds[0], 20_000, 'the queued scan');
  });

  it('C04 when the carried comment is longer than INLINE_SCAN_MAX_CHARS, then the scan workers read it (a short one is read in the job), and /healthz answers while that scan is held', async () => {
    const pool = createScanPool({ size: 1 });
    const scannedLengths: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let sawScan!: () => void;
    const scanStarted = new Promise<void>((resolve) => (sawScan = resolve));
    const gated: CommentScanner = {
      async scan(text) {
        scannedLengths.push(text.length);
        sawScan();
        await held;
        return pool.scan(text);
      },
      close: () => pool.close(),
    };
    const db = await createTestDatabase();
    const svc = await startService(testConfig({ ZENDESK_BASE_URL: `${sandbox.url}/zendesk` }), { db: db.db, logger: capturedLogger().logger, modules: [minimisationModule({ scanner: gated })] });
    try {
      const short = await createTicket(['A short question about my invoice.']);
      expect(await deliverAndWait(renderedBody(short.id), svc)).toMatchObject({ minimisation: { commentScan: 'scanned_from_payload' } });
      expect(scannedLengths).toEqual([]);

      const line = 'The export keeps failing at the same step, here is the full log.\n';
      const longText = line.repeat(Math.ceil((INLINE_SCAN_MAX_CHARS + 1) / line.length));
      const long = await createTicket([longText]);
      const delivered = deliverAndWait(renderedBody(long.id), svc);
      expect(await Promise.race([scanStarted.then(() => 'scan workers'), delivered.then(() => 'settled in the job')])).toBe('scan workers');
      expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
      release();
      expect(await delivered).toMatchObject({ minimisation: { commentScan: 'scanned_from_payload' } });
      expect(scannedLengths).toEqual([longText.length]);
    } finally {
      release();
      await svc.stop();
      await db.drop();
    }
  });

  it('C04 when the carried comment holds a card number, then the full scan runs and redacts it', async () => {
    const ticket = await createTicket(['Hello', 'my card is 4111 1111 1111 1111 thanks']);
    await service.db.query('INSERT INTO comment_scan_state (ticket_id, last_scanned_comment_id) VALUES ($1, $2)', [ticket.id, ticket.commentIds[0]]);
    sandbox.sandbox.requestLog.clear();
    const outcome = await deliverAndWait(renderedBody(ticket.id));
    expect(outcome.minimisation).toMatchObject({ commentScan: 'queued' });
    await waitFor(async () => (await lastScanned(ticket.id)) === ticket.commentIds[1], 20_000, 'the queued scan');
    expect(sandbox.sandbox.requestLog.count({ vendor: 'zendesk', endpoint: 'PUT /api/v2/comment_redactions/{id}' })).toBe(1);
  });

  it('C03 when an older comment is unscanned too, then the body is not trusted alone: the full scan lists the comments', async () => {
    const ticket = await createTicket(['first, never scanned: card 4111 1111 1111 1111', 'second, harmless']);
    sandbox.sandbox.requestLog.clear();
    const outcome = await deliverAndWait(renderedBody(ticket.id));
    expect(outcome.minimisation).toMatchObject({ commentScan: 'queued' });
    await waitFor(async () => (await lastScanned(ticket.id)) === ticket.commentIds[1], 20_000, 'the queued scan');
    expect(sandbox.sandbox.requestLog.count({ vendor: 'zendesk', endpoint: 'PUT /api/v2/comment_redactions/{id}' })).toBe(1);
  });
});
