/**
 * Issue 14, C12 / C13 on the admin page against the real middleware (plesk profile, seeded demo):
 * the processors of the active profile with their cross-border flags, how many known people are
 * in the EEA, and the region of the person on each privacy request. Regions come from the
 * `pg_region` user field, recorded when the product reads the user anyway (here: the sidebar).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTicketWithCcs, type DemoService } from '../helpers/demo-service.js';
import { openHosted } from './host-page.js';
import { seriousA11yViolations } from './axe.js';
import { ARTIFACTS, startHarness, type BrowserHarness } from './browser-helpers.js';
import { processorRegistry } from '../../middleware/src/policy/processors.js';
import { createRequest } from '../../middleware/src/requests/intake.js';

describe('admin page: processors and transfers (real middleware, plesk profile)', () => {
  let h: BrowserHarness & { demo: DemoService };
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('C12 C13 when a requester is marked as in the EEA, then the admin page lists every processor with function, country, region and safeguard, flags the transfers without a safeguard, counts the EEA people, and shows the region on each request row; the sidebar shows the requester\'s region', async () => {
    const profile = h.demo.service.context.profile;
    const expected = processorRegistry(profile, { inEea: true });
    const expectedFlagged = expected.filter((p) => p.transferFlagged).map((p) => p.name);
    expect(expectedFlagged.length).toBeGreaterThan(0); // plesk: Zendesk and Talkdesk are in the USA with no safeguard recorded

    // One requester in Germany, one CC in the USA: set in Zendesk's user field, as an admin would.
    const { ticket } = findTicketWithCcs(h.demo.dataset, h.demo.groundTruth);
    const users = h.demo.sandbox.state.zendesk.users;
    const eeaId = ticket.requester_id;
    const usId = ticket.email_cc_ids.find((id) => users.get(id)?.role === 'end-user' && id !== eeaId)!;
    expect(usId).toBeDefined();
    const seededEea = [...users.values()].filter((u) => u.user_fields.pg_region !== undefined).length;
    expect(seededEea).toBe(0); // the seed marks no one: every region below comes from this test
    users.get(eeaId)!.user_fields.pg_region = 'DE';
    users.get(usId)!.user_fields.pg_region = 'US';

    // The agent opens the ticket: the sidebar's summary reads these users and records their regions.
    const sidebar = await openHosted(h.browser, `${h.baseUrl}/preview/sidebar?ticket=${ticket.id}`);
    await sidebar.app.waitForSelector('#app[data-ready="true"]');
    // The sidebar shows where the requester is and the transfers that lack a safeguard (C13).
    const requesterRegion = sidebar.app.locator(`[data-person="zendesk:${eeaId}"] [data-person-region]`).first();
    expect(await requesterRegion.getAttribute('data-person-region')).toBe('eea');
    expect(await requesterRegion.innerText()).toContain(`Transfer without safeguard: ${expectedFlagged.join(', ')}`);
    await requesterRegion.scrollIntoViewIfNeeded();
    await sidebar.tab.screenshot({ path: join(ARTIFACTS, 'sidebar-region-c13.png') });
    await sidebar.tab.close();
    const ctx = h.demo.service.context;
    const eeaRequest = (await createRequest(ctx, { type: 'access', origin: 'agent', personKey: `zendesk:${eeaId}`, zendeskUserId: eeaId, ticketId: ticket.id, createdBy: `agent:${h.demo.adminId}` })).request;
    const usRequest = (await createRequest(ctx, { type: 'erasure', origin: 'agent', personKey: `zendesk:${usId}`, zendeskUserId: usId, createdBy: `agent:${h.demo.adminId}` })).request;

    const { app: page, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/admin`, { width: 1280 });
    await page.waitForSelector('#app[data-ready="true"]');
    const section = page.locator('#processors');
    expect(await section.isVisible()).toBe(true);
    expect(await section.locator('h2').innerText()).toBe('Processors and transfers');

    // C12: every processor of the active profile, with function, country, region and safeguard.
    expect(await section.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-processor')))).toEqual(expected.map((p) => p.name));
    for (const p of expected) {
      const cells = await section.locator(`tr[data-processor="${p.name}"] td`).allInnerTexts();
      expect(cells[0]).toContain(p.function);
      expect(cells[1]).toBe(p.country);
      expect(cells[2]).toBe(p.region === 'eea' ? 'EEA' : 'Outside the EEA');
      expect(cells[3]).toBe(p.safeguard ?? 'None recorded');
    }
    // C13: the processors an EEA person's data would reach without a safeguard are flagged, with the EEA head count.
    expect(await section.locator('tr[data-flagged="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-processor')))).toEqual(expectedFlagged);
    expect(await section.locator('tr[data-flagged="true"] [data-transfer-flagged]').allInnerTexts()).toEqual(expectedFlagged.map(() => 'Transfer without safeguard · people in the EEA: 1'));
    expect(await section.locator('tr[data-flagged="false"] [data-transfer-flagged]').count()).toBe(0);
    expect(await section.locator('[data-region-counts]').innerText()).toMatch(/^Known people in the EEA: 1 · outside the EEA: 1 · region not known: \d+/);

    // C13: the region of the person on each request row, with the unsafeguarded transfers for the EEA person.
    const eeaRow = page.locator(`[data-request-id="${eeaRequest.id}"]`);
    expect(await eeaRow.locator('[data-region]').getAttribute('data-region')).toBe('eea');
    expect(await eeaRow.locator('[data-region]').innerText()).toBe(`EEA Transfers without safeguard: ${expectedFlagged.length}`);
    expect(await eeaRow.locator('[data-transfers-flagged]').getAttribute('title')).toBe(`Transfers without safeguard: ${expectedFlagged.join(', ')}`);
    const usRow = page.locator(`[data-request-id="${usRequest.id}"]`);
    expect(await usRow.locator('[data-region]').innerText()).toBe('Outside the EEA');
    expect(await usRow.locator('[data-transfers-flagged]').count()).toBe(0);
    // Every row says where its person is, "not known" included.
    const rows = await page.locator('#requests tbody tr').count();
    expect(await page.locator('#requests tbody tr [data-region]').count()).toBe(rows);

    await section.scrollIntoViewIfNeeded();
    await tab.screenshot({ path: join(ARTIFACTS, 'admin-processors-c12-c13.png'), fullPage: true });
    await section.screenshot({ path: join(ARTIFACTS, 'admin-processors-c12-c13-section.png') });
    await page.locator('#requests').screenshot({ path: join(ARTIFACTS, 'admin-requests-region-c13.png') });
    expect(await page.locator('[role="alert"]').allInnerTexts()).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const height = await page.evaluate(() => Math.round(document.body.getBoundingClientRect().height));
    console.log(`admin page height with processors and two requests: ${height} px`);
    expect(height).toBeLessThan(3500);
    await tab.close();

    // The same section in German and Russian: translated, no raw keys.
    for (const [locale, title] of [['de', 'Auftragsverarbeiter und Übermittlungen'], ['ru', 'Обработчики и передача данных']] as const) {
      const other = await openHosted(h.browser, `${h.baseUrl}/preview/admin?locale=${locale}`, { width: 1280 });
      await other.app.waitForSelector('#app[data-ready="true"]');
      expect(await other.app.locator('#processors h2').innerText()).toBe(title);
      expect(await other.app.locator('#processors').innerText()).not.toMatch(/admin\.(processors|region|col)\./);
      expect(await other.app.locator(`[data-request-id="${eeaRequest.id}"] [data-region]`).innerText()).not.toMatch(/admin\./);
      await other.tab.close();
    }
  });
});
