/** What the pages need from the host (Zendesk, or the preview's stand-in for it). */

export interface HostUser {
  id?: number;
  name?: string;
  email: string;
}

export interface HostTicket {
  /** Absent on the new-ticket page: the ticket does not exist yet. */
  id?: number;
  subject?: string;
  requester: { id: number; name: string; email: string } | null;
  collaborators: HostUser[];
}

export interface HostCurrentUser {
  id: number;
  /** Zendesk role name; only used for display hints, the server decides permissions. */
  role: string;
  locale: string;
}

/** The app locations this product declares in manifest.json. */
export type HostLocation = 'ticket_sidebar' | 'new_ticket_sidebar' | 'nav_bar';

export interface HostContext {
  location: HostLocation;
  /** The ticket in view, or null outside a ticket location. */
  getTicket(): Promise<HostTicket | null>;
  getCurrentUser(): Promise<HostCurrentUser>;
  /** Asks the host to resize the app's iframe to `height` CSS pixels. */
  resize(height: number): void;
  /** Called as the agent edits the CCs or the requester, before saving. */
  onTicketEdited(handler: () => void): void;
  /** Registers the `ticket.save` hook: a rejection stops the save and its message is shown to the agent. */
  onTicketSave(hook: () => Promise<void>): void;
  removeCollaborator(cc: HostUser): Promise<void>;
  /** Opens a ticket in the agent's workspace. */
  openTicket(ticketId: number): Promise<void>;
}
