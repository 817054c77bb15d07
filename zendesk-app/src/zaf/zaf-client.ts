/**
 * The only module that touches the Zendesk Apps Framework SDK (npm `zendesk_app_framework_sdk`,
 * bundled: no script is loaded from a third party at run time).
 * https://developer.zendesk.com/api-reference/apps/apps-support-api/introduction/
 */
import ZAFClient, { type ZafClient, type ZafGetResult } from 'zendesk_app_framework_sdk';
import type { HostContext, HostCurrentUser, HostLocation, HostTicket, HostUser } from './host-context.js';

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

function asLocation(value: unknown): HostLocation {
  return value === 'new_ticket_sidebar' || value === 'nav_bar' ? value : 'ticket_sidebar';
}

/** Zendesk answers a path it cannot serve in this location with an entry in `errors`. */
function valueOf(data: ZafGetResult, path: string): unknown {
  return data.errors?.[path] ? undefined : data[path];
}

/** Events that mean the CCs or the requester changed while the agent edits (before saving). */
export const TICKET_EDIT_EVENTS = ['ticket.collaborators.changed', 'ticket.requester.id.changed', 'ticket.requester.email.changed'] as const;

/** Connects to Zendesk: init, wait for `app.registered`, then serve `HostContext` from the client. */
export async function connectZendesk(): Promise<HostContext> {
  const client: ZafClient | false = ZAFClient.init();
  if (!client) throw new Error('ZAFClient.init() failed: the page was not opened by Zendesk (origin/app_guid missing).');
  const registration = await new Promise<Parameters<Parameters<ZafClient['on']>[1]>[0]>((resolve) => client.on('app.registered', resolve));
  const location = asLocation((registration as { context?: { location?: unknown } } | undefined)?.context?.location);

  return {
    location,
    async getTicket(): Promise<HostTicket | null> {
      if (location === 'nav_bar') return null;
      const data = await client.get(['ticket.id', 'ticket.subject', 'ticket.requester', 'ticket.collaborators']);
      const id = valueOf(data, 'ticket.id');
      const requester = asUser(valueOf(data, 'ticket.requester'));
      const rawCollaborators = valueOf(data, 'ticket.collaborators');
      const collaborators = (Array.isArray(rawCollaborators) ? rawCollaborators : []).map(asUser).filter((u): u is HostUser => u !== null);
      const subject = valueOf(data, 'ticket.subject');
      return {
        ...(typeof id === 'number' ? { id } : {}),
        ...(typeof subject === 'string' ? { subject } : {}),
        requester: requester && requester.id !== undefined ? { id: requester.id, name: requester.name ?? requester.email, email: requester.email } : null,
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
    onTicketEdited(handler: () => void): void {
      for (const event of TICKET_EDIT_EVENTS) client.on(event, () => handler());
    },
    onTicketSave(hook: () => Promise<void>): void {
      client.on('ticket.save', () => hook());
    },
    async removeCollaborator(cc: HostUser): Promise<void> {
      await client.invoke('ticket.collaborators.remove', cc.id !== undefined ? { id: cc.id } : { email: cc.email });
    },
    async openTicket(ticketId: number): Promise<void> {
      await client.invoke('routeTo', 'ticket', String(ticketId));
    },
  };
}
