/**
 * When a Talkdesk contact last had a call (C14). Talkdesk's public API has no "calls of a
 * contact" endpoint: the documented way is the Explore calls report
 * (`POST /data/reports/calls/jobs`), read by connectors/talkdesk/calls-report.ts, which main.ts
 * wires in. When no source can tell, a person with a Talkdesk contact is never treated as
 * inactive (see `talkdesk_activity_unknown` in evaluate-candidates.ts).
 */

/** Latest call start per Talkdesk contact id; `unknown` when the source cannot tell. */
export interface CallActivitySource {
  /** `phonesByContact`: the contacts' numbers when the caller already has them (saves a read per contact). */
  lastCallAt(contactIds: readonly string[], phonesByContact?: ReadonlyMap<string, readonly string[]>): Promise<Map<string, Date> | 'unknown'>;
}

/** Without Talkdesk (or when its report cannot be had): nobody is taken for inactive on its account. */
export const unknownCallActivity: CallActivitySource = {
  lastCallAt: async () => 'unknown',
};
