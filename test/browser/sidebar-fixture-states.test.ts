/**
 * Sidebar states the real middleware cannot produce yet (no routes for holds, minors, requests,
 * attestations; comment findings need the scanner; every requester has a summary), on the
 * fixture server. Move each test to sidebar.test.ts when its route lands.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHosted } from './host-page.js';
import { seriousA11yViolations } from './axe.js';
import { ARTIFACTS, startFixtureHarness, type BrowserHarness } from './browser-helpers.js';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startFixtureHarness();
});
afterAll(async () => {
  await h?.close();
});

async function openSidebar(ticket: number) {
  return openHosted(h.browser, `${h.baseUrl}/preview/sidebar?ticket=${ticket}`);
}

describe('ticket sidebar states (fixture server)', () => {
  it('when the policy version changed and a request is overdue, then the outdated acceptance, the overdue banner and findings show', async () => {
    const { app: page, tab } = await openSidebar(1001);
    await page.waitForSelector('#app[data-ready="true"]');
    const requester = '[data-section="requester"]';
    expect(await page.locator(`${requester} tr[data-purpose="cc"]`).innerText()).toMatch(/May we CC them\?[\s\S]*Yes[\s\S]*Accepted policy v2, current is v3/);
    const required = page.locator(`${requester} tr[data-purpose="service"]`);
    expect(await required.innerText()).toContain('Required (service messages)');
    expect(await required.getByRole('button').count()).toBe(0);
    expect(await page.locator('[data-banner="overdue"]').innerText()).toContain('Request overdue (1)');
    expect(await page.locator('[data-finding="card_number"]').innerText()).toContain('2 card number(s) redacted');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await tab.close();
  });

  it('when the requester is restricted, held and a minor, then blocking banners show and an admin sees the hold controls', async () => {
    const { app: page, tab } = await openSidebar(1002);
    await page.waitForSelector('#app[data-ready="true"]');
    expect(await page.getByRole('alert').first().innerText()).toContain('Processing restricted');
    expect(await page.locator('[data-banner="held"]').innerText()).toContain('Chargeback dispute');
    expect(await page.locator('[data-banner="minor"]').count()).toBe(1);
    expect(await page.locator('[data-banner="attestation"]').count()).toBe(1);
    expect(await page.locator('[data-admin-only]').count()).toBe(1);
    await tab.screenshot({ path: join(ARTIFACTS, 'sidebar-fixture-1002.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await tab.close();
  });

  it('when the requester has no record yet, then the empty state shows in the agent language', async () => {
    const { app: page, tab } = await openSidebar(1003);
    await page.waitForSelector('[data-state="empty"]');
    expect(await page.locator('[data-state="empty"]').innerText()).toContain('Privacy Guard hat noch keine Daten');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await tab.close();
  });
});
