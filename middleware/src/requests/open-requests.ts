import type { AppContext } from '../app-context.js';
import type { OpenRequest } from '../../../zendesk-app/src/api/contract.js';
import { requestStore } from './request-store.js';
import { toPrivacyRequest } from './request-view.js';

/** The person's requests still being worked, with their deadline and overdue flag (C26). */
export async function openRequestsFor(ctx: AppContext, personKeys: string[]): Promise<OpenRequest[]> {
  const open: OpenRequest[] = [];
  for (const personKey of personKeys) {
    for (const record of await requestStore.list(ctx.db, { open: true, personKey })) {
      const view = toPrivacyRequest(record, ctx);
      open.push({ id: view.id, type: view.type, status: view.status, dueAt: view.dueAt, overdue: view.overdue });
    }
  }
  return open.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
