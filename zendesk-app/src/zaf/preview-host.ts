/** Stand-in for Zendesk in the preview: the ticket comes from `GET /preview/zaf/ticket/:id`. */
import { ApiPaths, PreviewTicketContext } from '../api/contract.js';
import type { HostContext, HostCurrentUser, HostTicket } from './host-context.js';

export function createPreviewHost(apiBase: string, ticketId: number | undefined): HostContext {
  let loaded: Promise<PreviewTicketContext | null> | undefined;
  const load = (): Promise<PreviewTicketContext | null> => {
    if (ticketId === undefined) return Promise.resolve(null);
    loaded ??= fetch(`${apiBase}${ApiPaths.previewTicket(ticketId)}`, { headers: { Accept: 'application/json' } }).then(
      async (res) => {
        if (res.status === 404) return null;
        if (!res.ok) throw new Error(`Preview ticket ${ticketId}: HTTP ${res.status}`);
        return PreviewTicketContext.parse(await res.json());
      },
    );
    return loaded;
  };
  return {
    async getTicket(): Promise<HostTicket | null> {
      const ctx = await load();
      return ctx ? ctx.ticket : null;
    },
    async getCurrentUser(): Promise<HostCurrentUser> {
      const ctx = await load();
      if (ctx) return { id: ctx.currentUser.id, role: ctx.currentUser.role, locale: ctx.currentUser.locale };
      // The admin preview has no ticket; the server decides permissions either way.
      return { id: 0, role: 'admin', locale: navigator.language || 'en' };
    },
    resize(): void {
      // Nothing to resize outside Zendesk: the preview page grows with its content.
    },
  };
}
