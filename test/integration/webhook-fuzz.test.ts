import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../middleware/src/sandbox/prng.js';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { testConfig } from '../helpers/test-config.js';
import { sampleEventEnvelope, sampleTicketTrigger, signedZendeskHeaders } from '../helpers/webhooks.js';

/** A seeded sequence per case (the sandbox's mulberry32), so a failing case can be replayed from its index. */
function prng(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

const WEIRD_VALUES: unknown[] = [null, true, -1, 0, 1e308, -1e308, '', ' ', '\u0000', '💥'.repeat(50), '<script>', [], {}, [[[]]], '9'.repeat(400), { id: { id: { id: 1 } } }, 'zen:event-type:', 'NaN'];

function mutateJson(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => mutateJson(v, random));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const roll = random();
      if (roll < 0.1) continue; // drop the field
      if (roll < 0.25) out[k] = WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)];
      else out[k] = mutateJson(v, random);
    }
    if (random() < 0.1) out[`extra_${Math.floor(random() * 100)}`] = WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)];
    return out;
  }
  return value;
}

function mutateText(text: string, random: () => number): string {
  const chars = [...text];
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * chars.length);
    const roll = random();
    if (roll < 0.3) chars.splice(at, 1);
    else if (roll < 0.6) chars.splice(at, 0, String.fromCharCode(Math.floor(random() * 0xffff)));
    else if (roll < 0.8) chars.length = at; // truncate
    else chars[at] = '"{}[],:\\'[Math.floor(random() * 8)] ?? '"';
  }
  return chars.join('');
}

function fuzzCase(index: number): { body: string; headers: Record<string, string> } {
  const random = prng(1000 + index);
  const base = random() < 0.5 ? sampleTicketTrigger(index) : sampleEventEnvelope(`fuzz-${index}`);
  const kind = random();
  let body: string;
  if (kind < 0.35) body = JSON.stringify(mutateJson(base, random));
  else if (kind < 0.6) body = mutateText(JSON.stringify(base), random);
  else if (kind < 0.7) body = '['.repeat(1 + Math.floor(random() * 20_000)); // deep nesting
  else if (kind < 0.8) body = Buffer.from(Array.from({ length: Math.floor(random() * 2048) }, () => Math.floor(random() * 256))).toString('latin1');
  else body = JSON.stringify(WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)]);

  // Most cases are correctly signed so they reach the parser and the schema; the rest attack headers.
  const headers = signedZendeskHeaders(body);
  const headerRoll = random();
  if (headerRoll < 0.08) delete (headers as Record<string, string>)['x-zendesk-webhook-signature'];
  else if (headerRoll < 0.14) headers['x-zendesk-webhook-signature-timestamp'] = ['', 'yesterday', '-1', '99999999999999999999', '2026-13-45T99:99:99Z'][Math.floor(random() * 5)]!;
  else if (headerRoll < 0.2) headers['x-zendesk-webhook-signature'] = mutateText(headers['x-zendesk-webhook-signature'], random).replace(/[^\x20-\x7e]/g, '?') || 'x';
  else if (headerRoll < 0.26) headers['content-type'] = ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x'][Math.floor(random() * 4)]!;
  return { body, headers };
}

let service: RunningService;
let database: TestDatabase;
const { logger, lines } = capturedLogger();
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  database = await createTestDatabase();
  service = await startService(testConfig(), { db: database.db, logger, workers: false });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await service?.stop();
  await database?.drop();
});

describe('webhook route under fuzzing', () => {
  it('when 5,000 random and mutated bodies and headers arrive, then none gets a 5xx, nothing crashes and no rejection goes unhandled', async () => {
    const statuses = new Map<number, number>();
    const total = 5_000;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const index = next++;
        const { body, headers } = fuzzCase(index);
        const res = await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) throw new Error(`case ${index} answered ${res.status}: ${JSON.stringify(headers)} ${body.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker)).catch((error) => {
      throw new Error(`${(error as Error).message}\n${lines.filter((l) => l.includes('"level":50')).slice(0, 3).join('\n')}`);
    });
    const sum = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(sum).toBe(total);
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    // The fuzzer must reach every stage, or it proves little.
    for (const status of [200, 400, 401, 415]) expect(statuses.get(status) ?? 0).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  }, 240_000);
});
