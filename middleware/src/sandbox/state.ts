import type {
  LiveChatChatRecord,
  LiveChatCustomerRecord,
  SandboxDataset,
  TalkdeskCallRecord,
  TalkdeskContactRecord,
  TalkdeskRecordingRecord,
  ZendeskCommentRecord,
  ZendeskTicketRecord,
  ZendeskUserFieldRecord,
  ZendeskOrganizationRecord,
  ZendeskUserRecord,
} from './types.js';

/** A background job (job_statuses) and the work it does once it completes. */
export interface ZendeskJob {
  id: string;
  job_type: string;
  status: 'queued' | 'working' | 'completed' | 'failed';
  total: number;
  progress: number;
  message: string | null;
  results: Array<Record<string, unknown>>;
  createdAtMs: number;
  polls: number;
  /** Runs once, when the job turns `completed`; returns the per-item results. */
  run: (() => Array<Record<string, unknown>>) | null;
}

/** A GDPR request received by Talkdesk's `POST /internal-contacts/gdpr`. */
export interface TalkdeskGdprRequest {
  receivedAt: string;
  body: Record<string, unknown>;
  deletedContactIds: string[];
}

/**
 * Zendesk's data with the indexes the endpoints need (e-mail lookup, tickets per requester and
 * per CC), kept in step by the mutation methods; change tickets and users through them.
 */
export class ZendeskState {
  readonly users = new Map<number, ZendeskUserRecord>();
  /** Ids of permanently deleted users: gone from `users`, still answer as deleted. */
  readonly purgedUserIds = new Set<number>();
  readonly tickets = new Map<number, ZendeskTicketRecord>();
  readonly commentsByTicket = new Map<number, ZendeskCommentRecord[]>();
  readonly commentTicket = new Map<number, number>();
  /** Attachment files by the token in their content_url (`/attachments/token/{token}`). */
  readonly attachmentFiles = new Map<string, { content: Buffer; contentType: string }>();
  readonly userFields = new Map<number, ZendeskUserFieldRecord>();
  readonly organizations = new Map<number, ZendeskOrganizationRecord>();
  readonly jobs = new Map<string, ZendeskJob>();
  readonly userIdByEmail = new Map<string, number>();
  readonly ticketsByRequester = new Map<number, Set<number>>();
  readonly ticketsByCc = new Map<number, Set<number>>();
  /** Times (ms) of accepted updates per ticket, for the per-ticket update limit. */
  readonly ticketUpdateTimes = new Map<number, number[]>();
  /** Bumped on every user change; sorted views of users are cached against it. */
  userVersion = 0;
  nextUserId = 1_000_001;
  nextTicketId = 1;
  nextCommentId = 5_000_000_001;
  nextIdentityId = 9_000_000_001;
  nextUserFieldId = 360_000_001;
  nextJobNumber = 1;

  putUser(user: ZendeskUserRecord): void {
    const previous = this.users.get(user.id);
    if (previous?.email) this.userIdByEmail.delete(previous.email.toLowerCase());
    this.users.set(user.id, user);
    if (user.email) this.userIdByEmail.set(user.email.toLowerCase(), user.id);
    if (user.id >= this.nextUserId) this.nextUserId = user.id + 1;
    for (const identity of user.identities) {
      if (identity.id >= this.nextIdentityId) this.nextIdentityId = identity.id + 1;
    }
    this.userVersion += 1;
  }

  touchUser(): void {
    this.userVersion += 1;
  }

  purgeUser(id: number): void {
    const user = this.users.get(id);
    if (user?.email) this.userIdByEmail.delete(user.email.toLowerCase());
    this.users.delete(id);
    this.purgedUserIds.add(id);
    this.userVersion += 1;
  }

  findUserByEmail(email: string): ZendeskUserRecord | undefined {
    const id = this.userIdByEmail.get(email.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  putTicket(ticket: ZendeskTicketRecord): void {
    const previous = this.tickets.get(ticket.id);
    if (previous) this.unindexTicket(previous);
    this.tickets.set(ticket.id, ticket);
    addToIndex(this.ticketsByRequester, ticket.requester_id, ticket.id);
    for (const ccId of ticket.email_cc_ids) addToIndex(this.ticketsByCc, ccId, ticket.id);
    if (ticket.id >= this.nextTicketId) this.nextTicketId = ticket.id + 1;
  }

  /** Re-indexes a ticket after its requester or CCs changed in place. */
  reindexTicket(ticket: ZendeskTicketRecord, before: { requester_id: number; email_cc_ids: number[] }): void {
    this.unindexTicket({ ...ticket, ...before });
    addToIndex(this.ticketsByRequester, ticket.requester_id, ticket.id);
    for (const ccId of ticket.email_cc_ids) addToIndex(this.ticketsByCc, ccId, ticket.id);
  }

  removeTicket(id: number): void {
    const ticket = this.tickets.get(id);
    if (!ticket) return;
    this.unindexTicket(ticket);
    this.tickets.delete(id);
    for (const comment of this.commentsByTicket.get(id) ?? []) this.commentTicket.delete(comment.id);
    this.commentsByTicket.delete(id);
    this.ticketUpdateTimes.delete(id);
  }

  addComment(comment: ZendeskCommentRecord): void {
    let list = this.commentsByTicket.get(comment.ticket_id);
    if (!list) {
      list = [];
      this.commentsByTicket.set(comment.ticket_id, list);
    }
    list.push(comment);
    this.commentTicket.set(comment.id, comment.ticket_id);
    if (comment.id >= this.nextCommentId) this.nextCommentId = comment.id + 1;
  }

  findComment(id: number): ZendeskCommentRecord | undefined {
    const ticketId = this.commentTicket.get(id);
    if (ticketId === undefined) return undefined;
    return this.commentsByTicket.get(ticketId)?.find((c) => c.id === id);
  }

  /** Tickets (not soft-deleted) where the user is requester and the status is not closed. */
  openRequestedTicketIds(userId: number): number[] {
    const ids: number[] = [];
    for (const ticketId of this.ticketsByRequester.get(userId) ?? []) {
      const ticket = this.tickets.get(ticketId);
      if (ticket && !ticket._deleted_at && ticket.status !== 'closed') ids.push(ticketId);
    }
    return ids.sort((a, b) => a - b);
  }

  private unindexTicket(ticket: Pick<ZendeskTicketRecord, 'id' | 'requester_id' | 'email_cc_ids'>): void {
    removeFromIndex(this.ticketsByRequester, ticket.requester_id, ticket.id);
    for (const ccId of ticket.email_cc_ids) removeFromIndex(this.ticketsByCc, ccId, ticket.id);
  }
}

/** LiveChat customers and chats, with a lookup of customers by e-mail. */
export class LiveChatState {
  readonly customers = new Map<string, LiveChatCustomerRecord>();
  readonly chats = new Map<string, LiveChatChatRecord>();
  readonly chatIdsByCustomer = new Map<string, string[]>();
  readonly customerIdsByEmail = new Map<string, Set<string>>();

  putCustomer(customer: LiveChatCustomerRecord): void {
    const previous = this.customers.get(customer.id);
    if (previous?.email) removeFromIndex(this.customerIdsByEmail, previous.email.toLowerCase(), previous.id);
    this.customers.set(customer.id, customer);
    if (customer.email) addToIndex(this.customerIdsByEmail, customer.email.toLowerCase(), customer.id);
  }

  putChat(chat: LiveChatChatRecord): void {
    this.chats.set(chat.id, chat);
    let list = this.chatIdsByCustomer.get(chat.customer_id);
    if (!list) {
      list = [];
      this.chatIdsByCustomer.set(chat.customer_id, list);
    }
    if (!list.includes(chat.id)) list.push(chat.id);
  }
}

/** Talkdesk contacts, calls and recordings, plus issued tokens and received GDPR requests. */
export class TalkdeskState {
  readonly contacts = new Map<string, TalkdeskContactRecord>();
  readonly calls = new Map<string, TalkdeskCallRecord>();
  readonly recordings = new Map<string, TalkdeskRecordingRecord>();
  readonly recordingIdsByCall = new Map<string, string[]>();
  readonly contactIdsByEmail = new Map<string, Set<string>>();
  readonly contactIdsByPhone = new Map<string, Set<string>>();
  /** access token -> expiry (ms). */
  readonly tokens = new Map<string, number>();
  readonly gdprRequests: TalkdeskGdprRequest[] = [];

  putContact(contact: TalkdeskContactRecord): void {
    this.removeContact(contact.id);
    this.contacts.set(contact.id, contact);
    for (const email of contact.emails) addToIndex(this.contactIdsByEmail, email.number.toLowerCase(), contact.id);
    for (const phone of contact.phones) addToIndex(this.contactIdsByPhone, phone.number, contact.id);
  }

  removeContact(id: string): boolean {
    const contact = this.contacts.get(id);
    if (!contact) return false;
    for (const email of contact.emails) removeFromIndex(this.contactIdsByEmail, email.number.toLowerCase(), id);
    for (const phone of contact.phones) removeFromIndex(this.contactIdsByPhone, phone.number, id);
    this.contacts.delete(id);
    return true;
  }

  putCall(call: TalkdeskCallRecord): void {
    this.calls.set(call.id, call);
  }

  putRecording(recording: TalkdeskRecordingRecord): void {
    this.recordings.set(recording.id, recording);
    let list = this.recordingIdsByCall.get(recording.call_id);
    if (!list) {
      list = [];
      this.recordingIdsByCall.set(recording.call_id, list);
    }
    if (!list.includes(recording.id)) list.push(recording.id);
  }
}

/** The whole in-memory world of the three vendors. */
export class SandboxState {
  zendesk = new ZendeskState();
  livechat = new LiveChatState();
  talkdesk = new TalkdeskState();

  clear(): void {
    this.zendesk = new ZendeskState();
    this.livechat = new LiveChatState();
    this.talkdesk = new TalkdeskState();
  }

  /** Adds a dataset's records (taken by reference: the sandbox owns and mutates them). */
  load(dataset: SandboxDataset): void {
    const z = this.zendesk;
    for (const field of dataset.zendesk?.userFields ?? []) {
      z.userFields.set(field.id, field);
      if (field.id >= z.nextUserFieldId) z.nextUserFieldId = field.id + 1;
    }
    for (const organization of dataset.zendesk?.organizations ?? []) z.organizations.set(organization.id, organization);
    for (const user of dataset.zendesk?.users ?? []) z.putUser(user);
    for (const ticket of dataset.zendesk?.tickets ?? []) z.putTicket(ticket);
    for (const comment of dataset.zendesk?.comments ?? []) z.addComment(comment);
    for (const file of dataset.zendesk?.attachmentFiles ?? []) z.attachmentFiles.set(file.token, { content: Buffer.from(file.content), contentType: file.content_type });
    for (const customer of dataset.livechat?.customers ?? []) this.livechat.putCustomer(customer);
    for (const chat of dataset.livechat?.chats ?? []) this.livechat.putChat(chat);
    for (const contact of dataset.talkdesk?.contacts ?? []) this.talkdesk.putContact(contact);
    for (const call of dataset.talkdesk?.calls ?? []) this.talkdesk.putCall(call);
    for (const recording of dataset.talkdesk?.recordings ?? []) this.talkdesk.putRecording(recording);
  }
}

function addToIndex<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  let set = index.get(key);
  if (!set) {
    set = new Set();
    index.set(key, set);
  }
  set.add(value);
}

function removeFromIndex<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}
