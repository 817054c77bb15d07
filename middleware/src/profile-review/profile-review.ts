/**
 * The admin's review of the profile's assumed values (issue 14): every value the policy does not
 * state is listed on the admin page with its reason, and an admin confirms it. A confirmation is
 * an audit entry (C29), bound to the profile and to the value confirmed, so nothing else stores it
 * and editing the value voids it.
 */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { SqlExecutor } from '../store/database.js';
import { requireAdmin, type AgentIdentity, type AppAuthenticator } from '../http/app-auth.js';
import { jsonBody } from '../http/json-body.js';
import { validateInput } from '../http/validate.js';
import { HttpError } from '../http/http-error.js';
import {
  assumedProfileValues,
  assumedValueFingerprint,
  reviewAssumedValues,
  type AssumedValueConfirmation,
  type AssumedValueReview,
} from '../policy/assumed-values.js';

/** The audit action of an admin's confirmation. */
export const PROFILE_VALUE_CONFIRMED = 'profile.value_confirmed';

const confirmBody = z.object({ path: z.string().min(1).max(200) }).strict();

/** The confirmations the ledger holds, oldest first. */
export async function assumedValueConfirmations(db: SqlExecutor): Promise<AssumedValueConfirmation[]> {
  const rows = await db.query<{ actor: string; at: unknown; details: unknown }>(
    'SELECT actor, at, details FROM audit_ledger WHERE action = $1 ORDER BY seq',
    [PROFILE_VALUE_CONFIRMED],
  );
  return rows.rows.flatMap((row) => {
    const details = (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<string, unknown>;
    if (typeof details.profileId !== 'string' || typeof details.path !== 'string' || typeof details.valueFingerprint !== 'string') return [];
    const at = row.at instanceof Date ? row.at.toISOString() : new Date(String(row.at)).toISOString();
    return [{ profileId: details.profileId, path: details.path, valueFingerprint: details.valueFingerprint, actor: row.actor, at }];
  });
}

/** The profile's assumed values with the confirmations that still hold. */
export async function assumedValuesUnderReview(ctx: AppContext): Promise<AssumedValueReview[]> {
  return reviewAssumedValues(ctx.profile, await assumedValueConfirmations(ctx.db));
}

/** POST /api/v1/admin/profile-values/confirm `{path}` (admins): records the confirmation in the audit ledger. */
export function profileReviewRoutes(ctx: AppContext, auth: AppAuthenticator): Router {
  const router = Router();
  router.use('/api/v1/admin/profile-values', ...jsonBody());
  router.post('/api/v1/admin/profile-values/confirm', auth.requireAgent(), requireAdmin(), async (req, res, next) => {
    try {
      const { path } = validateInput(confirmBody, req.body);
      const assumed = assumedProfileValues(ctx.profile).find((v) => v.path === path);
      if (!assumed) throw new HttpError(404, 'not_assumed', `The profile ${ctx.profile.id} has no assumed value at this path; only values not stated by the policy are confirmed.`);
      const agent = res.locals.agent as AgentIdentity;
      await ctx.audit.append({
        actor: `agent:${agent.userId}`,
        action: PROFILE_VALUE_CONFIRMED,
        clause: assumed.clause,
        subjectRef: `profile:${ctx.profile.id}`,
        outcome: 'confirmed',
        details: { profileId: ctx.profile.id, path, basis: assumed.basis, policyVersion: ctx.profile.policyVersion, valueFingerprint: assumedValueFingerprint(assumed.value) },
      });
      const review = (await assumedValuesUnderReview(ctx)).find((v) => v.path === path);
      res.json(review);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
