import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig, ConfigError, ZENDESK_TEST_WEBHOOK_SECRET } from './config.js';
import { startService } from './service.js';
import { createLogger } from './observability/logger.js';
import { createSandbox } from './sandbox/index.js';
import { demoModules, sandboxVendorEnvironment } from './demo-composition.js';
import { generateSeedDataset } from './sandbox/seed-dataset.js';
import { loadProfile, ProfileError } from './policy/load-profile.js';

/**
 * `npm run demo`: the whole product on the embedded database against a seeded sandbox of
 * Zendesk, LiveChat and Talkdesk, with the app pages in a preview. Demo mode only: the webhook
 * secret may fall back to Zendesk's documented test secret, and keys are generated per data folder.
 */
async function demo() {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = process.env.DATA_DIR ?? './data';
  mkdirSync(dataDir, { recursive: true });
  const secretsFile = join(dataDir, 'demo-secrets.json');
  if (!existsSync(secretsFile)) {
    const key = () => randomBytes(32).toString('base64url');
    writeFileSync(secretsFile, JSON.stringify({ SESSION_SECRET: key(), AUDIT_KEY: key(), LIVECHAT_WEBHOOK_SECRET: key(), METRICS_TOKEN: key() }), { mode: 0o600 });
  }
  const demoSecrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
  // Data folders from before /metrics needed a token get one added.
  if (!demoSecrets.METRICS_TOKEN) {
    demoSecrets.METRICS_TOKEN = randomBytes(32).toString('base64url');
    writeFileSync(secretsFile, JSON.stringify(demoSecrets), { mode: 0o600 });
  }
  const base = `http://127.0.0.1:${port}/sandbox`;
  const env = {
    ...demoSecrets,
    ...sandboxVendorEnvironment(base),
    ...process.env,
    DEMO_MODE: 'true',
    PORT: String(port),
    HOST: process.env.HOST ?? '127.0.0.1',
    DATA_DIR: dataDir,
  };
  let config;
  let profile;
  try {
    config = loadConfig(env, undefined, { allowDemoMode: true });
    profile = loadProfile(config.policyProfile);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ProfileError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'warn' });
  const seed = generateSeedDataset({ seed: 42, size: Number(process.env.DEMO_SIZE ?? 300), now: new Date(), deskDomain: profile.cc.exemptDomains[0] ?? 'desk.example.com' });
  const sandbox = createSandbox({ dataset: seed.dataset });
  const admin = seed.dataset.zendesk?.users?.find((u) => u.role === 'admin');
  const ticketWithCcs = seed.dataset.zendesk?.tickets?.find((t) => t.email_cc_ids.length >= 2 && t.status !== 'closed') ?? seed.dataset.zendesk?.tickets?.[0];
  const service = await startService(config, {
    logger,
    mounts: [{ path: '/sandbox', router: sandbox.router }],
    modules: demoModules(sandbox, { id: admin!.id, name: admin!.name }),
  });
  const url = service.url;
  const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketWithCcs?.id ?? 1), requester_id: String(ticketWithCcs?.requester_id ?? 1), updated_at: new Date().toISOString(), email_cc_ids: (ticketWithCcs?.email_cc_ids ?? []).join(',') } });
  const secretNote = config.usingTestWebhookSecret ? ` (demo mode: Zendesk's documented test secret, because ZENDESK_WEBHOOK_SECRETS is not set)` : '';
  process.stdout.write(
    [
      '',
      `Privacy Guard demo is running at ${url}  (profile: ${profile.id} ${profile.policyVersion}; database: embedded PGlite in ${dataDir})`,
      '',
      `  Ticket sidebar preview:  ${url}/preview/sidebar?ticket=${ticketWithCcs?.id}`,
      `  New-ticket sidebar:      ${url}/preview/new-ticket   (add a CC, press Submit: the save is stopped)`,
      `  Admin page preview:      ${url}/preview/admin        (add &locale=de or ru to any preview)`,
      `  Health:                  ${url}/healthz`,
      `  Metrics:                 curl -H 'Authorization: Bearer ${config.metricsToken ?? '<METRICS_TOKEN>'}' ${url}/metrics`,
      `  Sandbox vendors:         ${url}/sandbox/zendesk  /sandbox/livechat  /sandbox/talkdesk  (${seed.groundTruth.requesterIds.length} seeded requesters)`,
      '',
      `Send a signed sample webhook${secretNote}; CCs without consent on ticket ${ticketWithCcs?.id} are removed:`,
      '',
      `  BODY='${body}'; TS=$(date -u +%Y-%m-%dT%H:%M:%SZ); SIG=$(printf '%s%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac '${config.usingTestWebhookSecret ? ZENDESK_TEST_WEBHOOK_SECRET : '<your secret>'}' -binary | base64); curl -s -X POST ${url}/webhooks/zendesk -H 'Content-Type: application/json' -H "X-Zendesk-Webhook-Signature-Timestamp: $TS" -H "X-Zendesk-Webhook-Signature: $SIG" -d "$BODY"; echo`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const shutdown = () => service.stop().then(() => process.exit(0), () => process.exit(1));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

demo().catch((error: Error) => {
  process.stderr.write(`demo failed to start: ${error.message}\n`);
  process.exit(1);
});
