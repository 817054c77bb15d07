import type { StartSweepSandbox } from '../retention/sweep-command.js';
import { startSandboxServer } from './index.js';
import { generateSeedDataset } from './seed-dataset.js';

/** The sandbox's vendor credentials and URLs, as the demo and the CLI's `--sandbox` set them. */
export function sandboxEnvironment(url: string): Record<string, string> {
  return {
    ZENDESK_BASE_URL: `${url}/zendesk`,
    ZENDESK_EMAIL: 'demo-agent@example.com',
    ZENDESK_API_TOKEN: 'sandbox-token',
    ZENDESK_RATE_LIMIT_PER_MINUTE: '700',
    LIVECHAT_BASE_URL: `${url}/livechat`,
    LIVECHAT_ACCOUNT_ID: 'sandbox-account',
    LIVECHAT_PAT: 'sandbox-pat',
    TALKDESK_BASE_URL: `${url}/talkdesk`,
    TALKDESK_TOKEN_URL: `${url}/talkdesk/oauth/token`,
    TALKDESK_CLIENT_ID: 'sandbox-client',
    TALKDESK_CLIENT_SECRET: 'sandbox-client-secret',
  };
}

/**
 * `npm run cli -- sweep --sandbox`: a freshly seeded in-process sandbox. The sweep then reaches it
 * through the production connectors (including Talkdesk's calls report), nothing else.
 */
export const startSweepSandbox: StartSweepSandbox = async ({ seed, size }) => {
  const seeded = generateSeedDataset({ seed, size, now: new Date() });
  const server = await startSandboxServer({ dataset: seeded.dataset });
  return {
    env: sandboxEnvironment(server.url),
    banner: `Sandbox seeded with ${seeded.groundTruth.requesterIds.length} requesters at ${server.url} (ground truth: ${seeded.groundTruth.stale.length} stale)`,
    close: () => server.close(),
  };
};
