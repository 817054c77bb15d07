/** Shared set-up for the browser tests: a Chromium (Debian's, else the npm package's: see zendesk-app/scripts/chromium.ts), the server under test, artifacts. */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../zendesk-app/scripts/chromium.js';
import type { DemoService } from '../helpers/demo-service.js';
import { startFixtureServer, startServerUnderTest } from './server-under-test.js';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export interface BrowserHarness {
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

async function withBrowser<S extends { baseUrl: string; close(): Promise<void> }>(server: S): Promise<BrowserHarness & { server: S }> {
  await mkdir(ARTIFACTS, { recursive: true });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  return {
    browser,
    server,
    baseUrl: server.baseUrl,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Chromium against the real middleware on a seeded sandbox. */
export async function startHarness(): Promise<BrowserHarness & { demo: DemoService }> {
  const h = await withBrowser(await startServerUnderTest());
  return { ...h, demo: h.server.demo };
}

/** Chromium against the fixture server, for UI states the middleware cannot produce yet. */
export async function startFixtureHarness(): Promise<BrowserHarness & { server: Awaited<ReturnType<typeof startFixtureServer>> }> {
  return withBrowser(await startFixtureServer());
}
