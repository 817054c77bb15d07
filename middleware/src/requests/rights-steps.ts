import { NotFoundError } from '../errors.js';
import { normaliseEmail } from '../policy/person-key.js';
import { consentRecordIssues, type ConsentSource } from '../policy/consent.js';
import { purposesWithdrawnForObjection } from '../policy/objection-scope.js';
import { InvalidRequestError } from '../errors.js';
import type { StepHandler, StepRun } from './step-types.js';
import { refusedIfRestricted } from './restriction-guard.js';
import { hasNoChanges, readRectificationValues, type RectificationChanges } from '../policy/rectification-values.js';
import { ACTOR } from './step-types.js';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * The corrected values a rectification carries: given by the agent who filed it, or, for a request
 * that arrived as a tagged ticket, read from the person's own public messages on that ticket
 * (`Label: value` lines, policy/rectification-values.ts). One comment list, only when needed.
 */
async function correctedValues(run: StepRun): Promise<{ changes: RectificationChanges; readFromTicket: boolean }> {
  const given = run.request.workingData.changes ?? {};
  const userId = run.request.zendeskUserId;
  if (!hasNoChanges(given) || run.request.ticketId === null || userId === null) return { changes: given, readFromTicket: false };
  const texts: string[] = [];
  for await (const comment of run.ctx.vendors.zendesk.listComments(run.request.ticketId)) {
    if (comment.author_id === userId && comment.public !== false && comment.body) texts.push(comment.body);
  }
  return { changes: readRectificationValues(texts.join('\n')), readFromTicket: true };
}

/**
 * C23: the corrected name, e-mail and phone in Zendesk. Name and phone are one user update; the
 * e-mail goes through identities, as Zendesk documents a primary address change: add the address
 * as an identity, make it primary, mark it verified (the person confirmed the request). The old
 * address stays as a secondary identity. Safe to repeat: an identity already added is found again
 * rather than added twice. A Zendesk user has no company field: the company is the user's
 * organization, so a corrected company sets the organization of exactly that name when the account
 * has one; none or several (the product never creates or guesses one) become a task for an agent.
 * When the request names no value an automation can read, nothing is guessed: an agent gets a task
 * and the person a public reply saying so.
 * https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#make-identity-primary
 */
export const rectifyZendeskUser: StepHandler = async (run) => {
  const refused = await refusedIfRestricted(run);
  if (refused) return refused;
  const userId = run.request.zendeskUserId;
  if (userId === null) return { kind: 'done', result: { skipped: 'no_zendesk_user' } };
  const { changes, readFromTicket } = await correctedValues(run);
  const ticketId = run.request.ticketId;
  if (hasNoChanges(changes)) {
    if (ticketId === null) return { kind: 'done', result: { skipped: 'nothing_to_change_in_zendesk' } };
    return {
      kind: 'manual',
      result: { userId, valuesUnreadable: true },
      tasks: [
        {
          title: `Zendesk: apply the correction asked for on ticket #${ticketId}`,
          instructions: 'The corrected values could not be read automatically. Read the request ticket, correct the user in Zendesk (and LiveChat and Talkdesk where the person has a profile), reply to the person on the ticket, then mark this task done.',
          details: { userId, ticketId, requestId: run.request.id },
        },
      ],
      reply: 'rectification_by_hand',
      audit: { action: 'zendesk.user.rectification_task_opened', clause: 'C23', details: { userId, reason: 'values_unreadable' } },
    };
  }
  const zendesk = run.ctx.vendors.zendesk;
  let updatedAt = run.ctx.now().toISOString();
  let organizationId: number | undefined;
  if (changes.company) {
    const matches = await zendesk.searchOrganizationsByName(changes.company);
    if (matches.length === 1) organizationId = matches[0]!.id;
  }
  if (changes.name || changes.phone || organizationId !== undefined) {
    const update = { ...(changes.name ? { name: changes.name } : {}), ...(changes.phone ? { phone: changes.phone } : {}), ...(organizationId !== undefined ? { organization_id: organizationId } : {}) };
    updatedAt = (await zendesk.updateUser(userId, update)).updated_at ?? updatedAt;
  }
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
  const fields = Object.keys(changes).filter((k) => (k !== 'company' || organizationId !== undefined) && changes[k as keyof RectificationChanges]);
  const ids = { ...(identityId !== undefined ? { primaryIdentityId: identityId } : {}), ...(organizationId !== undefined ? { organizationId } : {}) };
  const audit = { action: 'zendesk.user.rectified', clause: 'C23', details: { userId, fields, readFromTicket, ...ids } };
  // The values read from the ticket travel on to the LiveChat and Talkdesk steps.
  const workingData = readFromTicket ? { ...run.request.workingData, changes } : undefined;
  const result = { userId, fields, updatedAt, readFromTicket, ...(identityId !== undefined ? { identityId } : {}), ...(organizationId !== undefined ? { organizationId } : {}) };
  if (changes.company && organizationId === undefined) {
    return {
      kind: 'manual',
      result: { ...result, company: 'task' },
      tasks: [
        {
          title: `Zendesk: set the corrected company (organization) of user ${userId}`,
          instructions: `A Zendesk user has no company field; the company is the user's organization, and no single organization has the name the person gave. Set the organization they named${ticketId !== null ? ` on ticket #${ticketId}` : ' on the request'} (create it if your account does so), then mark this task done.`,
          details: { userId, ticketId, requestId: run.request.id },
        },
      ],
      audit,
      ...(workingData ? { workingData } : {}),
    };
  }
  return { kind: 'done', result, audit, ...(workingData ? { workingData } : {}) };
};

/** C23: pushes the corrected name and e-mail to the LiveChat customer profiles (update_customer). */
export const rectifyLiveChatCustomers: StepHandler = async (run) => {
  const refused = await refusedIfRestricted(run);
  if (refused) return refused;
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
  const refused = await refusedIfRestricted(run);
  if (refused) return refused;
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
