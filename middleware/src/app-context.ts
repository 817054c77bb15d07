import type { Config } from './config.js';
import type { Database } from './store/database.js';
import type { JobQueue } from './jobs/queue.js';
import type { Logger } from './observability/logger.js';
import type { AuditLedger } from './store/audit-ledger.js';
import type { PolicyProfile } from './policy/profile-schema.js';
import type { LiveChatClient, TalkdeskClient, ZendeskClient } from './connectors/index.js';
import { createConnectors, type ConnectorsOptions } from './connectors/index.js';

/** The vendor clients this deployment has credentials for; LiveChat and Talkdesk are optional. */
export interface VendorClients {
  zendesk: ZendeskClient;
  livechat?: LiveChatClient;
  talkdesk?: TalkdeskClient;
}

/** Everything a job handler or route needs, built once at start and passed down (no globals). */
export interface AppContext {
  config: Config;
  db: Database;
  queue: JobQueue;
  logger: Logger;
  vendors: VendorClients;
  profile: PolicyProfile;
  audit: AuditLedger;
  now: () => Date;
}

/** Builds the vendor clients from configuration; systems without credentials are left out. */
export function createVendorClients(config: Config, options: ConnectorsOptions = {}): VendorClients {
  const v = config.vendors;
  // createConnectors wants all three; unconfigured ones get inert placeholders and are dropped.
  const connectors = createConnectors(
    {
      zendesk: v.zendesk,
      livechat: v.livechat ?? { baseUrl: 'http://127.0.0.1:9', accountId: 'unconfigured', pat: 'unconfigured' },
      talkdesk: v.talkdesk ?? { apiBaseUrl: 'http://127.0.0.1:9', tokenUrl: 'http://127.0.0.1:9/oauth/token', clientId: 'unconfigured', clientSecret: 'unconfigured', planLimitPerMinute: 60 },
      rateBudgetShare: config.rateBudgetShare,
    },
    options,
  );
  return {
    zendesk: connectors.zendesk,
    livechat: v.livechat ? connectors.livechat : undefined,
    talkdesk: v.talkdesk ? connectors.talkdesk : undefined,
  };
}
