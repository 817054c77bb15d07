import type { ZodType } from 'zod';
import { PreconditionError, TransientError, type PrivacyGuardError } from '../../errors.js';
import { iterateCursorPages, type CursorPage } from '../http/pagination.js';
import type { VendorErrorContext } from '../http/vendor-errors.js';
import type { VendorHttpClient } from '../http/vendor-http-client.js';
import {
  listArchivesResponseSchema,
  listThreadsResponseSchema,
  livechatChatSchema,
  livechatCustomerSchema,
  livechatErrorSchema,
  type LiveChatChat,
  type LiveChatCustomer,
  type LiveChatThread,
} from './schemas.js';

const API_VERSION = '3.6';
const MAX_LIMIT = 100;

/**
 * How a request is sent to the region LiveChat named in `misdirected_request`. The public docs
 * (reference/livechat/agent-chat-api.mdx) give the error shape but not the routing mechanism, so
 * it is one option: an `X-Region` header on the same host (default), or another host.
 */
export type LiveChatRegionRouting = { kind: 'header'; headerName?: string } | { kind: 'host'; baseUrlFor: (region: string) => string };

/** Options beyond the shared HTTP client. */
export interface LiveChatClientOptions {
  regionRouting?: LiveChatRegionRouting;
  /** A region already known (e.g. stored from an earlier run). */
  region?: string;
}

/** `misdirected_request`: the license lives in another region (`data.region`). */
export class MisdirectedRequestError extends TransientError {
  constructor(readonly region: string, endpoint: string) {
    super(`LiveChat ${endpoint}: the account lives in region "${region}"; the request is sent there once and the region remembered.`);
  }
}

/** `details.reason` when the public API cannot do something and a person must. */
export const UNSUPPORTED_BY_PUBLIC_API = 'unsupported_by_public_api';

/** Fields settable with update_customer (used to mask a profile). */
export interface LiveChatCustomerUpdate {
  name?: string;
  email?: string;
  avatar?: string;
  phone_number?: string;
  session_fields?: Record<string, string>[];
  address?: { address?: string; city?: string; country?: string; state?: string; postal_code?: string };
}

/** Where list_archives starts: the filter on the first call, the page id after that. */
export type ArchivesQuery = { customerEmail: string; limit?: number } | { pageId: string };

/** One page of archives; `nextCursor` is LiveChat's `next_page_id` (valid about a month). */
export interface ArchivesPage extends CursorPage<LiveChatChat> {
  foundChats?: number;
}

function classifyLiveChatError(context: VendorErrorContext): PrivacyGuardError | undefined {
  const parsed = livechatErrorSchema.safeParse(context.body);
  if (!parsed.success) return undefined;
  const { type, data } = parsed.data.error;
  if (type === 'misdirected_request' && data?.region) return new MisdirectedRequestError(data.region, context.endpoint);
  return undefined;
}

/**
 * LiveChat Agent Chat Web API v3.6: `POST {base}/v3.6/agent/action/<action>` with JSON.
 * https://platform.text.com/docs/messaging/agent-chat-api/v3.6/
 */
export class LiveChatClient {
  private region: string | undefined;
  private readonly routing: LiveChatRegionRouting;

  constructor(
    private readonly http: VendorHttpClient,
    options: LiveChatClientOptions = {},
  ) {
    this.routing = options.regionRouting ?? { kind: 'header' };
    this.region = options.region;
  }

  /** The region learnt from a `misdirected_request`, if any (store it to skip the redirect next time). */
  currentRegion(): string | undefined {
    return this.region;
  }

  /**
   * One page of `list_archives`. With a page id LiveChat forbids filters, limit and sort order:
   * they stay those of the first request.
   * https://platform.text.com/docs/messaging/agent-chat-api/v3.6/#list-archives
   */
  async listArchivesPage(query: ArchivesQuery): Promise<ArchivesPage> {
    const body =
      'pageId' in query
        ? { page_id: query.pageId }
        : { filters: { customer_email: query.customerEmail }, limit: Math.min(query.limit ?? MAX_LIMIT, MAX_LIMIT) };
    const data = await this.action('list_archives', body, listArchivesResponseSchema, true);
    return {
      items: data.chats,
      nextCursor: data.next_page_id ?? null,
      ...(data.found_chats === undefined ? {} : { foundChats: data.found_chats }),
    };
  }

  /** Every archived chat thread of a customer e-mail (one chat per thread, so ids may repeat). */
  listArchivesByCustomerEmail(customerEmail: string, startPageId?: string): AsyncGenerator<LiveChatChat, void, undefined> {
    return iterateCursorPages(
      (pageId) => this.listArchivesPage(pageId === undefined ? { customerEmail } : { pageId }),
      startPageId,
    );
  }

  /** One page of `list_threads` for a chat (newest first). */
  async listThreadsPage(chatId: string, pageId?: string): Promise<CursorPage<LiveChatThread>> {
    // chat_id identifies the chat on every page; only filters/limit/sort_order are barred with page_id.
    const body = pageId === undefined ? { chat_id: chatId, limit: MAX_LIMIT } : { chat_id: chatId, page_id: pageId };
    const data = await this.action('list_threads', body, listThreadsResponseSchema, true);
    return { items: data.threads, nextCursor: data.next_page_id ?? null };
  }

  /** Every thread of a chat. */
  listThreads(chatId: string, startPageId?: string): AsyncGenerator<LiveChatThread, void, undefined> {
    return iterateCursorPages((pageId) => this.listThreadsPage(chatId, pageId), startPageId);
  }

  /** `get_chat`: the chat with one thread (the latest when `threadId` is omitted). */
  getChat(chatId: string, threadId?: string): Promise<LiveChatChat> {
    return this.action('get_chat', { chat_id: chatId, ...(threadId === undefined ? {} : { thread_id: threadId }) }, livechatChatSchema, true);
  }

  /** `get_customer` by customer id (UUID). */
  getCustomer(customerId: string): Promise<LiveChatCustomer> {
    return this.action('get_customer', { id: customerId }, livechatCustomerSchema, true);
  }

  /**
   * `update_customer`: the only erasure the public API allows is masking the profile. Setting
   * fields to fixed values gives the same result when repeated, so it is retried like a read.
   */
  async updateCustomer(customerId: string, changes: LiveChatCustomerUpdate): Promise<void> {
    await this.action('update_customer', { id: customerId, ...changes }, undefined, true);
  }

  /**
   * LiveChat's public API has no method to delete chats or transcripts; this adapter method
   * exists so callers already route it, and always raises a precondition for a manual task.
   */
  deleteChatTranscripts(chatIds: readonly string[]): Promise<never> {
    return Promise.reject(
      new PreconditionError(
        'LiveChat: deleting chat transcripts is not supported by the public API; create a manual task to ask LiveChat (or use their app) and record the proof.',
        { vendor: 'livechat', reason: UNSUPPORTED_BY_PUBLIC_API, chatCount: chatIds.length },
      ),
    );
  }

  private async action<T>(name: string, body: Record<string, unknown>, schema: ZodType<T> | undefined, idempotent: boolean): Promise<T> {
    const send = () =>
      this.http.call({
        method: 'POST',
        path: `/v${API_VERSION}/agent/action/${name}`,
        endpoint: `POST /v${API_VERSION}/agent/action/${name}`,
        body,
        ...(schema ? { schema } : {}),
        idempotent,
        classifyError: classifyLiveChatError,
        ...this.regionTarget(),
      });
    try {
      return (await send()) as T;
    } catch (error) {
      if (!(error instanceof MisdirectedRequestError) || error.region === this.region) throw error;
      // https://platform.text.com/docs/messaging/agent-chat-api/v3.6/#errors: retry once in the named region.
      this.region = error.region;
      return (await send()) as T;
    }
  }

  private regionTarget(): { headers?: Record<string, string>; baseUrl?: string } {
    if (this.region === undefined) return {};
    if (this.routing.kind === 'host') return { baseUrl: this.routing.baseUrlFor(this.region) };
    return { headers: { [this.routing.headerName ?? 'X-Region']: this.region } };
  }
}
