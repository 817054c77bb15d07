/**
 * The ticket sidebar against the real middleware (preview pages, summary, consent ledger, CC
 * enforcement) on a seeded sandbox. Expected values come from the seeded dataset and its ground
 * truth, not from the middleware's own answers.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, findTicketWithCcs, userOf, type DemoService, type TicketWithCcs } from '../helpers/demo-service.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import { waitFor } from '../helpers/child-service.js';
import { ARTIFACTS, startHarness, type BrowserHarness } from './browser-helpers.js';
import { openHosted } from './host-page.js';

const ASSETS_APP = fileURLToPath(new URL('../../assets/app/', import.meta.url));
let h: BrowserHarness;
let demo: DemoService;
let tk: TicketWithCcs;

beforeAll(async () => {
  const harness = await startHarness();
  h = harness;
  demo = harness.demo;
  tk = findTicketWithCcs(demo.dataset, demo.groundTruth);
});
afterAll(async () => {
  await h?.close();
});

/** The sidebar in the preview host (real ZAF SDK); `page` is the app's frame, `tab` the browser tab. */
async function openSidebar(ticket: number): Promise<{ page: Frame; tab: Page; summaryCalls: string[] }> {
  const summaryCalls: string[] = [];
  const { app, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/sidebar?ticket=${ticket}`, {
    onRequest: (url) => {
      if (new URL(url).pathname === '/api/v1/summary') summaryCalls.push(url);
    },
  });
  await app.waitForSelector('#app[data-ready="true"]');
  return { page: app, tab, summaryCalls };
}

const personSection = (userId: number) => `[data-person="zendesk:${userId}"]`;
const consentRow = (page: Frame, section: string, purpose: string) => page.locator(`${section} tr[data-purpose="${purpose}"]`).first();

/** Opens a CC's collapsed details in the sidebar. */
async function expandCc(page: Frame, userId: number): Promise<string> {
  const section = `details${personSection(userId)}`;
  if (!(await page.locator(section).evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator(`${section} > summary`).click();
  return section;
}

async function processedWebhooks(): Promise<number> {
  const { rows } = await demo.service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status = 'processed'`);
  return rows[0]!.n;
}

describe('ticket sidebar on the real middleware', () => {
  it('when a seeded ticket opens, then it shows the ledger consent, the retention status and the CC decisions', async () => {
    const { page, tab } = await openSidebar(tk.ticket.id);
    const requester = '[data-section="requester"]';
    expect(await page.locator(`${requester} .person-email`).innerText()).toBe(userOf(demo.dataset, tk.requesterId).email);

    // Nothing is recorded in the ledger yet: every optional purpose is "never", a required one is just required (C10).
    const purposes = demo.service.context.profile.consentPurposes;
    expect(purposes.some((p) => p.required)).toBe(true);
    for (const purpose of purposes) {
      const row = consentRow(page, requester, purpose.id);
      if (purpose.required) {
        expect(await row.getAttribute('data-state')).toBe('required');
        expect(await row.locator('td').innerText()).toContain('Required (');
        expect(await row.getByRole('button').count()).toBe(0);
      } else {
        expect(await row.getAttribute('data-state')).toBe('never');
        expect(await row.locator('td').innerText()).toContain('No, never given');
      }
      expect(await row.innerText()).not.toMatch(/[a-z]+_[a-z_]+/); // no raw purpose id such as "service_messages?"
    }
    expect(await consentRow(page, requester, 'service_messages').locator('td').innerText()).toContain('Required (service messages)');

    // Retention: the ground truth says this requester was active within the window.
    expect(demo.groundTruth.stale).not.toContain(tk.requesterId);
    expect(await page.locator(`${requester} [data-retention]`).getAttribute('data-retention')).toBe('not_due');
    // An agent CC is exempt from retention.
    await expandCc(page, tk.agentCcId);
    expect(await page.locator(`${personSection(tk.agentCcId)} [data-retention]`).getAttribute('data-retention')).toBe('exempt');

    // CC decisions (C07): the agent and the colleague on the desk's domain stay, the end user without consent goes.
    const decision = (id: number) => page.locator(`[data-cc-email="${userOf(demo.dataset, id).email}"]`);
    expect(await decision(tk.agentCcId).getAttribute('data-decision')).toBe('keep');
    expect(await decision(tk.agentCcId).locator('.reason').getAttribute('data-reason')).toBe('agent');
    expect(await decision(tk.exemptCcId).getAttribute('data-decision')).toBe('keep');
    expect(await decision(tk.exemptCcId).locator('.reason').getAttribute('data-reason')).toBe('exempt_domain');
    expect(await decision(tk.exemptCcId).innerText()).toContain('Colleague on the desk');
    expect(await decision(tk.endUserCcId).getAttribute('data-decision')).toBe('remove');
    expect(await decision(tk.endUserCcId).innerText()).toContain('No CC consent on record (C07)');
    expect(await page.locator('[data-section="ccs"] details.cc-person').count()).toBe(tk.ticket.email_cc_ids.length);
    await tab.screenshot({ path: join(ARTIFACTS, `sidebar-${tk.ticket.id}.png`), fullPage: true });
    await tab.close();
  });

  it('when the sidebar loads, then it makes exactly one summary call, and it reports size and timing', async () => {
    const { page, tab, summaryCalls } = await openSidebar(tk.ticket.id);
    await page.waitForLoadState('networkidle');
    expect(summaryCalls).toHaveLength(1);
    expect(summaryCalls[0]).toContain(`ticket_id=${tk.ticket.id}`);
    expect(summaryCalls[0]).toContain(`requester_id=${tk.requesterId}`);
    const loadToSummaryMs = await page.evaluate(() => performance.getEntriesByName('pg:summary-rendered')[0]?.startTime ?? -1);

    // JS the sidebar page loads: its entry script plus the chunks it preloads.
    const html = await readFile(join(ASSETS_APP, 'sidebar.html'), 'utf8');
    const jsFiles = [...html.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    let gzipBytes = 0;
    for (const f of jsFiles) gzipBytes += gzipSync(await readFile(join(ASSETS_APP, f)), { level: 9 }).length;
    console.log(`sidebar JS: ${jsFiles.length} files, ${(gzipBytes / 1024).toFixed(1)} KB gzipped; navigation to summary drawn: ${loadToSummaryMs.toFixed(0)} ms (real middleware, seeded sandbox)`);
    expect(jsFiles.length).toBeGreaterThan(0);
    expect(gzipBytes).toBeLessThan(60 * 1024);
    expect(loadToSummaryMs).toBeGreaterThan(0);
    await tab.close();
  });

  it('when an agent records CC consent for a CC, then the sidebar shows it, and it persists with its history', async () => {
    const cc = userOf(demo.dataset, tk.endUserCcId);
    const { page, tab, summaryCalls } = await openSidebar(tk.ticket.id);
    let section = await expandCc(page, tk.endUserCcId);
    await consentRow(page, section, 'cc').getByRole('button', { name: `Record CC consent for ${cc.name}` }).click();
    const form = page.getByRole('region', { name: `CC consent for ${cc.name}` });
    // The evidence is this ticket, shown and not editable; no internal ids to type.
    expect(await form.innerText()).toContain(`this ticket (#${tk.ticket.id})`);
    expect(await form.locator('input[type="number"]').count()).toBe(0);
    expect(await form.getByLabel('Granted').isChecked()).toBe(true);
    await form.getByLabel(/How did they agree/).fill('Asked to be kept in copy, phone call');
    await form.getByRole('button', { name: 'Record' }).click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-state') === 'granted', `${section} tr[data-purpose="cc"]`);
    expect(await page.getByRole('status').filter({ hasText: 'consent recorded' }).innerText()).toContain(`CC consent recorded for ${cc.name}`);
    expect(await page.locator(`${section} > summary`).innerText()).toContain('CC ✓');
    expect(summaryCalls).toHaveLength(1); // the POST answers with the new consent; no reload
    await tab.close();

    // A new page load reads the ledger: the grant is there, and the CC is no longer removed for lack of CC consent.
    const again = await openSidebar(tk.ticket.id);
    section = await expandCc(again.page, tk.endUserCcId);
    expect(await consentRow(again.page, section, 'cc').getAttribute('data-state')).toBe('granted');
    expect(await consentRow(again.page, section, 'cc').locator('td').innerText()).toContain('Yes');
    expect(await again.page.locator(`[data-cc-email="${cc.email}"] .reason`).getAttribute('data-reason')).not.toBe('no_cc_consent');
    await again.page.locator(section).getByRole('button', { name: 'Consent history' }).click();
    const history = again.page.locator(`${section} .history table`);
    await history.waitFor();
    expect(await history.innerText()).toMatch(/CC: Granted[\s\S]*sidebar · v[\s\S]*#\d+/);
    expect(await history.innerText()).toContain(`#${tk.ticket.id}`);
    await again.tab.screenshot({ path: join(ARTIFACTS, 'sidebar-consent-recorded.png'), fullPage: true });
    await again.tab.close();
  });

  it('when an agent withdraws a consent, then a confirmation is asked first and the row then shows the withdrawal', async () => {
    const requester = userOf(demo.dataset, tk.requesterId);
    const { page, tab } = await openSidebar(tk.ticket.id);
    const section = '[data-section="requester"]';
    const row = consentRow(page, section, 'surveys');
    await row.getByRole('button', { name: /Record Surveys consent/ }).click();
    await page.getByRole('region', { name: `Surveys consent for ${requester.name}` }).getByRole('button', { name: 'Record' }).click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-state') === 'granted', `${section} tr[data-purpose="surveys"]`);

    await consentRow(page, section, 'surveys').getByRole('button', { name: /Record Surveys consent/ }).click();
    const form = page.getByRole('region', { name: `Surveys consent for ${requester.name}` });
    expect(await form.getByLabel('Withdrawn').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Record' }).click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.innerText()).toContain('withdrew Surveys consent');
    await tab.screenshot({ path: join(ARTIFACTS, 'sidebar-confirm-withdraw.png'), fullPage: true });
    await confirm.getByRole('button', { name: 'Withdraw consent' }).click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent?.includes('No, withdrawn'), `${section} tr[data-purpose="surveys"]`);
    await tab.close();
  });

  it('when CC enforcement removes an unconsented CC (C07), then the sidebar no longer lists that CC', async () => {
    // Another open ticket, so the consent granted above does not apply.
    const target = demo.dataset.zendesk.tickets.find(
      (t) => t.status !== 'closed' && t.id !== tk.ticket.id && t.email_cc_ids.some((id) => id !== tk.endUserCcId && !demo.groundTruth.agents.includes(id) && !demo.groundTruth.exemptDomainUsers.includes(id)),
    )!;
    expect(target).toBeDefined();
    const removable = target.email_cc_ids.filter((id) => !demo.groundTruth.agents.includes(id) && !demo.groundTruth.exemptDomainUsers.includes(id));
    const kept = target.email_cc_ids.filter((id) => !removable.includes(id));

    const before = await openSidebar(target.id);
    for (const id of removable) expect(await before.page.locator(`[data-cc-email="${userOf(demo.dataset, id).email}"]`).getAttribute('data-decision')).toBe('remove');
    await before.tab.close();

    const body = JSON.stringify({
      type: 'ticket_trigger',
      ticket: { id: String(target.id), requester_id: String(target.requester_id), updated_at: DEMO_NOW, email_cc_ids: target.email_cc_ids.join(',') },
    });
    const processed = await processedWebhooks();
    const res = await fetch(`${h.baseUrl}/webhooks/zendesk`, { method: 'POST', body, headers: { ...signedZendeskHeaders(body, { timestamp: DEMO_NOW }), 'x-zendesk-webhook-invocation-id': `browser-${target.id}` } });
    expect(res.status).toBe(200);
    await waitFor(async () => (await processedWebhooks()) > processed, 30_000, 'the CC enforcement job');
    expect(demo.sandbox.state.zendesk.tickets.get(target.id)!.email_cc_ids).toEqual(kept);

    const after = await openSidebar(target.id);
    for (const id of removable) {
      const email = userOf(demo.dataset, id).email;
      expect(await after.page.locator(`[data-cc-email="${email}"]`).count()).toBe(0);
      expect(await after.page.locator(`details${personSection(id)}`).count()).toBe(0);
    }
    for (const id of kept) expect(await after.page.locator(`[data-cc-email="${userOf(demo.dataset, id).email}"]`).getAttribute('data-decision')).toBe('keep');
    await after.tab.close();
  });
});
