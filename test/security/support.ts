/** Shared helpers of the wrongful-erasure and authorization suite. */
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

export { unzip } from '../helpers/unzip.js';
