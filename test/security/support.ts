/** Shared helpers of the wrongful-erasure and authorization suite. */
import { inflateRawSync } from 'node:zlib';
import { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import { testEnvironment } from '../helpers/test-config.js';

/** The SESSION_SECRET every test configuration uses: a session issued here is accepted by the service. */
const SESSION_SECRET = testEnvironment().SESSION_SECRET!;

/**
 * An app session for a Zendesk user id, as the app pages issue it after Zendesk's signed token.
 * The role is never in the session: the service looks it up in (the sandbox's) Zendesk.
 */
export async function sessionFor(userId: number): Promise<string> {
  const issuer = new AppAuthenticator({ sessionSecret: SESSION_SECRET, publicKey: 'unused', lookupRole: async () => 'end-user' });
  return issuer.issueSession(userId);
}

/** Calls the app API with a session; the body as JSON. */
export async function callApi(baseUrl: string, path: string, init: { method?: string; body?: unknown; session?: string; rawBody?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.session) headers.authorization = `Bearer ${init.session}`;
  if (init.body !== undefined || init.rawBody !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, { method: init.method ?? 'GET', headers, ...(init.rawBody !== undefined ? { body: init.rawBody } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** Reads a ZIP's entries through its central directory (stored or deflated). */
export function unzip(zip: Buffer): Map<string, string> {
  const files = new Map<string, string>();
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    files.set(name, (method === 8 ? inflateRawSync(raw) : raw).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
