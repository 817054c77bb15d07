import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { SandboxContext } from '../options.js';
import type { LiveChatChatRecord, LiveChatCustomerRecord, LiveChatThreadRecord } from '../types.js';
import { basicCredentials, queryOf, vendorGate } from '../vendor-gate.js';

// LiveChat Agent Chat Web API v3.6: every method is `POST /v3.6/agent/action/<action>` with a
// JSON body. https://platform.text.com/docs/messaging/agent-chat-api

const API_VERSION = 'v3.6';
const DEFAULT_REGION = 'dal';

type ErrorType = 'authentication' | 'validation' | 'not_found' | 'too_many_requests' | 'misdirected_request' | 'internal' | 'service_unavailable' | 'unsupported_version';

const STATUS_OF: Record<ErrorType, number> = {
  authentication: 401,
  validation: 400,
  not_found: 404,
  too_many_requests: 429,
  misdirected_request: 421,
  internal: 500,
  service_unavailable: 503,
  unsupported_version: 400,
};

function sendError(res: Response, type: ErrorType, message: string, data?: Record<string, unknown>): void {
  res.status(STATUS_OF[type]).json({ error: { type, message, ...(data ? { data } : {}) } });
}

/** A page_id carries the first request's filters, so later pages need (and accept) nothing else. */
interface PageState {
  kind: 'archives' | 'threads';
  offset: number;
  limit: number;
  sort: 'asc' | 'desc';
  filters: Record<string, unknown>;
  chatId?: string;
}

function encodePage(state: PageState): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64');
}

function decodePage(pageId: string): PageState | null {
  try {
    const state = JSON.parse(Buffer.from(pageId, 'base64').toString('utf8')) as PageState;
    return typeof state.offset === 'number' && typeof state.limit === 'number' ? state : null;
  } catch {
    return null;
  }
}

export function createLiveChatRouter(ctx: SandboxContext): Router {
  const router = express.Router();
  const lc = () => ctx.state.livechat;

  router.use(
    vendorGate(ctx, {
      vendor: 'livechat',
      authenticate: (req) => {
        const basic = basicCredentials(req);
        if (!basic) return 'missing';
        const configured = ctx.options.credentials?.livechat;
        if (!configured) return 'ok';
        return basic.user === configured.accountId && basic.password === configured.pat ? 'ok' : 'invalid';
      },
      sendUnauthorized: (_req, res, reason) =>
        sendError(res, 'authentication', reason === 'missing' ? 'Authorization header is missing or not Basic' : 'Invalid access token'),
      accountLimiter: ctx.limiters.livechat,
      // LiveChat publishes no Retry-After; clients back off on their own.
      sendRateLimited: (res) => sendError(res, 'too_many_requests', 'Too many requests'),
      sendFault: (res, status) =>
        status === 503
          ? sendError(res, 'service_unavailable', 'Service unavailable (sandbox fault)')
          : sendError(res, 'internal', 'Internal server error (sandbox fault)'),
    }),
  );
  router.use(express.json({ limit: '10mb' }));

  // Multi-region accounts: a request flagged for a region other than the account's answers
  // `misdirected_request` naming the right one in `data.region`. The flag is the `X-Region`
  // header, a `region` query parameter, or a region-prefixed token (`fra:...`); unflagged
  // requests go to the default region (`dal`).
  router.use((req, res, next) => {
    const home = ctx.options.livechat?.homeRegion ?? DEFAULT_REGION;
    const tokenRegion = /^([a-z]{3}):/.exec(basicCredentials(req)?.password ?? '')?.[1];
    const requested = req.get('x-region') ?? queryOf(req).get('region') ?? tokenRegion ?? DEFAULT_REGION;
    if (requested !== home) return sendError(res, 'misdirected_request', 'Wrong region', { region: home });
    next();
  });

  router.post('/:version/agent/action/:action', (req, res) => {
    if (req.params.version !== API_VERSION) return sendError(res, 'unsupported_version', `Unsupported version: ${req.params.version}`);
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    switch (req.params.action) {
      case 'list_archives':
        return listArchives(ctx, body, res);
      case 'list_threads':
        return listThreads(ctx, body, res);
      case 'get_chat':
        return getChat(ctx, body, res);
      case 'get_customer': {
        const customer = typeof body.id === 'string' ? lc().customers.get(body.id) : undefined;
        if (!customer) return sendError(res, 'not_found', 'Customer not found');
        res.json(serializeCustomer(ctx, customer));
        return;
      }
      case 'update_customer':
        return updateCustomer(ctx, body, res);
      default:
        return sendError(res, 'not_found', `Method not found: ${req.params.action}`);
    }
  });

  router.use((_req, res) => sendError(res, 'not_found', 'Not found'));
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if ((error as { status?: number }).status === 400) return sendError(res, 'validation', 'Request body is not valid JSON');
    sendError(res, 'internal', 'Sandbox error');
  });
  return router;
}

function paging(
  body: Record<string, unknown>,
  res: Response,
  kind: PageState['kind'],
  defaultLimit: number,
): PageState | null {
  if (typeof body.page_id === 'string') {
    // "The filters, limit, and sort_order parameters can't be provided along with page_id."
    if ('filters' in body || 'limit' in body || 'sort_order' in body) {
      sendError(res, 'validation', 'Cannot use filters, limit or sort_order together with page_id');
      return null;
    }
    const state = decodePage(body.page_id);
    if (!state || state.kind !== kind) {
      sendError(res, 'validation', 'Invalid page_id');
      return null;
    }
    return state;
  }
  const limit = body.limit === undefined ? defaultLimit : body.limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    sendError(res, 'validation', '`limit` must be an integer from 1 to 100');
    return null;
  }
  const sort = body.sort_order === undefined ? 'desc' : body.sort_order;
  if (sort !== 'asc' && sort !== 'desc') {
    sendError(res, 'validation', '`sort_order` must be `asc` or `desc`');
    return null;
  }
  const filters = body.filters && typeof body.filters === 'object' ? (body.filters as Record<string, unknown>) : {};
  return { kind, offset: 0, limit, sort, filters };
}

function pageLinks(state: PageState, total: number): Record<string, string> {
  const links: Record<string, string> = {};
  if (state.offset + state.limit < total) links.next_page_id = encodePage({ ...state, offset: state.offset + state.limit });
  if (state.offset > 0) links.previous_page_id = encodePage({ ...state, offset: Math.max(0, state.offset - state.limit) });
  return links;
}

// https://platform.text.com/docs/messaging/agent-chat-api#list-archives
function listArchives(ctx: SandboxContext, body: Record<string, unknown>, res: Response): void {
  const state = paging(body, res, 'archives', 10);
  if (!state) return;
  const lc = ctx.state.livechat;
  const filters = state.filters;
  let customerIds: Set<string> | null = null;
  if (typeof filters.customer_email === 'string') {
    customerIds = new Set(lc.customerIdsByEmail.get(filters.customer_email.toLowerCase()) ?? []);
  }
  if (typeof filters.customer_id === 'string') {
    const only: string = filters.customer_id;
    customerIds = new Set([...(customerIds ?? [only])].filter((id) => id === only));
  }
  const chatIdFilter = Array.isArray(filters.chat_ids) ? new Set(filters.chat_ids as string[]) : null;
  const from = typeof filters.from === 'string' ? Date.parse(filters.from) : Number.NEGATIVE_INFINITY;
  const to = typeof filters.to === 'string' ? Date.parse(filters.to) : Number.POSITIVE_INFINITY;

  const chats: LiveChatChatRecord[] = customerIds
    ? [...customerIds].flatMap((id) => (lc.chatIdsByCustomer.get(id) ?? []).map((chatId) => lc.chats.get(chatId)).filter((c) => c !== undefined))
    : [...lc.chats.values()];
  // One entry per (chat, thread), as the archive lists threads.
  const entries: Array<{ chat: LiveChatChatRecord; thread: LiveChatThreadRecord; time: number }> = [];
  for (const chat of chats) {
    if (chatIdFilter && !chatIdFilter.has(chat.id)) continue;
    for (const thread of chat.threads) {
      const time = Date.parse(thread.created_at);
      if (time >= from && time <= to) entries.push({ chat, thread, time });
    }
  }
  entries.sort((a, b) => (state.sort === 'asc' ? a.time - b.time : b.time - a.time) || a.thread.id.localeCompare(b.thread.id));
  const page = entries.slice(state.offset, state.offset + state.limit);
  res.json({
    chats: page.map(({ chat, thread }) => ({
      id: chat.id,
      users: chatUsers(ctx, chat),
      thread: serializeThread(chat, thread),
      properties: {},
      access: { group_ids: [0] },
      is_followed: false,
    })),
    found_chats: entries.length,
    ...pageLinks(state, entries.length),
  });
}

// https://platform.text.com/docs/messaging/agent-chat-api#list-threads
function listThreads(ctx: SandboxContext, body: Record<string, unknown>, res: Response): void {
  let chatId = typeof body.chat_id === 'string' ? body.chat_id : undefined;
  if (!chatId && typeof body.page_id !== 'string') return sendError(res, 'validation', '`chat_id` is required');
  const state = paging({ ...body, chat_id: undefined }, res, 'threads', 3);
  if (!state) return;
  if (state.chatId) chatId = state.chatId;
  const chat = chatId ? ctx.state.livechat.chats.get(chatId) : undefined;
  if (!chat) return sendError(res, 'not_found', 'Chat not found');
  const threads = [...chat.threads].sort((a, b) => {
    const diff = Date.parse(a.created_at) - Date.parse(b.created_at);
    return state.sort === 'asc' ? diff : -diff;
  });
  const withChat = { ...state, chatId: chat.id };
  res.json({
    threads: threads.slice(state.offset, state.offset + state.limit).map((t) => serializeThread(chat, t)),
    found_threads: threads.length,
    ...pageLinks(withChat, threads.length),
  });
}

// https://platform.text.com/docs/messaging/agent-chat-api#get-chat
function getChat(ctx: SandboxContext, body: Record<string, unknown>, res: Response): void {
  if (typeof body.chat_id !== 'string') return sendError(res, 'validation', '`chat_id` is required');
  const chat = ctx.state.livechat.chats.get(body.chat_id);
  if (!chat) return sendError(res, 'not_found', 'Chat not found');
  const thread = typeof body.thread_id === 'string' ? chat.threads.find((t) => t.id === body.thread_id) : chat.threads[chat.threads.length - 1];
  if (!thread) return sendError(res, 'not_found', 'Thread not found');
  res.json({
    id: chat.id,
    thread: serializeThread(chat, thread),
    users: chatUsers(ctx, chat),
    properties: {},
    access: { group_ids: [0] },
    is_followed: false,
  });
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

// https://platform.text.com/docs/messaging/agent-chat-api#update-customer
function updateCustomer(ctx: SandboxContext, body: Record<string, unknown>, res: Response): void {
  if (typeof body.id !== 'string' || !UUID_V4.test(body.id)) return sendError(res, 'validation', '`id` must be a UUID v4');
  const fields = ['name', 'email', 'avatar', 'phone_number', 'session_fields', 'omnichannel', 'address'];
  if (!fields.some((field) => field in body)) {
    return sendError(res, 'validation', 'At least one of name, email, avatar, phone_number, session_fields, omnichannel, address is required');
  }
  const customer = ctx.state.livechat.customers.get(body.id);
  if (!customer) return sendError(res, 'not_found', 'Customer not found');
  for (const field of ['name', 'email', 'avatar', 'phone_number'] as const) {
    if (field in body) {
      const value = body[field];
      if (typeof value !== 'string') return sendError(res, 'validation', `\`${field}\` must be a string`);
    }
  }
  const updated: LiveChatCustomerRecord = { ...customer };
  for (const field of ['name', 'email', 'avatar', 'phone_number'] as const) {
    const value = body[field];
    if (typeof value === 'string') updated[field] = value;
  }
  if (Array.isArray(body.session_fields)) updated.session_fields = body.session_fields as Array<Record<string, string>>;
  ctx.state.livechat.putCustomer(updated);
  res.json({});
}

function serializeThread(chat: LiveChatChatRecord, thread: LiveChatThreadRecord): Record<string, unknown> {
  const index = chat.threads.indexOf(thread);
  const previous = chat.threads[index - 1];
  const next = chat.threads[index + 1];
  return {
    id: thread.id,
    created_at: thread.created_at,
    active: thread.active,
    user_ids: [chat.customer_id, chat.agent_email],
    events: thread.events,
    properties: {},
    access: { group_ids: [0] },
    ...(previous ? { previous_thread_id: previous.id, previous_accessible_thread_id: previous.id } : {}),
    ...(next ? { next_thread_id: next.id, next_accessible_thread_id: next.id } : {}),
  };
}

function chatUsers(ctx: SandboxContext, chat: LiveChatChatRecord): Array<Record<string, unknown>> {
  const customer = ctx.state.livechat.customers.get(chat.customer_id);
  return [
    {
      id: chat.customer_id,
      type: 'customer',
      ...(customer?.name ? { name: customer.name } : {}),
      ...(customer?.email ? { email: customer.email } : {}),
      present: false,
      created_at: customer?.created_at,
      statistics: { chats_count: ctx.state.livechat.chatIdsByCustomer.get(chat.customer_id)?.length ?? 0 },
    },
    { id: chat.agent_email, name: 'Sandbox Agent', email: chat.agent_email, type: 'agent', present: false, visibility: 'all' },
  ];
}

function serializeCustomer(ctx: SandboxContext, customer: LiveChatCustomerRecord): Record<string, unknown> {
  const chatIds = ctx.state.livechat.chatIdsByCustomer.get(customer.id) ?? [];
  const threads = chatIds.flatMap((id) => ctx.state.livechat.chats.get(id)?.threads ?? []);
  const lastEvent = threads
    .flatMap((t) => t.events)
    .reduce<string | undefined>((latest, e) => (!latest || e.created_at > latest ? e.created_at : latest), undefined);
  return {
    id: customer.id,
    type: 'customer',
    ...(customer.name ? { name: customer.name } : {}),
    ...(customer.email ? { email: customer.email } : {}),
    ...(customer.avatar ? { avatar: customer.avatar } : {}),
    ...(customer.phone_number ? { phone_number: customer.phone_number } : {}),
    created_at: customer.created_at,
    ...(customer.session_fields ? { session_fields: customer.session_fields } : {}),
    statistics: { chats_count: chatIds.length, threads_count: threads.length, visits_count: threads.length, page_views_count: 0, greetings_shown_count: 0, greetings_accepted_count: 0 },
    ...(lastEvent ? { customer_last_event_created_at: lastEvent, agent_last_event_created_at: lastEvent } : {}),
    ...(chatIds.length > 0 ? { chat_ids: chatIds } : {}),
  };
}
