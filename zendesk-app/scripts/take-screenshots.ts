/**
 * Marketplace screenshots from the real product: the middleware composed as `npm run demo` does,
 * on the seeded sandbox (test/helpers/demo-service.ts), showing the built pages in its preview.
 * Writes assets/screenshot-1..3.png. Run after `npm run build:app`:
 * `npx tsx zendesk-app/scripts/take-screenshots.ts`.
 */
import { fileURLToPath } from 'node:url';
import type { Frame } from 'playwright-core';
import { DEMO_NOW, findTicketWithCcs, startDemoService } from '../../test/helpers/demo-service.js';
import { signedZendeskHeaders } from '../../test/helpers/webhooks.js';
import { waitFor } from '../../test/helpers/child-service.js';
import { launchChromium } from './chromium.js';

const ASSETS = fileURLToPath(new URL('../../assets/', import.meta.url));

const demo = await startDemoService();
const { ticket, endUserCcId, requesterId } = findTicketWithCcs(demo.dataset, demo.groundTruth);

/** Gives the audit ledger something to show: a consent grant from the sidebar, and CC enforcement on the ticket. */
async function auditedActivity(page: Frame): Promise<void> {
  const session = await page.evaluate(() => (JSON.parse(document.getElementById('pg-boot')?.textContent ?? '{}') as { session?: string }).session);
  await page.page().request.post(`${demo.url}/api/v1/consent`, {
    headers: { authorization: `Bearer ${session}` },
    data: { personKey: `zendesk:${requesterId}`, purpose: 'surveys', action: 'granted', evidence: { ticketId: ticket.id, note: 'Screenshot set-up' } },
  });
  const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticket.id), requester_id: String(requesterId), updated_at: DEMO_NOW, email_cc_ids: ticket.email_cc_ids.join(',') } });
  await fetch(`${demo.url}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body, { timestamp: DEMO_NOW }) });
  await waitFor(async () => !demo.sandbox.state.zendesk.tickets.get(ticket.id)!.email_cc_ids.includes(endUserCcId), 30_000, 'CC enforcement');
}

interface Shot {
  file: string;
  path: string;
  width: number;
  height: number;
  /** Brings the part worth showing into view before the shot. */
  prepare?: (page: Frame) => Promise<void>;
}

const shots: Shot[] = [
  // 1: the requester's consent and retention, as an agent first sees the sidebar.
  { file: 'screenshot-1.png', path: `/preview/sidebar?ticket=${ticket.id}`, width: 360, height: 1100 },
  // 2: what happened to this ticket's CCs, and one CC's own consent opened.
  {
    file: 'screenshot-2.png',
    path: `/preview/sidebar?ticket=${ticket.id}`,
    width: 360,
    height: 1100,
    prepare: async (page) => {
      await page.locator(`details[data-person="zendesk:${endUserCcId}"] > summary`).click();
      await page.locator('[data-section="ccs"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    },
  },
  // 3: the admin page, after some audited activity.
  {
    file: 'screenshot-3.png',
    path: '/preview/admin',
    width: 1280,
    height: 800,
    prepare: async (page) => {
      await auditedActivity(page);
      await page.goto(page.url()); // the iframe again: the app re-registers with the host
      await page.waitForSelector('#app[data-ready="true"]');
      await page.getByRole('button', { name: 'Verify chain' }).click();
      await page.waitForSelector('.verify-result.ok');
    },
  },
];

const browser = await launchChromium();
try {
  for (const shot of shots) {
    // The pages run inside the preview host, which plays Zendesk for the ZAF SDK; shoot the app's frame.
    const tab = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    await tab.goto(`${demo.url}${shot.path}`);
    const frameElement = await tab.waitForSelector('iframe.app-frame');
    const page = (await frameElement.contentFrame())!;
    await page.waitForSelector('#app[data-ready="true"]');
    await shot.prepare?.(page);
    await frameElement.screenshot({ path: `${ASSETS}${shot.file}` });
    await tab.close();
    console.log(`Wrote assets/${shot.file}`);
  }
} finally {
  await browser.close();
  await demo.stop();
}
