import type { SandboxState } from './state.js';
import type { TalkdeskCallDirectory } from '../requests/step-types.js';
import type { CallActivitySource } from '../retention/call-activity.js';

/**
 * Talkdesk's public API cannot list a contact's calls; in the demo and tests the sandbox's own
 * call records stand in for the calls report a production deployment would read.
 */
export function sandboxCallHistory(state: () => SandboxState): { talkdeskCalls: TalkdeskCallDirectory; callActivity: CallActivitySource } {
  return {
    talkdeskCalls: {
      async callsForContact(contactId: string) {
        return [...state().talkdesk.calls.values()]
          .filter((c) => c.contact_id === contactId)
          .map((c) => ({ id: c.id, startedAt: c.started_at, durationSeconds: c.duration }));
      },
    },
    callActivity: sandboxCallActivity(state),
  };
}

/**
 * Test stand-in: reads the calls the sandbox holds directly, by contact id. Production and the
 * demo read them through Talkdesk's calls report (connectors/talkdesk/calls-report.ts).
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
