/** Contract tests of the LiveChat connector (Agent Chat Web API v3.6). */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreconditionError } from '../../../middleware/src/errors.js';
import { UNSUPPORTED_BY_PUBLIC_API } from '../../../middleware/src/connectors/livechat/index.js';
import { LIVECHAT, failure, fixture, resetNock, testConnectors } from '../harness.js';
import { errorMatrix, type MatrixCase } from './error-matrix.js';

const CUSTOMER_ID = 'b7eff798-f8df-4364-8059-649c35c9ed0c';

const livechatError = (status: number): unknown =>
  status === 401
    ? fixture('livechat/error-authentication.json')
    : status === 404
      ? fixture('livechat/error-not-found.json')
      : status === 429
        ? fixture('livechat/error-too-many-requests.json')
        : { error: { type: 'internal', message: 'Internal server error' } };

function lc(action: string, partial: Pick<MatrixCase, 'okBody' | 'invoke' | 'validates'> & { name?: string }): MatrixCase {
  return {
    name: partial.name ?? action,
    host: LIVECHAT,
    method: 'post',
    path: `/v3.6/agent/action/${action}`,
    okStatus: 200,
    idempotent: true,
    errorBody: livechatError,
    ...partial,
  };
}

export const livechatMatrix: MatrixCase[] = [
  lc('list_archives', { okBody: fixture('livechat/list-archives-page2.json'), invoke: (c) => c.livechat.listArchivesPage({ customerEmail: 't.anderson@example.com' }), validates: true }),
  lc('list_threads', { okBody: fixture('livechat/list-threads.json'), invoke: (c) => c.livechat.listThreadsPage('PJ0MRSHTDG'), validates: true }),
  lc('get_chat', { okBody: fixture('livechat/get-chat.json'), invoke: (c) => c.livechat.getChat('PJ0MRSHTDG'), validates: true }),
  lc('get_customer', { okBody: fixture('livechat/get-customer.json'), invoke: (c) => c.livechat.getCustomer(CUSTOMER_ID), validates: true }),
  lc('update_customer', { okBody: {}, invoke: (c) => c.livechat.updateCustomer(CUSTOMER_ID, { name: 'Erased customer' }), validates: false }),
];

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Registers every LiveChat contract test. */
export function livechatContractSuite(): void {
  beforeEach(resetNock);
  afterEach(() => {
    nock.cleanAll();
  });

  describe('LiveChat archives and chats', () => {
    it('when archives are listed by e-mail, then the first call filters by customer_email and later calls send only page_id', async () => {
      const c = testConnectors();
      const scope = nock(LIVECHAT)
        .post('/v3.6/agent/action/list_archives', { filters: { customer_email: 't.anderson@example.com' }, limit: 100 })
        .reply(200, fixture('livechat/list-archives-page1.json'))
        .post('/v3.6/agent/action/list_archives', { page_id: 'MTUxNzM5ODEzMTQ5Ng==' })
        .reply(200, fixture('livechat/list-archives-page2.json'));
      const chats = await collect(c.livechat.listArchivesByCustomerEmail('t.anderson@example.com'));
      expect(chats.map((chat) => chat.id)).toEqual(['PJ0MRSHTDG', 'PWJ8Y4THAV']);
      scope.done();
    });

    it('when an archives page is fetched, then next_page_id is returned as the cursor to resume from', async () => {
      const c = testConnectors();
      nock(LIVECHAT).post('/v3.6/agent/action/list_archives').reply(200, fixture('livechat/list-archives-page1.json'));
      const page = await c.livechat.listArchivesPage({ customerEmail: 't.anderson@example.com', limit: 20 });
      expect(page).toMatchObject({ nextCursor: 'MTUxNzM5ODEzMTQ5Ng==', foundChats: 2 });
    });

    it('when threads of a chat are listed, then chat_id is sent and threads with events come back', async () => {
      const c = testConnectors();
      const scope = nock(LIVECHAT).post('/v3.6/agent/action/list_threads', { chat_id: 'PJ0MRSHTDG', limit: 100 }).reply(200, fixture('livechat/list-threads.json'));
      const threads = await collect(c.livechat.listThreads('PJ0MRSHTDG'));
      expect(threads[0]?.events?.[0]?.text).toBe('Hello there');
      scope.done();
    });

    it('when a chat is fetched with a thread id, then both ids are sent', async () => {
      const c = testConnectors();
      const scope = nock(LIVECHAT).post('/v3.6/agent/action/get_chat', { chat_id: 'PJ0MRSHTDG', thread_id: 'K600PKZON8' }).reply(200, fixture('livechat/get-chat.json'));
      const chat = await c.livechat.getChat('PJ0MRSHTDG', 'K600PKZON8');
      expect(chat.users.map((user) => user.type)).toEqual(['agent', 'customer']);
      scope.done();
    });
  });

  describe('LiveChat customers', () => {
    it('when a customer is fetched, then the profile and chat ids come back', async () => {
      const c = testConnectors();
      const scope = nock(LIVECHAT).post('/v3.6/agent/action/get_customer', { id: CUSTOMER_ID }).reply(200, fixture('livechat/get-customer.json'));
      const customer = await c.livechat.getCustomer(CUSTOMER_ID);
      expect(customer.chat_ids).toEqual(['PWJ8Y4THAV']);
      scope.done();
    });

    it('when a profile is masked, then update_customer gets the id and the replacement values', async () => {
      const c = testConnectors();
      const scope = nock(LIVECHAT)
        .post('/v3.6/agent/action/update_customer', { id: CUSTOMER_ID, name: 'Erased customer', email: 'erased+b7eff798@invalid.example' })
        .reply(200, {});
      await c.livechat.updateCustomer(CUSTOMER_ID, { name: 'Erased customer', email: 'erased+b7eff798@invalid.example' });
      scope.done();
    });

    it('when chat transcripts must be deleted, then a precondition error marks it unsupported by the public API and nothing is sent', async () => {
      const c = testConnectors();
      const error = await failure(c.livechat.deleteChatTranscripts(['PJ0MRSHTDG']));
      expect(error).toBeInstanceOf(PreconditionError);
      expect((error as PreconditionError).details?.reason).toBe(UNSUPPORTED_BY_PUBLIC_API);
      expect(error.message).toMatch(/manual task/);
      expect(c.exchanges).toEqual([]);
    });
  });

  describe('LiveChat region redirect', () => {
    it('when LiveChat answers misdirected_request with region fra, then the call is retried once with X-Region: fra and the region remembered', async () => {
      const c = testConnectors();
      const scope = nock(LIVECHAT)
        .post('/v3.6/agent/action/get_customer')
        .reply(421, fixture('livechat/error-misdirected.json'))
        .post('/v3.6/agent/action/get_customer')
        .matchHeader('x-region', 'fra')
        .reply(200, fixture('livechat/get-customer.json'))
        .post('/v3.6/agent/action/get_chat')
        .matchHeader('x-region', 'fra')
        .reply(200, fixture('livechat/get-chat.json'));
      await c.livechat.getCustomer(CUSTOMER_ID);
      expect(c.livechat.currentRegion()).toBe('fra');
      await c.livechat.getChat('PJ0MRSHTDG');
      scope.done();
    });

    it('when the region is routed by host, then the retry goes to that host', async () => {
      const c = testConnectors({
        config: {
          livechat: { baseUrl: LIVECHAT, accountId: 'acc-123', pat: 'lc-test-pat', regionRouting: { kind: 'host', baseUrlFor: (region) => `https://api-${region}.livechatinc.com` } },
        },
      });
      nock(LIVECHAT).post('/v3.6/agent/action/get_customer').reply(421, fixture('livechat/error-misdirected.json'));
      const regional = nock('https://api-fra.livechatinc.com').post('/v3.6/agent/action/get_customer').reply(200, fixture('livechat/get-customer.json'));
      await c.livechat.getCustomer(CUSTOMER_ID);
      regional.done();
    });

    it('when the named region also answers misdirected_request, then the error is raised instead of looping', async () => {
      const c = testConnectors();
      nock(LIVECHAT).post('/v3.6/agent/action/get_customer').times(2).reply(421, fixture('livechat/error-misdirected.json'));
      const error = await failure(c.livechat.getCustomer(CUSTOMER_ID));
      expect(error.message).toMatch(/region "fra"/);
      expect(c.exchanges).toHaveLength(2);
    });
  });

  errorMatrix('LiveChat', livechatMatrix);
}
