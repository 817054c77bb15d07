/**
 * Finds a Chromium for scripts and tests, and launches it; never downloads a browser.
 *
 * Order: `CHROMIUM_PATH` when set; else Debian's /usr/bin/chromium when installed; else the
 * headless Chromium shipped inside the `@sparticuz/chromium` npm package (Linux x64), unpacked
 * once into node_modules/.cache. So `npm install && npm test` needs no system package, and a
 * machine with Debian's Chromium keeps using it. `CHROMIUM_PATH=bundled` forces the npm one.
 */
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { access, constants, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createBrotliDecompress } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
/** The value of `CHROMIUM_PATH` that skips the system Chromium and uses the npm package's. */
export const BUNDLED = 'bundled';
const BUNDLED_PACKAGE = '@sparticuz/chromium';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A Chromium to start: the binary, and what it needs in its environment. */
export interface ChromiumInstall {
  executablePath: string;
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
  /** Libraries and fonts the npm build brings along; empty for a system Chromium. */
  env: Record<string, string>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'privacy-guard-chromium');

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(() => true, () => false);
}

/** Where the npm package keeps its compressed files, and its version (the cache key). */
async function bundledPackage(): Promise<{ bin: string; version: string }> {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(BUNDLED_PACKAGE);
  } catch {
    throw new Error(`No Chromium found: ${SYSTEM_CHROMIUM} is missing and ${BUNDLED_PACKAGE} is not installed. Run \`npm install\`, or set CHROMIUM_PATH to a Chromium binary.`);
  }
  // Its exports map hides package.json; the entry point sits at build/cjs/index.cjs.
  const root = join(dirname(entry), '..', '..');
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  return { bin: join(root, 'bin'), version };
}

async function unbrotli(from: string, to: string, mode = 0o644): Promise<void> {
  await pipeline(createReadStream(from), createBrotliDecompress(), createWriteStream(to, { mode }));
}

async function untarBrotli(from: string, into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  const tar = `${into}.${basename(from)}.tar`;
  try {
    await unbrotli(from, tar);
    // Every Linux this package runs on has tar; no tar library needed for two archives.
    await promisify(execFile)('tar', ['-xf', tar, '-C', into]);
  } finally {
    await rm(tar, { force: true });
  }
}

/** The font configuration for the bundled build: its own fonts, then the system's when present. */
function fontsConf(dir: string): string {
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${dir}/fonts</dir>\n  <dir>/usr/share/fonts</dir>\n  <cachedir>${dir}/cache</cachedir>\n</fontconfig>\n`;
}

/**
 * Unpacks the npm package's Chromium (binary, the NSS libraries it links against, fonts) once per
 * package version. Test files start in parallel workers: each unpacks into a directory of its own
 * and renames it into place, so a half-written binary is never used.
 */
export async function unpackBundledChromium(): Promise<ChromiumInstall> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`No Chromium found: ${SYSTEM_CHROMIUM} is missing and ${BUNDLED_PACKAGE} ships Linux x64 only (this is ${process.platform} ${process.arch}). Set CHROMIUM_PATH to a Chromium binary.`);
  }
  const { bin, version } = await bundledPackage();
  const dir = join(CACHE, version);
  const install: ChromiumInstall = {
    executablePath: join(dir, 'chromium'),
    source: 'npm',
    env: { LD_LIBRARY_PATH: join(dir, 'lib'), FONTCONFIG_PATH: join(dir, 'fonts') },
  };
  if (existsSync(join(dir, 'complete'))) return install;

  const staging = `${dir}.${process.pid}.${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await Promise.all([
      unbrotli(join(bin, 'chromium.br'), join(staging, 'chromium'), 0o755),
      // al2023.tar.br holds lib/ (NSS, expat); fonts.tar.br holds fonts.conf and fonts/.
      untarBrotli(join(bin, 'al2023.tar.br'), staging),
      untarBrotli(join(bin, 'fonts.tar.br'), join(staging, 'fonts')),
    ]);
    await writeFile(join(staging, 'fonts', 'fonts.conf'), fontsConf(join(dir, 'fonts')));
    await writeFile(join(staging, 'complete'), `${BUNDLED_PACKAGE}@${version}\n`);
    await rename(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another worker got there first: its copy is as good as ours.
      if (!existsSync(join(dir, 'complete'))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return install;
}

/** Picks the Chromium to use; see the module comment for the order. */
export async function resolveChromium(env: NodeJS.ProcessEnv = process.env, systemPath = SYSTEM_CHROMIUM): Promise<ChromiumInstall> {
  const configured = env.CHROMIUM_PATH?.trim();
  if (configured && configured !== BUNDLED) {
    if (!(await isExecutable(configured))) throw new Error(`CHROMIUM_PATH=${configured} is not an executable file.`);
    return { executablePath: configured, source: 'CHROMIUM_PATH', env: {} };
  }
  if (configured !== BUNDLED && (await isExecutable(systemPath))) return { executablePath: systemPath, source: 'system', env: {} };
  return unpackBundledChromium();
}

export async function launchChromium(): Promise<Browser> {
  const install = await resolveChromium();
  return chromium.launch({
    executablePath: install.executablePath,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...install.env },
  });
}

/** `npx tsx zendesk-app/scripts/chromium.ts`: which Chromium the tests will use, and its version. */
async function main(): Promise<void> {
  const install = await resolveChromium();
  const { stdout } = await promisify(execFile)(install.executablePath, ['--version'], { env: { ...process.env, ...install.env } });
  console.log(`${install.source}: ${install.executablePath} (${stdout.trim()})`);
  if (install.source === 'npm') console.log(`unpacked from ${(await readFile(join(dirname(install.executablePath), 'complete'), 'utf8')).trim()}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
