import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startHarness, type BrowserHarness } from './browser-helpers.js';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('admin page', () => {
  it('when an admin approves the retention preview after confirming, then its status becomes approved', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.baseUrl}/preview/admin`);
    await page.waitForSelector('#app[data-ready="true"]');
    const preview = page.locator('[data-section="retention-preview"]');
    expect(await preview.locator('[data-preview-status]').getAttribute('data-preview-status')).toBe('pending_approval');
    expect(await preview.locator('[data-outcome="due"]').innerText()).toContain('3');
    await page.screenshot({ path: join(ARTIFACTS, 'admin.png'), fullPage: true });

    await preview.getByRole('button', { name: 'Approve erasure…' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.innerText()).toContain('3 people will be erased');
    await confirm.getByRole('button', { name: 'Approve and erase' }).click();
    await page.waitForSelector('[data-preview-status="approved"]');
    expect(await preview.getByRole('button', { name: 'Approve erasure…' }).count()).toBe(0);
    await page.close();
  });

  it('lists overdue requests first, verifies the audit chain, and draws accessible charts', async () => {
    const page = await h.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${h.baseUrl}/preview/admin`);
    await page.waitForSelector('#app[data-ready="true"]');
    const firstRows = await page.locator('#requests tbody tr').evaluateAll((rows) => rows.slice(0, 2).map((r) => r.className));
    expect(firstRows).toEqual(['row-overdue', 'row-overdue']);

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.waitForSelector('.verify-result.ok');
    expect(await page.locator('.verify-result').innerText()).toContain('Chain intact: 120 entries checked');

    const charts = page.locator('#charts svg[role="img"]');
    expect(await charts.count()).toBe(3);
    for (const svg of await charts.all()) {
      expect(await svg.locator('title').count()).toBe(1);
      expect(await svg.locator('desc').count()).toBe(1);
    }
    expect(await page.locator('#charts table.visually-hidden').count()).toBe(3);
    expect(await page.locator('[data-clause="C17"]').innerText()).toContain('Missing');
    await page.close();
  });
});
