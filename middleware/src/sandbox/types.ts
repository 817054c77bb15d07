/**
 * Records the sandbox keeps in memory. Field names follow the vendors' JSON so that serializing
 * a record is mostly copying it; fields that start with an underscore are sandbox bookkeeping
 * and never leave the sandbox.
 */

export type Vendor = 'zendesk' | 'livechat' | 'talkdesk';

export type ZendeskRole = 'end-user' | 'agent' | 'admin';
export type ZendeskTicketStatus = 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';

/** A Zendesk user identity (https://developer.zendesk.com/api-reference/ticketing/users/user_identities/). */
export interface ZendeskIdentityRecord {
  id: number;
  user_id: number;
  type: 'email' | 'phone_number';
  value: string;
  verified: boolean;
  primary: boolean;
  created_at: string;
  updated_at: string;
}

/** A Zendesk user as stored; `identities` is served by its own endpoint, not inside the user. */
export interface ZendeskUserRecord {
  id: number;
  name: string;
  email: string | null;
  role: ZendeskRole;
  phone: string | null;
  organization_id: number | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  user_fields: Record<string, unknown>;
  verified: boolean;
  active: boolean;
  tags: string[];
  identities: ZendeskIdentityRecord[];
  /** Agents: 1 is a light agent, 0 a custom role (Enterprise); null for end users and plain agents. */
  role_type?: number | null;
  custom_role_id?: number | null;
  /** Agents: which tickets the role lets them see; null or absent is all tickets. */
  ticket_restriction?: 'organization' | 'groups' | 'assigned' | 'requested' | null;
  /** Agents: the groups they belong to (served as group memberships). */
  group_ids?: number[];
  /** Set by a soft delete (DELETE /api/v2/users/{id}). */
  _deleted_at?: string | null;
}

/** A Zendesk ticket as stored. */
export interface ZendeskTicketRecord {
  id: number;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  group_id?: number | null;
  organization_id?: number | null;
  status: ZendeskTicketStatus;
  subject: string;
  description: string;
  email_cc_ids: number[];
  follower_ids: number[];
  collaborator_ids: number[];
  via: { channel: string };
  created_at: string;
  updated_at: string;
  tags: string[];
  /** Set by a soft delete (DELETE /api/v2/tickets/destroy_many). */
  _deleted_at?: string | null;
}

/** A ticket comment as stored; `ticket_id` links it to its ticket. */
export interface ZendeskCommentRecord {
  id: number;
  ticket_id: number;
  author_id: number;
  body: string;
  html_body: string;
  public: boolean;
  created_at: string;
  /** How the comment arrived (Zendesk's `via` object); an e-mail reply carries `source.from.address`. */
  via?: { channel: string; source?: { from?: { address?: string; name?: string }; to?: Record<string, unknown>; rel?: string | null } };
  /** Files on the comment (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket-attachments/#json-format). */
  attachments?: Array<{ id: number; file_name: string; content_url: string; content_type: string; size: number }>;
}

/** An organization (https://developer.zendesk.com/api-reference/ticketing/organizations/organizations/). */
export interface ZendeskOrganizationRecord {
  id: number;
  name: string;
  created_at: string;
  updated_at: string;
}

/** A custom user field definition (https://developer.zendesk.com/api-reference/ticketing/users/user_fields/). */
export interface ZendeskUserFieldRecord {
  id: number;
  key: string;
  type: string;
  title: string;
  description: string;
  active: boolean;
  created_at: string;
  updated_at: string;
}

/** A LiveChat customer (Agent Chat API v3.6 `get_customer`). */
export interface LiveChatCustomerRecord {
  id: string;
  name?: string;
  email?: string;
  phone_number?: string;
  avatar?: string;
  created_at: string;
  session_fields?: Array<Record<string, string>>;
}

/** One message event inside a LiveChat thread. */
export interface LiveChatEventRecord {
  id: string;
  created_at: string;
  type: 'message';
  visibility: 'all';
  text: string;
  author_id: string;
}

export interface LiveChatThreadRecord {
  id: string;
  created_at: string;
  active: boolean;
  events: LiveChatEventRecord[];
}

/** A LiveChat chat: one customer, one agent, one or more threads oldest first. */
export interface LiveChatChatRecord {
  id: string;
  customer_id: string;
  agent_email: string;
  threads: LiveChatThreadRecord[];
}

/** A Talkdesk contact; e-mails use `number` for the address, as Talkdesk's OpenAPI documents. */
export interface TalkdeskContactRecord {
  id: string;
  name: string;
  company: string;
  emails: Array<{ label: string; number: string }>;
  phones: Array<{ label: string; number: string }>;
  created_at: string;
}

export interface TalkdeskCallRecord {
  id: string;
  contact_id: string | null;
  started_at: string;
  duration: number;
}

export interface TalkdeskRecordingRecord {
  id: string;
  call_id: string;
  created_at: string;
  index: number;
  duration: number;
  type: 'conversation' | 'voicemail' | 'agent' | 'consultation';
  /** When the audio was removed (retention policy or test); the media endpoint then answers 410. */
  _media_deleted_at?: string | null;
}

/** Everything `sandbox.seed()` accepts; every list may be empty or missing. */
export interface SandboxDataset {
  zendesk?: {
    users?: ZendeskUserRecord[];
    tickets?: ZendeskTicketRecord[];
    comments?: ZendeskCommentRecord[];
    userFields?: ZendeskUserFieldRecord[];
    /** Contents served at `{base}/attachments/token/{token}`, the content_url of a comment's attachment. */
    attachmentFiles?: Array<{ token: string; content_type: string; content: string | Uint8Array }>;
    organizations?: ZendeskOrganizationRecord[];
  };
  livechat?: {
    customers?: LiveChatCustomerRecord[];
    chats?: LiveChatChatRecord[];
  };
  talkdesk?: {
    contacts?: TalkdeskContactRecord[];
    calls?: TalkdeskCallRecord[];
    recordings?: TalkdeskRecordingRecord[];
  };
}
