import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVendorClients } from '../../middleware/src/app-context.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { sandboxEnvironment } from '../../middleware/src/sandbox/cli-sandbox.js';
import { TalkdeskCallsReport } from '../../middleware/src/connectors/talkdesk/calls-report.js';
import { testConfig } from '../helpers/test-config.js';
import { talkdeskCallsReportSources } from '../../middleware/src/modules.js';
import { loadProfile } from '../../middleware/src/policy/load-profile.js';
import type { AppContext } from '../../middleware/src/app-context.js';

/** The sandbox serves Talkdesk's calls report, so the production reader works against it unchanged. */
let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  const td = sandbox.sandbox.state.talkdesk;
  td.putContact({ id: 'c-1', name: 'Daniel', company: '', emails: [], phones: [{ label: 'mobile', number: '+351987654321' }], created_at: '2023-01-01T00:00:00Z' });
  td.putContact({ id: 'c-2', name: 'Other', company: '', emails: [], phones: [{ label: 'mobile', number: '+15550100' }], created_at: '2023-01-01T00:00:00Z' });
  td.putCall({ id: 'call-1', contact_id: 'c-1', started_at: new Date(Date.now() - 40 * 86_400_000).toISOString(), duration: 61 });
  td.putCall({ id: 'call-2', contact_id: 'c-1', started_at: new Date(Date.now() - 5 * 86_400_000).toISOString(), duration: 12 });
  td.putCall({ id: 'call-3', contact_id: 'c-2', started_at: new Date(Date.now() - 3 * 86_400_000).toISOString(), duration: 5 });
  // Older than the report's window: not listed.
  td.putCall({ id: 'call-0', contact_id: 'c-1', started_at: new Date(Date.now() - 800 * 86_400_000).toISOString(), duration: 5 });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('Talkdesk calls report against the sandbox', () => {
  const reader = () => {
    const vendors = createVendorClients(testConfig(sandboxEnvironment(sandbox.url)));
    return new TalkdeskCallsReport(vendors.talkdesk!, { lookbackMonths: 24, now: () => new Date(), pollIntervalMs: 10 });
  };

  it('C02 C21 when the export asks for a contact\'s calls, then the sandbox report job runs and lists exactly that contact\'s calls in the window', async () => {
    const calls = await reader().callsForContact('c-1');
    expect(calls.map((c) => c.id).sort()).toEqual(['call-1', 'call-2']);
    expect(calls.find((c) => c.id === 'call-1')?.durationSeconds).toBe(61);
  });

  it('C14 when the sweep asks for the last call, then each contact gets its own latest call', async () => {
    const latest = await reader().lastCallAt(['c-1', 'c-2', 'missing']);
    expect(latest).not.toBe('unknown');
    const map = latest as Map<string, Date>;
    expect([...map.keys()].sort()).toEqual(['c-1', 'c-2']);
    expect(map.get('c-1')!.getTime()).toBeGreaterThan(Date.now() - 6 * 86_400_000);
  });

  it('C14 when the production wiring (main.ts) builds its call sources, then the sweep and the export read the calls report instead of "unknown"', async () => {
    const vendors = createVendorClients(testConfig(sandboxEnvironment(sandbox.url)));
    const sources = talkdeskCallsReportSources({ vendors, profile: loadProfile('plesk'), now: () => new Date() } as unknown as AppContext);
    const latest = await sources.callActivity!.lastCallAt(['c-1']);
    expect(latest).toBeInstanceOf(Map);
    expect((latest as Map<string, Date>).has('c-1')).toBe(true);
    expect((await sources.talkdeskCalls!.callsForContact('c-2')).map((c) => c.id)).toEqual(['call-3']);
  });
});
