/**
 * `npm run package`: validates the app offline, then writes dist/privacy-guard-zendesk-app.zip in
 * the layout zcli produces (manifest.json, requirements.json, translations/, assets/ at the root).
 * assets/app/ is left out: the middleware serves the pages; Zendesk loads them by URL.
 */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { validateApp } from './validate-app.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ZIP_PATH = join(ROOT, 'dist', 'privacy-guard-zendesk-app.zip');

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(entries.map(async (e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)])));
  return files.flat();
}

/** The zip entries, as paths relative to the repository root. */
export async function packageEntries(root: string): Promise<string[]> {
  const files = ['manifest.json', 'requirements.json'].filter((f) => existsSync(join(root, f)));
  const translations = (await listFiles(join(root, 'translations'))).map((f) => relative(root, f));
  const assets = (await listFiles(join(root, 'assets'))).map((f) => relative(root, f)).filter((f) => !f.startsWith('assets/app/'));
  return [...files, ...translations.sort(), ...assets.sort()];
}

export async function writePackage(root: string, out: string): Promise<string[]> {
  const entries = await packageEntries(root);
  await mkdir(join(out, '..'), { recursive: true });
  const zip = new yazl.ZipFile();
  // A fixed mtime keeps the zip byte-identical between builds of the same files.
  for (const entry of entries) zip.addFile(join(root, entry), entry, { mtime: new Date('2025-01-01T00:00:00Z') });
  await new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(out);
    stream.on('close', () => resolve());
    stream.on('error', reject);
    zip.outputStream.pipe(stream);
    zip.end();
  });
  return entries;
}

async function main(): Promise<void> {
  const problems = await validateApp(ROOT);
  if (problems.length > 0) {
    for (const p of problems) console.error(`${p.file}: ${p.field}: ${p.message}`);
    console.error(`\n${problems.length} problem(s); no package written.`);
    process.exitCode = 1;
    return;
  }
  const entries = await writePackage(ROOT, ZIP_PATH);
  console.log(`App valid. Wrote ${relative(ROOT, ZIP_PATH)} (${entries.length} files):`);
  for (const e of entries) console.log(`  ${e}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
