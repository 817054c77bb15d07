import type { ZendeskClient } from './zendesk-client.js';

/** Reads whose answer one webhook event can share between the modules that handle it. */
const SHARED_READS = new Set<keyof ZendeskClient>(['showTicket', 'showUser', 'listUserIdentities']);
/** Methods that only read: they leave what was read valid. */
const READ_ONLY = /^(show|list|search|tickets|incremental|compliance|appPublicKey|waitForJob)/;

/**
 * The Zendesk client as one webhook event's handlers see it: the ticket, a user and their
 * identities are read at most once for the event (CC enforcement and the requests module both
 * want the ticket of a privacy-request webhook), and any write forgets what was read, so a module
 * after an update reads the ticket as it is now.
 */
export function readsOncePerEvent(client: ZendeskClient): ZendeskClient {
  const cache = new Map<string, Promise<unknown>>();
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (SHARED_READS.has(property as keyof ZendeskClient)) {
        return (...args: unknown[]) => {
          const key = `${String(property)}:${JSON.stringify(args)}`;
          let pending = cache.get(key);
          if (!pending) {
            pending = Promise.resolve(method.apply(target, args));
            cache.set(key, pending);
            pending.catch(() => cache.delete(key));
          }
          return pending;
        };
      }
      if (typeof property === 'string' && READ_ONLY.test(property)) return method.bind(target);
      return (...args: unknown[]) => {
        cache.clear();
        return method.apply(target, args);
      };
    },
  });
}
