/**
 * `npm run app:serve` and `npm run app:deploy`: Zendesk's own CLI (zcli) on the app directory.
 *
 * Both build dist/zendesk-app/ first and read the settings from zcli.apps.config.json at the
 * repository root (git-ignored; zcli.apps.config.example.json shows its shape), which the build
 * links into the app directory, where zcli looks for it.
 *
 *   serve   zcli apps:server: the app served on http://localhost:4567; open Zendesk with
 *           ?zcli_apps=true. Needs no login. Extra arguments go to zcli (e.g. -- --port 4568).
 *   deploy  zcli apps:create the first time, zcli apps:update once the config (or
 *           ZENDESK_APP_ID) has an app_id. zcli takes the account from ZENDESK_SUBDOMAIN with
 *           ZENDESK_EMAIL + ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN), or from `npx zcli login -i`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { APP_DIR, ROOT, ZCLI_CONFIG, buildAppDirectory } from './app-directory.js';
import { validateApp } from './validate-app.js';

const ZCLI_BIN = join(ROOT, 'node_modules', '.bin', 'zcli');
const EXAMPLE = 'zcli.apps.config.example.json';

const ZcliConfigSchema = z.looseObject({
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  app_id: z.union([z.string(), z.number()]).optional(),
});
export type ZcliConfig = z.infer<typeof ZcliConfigSchema>;

/** Reads the local zcli config; every problem is a sentence that says how to fix it. */
export async function readZcliConfig(root: string, manifestParameters: string[]): Promise<{ config?: ZcliConfig; problems: string[] }> {
  const path = join(root, ZCLI_CONFIG);
  if (!existsSync(path)) return { problems: [`${ZCLI_CONFIG} is missing: copy ${EXAMPLE} to ${ZCLI_CONFIG} and fill in the settings.`] };
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return { problems: [`${ZCLI_CONFIG} is not valid JSON.`] };
  }
  const parsed = ZcliConfigSchema.safeParse(raw);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${ZCLI_CONFIG}: ${i.path.join('.') || '(root)'}: ${i.message}`) };
  // zcli would stop and prompt for a missing setting; name them all instead.
  const missing = manifestParameters.filter((name) => parsed.data.parameters?.[name] === undefined);
  const problems = missing.map((name) => `${ZCLI_CONFIG}: parameters.${name} is missing (manifest.json declares it).`);
  return { config: parsed.data, problems };
}

/** `apps:create` until an app_id is known (zcli writes it into the config after creating), then `apps:update`. */
export function deployCommand(env: NodeJS.ProcessEnv, config: ZcliConfig | undefined): 'apps:create' | 'apps:update' {
  return env.ZENDESK_APP_ID || config?.app_id ? 'apps:update' : 'apps:create';
}

function runZcli(args: string[]): Promise<number> {
  console.log(`$ zcli ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(ZCLI_BIN, args, { stdio: 'inherit', cwd: ROOT });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const [command, ...extra] = process.argv.slice(2);
  if (command !== 'serve' && command !== 'deploy') {
    console.error('Usage: npm run app:serve [-- zcli flags] | npm run app:deploy');
    return 2;
  }
  await buildAppDirectory();
  const appDir = relative(ROOT, APP_DIR);
  const invalid = await validateApp(APP_DIR);
  for (const p of invalid) console.error(`${p.file}: ${p.field}: ${p.message}`);
  const manifest = JSON.parse(await readFile(join(APP_DIR, 'manifest.json'), 'utf8')) as { parameters?: Array<{ name: string }> };
  const { config, problems } = await readZcliConfig(ROOT, (manifest.parameters ?? []).map((p) => p.name));
  for (const p of problems) console.error(p);
  if (invalid.length > 0 || problems.length > 0) return 1;

  if (command === 'serve') return runZcli(['apps:server', appDir, ...extra]);

  const hasEnvAuth = Boolean(process.env.ZENDESK_SUBDOMAIN && (process.env.ZENDESK_OAUTH_TOKEN || (process.env.ZENDESK_EMAIL && process.env.ZENDESK_API_TOKEN)));
  if (!hasEnvAuth) console.log('No ZENDESK_SUBDOMAIN with ZENDESK_EMAIL + ZENDESK_API_TOKEN (or ZENDESK_OAUTH_TOKEN) set: zcli uses the profile of `npx zcli login -i`.');
  return runZcli([deployCommand(process.env, config), appDir, ...extra]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
