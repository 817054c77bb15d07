import type { AppContext } from '../app-context.js';
import { confirmIdentity } from './intake.js';
import { requestStore } from './request-store.js';

/** What an admin's manual identity override did. */
export type OverrideOutcome = 'confirmed' | 'awaiting_second_admin' | 'same_admin' | 'not_awaiting';

/**
 * An admin confirms a request's identity on the person's behalf (C20). When the profile asks for
 * four eyes (`manualOverride.fourEyes`), the first admin's approval is recorded and audited, and
 * the request starts only when a second, different admin approves it too.
 */
export async function overrideIdentity(ctx: AppContext, requestId: string, actor: string): Promise<OverrideOutcome> {
  if (!ctx.profile.manualOverride?.fourEyes) {
    const confirmed = await confirmIdentity(ctx, requestId, { method: 'agent_confirmed', verifiedAt: ctx.now().toISOString(), by: actor });
    return confirmed ? 'confirmed' : 'not_awaiting';
  }
  const step = await ctx.db.transaction(async (tx): Promise<{ outcome: OverrideOutcome; firstApprover?: string }> => {
    const request = await requestStore.get(tx, requestId, { forUpdate: true });
    if (!request || request.status !== 'awaiting_identity') return { outcome: 'not_awaiting' };
    const subjectRef = ctx.audit.subjectRefFor(request.personKey);
    const first = request.workingData.overrideApprovedBy;
    if (!first) {
      await requestStore.update(tx, requestId, { workingData: { ...request.workingData, overrideApprovedBy: actor, overrideApprovedAt: ctx.now().toISOString() } });
      await ctx.audit.append({ actor, action: 'request.identity.override_approved', clause: 'C20', subjectRef, outcome: 'awaiting_second_admin', details: { requestId, approval: 1 } }, tx);
      return { outcome: 'awaiting_second_admin' };
    }
    if (first === actor) {
      await ctx.audit.append({ actor, action: 'request.identity.override_refused', clause: 'C20', subjectRef, outcome: 'same_admin', details: { requestId } }, tx);
      return { outcome: 'same_admin' };
    }
    await ctx.audit.append({ actor, action: 'request.identity.override_approved', clause: 'C20', subjectRef, outcome: 'confirmed', details: { requestId, approval: 2, firstApprover: first } }, tx);
    return { outcome: 'confirmed', firstApprover: first };
  });
  if (step.outcome !== 'confirmed') return step.outcome;
  const confirmed = await confirmIdentity(ctx, requestId, { method: 'agent_confirmed', verifiedAt: ctx.now().toISOString(), by: `${step.firstApprover} + ${actor}` });
  return confirmed ? 'confirmed' : 'not_awaiting';
}
