import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import yazl from 'yazl';
import { NotFoundError } from '../errors.js';
import type { AppContext } from '../app-context.js';
import type { PrivacyRequestRecord } from './request-store.js';
import { requestStore } from './request-store.js';
import type { StepHandler, TalkdeskCallDirectory } from './step-types.js';
import { refusedIfRestricted } from './restriction-guard.js';
import { processorRegistry } from '../policy/processors.js';
import { thirdPartyRecipientRows } from '../policy/third-party-recipients.js';
import { personRegion } from '../policy/person-region.js';
import { rememberZendeskUser } from '../store/people-store.js';
import { normaliseEmail } from '../policy/person-key.js';

// C02, C21, C22: everything held about one person across Zendesk, LiveChat and Talkdesk (and this
// product's own records), as one CSV per record type plus one JSON document of the whole.

type Row = Record<string, string | number | boolean | null>;

/** The collected export, one list of flat rows per record type. */
export interface AccessExportData {
  generatedAt: string;
  requestId: string;
  profile: Row[];
  identities: Row[];
  tickets: Row[];
  comments: Row[];
  livechat_customers: Row[];
  chats: Row[];
  chat_messages: Row[];
  talkdesk_contacts: Row[];
  calls: Row[];
  recordings: Row[];
  consent_history: Row[];
  requests: Row[];
  /** C12, C13: who processed the data, where, and whether the person's data crossed a border without a safeguard. */
  processors: Row[];
  /** C35: the third parties the policy names as recipients, with what they receive and the policy's sentence. */
  third_party_recipients: Row[];
  notes: string[];
}

const text = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));

/** An export with no records yet: the shape every collector fills. */
export function emptyAccessExport(requestId: string, generatedAt: Date): AccessExportData {
  return {
    generatedAt: generatedAt.toISOString(),
    requestId,
    profile: [],
    identities: [],
    tickets: [],
    comments: [],
    livechat_customers: [],
    chats: [],
    chat_messages: [],
    talkdesk_contacts: [],
    calls: [],
    recordings: [],
    consent_history: [],
    requests: [],
    processors: [],
    third_party_recipients: [],
    notes: [],
  };
}

/**
 * Reads everything the three systems and the product hold about the request's person, each thing
 * once: the Zendesk user and identities give the e-mails and phones; LiveChat's list_archives gives
 * the chats with their threads and the customer ids; one Talkdesk contact search gives the contacts
 * with their numbers, by which their calls are found in the calls report.
 */
export async function collectAccessExport(ctx: AppContext, request: PrivacyRequestRecord, calls?: TalkdeskCallDirectory): Promise<AccessExportData> {
  const data = emptyAccessExport(request.id, ctx.now());
  let region = personRegion(undefined);
  const zendesk = ctx.vendors.zendesk;
  const userId = request.zendeskUserId;
  const fallbackEmail = request.personKey.startsWith('email:') ? request.personKey.slice('email:'.length) : undefined;
  const emails = new Set<string>([...(request.workingData.emails ?? []), ...(fallbackEmail ? [fallbackEmail] : [])].map(normaliseEmail));
  const phones = new Set<string>(request.workingData.phones ?? []);
  if (userId !== null) {
    try {
      const user = await zendesk.showUser(userId);
      data.profile.push({
        system: 'zendesk',
        id: user.id,
        name: user.name,
        email: text(user.email),
        phone: text(user.phone),
        role: text(user.role),
        created_at: text(user.created_at),
        updated_at: text(user.updated_at),
        last_login_at: text(user.last_login_at),
        user_fields: user.user_fields ? JSON.stringify(user.user_fields) : null,
      });
      region = personRegion(user.user_fields as Record<string, unknown> | null | undefined);
      // C13: the admin page shows the person's region from the people store, kept fresh by this read.
      await rememberZendeskUser(ctx.db, { id: user.id, email: user.email ?? null, name: user.name ?? null, role: user.role ?? null, user_fields: user.user_fields as Record<string, unknown> | null | undefined });
      if (user.email) emails.add(normaliseEmail(user.email));
      if (user.phone) phones.add(user.phone);
      for (const identity of await zendesk.listUserIdentities(userId)) {
        data.identities.push({ system: 'zendesk', id: identity.id, type: identity.type, value: identity.value, primary: identity.primary ?? null, verified: identity.verified ?? null });
        if (identity.type === 'email') emails.add(normaliseEmail(identity.value));
        if (identity.type === 'phone_number') phones.add(identity.value);
      }
      for await (const ticket of zendesk.ticketsRequestedBy(userId)) {
        data.tickets.push({ system: 'zendesk', id: ticket.id, role: 'requester', status: ticket.status, subject: text(ticket.subject), created_at: text(ticket.created_at), updated_at: text(ticket.updated_at) });
        for await (const comment of zendesk.listComments(ticket.id)) {
          data.comments.push({ ticket_id: ticket.id, id: comment.id, author: comment.author_id === userId ? 'you' : 'support', public: comment.public ?? null, created_at: text(comment.created_at), body: text(comment.body) });
        }
      }
      // Other people's tickets the person is CC'd on: only what the person wrote there.
      for await (const ticket of zendesk.ticketsCcdOn(userId)) {
        if (ticket.requester_id === userId) continue;
        data.tickets.push({ system: 'zendesk', id: ticket.id, role: 'cc', status: ticket.status, subject: null, created_at: text(ticket.created_at), updated_at: null });
        for await (const comment of zendesk.listComments(ticket.id)) {
          if (comment.author_id !== userId) continue;
          data.comments.push({ ticket_id: ticket.id, id: comment.id, author: 'you', public: comment.public ?? null, created_at: text(comment.created_at), body: text(comment.body) });
        }
      }
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      data.notes.push('Zendesk: no user with this id exists (any more).');
    }
  }

  const livechat = ctx.vendors.livechat;
  if (livechat) {
    const customerIds = new Set<string>();
    const threadsSeen = new Set<string>();
    // Who wrote a message is known once every archive is read (the customer ids come with them).
    const authors: Array<string | undefined> = [];
    for (const email of emails) {
      for await (const chat of livechat.listArchivesByCustomerEmail(email)) {
        for (const user of chat.users) if (user.type === 'customer' && (!user.email || normaliseEmail(user.email) === email)) customerIds.add(user.id);
        const thread = chat.thread;
        if (!thread || threadsSeen.has(thread.id)) continue;
        threadsSeen.add(thread.id);
        data.chats.push({ system: 'livechat', chat_id: chat.id, thread_id: thread.id, created_at: thread.created_at });
        for (const event of thread.events ?? []) {
          authors.push(event.author_id);
          data.chat_messages.push({ chat_id: chat.id, thread_id: thread.id, id: event.id, type: event.type, author: 'support', created_at: event.created_at, text: text(event.text) });
        }
      }
    }
    data.chat_messages.forEach((message, i) => {
      const author = authors[i];
      if (author !== undefined && customerIds.has(author)) message.author = 'you';
    });
    for (const customerId of customerIds) {
      try {
        const customer = await livechat.getCustomer(customerId);
        data.livechat_customers.push({ system: 'livechat', id: customer.id, name: text(customer.name), email: text(customer.email), phone: text(customer.phone_number), created_at: text(customer.created_at) });
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
  } else data.notes.push('LiveChat is not connected to this deployment.');

  const talkdesk = ctx.vendors.talkdesk;
  if (talkdesk) {
    const contactPhones = new Map<string, string[]>();
    if (emails.size || phones.size) {
      for await (const contact of talkdesk.searchContacts({ emails: [...emails], phones: [...phones] })) {
        if (contactPhones.has(contact.id)) continue;
        const numbers = (contact.phones ?? []).map((p) => p.number ?? '').filter(Boolean);
        contactPhones.set(contact.id, numbers);
        data.talkdesk_contacts.push({
          system: 'talkdesk',
          id: contact.id,
          name: text(contact.name),
          company: text(contact.company),
          emails: (contact.emails ?? []).map((e) => e.email ?? (e as { number?: string }).number ?? '').filter(Boolean).join(' '),
          phones: numbers.join(' '),
        });
      }
    }
    if (calls) {
      for (const [contactId, numbers] of contactPhones) {
        for (const call of await calls.callsForContact(contactId, numbers)) {
          data.calls.push({ system: 'talkdesk', id: call.id, contact_id: contactId, started_at: text(call.startedAt), duration_seconds: call.durationSeconds ?? null });
          for (const recording of await talkdesk.listCallRecordings(call.id)) {
            data.recordings.push({ system: 'talkdesk', id: recording.id, call_id: call.id, created_at: text(recording.created_at), duration_seconds: recording.duration ?? null, type: text(recording.type) });
          }
        }
      }
    } else if (contactPhones.size > 0) {
      data.notes.push("Talkdesk: calls and recordings are not listable by contact through Talkdesk's public API; ask the desk for a call report if you need them.");
    }
  } else data.notes.push('Talkdesk is not connected to this deployment.');

  const keys = [request.personKey, ...[...emails].map((e) => `email:${e}`)];
  const consent = await ctx.db.query<Record<string, unknown>>(
    'SELECT purpose, action, source, evidence, policy_version, at FROM consent_records WHERE person_key = ANY($1::text[]) ORDER BY at, id',
    [keys],
  );
  for (const row of consent.rows) {
    data.consent_history.push({ purpose: text(row.purpose), action: text(row.action), source: text(row.source), evidence: typeof row.evidence === 'string' ? row.evidence : JSON.stringify(row.evidence), policy_version: text(row.policy_version), at: new Date(String(row.at instanceof Date ? row.at.toISOString() : row.at)).toISOString() });
  }
  for (const other of await requestStore.list(ctx.db, { personKey: request.personKey })) {
    data.requests.push({ id: other.id, type: other.type, status: other.id === request.id ? 'completed' : other.status, received_at: other.receivedAt.toISOString(), due_at: other.dueAt.toISOString(), completed_at: other.completedAt?.toISOString() ?? null });
  }
  for (const p of processorRegistry(ctx.profile, { inEea: region === 'eea' })) {
    data.processors.push({ name: p.name, function: p.function, country: p.country, region: p.region, safeguard: p.safeguard, your_region: region, transfer_without_safeguard: p.transferFlagged });
  }
  data.third_party_recipients.push(...thirdPartyRecipientRows(ctx.profile));
  return data;
}

const CSV_FILES: ReadonlyArray<keyof Omit<AccessExportData, 'generatedAt' | 'requestId' | 'notes'>> = [
  'profile',
  'identities',
  'tickets',
  'comments',
  'livechat_customers',
  'chats',
  'chat_messages',
  'talkdesk_contacts',
  'calls',
  'recordings',
  'consent_history',
  'requests',
  'processors',
  'third_party_recipients',
];

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell as a spreadsheet may show it: one that starts like a formula (`=`, `+`, `-`, `@`,
 * tab, carriage return) gets a leading `'`, so a comment such as `=HYPERLINK(...)` written by anyone
 * into a ticket is shown, never run, when the person or an admin opens the CSV (OWASP CSV injection).
 * csv-stringify has no such option; export.json keeps the exact text.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The ZIP: one CSV per record type (header row even when empty) and `export.json` of the whole. */
export async function buildExportArchive(data: AccessExportData): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(data.generatedAt);
  for (const name of CSV_FILES) {
    const rows = data[name];
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const csv = rows.length === 0 ? '' : stringify(rows, { header: true, columns, cast: { string: neutraliseFormula } });
    zip.addBuffer(Buffer.from(csv, 'utf8'), `${name}.csv`, { mtime });
  }
  zip.addBuffer(Buffer.from(JSON.stringify(data, null, 2), 'utf8'), 'export.json', { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The access request's last step: collect, zip, store (downloaded later through a signed link). */
export const buildExportStep: StepHandler = async (run) => {
  const refused = await refusedIfRestricted(run);
  if (refused) return refused;
  const data = await collectAccessExport(run.ctx, run.request, run.options.talkdeskCalls);
  const archive = await buildExportArchive(data);
  const sha256 = createHash('sha256').update(archive).digest('hex');
  await requestStore.saveExport(run.ctx.db, run.request.id, archive, sha256);
  const counts = Object.fromEntries(CSV_FILES.map((name) => [name, data[name].length]));
  return {
    kind: 'done',
    result: { sha256, bytes: archive.length, counts },
    audit: { action: 'request.access.export_built', clause: 'C22', details: { sha256, counts } },
  };
};
