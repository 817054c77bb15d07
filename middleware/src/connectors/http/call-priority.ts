import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whose vendor calls go first when the rate budget is short: `urgent` work an agent or a customer
 * is waiting on (a CC removal, a redaction, the sidebar) before `background` work with days of
 * slack (sweeps, erasure and export steps, housekeeping).
 */
export type CallPriority = 'urgent' | 'background';

const storage = new AsyncLocalStorage<CallPriority>();

/** Runs `work` with every vendor call it makes (however deep) at `priority`. */
export function withCallPriority<T>(priority: CallPriority, work: () => Promise<T>): Promise<T> {
  return storage.run(priority, work);
}

/** The priority of the calling code; urgent when nothing set one (requests from the app pages). */
export function currentCallPriority(): CallPriority {
  return storage.getStore() ?? 'urgent';
}
