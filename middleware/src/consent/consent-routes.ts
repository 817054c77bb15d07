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
import { normaliseEmail, parseSubjectKey } from '../policy/person-key.js';
import { requireFullAgent } from '../http/app-auth.js';
import { ticketAuthorizerFor } from '../http/ticket-authorizer.js';
import type { ZendeskTicket } from '../connectors/index.js';
import { z } from 'zod';

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

function personFromKey(personKey: string): { key: string; zendeskUserId?: number; email?: string } {
  const parsed = parseSubjectKey(personKey);
  if (!parsed) throw new HttpError(400, 'invalid_request', 'personKey must be "zendesk:<id>" or "email:<address>".');
  return { key: parsed.key, zendeskUserId: parsed.zendeskUserId, email: parsed.email };
}

const HistoryQuery = z.object({ ticket_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() });

/**
 * True when the person takes part in the ticket (requester, submitter, e-mail CC, follower or
 * collaborator), by user id or by primary address.
 */
async function personOnTicket(ctx: AppContext, person: { zendeskUserId?: number; email?: string }, ticket: ZendeskTicket): Promise<boolean> {
  const ids = [...new Set([ticket.requester_id, ticket.submitter_id, ...(ticket.email_cc_ids ?? []), ...(ticket.follower_ids ?? []), ...(ticket.collaborator_ids ?? [])].filter((id): id is number => typeof id === 'number'))];
  if (person.zendeskUserId !== undefined) return ids.includes(person.zendeskUserId);
  if (!person.email || ids.length === 0) return false;
  const users = await ctx.vendors.zendesk.showManyUsers(ids);
  return users.some((u) => u.email && normaliseEmail(u.email) === person.email);
}

/** POST /api/v1/consent (agents record a grant or withdrawal with evidence) and the history read. */
export function consentRoutes(ctx: AppContext, auth: AppAuthenticator): Router {
  const router = Router();
  const tickets = ticketAuthorizerFor(ctx);
  // Authentication first, then the body is parsed: nobody without a session gets a body walked.
  router.post('/api/v1/consent', auth.requireAgent(), ...jsonBody(), requireFullAgent(), async (req, res, next) => {
    try {
      const body = validateInput(RecordConsentBody, req.body);
      const agent = res.locals.agent as AgentIdentity;
      const fromKey = personFromKey(body.personKey);
      if (body.evidence.ticketId !== undefined) await tickets.requireTicket(agent, body.evidence.ticketId);
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
  // A person's consent history: admins see anyone's; agents only a person on a ticket Zendesk lets
  // them see, named by `?ticket_id=` (the sidebar sends the ticket it is open on).
  router.get('/api/v1/people/:personKey/consent-history', auth.requireAgent(), async (req, res, next) => {
    try {
      const person = personFromKey(String(req.params.personKey));
      const agent = res.locals.agent as AgentIdentity;
      if (agent.role !== 'admin') {
        const query = validateInput(HistoryQuery, req.query, 'query');
        if (query.ticket_id === undefined) throw new HttpError(403, 'forbidden', 'Agents see a person\'s consent history from a ticket they can see: add ?ticket_id=<ticket>.');
        const ticket = await ctx.vendors.zendesk.showTicket(query.ticket_id);
        await tickets.requireTicket(agent, query.ticket_id, ticket);
        if (!(await personOnTicket(ctx, person, ticket))) throw new HttpError(403, 'forbidden', `The person does not take part in ticket ${query.ticket_id}.`);
      }
      const keys = [person.key];
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
