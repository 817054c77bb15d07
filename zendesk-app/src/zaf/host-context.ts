/** What the pages need from the host (Zendesk, or the preview stand-in). */

export interface HostUser {
  id?: number;
  name?: string;
  email: string;
}

export interface HostTicket {
  id: number;
  subject?: string;
  requester: { id: number; name: string; email: string };
  collaborators: HostUser[];
}

export interface HostCurrentUser {
  id: number;
  /** Zendesk role name; only used for display hints, the server decides permissions. */
  role: string;
  locale: string;
}

export interface HostContext {
  /** The ticket in view, or null on a new (unsaved) ticket or outside a ticket location. */
  getTicket(): Promise<HostTicket | null>;
  getCurrentUser(): Promise<HostCurrentUser>;
  /** Asks the host to resize the app's iframe to `height` CSS pixels. */
  resize(height: number): void;
}
