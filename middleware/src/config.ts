import { z } from 'zod';
import { parseJobConcurrency, type JobKind } from './jobs/job-kinds.js';

/** Zendesk's documented secret for test sends from the webhook builder; only ever used in demo mode. */
export const ZENDESK_TEST_WEBHOOK_SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const commaList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean));

const url = z.string().trim().url();

/** Raw environment schema: every variable the service reads, documented in .env.example. */
const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['production', 'development', 'test']).default('production'),
    DEMO_MODE: z.enum(['true', 'false']).default('false'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: optionalString.pipe(url.optional()),
    DATABASE_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional()),
    DATA_DIR: z.string().default('./data'),
    POLICY_PROFILE: z.string().default('plesk'),
    ZENDESK_SUBDOMAIN: optionalString.pipe(z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'must be the bare subdomain, e.g. "acme"').optional()),
    ZENDESK_BASE_URL: optionalString.pipe(url.optional()),
    ZENDESK_EMAIL: optionalString.pipe(z.string().email().optional()),
    ZENDESK_API_TOKEN: optionalString,
    ZENDESK_OAUTH_TOKEN: optionalString,
    ZENDESK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(400),
    ZENDESK_WEBHOOK_SECRETS: optionalString,
    ZENDESK_APP_ID: optionalString.pipe(z.string().regex(/^\d+$/, 'must be the numeric app id').optional()),
    ZENDESK_APP_PUBLIC_KEY: optionalString,
    ZENDESK_APP_AUDIENCE: optionalString,
    ZENDESK_ACCOUNT_LOCALE: z.string().default('en'),
    LIVECHAT_BASE_URL: url.default('https://api.livechatinc.com'),
    LIVECHAT_ACCOUNT_ID: optionalString,
    LIVECHAT_PAT: optionalString,
    LIVECHAT_WEBHOOK_SECRET: optionalString,
    LIVECHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
    TALKDESK_ACCOUNT: optionalString,
    TALKDESK_BASE_URL: url.default('https://api.talkdeskapp.com'),
    TALKDESK_TOKEN_URL: optionalString.pipe(url.optional()),
    TALKDESK_CLIENT_ID: optionalString,
    TALKDESK_CLIENT_SECRET: optionalString,
    TALKDESK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(300),
    RATE_BUDGET_SHARE: z.coerce.number().gt(0).max(1).default(0.5),
    RETENTION_CRON: z.string().default('0 3 * * *'),
    HOUSEKEEPING_CRON: z.string().default('30 * * * *'),
    EXPORT_KEEP_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    WEBHOOK_PAYLOAD_KEEP_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    // A scan reads at most MAX_SCAN_CHARS (2 Mi characters) of one text, so a larger cap would scan a file only in part.
    ATTACHMENT_SCAN_MAX_KB: z.coerce.number().int().min(0).max(2048).default(1024),
    UNSCANNED_ATTACHMENT_NOTE: z.enum(['always', 'with_redactions']).default('always'),
    SUSPECTED_SECRETS: z.enum(['off', 'flag']).default('off'),
    SESSION_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    AUDIT_KEY: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().positive().default(300),
    WORKERS_ENABLED: z.enum(['true', 'false']).default('true'),
    JOB_CONCURRENCY: optionalString,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    METRICS_TOKEN: optionalString.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
  })
  .superRefine((env, ctx) => {
    const demo = env.DEMO_MODE === 'true';
    const need = (key: keyof typeof env, why: string) => {
      if (env[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` });
    };
    if (!demo) {
      need('ZENDESK_WEBHOOK_SECRETS', '(the signing secret of the Zendesk webhook; comma-separate several for rotation)');
      need('SESSION_SECRET', '(signs the app sessions; generate with `openssl rand -base64 48`)');
      need('AUDIT_KEY', '(keys the hashes of person ids in the audit ledger; generate with `openssl rand -base64 48`)');
      if (!env.ZENDESK_SUBDOMAIN && !env.ZENDESK_BASE_URL) {
        ctx.addIssue({ code: 'custom', path: ['ZENDESK_SUBDOMAIN'], message: 'or ZENDESK_BASE_URL is required' });
      }
      if (!env.ZENDESK_OAUTH_TOKEN && !(env.ZENDESK_EMAIL && env.ZENDESK_API_TOKEN)) {
        ctx.addIssue({ code: 'custom', path: ['ZENDESK_API_TOKEN'], message: 'with ZENDESK_EMAIL, or ZENDESK_OAUTH_TOKEN, is required' });
      }
      if (!env.ZENDESK_APP_PUBLIC_KEY && !env.ZENDESK_APP_ID) {
        ctx.addIssue({ code: 'custom', path: ['ZENDESK_APP_ID'], message: 'or ZENDESK_APP_PUBLIC_KEY is required (verifies the app pages\' signed tokens)' });
      }
      // Without an expected audience, a token Zendesk signed for another app installation of the
      // same account would open this one.
      need('ZENDESK_APP_AUDIENCE', '(the "aud" of the app\'s signed tokens: the installation URL Zendesk puts in them)');
      if (env.ZENDESK_WEBHOOK_SECRETS && commaList.parse(env.ZENDESK_WEBHOOK_SECRETS).includes(ZENDESK_TEST_WEBHOOK_SECRET)) {
        ctx.addIssue({ code: 'custom', path: ['ZENDESK_WEBHOOK_SECRETS'], message: 'must not contain Zendesk\'s public test secret (anyone can sign with it); copy the webhook\'s own signing secret' });
      }
    }
    if (env.JOB_CONCURRENCY) {
      for (const problem of parseJobConcurrency(env.JOB_CONCURRENCY).problems) ctx.addIssue({ code: 'custom', path: ['JOB_CONCURRENCY'], message: problem });
    }
    if (env.LIVECHAT_PAT && !env.LIVECHAT_ACCOUNT_ID) {
      ctx.addIssue({ code: 'custom', path: ['LIVECHAT_ACCOUNT_ID'], message: 'is required when LIVECHAT_PAT is set' });
    }
    if (env.TALKDESK_CLIENT_ID && !env.TALKDESK_CLIENT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TALKDESK_CLIENT_SECRET'], message: 'is required when TALKDESK_CLIENT_ID is set' });
    }
    if (env.TALKDESK_CLIENT_ID && !env.TALKDESK_TOKEN_URL && !env.TALKDESK_ACCOUNT) {
      ctx.addIssue({ code: 'custom', path: ['TALKDESK_ACCOUNT'], message: 'or TALKDESK_TOKEN_URL is required when TALKDESK_CLIENT_ID is set' });
    }
  });

export interface VendorCredentials {
  readonly zendesk: {
    readonly baseUrl: string;
    readonly email?: string;
    readonly apiToken?: string;
    readonly oauthToken?: string;
    readonly planLimitPerMinute: number;
  };
  readonly livechat?: { readonly baseUrl: string; readonly accountId: string; readonly pat: string; readonly planLimitPerMinute: number };
  readonly talkdesk?: {
    readonly apiBaseUrl: string;
    readonly tokenUrl: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly planLimitPerMinute: number;
  };
}

/** The parsed, frozen configuration every module receives (never `process.env` directly). */
export interface Config {
  readonly demoMode: boolean;
  readonly port: number;
  readonly host: string;
  readonly publicUrl?: string;
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly policyProfile: string;
  readonly vendors: VendorCredentials;
  readonly zendeskWebhookSecrets: readonly string[];
  /** True when the webhook secret fell back to Zendesk's documented test secret (demo only). */
  readonly usingTestWebhookSecret: boolean;
  readonly zendeskApp: { readonly appId?: string; readonly publicKeyPem?: string; readonly audience?: string };
  readonly accountLocale: string;
  readonly livechatWebhookSecret?: string;
  readonly rateBudgetShare: number;
  readonly retentionCron: string;
  /** When this service purges its own expired copies (exports, webhook payloads). */
  readonly housekeepingCron: string;
  readonly exportKeepDays: number;
  readonly webhookPayloadKeepDays: number;
  /** Text attachments larger than this are named in the note as not scanned instead of downloaded (0: none is scanned). */
  readonly attachmentScanMaxBytes: number;
  /**
   * When new comments carry files that were not scanned (images, PDFs, archives, text over the cap): "always" adds an
   * internal note naming them even when nothing was redacted; "with_redactions" names them only in a redaction note.
   */
  readonly unscannedAttachmentNote: 'always' | 'with_redactions';
  /** C05: also run the learned backstop, whose findings are only flagged for an agent ('off' by default). */
  readonly suspectedSecrets: 'off' | 'flag';
  readonly sessionSecret: string;
  readonly auditKey: string;
  readonly webhookToleranceSeconds: number;
  /** False for a web-only replica that takes webhooks but runs no jobs. */
  readonly workersEnabled: boolean;
  /** Jobs in flight per kind in this process, where JOB_CONCURRENCY overrides the defaults. */
  readonly jobConcurrency: Readonly<Partial<Record<JobKind, number>>>;
  readonly logLevel: string;
  /** Bearer token for GET /metrics; unset means /metrics answers 404. */
  readonly metricsToken?: string;
}

/** Raised when the environment does not parse; `problems` names each variable and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/** Who loads the configuration: only the demo and sandbox entry points may run in demo mode. */
export interface LoadConfigOptions {
  /** True for `npm run demo`, the sandboxed CLI and tests; `npm start` never sets it. */
  allowDemoMode?: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, randomSecret: () => string = defaultRandomSecret, options: LoadConfigOptions = {}): Config {
  if (env.DEMO_MODE === 'true' && !options.allowDemoMode) {
    // Demo mode accepts Zendesk's public test secret and random keys: never in the production entry.
    throw new ConfigError(['DEMO_MODE=true is only honoured by `npm run demo`; unset it for `npm start`']);
  }
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const demo = e.DEMO_MODE === 'true';
  const secrets = e.ZENDESK_WEBHOOK_SECRETS ? commaList.parse(e.ZENDESK_WEBHOOK_SECRETS) : [];
  const usingTestWebhookSecret = secrets.length === 0 && demo;
  const zendeskBase = e.ZENDESK_BASE_URL ?? (e.ZENDESK_SUBDOMAIN ? `https://${e.ZENDESK_SUBDOMAIN}.zendesk.com` : 'http://127.0.0.1:0/sandbox/zendesk');

  const config: Config = {
    demoMode: demo,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    policyProfile: e.POLICY_PROFILE,
    vendors: {
      zendesk: {
        baseUrl: zendeskBase.replace(/\/+$/, ''),
        email: e.ZENDESK_EMAIL,
        apiToken: e.ZENDESK_API_TOKEN,
        oauthToken: e.ZENDESK_OAUTH_TOKEN,
        planLimitPerMinute: e.ZENDESK_RATE_LIMIT_PER_MINUTE,
      },
      livechat:
        e.LIVECHAT_ACCOUNT_ID && e.LIVECHAT_PAT
          ? { baseUrl: e.LIVECHAT_BASE_URL, accountId: e.LIVECHAT_ACCOUNT_ID, pat: e.LIVECHAT_PAT, planLimitPerMinute: e.LIVECHAT_RATE_LIMIT_PER_MINUTE }
          : undefined,
      talkdesk:
        e.TALKDESK_CLIENT_ID && e.TALKDESK_CLIENT_SECRET
          ? {
              apiBaseUrl: e.TALKDESK_BASE_URL,
              tokenUrl: e.TALKDESK_TOKEN_URL ?? `https://${e.TALKDESK_ACCOUNT}.talkdeskid.com/oauth/token`,
              clientId: e.TALKDESK_CLIENT_ID,
              clientSecret: e.TALKDESK_CLIENT_SECRET,
              planLimitPerMinute: e.TALKDESK_RATE_LIMIT_PER_MINUTE,
            }
          : undefined,
    },
    zendeskWebhookSecrets: usingTestWebhookSecret ? [ZENDESK_TEST_WEBHOOK_SECRET] : secrets,
    usingTestWebhookSecret,
    zendeskApp: { appId: e.ZENDESK_APP_ID, publicKeyPem: e.ZENDESK_APP_PUBLIC_KEY?.replace(/\\n/g, '\n'), audience: e.ZENDESK_APP_AUDIENCE },
    accountLocale: e.ZENDESK_ACCOUNT_LOCALE,
    livechatWebhookSecret: e.LIVECHAT_WEBHOOK_SECRET,
    rateBudgetShare: e.RATE_BUDGET_SHARE,
    retentionCron: e.RETENTION_CRON,
    housekeepingCron: e.HOUSEKEEPING_CRON,
    exportKeepDays: e.EXPORT_KEEP_DAYS,
    webhookPayloadKeepDays: e.WEBHOOK_PAYLOAD_KEEP_DAYS,
    attachmentScanMaxBytes: e.ATTACHMENT_SCAN_MAX_KB * 1024,
    unscannedAttachmentNote: e.UNSCANNED_ATTACHMENT_NOTE,
    suspectedSecrets: e.SUSPECTED_SECRETS,
    // Demo mode only: per-process random keys, so no secret has a default value anywhere.
    sessionSecret: e.SESSION_SECRET ?? randomSecret(),
    auditKey: e.AUDIT_KEY ?? randomSecret(),
    webhookToleranceSeconds: e.WEBHOOK_TOLERANCE_SECONDS,
    workersEnabled: e.WORKERS_ENABLED === 'true',
    jobConcurrency: e.JOB_CONCURRENCY ? parseJobConcurrency(e.JOB_CONCURRENCY).value : {},
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
  };
  return deepFreeze(config);
}

function defaultRandomSecret(): string {
  return globalThis.crypto.getRandomValues(new Uint8Array(48)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
