/**
 * C07 prevented, not repaired: the sidebar runs the real ZAF SDK inside the preview host (which
 * plays Zendesk's side of the SDK's messaging), sees a CC being added, and its `ticket.save` hook
 * stops the save while that CC has not consented. Against the real middleware on a seeded sandbox.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, findTicketsWithCcs, userOf, type DemoService, type TicketWithCcs } from '../helpers/demo-service.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import { waitFor } from '../helpers/child-service.js';
import { startHarness, type BrowserHarness } from './browser-helpers.js';
import { openHosted, type HostedApp } from './host-page.js';
import { seriousA11yViolations } from './axe.js';

export const SHOTS = process.env.SCREENSHOT_DIR ?? '/work/i17-shots';

let h: BrowserHarness;
let demo: DemoService;
let tickets: TicketWithCcs[];

beforeAll(async () => {
  const harness = await startHarness();
  h = harness;
  demo = harness.demo;
  tickets = findTicketsWithCcs(demo.dataset, demo.groundTruth);
});
afterAll(async () => {
  await h?.close();
});

/** End users who are not on `ticket`, not on the desk's domain, and have no consent recorded. */
function outsiders(tk: TicketWithCcs, count: number) {
  const exempt = new Set([...demo.groundTruth.agents, ...demo.groundTruth.exemptDomainUsers]);
  const onTicket = new Set([tk.requesterId, ...tk.ticket.email_cc_ids]);
  return demo.dataset.zendesk.users.filter((u) => u.role === 'end-user' && u.email && !exempt.has(u.id) && !onTicket.has(u.id)).slice(0, count);
}

/** The page's widths, and the elements that stick out (named, so a failure says what to fix). */
export async function horizontalOverflow(view: Pick<HostedApp, 'app'>): Promise<{ scrollWidth: number; clientWidth: number; offenders: string[] }> {
  return view.app.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('.visually-hidden'))
      .slice(0, 8)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}" right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth: width, offenders };
  });
}

const STOPPED = { en: 'Save stopped', de: 'Speichern gestoppt', ru: 'Сохранение остановлено' } as const;

describe('C07 CC check before Zendesk saves (real ZAF SDK in the preview host)', () => {
  it('when the sidebar starts, then it subscribes to ticket.save and to CC and requester changes through the SDK', async () => {
    const view = await openHosted(h.browser, `${h.baseUrl}/preview/sidebar?ticket=${tickets[0]!.ticket.id}`);
    const subs = await view.host.subscriptions();
    for (const name of ['ticket.save', 'ticket.collaborators.changed', 'ticket.requester.id.changed']) expect(subs[name]).toBeGreaterThan(0);
    await view.tab.close();
  });

  for (const locale of ['en', 'de', 'ru'] as const) {
    it(`C07 when an agent adds a CC without consent and submits (${locale}), then the save is stopped with a translated message and the warning is at the top`, async () => {
      const tk = tickets[0]!;
      const [stranger] = outsiders(tk, 1);
      const view = await openHosted(h.browser, `${h.baseUrl}/preview/sidebar?ticket=${tk.ticket.id}&locale=${locale}`);
      const { app, host, tab } = view;
      await host.addCc({ id: stranger!.id, name: stranger!.name!, email: stranger!.email! });
      const row = app.locator(`[data-section="cc-guard"] [data-cc-email="${stranger!.email!.toLowerCase()}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-decision')).toBe('remove');
      expect(await row.innerText()).toContain(stranger!.name!);

      const outcome = await host.save();
      expect(outcome.saved).toBe(false);
      const message = outcome.saved ? '' : outcome.message;
      expect(message).toContain(STOPPED[locale]);
      expect(message).toContain(stranger!.name!);
      // The same message in the sidebar, at the top: above the requester's details.
      await app.waitForSelector('[data-save-stopped]');
      expect(await app.locator('[data-save-stopped]').innerText()).toContain(STOPPED[locale]);
      const warningTop = (await app.locator('[data-presave-warning]').boundingBox())!.y;
      const requesterTop = (await app.locator('[data-section="requester"]').boundingBox())!.y;
      expect(warningTop).toBeLessThan(requesterTop);
      expect(warningTop).toBeLessThan(200);
      expect(await tab.locator('[data-host-save]').innerText()).toContain(`Not saved. The app says: ${message}`);
      // No raw ids or status codes where people read.
      const text = await app.locator('body').innerText();
      expect(text).not.toMatch(/\b(?:zendesk-)?agent:\d+|awaiting_identity|no_cc_consent|zendesk:\d+/);
      const { scrollWidth, clientWidth, offenders } = await horizontalOverflow(view);
      expect(clientWidth).toBe(320);
      expect(offenders).toEqual([]);
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
      expect(await seriousA11yViolations(app)).toEqual([]);
      await tab.screenshot({ path: join(SHOTS, `sidebar-cc-save-stopped-${locale}.png`), fullPage: true });
      await tab.close();
    });
  }

  it('C07 when the agent removes the CC or records consent with evidence, then the same save goes through', async () => {
    const tk = tickets[1] ?? tickets[0]!;
    const [stranger] = outsiders(tk, 1);
    const { app, host, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/sidebar?ticket=${tk.ticket.id}`);
    await host.addCc({ id: stranger!.id, name: stranger!.name!, email: stranger!.email! });
    const guard = app.locator('[data-section="cc-guard"]');
    await guard.locator(`[data-cc-email="${stranger!.email!.toLowerCase()}"][data-decision="remove"]`).waitFor();
    expect((await host.save()).saved).toBe(false);

    // Choice 1: remove the new CC (the SDK asks Zendesk to; the change event re-checks).
    await guard.getByRole('button', { name: `Remove CC (${stranger!.name})` }).click();
    await guard.locator(`[data-cc-email="${stranger!.email!.toLowerCase()}"]`).waitFor({ state: 'detached' });

    // Choice 2: the seeded end-user CC has no consent either; record it with evidence.
    const seeded = userOf(demo.dataset, tk.endUserCcId);
    expect((await host.save()).saved).toBe(false);
    await guard.getByRole('button', { name: `Record consent… (${seeded.name})` }).click();
    const form = app.getByRole('region', { name: `CC consent of ${seeded.name}` });
    expect(await form.innerText()).toContain(`this ticket (#${tk.ticket.id})`);
    expect(await form.locator('input[type="number"]').count()).toBe(0); // no ticket or comment id to type
    expect(await seriousA11yViolations(app)).toEqual([]); // with the consent form open
    await form.getByLabel(/How did they agree/).fill('Asked by phone to stay in copy');
    await form.getByRole('button', { name: 'Record' }).click();
    await guard.locator(`[data-cc-email="${seeded.email!.toLowerCase()}"][data-decision="keep"]`).waitFor();
    expect(await host.save()).toEqual({ saved: true });
    await tab.close();
  });

  it('C07 when an admin allows a CC without consent, then the override is audited, the save goes through and the webhook keeps the CC', async () => {
    // An end-user CC on another ticket who got no consent in the tests above.
    const used = new Set(tickets.slice(0, 2).map((t) => t.endUserCcId));
    const exempt = new Set([...demo.groundTruth.agents, ...demo.groundTruth.exemptDomainUsers]);
    const plain = (id: number) => !exempt.has(id) && !used.has(id) && userOf(demo.dataset, id).role === 'end-user';
    const ticket = demo.dataset.zendesk.tickets.find((t) => t.status !== 'closed' && t.email_cc_ids.some((id) => plain(id) && id !== t.requester_id))!;
    const tk = { ticket, requesterId: ticket.requester_id, endUserCcId: ticket.email_cc_ids.find((id) => plain(id) && id !== ticket.requester_id)! };
    const seeded = userOf(demo.dataset, tk.endUserCcId);
    const { app, host, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/sidebar?ticket=${tk.ticket.id}`);
    const guard = app.locator('[data-section="cc-guard"]');
    await guard.locator(`[data-cc-email="${seeded.email!.toLowerCase()}"][data-decision="remove"]`).waitFor();
    await guard.getByRole('button', { name: `Allow anyway… (${seeded.name})` }).click();
    const form = app.getByRole('region', { name: `Keep ${seeded.name} as CC without consent` });
    expect(await seriousA11yViolations(app)).toEqual([]); // with the override form open
    await form.getByLabel('Reason').fill('Court-appointed representative, order on file');
    await form.getByRole('button', { name: 'Allow and record' }).click();
    await guard.locator(`[data-cc-email="${seeded.email!.toLowerCase()}"][data-decision="keep"] [data-reason="admin_override"]`).waitFor();
    expect(await host.save()).toEqual({ saved: true });
    await tab.close();

    const { rows } = await demo.service.db.query<{ action: string; details: { ticketId: number } }>(`SELECT action, details FROM audit_ledger WHERE action = 'cc.override'`);
    expect(rows.map((r) => r.details.ticketId)).toContain(tk.ticket.id);

    // The safety net honours the override: the webhook removes nobody it allowed.
    const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(tk.ticket.id), requester_id: String(tk.requesterId), updated_at: DEMO_NOW, email_cc_ids: tk.ticket.email_cc_ids.join(',') } });
    const res = await fetch(`${h.baseUrl}/webhooks/zendesk`, { method: 'POST', body, headers: { ...signedZendeskHeaders(body, { timestamp: DEMO_NOW }), 'x-zendesk-webhook-invocation-id': `guard-${tk.ticket.id}` } });
    expect(res.status).toBe(200);
    await waitFor(async () => (await demo.service.db.query(`SELECT 1 FROM webhook_inbox WHERE status = 'processed'`)).rowCount! > 0, 30_000, 'the CC enforcement job');
    expect(demo.sandbox.state.zendesk.tickets.get(tk.ticket.id)!.email_cc_ids).toContain(tk.endUserCcId);
  });

  it('C08 when the agent changes the requester, then the CCs are checked again against the new requester', async () => {
    const tk = tickets[0]!;
    const checks: Array<{ requester?: { id?: number } }> = [];
    const view = await openHosted(h.browser, `${h.baseUrl}/preview/sidebar?ticket=${tk.ticket.id}`);
    view.tab.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/v1/cc-check') checks.push(JSON.parse(req.postData() ?? '{}'));
    });
    const [newRequester] = outsiders(tk, 1);
    await view.host.setRequester({ id: newRequester!.id, name: newRequester!.name!, email: newRequester!.email! });
    await waitFor(async () => checks.some((c) => c.requester?.id === newRequester!.id), 15_000, 'a CC check with the new requester');
    await view.tab.close();
  });

  it('C07 when a CC is added on a new ticket (new_ticket_sidebar), then the save is stopped before the ticket exists', async () => {
    const [stranger] = outsiders(tickets[0]!, 1);
    const { app, host, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/new-ticket`);
    expect(await app.locator('[data-section="cc-guard"]').innerText()).toContain('checks every CC');
    await host.addCc({ name: stranger!.name!, email: stranger!.email! });
    await app.locator('[data-decision="remove"]').waitFor();
    const outcome = await host.save();
    expect(outcome.saved).toBe(false);
    expect(await seriousA11yViolations(app)).toEqual([]);
    await tab.close();
  });
});
