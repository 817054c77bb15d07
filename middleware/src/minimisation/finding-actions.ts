import { SUSPECTED_SECRET, type Finding, type FindingKind } from '../policy/pii/index.js';
import type { PolicyProfile } from '../policy/profile-schema.js';

/** What the profile says to do with a kind of finding (C04-C06). */
export type FindingAction = 'redact' | 'redact_on_solved' | 'flag' | 'ignore';

/** The ticket statuses in which credentials flagged "until solved" are redacted (C05). */
const SOLVED_OR_CLOSED = new Set(['solved', 'closed']);

export function findingActionFor(kind: FindingKind, redaction: PolicyProfile['redaction'], subtype?: string): FindingAction {
  // A token the learned backstop suspects is flagged for an agent, never removed automatically: a redaction cannot be
  // undone, and on text nobody tuned on the backstop is wrong about as often as right.
  if (kind === 'credential' && subtype === SUSPECTED_SECRET) return 'flag';
  switch (kind) {
    case 'card_number':
      return redaction.cardNumbers === 'redact_immediately' ? 'redact' : 'flag';
    case 'credential':
      return redaction.credentials === 'redact_immediately' ? 'redact' : redaction.credentials === 'flag_then_redact_on_solved' ? 'redact_on_solved' : 'flag';
    case 'special_category':
      // C06 is flag-only: there is no redacting setting for special categories.
      return redaction.specialCategories === 'flag' ? 'flag' : 'ignore';
  }
}

/** True when a finding with this action is to be removed now, given the ticket's status. */
export function redactsNow(action: FindingAction, ticketStatus: string | undefined): boolean {
  return action === 'redact' || (action === 'redact_on_solved' && ticketStatus !== undefined && SOLVED_OR_CLOSED.has(ticketStatus));
}

export function isSolvedOrClosed(ticketStatus: string | undefined): boolean {
  return ticketStatus !== undefined && SOLVED_OR_CLOSED.has(ticketStatus);
}

/** Counts per kind and subtype: what gets stored and shown, never the spans or the text. */
export function countByKindAndSubtype(findings: readonly Finding[]): Array<{ kind: FindingKind; subtype: string; count: number }> {
  const counts = new Map<string, { kind: FindingKind; subtype: string; count: number }>();
  for (const f of findings) {
    const key = `${f.kind}:${f.subtype}`;
    const entry = counts.get(key) ?? { kind: f.kind, subtype: f.subtype, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

// `{{ticket.status}}` renders the status in the account's language, so the display names of the
// languages the product supports are recognised; anything else is read from Zendesk.
const STATUS_NAMES: Readonly<Record<string, string>> = {
  new: 'new', open: 'open', pending: 'pending', hold: 'hold', 'on-hold': 'hold', 'on hold': 'hold', solved: 'solved', closed: 'closed',
  neu: 'new', offen: 'open', wartend: 'pending', angehalten: 'hold', 'gelöst': 'solved', geschlossen: 'closed',
  'новый': 'new', 'открыт': 'open', 'в ожидании': 'pending', 'на удержании': 'hold', 'решен': 'solved', 'решён': 'solved', 'закрыт': 'closed',
};

/** "Solved" / "SOLVED" / "Gelöst" → "solved"; undefined when not recognised. */
export function normaliseTicketStatus(display: unknown): string | undefined {
  if (typeof display !== 'string') return undefined;
  return STATUS_NAMES[display.trim().toLowerCase()];
}
