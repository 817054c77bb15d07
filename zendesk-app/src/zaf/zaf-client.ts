/**
 * The only module that touches the Zendesk Apps Framework SDK.
 * https://developer.zendesk.com/api-reference/apps/apps-support-api/introduction/
 */
import type { HostContext, HostCurrentUser, HostTicket, HostUser } from './host-context.js';

/** Zendesk's hosted SDK, loaded as Zendesk documents it (a script tag), only inside Zendesk. */
export const ZAF_SDK_URL = 'https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js';

interface ZafClient {
  on(event: 'app.registered', handler: (data: unknown) => void): void;
  get(paths: string | string[]): Promise<Record<string, unknown>>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
}

declare global {
  interface Window {
    ZAFClient?: { init(): ZafClient | false };
  }
}

function loadSdk(doc: Document): Promise<void> {
  if (window.ZAFClient) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = ZAF_SDK_URL;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('The Zendesk app SDK could not be loaded (static.zdassets.com blocked?).'));
    doc.head.appendChild(script);
  });
}

function asUser(value: unknown): HostUser | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { id?: unknown; name?: unknown; email?: unknown };
  if (typeof v.email !== 'string' || v.email === '') return null;
  return {
    ...(typeof v.id === 'number' ? { id: v.id } : {}),
    ...(typeof v.name === 'string' ? { name: v.name } : {}),
    email: v.email,
  };
}

/** Connects to Zendesk: init, wait for `app.registered`, then serve `HostContext` from `client.get`. */
export async function connectZendesk(doc: Document = document): Promise<HostContext> {
  await loadSdk(doc);
  const client = window.ZAFClient?.init();
  if (!client) throw new Error('ZAFClient.init() failed: the page was not opened by Zendesk (origin/app_guid missing).');
  await new Promise<void>((resolve) => client.on('app.registered', () => resolve()));

  return {
    async getTicket(): Promise<HostTicket | null> {
      let data: Record<string, unknown>;
      try {
        data = await client.get(['ticket.id', 'ticket.subject', 'ticket.requester', 'ticket.collaborators']);
      } catch {
        return null; // not a ticket location
      }
      const id = data['ticket.id'];
      const requester = asUser(data['ticket.requester']);
      if (typeof id !== 'number' || !requester || requester.id === undefined) return null;
      const rawCollaborators = data['ticket.collaborators'];
      const collaborators = (Array.isArray(rawCollaborators) ? rawCollaborators : [])
        .map(asUser)
        .filter((u): u is HostUser => u !== null);
      const subject = data['ticket.subject'];
      return {
        id,
        ...(typeof subject === 'string' ? { subject } : {}),
        requester: { id: requester.id, name: requester.name ?? requester.email, email: requester.email },
        collaborators,
      };
    },
    async getCurrentUser(): Promise<HostCurrentUser> {
      const data = await client.get('currentUser');
      const user = data.currentUser as { id?: number; role?: string; locale?: string } | undefined;
      return { id: user?.id ?? 0, role: user?.role ?? 'agent', locale: user?.locale ?? 'en' };
    },
    resize(height: number): void {
      void client.invoke('resize', { width: '100%', height: `${Math.ceil(height)}px` });
    },
  };
}
