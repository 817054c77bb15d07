import type { SandboxState } from './state.js';
import type { TalkdeskCallDirectory } from '../requests/step-types.js';
import { sandboxCallActivity } from '../retention/call-activity.js';

/**
 * Talkdesk's public API cannot list a contact's calls; in the demo and tests the sandbox's own
 * call records stand in for the calls report a production deployment would read.
 */
export function sandboxCallHistory(state: () => SandboxState): { talkdeskCalls: TalkdeskCallDirectory; callActivity: ReturnType<typeof sandboxCallActivity> } {
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
