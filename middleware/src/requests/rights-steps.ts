import { NotFoundError } from '../errors.js';
import { normaliseEmail } from '../policy/person-key.js';
import { consentRecordIssues, type ConsentSource } from '../policy/consent.js';
import { purposesWithdrawnForObjection } from '../policy/objection-scope.js';
import { InvalidRequestError } from '../errors.js';
import type { StepHandler } from './step-types.js';
import { ACTOR } from './step-types.js';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * C23: the corrected name and e-mail in Zendesk (company has no Zendesk user field; it goes to
 * Talkdesk). The name is a user update; the e-mail goes through identities, as Zendesk documents a
 * primary address change: add the address as an identity, make it primary, mark it verified (the
 * person confirmed the request). The old address stays as a secondary identity. Safe to repeat:
 * an identity already added is found again rather than added twice.
 * https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#make-identity-primary
 */
export const rectifyZendeskUser: StepHandler = async (run) => {
  const changes = run.request.workingData.changes ?? {};
  const userId = run.request.zendeskUserId;
  if (userId === null || (!changes.name && !changes.email)) return { kind: 'done', result: { skipped: 'nothing_to_change_in_zendesk' } };
  const zendesk = run.ctx.vendors.zendesk;
  let updatedAt = run.ctx.now().toISOString();
  if (changes.name) updatedAt = (await zendesk.updateUser(userId, { name: changes.name })).updated_at ?? updatedAt;
  let identityId: number | undefined;
  if (changes.email) {
    const wanted = normaliseEmail(changes.email);
    identityId = typeof run.step.result.identityId === 'number' ? run.step.result.identityId : undefined;
    if (identityId === undefined) {
      const existing = (await zendesk.listUserIdentities(userId)).find((i) => i.type === 'email' && normaliseEmail(i.value) === wanted);
      identityId = existing?.id ?? (await zendesk.createEmailIdentity(userId, changes.email, { skipVerifyEmail: true })).id;
      await run.checkpoint({ identityId });
    }
    await zendesk.makeIdentityPrimary(userId, identityId);
    await zendesk.verifyIdentity(userId, identityId);
  }
  const fields = Object.keys(changes).filter((k) => k !== 'company');
  return {
    kind: 'done',
    result: { userId, fields, updatedAt, ...(identityId !== undefined ? { identityId } : {}) },
    audit: { action: 'zendesk.user.rectified', clause: 'C23', details: { userId, fields, ...(identityId !== undefined ? { primaryIdentityId: identityId } : {}) } },
  };
};

/** C23: pushes the corrected name and e-mail to the LiveChat customer profiles (update_customer). */
export const rectifyLiveChatCustomers: StepHandler = async (run) => {
  const livechat = run.ctx.vendors.livechat;
  if (!livechat) return { kind: 'done', result: { skipped: 'livechat_not_configured' } };
  const changes = run.request.workingData.changes ?? {};
  if (!changes.name && !changes.email) return { kind: 'done', result: { skipped: 'nothing_to_change_in_livechat' } };
  const updated: string[] = [];
  for (const customerId of strings(run.resultOf('livechat', 'find_chats').customerIds)) {
    try {
      await livechat.updateCustomer(customerId, { ...(changes.name ? { name: changes.name } : {}), ...(changes.email ? { email: changes.email } : {}) });
      updated.push(customerId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return { kind: 'done', result: { customerIds: updated }, ...(updated.length ? { audit: { action: 'livechat.customer.rectified', clause: 'C23', details: { customerIds: updated } } } : {}) };
};

/** C23: Talkdesk's connector has no contact update; the correction becomes a manual task with the contact ids. */
export const rectifyTalkdeskContacts: StepHandler = async (run) => {
  if (!run.ctx.vendors.talkdesk) return { kind: 'done', result: { skipped: 'talkdesk_not_configured' } };
  const contactIds = strings(run.resultOf('talkdesk', 'find_contacts').contactIds);
  const fields = Object.keys(run.request.workingData.changes ?? {});
  if (contactIds.length === 0 || fields.length === 0) return { kind: 'done', result: { contactIds: [] } };
  return {
    kind: 'manual',
    result: { contactIds, fields },
    tasks: [
      {
        title: `Talkdesk: correct ${fields.join(', ')} on ${contactIds.length} contact(s)`,
        instructions: 'Open each contact in Talkdesk (ids in the details) and apply the correction recorded on the request ticket, then mark this task done.',
        details: { contactIds, fields, requestId: run.request.id, ticketId: run.request.ticketId },
      },
    ],
    audit: { action: 'talkdesk.contact.rectification_task_opened', clause: 'C23', details: { contactIds, fields } },
  };
};

/** C24: sets the person's restriction flag; automations skip them from now on. */
export const setRestriction: StepHandler = async (run) => {
  await run.ctx.db.query(
    `INSERT INTO people (person_key, zendesk_user_id, restricted) VALUES ($1, $2, true)
     ON CONFLICT (person_key) DO UPDATE SET restricted = true, updated_at = now()`,
    [run.request.personKey, run.request.zendeskUserId],
  );
  return { kind: 'done', result: { restricted: true, at: run.ctx.now().toISOString() }, audit: { action: 'person.restriction.set', clause: 'C24' } };
};

/**
 * C25: an objection withdraws the marketing purposes (a new consent record each, never an edit,
 * C09); C34: an objection to any use withdraws every optional purpose.
 */
export const withdrawMarketing: StepHandler = async (run) => {
  const scope = run.request.workingData.objectionScope ?? 'direct_marketing';
  const purposes = purposesWithdrawnForObjection(run.ctx.profile, scope);
  const source: ConsentSource = run.request.origin === 'ticket' ? 'email_reply' : 'api';
  const evidence = run.request.ticketId ? { ticketId: run.request.ticketId } : {};
  const recorded = new Set(strings(run.step.result.withdrawnPurposes));
  for (const purpose of purposes) {
    if (recorded.has(purpose)) continue;
    const record = { purpose, action: 'withdrawn' as const, source, evidence, policyVersion: run.ctx.profile.policyVersion, actor: ACTOR };
    const issues = consentRecordIssues(record, run.ctx.profile);
    if (issues.length > 0) throw new InvalidRequestError(`Objection: the withdrawal of "${purpose}" cannot be recorded: ${issues.join('; ')}`, issues);
    await run.ctx.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO consent_records (person_key, zendesk_user_id, purpose, action, source, evidence, policy_version, actor, at) VALUES ($1, $2, $3, 'withdrawn', $4, $5, $6, $7, $8)`,
        [run.request.personKey, run.request.zendeskUserId, purpose, source, JSON.stringify({ ...evidence, requestId: run.request.id }), record.policyVersion, ACTOR, run.ctx.now().toISOString()],
      );
      await tx.query(
        `UPDATE request_steps SET result = result || $4::jsonb WHERE request_id = $1 AND system = $2 AND step = $3`,
        [run.request.id, run.step.system, run.step.step, JSON.stringify({ withdrawnPurposes: [...recorded, purpose] })],
      );
    });
    recorded.add(purpose);
  }
  return {
    kind: 'done',
    result: { withdrawnPurposes: [...recorded], noMarketingPurposeInProfile: purposes.length === 0 },
    audit: scope === 'any_use'
      ? { action: 'consent.withdrawn_by_objection_to_any_use', clause: 'C34', details: { purposes: [...recorded], scope } }
      : { action: 'consent.marketing.withdrawn_by_objection', clause: 'C25', details: { purposes: [...recorded] } },
  };
};
