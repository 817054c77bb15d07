/**
 * Vendor calls per operation, next to the minimum each vendor's API allows (issue 16).
 *
 *   npx tsx bench/vendor-calls/run.ts [--tickets 4] [--no-write]
 *
 * The production wiring (every product module, Talkdesk's calls report as the call source) on an
 * embedded database against the seeded sandbox on loopback. One person who is in all three systems
 * and requests `--tickets` Zendesk tickets (one of them solved, the rest closed) asks for an access
 * export, then for erasure (delete mode), each by a ticket e-mailed from their primary address and
 * confirmed as the product requires. Calls are counted from the sandbox's request log between the
 * request's start and its completion, per vendor and endpoint.
 */
import { parseArgs } from 'node:util';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { productModules, talkdeskCallsReportSources } from '../../middleware/src/modules.js';
import { sandboxVendorEnvironment } from '../../middleware/src/demo-composition.js';
import { startSandboxServer, generateSeedDataset, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import type { ZendeskTicketRecord } from '../../middleware/src/sandbox/types.js';
import type { SandboxRequestLogEntry } from '../../middleware/src/sandbox/request-log.js';
import { createLogger } from '../../middleware/src/observability/logger.js';
import { openDatabase } from '../../middleware/src/store/open-database.js';
import { testConfig } from '../../test/helpers/test-config.js';
import { signedZendeskHeaders } from '../../test/helpers/webhooks.js';
import { crossSystemPerson } from '../../test/helpers/cross-system-person.js';
import { replyWithConfirmationCode } from '../../test/helpers/person-confirms.js';
import { waitFor } from '../../test/helpers/child-service.js';
import { describeMachine } from '../lib/machine.js';
import { replaceMarkedSection } from '../lib/results-file.js';
import { minimumCalls, type Operation, type World } from './minimum.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { tickets: { type: 'string', default: '4' }, 'no-write': { type: 'boolean', default: false } } });
const TICKETS = Number(args.tickets);

let sandbox: SandboxServer;
let service: RunningService;
let nextTicketId = 950_001;

function seedRequestTicket(requesterId: number, fromAddress: string, tag: string): number {
  const id = nextTicketId++;
  const now = new Date().toISOString();
  const ticket = {
    id, requester_id: requesterId, submitter_id: requesterId, assignee_id: null, status: 'new', subject: 'My data', description: 'About my data.',
    email_cc_ids: [], follower_ids: [], collaborator_ids: [], via: { channel: 'email', source: { from: { address: fromAddress }, to: {}, rel: null } },
    created_at: now, updated_at: now, tags: [tag],
  } as unknown as ZendeskTicketRecord;
  sandbox.sandbox.seed({ zendesk: { tickets: [ticket], comments: [{ id: 7_500_000_000 + id, ticket_id: id, author_id: requesterId, body: 'About my data.', html_body: '<p>About my data.</p>', public: true, created_at: now }] } });
  return id;
}

async function deliver(ticketId: number, requesterId: number, tag: string): Promise<void> {
  const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketId), status: 'new', requester_id: String(requesterId), via: 'Mail', tags: tag } });
  const res = await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body) });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

async function requestOf(ticketId: number): Promise<{ id: string; status: string; started_at: string | null } | undefined> {
  const { rows } = await service.db.query<{ id: string; status: string }>('SELECT id, status FROM privacy_requests WHERE ticket_id = $1', [ticketId]);
  return rows[0] as never;
}

/** Calls made for the request after it was confirmed: between its `started` audit entry and its completion. */
async function callsOfRun(requestId: string, ticketId: number, fromIndex: number): Promise<SandboxRequestLogEntry[]> {
  const { rows } = await service.db.query<{ at: Date | string }>(
    `SELECT min(at) AS at FROM audit_ledger WHERE action LIKE 'request.%.started' AND details->>'requestId' = $1`,
    [requestId],
  );
  const startedMs = rows[0]?.at ? new Date(rows[0].at).getTime() : 0;
  const run = sandbox.sandbox.requestLog.entries.slice(fromIndex).filter((e) => e.timeMs >= startedMs);
  // The webhook that filed the request is processed at the same moment (its comment scan reads
  // the request ticket's comments): calls on the request ticket before the request's first read
  // of the person belong to that intake, not to the operation.
  const firstRead = run.findIndex((e) => e.vendor === 'zendesk' && /^\/api\/v2\/users\/\d+$/.test(e.path));
  return run.filter((e, i) => !(firstRead >= 0 && i < firstRead && e.path.startsWith(`/api/v2/tickets/${ticketId}/`)));
}

async function runRequest(person: ReturnType<typeof crossSystemPerson>, type: 'access' | 'erasure'): Promise<SandboxRequestLogEntry[]> {
  const tag = `privacy_request_${type}`;
  const ticketId = seedRequestTicket(person.user.id, person.user.email!, tag);
  const from = sandbox.sandbox.requestLog.entries.length;
  await deliver(ticketId, person.user.id, tag);
  if (type === 'erasure') {
    await replyWithConfirmationCode(sandbox, ticketId, { id: person.user.id, email: person.user.email! });
    await deliver(ticketId, person.user.id, tag);
  }
  await waitFor(async () => ['completed', 'failed', 'refused'].includes((await requestOf(ticketId))?.status ?? ''), 120_000, `the ${type} request to finish`);
  const request = (await requestOf(ticketId))!;
  if (request.status !== 'completed') throw new Error(`the ${type} request ended ${request.status}`);
  return callsOfRun(request.id, ticketId, from);
}

function byVendor(entries: readonly SandboxRequestLogEntry[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const e of entries) {
    const vendor = out.get(e.vendor) ?? new Map<string, number>();
    vendor.set(e.endpoint, (vendor.get(e.endpoint) ?? 0) + 1);
    out.set(e.vendor, vendor);
  }
  return out;
}

async function main(): Promise<void> {
  const machine = describeMachine();
  const dataset = generateSeedDataset({ seed: 'vendor-calls-bench', size: 120, now: new Date() }).dataset;
  const person = crossSystemPerson(dataset);
  // Give the person exactly TICKETS requested tickets: one solved, the rest closed.
  const own = dataset.zendesk.tickets.filter((t) => t.requester_id === person.user.id);
  const template = own[0]!;
  const wanted = Array.from({ length: TICKETS }, (_, i) => own[i] ?? { ...template, id: 990_000 + i, created_at: template.created_at });
  dataset.zendesk.tickets = [...dataset.zendesk.tickets.filter((t) => t.requester_id !== person.user.id), ...wanted.map((t, i) => ({ ...t, status: (i === 0 ? 'solved' : 'closed') as ZendeskTicketRecord['status'] }))];
  person.tickets = wanted;
  sandbox = await startSandboxServer({ dataset, zendesk: { jobAutoCompleteMs: 0 } });
  const config = testConfig({ ...sandboxVendorEnvironment(sandbox.url), POLICY_PROFILE: 'ispsystem', LOG_LEVEL: 'warn' });
  const db = await openDatabase({ inMemory: true });
  service = await startService(config, { db, logger: createLogger({ level: 'warn' }), modules: (ctx) => productModules(ctx, undefined, talkdeskCallsReportSources(ctx)), pollingIntervalSeconds: 0.2 });
  const results: Array<{ operation: Operation; calls: Map<string, Map<string, number>> }> = [];
  // The calls the retention window (36 months under ispsystem) holds; the report covers no more.
  const windowStart = new Date();
  windowStart.setUTCMonth(windowStart.getUTCMonth() - 36);
  const contactCalls = dataset.talkdesk.calls.filter((c) => c.contact_id === person.contact.id && new Date(c.started_at) >= windowStart);
  const world: World = {
    tickets: TICKETS + 1,
    ccTickets: dataset.zendesk.tickets.filter(
      (t) => t.requester_id !== person.user.id && [...t.email_cc_ids, ...t.follower_ids, ...t.collaborator_ids].includes(person.user.id),
    ).length,
    calls: contactCalls.length,
    recordings: dataset.talkdesk.recordings.filter((r) => contactCalls.some((c) => c.id === r.call_id)).length,
    // ispsystem keeps 36 months: three 12-month report jobs.
    reportJobs: 3,
  };
  try {
    const accessCalls = await runRequest(person, 'access');
    if (process.env.BENCH_DEBUG) for (const e of accessCalls) process.stderr.write(`${e.vendor} ${e.method} ${e.path}\n`);
    results.push({ operation: 'access', calls: byVendor(accessCalls) });
    results.push({ operation: 'erasure', calls: byVendor(await runRequest(person, 'erasure')) });
  } finally {
    await service.stop();
    await db.close();
    await sandbox.close();
  }

  const rows: string[] = [];
  const verdicts: string[] = [];
  for (const { operation, calls } of results) {
    for (const vendor of ['zendesk', 'livechat', 'talkdesk'] as const) {
      const made = [...(calls.get(vendor)?.values() ?? [])].reduce((a, b) => a + b, 0);
      const minimum = minimumCalls(operation, vendor, world);
      const ratio = minimum.total === 0 ? (made === 0 ? 1 : Infinity) : made / minimum.total;
      const detail = [...(calls.get(vendor)?.entries() ?? [])].map(([endpoint, n]) => `${endpoint} ×${n}`).join('; ');
      rows.push(`| ${operation} | ${vendor} | ${made} | ${minimum.total} | ${ratio.toFixed(2)} | ${detail || '-'} | ${minimum.why} |`);
      const target = operation === 'erasure' ? 1.25 : 1;
      verdicts.push(`- ${operation}, ${vendor}: ${made} calls for a minimum of ${minimum.total} (${ratio.toFixed(2)}x; target <= ${target}x): ${ratio <= target ? 'met' : 'not met'}.`);
      process.stdout.write(`${JSON.stringify({ operation, vendor, made, minimum: minimum.total, ratio })}\n`);
    }
  }
  const commit = execSync('git rev-parse --short HEAD', { cwd: HERE }).toString().trim();
  const markdown = [
    '## Vendor calls per operation (bench/vendor-calls)',
    '',
    `Run: \`npx tsx bench/vendor-calls/run.ts --tickets ${TICKETS}\` on ${new Date().toISOString()} at commit ${commit}; ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}.`,
    '',
    `Production wiring (every product module; Talkdesk's calls report as call source) on PGlite against the sandbox. One person in all three systems with ${TICKETS} requested tickets (one solved) plus the request's own ticket; one LiveChat customer, one Talkdesk contact. Counted: every vendor call between the request's start (after confirmation) and its completion. The minimum is what the vendor's documented API needs for the same outcome (bench/vendor-calls/minimum.ts says why, call by call).`,
    '',
    '| operation | vendor | calls made | minimum | ratio | calls by endpoint | the minimum |',
    '|---|---|---:|---:|---:|---|---|',
    ...rows,
    '',
    ...verdicts,
    '',
    'Before the changes of 2026-12-07 (commit 52de834, same command): access 12 Zendesk / 4 LiveChat / 20 Talkdesk calls, erasure 23 / 4 / 4; that erasure checked no Talkdesk recording at all, since it looked the calls up by a contact it had just deleted.',
    '',
    "LiveChat erasure: update_customer blanks name, e-mail and phone in one call without reading the profile; if LiveChat refuses the blank phone number (the field is documented as E.164), a second call masks name and e-mail and an agent task asks for the number.",
  ].join('\n');
  process.stdout.write(`${markdown}\n`);
  if (!args['no-write']) replaceMarkedSection(join(HERE, '..', 'RESULTS.md'), 'vendor-calls', markdown);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
