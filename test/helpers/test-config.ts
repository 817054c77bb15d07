import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../middleware/src/config.js';
import { TEST_WEBHOOK_SECRET } from './webhooks.js';

/** A complete production-shaped configuration for tests; override any variable. */
export function testEnvironment(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'pg-test-')),
    ZENDESK_BASE_URL: 'http://127.0.0.1:9/zendesk',
    ZENDESK_EMAIL: 'ops@example.com',
    ZENDESK_API_TOKEN: 'test-api-token',
    ZENDESK_WEBHOOK_SECRETS: `old-rotated-secret,${TEST_WEBHOOK_SECRET}`,
    ZENDESK_APP_PUBLIC_KEY: 'unused-in-this-test',
    ZENDESK_APP_AUDIENCE: 'https://acme.zendesk.com/api/v2/apps/installations/1.json',
    SESSION_SECRET: 'session-secret-for-tests-only-0123456789abcdef',
    AUDIT_KEY: 'audit-key-for-tests-only-0123456789abcdef-xyz',
    LIVECHAT_WEBHOOK_SECRET: 'livechat-secret-for-tests',
    LOG_LEVEL: 'info',
    // Schedules that never fire during a test run (1 January, 03:00): a cron firing mid-test would
    // add jobs and purges the test did not ask for. Tests about schedules set their own.
    RETENTION_CRON: '0 3 1 1 *',
    HOUSEKEEPING_CRON: '0 3 1 1 *',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig(testEnvironment(overrides));
}
