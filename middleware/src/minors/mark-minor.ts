import type { AppContext } from '../app-context.js';
import type { SqlExecutor } from '../store/database.js';
import { consequencesOfMinorMark } from '../policy/minors.js';
import { requestStore } from '../requests/request-store.js';
import { createRequest } from '../requests/intake.js';

/**
 * C27: marks a person as a minor with the consequences the product gives every mark: restricted
 * (C24) and an erasure request held for an admin's review. Inside `tx`; returns false when the
 * person was marked already (nothing changes, nothing is audited twice).
 */
export async function markPersonAsMinor(
  ctx: AppContext,
  tx: SqlExecutor,
  input: { personKey: string; zendeskUserId: number | null; actor: string; details: Record<string, unknown> },
): Promise<boolean> {
  const consequences = consequencesOfMinorMark();
  const before = await tx.query<{ minor: boolean }>('SELECT minor FROM people WHERE person_key = $1', [input.personKey]);
  const wasMinor = Boolean(before.rows[0]?.minor);
  await tx.query(
    `INSERT INTO people (person_key, zendesk_user_id, minor, restricted) VALUES ($1, $2, true, true)
     ON CONFLICT (person_key) DO UPDATE SET minor = true, restricted = true, updated_at = now()`,
    [input.personKey, input.zendeskUserId],
  );
  if (wasMinor) return false;
  const subjectRef = ctx.audit.subjectRefFor(input.personKey);
  await ctx.audit.append({ actor: input.actor, action: 'person.minor.marked', clause: 'C27', subjectRef, outcome: 'marked', details: input.details }, tx);
  await ctx.audit.append({ actor: input.actor, action: 'person.restriction.set', clause: 'C24', subjectRef, outcome: 'restricted', details: { because: 'minor' } }, tx);
  const open = await requestStore.list(tx, { open: true, personKey: input.personKey });
  if (consequences.erasureRequest === 'open_for_admin_review' && !open.some((r) => r.type === 'erasure')) {
    await createRequest(
      ctx,
      {
        type: 'erasure',
        origin: 'minor_mark',
        personKey: input.personKey,
        zendeskUserId: input.zendeskUserId,
        createdBy: input.actor,
        identity: { method: 'admin_review', verifiedAt: ctx.now().toISOString() },
        needsReview: true,
      },
      tx,
    );
  }
  return true;
}
