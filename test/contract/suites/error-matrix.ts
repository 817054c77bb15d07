/** Table-driven error paths shared by the vendor suites: every method meets 401, 404, 429, 5xx, junk. */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { AuthError, NotFoundError, TransientError } from '../../../middleware/src/errors.js';
import { MalformedResponseError } from '../../../middleware/src/connectors/index.js';
import { failure, nockTalkdeskToken, testConnectors, type TestConnectors } from '../harness.js';

type Method = 'get' | 'post' | 'put' | 'delete';

/** One connector method and the single HTTP exchange it makes. */
export interface MatrixCase {
  name: string;
  host: string;
  method: Method;
  path: string;
  /** A body the method accepts (the documented example). */
  okStatus: number;
  okBody: unknown;
  invoke: (c: TestConnectors) => Promise<unknown>;
  /** Retried on 5xx? (GET/PUT/DELETE and calls marked idempotent). */
  idempotent: boolean;
  /** Has a response schema that junk must fail. */
  validates: boolean;
  /** Talkdesk calls need a token first. */
  needsToken?: boolean;
  /** Error bodies in the vendor's format. */
  errorBody: (status: number) => unknown;
}

function intercept(c: MatrixCase): nock.Interceptor {
  const scope = nock(c.host);
  return scope[c.method](c.path).query(true);
}

/** Registers the error-path tests for every case. */
export function errorMatrix(vendorLabel: string, cases: readonly MatrixCase[]): void {
  describe(`${vendorLabel} error paths`, () => {
    for (const c of cases) {
      describe(c.name, () => {
        it('when the vendor answers 401, then AuthError tells which credentials to check', async () => {
          const connectors = testConnectors();
          if (c.needsToken) nockTalkdeskToken(2);
          const scope = intercept(c).times(c.needsToken ? 2 : 1).reply(401, c.errorBody(401) as nock.Body);
          const error = await failure(c.invoke(connectors));
          expect(error).toBeInstanceOf(AuthError);
          expect(error.message).toContain(vendorLabel);
          scope.done();
        });

        it('when the vendor answers 404, then NotFoundError', async () => {
          const connectors = testConnectors();
          if (c.needsToken) nockTalkdeskToken();
          const scope = intercept(c).reply(404, c.errorBody(404) as nock.Body);
          const error = await failure(c.invoke(connectors));
          expect(error).toBeInstanceOf(NotFoundError);
          scope.done();
        });

        it('when the vendor answers 429 with Retry-After 7, then the call waits exactly 7 s and succeeds', async () => {
          const connectors = testConnectors();
          if (c.needsToken) nockTalkdeskToken();
          let firstAt = 0;
          let retryAt = 0;
          intercept(c).reply(() => {
            firstAt = connectors.time.clock.now();
            return [429, c.errorBody(429) as nock.Body, { 'Retry-After': '7' }];
          });
          intercept(c).reply(() => {
            retryAt = connectors.time.clock.now();
            return [c.okStatus, c.okBody as nock.Body];
          });
          await c.invoke(connectors);
          expect(retryAt - firstAt).toBe(7_000);
          expect(connectors.time.sleeps).toEqual([7_000]);
          expect(nock.isDone()).toBe(true);
        });

        if (c.idempotent) {
          it('when the vendor answers 500 then succeeds, then the call is retried and succeeds', async () => {
            const connectors = testConnectors();
            if (c.needsToken) nockTalkdeskToken();
            intercept(c).reply(500, c.errorBody(500) as nock.Body);
            intercept(c).reply(c.okStatus, c.okBody as nock.Body);
            await c.invoke(connectors);
            expect(connectors.time.sleeps).toEqual([150]);
            expect(nock.isDone()).toBe(true);
          });
        } else {
          it('when the vendor answers 500, then TransientError and no retry (it may have been processed)', async () => {
            const connectors = testConnectors();
            if (c.needsToken) nockTalkdeskToken();
            const scope = intercept(c).once().reply(500, c.errorBody(500) as nock.Body);
            const error = await failure(c.invoke(connectors));
            expect(error).toBeInstanceOf(TransientError);
            expect(connectors.time.sleeps).toEqual([]);
            scope.done();
          });
        }

        if (c.validates) {
          it('when a 2xx body is malformed, then MalformedResponseError names the vendor and endpoint', async () => {
            const connectors = testConnectors();
            if (c.needsToken) nockTalkdeskToken();
            const scope = intercept(c).reply(200, { unexpected: [1, 2, 3] });
            const error = await failure(c.invoke(connectors));
            expect(error).toBeInstanceOf(MalformedResponseError);
            expect(error.message).toContain(vendorLabel);
            expect(error.message).toMatch(/(GET|POST|PUT|DELETE) \//);
            scope.done();
          });
        }
      });
    }
  });
}
