/**
 * The real product as `npm run demo` composes it (middleware/src/demo.ts), for tests: a seeded
 * vendor sandbox mounted at /sandbox, the product modules and the preview router, but on a free
 * port, a per-test database, fixed secrets and a fixed clock, so every run sees the same data.
 * The composition is replicated from demo.ts on purpose (not factored out); keep the two in step.
 */
import { loadConfig } from '../../middleware/src/config.js';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { demoModules, sandboxVendorEnvironment } from '../../middleware/src/demo-composition.js';
import { productModules } from '../../middleware/src/modules.js';
import { createSandbox, generateSeedDataset, type Sandbox, type SeedDataset, type SeedGroundTruth } from '../../middleware/src/sandbox/index.js';
import { loadProfile } from '../../middleware/src/policy/load-profile.js';
import { createAppAuthenticator } from '../../middleware/src/http/create-authenticator.js';
import { previewRouter } from '../../middleware/src/http/app-pages.js';
import { createLogger, type Logger } from '../../middleware/src/observability/logger.js';
import type { ServiceModule } from '../../middleware/src/service-module.js';
import type { AppContext } from '../../middleware/src/app-context.js';
import type { AppAuthenticator } from '../../middleware/src/http/app-auth.js';
import type { ZendeskTicketRecord } from '../../middleware/src/sandbox/types.js';
import { createTestDatabase } from './test-database.js';
import { freePort } from './child-service.js';
import { testEnvironment } from './test-config.js';

/** The seeded world's reference time; the service's clock is pinned to it. */
export const DEMO_NOW = '2026-11-20T10:00:00.000Z';
/** Seed 1: in a 300-person world it has a ticket CC'ing an agent, a colleague and an end user (seed 42, the demo's, has none). */
export const DEMO_SEED = 1;

export interface DemoServiceOptions {
  seed?: number;
  /** Seeded requesters (demo default 300). */
  size?: number;
  now?: string;
  /** Extra environment, e.g. `{ POLICY_PROFILE: 'deskpro', ZENDESK_ACCOUNT_LOCALE: 'de' }`. */
  env?: Record<string, string>;
  /** Extra modules after the product's (e.g. another engineer's module before it is in productModules). */
  extraModules?: (ctx: AppContext, auth: AppAuthenticator) => ServiceModule[];
  /** Where the service logs (e.g. a captured logger, to scan what it wrote). */
  logger?: Logger;
}

export interface DemoService {
  url: string;
  sandbox: Sandbox;
  dataset: SeedDataset;
  groundTruth: SeedGroundTruth;
  service: RunningService;
  /** The sandbox admin the preview pages act as. */
  adminId: number;
  stop(): Promise<void>;
}

export async function startDemoService(options: DemoServiceOptions = {}): Promise<DemoService> {
  const now = options.now ?? DEMO_NOW;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/sandbox`;
  const env = testEnvironment({
    DEMO_MODE: 'true',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ZENDESK_APP_PUBLIC_KEY: undefined,
    ...sandboxVendorEnvironment(base),
    ...options.env,
  });
  const config = loadConfig(env, undefined, { allowDemoMode: true });
  const profile = loadProfile(config.policyProfile);
  const seed = generateSeedDataset({ seed: options.seed ?? DEMO_SEED, size: options.size ?? 300, now, deskDomain: profile.cc.exemptDomains[0] ?? 'desk.example.com' });
  // The sandbox keeps the real clock: its rate-limit windows must slide.
  const sandbox = createSandbox({ dataset: seed.dataset });
  const admin = seed.dataset.zendesk.users.find((u) => u.role === 'admin');
  if (!admin) throw new Error('demo-service: the seeded dataset has no admin');
  const database = await createTestDatabase();
  const service = await startService(config, {
    logger: options.logger ?? createLogger({ level: env.LOG_LEVEL ?? 'warn' }),
    db: database.db,
    now: () => new Date(now),
    pollingIntervalSeconds: 0.5,
    mounts: [{ path: '/sandbox', router: sandbox.router }],
    onStop: () => database.drop(),
    modules: demoModules(sandbox, { id: admin.id, name: admin.name ?? 'Admin' }, options.extraModules),
  });
  return { url: service.url, sandbox, dataset: seed.dataset, groundTruth: seed.groundTruth, service, adminId: admin.id, stop: () => service.stop() };
}

/** A seeded ticket whose e-mail CCs include an agent, a desk colleague and a plain end user. */
export interface TicketWithCcs {
  ticket: ZendeskTicketRecord;
  requesterId: number;
  agentCcId: number;
  exemptCcId: number;
  endUserCcId: number;
}

/**
 * Finds open (not closed) seeded tickets with all three kinds of CC, in id order. Pass
 * `exclude` to get a ticket whose people differ from one already used by another test.
 */
export function findTicketsWithCcs(dataset: SeedDataset, groundTruth: SeedGroundTruth): TicketWithCcs[] {
  const agents = new Set(groundTruth.agents);
  const exempt = new Set(groundTruth.exemptDomainUsers);
  const found: TicketWithCcs[] = [];
  for (const ticket of dataset.zendesk.tickets) {
    if (ticket.status === 'closed' || ticket.email_cc_ids.length < 3) continue;
    const agentCcId = ticket.email_cc_ids.find((id) => agents.has(id));
    const exemptCcId = ticket.email_cc_ids.find((id) => exempt.has(id));
    const endUserCcId = ticket.email_cc_ids.find((id) => !agents.has(id) && !exempt.has(id) && id !== ticket.requester_id);
    if (agentCcId !== undefined && exemptCcId !== undefined && endUserCcId !== undefined) {
      found.push({ ticket, requesterId: ticket.requester_id, agentCcId, exemptCcId, endUserCcId });
    }
  }
  return found;
}

export function findTicketWithCcs(dataset: SeedDataset, groundTruth: SeedGroundTruth): TicketWithCcs {
  const first = findTicketsWithCcs(dataset, groundTruth)[0];
  if (!first) throw new Error('demo-service: no open seeded ticket has an agent, a colleague and an end user as CCs; try a larger size or another seed');
  return first;
}

export function userOf(dataset: SeedDataset, id: number) {
  const user = dataset.zendesk.users.find((u) => u.id === id);
  if (!user) throw new Error(`demo-service: no seeded user ${id}`);
  return user;
}
