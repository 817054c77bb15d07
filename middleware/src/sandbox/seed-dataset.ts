import { SeededRandom } from './prng.js';
import type {
  LiveChatChatRecord,
  LiveChatCustomerRecord,
  LiveChatEventRecord,
  LiveChatThreadRecord,
  SandboxDataset,
  TalkdeskCallRecord,
  TalkdeskContactRecord,
  TalkdeskRecordingRecord,
  ZendeskCommentRecord,
  ZendeskIdentityRecord,
  ZendeskTicketRecord,
  ZendeskTicketStatus,
  ZendeskUserFieldRecord,
  ZendeskUserRecord,
} from './types.js';
import { htmlFromPlain } from './zendesk/responses.js';

/** Inputs of the generator; the same inputs always give the same dataset. */
export interface SeedOptions {
  seed: number | string;
  /** Number of requesters (end users with tickets); agents and desk colleagues come on top. */
  size: number;
  /** The reference "now"; all activity lies in the six years before it. */
  now: Date | string | number;
  /** Inactivity after which a person is stale. Default 36 months. */
  staleMonths?: number;
  /** The desk's own domain (agents and colleagues; exempt from CC consent). Default `desk.example.com`. */
  deskDomain?: string;
}

/**
 * What the dataset contains by construction, for exact comparisons in retention tests. All ids
 * are Zendesk user ids unless named otherwise. People near the stale boundary are avoided: every
 * stale person's last activity is at least a month before the cutoff and every active person's
 * last activity at least a month after it, so day-count conventions cannot flip anyone.
 */
export interface SeedGroundTruth {
  now: string;
  /** now - staleMonths (calendar months, UTC). */
  staleCutoff: string;
  staleMonths: number;
  deskDomain: string;
  requesterIds: number[];
  /** No activity in Zendesk, LiveChat or Talkdesk since the cutoff (includes the blocked ones). */
  stale: number[];
  /** Stale in Zendesk but with LiveChat activity after the cutoff (so not stale overall). */
  staleButActiveInChat: number[];
  /** Stale in Zendesk but with Talkdesk calls after the cutoff (so not stale overall). */
  staleButActiveInPhone: number[];
  /** Stale people who are requester of tickets that are not closed: Zendesk refuses their deletion. */
  staleWithOpenTickets: Record<string, number[]>;
  /** Requesters under 16 by their `date_of_birth` user field. */
  minors: number[];
  agents: number[];
  /** End users on the desk's own domain (colleagues CC'd on tickets). */
  exemptDomainUsers: number[];
  /** People to place on legal hold in tests; includes at least one stale person when any exists. */
  legalHoldSuggestions: number[];
  /** Zendesk comment ids containing a test card number / a pasted password. */
  commentsWithCardNumbers: number[];
  commentsWithPasswords: number[];
  /** Per stale-or-crossover person: their LiveChat customer id and Talkdesk contact id, if any. */
  crossSystemIds: Record<string, { email: string; livechatCustomerId: string | null; talkdeskContactId: string | null }>;
  counts: {
    users: number;
    tickets: number;
    comments: number;
    livechatCustomers: number;
    livechatChats: number;
    talkdeskContacts: number;
    talkdeskCalls: number;
    talkdeskRecordings: number;
  };
}

/** The generated records, every list present (assignable to `SandboxDataset`). */
export interface SeedDataset extends SandboxDataset {
  zendesk: { users: ZendeskUserRecord[]; tickets: ZendeskTicketRecord[]; comments: ZendeskCommentRecord[]; userFields: ZendeskUserFieldRecord[] };
  livechat: { customers: LiveChatCustomerRecord[]; chats: LiveChatChatRecord[] };
  talkdesk: { contacts: TalkdeskContactRecord[]; calls: TalkdeskCallRecord[]; recordings: TalkdeskRecordingRecord[] };
}

export interface SeedResult {
  dataset: SeedDataset;
  groundTruth: SeedGroundTruth;
}

const DAY_MS = 86_400_000;
const MONTH_MS = 30.4375 * DAY_MS;
const TEST_CARDS = ['4111 1111 1111 1111', '5555 5555 5555 4444', '4012 8888 8888 1881', '3782 822463 10005', '4242-4242-4242-4242'];
const FIRST_NAMES = ['Alex', 'Sam', 'Robin', 'Kim', 'Jordan', 'Taylor', 'Casey', 'Morgan', 'Jamie', 'Riley', 'Avery', 'Quinn', 'Charlie', 'Dana', 'Emery', 'Frankie', 'Harper', 'Jesse', 'Lee', 'Max'];
const LAST_NAMES = ['Sample', 'Testerson', 'Example', 'Placeholder', 'Dummy', 'Fixture', 'Mockley', 'Stubbs', 'Fakename', 'Demo'];
const SUBJECTS = ['Order not delivered', 'Refund request', 'Cannot log in', 'Invoice question', 'Change of address', 'Product broken', 'Subscription renewal', 'Password reset', 'Shipping delay', 'Feature question'];
const SENTENCES = [
  'Hello, I have a question about my order.',
  'Thanks for getting back to me so quickly.',
  'Could you please check the status again?',
  'The parcel still has not arrived.',
  'I have attached a screenshot of the error.',
  'We have issued the refund; it should arrive in a few days.',
  'Please try clearing the cache and signing in again.',
  'Is there anything else I can help with?',
];

// Shared, never mutated in place (the sandbox replaces these arrays and objects on change).
const NO_TAGS: string[] = [];
const NO_IDS: number[] = [];
const VIA_CHANNELS: ReadonlyArray<{ channel: string }> = [{ channel: 'email' }, { channel: 'web' }, { channel: 'email' }, { channel: 'api' }];

const BODY_POOL: ReadonlyArray<{ body: string; html: string }> = SENTENCES.flatMap((a) =>
  SENTENCES.map((b) => {
    const body = `${a} ${b}`;
    return { body, html: htmlFromPlain(body) };
  }),
);

type Category = 'active' | 'stale' | 'staleBlocked' | 'chatOnly' | 'phoneOnly';

/**
 * Builds a deterministic, obviously fake dataset across the three vendors with its ground truth.
 * Plain arrays and counters only, so 100,000 people take a few seconds.
 */
export function generateSeedDataset(options: SeedOptions): SeedResult {
  const random = new SeededRandom(options.seed);
  const nowMs = new Date(options.now).getTime();
  const staleMonths = options.staleMonths ?? 36;
  const deskDomain = options.deskDomain ?? 'desk.example.com';
  const cutoff = new Date(nowMs);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - staleMonths);
  const cutoffMs = cutoff.getTime();
  const oldestMs = nowMs - 72 * MONTH_MS;
  const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
  const between = (from: number, to: number) => from + random.next() * Math.max(0, to - from);
  // Bands with a month of margin around the cutoff.
  const recent = () => between(cutoffMs + MONTH_MS, nowMs - DAY_MS);
  const old = () => between(oldestMs, cutoffMs - MONTH_MS);

  const users: ZendeskUserRecord[] = [];
  const tickets: ZendeskTicketRecord[] = [];
  const comments: ZendeskCommentRecord[] = [];
  const customers: LiveChatCustomerRecord[] = [];
  const chats: LiveChatChatRecord[] = [];
  const contacts: TalkdeskContactRecord[] = [];
  const calls: TalkdeskCallRecord[] = [];
  const recordings: TalkdeskRecordingRecord[] = [];
  const truth: SeedGroundTruth = {
    now: iso(nowMs),
    staleCutoff: iso(cutoffMs),
    staleMonths,
    deskDomain,
    requesterIds: [],
    stale: [],
    staleButActiveInChat: [],
    staleButActiveInPhone: [],
    staleWithOpenTickets: {},
    minors: [],
    agents: [],
    exemptDomainUsers: [],
    legalHoldSuggestions: [],
    commentsWithCardNumbers: [],
    commentsWithPasswords: [],
    crossSystemIds: {},
    counts: { users: 0, tickets: 0, comments: 0, livechatCustomers: 0, livechatChats: 0, talkdeskContacts: 0, talkdeskCalls: 0, talkdeskRecordings: 0 },
  };

  let nextUserId = 1_000_001;
  let nextIdentityId = 9_000_000_001;
  let nextTicketId = 1;
  let nextCommentId = 5_000_000_001;
  let nextChatNumber = 1;
  let nextContactNumber = 1;

  const addUser = (fields: Omit<ZendeskUserRecord, 'id' | 'identities' | 'organization_id' | 'verified' | 'active' | 'tags'> & { tags?: string[] }): ZendeskUserRecord => {
    const id = nextUserId++;
    const identities: ZendeskIdentityRecord[] = [];
    if (fields.email) {
      identities.push({ id: nextIdentityId++, user_id: id, type: 'email', value: fields.email, verified: true, primary: true, created_at: fields.created_at, updated_at: fields.created_at });
    }
    if (fields.phone) {
      identities.push({ id: nextIdentityId++, user_id: id, type: 'phone_number', value: fields.phone, verified: false, primary: false, created_at: fields.created_at, updated_at: fields.created_at });
    }
    const user: ZendeskUserRecord = { ...fields, id, organization_id: null, verified: true, active: true, tags: fields.tags ?? NO_TAGS, identities };
    users.push(user);
    return user;
  };

  // Agents, one admin first, all on the desk's domain and recently active.
  const agentCount = Math.max(3, Math.round(options.size / 250));
  const agentIds: number[] = [];
  const agentEmails: string[] = [];
  for (let k = 0; k < agentCount; k += 1) {
    const lastLogin = recent();
    const email = `agent${k + 1}@${deskDomain}`;
    const agent = addUser({
      name: `Agent ${FIRST_NAMES[k % FIRST_NAMES.length]} ${k + 1}`,
      email,
      role: k === 0 ? 'admin' : 'agent',
      phone: null,
      created_at: iso(oldestMs + random.next() * MONTH_MS),
      updated_at: iso(lastLogin),
      last_login_at: iso(lastLogin),
      user_fields: {},
    });
    agentIds.push(agent.id);
    agentEmails.push(email);
  }
  truth.agents = agentIds;

  // Colleagues on the desk's domain without an agent seat: CC'd, exempt from consent.
  const exemptCount = Math.max(2, Math.round(options.size / 500));
  for (let k = 0; k < exemptCount; k += 1) {
    const last = recent();
    const user = addUser({
      name: `Colleague ${LAST_NAMES[k % LAST_NAMES.length]} ${k + 1}`,
      email: `colleague${k + 1}@${deskDomain}`,
      role: 'end-user',
      phone: null,
      created_at: iso(between(oldestMs, last)),
      updated_at: iso(last),
      last_login_at: iso(last),
      user_fields: {},
    });
    truth.exemptDomainUsers.push(user.id);
  }

  const activePeople: number[] = [];
  let firstStaleUnblocked: number | null = null;

  for (let i = 0; i < options.size; i += 1) {
    // The first four people cover every category, the rest are drawn (about 2 % stale overall).
    const draw = random.next();
    let category: Category;
    if (i === 0) category = 'stale';
    else if (i === 1) category = 'chatOnly';
    else if (i === 2) category = 'phoneOnly';
    else if (i === 3) category = 'staleBlocked';
    else if (draw < 0.016) category = 'stale';
    else if (draw < 0.02) category = 'staleBlocked';
    else if (draw < 0.03) category = 'chatOnly';
    else if (draw < 0.04) category = 'phoneOnly';
    else category = 'active';
    const zendeskStale = category !== 'active';

    const first = FIRST_NAMES[i % FIRST_NAMES.length]!;
    const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]!;
    const email = `${first.toLowerCase()}.${last.toLowerCase()}.${i + 1}@example.${i % 2 === 0 ? 'com' : 'org'}`;
    const phone = `+1555${String(i).padStart(7, '0')}`;
    const zendeskLast = zendeskStale ? old() : recent();
    const createdMs = between(oldestMs, zendeskLast - DAY_MS);

    const userFields: Record<string, unknown> = {};
    if (category === 'active' && (random.chance(0.005) || i === 4)) {
      const age = random.int(13, 15);
      userFields.date_of_birth = iso(nowMs - (age + random.next() * 0.9) * 365.25 * DAY_MS).slice(0, 10);
    } else if (random.chance(0.2)) {
      userFields.date_of_birth = iso(nowMs - random.int(18, 80) * 365.25 * DAY_MS - random.next() * 300 * DAY_MS).slice(0, 10);
    }
    const ticketCount = category === 'staleBlocked' ? random.int(1, 2) : pickTicketCount(random);
    const user = addUser({
      name: `${first} ${last} ${i + 1}`,
      email,
      role: 'end-user',
      phone: random.chance(0.6) ? phone : null,
      created_at: iso(createdMs),
      updated_at: iso(zendeskLast),
      last_login_at: ticketCount === 0 || random.chance(0.7) ? iso(zendeskLast) : null,
      user_fields: userFields,
    });
    truth.requesterIds.push(user.id);
    if (userFields.date_of_birth && nowMs - Date.parse(String(userFields.date_of_birth)) < 16 * 365.25 * DAY_MS) truth.minors.push(user.id);

    // Tickets: the latest one ends at the person's last Zendesk activity with their own comment.
    const blockedTicketIds: number[] = [];
    let ticketStart = createdMs;
    for (let t = 0; t < ticketCount; t += 1) {
      const isLatest = t === ticketCount - 1;
      const ticketCreated = between(ticketStart, zendeskLast - DAY_MS);
      const ticketUpdated = isLatest ? zendeskLast : between(ticketCreated, zendeskLast);
      ticketStart = ticketCreated;
      let status: ZendeskTicketStatus = 'closed';
      if (category === 'staleBlocked' && isLatest) status = random.pick(['open', 'pending', 'hold', 'solved'] as const);
      else if (category === 'active' && nowMs - ticketUpdated < 60 * DAY_MS) status = random.pick(['new', 'open', 'open', 'pending', 'hold', 'solved', 'solved', 'closed'] as const);
      else if (category === 'active' && random.chance(0.03)) status = 'solved';
      const ticket: ZendeskTicketRecord = {
        id: nextTicketId++,
        requester_id: user.id,
        submitter_id: user.id,
        assignee_id: random.pick(agentIds),
        status,
        subject: random.pick(SUBJECTS),
        description: '',
        email_cc_ids: NO_IDS,
        follower_ids: NO_IDS,
        collaborator_ids: NO_IDS,
        via: random.pick(VIA_CHANNELS),
        created_at: iso(ticketCreated),
        updated_at: iso(ticketUpdated),
        tags: NO_TAGS,
      };
      if (status !== 'closed' && zendeskStale) blockedTicketIds.push(ticket.id);
      if (random.chance(0.25)) {
        const ccIds: number[] = [];
        const ccCount = random.int(1, 3);
        for (let c = 0; c < ccCount; c += 1) {
          const pool = random.next();
          let ccId: number | undefined;
          if (pool < 0.2) ccId = random.pick(agentIds);
          else if (pool < 0.5) ccId = random.pick(truth.exemptDomainUsers);
          else if (activePeople.length > 0) ccId = random.pick(activePeople);
          if (ccId !== undefined && !ccIds.includes(ccId)) ccIds.push(ccId);
        }
        ticket.email_cc_ids = ccIds;
      }
      if (random.chance(0.3)) ticket.follower_ids = [random.pick(agentIds)];
      if (ticket.email_cc_ids.length > 0 || ticket.follower_ids.length > 0) {
        ticket.collaborator_ids = [...new Set([...ticket.email_cc_ids, ...ticket.follower_ids])];
      }

      const commentCount = random.int(1, 3);
      for (let c = 0; c < commentCount; c += 1) {
        const lastComment = c === commentCount - 1;
        const byRequester = c === 0 || (lastComment && isLatest) || random.chance(0.4);
        const at = lastComment && isLatest ? ticketUpdated : c === 0 ? ticketCreated : lastComment ? ticketUpdated : between(ticketCreated, ticketUpdated);
        // Ordinary bodies come from a shared pool (one string each), which keeps 100k people small.
        const pooled = random.pick(BODY_POOL);
        let body = pooled.body;
        let html = pooled.html;
        const id = nextCommentId++;
        const pii = random.next();
        if (byRequester && pii < 0.015) {
          body += ` My card is ${random.pick(TEST_CARDS)}, expiry 12/29.`;
          truth.commentsWithCardNumbers.push(id);
        } else if (byRequester && pii < 0.025) {
          body += ` My login is ${email} and password: Hunter2-${random.hex8()}`;
          truth.commentsWithPasswords.push(id);
        }
        if (body !== pooled.body) html = htmlFromPlain(body);
        if (c === 0) ticket.description = body;
        comments.push({ id, ticket_id: ticket.id, author_id: byRequester ? user.id : ticket.assignee_id ?? agentIds[0]!, body, html_body: html, public: byRequester || random.chance(0.8), created_at: iso(at) });
      }
      tickets.push(ticket);
    }
    if (blockedTicketIds.length > 0) truth.staleWithOpenTickets[String(user.id)] = blockedTicketIds;

    // LiveChat: crossover people chat recently; stale people only long ago.
    let customerId: string | null = null;
    const hasChat = category === 'chatOnly' || (category === 'active' ? random.chance(0.35) : random.chance(0.25));
    if (hasChat) {
      const chatRecent = category === 'chatOnly' || (category === 'active' && random.chance(0.5));
      const chatCount = random.int(1, 3);
      const times: number[] = [];
      for (let c = 0; c < chatCount; c += 1) times.push(chatRecent && c === chatCount - 1 ? recent() : zendeskStale ? old() : between(oldestMs, nowMs - DAY_MS));
      times.sort((a, b) => a - b);
      customerId = random.uuid();
      customers.push({ id: customerId, name: `${first} ${last} ${i + 1}`, email, created_at: iso((times[0] ?? nowMs) - DAY_MS) });
      for (const start of times) {
        const chatId = `C${(nextChatNumber++).toString(36).toUpperCase().padStart(9, '0')}`;
        const agentEmail = random.pick(agentEmails);
        const threadCount = random.int(1, 2);
        const threads: LiveChatThreadRecord[] = [];
        for (let t = 0; t < threadCount; t += 1) {
          const threadId = `T${chatId.slice(2)}${t}`;
          const threadStart = start - (threadCount - 1 - t) * DAY_MS;
          const events: LiveChatEventRecord[] = [];
          const eventCount = random.int(2, 3);
          for (let e = 0; e < eventCount; e += 1) {
            events.push({ id: `${threadId}_${e + 1}`, created_at: iso(threadStart + e * 60_000), type: 'message', visibility: 'all', text: random.pick(SENTENCES), author_id: e % 2 === 0 ? customerId : agentEmail });
          }
          threads.push({ id: threadId, created_at: iso(threadStart), active: false, events });
        }
        chats.push({ id: chatId, customer_id: customerId, agent_email: agentEmail, threads });
      }
    }

    // Talkdesk: the same pattern for calls.
    let contactId: string | null = null;
    const hasPhone = category === 'phoneOnly' || (category === 'active' ? random.chance(0.25) : random.chance(0.25));
    if (hasPhone) {
      const phoneRecent = category === 'phoneOnly' || (category === 'active' && random.chance(0.5));
      const callCount = random.int(1, 3);
      const times: number[] = [];
      for (let c = 0; c < callCount; c += 1) times.push(phoneRecent && c === callCount - 1 ? recent() : zendeskStale ? old() : between(oldestMs, nowMs - DAY_MS));
      times.sort((a, b) => a - b);
      contactId = (nextContactNumber++).toString(16).padStart(24, '0');
      contacts.push({ id: contactId, name: `${first} ${last} ${i + 1}`, company: 'Example Ltd', emails: [{ label: 'Work', number: email }], phones: [{ label: 'Mobile', number: phone }], created_at: iso((times[0] ?? nowMs) - DAY_MS) });
      for (const start of times) {
        const duration = random.int(30, 900);
        const call: TalkdeskCallRecord = { id: random.uuid(), contact_id: contactId, started_at: iso(start), duration };
        calls.push(call);
        if (random.chance(0.85)) {
          recordings.push({ id: random.uuid(), call_id: call.id, created_at: iso(start + duration * 1000), index: 0, duration, type: 'conversation' });
        }
      }
    }

    if (category === 'stale' || category === 'staleBlocked') truth.stale.push(user.id);
    if (category === 'chatOnly') truth.staleButActiveInChat.push(user.id);
    if (category === 'phoneOnly') truth.staleButActiveInPhone.push(user.id);
    if (category === 'active') activePeople.push(user.id);
    if (category === 'stale' && firstStaleUnblocked === null) firstStaleUnblocked = user.id;
    if (zendeskStale) truth.crossSystemIds[String(user.id)] = { email, livechatCustomerId: customerId, talkdeskContactId: contactId };
    if (category === 'active' && random.chance(0.002)) truth.legalHoldSuggestions.push(user.id);
  }
  if (firstStaleUnblocked !== null) truth.legalHoldSuggestions.unshift(firstStaleUnblocked);

  const userFields: ZendeskUserFieldRecord[] = [
    { id: 360_000_001, key: 'date_of_birth', type: 'date', title: 'Date of birth', description: 'Seeded by the sandbox', active: true, created_at: iso(oldestMs), updated_at: iso(oldestMs) },
  ];
  truth.counts = {
    users: users.length,
    tickets: tickets.length,
    comments: comments.length,
    livechatCustomers: customers.length,
    livechatChats: chats.length,
    talkdeskContacts: contacts.length,
    talkdeskCalls: calls.length,
    talkdeskRecordings: recordings.length,
  };
  return {
    dataset: {
      zendesk: { users, tickets, comments, userFields },
      livechat: { customers, chats },
      talkdesk: { contacts, calls, recordings },
    },
    groundTruth: truth,
  };
}

function pickTicketCount(random: SeededRandom): number {
  const draw = random.next();
  if (draw < 0.1) return 0;
  if (draw < 0.6) return 1;
  if (draw < 0.85) return 2;
  return 3;
}
