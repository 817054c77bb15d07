import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { AuthError, PermissionError, TransientError } from '../../errors.js';
import { vendorCallSeconds, vendorCallsTotal } from '../../observability/metrics.js';
import type { Clock, VendorName } from './runtime.js';

/** Adds credentials to a request; may refresh them once when the vendor answers 401. */
export interface AuthStrategy {
  /** Headers to send (Authorization, ...). May fetch a token first. */
  headers(): Promise<Record<string, string>>;
  /**
   * Called once after a 401 with the headers that were rejected. Returns true when credentials
   * were renewed and one retry makes sense; static credentials return false (401 -> AuthError).
   */
  renewAfterUnauthorized(rejected: Record<string, string>): Promise<boolean>;
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Credentials that never change during the process: API tokens, PATs, static OAuth tokens. */
class StaticAuth implements AuthStrategy {
  constructor(private readonly authorization: string) {}
  headers(): Promise<Record<string, string>> {
    return Promise.resolve({ Authorization: this.authorization });
  }
  renewAfterUnauthorized(_rejected: Record<string, string>): Promise<boolean> {
    return Promise.resolve(false);
  }
}

/**
 * Zendesk API token as Basic `{email}/token:{token}`.
 * https://developer.zendesk.com/api-reference/introduction/security-and-auth/#api-token
 */
export function zendeskApiTokenAuth(email: string, apiToken: string): AuthStrategy {
  return new StaticAuth(basic(`${email}/token`, apiToken));
}

/** Zendesk OAuth access token as a bearer token. */
export function zendeskOAuthAuth(accessToken: string): AuthStrategy {
  return new StaticAuth(`Bearer ${accessToken}`);
}

/**
 * LiveChat personal access token: Basic base64(account_id:token).
 * https://platform.text.com/docs/authorization/personal-access-tokens
 */
export function livechatPatAuth(accountId: string, pat: string): AuthStrategy {
  return new StaticAuth(basic(accountId, pat));
}

/** What a Talkdesk client-credentials token request needs. */
export interface ClientCredentialsOptions {
  vendor: VendorName;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated in the request; omitted when empty. */
  scopes?: readonly string[];
  /** Renew this long before `expires_in` runs out. */
  refreshBeforeExpiryMs?: number;
  timeoutMs: number;
  clock: Clock;
  axios: AxiosInstance;
}

// https://www.rfc-editor.org/rfc/rfc6749#section-5.1 (Talkdesk follows it for client credentials)
const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
});

/**
 * OAuth 2.0 client credentials (Talkdesk): client authenticated with Basic, token cached until
 * shortly before it expires, concurrent callers share one in-flight token request.
 * https://docs.talkdesk.com/docs/client-credentials-flow
 */
export class ClientCredentialsAuth implements AuthStrategy {
  private token: { value: string; renewAt: number } | undefined;
  private inFlight: Promise<string> | undefined;
  /** Token requests made so far (tests assert caching). */
  tokenRequests = 0;

  constructor(private readonly options: ClientCredentialsOptions) {}

  async headers(): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.accessToken()}` };
  }

  async renewAfterUnauthorized(rejected: Record<string, string>): Promise<boolean> {
    // Several calls may fail with the same expired token: only the first one fetches a new token.
    if (this.token && rejected.Authorization === `Bearer ${this.token.value}`) this.token = undefined;
    await this.accessToken();
    return true;
  }

  private accessToken(): Promise<string> {
    if (this.token && this.options.clock.now() < this.token.renewAt) return Promise.resolve(this.token.value);
    if (!this.inFlight) {
      this.inFlight = this.requestToken().finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async requestToken(): Promise<string> {
    const { vendor, tokenUrl, clientId, clientSecret, scopes, axios, timeoutMs, clock } = this.options;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scopes && scopes.length > 0) form.set('scope', scopes.join(' '));
    this.tokenRequests += 1;
    const started = performance.now();
    let status: number;
    let data: unknown;
    try {
      const response = await axios.request({
        method: 'POST',
        url: tokenUrl,
        data: form.toString(),
        headers: {
          Authorization: basic(clientId, clientSecret),
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        timeout: timeoutMs,
        maxRedirects: 0,
        validateStatus: () => true,
      });
      status = response.status;
      data = response.data;
    } catch (error) {
      vendorCallsTotal.inc({ vendor, method: 'POST', status: 'network' });
      throw new TransientError(
        `${vendor}: the OAuth token endpoint could not be reached; check the token URL and network, then retry.`,
        { cause: error },
      );
    } finally {
      vendorCallSeconds.observe({ vendor }, (performance.now() - started) / 1000);
    }
    vendorCallsTotal.inc({ vendor, method: 'POST', status: String(status) });
    if (status === 400 || status === 401) {
      throw new AuthError(
        `${vendor}: the OAuth token endpoint rejected the client credentials (HTTP ${status}); check the client id and secret.`,
      );
    }
    if (status === 403) {
      throw new PermissionError(
        `${vendor}: the OAuth client may not use the requested scopes (HTTP 403); grant them to the client.`,
      );
    }
    if (status < 200 || status >= 300) {
      throw new TransientError(`${vendor}: the OAuth token endpoint answered HTTP ${status}; retry later.`);
    }
    const parsed = tokenResponseSchema.safeParse(data);
    if (!parsed.success) {
      throw new TransientError(`${vendor}: the OAuth token endpoint returned an unexpected body; check the token URL.`);
    }
    const refreshBefore = this.options.refreshBeforeExpiryMs ?? 60_000;
    const lifetimeMs = parsed.data.expires_in * 1000;
    // A token shorter-lived than the margin is still used once rather than refetched forever.
    const renewAt = clock.now() + Math.max(lifetimeMs - refreshBefore, Math.min(lifetimeMs, 1_000));
    this.token = { value: parsed.data.access_token, renewAt };
    return parsed.data.access_token;
  }
}
