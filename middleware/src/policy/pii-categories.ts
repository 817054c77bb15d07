/**
 * C01: which of the policy's support-PII categories (name, e-mail, IP, company, phone, server
 * IPs, access credentials) a person has on record, per system, computed from what each system
 * actually holds rather than assumed.
 */

export type PiiCategory = 'name' | 'email' | 'ip' | 'company' | 'phone' | 'server_ips' | 'credentials';

/** What the vendors and the comment scan hold about one person. */
export interface PiiEvidence {
  zendesk: {
    name?: string | null;
    email?: string | null;
    phone?: string | null;
    organizationId?: number | null;
    /** Zendesk records the sign-in address of a user who has signed in. */
    lastLoginAt?: string | null;
    /** Tickets the person raised through the web form or widget, whose comments carry the sender's IP. */
    webTicketCount?: number;
  };
  /** Comment-scan findings on the person's tickets (kind and subtype only, never the value). */
  findings: ReadonlyArray<{ kind: string; subtype: string }>;
  livechat: { chats: number };
  talkdesk: { contacts: ReadonlyArray<{ name?: unknown; phones?: unknown; emails?: unknown; company?: unknown }>; calls: number };
}

const present = (value: unknown): boolean => (Array.isArray(value) ? value.length > 0 : typeof value === 'string' ? value.trim().length > 0 : value !== null && value !== undefined && value !== false);

/** Credential findings that name a server: a connection string carries its host. */
const SERVER_SUBTYPES = new Set(['connection_string']);

export function piiCategoriesOnRecord(evidence: PiiEvidence): Record<'zendesk' | 'livechat' | 'talkdesk', PiiCategory[]> {
  const z = evidence.zendesk;
  const zendesk = new Set<PiiCategory>();
  if (present(z.name)) zendesk.add('name');
  if (present(z.email)) zendesk.add('email');
  if (present(z.phone)) zendesk.add('phone');
  if (z.organizationId) zendesk.add('company');
  if (present(z.lastLoginAt) || (z.webTicketCount ?? 0) > 0) zendesk.add('ip');
  const credentials = evidence.findings.filter((f) => f.kind === 'credential');
  if (credentials.length > 0) zendesk.add('credentials');
  if (credentials.some((f) => SERVER_SUBTYPES.has(f.subtype))) zendesk.add('server_ips');

  // A LiveChat chat records the visitor's name, e-mail and IP address.
  const livechat: PiiCategory[] = evidence.livechat.chats > 0 ? ['name', 'email', 'ip'] : [];

  const talkdesk = new Set<PiiCategory>();
  for (const c of evidence.talkdesk.contacts) {
    if (present(c.name)) talkdesk.add('name');
    if (present(c.phones)) talkdesk.add('phone');
    if (present(c.emails)) talkdesk.add('email');
    if (present(c.company)) talkdesk.add('company');
  }
  // A call is logged with the caller's phone number even without a contact record.
  if (evidence.talkdesk.calls > 0) talkdesk.add('phone');
  const order: PiiCategory[] = ['name', 'email', 'ip', 'company', 'phone', 'server_ips', 'credentials'];
  return { zendesk: order.filter((c) => zendesk.has(c)), livechat, talkdesk: order.filter((c) => talkdesk.has(c)) };
}
