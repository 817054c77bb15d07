import { channelEstablishesIdentity } from '../policy/erasure-identity.js';
import { summarizePerson } from '../summary/person-summary.js';
import { openRequestsFor } from './open-requests.js';
import { toPrivacyRequest } from './request-view.js';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requireAdmin, requireFullAgent, type AgentIdentity, type AppAuthenticator } from '../http/app-auth.js';
import { ticketAuthorizerFor } from '../http/ticket-authorizer.js';
import { HttpError } from '../http/http-error.js';
import { deadlineStatus, dueDate, extensionIssues } from '../policy/deadlines.js';
import { deriveConsentState, type ConsentRecord } from '../policy/consent.js';
import { decideRetention } from '../policy/retention.js';
import { markPersonAsMinor } from '../minors/mark-minor.js';
import { NotFoundError } from '../errors.js';
import {
  AttestationBody,
  CreateRequestBody,
  ListRequestsQuery,
  MarkMinorBody,
  PlaceHoldBody,
  type Attestation,
  type CreatedRequest,
  type LegalHold,
  type ManualTask,
  type PersonSummary,
  type PrivacyRequest,
} from '../../../zendesk-app/src/api/contract.js';
import { requestStore, type ManualTaskRecord, type PrivacyRequestRecord } from './request-store.js';
import { askForConfirmation, assessTicketIdentity, createRequest } from './intake.js';
import { overrideIdentity } from './identity-override.js';
import { activeHoldsFor, startRequest, type ResolvedOptions } from './step-runner.js';
import { signExportLink, verifyExportLink } from './export-link.js';
import { jsonBody } from '../http/json-body.js';
import { parsePersonKey, parseSubjectKey } from '../policy/person-key.js';

/** Validates with zod; failures answer 400 `{error:{code:'invalid_request', message, issues}}`. */
function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 20).map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`);
  throw new HttpError(400, 'invalid_request', `The ${what} is not valid; see issues.`, issues);
}

const wrap =
  (handler: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };

/** A route parameter as one string (Express 5 types them loosely when middleware is spread in). */
const param = (req: Request, name: string): string => {
  const value = (req.params as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};
const agentOf = (res: Response): AgentIdentity => res.locals.agent as AgentIdentity;
const actorOf = (res: Response): string => `zendesk-agent:${agentOf(res).userId}`;

/** `zendesk:<id>` → the id; other keys name no Zendesk user. */
function zendeskIdOf(personKey: string): number | null {
  const match = /^zendesk:(\d+)$/.exec(personKey);
  return match ? Number(match[1]) : null;
}

function toManualTask(task: ManualTaskRecord): ManualTask {
  return { id: task.id, system: task.system, title: task.title, dueAt: task.dueAt.toISOString(), status: task.status, ...(task.requestId ? { requestId: task.requestId } : {}) };
}

function toHold(row: Record<string, unknown>): LegalHold {
  const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();
  return {
    id: String(row.id),
    personKey: String(row.person_key),
    reason: String(row.reason),
    placedBy: String(row.placed_by),
    since: iso(row.starts_at),
    ...(row.ends_at ? { until: iso(row.ends_at) } : {}),
  };
}

const CreateRequestWithChanges = CreateRequestBody.extend({
  /** C23: the corrected values of a rectification. */
  changes: z
    .object({ name: z.string().min(1).max(200).optional(), email: z.string().email().max(254).optional(), phone: z.string().regex(/^\+?[\d\s().\-/]{7,24}$/, 'must be a phone number').optional(), company: z.string().min(1).max(200).optional() })
    .strict()
    .optional(),
});
const ExtendBody = z.object({ days: z.number().int(), reason: z.string().max(1000) });
const ConfirmIdentityBody = z.object({ note: z.string().max(1000).optional() }).default({});
const ExportLinkBody = z.object({ recipient: z.enum(['data_subject', 'third_party']).default('data_subject') }).default({ recipient: 'data_subject' });
const TaskDoneBody = z.object({ proof: z.string().min(1).max(2000).optional() }).default({});
const ManualTasksQuery = z.object({ status: z.enum(['open', 'all']).default('open') });

/** Loads a request or answers 404. */
async function requestOr404(ctx: AppContext, id: string | undefined): Promise<PrivacyRequestRecord> {
  const request = id ? await requestStore.get(ctx.db, id) : undefined;
  if (!request) throw new HttpError(404, 'not_found', 'No such request.');
  return request;
}

/** Minimal person summary for the minor route (C27); the sidebar's summary module gives the full one. */
/** The sidebar's view of the person after a change (the same builder as GET /api/v1/summary). */
async function personSummary(ctx: AppContext, personKey: string): Promise<PersonSummary> {
  const userId = zendeskIdOf(personKey);
  let user: { name?: string; email?: string | null; phone?: string | null; created_at?: string; last_login_at?: string | null; role?: string } | undefined;
  if (userId !== null) {
    try {
      user = await ctx.vendors.zendesk.showUser(userId);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return summarizePerson(
    ctx,
    {
      ...(userId !== null ? { zendeskUserId: userId } : {}),
      email: user?.email ?? (personKey.startsWith('email:') ? personKey.slice(6) : ''),
      name: user?.name ?? personKey,
      role: user?.role,
      phone: user?.phone ?? null,
      lastLoginAt: user?.last_login_at ?? null,
      createdAt: user?.created_at ?? null,
    },
    openRequestsFor,
  );
}

/** The `:personKey` path parameter, read and normalised by the one person-key reader. */
function personKeyParam(req: Request): string {
  const parsed = parseSubjectKey(param(req, 'personKey'));
  if (!parsed) throw new HttpError(400, 'invalid_request', 'personKey must be zendesk:<id> or email:<address>.', ['personKey']);
  return parsed.key;
}

/** A person key from a body: normalised, or 400 naming the field. */
function subjectKeyOf(value: string, field = 'personKey'): string {
  const parsed = parseSubjectKey(value);
  if (!parsed) throw new HttpError(400, 'invalid_request', `${field} must be zendesk:<id> or email:<address>.`, [field]);
  return parsed.key;
}

/** The app API routes of the requests module (C18, C20-C27, C30), each behind app authentication. */
export function requestsRoutes(ctx: AppContext, auth: AppAuthenticator, options: ResolvedOptions): Router {
  const router = Router();
  // Authentication first, then the body is parsed: nobody without a session gets a body walked.
  const agent = [auth.requireAgent(), ...jsonBody()];
  const writer = [...agent, requireFullAgent()];
  const admin = [...agent, requireAdmin()];
  const tickets = ticketAuthorizerFor(ctx);
  // Listings, receipts and manual tasks name every person with a request, across all tickets: they
  // are the admin page's, not an agent's (an agent sees a person's open requests in the summary
  // of a ticket they can see).

  router.post(
    '/requests',
    ...writer,
    wrap(async (req, res) => {
      const body = parse(CreateRequestWithChanges, req.body, 'request body');
      body.personKey = subjectKeyOf(body.personKey);
      if (body.type === 'rectification' && !body.changes) throw new HttpError(400, 'invalid_request', 'A rectification needs the corrected values in "changes" (C23).', ['changes: required for rectification']);
      if (body.ticketId) await tickets.requireTicket(agentOf(res), body.ticketId);
      let zendeskUserId = zendeskIdOf(body.personKey);
      let identityAccepted = false;
      let verdict: Awaited<ReturnType<typeof assessTicketIdentity>>['verdict'] | undefined;
      if (body.ticketId) {
        const assessed = await assessTicketIdentity(ctx, body.ticketId);
        verdict = assessed.verdict;
        if (zendeskUserId === null) zendeskUserId = assessed.requesterId;
        identityAccepted = assessed.verdict.accepted && assessed.requesterId === zendeskUserId && channelEstablishesIdentity(body.type);
      }
      const { created, request } = await createRequest(ctx, {
        type: body.type,
        origin: 'agent',
        personKey: zendeskUserId !== null ? `zendesk:${zendeskUserId}` : body.personKey,
        zendeskUserId,
        ticketId: body.ticketId ?? null,
        createdBy: actorOf(res),
        identity: identityAccepted ? { method: 'account_primary_email', verifiedAt: ctx.now().toISOString() } : null,
        ...(body.changes ? { workingData: { changes: body.changes } } : {}),
      });
      if (created && request.status === 'awaiting_identity' && verdict) await askForConfirmation(ctx, request, verdict);
      const answer: CreatedRequest = { id: request.id, type: request.type, status: request.status, dueAt: request.dueAt.toISOString() };
      res.status(created ? 201 : 200).json(answer);
    }),
  );

  router.get(
    '/requests',
    ...admin,
    wrap(async (req, res) => {
      const query = parse(ListRequestsQuery, req.query, 'query');
      const requests = await requestStore.list(ctx.db, { open: query.status === 'open' });
      res.json(requests.map((r) => toPrivacyRequest(r, ctx)));
    }),
  );

  router.post(
    '/requests/:id/extend',
    ...admin,
    wrap(async (req, res) => {
      const body = parse(ExtendBody, req.body, 'extension');
      const request = await requestOr404(ctx, param(req, 'id'));
      const issues = extensionIssues(body, ctx.profile);
      if (issues.length > 0) throw new HttpError(400, 'invalid_request', `The extension is not allowed: ${issues.join('; ')}`, issues);
      const dueAt = dueDate(request.receivedAt, ctx.profile, body);
      await ctx.db.transaction(async (tx) => {
        await requestStore.update(tx, request.id, { extension: body, dueAt });
        await ctx.audit.append({ actor: actorOf(res), action: 'request.deadline.extended', clause: 'C26', subjectRef: ctx.audit.subjectRefFor(request.personKey), outcome: 'extended', details: { requestId: request.id, days: body.days, dueAt: dueAt.toISOString() } }, tx);
      });
      res.json(toPrivacyRequest((await requestStore.get(ctx.db, request.id))!, ctx));
    }),
  );

  // The manual identity override: an admin vouches for a request the person did not confirm
  // (C20). Refused to anyone else, and audited, because it is what lets an erasure run.
  router.post(
    '/requests/:id/confirm-identity',
    ...agent,
    wrap(async (req, res) => {
      parse(ConfirmIdentityBody, req.body ?? {}, 'body');
      const request = await requestOr404(ctx, param(req, 'id'));
      if (agentOf(res).role !== 'admin') {
        await ctx.audit.append({ actor: actorOf(res), action: 'request.identity.override_refused', clause: 'C20', subjectRef: ctx.audit.subjectRefFor(request.personKey), outcome: 'refused', details: { requestId: request.id, role: agentOf(res).role } });
        throw new HttpError(403, 'forbidden', 'Only a Zendesk admin may confirm an identity on the person\'s behalf; the person confirms it themselves otherwise.');
      }
      if (request.status !== 'awaiting_identity') throw new HttpError(409, 'conflict', `The request is ${request.status}, not awaiting identity confirmation.`);
      const outcome = await overrideIdentity(ctx, request.id, actorOf(res));
      if (outcome === 'same_admin') throw new HttpError(409, 'second_admin_required', 'This profile needs a second, different admin to approve the override (four eyes); you already approved it.');
      res.status(outcome === 'awaiting_second_admin' ? 202 : 200).json(toPrivacyRequest((await requestStore.get(ctx.db, request.id))!, ctx));
    }),
  );

  router.post(
    '/requests/:id/approve',
    ...admin,
    wrap(async (req, res) => {
      const request = await requestOr404(ctx, param(req, 'id'));
      if (!request.needsReview || request.status !== 'received') throw new HttpError(409, 'conflict', 'Only a request held for admin review (C27) can be approved.');
      await ctx.db.transaction(async (tx) => {
        const identity = { method: 'admin_review' as const, verifiedAt: ctx.now().toISOString(), by: actorOf(res) };
        await requestStore.update(tx, request.id, { needsReview: false, identity });
        await ctx.audit.append({ actor: actorOf(res), action: 'request.admin_review.approved', clause: 'C27', subjectRef: ctx.audit.subjectRefFor(request.personKey), outcome: 'approved', details: { requestId: request.id } }, tx);
        await startRequest(ctx, tx, { ...request, needsReview: false, identity }, { adminApproved: true });
      });
      res.json(toPrivacyRequest((await requestStore.get(ctx.db, request.id))!, ctx));
    }),
  );

  router.get(
    '/requests/:id/receipt',
    ...admin,
    wrap(async (req, res) => {
      const request = await requestOr404(ctx, param(req, 'id'));
      const receipt = await requestStore.receipt(ctx.db, request.id);
      if (!receipt) throw new HttpError(404, 'not_found', `No receipt yet: the request is ${request.status}. A receipt is issued when it completes.`);
      res.json(receipt);
    }),
  );

  router.post(
    '/requests/:id/export-link',
    ...admin,
    wrap(async (req, res) => {
      const body = parse(ExportLinkBody, req.body ?? {}, 'body');
      const request = await requestOr404(ctx, param(req, 'id'));
      if (request.type !== 'access') throw new HttpError(409, 'conflict', 'Only access requests have an export.');
      const archive = await requestStore.exportArchive(ctx.db, request.id);
      if (!archive && request.status === 'completed') {
        throw new HttpError(410, 'export_purged', `The export was deleted after ${ctx.config.exportKeepDays} days (EXPORT_KEEP_DAYS), or when the person was erased; a new access request builds a fresh one.`);
      }
      if (!archive) throw new HttpError(409, 'conflict', `The export is not ready: the request is ${request.status}.`);
      const subjectRef = ctx.audit.subjectRefFor(request.personKey);
      if (body.recipient === 'third_party' && ctx.profile.exportToThirdPartyRequiresConsent) {
        const { rows } = await ctx.db.query<{ action: string }>(
          `SELECT action FROM consent_records WHERE person_key = $1 AND purpose = 'third_party_sharing' ORDER BY at DESC, id DESC LIMIT 1`,
          [request.personKey],
        );
        if (rows[0]?.action !== 'granted') {
          await ctx.audit.append({ actor: actorOf(res), action: 'request.export.third_party_refused', clause: 'C08', subjectRef, outcome: 'refused', details: { requestId: request.id } });
          throw new HttpError(403, 'consent_required', 'Handing the export to a third party needs the person\'s third_party_sharing consent (C08); record it first.');
        }
      }
      const expiresAt = new Date(ctx.now().getTime() + options.exportLinkTtlSeconds * 1000);
      const path = signExportLink(ctx.config.sessionSecret, request.id, expiresAt);
      await ctx.audit.append({ actor: actorOf(res), action: 'request.export.link_issued', clause: body.recipient === 'third_party' ? 'C08' : 'C22', subjectRef, outcome: 'issued', details: { requestId: request.id, recipient: body.recipient, expiresAt: expiresAt.toISOString(), sha256: archive.sha256 } });
      res.json({ url: `${ctx.config.publicUrl ?? ''}${path}`, path, expiresAt: expiresAt.toISOString(), sha256: archive.sha256 });
    }),
  );

  // The signed link is the credential here (it is opened outside the app, from a browser download).
  router.get(
    '/requests/:id/export',
    wrap(async (req, res) => {
      const id = param(req, 'id');
      const verdict = verifyExportLink(ctx.config.sessionSecret, id, req.query.expires, req.query.signature, ctx.now());
      if (verdict === 'bad_signature') throw new HttpError(403, 'forbidden', 'The download link is not valid; ask an admin for a new one.');
      if (verdict === 'expired') throw new HttpError(410, 'link_expired', 'The download link has expired; ask an admin for a new one.');
      const request = await requestOr404(ctx, id);
      const archive = await requestStore.exportArchive(ctx.db, request.id);
      if (!archive) throw new HttpError(410, 'export_purged', `The export no longer exists: it is deleted after ${ctx.config.exportKeepDays} days (EXPORT_KEEP_DAYS).`);
      await ctx.audit.append({ actor: 'export-link', action: 'request.export.downloaded', clause: 'C21', subjectRef: ctx.audit.subjectRefFor(request.personKey), outcome: 'downloaded', details: { requestId: request.id, sha256: archive.sha256 } });
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="privacy-export-${request.id}.zip"`);
      res.setHeader('Cache-Control', 'no-store');
      res.send(archive.archive);
    }),
  );

  router.post(
    '/holds',
    ...admin,
    wrap(async (req, res) => {
      const body = parse(PlaceHoldBody, req.body, 'hold');
      // One form per person: a hold typed with capitals binds the lower-cased address erasure checks (C18).
      const personKey = parsePersonKey(body.personKey)?.key;
      if (!personKey) throw new HttpError(400, 'invalid_request', 'personKey must be zendesk:<id>, email:<address>, livechat:<customer id> or talkdesk:<contact id>.', ['personKey']);
      body.personKey = personKey;
      if (!ctx.profile.retention.legalHoldsAllowed) throw new HttpError(409, 'conflict', `Profile ${ctx.profile.id} does not allow legal holds (C18).`);
      const until = body.until ? new Date(body.until) : null;
      if (until && Number.isNaN(until.getTime())) throw new HttpError(400, 'invalid_request', 'until is not a date.', ['until: must be an ISO-8601 timestamp']);
      const row = await ctx.db.transaction(async (tx) => {
        const { rows } = await tx.query<Record<string, unknown>>(
          `INSERT INTO legal_holds (person_key, reason, placed_by, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [body.personKey, body.reason, actorOf(res), ctx.now().toISOString(), until?.toISOString() ?? null],
        );
        await ctx.audit.append({ actor: actorOf(res), action: 'legal_hold.placed', clause: 'C18', subjectRef: ctx.audit.subjectRefFor(body.personKey), outcome: 'placed', details: { holdId: String(rows[0]!.id), until: until?.toISOString() ?? null } }, tx);
        return rows[0]!;
      });
      res.status(201).json(toHold(row));
    }),
  );

  router.delete(
    '/holds/:id',
    ...admin,
    wrap(async (req, res) => {
      const id = param(req, 'id');
      if (!/^\d{1,18}$/.test(id)) throw new HttpError(404, 'not_found', 'No such hold.');
      const lifted = await ctx.db.transaction(async (tx) => {
        const { rows } = await tx.query<Record<string, unknown>>(
          `UPDATE legal_holds SET lifted_at = $2, lifted_by = $3 WHERE id = $1 AND lifted_at IS NULL RETURNING *`,
          [id, ctx.now().toISOString(), actorOf(res)],
        );
        if (!rows[0]) return false;
        await ctx.audit.append({ actor: actorOf(res), action: 'legal_hold.lifted', clause: 'C18', subjectRef: ctx.audit.subjectRefFor(String(rows[0].person_key)), outcome: 'lifted', details: { holdId: id } }, tx);
        return true;
      });
      if (!lifted) throw new HttpError(404, 'not_found', 'No such active hold.');
      res.json({ ok: true });
    }),
  );

  router.post(
    '/people/:personKey/minor',
    ...writer,
    wrap(async (req, res) => {
      const body = parse(MarkMinorBody, req.body, 'body');
      const personKey = personKeyParam(req);
      await ctx.db.transaction((tx) => markPersonAsMinor(ctx, tx, { personKey, zendeskUserId: zendeskIdOf(personKey), actor: actorOf(res), details: { evidenceLength: body.evidence.length } }));
      res.json(await personSummary(ctx, personKey));
    }),
  );

  router.delete(
    '/people/:personKey/restriction',
    ...admin,
    wrap(async (req, res) => {
      const personKey = personKeyParam(req);
      const lifted = await ctx.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ minor: boolean }>(`UPDATE people SET restricted = false, updated_at = now() WHERE person_key = $1 AND restricted = true RETURNING minor`, [personKey]);
        if (!rows[0]) return false;
        await ctx.audit.append({ actor: actorOf(res), action: 'person.restriction.lifted', clause: 'C24', subjectRef: ctx.audit.subjectRefFor(personKey), outcome: 'lifted', details: { stillMinor: Boolean(rows[0].minor) } }, tx);
        return true;
      });
      if (!lifted) throw new HttpError(404, 'not_found', 'The person has no restriction.');
      res.json({ ok: true });
    }),
  );

  router.post(
    '/attestations',
    ...writer,
    wrap(async (req, res) => {
      const body = parse(AttestationBody, req.body, 'attestation');
      body.personKey = subjectKeyOf(body.personKey);
      await tickets.requireTicket(agentOf(res), body.ticketId);
      const row = await ctx.db.transaction(async (tx) => {
        const { rows } = await tx.query<Record<string, unknown>>(
          `INSERT INTO attestations (ticket_id, person_key, statement, actor, at) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [body.ticketId, body.personKey, body.statement, actorOf(res), ctx.now().toISOString()],
        );
        await ctx.audit.append({ actor: actorOf(res), action: 'attestation.recorded', clause: 'C11', subjectRef: ctx.audit.subjectRefFor(body.personKey), outcome: 'recorded', details: { ticketId: body.ticketId, attestationId: String(rows[0]!.id) } }, tx);
        return rows[0]!;
      });
      const answer: Attestation = { id: String(row.id), ticketId: body.ticketId, personKey: body.personKey, statement: body.statement, actor: actorOf(res), at: new Date(String(row.at instanceof Date ? row.at.toISOString() : row.at)).toISOString() };
      res.status(201).json(answer);
    }),
  );

  router.get(
    '/manual-tasks',
    ...admin,
    wrap(async (req, res) => {
      const query = parse(ManualTasksQuery, req.query, 'query');
      const tasks = await requestStore.manualTasks(ctx.db, query.status === 'open' ? { status: 'open' } : {});
      res.json(tasks.map(toManualTask));
    }),
  );

  router.post(
    '/manual-tasks/:id/done',
    ...admin,
    wrap(async (req, res) => {
      const body = parse(TaskDoneBody, req.body ?? {}, 'body');
      const task = await ctx.db.transaction(async (tx) => {
        const done = await requestStore.completeManualTask(tx, param(req, 'id'), actorOf(res), body.proof ?? null, ctx.now());
        if (!done) return undefined;
        await ctx.audit.append({ actor: actorOf(res), action: 'manual_task.done', clause: 'C30', subjectRef: `manual-task:${done.id}`, outcome: 'done', details: { taskId: done.id, requestId: done.requestId, system: done.system, proofGiven: Boolean(body.proof) } }, tx);
        return done;
      });
      if (!task) throw new HttpError(404, 'not_found', 'No such manual task.');
      res.json(toManualTask(task));
    }),
  );

  return router;
}

export { activeHoldsFor };
