import type { BootConfig } from '../api/contract.js';
import type { HostContext } from './host-context.js';
import { createPreviewHost } from './preview-host.js';
import { connectZendesk } from './zaf-client.js';

/** Zendesk mode talks to ZAF; preview mode never loads the SDK. */
export function createHostContext(boot: BootConfig): Promise<HostContext> {
  return boot.mode === 'zendesk'
    ? connectZendesk()
    : Promise.resolve(createPreviewHost(boot.apiBase, boot.previewTicketId));
}
