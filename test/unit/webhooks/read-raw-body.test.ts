import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRawBody, type RawBody } from '../../../middleware/src/webhooks/read-raw-body.js';
import { declaresJsonBody } from '../../../middleware/src/webhooks/content-type.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real HTTP server whose handler reads the body; each outcome is recorded. */
async function readingServer(options: Parameters<typeof readRawBody>[1]) {
  const outcomes: Array<{ ok: true; body: RawBody } | { ok: false; error: Error }> = [];
  server = createServer((req, res) => {
    readRawBody(req, options).then(
      (body) => {
        outcomes.push({ ok: true, body });
        res.end('read');
      },
      (error: Error) => outcomes.push({ ok: false, error }),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { port: (server!.address() as AddressInfo).port, outcomes };
}

describe('readRawBody', () => {
  it('when the body arrives in several chunks, then it is kept whole and its HMAC covers prefix and body', async () => {
    const { port, outcomes } = await readingServer({ keepLimitBytes: 1024, hardLimitBytes: 4096, hmacKeys: ['k1', 'k2'], hmacPrefix: 'ts' });
    const body = 'a'.repeat(300) + 'b'.repeat(300);
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: body });
    expect(res.status).toBe(200);
    const read = outcomes[0];
    expect(read?.ok).toBe(true);
    if (!read?.ok) return;
    expect(read.body.buffer?.toString()).toBe(body);
    expect(read.body.hmacs).toEqual(['k1', 'k2'].map((k) => createHmac('sha256', k).update('ts' + body).digest('base64')));
  });

  it('when the body is over the keep limit but under the hard limit, then only its length and HMACs are known', async () => {
    const { port, outcomes } = await readingServer({ keepLimitBytes: 100, hardLimitBytes: 4096, hmacKeys: ['k'] });
    await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x'.repeat(1000) });
    const read = outcomes[0];
    expect(read?.ok && read.body.buffer === undefined && read.body.length === 1000 && !read.body.truncated).toBe(true);
  });

  it('when the body passes the hard limit, then reading stops as truncated and a response still goes out', async () => {
    const { port, outcomes } = await readingServer({ keepLimitBytes: 100, hardLimitBytes: 1000 });
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'x'.repeat(100_000) });
    expect(res.status).toBe(200);
    const read = outcomes[0];
    expect(read?.ok && read.body.truncated && read.body.buffer === undefined).toBe(true);
  });

  it('when the client goes away halfway through the body, then the read fails instead of waiting forever', async () => {
    const { port, outcomes } = await readingServer({ keepLimitBytes: 1024, hardLimitBytes: 4096 });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 200\r\n\r\n${'y'.repeat(100)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await vi.waitFor(() => expect(outcomes).toHaveLength(1), { timeout: 2_000 });
    expect(outcomes[0]?.ok).toBe(false);
  });
});

describe('declaresJsonBody', () => {
  const withType = (type?: string) => ({ headers: type === undefined ? {} : { 'content-type': type } }) as IncomingMessage;
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON ;charset=UTF-8', true],
    ['application/jsonp', false],
    ['text/plain', false],
    ['application/x-www-form-urlencoded', false],
    ['', false],
    [undefined, false],
  ])('when Content-Type is %j, then JSON is %s', (type, expected) => {
    expect(declaresJsonBody(withType(type))).toBe(expected);
  });
});
