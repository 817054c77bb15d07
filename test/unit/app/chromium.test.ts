import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED, resolveChromium } from '../../../zendesk-app/scripts/chromium.js';

let dir: string;
let fakeSystemChromium: string;
const missing = '/nonexistent/chromium';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pg-chromium-'));
  fakeSystemChromium = join(dir, 'chromium');
  await writeFile(fakeSystemChromium, '#!/bin/sh\necho fake\n');
  await chmod(fakeSystemChromium, 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('which Chromium the browser tests and scripts use', () => {
  it('when the system Chromium is installed, then it is the first choice', async () => {
    expect(await resolveChromium({}, fakeSystemChromium)).toEqual({ executablePath: fakeSystemChromium, source: 'system', env: {} });
  });

  it('when CHROMIUM_PATH names a binary, then that one is used', async () => {
    expect((await resolveChromium({ CHROMIUM_PATH: fakeSystemChromium }, missing)).source).toBe('CHROMIUM_PATH');
  });

  it('when CHROMIUM_PATH names no executable file, then the error names it', async () => {
    await expect(resolveChromium({ CHROMIUM_PATH: join(dir, 'nope') }, fakeSystemChromium)).rejects.toThrow(/CHROMIUM_PATH=.*nope is not an executable/);
  });

  it('when there is no system Chromium, then the one shipped in the npm package is unpacked and starts', { timeout: 120_000 }, async () => {
    const install = await resolveChromium({}, missing);
    expect(install.source).toBe('npm');
    expect(install.executablePath).toContain('node_modules/.cache/privacy-guard-chromium/');
    const { stdout } = await promisify(execFile)(install.executablePath, ['--version'], { env: { ...process.env, ...install.env } });
    expect(stdout).toMatch(/^Chromium \d+\./);
  });

  it(`when CHROMIUM_PATH=${BUNDLED}, then the npm package's Chromium is used even where the system has one`, { timeout: 120_000 }, async () => {
    expect((await resolveChromium({ CHROMIUM_PATH: BUNDLED }, fakeSystemChromium)).source).toBe('npm');
  });
});
