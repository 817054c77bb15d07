import type { SqlExecutor } from '../store/database.js';
import { erasedPersonKey } from '../policy/person-key.js';
import { personKeysOf, requestStore } from '../requests/request-store.js';
import type { StepHandler } from '../requests/step-types.js';

/**
 * The product's own copies of an erased person, and what happens to each (C15, C17: the erasure
 * is not complete while this service still holds the person's data):
 *
 * - access-export archives of any of the person's requests: deleted;
 * - the `people` row (e-mail, name, restriction and minor flags): deleted;
 * - consent records, legal holds, attestations and finished requests kept under an `email:` key:
 *   re-keyed to `erased:<audit subject ref>` and their e-mail dropped, so the accountability
 *   records (consent given under which policy version, holds placed and lifted) survive without
 *   naming anyone, and still line up with the audit ledger's entries about the person;
 * - processed webhook deliveries about the person's tickets or user, or naming one of the
 *   person's addresses (a CC on someone else's ticket): payload replaced by a marker; the row
 *   stays, because its event key is what makes a replay a no-op;
 * - scan and CC state of the deleted tickets: deleted.
 *
 * Deliveries still queued are left alone: their job must read them; the inbox retention purge
 * takes their payload later. Audit entries already name people only by keyed reference.
 */
export interface LocalErasureCounts {
  exportsDeleted: number;
  peopleDeleted: number;
  consentRecordsPseudonymised: number;
  holdsPseudonymised: number;
  attestationsPseudonymised: number;
  requestsPseudonymised: number;
  webhookPayloadsScrubbed: number;
  ticketStateDeleted: number;
}

function numbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0) : [];
}

export async function eraseLocalCopies(
  sql: SqlExecutor,
  input: { requestId: string; personKeys: readonly string[]; erasedKey: string; zendeskUserId: number | null; emails: readonly string[]; ticketIds: readonly number[]; deletedTicketIds: readonly number[] },
): Promise<LocalErasureCounts> {
  const keys = [...input.personKeys];
  const emailKeys = keys.filter((k) => k.startsWith('email:'));
  const count = async (text: string, params: unknown[]) => (await sql.query(text, params)).rowCount;

  const exportsDeleted = await count(
    `DELETE FROM request_exports WHERE request_id IN (SELECT id FROM privacy_requests WHERE person_key = ANY($1::text[]) OR ($2::bigint IS NOT NULL AND zendesk_user_id = $2::bigint))`,
    [keys, input.zendeskUserId],
  );
  const peopleDeleted = await count(`DELETE FROM people WHERE person_key = ANY($1::text[]) OR ($2::bigint IS NOT NULL AND zendesk_user_id = $2::bigint)`, [keys, input.zendeskUserId]);
  const consentRecordsPseudonymised = await count(
    `UPDATE consent_records SET person_key = CASE WHEN person_key LIKE 'email:%' THEN $2 ELSE person_key END, email = NULL
     WHERE person_key = ANY($1::text[]) AND (email IS NOT NULL OR person_key LIKE 'email:%')`,
    [keys, input.erasedKey],
  );
  const holdsPseudonymised = await count(`UPDATE legal_holds SET person_key = $2 WHERE person_key = ANY($1::text[])`, [emailKeys, input.erasedKey]);
  const attestationsPseudonymised = await count(`UPDATE attestations SET person_key = $2 WHERE person_key = ANY($1::text[])`, [emailKeys, input.erasedKey]);
  // This request is re-keyed when it completes (its own steps still need the key); other finished ones now.
  const requestsPseudonymised = await count(
    `UPDATE privacy_requests SET person_key = $2, working_data = '{}'::jsonb, updated_at = now()
     WHERE person_key = ANY($1::text[]) AND id <> $3::uuid AND status IN ('completed', 'refused', 'failed')`,
    [emailKeys, input.erasedKey, input.requestId],
  );

  const subjectRefs = [...input.ticketIds.map((id) => `ticket:${id}`), ...(input.zendeskUserId !== null ? [`user:${input.zendeskUserId}`] : [])];
  const patterns = input.emails.map((e) => `%${e.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const webhookPayloadsScrubbed = await count(
    `UPDATE webhook_inbox SET payload = jsonb_build_object('erased', true, 'request', $3::text)
     WHERE status <> 'queued' AND NOT (payload ?| array['purged', 'erased'])
       AND (subject_ref = ANY($1::text[]) OR lower(payload::text) LIKE ANY($2::text[]))`,
    [subjectRefs, patterns, input.requestId],
  );
  const ticketStateDeleted =
    input.deletedTicketIds.length === 0
      ? 0
      : (await count(`DELETE FROM comment_findings WHERE ticket_id = ANY($1::bigint[])`, [input.deletedTicketIds])) +
        (await count(`DELETE FROM comment_scan_state WHERE ticket_id = ANY($1::bigint[])`, [input.deletedTicketIds])) +
        (await count(`DELETE FROM cc_enforcement_state WHERE ticket_id = ANY($1::bigint[])`, [input.deletedTicketIds]));

  return { exportsDeleted, peopleDeleted, consentRecordsPseudonymised, holdsPseudonymised, attestationsPseudonymised, requestsPseudonymised, webhookPayloadsScrubbed, ticketStateDeleted };
}

/**
 * The last step of every erasure: the vendors are done and verified; now this service forgets.
 * What it did is recorded on the step in the same transaction, so a retry after a crash reports
 * the first run's counts instead of the zeros a second pass would find.
 */
export const eraseLocalCopiesStep: StepHandler = async (run) => {
  const done = run.step.result as Partial<LocalErasureCounts> & { erasedAt?: string };
  if (done.erasedAt) return { kind: 'done', result: { ...done } };
  const deletedTicketIds = numbers(run.resultOf('zendesk', 'soft_delete_tickets').ticketIds);
  const keptTicketIds = numbers(run.resultOf('zendesk', 'redact_comment_pii').ticketsKept);
  const result = await run.ctx.db.transaction(async (tx) => {
    const counts = await eraseLocalCopies(tx, {
      requestId: run.request.id,
      personKeys: personKeysOf(run.request),
      erasedKey: erasedPersonKey(run.subjectRef),
      zendeskUserId: run.request.zendeskUserId,
      emails: run.request.workingData.emails ?? [],
      ticketIds: [...deletedTicketIds, ...keptTicketIds],
      deletedTicketIds,
    });
    const recorded = { ...counts, erasedAt: run.ctx.now().toISOString() };
    await requestStore.checkpoint(tx, { requestId: run.request.id, system: run.step.system, step: run.step.step }, recorded);
    return recorded;
  });
  return { kind: 'done', result, audit: { action: 'privacy_guard.local_copies.erased', clause: 'C17', details: { ...result } } };
};
