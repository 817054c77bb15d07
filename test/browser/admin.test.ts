import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, findTicketWithCcs, userOf } from '../helpers/demo-service.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import { waitFor } from '../helpers/child-service.js';
import { openHosted } from './host-page.js';
import { ARTIFACTS, startFixtureHarness, startHarness, type BrowserHarness } from './browser-helpers.js';

describe('admin page on the real middleware', () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when CCs were removed, then the audit ledger lists it, the chain verifies, and every section is served', async () => {
    // Something to audit: CC enforcement on a seeded ticket (C07, C29).
    const { ticket, endUserCcId } = findTicketWithCcs(h.demo.dataset, h.demo.groundTruth);
    const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticket.id), requester_id: String(ticket.requester_id), updated_at: DEMO_NOW, email_cc_ids: ticket.email_cc_ids.join(',') } });
    const res = await fetch(`${h.baseUrl}/webhooks/zendesk`, { method: 'POST', body, headers: signedZendeskHeaders(body, { timestamp: DEMO_NOW }) });
    expect(res.status).toBe(200);
    await waitFor(async () => !h.demo.sandbox.state.zendesk.tickets.get(ticket.id)!.email_cc_ids.includes(endUserCcId), 30_000, 'the CC removal');
    expect(userOf(h.demo.dataset, endUserCcId).role).toBe('end-user');

    const { app: page, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/admin`, { width: 1280 });
    await page.waitForSelector('#app[data-ready="true"]');
    expect(await page.locator('#audit tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#audit tbody').innerText()).toContain('C07');

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.waitForSelector('.verify-result.ok');
    expect(await page.locator('.verify-result').innerText()).toMatch(/Chain intact: \d+ entries checked/);

    // Every section is served by the middleware now: no error box, no "unavailable" notice.
    expect(await page.locator('[role="alert"]').allInnerTexts()).toEqual([]);
    expect((await page.locator('[data-unavailable]').allInnerTexts()).join('').trim()).toBe('');
    expect(await page.locator('#requests').isVisible()).toBe(true);
    await tab.screenshot({ path: join(ARTIFACTS, 'admin-real.png'), fullPage: true });
    await tab.close();
  });

  it('C15 when an admin runs a retention preview and approves it, then the counts show and the status becomes approved', async () => {
    const { app: page, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/admin`, { width: 1280 });
    await page.waitForSelector('#app[data-ready="true"]');
    const preview = page.locator('[data-section="retention-preview"]');
    await preview.getByRole('button', { name: 'Run new preview' }).click();
    await page.waitForSelector('[data-preview-status="pending_approval"]', { timeout: 60_000 });
    const due = Number((await preview.locator('[data-outcome="due"]').innerText()).match(/\d+/)?.[0] ?? '0');
    expect(due).toBeGreaterThan(0);
    await preview.getByRole('button', { name: 'Approve erasure…' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.innerText()).toContain(`${due} people will be erased`);
    await confirm.getByRole('button', { name: 'Approve and erase' }).click();
    await page.waitForSelector('[data-preview-status="approved"], [data-preview-status="running"], [data-preview-status="done"]', { timeout: 60_000 });
    await tab.close();
  });
});

// States the seeded demo does not reach on its own (a dry run slower than the POST's wait, fixed
// dashboard and ledger contents) run on the fixture server.
describe('admin page (fixture server)', () => {
  let h: BrowserHarness & { server: { state: { scanPolls: number } } };
  beforeAll(async () => {
    h = await startFixtureHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when an admin approves the retention preview after confirming, then its status becomes approved', async () => {
    const { app: page, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/admin`, { width: 1280 });
    await page.waitForSelector('#app[data-ready="true"]');
    const preview = page.locator('[data-section="retention-preview"]');
    expect(await preview.locator('[data-preview-status]').getAttribute('data-preview-status')).toBe('pending_approval');
    expect(await preview.locator('[data-outcome="due"]').innerText()).toContain('3');
    await tab.screenshot({ path: join(ARTIFACTS, 'admin-fixture.png'), fullPage: true });

    await preview.getByRole('button', { name: 'Approve erasure…' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.innerText()).toContain('3 people will be erased');
    await confirm.getByRole('button', { name: 'Approve and erase' }).click();
    await page.waitForSelector('[data-preview-status="approved"]');
    expect(await preview.getByRole('button', { name: 'Approve erasure…' }).count()).toBe(0);
    await tab.close();
  });

  it('C15 when a dry run outlasts the wait (202 scanning), then the page says how far it got, shows the preview once it is done, and the approved run shows its progress', async () => {
    h.server.state.scanPolls = 2;
    const { app: page, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/admin`, { width: 1280 });
    await page.waitForSelector('#app[data-ready="true"]');
    const preview = page.locator('[data-section="retention-preview"]');
    await preview.getByRole('button', { name: 'Run new preview' }).click();
    await page.waitForSelector('[data-preview-status="scanning"]');
    expect(await preview.locator('[data-preview-scanning]').innerText()).toContain('40 evaluated so far');
    expect(await preview.getByRole('button', { name: 'Approve erasure…' }).count()).toBe(0);
    await page.waitForSelector('[data-preview-status="pending_approval"]', { timeout: 15_000 });
    expect(await page.locator('[role="alert"]').allInnerTexts()).toEqual([]);

    await preview.getByRole('button', { name: 'Approve erasure…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Approve and erase' }).click();
    await page.waitForSelector('[data-preview-progress]');
    expect(await preview.locator('[data-preview-progress]').innerText()).toContain('3 queued');
    await tab.close();
  });

  it('lists overdue requests first, verifies the audit chain, and draws accessible charts', async () => {
    const { app: page, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/admin`, { width: 1280 });
    await page.waitForSelector('#app[data-ready="true"]');
    const firstRows = await page.locator('#requests tbody tr').evaluateAll((rows) => rows.slice(0, 2).map((r) => r.className));
    expect(firstRows).toEqual(['row-overdue', 'row-overdue']);
    // An erased person's request keeps only the audit reference, and says so.
    expect(await page.locator('[data-request-id="req-3"]').innerText()).toContain('Erased person (person:5f0c1a)');

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
    await tab.close();
  });
});
