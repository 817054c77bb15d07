/**
 * The benchmark's sandbox, in its own process so that the sweep's process holds none of the
 * seeded population. Serves the vendor APIs plus two benchmark-only routes: `/bench/calls`
 * (latest call per Talkdesk contact, standing in for the calls report retention reads through
 * its CallActivitySource port) and `/bench/stats` (request-log counts).
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSandbox } from '../../middleware/src/sandbox/index.js';
import { generateSeedDataset } from '../../middleware/src/sandbox/seed-dataset.js';

const size = Number(process.argv[2]);
const seeded = generateSeedDataset({ seed: `bench-${size}`, size, now: new Date() });
const sandbox = createSandbox({
  dataset: seeded.dataset,
  rateLimits: { zendeskPerMinute: 1_000_000, livechatPerMinute: 1_000_000, talkdeskPerMinute: 1_000_000, zendeskPermanentDeletesPer10Minutes: 1_000_000, zendeskSearchExportPerMinute: 1_000_000 },
  zendesk: { jobAutoCompleteMs: 0 },
});
const app = express();
app.get('/bench/calls', (req, res) => {
  const wanted = new Set(String(req.query.contact_ids ?? '').split(',').filter(Boolean));
  const latest: Record<string, string> = {};
  for (const call of sandbox.state.talkdesk.calls.values()) {
    if (!call.contact_id || !wanted.has(call.contact_id)) continue;
    if (!latest[call.contact_id] || latest[call.contact_id]! < call.started_at) latest[call.contact_id] = call.started_at;
  }
  res.json(latest);
});
app.get('/bench/stats', (_req, res) => {
  const byVendor: Record<string, number> = {};
  for (const e of sandbox.requestLog.entries) byVendor[e.vendor] = (byVendor[e.vendor] ?? 0) + 1;
  res.json({ total: sandbox.requestLog.entries.length, byVendor, rateLimited: sandbox.requestLog.count({ rateLimited: true }), users: seeded.groundTruth.counts.users, purged: sandbox.state.zendesk.purgedUserIds.size });
});
app.use(sandbox.router);
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`SANDBOX http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
