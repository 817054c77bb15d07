/**
 * C24 for access and rectification requests: an export discloses the person's data and a
 * rectification changes it, so while the person is restricted (or marked a minor) they run only
 * on the person's own confirmation, the further consent restriction asks for. Checked when the
 * request starts (step-runner.ts) and again by each disclosing or changing step, because a
 * restriction can be set while the request's look-ups run.
 */
import { automationAllowed } from '../policy/restriction.js';
import type { SqlExecutor } from '../store/database.js';
import type { PrivacyRequestRecord } from './request-store.js';
import type { StepOutcome, StepRun } from './step-types.js';

/** Identity methods where the person themselves confirmed the request (not an agent or admin for them). */
const PERSON_CONFIRMED = new Set(['account_primary_email', 'confirmation_link', 'confirmation_code', 'confirmed_from_primary_email']);

export function confirmedByThePerson(request: Pick<PrivacyRequestRecord, 'identity'>): boolean {
  return request.identity !== null && PERSON_CONFIRMED.has(request.identity.method);
}

/** Restriction (C24) and minor (C27) flags stored for the person. */
export async function personFlags(sql: SqlExecutor, personKey: string): Promise<{ restricted: boolean; minor: boolean }> {
  const { rows } = await sql.query<{ restricted: boolean; minor: boolean }>('SELECT restricted, minor FROM people WHERE person_key = $1', [personKey]);
  return { restricted: Boolean(rows[0]?.restricted), minor: Boolean(rows[0]?.minor) };
}

/** The C24 verdict on running an access or rectification request for this person now. */
export async function requestRunAllowed(sql: SqlExecutor, request: PrivacyRequestRecord, options: { adminApproved?: boolean } = {}): Promise<{ allowed: boolean; minor: boolean }> {
  const flags = await personFlags(sql, request.personKey);
  const action = request.type === 'access' ? 'access_export' : 'rectification';
  const verdict = automationAllowed(flags, action, { furtherConsent: (!flags.minor && confirmedByThePerson(request)) || options.adminApproved === true });
  return { allowed: verdict.allowed, minor: flags.minor };
}

/** A step's refusal when the person became restricted after the request started; undefined to go on. */
export async function refusedIfRestricted(run: StepRun): Promise<StepOutcome | undefined> {
  // An admin's approval after review (C27) is recorded as the identity `admin_review`.
  const { allowed } = await requestRunAllowed(run.ctx.db, run.request, { adminApproved: run.request.identity?.method === 'admin_review' });
  if (allowed) return undefined;
  return { kind: 'refused', clause: 'C24', reason: `Processing of this person was restricted while the ${run.request.type} request ran (C24); nothing more is disclosed or changed.` };
}
