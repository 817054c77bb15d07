/**
 * The sidebar's check before Zendesk saves (and e-mails) a ticket: what CC enforcement would
 * decide for the CCs in the agent's form right now (C07, C08), and the admin override that lets
 * one CC stay without consent, recorded in the audit ledger. Webhook stripping stays the safety
 * net for CCs added where the app does not run (e-mail replies, the API).
 */
import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { requireAdmin, type AgentIdentity, type AppAuthenticator } from '../http/app-auth.js';
import { HttpError } from '../http/http-error.js';
import { jsonBody } from '../http/json-body.js';
import { validateInput } from '../http/validate.js';
import { CcCheckBody, CcOverrideBody, type CcCheckResult, type CcOverride } from '../../../zendesk-app/src/api/contract.js';
import { decideCcRemovals, purposeStateFor, type TicketCc } from '../policy/cc-decision.js';
import { consentStateOf } from '../consent/consent-service.js';
import { parsePersonKey, personKeyCandidates, type PersonRef } from '../policy/person-key.js';
import type { PersonConsentState } from '../policy/consent.js';
import type { ZendeskUser } from '../connectors/zendesk/schemas.js';
import { insertCcOverride, overriddenPersonKeys } from './cc-override-store.js';

export function ccCheckRoutes(ctx: AppContext, auth: AppAuthenticator): Router {
  const router = Router();
  router.use('/api/v1/cc-check', ...jsonBody());
  router.use('/api/v1/cc-overrides', ...jsonBody());

  router.post('/api/v1/cc-check', auth.requireAgent(), async (req, res, next) => {
    try {
      const body = validateInput(CcCheckBody, req.body);
      const agent = res.locals.agent as AgentIdentity;
      // Roles and addresses come from Zendesk, not from the browser, for every CC Zendesk knows by id.
      const ids = [...new Set([...body.ccs.map((c) => c.id), body.requester?.id].filter((id): id is number => id !== undefined))];
      const users: ZendeskUser[] = ids.length ? await ctx.vendors.zendesk.showManyUsers(ids) : [];
      const byId = new Map(users.map((u) => [u.id, u]));
      const seen = new Set<string>();
      const ccs: Array<TicketCc & { name?: string }> = [];
      for (const c of body.ccs) {
        const known = c.id !== undefined ? byId.get(c.id) : undefined;
        const email = (known?.email ?? c.email).toLowerCase();
        if (seen.has(email)) continue; // one decision per person, as the webhook removes a person once
        seen.add(email);
        ccs.push({ ...(known ? { userId: known.id } : c.id !== undefined ? { userId: c.id } : {}), email, kind: 'email_cc', ...(known?.role ? { role: known.role as TicketCc['role'] } : {}), ...(known?.name ?? c.name ? { name: known?.name ?? c.name } : {}) });
      }
      const requesterUser = body.requester?.id !== undefined ? byId.get(body.requester.id) : undefined;
      const requester: PersonRef | undefined = body.requester
        ? { zendeskUserId: body.requester.id ?? null, email: requesterUser?.email ?? body.requester.email ?? null }
        : undefined;

      const consentByPerson = new Map<string, PersonConsentState>();
      for (const person of [...ccs.map((c) => ({ zendeskUserId: c.userId ?? null, email: c.email })), ...(requester ? [requester] : [])]) {
        const state = await consentStateOf(ctx, person);
        for (const key of personKeyCandidates(person)) consentByPerson.set(key, state);
      }
      const decision = decideCcRemovals({ ccs, consentByPerson, profile: ctx.profile, ...(requester ? { requester } : {}) });
      const overridden = body.ticketId ? await overriddenPersonKeys(ctx.db, body.ticketId) : new Set<string>();
      const hasCcPurpose = ctx.profile.consentPurposes.some((p) => p.id === 'cc');

      const results: CcCheckResult[] = ccs.map((cc) => {
        const removal = decision.remove.find((r) => r.cc === cc);
        const kept = decision.keep.find((k) => k.cc === cc);
        const personKey = (removal ?? kept)!.personKey;
        const keys = personKeyCandidates({ zendeskUserId: cc.userId ?? null, email: cc.email });
        const isOverridden = keys.some((k) => overridden.has(k));
        return {
          personKey,
          email: cc.email,
          displayName: cc.name ?? cc.email,
          ...(cc.userId !== undefined ? { zendeskUserId: cc.userId } : {}),
          decision: removal && !isOverridden ? 'remove' : 'keep',
          reason: removal ? (isOverridden ? 'admin_override' : removal.reason) : kept!.reason,
          ccConsent: hasCcPurpose ? purposeStateFor(keys, 'cc', consentByPerson) : null,
        };
      });
      res.json({ results, choices: { recordConsent: hasCcPurpose, adminOverride: agent.role === 'admin' } });
    } catch (error) {
      next(error);
    }
  });

  router.post('/api/v1/cc-overrides', auth.requireAgent(), requireAdmin(), async (req, res, next) => {
    try {
      const body = validateInput(CcOverrideBody, req.body);
      if (!parsePersonKey(body.personKey)) throw new HttpError(400, 'invalid_request', 'personKey must be "zendesk:<id>" or "email:<address>".');
      const agent = res.locals.agent as AgentIdentity;
      const actor = `agent:${agent.userId}`;
      const record = await ctx.db.transaction(async (tx) => {
        const saved = await insertCcOverride(tx, { ticketId: body.ticketId ?? null, personKey: body.personKey, reason: body.reason, actor, at: ctx.now() });
        // The reason is free text and may name people: it stays in cc_overrides, not in the ledger.
        await ctx.audit.append({ actor, action: 'cc.override', clause: 'C07', subjectRef: ctx.audit.subjectRefFor(body.personKey), outcome: 'allowed', details: { overrideId: saved.id, ticketId: body.ticketId ?? null } }, tx);
        return saved;
      });
      const answer: CcOverride = { id: record.id, ...(record.ticketId !== null ? { ticketId: record.ticketId } : {}), personKey: record.personKey, actor: record.actor, at: record.at.toISOString() };
      res.status(201).json(answer);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
