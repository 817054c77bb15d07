import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { z } from 'zod';
import { InvalidRequestError, PrivacyGuardError, RateLimitedError, TransientError } from '../../errors.js';
import { vendorCallSeconds, vendorCallsTotal } from '../../observability/metrics.js';
import type { AuthStrategy } from './auth.js';
import { downloadCapped, type CappedDownload } from './capped-download.js';
import type { RateBudget } from './rate-budget.js';
import {
  backoffDelayMs,
  defaultRetryPolicy,
  parseRetryAfterMs,
  type HttpRuntime,
  type RetryPolicy,
  type VendorName,
} from './runtime.js';
import {
  MalformedResponseError,
  mapVendorError,
  vendorLabel,
  type VendorErrorClassifier,
} from './vendor-errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;
/** Response headers, names in lower case. */
export type ResponseHeaders = Readonly<Record<string, string>>;

/** One call to a vendor, described without any transport detail. */
export interface VendorRequest<T> {
  method: HttpMethod;
  /** Path appended to the base URL, or an absolute URL on the same origin (a vendor `next` link). */
  path: string;
  /** Template for messages and logs, e.g. `GET /api/v2/users/{id}`; never carries personal data. */
  endpoint: string;
  /** Arrays repeat the key (`emails=a&emails=b`), as OpenAPI `style: form, explode: true`. */
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** Parses a 2xx body; without it the body is ignored. */
  schema?: z.ZodType<T>;
  /**
   * Safe to send twice. Defaults to true for GET, PUT and DELETE, false for POST. A call that is
   * not idempotent is retried only when the vendor certainly did not process it (429, no connection).
   */
  idempotent?: boolean;
  headers?: Readonly<Record<string, string>>;
  /** Non-2xx statuses handed back to the caller instead of thrown (e.g. Talkdesk 410 "media gone"). */
  passStatuses?: readonly number[];
  /** Overrides the client's base URL for this call (LiveChat region hosts). */
  baseUrl?: string;
  /** Vendor-specific error mapping for this call, tried before the client's and the default one. */
  classifyError?: VendorErrorClassifier;
}

/** A 2xx answer (parsed) or one of the statuses the caller asked to receive. */
export type VendorResponse<T> =
  | { ok: true; status: number; data: T; headers: ResponseHeaders }
  | { ok: false; status: number; body: unknown; headers: ResponseHeaders };

/** Everything a vendor client needs; built by createConnectors or by tests. */
export interface VendorHttpClientOptions {
  vendor: VendorName;
  baseUrl: string;
  auth: AuthStrategy;
  budget: RateBudget;
  runtime: HttpRuntime;
  timeoutMs: number;
  retry?: Partial<RetryPolicy>;
  classifyError?: VendorErrorClassifier;
  /** Reads rate-limit headers (e.g. Zendesk X-Rate-Limit-Remaining) into the budget. */
  observeHeaders?: (headers: ResponseHeaders, budget: RateBudget) => void;
  defaultHeaders?: Readonly<Record<string, string>>;
  axios?: AxiosInstance;
}

// Network failures where the request certainly never reached the vendor: safe to retry any call.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * The one HTTP layer every connector uses: auth, rate budget, vendor-wide Retry-After pause,
 * retries with jittered back-off, typed errors, response validation, metrics.
 */
export class VendorHttpClient {
  readonly vendor: VendorName;
  readonly baseUrl: string;
  readonly budget: RateBudget;
  private readonly retry: RetryPolicy;
  private readonly http: AxiosInstance;
  /** No request to this vendor leaves before this epoch-ms (set by 429 Retry-After). */
  private pausedUntil = 0;

  constructor(private readonly options: VendorHttpClientOptions) {
    this.vendor = options.vendor;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.budget = options.budget;
    this.retry = { ...defaultRetryPolicy, ...options.retry };
    this.http = options.axios ?? axios.create();
  }

  /** When the vendor-wide pause ends (epoch ms); 0 when not paused. */
  pausedUntilMs(): number {
    return this.pausedUntil;
  }

  /** Sends the request and returns the parsed body of a 2xx answer; throws typed errors otherwise. */
  async call<T>(request: VendorRequest<T>): Promise<T> {
    const response = await this.send(request);
    if (!response.ok) {
      // Only reachable when the caller listed passStatuses but used call(): treat as an error.
      throw this.mapError(request, response.status, response.body, undefined);
    }
    return response.data;
  }

  /** Like call() but hands back `passStatuses` answers and the response headers. */
  async send<T>(request: VendorRequest<T>): Promise<VendorResponse<T>> {
    const { runtime } = this.options;
    const idempotent = request.idempotent ?? request.method !== 'POST';
    const url = this.resolveUrl(request);
    let attempt = 0;
    let renewedAuth = false;

    for (;;) {
      attempt += 1;
      await this.waitForTurn();

      let sentHeaders: Record<string, string>;
      try {
        sentHeaders = await this.options.auth.headers();
      } catch (error) {
        // Nothing reached the API yet, so any call may retry a transient token failure.
        if (error instanceof PrivacyGuardError && error.retryable && attempt < this.retry.maxAttempts) {
          await runtime.sleep(backoffDelayMs(attempt, this.retry, runtime.random));
          continue;
        }
        throw error;
      }

      const started = performance.now();
      let response: AxiosResponse;
      try {
        response = await this.http.request({
          method: request.method,
          url,
          data: request.body === undefined ? undefined : JSON.stringify(request.body),
          headers: {
            Accept: 'application/json',
            ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...this.options.defaultHeaders,
            ...request.headers,
            ...sentHeaders,
          },
          timeout: this.options.timeoutMs,
          maxRedirects: 0,
          validateStatus: () => true,
          responseType: 'json',
        });
      } catch (error) {
        const code = errorCode(error);
        const timedOut = code !== undefined && TIMEOUT_CODES.has(code);
        vendorCallsTotal.inc({ vendor: this.vendor, method: request.method, status: timedOut ? 'timeout' : 'network' });
        vendorCallSeconds.observe({ vendor: this.vendor }, (performance.now() - started) / 1000);
        runtime.onExchange?.({ vendor: this.vendor, method: request.method, url, status: 'network', attempt });
        const notSent = code !== undefined && NOT_SENT_CODES.has(code);
        if ((idempotent || notSent) && attempt < this.retry.maxAttempts) {
          await runtime.sleep(backoffDelayMs(attempt, this.retry, runtime.random));
          continue;
        }
        throw new TransientError(
          `${vendorLabel(this.vendor)} ${request.endpoint} ${timedOut ? `timed out after ${this.options.timeoutMs} ms` : `failed on the network (${code ?? 'unknown'})`}` +
            `${idempotent || notSent ? '' : '; not retried because the vendor may have processed it, verify before retrying'}` +
            '; check connectivity to the vendor and retry.',
          { cause: error },
        );
      }

      const status = response.status;
      const headers = lowerCaseHeaders(response.headers);
      vendorCallsTotal.inc({ vendor: this.vendor, method: request.method, status: String(status) });
      vendorCallSeconds.observe({ vendor: this.vendor }, (performance.now() - started) / 1000);
      runtime.onExchange?.({ vendor: this.vendor, method: request.method, url, status, attempt });
      this.options.observeHeaders?.(headers, this.budget);

      if (status >= 200 && status < 300) {
        return { ok: true, status, data: this.parseBody(request, response.data), headers };
      }
      if (request.passStatuses?.includes(status)) {
        return { ok: false, status, body: response.data, headers };
      }

      if (status === 401 && !renewedAuth) {
        renewedAuth = true;
        if (await this.options.auth.renewAfterUnauthorized(sentHeaders)) {
          attempt -= 1; // the rejected credential, not the vendor, failed: the retry is free
          continue;
        }
      }

      const retryAfterMs = parseRetryAfterMs(headers['retry-after'], runtime.clock.now());
      if (status === 429) {
        // 429 means "not processed", so even a non-idempotent call may be sent again.
        const waitMs = retryAfterMs ?? backoffDelayMs(attempt, this.retry, runtime.random);
        this.pauseFor(waitMs);
        if (attempt < this.retry.maxAttempts && waitMs <= this.retry.maxInlineRetryAfterMs) continue;
        throw this.mapError(request, status, response.data, waitMs);
      }

      const error = this.mapError(request, status, response.data, retryAfterMs);
      const retryableStatus = status >= 500 || status === 408;
      if (retryableStatus && idempotent && error.retryable && attempt < this.retry.maxAttempts) {
        await runtime.sleep(retryAfterMs ?? backoffDelayMs(attempt, this.retry, runtime.random));
        continue;
      }
      throw error;
    }
  }

  /**
   * Downloads a file the vendor links to (a Zendesk attachment's content_url), at most `maxBytes`.
   * Credentials and the rate budget apply only on the vendor's own origin; a redirect to its
   * storage host carries no credentials.
   */
  async download(location: string, endpoint: string, maxBytes: number): Promise<CappedDownload> {
    const own = new URL(this.baseUrl).origin;
    const url = new URL(location, `${this.baseUrl}/`);
    if (url.origin === own) await this.waitForTurn();
    const started = performance.now();
    try {
      const result = await downloadCapped(this.http, url, {
        maxBytes,
        timeoutMs: this.options.timeoutMs,
        headersFor: async (hop) => (hop.origin === own ? { ...this.options.defaultHeaders, ...(await this.options.auth.headers()) } : {}),
      });
      vendorCallsTotal.inc({ vendor: this.vendor, method: 'GET', status: result.kind === 'gone' ? String(result.status) : '200' });
      return result;
    } catch (error) {
      if (error instanceof PrivacyGuardError) throw error;
      vendorCallsTotal.inc({ vendor: this.vendor, method: 'GET', status: 'network' });
      throw new TransientError(`${vendorLabel(this.vendor)} ${endpoint} failed on the network (${errorCode(error) ?? 'unknown'}); retried later.`, { cause: error });
    } finally {
      vendorCallSeconds.observe({ vendor: this.vendor }, (performance.now() - started) / 1000);
    }
  }

  private mapError(request: VendorRequest<unknown>, status: number, body: unknown, retryAfterMs: number | undefined): PrivacyGuardError {
    const context = { vendor: this.vendor, endpoint: request.endpoint, status, body, retryAfterMs };
    const mapped = request.classifyError?.(context) ?? this.options.classifyError?.(context) ?? mapVendorError(context);
    if (status === 429 && !(mapped instanceof RateLimitedError)) return mapVendorError(context);
    return mapped;
  }

  private pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.options.runtime.clock.now() + ms);
  }

  /** Waits out a vendor-wide pause, then for a budget token, then re-checks the pause. */
  private async waitForTurn(): Promise<void> {
    const { clock, sleep } = this.options.runtime;
    for (;;) {
      let now = clock.now();
      while (this.pausedUntil > now) {
        await sleep(this.pausedUntil - now);
        now = clock.now();
      }
      await this.budget.take();
      if (this.pausedUntil <= clock.now()) return;
    }
  }

  private parseBody<T>(request: VendorRequest<T>, body: unknown): T {
    if (!request.schema) return undefined as T;
    const parsed = request.schema.safeParse(body === '' ? undefined : body);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
    throw new MalformedResponseError(this.vendor, request.endpoint, issues, { cause: parsed.error });
  }

  private resolveUrl(request: VendorRequest<unknown>): string {
    const base = (request.baseUrl ?? this.baseUrl).replace(/\/+$/, '');
    let url: URL;
    if (/^https?:\/\//i.test(request.path)) {
      url = new URL(request.path);
      // Never send credentials to another host, even if a vendor link points there.
      if (url.origin !== new URL(base).origin) {
        throw new InvalidRequestError(
          `${vendorLabel(this.vendor)} ${request.endpoint}: refused to follow a link to another host; check the configured base URL.`,
        );
      }
    } else {
      url = new URL(`${base}${request.path.startsWith('/') ? '' : '/'}${request.path}`);
    }
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) {
        for (const item of value as readonly (string | number)[]) url.searchParams.append(key, String(item));
      } else {
        url.searchParams.set(key, String(value));
      }
    }
    return url.toString();
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined ? undefined : errorCode(cause);
}

function lowerCaseHeaders(headers: AxiosResponse['headers']): ResponseHeaders {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return result;
}
