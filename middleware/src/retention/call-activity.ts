/**
 * When a Talkdesk contact last had a call (C14). Talkdesk's public API has no "calls of a
 * contact" endpoint: the documented way is the Explore calls report
 * (`POST /data/reports/calls/jobs`, https://docs.talkdesk.com/reference/datareportstypejobspost),
 * which neither the connector nor the sandbox implements yet. Retention therefore depends on this
 * port; when no source can tell, a person with a Talkdesk contact is never treated as inactive
 * (see `talkdesk_activity_unknown` in evaluate-candidates.ts).
 */
import type { SandboxState } from '../sandbox/state.js';

/** Latest call start per Talkdesk contact id; `unknown` when the source cannot tell. */
export interface CallActivitySource {
  lastCallAt(contactIds: readonly string[]): Promise<Map<string, Date> | 'unknown'>;
}

/** Production default until the Talkdesk connector reads the calls report. */
export const unknownCallActivity: CallActivitySource = {
  lastCallAt: async () => 'unknown',
};

/**
 * Development and test stand-in: reads the calls the sandbox holds, as the calls report would
 * list them. Used by the CLI's `--sandbox` mode, the retention tests and the benchmark only.
 */
export function sandboxCallActivity(state: () => SandboxState): CallActivitySource {
  return {
    async lastCallAt(contactIds) {
      const wanted = new Set(contactIds);
      const latest = new Map<string, Date>();
      if (wanted.size === 0) return latest;
      for (const call of state().talkdesk.calls.values()) {
        if (!call.contact_id || !wanted.has(call.contact_id)) continue;
        const at = Date.parse(call.started_at);
        const known = latest.get(call.contact_id);
        if (!known || known.getTime() < at) latest.set(call.contact_id, new Date(at));
      }
      return latest;
    },
  };
}
