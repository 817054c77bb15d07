import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import type { AppAuthenticator, AgentIdentity } from '../http/app-auth.js';
import { validateInput } from '../http/validate.js';
import { RecordConsentBody, type ConsentEntry, type ConsentHistoryEntry } from '../../../zendesk-app/src/api/contract.js';
import { recordConsent } from './consent-service.js';
import { consentRecordsFor } from '../store/consent-store.js';
import type { PersonConsentState } from '../policy/consent.js';
import { HttpError } from '../http/http-error.js';
import { jsonBody } from '../http/json-body.js';
import { parsePersonKey } from '../policy/person-key.js';

/** The sidebar's view of a person's consent: one entry per purpose the profile declares. */
export function consentEntries(state: PersonConsentState): ConsentEntry[] {
  return Object.values(state.purposes).map((p) => ({
    purpose: p.purpose,
    required: p.required,
    state: p.state,
    ...(p.since ? { since: p.since.toISOString() } : {}),
    ...(p.source ? { source: p.source } : {}),
    ...(p.policyVersion ? { policyVersion: p.policyVersion } : {}),
    outdated: p.acceptedVersionOutdated,
  }));
}

function personFromKey(personKey: string): { zendeskUserId?: number; email?: string } {
  const parsed = parsePersonKey(personKey);
  if (!parsed) throw new HttpError(400, 'invalid_request', 'personKey must be "zendesk:<id>" or "email:<address>".');
  return { zendeskUserId: parsed.zendeskUserId, email: parsed.email };
}

/** POST /api/v1/consent (agents record a grant or withdrawal with evidence) and the history read. */
export function consentRoutes(ctx: AppContext, auth: AppAuthenticator): Router {
  const router = Router();
  router.use(...jsonBody());
  router.post('/api/v1/consent', auth.requireAgent(), async (req, res, next) => {
    try {
      const body = validateInput(RecordConsentBody, req.body);
      const agent = res.locals.agent as AgentIdentity;
      const fromKey = personFromKey(body.personKey);
      const state = await recordConsent(ctx, {
        person: { zendeskUserId: body.zendeskUserId ?? fromKey.zendeskUserId, email: body.email ?? fromKey.email },
        purpose: body.purpose,
        action: body.action,
        source: 'sidebar',
        evidence: { ticketId: body.evidence.ticketId, commentId: body.evidence.commentId, formId: body.evidence.formId },
        actor: `agent:${agent.userId}`,
      });
      res.status(201).json(consentEntries(state));
    } catch (error) {
      next(error);
    }
  });
  router.get('/api/v1/people/:personKey/consent-history', auth.requireAgent(), async (req, res, next) => {
    try {
      const person = personFromKey(String(req.params.personKey));
      const keys = [req.params.personKey as string];
      if (person.zendeskUserId) {
        const known = await ctx.db.query<{ email: string | null }>('SELECT email FROM people WHERE zendesk_user_id = $1', [person.zendeskUserId]);
        if (known.rows[0]?.email) keys.push(`email:${known.rows[0].email}`);
      }
      const records = await consentRecordsFor(ctx.db, keys);
      const history: ConsentHistoryEntry[] = records.map((r) => ({
        purpose: r.purpose,
        action: r.action,
        source: r.source,
        evidence: r.evidence,
        policyVersion: r.policyVersion,
        actor: r.actor,
        at: r.at.toISOString(),
      }));
      res.json(history);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
