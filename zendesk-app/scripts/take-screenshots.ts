/**
 * Marketplace screenshots from the real built pages in the preview: assets/screenshot-1..3.png.
 * Uses the browser tests' server (today the fixture server). Run after `npm run build:app`:
 * `npx tsx zendesk-app/scripts/take-screenshots.ts`.
 */
import { fileURLToPath } from 'node:url';
import { startServerUnderTest } from '../../test/browser/server-under-test.js';
import { launchChromium } from './chromium.js';

const ASSETS = fileURLToPath(new URL('../../assets/', import.meta.url));

const shots = [
  { file: 'screenshot-1.png', path: '/preview/sidebar?ticket=1001', width: 360, height: 1100 },
  { file: 'screenshot-2.png', path: '/preview/sidebar?ticket=1002', width: 360, height: 1100 },
  { file: 'screenshot-3.png', path: '/preview/admin', width: 1280, height: 800 },
];

const server = await startServerUnderTest();
const browser = await launchChromium();
try {
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    await page.goto(`${server.baseUrl}${shot.path}`);
    await page.waitForSelector('#app[data-ready="true"]');
    await page.screenshot({ path: `${ASSETS}${shot.file}` });
    await page.close();
    console.log(`Wrote assets/${shot.file}`);
  }
} finally {
  await browser.close();
  await server.close();
}
