import type { AppContext } from '../app-context.js';
import type { SqlExecutor } from '../store/database.js';
import { appendConsentRecord, consentRecordsFor } from '../store/consent-store.js';
import { consentRecordIssues, deriveConsentState, type ConsentRecord, type ConsentSource, type ConsentEvidence, type ConsentStateValue, type PersonConsentState } from '../policy/consent.js';
import { personKeyCandidates, type PersonRef } from '../policy/person-key.js';
import { InvalidRequestError } from '../errors.js';

/**
 * The dropdown user fields requirements.json creates; each mirrors one purpose's current state. A dropdown
 * takes one of its options' values ("pg_marketing_granted"), not the state's name: Zendesk does not store
 * a value no option has.
 */
export const CONSENT_USER_FIELDS: Record<string, { key: string; optionPrefix: string }> = {
  cc: { key: 'pg_consent_cc', optionPrefix: 'pg_cc_' },
  third_party_sharing: { key: 'pg_consent_third_party_sharing', optionPrefix: 'pg_third_party_sharing_' },
  marketing: { key: 'pg_consent_marketing', optionPrefix: 'pg_marketing_' },
};

/** The user_fields a consent mirror writes for these purposes' states. */
export function consentUserFieldValues(purposes: Readonly<Record<string, { state: ConsentStateValue } | undefined>>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [purpose, field] of Object.entries(CONSENT_USER_FIELDS)) {
    const p = purposes[purpose];
    if (p) values[field.key] = `${field.optionPrefix}${p.state}`;
  }
  return values;
}

export async function consentStateOf(ctx: AppContext, person: PersonRef, sql: SqlExecutor = ctx.db): Promise<PersonConsentState> {
  const records = await consentRecordsFor(sql, personKeyCandidates(person));
  return deriveConsentState(records, ctx.profile, ctx.now());
}

/**
 * Appends one grant or withdrawal (never an edit), audits it, and enqueues the mirror of the
 * new state to the person's Zendesk user fields, all in one transaction.
 */
export async function recordConsent(
  ctx: AppContext,
  input: { person: PersonRef; purpose: string; action: ConsentRecord['action']; source: ConsentSource; evidence: ConsentEvidence; actor: string },
): Promise<PersonConsentState> {
  const keys = personKeyCandidates(input.person);
  const record: ConsentRecord = {
    personKey: keys[0]!,
    purpose: input.purpose,
    action: input.action,
    source: input.source,
    evidence: input.evidence,
    policyVersion: ctx.profile.policyVersion,
    actor: input.actor,
    at: ctx.now(),
  };
  const issues = consentRecordIssues(record, ctx.profile);
  if (issues.length > 0) throw new InvalidRequestError(`Consent not recorded: ${issues.join('; ')}`, issues);
  await ctx.db.transaction(async (tx) => {
    await appendConsentRecord(tx, {
      ...record,
      zendeskUserId: input.person.zendeskUserId ? Number(input.person.zendeskUserId) : undefined,
      email: input.person.email ?? undefined,
    });
    await ctx.audit.append(
      {
        actor: input.actor,
        action: `consent.${input.action}`,
        clause: input.purpose === 'marketing' && input.action === 'withdrawn' ? 'C09,C25' : 'C09',
        subjectRef: ctx.audit.subjectRefFor(record.personKey),
        outcome: 'recorded',
        details: { purpose: input.purpose, source: input.source, policyVersion: record.policyVersion, ticketId: input.evidence.ticketId ?? null },
      },
      tx,
    );
    if (input.person.zendeskUserId && CONSENT_USER_FIELDS[input.purpose]) {
      await ctx.queue.enqueue('consent-mirror', { zendeskUserId: Number(input.person.zendeskUserId), email: input.person.email ?? null }, { tx });
    }
  });
  return consentStateOf(ctx, input.person);
}

/** Job: writes the ledger's current state per purpose to Zendesk user fields (the ledger stays the truth). */
export async function mirrorConsentToZendesk(ctx: AppContext, data: { zendeskUserId: number; email: string | null }): Promise<Record<string, unknown>> {
  const state = await consentStateOf(ctx, { zendeskUserId: data.zendeskUserId, email: data.email });
  const userFields = consentUserFieldValues(state.purposes);
  await ctx.vendors.zendesk.updateUser(data.zendeskUserId, { user_fields: userFields });
  return { mirrored: Object.keys(userFields).length };
}
