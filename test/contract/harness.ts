/** Shared set-up for the connector contract tests: virtual time, nock, fixtures, exchange log. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { createConnectors, type Connectors, type ConnectorsConfig, type VendorExchange } from '../../middleware/src/connectors/index.js';
import type { RetryPolicy } from '../../middleware/src/connectors/http/runtime.js';

export const ZENDESK = 'https://acme.zendesk.com';
export const LIVECHAT = 'https://api.livechatinc.com';
export const TALKDESK = 'https://api.talkdeskapp.com';
export const TALKDESK_ID = 'https://acme.talkdeskid.com';
export const START_MS = Date.parse('2025-03-01T12:00:00Z');

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'vendors');

/** A vendor example payload from test/fixtures/vendors/<vendor>/<name>.json */
export function fixture<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(join(fixturesDir, path), 'utf8')) as T;
}

/**
 * Virtual time: `sleep(ms)` resolves when the clock reaches it; the clock jumps to the next timer
 * once the event loop has nothing else to do, so nothing waits for real and waits are exact.
 */
export class VirtualTime {
  nowMs: number;
  readonly sleeps: number[] = [];
  private timers: { at: number; resolve: () => void }[] = [];
  private scheduled = false;

  constructor(startMs = START_MS) {
    this.nowMs = startMs;
  }

  readonly clock = { now: (): number => this.nowMs };

  readonly sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise<void>((resolve) => {
      this.timers.push({ at: this.nowMs + Math.max(0, ms), resolve });
      this.schedule();
    });
  };

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) return;
      this.nowMs = Math.max(this.nowMs, next.at);
      next.resolve();
      if (this.timers.length > 0) this.schedule();
    });
  }
}

/** Every exchange made by connectors built with `testConnectors` in this process. */
export const recordedExchanges: VendorExchange[] = [];

export const testConfig: ConnectorsConfig = {
  zendesk: { baseUrl: ZENDESK, email: 'privacy-bot@acme.example', apiToken: 'zd-test-token', planLimitPerMinute: 400 },
  livechat: { baseUrl: LIVECHAT, accountId: 'acc-123', pat: 'lc-test-pat' },
  talkdesk: {
    apiBaseUrl: TALKDESK,
    tokenUrl: `${TALKDESK_ID}/oauth/token`,
    clientId: 'td-client',
    clientSecret: 'td-secret',
    planLimitPerMinute: 300,
  },
  rateBudgetShare: 0.5,
};

export interface TestConnectors extends Connectors {
  time: VirtualTime;
  exchanges: VendorExchange[];
}

/** Connectors on virtual time with a fixed jitter (random = 0.5). */
export function testConnectors(overrides: { config?: Partial<ConnectorsConfig>; retry?: Partial<RetryPolicy>; random?: () => number } = {}): TestConnectors {
  const time = new VirtualTime();
  const exchanges: VendorExchange[] = [];
  const connectors = createConnectors(
    { ...testConfig, ...overrides.config },
    {
      runtime: {
        clock: time.clock,
        sleep: time.sleep,
        random: overrides.random ?? (() => 0.5),
        onExchange: (exchange) => {
          exchanges.push(exchange);
          recordedExchanges.push(exchange);
        },
      },
      ...(overrides.retry ? { retry: overrides.retry } : {}),
    },
  );
  return { ...connectors, time, exchanges };
}

/** Nock a Talkdesk token endpoint answering `times` tokens. */
export function nockTalkdeskToken(times = 1, expiresIn = 3600): nock.Scope {
  let issued = 0;
  return nock(TALKDESK_ID)
    .post('/oauth/token', (body: Record<string, string>) => body.grant_type === 'client_credentials')
    .basicAuth({ user: 'td-client', pass: 'td-secret' })
    .times(times)
    .reply(200, () => {
      issued += 1;
      return { access_token: `td-access-${issued}`, token_type: 'Bearer', expires_in: expiresIn };
    });
}

/** Call in beforeEach/afterEach: no real network, no leftover interceptors. */
export function resetNock(): void {
  nock.cleanAll();
  nock.disableNetConnect();
}

/** Runs a promise expected to fail and returns the error. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, it succeeded');
}
