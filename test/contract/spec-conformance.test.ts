/**
 * Replays every connector contract suite while recording each request the connectors send, then
 * fails if any method + path is not documented by the vendor (spec copies in reference/).
 */
import { describe, expect, it } from 'vitest';
import { recordedExchanges } from './harness.js';
import { DOCUMENTED_OUTSIDE_SPEC_COPY, findSpecOperation, isDocumentedOperation, specOperations } from './spec-index.js';
import { livechatContractSuite } from './suites/livechat.suite.js';
import { talkdeskContractSuite } from './suites/talkdesk.suite.js';
import { zendeskContractSuite } from './suites/zendesk.suite.js';

describe('spec index', () => {
  it('when a Zendesk path has ids, then it matches the templated operation', () => {
    expect(findSpecOperation('zendesk', 'DELETE', 'https://acme.zendesk.com/api/v2/deleted_users/35436')?.template).toBe(
      '/api/v2/deleted_users/{deleted_user_id}',
    );
    expect(isDocumentedOperation('zendesk', 'PUT', '/api/v2/comment_redactions/1274')).toBe(true);
  });

  it('when a literal path and a template both match, then the literal one wins', () => {
    expect(findSpecOperation('zendesk', 'GET', '/api/v2/users/search?query=x')?.template).toBe('/api/v2/users/search');
  });

  it('when a method or path is not documented, then it does not match', () => {
    expect(isDocumentedOperation('zendesk', 'DELETE', '/api/v2/tickets/1/comments/2')).toBe(false);
    expect(isDocumentedOperation('zendesk', 'GET', '/api/v2/users.json')).toBe(false);
    expect(isDocumentedOperation('talkdesk', 'DELETE', '/recordings/abc')).toBe(false);
    expect(isDocumentedOperation('livechat', 'POST', '/v3.6/agent/action/delete_chat')).toBe(false);
  });

  it('when LiveChat docs are indexed, then the actions the connector uses are found', () => {
    const actions = specOperations('livechat').map((operation) => operation.template);
    for (const action of ['list_archives', 'list_threads', 'get_chat', 'get_customer', 'update_customer']) {
      expect(actions).toContain(`/v3.6/agent/action/${action}`);
    }
  });

  it('when a sandbox mounts a vendor under a prefix, then the prefix is stripped', () => {
    expect(isDocumentedOperation('talkdesk', 'GET', 'http://127.0.0.1:4010/talkdesk/contacts?emails=a', '/talkdesk')).toBe(true);
  });

  it('when exceptions to the spec copy exist, then each links to the vendor doc', () => {
    for (const operation of DOCUMENTED_OUTSIDE_SPEC_COPY) expect(operation.source).toMatch(/^https:\/\/developer\.zendesk\.com\//);
  });
});

describe('contract fixtures, recorded', () => {
  zendeskContractSuite();
  livechatContractSuite();
  talkdeskContractSuite();
});

describe('spec conformance', () => {
  it('when every contract suite has run, then every request the connectors sent is a documented operation', () => {
    expect(recordedExchanges.length).toBeGreaterThan(200);
    const undocumented = new Set<string>();
    const seen = new Set<string>();
    for (const exchange of recordedExchanges) {
      const path = new URL(exchange.url).pathname;
      const operation = findSpecOperation(exchange.vendor, exchange.method, exchange.url);
      if (operation) seen.add(`${exchange.vendor} ${operation.method} ${operation.template}`);
      else undocumented.add(`${exchange.vendor} ${exchange.method} ${path}`);
    }
    expect([...undocumented]).toEqual([]);
    // Every vendor was exercised.
    for (const vendor of ['zendesk', 'livechat', 'talkdesk']) {
      expect([...seen].some((entry) => entry.startsWith(vendor))).toBe(true);
    }
  });
});
