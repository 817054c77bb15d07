import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { pngSize, validateApp } from '../../../zendesk-app/scripts/validate-app.js';
import { packageEntries } from '../../../zendesk-app/scripts/package-app.js';
import { buildAppDirectory, ZCLI_CONFIG } from '../../../zendesk-app/scripts/app-directory.js';
import { deployCommand, readZcliConfig } from '../../../zendesk-app/scripts/zcli-app.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The app directory built from the repository's sources into a temporary folder, to break one thing at a time. */
async function copyApp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pg-app-'));
  dirs.push(dir);
  await buildAppDirectory(ROOT, dir);
  return dir;
}

/** A repository root with the app's sources and a local zcli config holding a secret. */
async function rootWithZcliConfig(secret: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'pg-root-'));
  dirs.push(root);
  for (const entry of ['manifest.json', 'requirements.json', 'translations', 'assets']) await cp(join(ROOT, entry), join(root, entry), { recursive: true });
  await writeFile(join(root, ZCLI_CONFIG), JSON.stringify({ parameters: { middleware_url: 'https://pg.example.com', api_token: secret } }));
  return root;
}

/** zcli's own packager (the code behind `zcli apps:package`, before its upload), and a zip reader it ships with. */
function zcliPackager(): { createAppPkg: (appDir: string) => Promise<string>; zipEntries: (zip: string) => string[] } {
  const fromZcliApps = createRequire(createRequire(import.meta.url).resolve('@zendesk/zcli-apps/package.json'));
  const { createAppPkg } = fromZcliApps('./dist/lib/package.js') as { createAppPkg: (appDir: string) => Promise<string> };
  const AdmZip = fromZcliApps('adm-zip') as new (file: string) => { getEntries(): Array<{ entryName: string; isDirectory: boolean; getData(): Buffer }> };
  return {
    createAppPkg,
    zipEntries: (zip) => new AdmZip(zip).getEntries().filter((e) => !e.isDirectory).map((e) => e.entryName).sort(),
  };
}

let dirs: string[] = [];
afterEach(async () => {
  const done = dirs;
  dirs = [];
  await Promise.all(done.map((d) => rm(d, { recursive: true, force: true })));
});

async function editJson(dir: string, file: string, edit: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(join(dir, file), 'utf8')) as Record<string, unknown>;
  edit(json);
  await writeFile(join(dir, file), JSON.stringify(json));
}

describe('app package validation', () => {
  it('when the app directory is built from the sources, then it has no problems', async () => {
    expect(await validateApp(await copyApp())).toEqual([]);
  });

  it('when frameworkVersion is removed from the manifest, then the problem names manifest.json and the field', async () => {
    const dir = await copyApp();
    await editJson(dir, 'manifest.json', (m) => { delete m.frameworkVersion; });
    const problems = await validateApp(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'manifest.json', field: 'frameworkVersion' }));
  });

  it('when a location URL is plain http, then it is rejected', async () => {
    const dir = await copyApp();
    await editJson(dir, 'manifest.json', (m) => {
      (m.location as { support: { ticket_sidebar: { url: string } } }).support.ticket_sidebar.url = 'http://example.com/app';
    });
    const problems = await validateApp(dir);
    expect(problems.some((p) => p.file === 'manifest.json' && p.field.startsWith('location.support.ticket_sidebar'))).toBe(true);
  });

  it('when a parameter has a type Zendesk does not know, then it is rejected', async () => {
    const dir = await copyApp();
    await editJson(dir, 'manifest.json', (m) => { (m.parameters as Array<{ type: string }>)[0]!.type = 'secret'; });
    expect(await validateApp(dir)).toContainEqual(expect.objectContaining({ file: 'manifest.json', field: 'parameters.0.type' }));
  });

  it('when logo.png has the wrong size, then the size problem is reported', async () => {
    const dir = await copyApp();
    await cp(join(ROOT, 'assets/logo-small.png'), join(dir, 'assets/logo.png'));
    const problems = await validateApp(dir);
    expect(problems).toContainEqual({ file: 'assets/logo.png', field: '(size)', message: 'is 128×128, must be 320×320' });
  });

  it('when a translation lacks a key of en.json, then the key is named', async () => {
    const dir = await copyApp();
    await editJson(dir, 'translations/de.json', (d) => { delete (d.app as Record<string, unknown>).short_description; });
    expect(await validateApp(dir)).toContainEqual(expect.objectContaining({ file: 'translations/de.json', field: 'app.short_description' }));
  });

  it('when a trigger names an undeclared webhook, then it is reported', async () => {
    const dir = await copyApp();
    await editJson(dir, 'requirements.json', (r) => {
      const trig = (r.triggers as Record<string, { actions: Array<{ value: unknown[] }> }>).pg_ticket_created!;
      trig.actions[0]!.value[0] = 'nope';
    });
    expect(await validateApp(dir)).toContainEqual(expect.objectContaining({ file: 'requirements.json', field: 'triggers.pg_ticket_created.actions.0.value.0' }));
  });

  it('when a required file is missing, then it is reported', async () => {
    const dir = await copyApp();
    await rm(join(dir, 'assets/logo-small.png'));
    expect(await validateApp(dir)).toContainEqual({ file: 'assets/logo-small.png', field: '(file)', message: 'required file is missing' });
  });

  it('reads PNG sizes from the IHDR chunk', async () => {
    expect(pngSize(await readFile(join(ROOT, 'assets/logo.png')))).toEqual({ width: 320, height: 320 });
    expect(pngSize(Buffer.from('not a png'))).toBeNull();
  });

  it('packages manifest, requirements, translations and assets at the zip root, without the served pages', async () => {
    const entries = await packageEntries(await copyApp());
    expect(entries).toEqual(expect.arrayContaining(['manifest.json', 'requirements.json', 'translations/en.json', 'assets/logo.png', 'assets/logo-small.png']));
    expect(entries.some((e) => e.startsWith('assets/app/'))).toBe(false);
    expect(entries.some((e) => e.startsWith('.') || e === 'GENERATED.md' || e === 'assets/clause-coverage.json')).toBe(false);
  });

  it('when zcli packages the app directory, then it zips exactly the files `npm run package` zips, and never the local zcli config', async () => {
    const secret = 'zcli-local-secret-4f1c';
    const root = await rootWithZcliConfig(secret);
    const appDir = join(root, 'dist', 'zendesk-app');
    await buildAppDirectory(root, appDir);
    const zcli = zcliPackager();
    const zip = await zcli.createAppPkg(appDir);
    expect(zcli.zipEntries(zip)).toEqual(await packageEntries(appDir));
    expect(zcli.zipEntries(zip)).not.toContain(ZCLI_CONFIG);
    expect((await readFile(zip)).includes(secret)).toBe(false);
  });

  it('when zcli records an app_id in the linked config, then rebuilding the app directory keeps it', async () => {
    const root = await rootWithZcliConfig('t');
    const appDir = join(root, 'dist', 'zendesk-app');
    await buildAppDirectory(root, appDir);
    // What `zcli apps:create` does after a deploy: rewrite the config in the app directory.
    await writeFile(join(appDir, ZCLI_CONFIG), JSON.stringify({ parameters: {}, app_id: 123 }));
    await buildAppDirectory(root, appDir);
    expect(JSON.parse(await readFile(join(appDir, ZCLI_CONFIG), 'utf8'))).toMatchObject({ app_id: 123 });
  });

  it('the trigger body in requirements.json is the one documented in TRIGGER_BODY.md', async () => {
    const req = JSON.parse(await readFile(join(ROOT, 'requirements.json'), 'utf8')) as { triggers: Record<string, { actions: Array<{ value: string[] }> }> };
    const doc = await readFile(join(ROOT, 'zendesk-app/TRIGGER_BODY.md'), 'utf8');
    for (const trigger of Object.values(req.triggers)) expect(doc).toContain(trigger.actions[0]!.value[1]);
  });
});

describe('local zcli config (npm run app:serve / app:deploy)', () => {
  it('when zcli.apps.config.json is missing, then the problem says which example to copy', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pg-root-'));
    dirs.push(root);
    expect((await readZcliConfig(root, ['middleware_url'])).problems).toEqual([expect.stringContaining('copy zcli.apps.config.example.json')]);
  });

  it('when a manifest parameter has no value in the config, then it is named instead of zcli prompting for it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pg-root-'));
    dirs.push(root);
    await writeFile(join(root, ZCLI_CONFIG), JSON.stringify({ parameters: { middleware_url: 'https://pg.example.com' } }));
    expect((await readZcliConfig(root, ['middleware_url', 'api_token'])).problems).toEqual(['zcli.apps.config.json: parameters.api_token is missing (manifest.json declares it).']);
  });

  it('when no app_id is known, then app:deploy creates the app; once zcli recorded one (or ZENDESK_APP_ID is set), it updates it', () => {
    expect(deployCommand({}, { parameters: {} })).toBe('apps:create');
    expect(deployCommand({}, { parameters: {}, app_id: 123 })).toBe('apps:update');
    expect(deployCommand({ ZENDESK_APP_ID: '456' }, undefined)).toBe('apps:update');
  });

  it('the committed example names every parameter of the manifest', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pg-root-'));
    dirs.push(root);
    await cp(join(ROOT, 'zcli.apps.config.example.json'), join(root, ZCLI_CONFIG));
    const manifest = JSON.parse(await readFile(join(ROOT, 'manifest.json'), 'utf8')) as { parameters: Array<{ name: string }> };
    expect((await readZcliConfig(root, manifest.parameters.map((p) => p.name))).problems).toEqual([]);
  });
});

describe('translations used by the pages', () => {
  it('every t("…") key in the page sources exists in en.json', async () => {
    const { readdir } = await import('node:fs/promises');
    const en = JSON.parse(await readFile(join(ROOT, 'translations/en.json'), 'utf8')) as Record<string, unknown>;
    const has = (path: string): boolean => {
      let node: unknown = en.ui;
      for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
      return typeof node === 'string';
    };
    const files = (await readdir(join(ROOT, 'zendesk-app/src'), { recursive: true })).filter((f) => f.endsWith('.ts'));
    const missing: string[] = [];
    for (const f of files) {
      const src = await readFile(join(ROOT, 'zendesk-app/src', f), 'utf8');
      for (const m of src.matchAll(/\bt\('([a-z0-9_.]+)'/g)) if (!has(m[1]!)) missing.push(`${f}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});
