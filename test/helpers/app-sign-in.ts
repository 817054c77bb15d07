import { expect } from 'vitest';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';

/**
 * Signs users into the app pages as Zendesk does (a signed-URL token posted to /app/sidebar) and
 * returns the session the page boots with. `publicKey` goes into ZENDESK_APP_PUBLIC_KEY.
 */
export async function appSigner(issuer: string, audience: string): Promise<{ publicKey: string; session: (serviceUrl: string, userId: number) => Promise<string> }> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  return {
    publicKey: (await exportSPKI(pair.publicKey)).replace(/\n/g, '\\n'),
    async session(serviceUrl, userId) {
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setIssuedAt(now).setExpirationTime(now + 300).setSubject(String(userId)).setIssuer(issuer).setAudience(audience).sign(pair.privateKey);
      const html = await (await fetch(`${serviceUrl}/app/sidebar`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }).toString() })).text();
      return JSON.parse(html.match(/<script id="pg-boot" type="application\/json">(.*?)<\/script>/)![1]!.replace(/\\u003c/g, '<')).session as string;
    },
  };
}

/** Test set-up calls to the sandbox's Zendesk API; `userDefaults` are merged into every created user. */
export function sandboxZendeskSetup(sandboxUrl: () => string, userDefaults: Record<string, unknown> = {}) {
  async function zendesk<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${sandboxUrl()}/zendesk/api/v2${path}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from('setup@example.com/token:x').toString('base64')}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return (await res.json()) as T;
  }
  return {
    zendesk,
    createUser: async (user: Record<string, unknown>) => (await zendesk<{ user: { id: number } }>('POST', '/users', { user: { ...userDefaults, ...user } })).user.id,
    createTicket: async (ticket: Record<string, unknown>) => (await zendesk<{ ticket: { id: number } }>('POST', '/tickets', { ticket: { subject: 'Help', comment: { body: 'Hello' }, ...ticket } })).ticket.id,
  };
}
