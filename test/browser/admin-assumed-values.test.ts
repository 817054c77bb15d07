import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHosted } from './host-page.js';
import { seriousA11yViolations } from './axe.js';
import { ARTIFACTS, startHarness, type BrowserHarness } from './browser-helpers.js';
import type { DemoService } from '../helpers/demo-service.js';
import { waitFor } from '../helpers/child-service.js';
import { assumedProfileValues } from '../../middleware/src/policy/assumed-values.js';

/** Issue 14: the admin page lists the profile values the policy does not state, and an admin confirms them (audited). */
describe('admin page: assumed profile values (real middleware, plesk profile)', () => {
  let h: BrowserHarness & { demo: DemoService };
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('when an admin opens the admin page, then every assumed value is listed with its value and reason, and confirming one writes an audit entry that survives a reload', async () => {
    const profile = h.demo.service.context.profile;
    const expected = assumedProfileValues(profile);
    expect(expected.length).toBeGreaterThan(0);

    const { app: page, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/admin`, { width: 1280 });
    await page.waitForSelector('#app[data-ready="true"]');
    const section = page.locator('#assumed');
    expect(await section.isVisible()).toBe(true);
    expect(await section.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')))).toEqual(expected.map((v) => v.path));
    expect(await section.locator('[data-assumed-summary]').innerText()).toContain(`${expected.length} of ${expected.length} values the policy does not state still need`);
    await section.locator('[data-assumed-summary]').click();

    // plesk's legal holds: a product default the policy does not state (the plesk point).
    const holds = section.locator('tr[data-path="retention.legalHoldsAllowed"]');
    expect(await holds.locator('[data-value]').innerText()).toBe('true');
    expect(await holds.locator('[data-reason]').innerText()).toContain('court order');
    expect(await holds.innerText()).toContain('C18');
    // A processor is an object: shown as its fields, not as "[object Object]".
    expect(await section.innerText()).not.toContain('[object Object]');
    await tab.screenshot({ path: join(ARTIFACTS, 'admin-assumed-values.png'), fullPage: true });

    await holds.getByRole('button', { name: 'Confirm retention.legalHoldsAllowed' }).click();
    await holds.locator('[data-confirmed]').waitFor();
    expect(await holds.locator('[data-confirmed]').innerText()).toMatch(/^Confirmed by /);
    expect(await section.locator('[data-assumed-summary]').innerText()).toContain(`${expected.length - 1} of ${expected.length} values`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const ledger = await h.demo.service.db.query<{ actor: string; clause: string; subject_ref: string; details: unknown }>(
      "SELECT actor, clause, subject_ref, details FROM audit_ledger WHERE action = 'profile.value_confirmed'",
    );
    expect(ledger.rows).toHaveLength(1);
    expect(ledger.rows[0]).toMatchObject({ actor: `agent:${h.demo.adminId}`, clause: 'C18', subject_ref: `profile:${profile.id}` });
    const details = (typeof ledger.rows[0]!.details === 'string' ? JSON.parse(ledger.rows[0]!.details) : ledger.rows[0]!.details) as Record<string, unknown>;
    expect(details).toMatchObject({ profileId: profile.id, path: 'retention.legalHoldsAllowed', valueFingerprint: 'true' });
    await tab.close();

    // Reloaded: the confirmation comes from the ledger, the other values still wait.
    const again = await openHosted(h.browser, `${h.baseUrl}/preview/admin`, { width: 1280 });
    await again.app.waitForSelector('#app[data-ready="true"]');
    const reloaded = again.app.locator('#assumed');
    await reloaded.locator('[data-assumed-summary]').click();
    // The ledger on the page names the action in words.
    expect(await again.app.locator('#audit').innerText()).toMatch(/Profile value confirmed \(C18\)/);
    expect(await reloaded.locator('tr[data-path="retention.legalHoldsAllowed"] [data-confirmed]').count()).toBe(1);
    expect(await reloaded.locator('[data-action="confirm-value"]').count()).toBe(expected.length - 1);
    await again.tab.screenshot({ path: join(ARTIFACTS, 'admin-assumed-values-confirmed.png'), fullPage: true });
    await again.tab.close();
  });

  it('C32 when an admin publishes the policy version in force as affecting rights, then the page shows the change notice going out and the affected people get it', async () => {
    const version = h.demo.service.context.profile.policyVersion;
    const { app: page, tab } = await openHosted(h.browser, `${h.baseUrl}/preview/admin`, { width: 1280 });
    await page.waitForSelector('#app[data-ready="true"]');
    const section = page.locator('#versions');
    const row = section.locator(`tr[data-version="${version}"]`);
    expect(await row.locator('[data-notice-status]').getAttribute('data-notice-status')).toBe('unpublished');
    await row.getByRole('button', { name: 'Publish…' }).click();
    await section.getByLabel('What changed, for the people affected').fill('Call recordings are now kept for 12 months instead of 36.');
    await section.getByRole('button', { name: 'Publish…' }).last().click();
    const confirm = page.getByRole('alertdialog');
    expect(await confirm.innerText()).toContain('Send the change notice to every end user it affects?');
    await confirm.getByRole('button', { name: 'Publish and send' }).click();
    await page.waitForSelector('[data-notice-status="sending"], [data-notice-status="done"]');
    await tab.screenshot({ path: join(ARTIFACTS, 'admin-policy-versions.png'), fullPage: true });
    const notices = () => [...h.demo.sandbox.state.zendesk.tickets.values()].filter((t) => t.tags.includes('pg_policy_notice')).length;
    // 300 seeded people at Zendesk's rate limits take minutes: the first notices are enough here
    // (test/integration/policy-promises.test.ts follows a run to its end).
    const sentInLedger = async () => (await h.demo.service.db.query(`SELECT 1 FROM audit_ledger WHERE action = 'policy.change_notice_sent'`)).rows.length;
    await waitFor(async () => (await sentInLedger()) > 0, 150_000, 'the first change notices');
    expect(notices()).toBeGreaterThan(0);
    const ledger = await h.demo.service.db.query<{ action: string }>(`SELECT action FROM audit_ledger WHERE clause = 'C32' ORDER BY seq`);
    expect(ledger.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['policy.version_in_force', 'policy.version_published', 'policy.change_notice_sent']));
    await tab.close();
  }, 240_000);
});
