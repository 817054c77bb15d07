/**
 * `npm run package`: builds the app directory (dist/zendesk-app/), validates it offline, then
 * writes dist/privacy-guard-zendesk-app.zip with the files `zcli apps:package dist/zendesk-app`
 * would zip (test/unit/app/package.test.ts compares the two). zcli's own command cannot run in
 * CI: it uploads the zip to an account's api/v2/apps/validate before keeping it.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { APP_DIR, ROOT, appFiles, buildAppDirectory } from './app-directory.js';
import { validateApp } from './validate-app.js';

export const ZIP_PATH = join(ROOT, 'dist', 'privacy-guard-zendesk-app.zip');

/** The zip entries: the app directory's packaged files, relative to it. */
export async function packageEntries(appDir: string): Promise<string[]> {
  return appFiles(appDir);
}

export async function writePackage(appDir: string, out: string): Promise<string[]> {
  const entries = await packageEntries(appDir);
  await mkdir(dirname(out), { recursive: true });
  const zip = new yazl.ZipFile();
  // A fixed mtime keeps the zip byte-identical between builds of the same files.
  for (const entry of entries) zip.addFile(join(appDir, entry), entry, { mtime: new Date('2025-01-01T00:00:00Z') });
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
  await buildAppDirectory();
  const problems = await validateApp(APP_DIR);
  if (problems.length > 0) {
    for (const p of problems) console.error(`${p.file}: ${p.field}: ${p.message}`);
    console.error(`\n${problems.length} problem(s); no package written.`);
    process.exitCode = 1;
    return;
  }
  const entries = await writePackage(APP_DIR, ZIP_PATH);
  const { size } = await stat(ZIP_PATH);
  console.log(`App valid. Wrote ${relative(ROOT, ZIP_PATH)} from ${relative(ROOT, APP_DIR)}/: ${entries.length} files, ${(size / 1024).toFixed(1)} KB`);
  for (const e of entries) console.log(`  ${e}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
