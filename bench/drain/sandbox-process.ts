/**
 * The drain benchmark's vendors: a sandbox in its own process, seeded with `tickets` tickets of one
 * harmless comment each; every `ccEvery`-th ticket has one e-mail CC who never consented (the
 * product must strip it). Benchmark-only routes: `/bench/stats` (calls per vendor and endpoint,
 * 429s), `/bench/reset` (clears the request log), `/bench/ccs-left` (tickets that still have a CC).
 *
 *   node --import tsx bench/drain/sandbox-process.ts <tickets> <ccEvery>
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSandbox } from '../../middleware/src/sandbox/index.js';
import type { SandboxDataset, ZendeskUserRecord } from '../../middleware/src/sandbox/types.js';

const tickets = Number(process.argv[2]);
const ccEvery = Number(process.argv[3]);
const at = new Date(Date.now() - 3_600_000).toISOString();

function user(id: number, email: string, role: ZendeskUserRecord['role']): ZendeskUserRecord {
  return {
    id,
    name: `Bench person ${id}`,
    email,
    role,
    phone: null,
    organization_id: null,
    created_at: at,
    updated_at: at,
    last_login_at: at,
    user_fields: {},
    verified: true,
    active: true,
    tags: [],
    identities: [{ id: id * 10, user_id: id, type: 'email', value: email, verified: true, primary: true, created_at: at, updated_at: at }],
  };
}

const dataset: Required<Pick<SandboxDataset, 'zendesk'>> = { zendesk: { users: [user(1, 'bench-agent@example.com', 'agent')], tickets: [], comments: [] } };
const requesters = 500;
for (let i = 0; i < requesters; i++) dataset.zendesk.users!.push(user(1000 + i, `requester${i}@example.com`, 'end-user'));
for (let t = 0; t < tickets; t++) {
  const id = 100_000 + t;
  const ccId = ccEvery > 0 && t % ccEvery === 0 ? 500_000 + t : undefined;
  if (ccId) dataset.zendesk.users!.push(user(ccId, `cc${t}@elsewhere.example.net`, 'end-user'));
  const requester = 1000 + (t % requesters);
  dataset.zendesk.tickets!.push({
    id,
    requester_id: requester,
    submitter_id: requester,
    assignee_id: null,
    status: 'open',
    subject: `Order ${t}`,
    description: 'Where is my order?',
    email_cc_ids: ccId ? [ccId] : [],
    follower_ids: [],
    collaborator_ids: [],
    via: { channel: 'email' },
    created_at: at,
    updated_at: at,
    tags: [],
  });
  dataset.zendesk.comments!.push({ id: id * 10 + 1, ticket_id: id, author_id: requester, body: 'Where is my order? It was due last week.', html_body: '<p>Where is my order? It was due last week.</p>', public: true, created_at: at });
}

const unlimited = 1_000_000_000;
const sandbox = createSandbox({
  dataset,
  rateLimits: { zendeskPerMinute: unlimited, livechatPerMinute: unlimited, talkdeskPerMinute: unlimited, zendeskPermanentDeletesPer10Minutes: unlimited, zendeskSearchExportPerMinute: unlimited },
  zendesk: { jobAutoCompleteMs: 0 },
});
const app = express();
app.get('/bench/stats', (_req, res) => {
  const byEndpoint: Record<string, number> = {};
  for (const e of sandbox.requestLog.entries) byEndpoint[`${e.vendor} ${e.endpoint}`] = (byEndpoint[`${e.vendor} ${e.endpoint}`] ?? 0) + 1;
  res.json({ total: sandbox.requestLog.entries.length, byEndpoint, rateLimited: sandbox.requestLog.count({ rateLimited: true }) });
});
app.post('/bench/reset', (_req, res) => {
  sandbox.requestLog.clear();
  res.json({ ok: true });
});
app.get('/bench/ccs-left', (_req, res) => {
  let left = 0;
  for (const ticket of sandbox.state.zendesk.tickets.values()) if (ticket.email_cc_ids.length > 0) left++;
  res.json({ left });
});
app.use(sandbox.router);
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`SANDBOX http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
server.keepAliveTimeout = 60_000;
process.on('SIGTERM', () => process.exit(0));
