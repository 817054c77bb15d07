/** Shared set-up for the browser tests: Debian's Chromium, the server under test, artifacts. */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../zendesk-app/scripts/chromium.js';
import { startServerUnderTest } from './server-under-test.js';

export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

export interface BrowserHarness {
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<BrowserHarness> {
  await mkdir(ARTIFACTS, { recursive: true });
  const server = await startServerUnderTest();
  const browser = await launchChromium();
  return {
    browser,
    baseUrl: server.baseUrl,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
