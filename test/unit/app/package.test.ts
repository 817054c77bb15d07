import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { pngSize, validateApp } from '../../../zendesk-app/scripts/validate-app.js';
import { packageEntries } from '../../../zendesk-app/scripts/package-app.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A copy of the shipped package files, to break one thing at a time. */
async function copyApp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pg-app-'));
  for (const entry of ['manifest.json', 'requirements.json', 'translations', 'assets']) {
    await cp(join(ROOT, entry), join(dir, entry), { recursive: true, filter: (src) => !src.includes(`${'assets'}/app`) });
  }
  return dir;
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function editJson(dir: string, file: string, edit: (json: Record<string, unknown>) => void): Promise<void> {
  const json = JSON.parse(await readFile(join(dir, file), 'utf8')) as Record<string, unknown>;
  edit(json);
  await writeFile(join(dir, file), JSON.stringify(json));
}

describe('app package validation', () => {
  it('when the shipped app is checked, then it has no problems', async () => {
    expect(await validateApp(ROOT)).toEqual([]);
  });

  it('when frameworkVersion is removed from the manifest, then the problem names manifest.json and the field', async () => {
    const dir = await copyApp();
    dirs.push(dir);
    await editJson(dir, 'manifest.json', (m) => { delete m.frameworkVersion; });
    const problems = await validateApp(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'manifest.json', field: 'frameworkVersion' }));
  });

  it('when a location URL is plain http, then it is rejected', async () => {
    const dir = await copyApp();
    dirs.push(dir);
    await editJson(dir, 'manifest.json', (m) => {
      (m.location as { support: { ticket_sidebar: { url: string } } }).support.ticket_sidebar.url = 'http://example.com/app';
    });
    const problems = await validateApp(dir);
    expect(problems.some((p) => p.file === 'manifest.json' && p.field.startsWith('location.support.ticket_sidebar'))).toBe(true);
  });

  it('when a parameter has a type Zendesk does not know, then it is rejected', async () => {
    const dir = await copyApp();
    dirs.push(dir);
    await editJson(dir, 'manifest.json', (m) => { (m.parameters as Array<{ type: string }>)[0]!.type = 'secret'; });
    expect(await validateApp(dir)).toContainEqual(expect.objectContaining({ file: 'manifest.json', field: 'parameters.0.type' }));
  });

  it('when logo.png has the wrong size, then the size problem is reported', async () => {
    const dir = await copyApp();
    dirs.push(dir);
    await cp(join(ROOT, 'assets/logo-small.png'), join(dir, 'assets/logo.png'));
    const problems = await validateApp(dir);
    expect(problems).toContainEqual({ file: 'assets/logo.png', field: '(size)', message: 'is 128×128, must be 320×320' });
  });

  it('when a translation lacks a key of en.json, then the key is named', async () => {
    const dir = await copyApp();
    dirs.push(dir);
    await editJson(dir, 'translations/de.json', (d) => { delete (d.app as Record<string, unknown>).short_description; });
    expect(await validateApp(dir)).toContainEqual(expect.objectContaining({ file: 'translations/de.json', field: 'app.short_description' }));
  });

  it('when a trigger names an undeclared webhook, then it is reported', async () => {
    const dir = await copyApp();
    dirs.push(dir);
    await editJson(dir, 'requirements.json', (r) => {
      const trig = (r.triggers as Record<string, { actions: Array<{ value: unknown[] }> }>).pg_ticket_created!;
      trig.actions[0]!.value[0] = 'nope';
    });
    expect(await validateApp(dir)).toContainEqual(expect.objectContaining({ file: 'requirements.json', field: 'triggers.pg_ticket_created.actions.0.value.0' }));
  });

  it('when a required file is missing, then it is reported', async () => {
    const dir = await copyApp();
    dirs.push(dir);
    await rm(join(dir, 'assets/logo-small.png'));
    expect(await validateApp(dir)).toContainEqual({ file: 'assets/logo-small.png', field: '(file)', message: 'required file is missing' });
  });

  it('reads PNG sizes from the IHDR chunk', async () => {
    expect(pngSize(await readFile(join(ROOT, 'assets/logo.png')))).toEqual({ width: 320, height: 320 });
    expect(pngSize(Buffer.from('not a png'))).toBeNull();
  });

  it('packages manifest, requirements, translations and assets at the zip root, without the served pages', async () => {
    const entries = await packageEntries(ROOT);
    expect(entries).toEqual(expect.arrayContaining(['manifest.json', 'requirements.json', 'translations/en.json', 'assets/logo.png', 'assets/logo-small.png']));
    expect(entries.some((e) => e.startsWith('assets/app/'))).toBe(false);
  });

  it('the trigger body in requirements.json is the one documented in TRIGGER_BODY.md', async () => {
    const req = JSON.parse(await readFile(join(ROOT, 'requirements.json'), 'utf8')) as { triggers: Record<string, { actions: Array<{ value: string[] }> }> };
    const doc = await readFile(join(ROOT, 'zendesk-app/TRIGGER_BODY.md'), 'utf8');
    for (const trigger of Object.values(req.triggers)) expect(doc).toContain(trigger.actions[0]!.value[1]);
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
