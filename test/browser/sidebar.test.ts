import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startHarness, type BrowserHarness } from './browser-helpers.js';

const ASSETS_APP = fileURLToPath(new URL('../../assets/app/', import.meta.url));
let h: BrowserHarness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function openSidebar(ticket: number, width = 340): Promise<{ page: Page; summaryCalls: string[] }> {
  const page = await h.browser.newPage({ viewport: { width, height: 900 } });
  const summaryCalls: string[] = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/api/v1/summary') summaryCalls.push(req.url());
  });
  await page.goto(`${h.baseUrl}/preview/sidebar?ticket=${ticket}`);
  return { page, summaryCalls };
}

async function consentRow(page: Page, personSection: string, purpose: string) {
  return page.locator(`${personSection} tr[data-purpose="${purpose}"]`).first();
}

describe('ticket sidebar', () => {
  it('when a ticket opens, then it shows the requester consent, retention and the CC decisions', async () => {
    const { page } = await openSidebar(1001);
    await page.waitForSelector('#app[data-ready="true"]');
    const requester = '[data-section="requester"]';
    await expect((await consentRow(page, requester, 'cc')).innerText()).resolves.toMatch(/May we CC them\?[\s\S]*Yes[\s\S]*Accepted policy v2, current is v3/);
    await expect((await consentRow(page, requester, 'third_party_sharing')).innerText()).resolves.toContain('No, never given');
    await expect((await consentRow(page, requester, 'marketing')).innerText()).resolves.toContain('No, withdrawn');
    await expect((await consentRow(page, requester, 'service')).innerText()).resolves.toContain('Required');

    expect(await page.locator(`${requester} [data-retention]`).getAttribute('data-retention')).toBe('not_due');
    expect(await page.locator(`${requester} .facts`).first().innerText()).toContain('LiveChat');
    expect(await page.locator('[data-banner="overdue"]').innerText()).toContain('Request overdue (1)');

    expect(await page.locator('[data-cc-email="carla@othercorp.example"]').getAttribute('data-decision')).toBe('remove');
    expect(await page.locator('[data-cc-email="ben@partner.example"]').getAttribute('data-decision')).toBe('keep');
    expect(await page.locator('[data-finding="card_number"]').innerText()).toContain('2 card number(s) redacted');
    // An agent does not see the admin-only hold control (the server refuses it anyway).
    expect(await page.locator('[data-admin-only]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-1001.png'), fullPage: true });
    await page.close();
  });

  it('when the sidebar loads, then it makes exactly one summary call, and it reports size and timing', async () => {
    const { page, summaryCalls } = await openSidebar(1001);
    await page.waitForSelector('#app[data-ready="true"]');
    await page.waitForLoadState('networkidle');
    expect(summaryCalls).toHaveLength(1);
    expect(summaryCalls[0]).toContain('ticket_id=1001');
    expect(summaryCalls[0]).toContain('requester_id=501');
    const loadToSummaryMs = await page.evaluate(() => performance.getEntriesByName('pg:summary-rendered')[0]?.startTime ?? -1);

    // JS the sidebar page loads: its entry script plus the chunks it preloads.
    const html = await readFile(join(ASSETS_APP, 'sidebar.html'), 'utf8');
    const jsFiles = [...html.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    let gzipBytes = 0;
    for (const f of jsFiles) gzipBytes += gzipSync(await readFile(join(ASSETS_APP, f)), { level: 9 }).length;
    console.log(`sidebar JS: ${jsFiles.length} files, ${(gzipBytes / 1024).toFixed(1)} KB gzipped; load-to-summary ${loadToSummaryMs.toFixed(0)} ms`);
    expect(jsFiles.length).toBeGreaterThan(0);
    expect(gzipBytes).toBeLessThan(60 * 1024);
    expect(loadToSummaryMs).toBeGreaterThan(0);
    await page.close();
  });

  it('when an agent records a consent grant, then the row shows the new answer and the change is announced', async () => {
    const { page, summaryCalls } = await openSidebar(1001);
    await page.waitForSelector('#app[data-ready="true"]');
    const row = await consentRow(page, '[data-section="requester"]', 'third_party_sharing');
    await row.getByRole('button', { name: /Record Third-party sharing consent/ }).click();
    const form = page.getByRole('region', { name: /Third-party sharing consent for Anna Schmidt/ });
    expect(await form.getByLabel('Ticket ID').inputValue()).toBe('1001');
    expect(await form.getByLabel('Granted').isChecked()).toBe(true);
    await form.getByLabel(/Note/).fill('Agreed by phone, call 5521');
    await form.getByRole('button', { name: 'Record' }).click();
    await page.waitForFunction(() => document.querySelector('[data-section="requester"] tr[data-purpose="third_party_sharing"]')?.textContent?.includes('Yes'));
    expect(await page.getByRole('status').filter({ hasText: 'consent recorded' }).innerText()).toContain('Third-party sharing consent recorded for Anna Schmidt');
    expect(summaryCalls).toHaveLength(1); // the POST answers with the new consent; no reload
    await page.close();
  });

  it('when an agent withdraws a consent, then a confirmation is asked first and the row then shows the withdrawal', async () => {
    const { page } = await openSidebar(1001);
    await page.waitForSelector('#app[data-ready="true"]');
    const row = await consentRow(page, '[data-section="requester"]', 'cc');
    await row.getByRole('button', { name: /Record CC consent/ }).click();
    const form = page.getByRole('region', { name: /CC consent for Anna Schmidt/ });
    expect(await form.getByLabel('Withdrawn').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Record' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.innerText()).toContain('withdrew CC consent');
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-confirm-withdraw.png'), fullPage: true });
    await confirm.getByRole('button', { name: 'Withdraw consent' }).click();
    await page.waitForFunction(() => document.querySelector('[data-section="requester"] tr[data-purpose="cc"]')?.textContent?.includes('No, withdrawn'));
    await page.close();
  });

  it('when the requester is restricted, held and a minor, then blocking banners show and an admin sees the hold controls', async () => {
    const { page } = await openSidebar(1002);
    await page.waitForSelector('#app[data-ready="true"]');
    expect(await page.getByRole('alert').first().innerText()).toContain('Processing restricted');
    expect(await page.locator('[data-banner="held"]').innerText()).toContain('Chargeback dispute');
    expect(await page.locator('[data-banner="minor"]').count()).toBe(1);
    expect(await page.locator('[data-banner="attestation"]').count()).toBe(1);
    expect(await page.locator('[data-admin-only]').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-1002.png'), fullPage: true });
    await page.close();
  });

  it('when the requester has no record yet, then the empty state shows in the agent language', async () => {
    const { page } = await openSidebar(1003);
    await page.waitForSelector('[data-state="empty"]');
    expect(await page.locator('[data-state="empty"]').innerText()).toContain('Privacy Guard hat noch keine Daten');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    await page.close();
  });
});
