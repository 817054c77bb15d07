/**
 * `npx tsx bench/app-preview/run.ts [--loads 20]`: the sidebar in the preview, against the real
 * middleware and the seeded sandbox, in headless Chromium: time from navigation start to the
 * summary drawn (one middleware round trip), and the gzipped size of the sidebar's JavaScript.
 * Baseline in the same run: the same page with the summary request answered from memory by the
 * browser (route fulfilled with the recorded response), so the difference is the middleware.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startDemoService, findTicketWithCcs } from '../../test/helpers/demo-service.js';
import { replaceMarkedSection } from '../lib/results-file.js';
import { launchChromium } from '../../zendesk-app/scripts/chromium.js';

const loads = Number(process.argv[process.argv.indexOf('--loads') + 1] || 20);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function main() {
  const started = new Date();
  const load = loadavg();
  const assetsDir = join(process.cwd(), 'assets', 'app', 'assets');
  const sidebarJs = readdirSync(assetsDir).filter((f) => f.endsWith('.js') && !f.startsWith('admin'));
  const gzippedBytes = sidebarJs.reduce((sum, f) => sum + gzipSync(readFileSync(join(assetsDir, f)), { level: 9 }).length, 0);

  const demo = await startDemoService();
  const { ticket } = findTicketWithCcs(demo.dataset, demo.groundTruth);
  const browser = await launchChromium();
  const measure = async (fromMemory: string | undefined) => {
    const page = await browser.newPage();
    if (fromMemory) await page.route('**/api/v1/summary**', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: fromMemory }));
    await page.goto(`${demo.url}/preview/sidebar?ticket=${ticket.id}`);
    // The sidebar runs in the preview host's iframe (the ZAF SDK talks to the host page).
    const app = (await (await page.waitForSelector('iframe.app-frame')).contentFrame())!;
    await app.waitForSelector('#app[data-ready="true"]');
    const ms = await app.evaluate(() => performance.getEntriesByName('pg:summary-rendered')[0]?.startTime ?? -1);
    await page.close();
    return ms;
  };
  const recorded = await (async () => {
    const page = await browser.newPage();
    const response = page.waitForResponse((r) => r.url().includes('/api/v1/summary'));
    await page.goto(`${demo.url}/preview/sidebar?ticket=${ticket.id}`);
    const body = await (await response).text();
    await page.close();
    return body;
  })();
  const real: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < loads; i++) {
    real.push(await measure(undefined));
    baseline.push(await measure(recorded));
  }
  await browser.close();
  await demo.stop();

  const p50 = percentile(real, 50);
  const b50 = percentile(baseline, 50);
  const lines = [
    '## Sidebar in the preview (issue 7)',
    '',
    `- Date: ${started.toISOString()}; machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB; Node ${process.version}; load average at start ${load.map((l) => l.toFixed(2)).join(' / ')}`,
    '- Command: `npx tsx bench/app-preview/run.ts --loads ' + loads + '`',
    `- Sidebar JavaScript: ${(gzippedBytes / 1024).toFixed(1)} KB gzipped (${sidebarJs.length} files; budget 60 KB)`,
    '',
    '| load → summary drawn | p50 ms | p95 ms |',
    '|---|---:|---:|',
    `| real middleware + sandbox (one summary round trip) | ${p50.toFixed(0)} | ${percentile(real, 95).toFixed(0)} |`,
    `| baseline: same page, summary answered from memory | ${b50.toFixed(0)} | ${percentile(baseline, 95).toFixed(0)} |`,
    '',
    `The middleware's share: about ${(p50 - b50).toFixed(0)} ms at the median (the summary reads the ticket, its users, the requester's tickets, LiveChat and Talkdesk).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  replaceMarkedSection(join(process.cwd(), 'bench', 'RESULTS.md'), 'app-preview', lines.join('\n'));
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
