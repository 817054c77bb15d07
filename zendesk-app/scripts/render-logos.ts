/**
 * Renders the app's logos from one SVG in headless Chromium: assets/logo.png (320×320),
 * assets/logo-small.png (128×128), and writes assets/icon_nav_bar.svg for the admin page's
 * navigation icon. Run: `npx tsx zendesk-app/scripts/render-logos.ts`.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.js';

const ASSETS = fileURLToPath(new URL('../../assets/', import.meta.url));

/** A shield with a check mark, Garden blue on white. */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="12" fill="#1f73b7"/>
  <path d="M32 10 L50 17 V31 C50 42 42.5 50.5 32 54 C21.5 50.5 14 42 14 31 V17 Z" fill="#ffffff"/>
  <path d="M23.5 32.5 L29.5 38.5 L41 26.5" fill="none" stroke="#1f73b7" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

/** Navigation icon: no fill colour, so Zendesk can colour it for its own states. */
export const NAV_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="18" height="18" viewBox="0 0 18 18">
  <path d="M9 1.5 L15 3.8 V8.4 C15 12.1 12.5 15 9 16.3 C5.5 15 3 12.1 3 8.4 V3.8 Z M6.3 8.9 L8.2 10.8 L11.8 7.1" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    for (const [file, size] of [['logo.png', 320], ['logo-small.png', 128]] as const) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(`<html><body style="margin:0;background:transparent">${LOGO_SVG.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
      await page.screenshot({ path: `${ASSETS}${file}`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  await writeFile(`${ASSETS}icon_nav_bar.svg`, NAV_ICON_SVG);
  console.log('Wrote assets/logo.png, assets/logo-small.png, assets/icon_nav_bar.svg');
}

await main();
