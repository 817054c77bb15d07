import axios, { type AxiosInstance } from 'axios';
import { InvalidRequestError } from '../errors.js';
import {
  ClientCredentialsAuth,
  livechatPatAuth,
  zendeskApiTokenAuth,
  zendeskOAuthAuth,
  type AuthStrategy,
} from './http/auth.js';
import { RateBudget } from './http/rate-budget.js';
import { systemRuntime, type HttpRuntime, type RetryPolicy } from './http/runtime.js';
import { VendorHttpClient } from './http/vendor-http-client.js';
import { LiveChatClient, type LiveChatRegionRouting } from './livechat/livechat-client.js';
import { TalkdeskClient } from './talkdesk/talkdesk-client.js';
import { ZendeskClient } from './zendesk/zendesk-client.js';
import { classifyZendeskError, observeZendeskRateHeaders } from './zendesk/zendesk-errors.js';

export * from './zendesk/index.js';
export * from './livechat/index.js';
export * from './talkdesk/index.js';
export type { HttpRuntime, RetryPolicy, VendorExchange, Clock, Sleep, VendorName } from './http/runtime.js';
export type { CursorPage } from './http/pagination.js';
export { MalformedResponseError } from './http/vendor-errors.js';
export { VendorHttpClient } from './http/vendor-http-client.js';
export { RateBudget } from './http/rate-budget.js';

/** LiveChat publishes no numbers for its limits; this default keeps us polite. */
export const LIVECHAT_DEFAULT_LIMIT_PER_MINUTE = 300;
/** Scopes the product needs from Talkdesk (openapi.yaml security requirements). */
export const TALKDESK_DEFAULT_SCOPES = ['contacts:read', 'contacts:write', 'contact-gdpr:write', 'recordings:read'] as const;

/** Plain configuration for the three vendor clients (config.ts builds it from the environment). */
export interface ConnectorsConfig {
  zendesk: {
    /** e.g. https://acme.zendesk.com (no /api/v2). */
    baseUrl: string;
    email?: string;
    apiToken?: string;
    oauthToken?: string;
    planLimitPerMinute: number;
  };
  livechat: {
    /** e.g. https://api.livechatinc.com */
    baseUrl: string;
    accountId: string;
    pat: string;
    planLimitPerMinute?: number;
    regionRouting?: LiveChatRegionRouting;
  };
  talkdesk: {
    /** e.g. https://api.talkdeskapp.com */
    apiBaseUrl: string;
    /** e.g. https://acme.talkdeskid.com/oauth/token (.talkdeskid.eu in the EU). */
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    planLimitPerMinute: number;
    scopes?: readonly string[];
  };
  /** Share of each plan's per-minute limit this product may use; default 0.5. */
  rateBudgetShare?: number;
  /** Per-request timeout; default 15 s. */
  timeoutMs?: number;
}

/** Test and sandbox seams: time, randomness, retry policy, an exchange observer, axios. */
export interface ConnectorsOptions {
  runtime?: Partial<HttpRuntime>;
  retry?: Partial<RetryPolicy>;
  axios?: AxiosInstance;
}

/** The three vendor clients plus their HTTP layers (for pause/budget inspection). */
export interface Connectors {
  zendesk: ZendeskClient;
  livechat: LiveChatClient;
  talkdesk: TalkdeskClient;
  http: { zendesk: VendorHttpClient; livechat: VendorHttpClient; talkdesk: VendorHttpClient };
  talkdeskAuth: ClientCredentialsAuth;
}

export function createConnectors(config: ConnectorsConfig, options: ConnectorsOptions = {}): Connectors {
  const runtime = systemRuntime(options.runtime);
  const share = config.rateBudgetShare ?? 0.5;
  if (!(share > 0 && share <= 1)) {
    throw new InvalidRequestError('Connectors: RATE_BUDGET_SHARE must be in (0, 1]; set it to e.g. 0.5.', ['rateBudgetShare']);
  }
  const timeoutMs = config.timeoutMs ?? 15_000;
  const http = options.axios ?? axios.create();
  const budget = (planLimitPerMinute: number) =>
    new RateBudget({ planLimitPerMinute, share, clock: runtime.clock, sleep: runtime.sleep });
  const common = { runtime, timeoutMs, axios: http, ...(options.retry ? { retry: options.retry } : {}) };

  const zendeskHttp = new VendorHttpClient({
    ...common,
    vendor: 'zendesk',
    baseUrl: config.zendesk.baseUrl,
    auth: zendeskAuth(config.zendesk),
    budget: budget(config.zendesk.planLimitPerMinute),
    classifyError: classifyZendeskError,
    observeHeaders: observeZendeskRateHeaders,
  });

  const livechatHttp = new VendorHttpClient({
    ...common,
    vendor: 'livechat',
    baseUrl: config.livechat.baseUrl,
    auth: livechatPatAuth(config.livechat.accountId, config.livechat.pat),
    budget: budget(config.livechat.planLimitPerMinute ?? LIVECHAT_DEFAULT_LIMIT_PER_MINUTE),
  });

  const talkdeskAuth = new ClientCredentialsAuth({
    vendor: 'talkdesk',
    tokenUrl: config.talkdesk.tokenUrl,
    clientId: config.talkdesk.clientId,
    clientSecret: config.talkdesk.clientSecret,
    scopes: config.talkdesk.scopes ?? TALKDESK_DEFAULT_SCOPES,
    timeoutMs,
    clock: runtime.clock,
    axios: http,
  });
  const talkdeskHttp = new VendorHttpClient({
    ...common,
    vendor: 'talkdesk',
    baseUrl: config.talkdesk.apiBaseUrl,
    auth: talkdeskAuth,
    budget: budget(config.talkdesk.planLimitPerMinute),
  });

  return {
    zendesk: new ZendeskClient(zendeskHttp, runtime),
    livechat: new LiveChatClient(livechatHttp, config.livechat.regionRouting ? { regionRouting: config.livechat.regionRouting } : {}),
    talkdesk: new TalkdeskClient(talkdeskHttp),
    http: { zendesk: zendeskHttp, livechat: livechatHttp, talkdesk: talkdeskHttp },
    talkdeskAuth,
  };
}

function zendeskAuth(config: ConnectorsConfig['zendesk']): AuthStrategy {
  if (config.oauthToken) return zendeskOAuthAuth(config.oauthToken);
  if (config.email && config.apiToken) return zendeskApiTokenAuth(config.email, config.apiToken);
  throw new InvalidRequestError(
    'Zendesk connector: set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or an OAuth token.',
    ['zendesk.email', 'zendesk.apiToken', 'zendesk.oauthToken'],
  );
}
