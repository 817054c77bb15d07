import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import type { AppAuthenticator, AgentIdentity } from '../http/app-auth.js';
import { validateInput } from '../http/validate.js';
import { ticketAuthorizerFor } from '../http/ticket-authorizer.js';
import { SummaryQuery, type TicketPrivacySummary, type CcDecision } from '../../../zendesk-app/src/api/contract.js';
import { summarizePerson, type OpenRequestsProvider, type VendorView } from './person-summary.js';
import { decideCcRemovals, type TicketCc } from '../policy/cc-decision.js';
import { consentStateOf } from '../consent/consent-service.js';
import { personKeyCandidates } from '../policy/person-key.js';
import { processorRegistry } from '../policy/processors.js';
import type { PersonConsentState } from '../policy/consent.js';
import { rememberZendeskUser } from '../store/people-store.js';
import type { ZendeskUser } from '../connectors/zendesk/schemas.js';

const OPEN_STATUSES = new Set(['new', 'open', 'pending', 'hold']);

/** Reads chat and phone activity for one person; a system that fails is shown as unknown, not as an error. */
async function crossSystemView(ctx: AppContext, user: ZendeskUser): Promise<VendorView> {
  const view: VendorView = {
    zendeskUserId: user.id,
    email: user.email ?? '',
    name: user.name ?? '',
    role: user.role,
    phone: (user as { phone?: string | null }).phone ?? null,
    organizationId: (user as { organization_id?: number | null }).organization_id ?? null,
    lastLoginAt: (user as { last_login_at?: string | null }).last_login_at ?? null,
    createdAt: (user as { created_at?: string | null }).created_at ?? null,
    userFields: (user as { user_fields?: Record<string, unknown> | null }).user_fields ?? null,
  };
  // Chat and phone lookups are independent: run them side by side (the sidebar waits for both).
  const chats = async () => {
    if (!user.email || !ctx.vendors.livechat) return;
    try {
      let latest: Date | undefined;
      let count = 0;
      for await (const chat of ctx.vendors.livechat.listArchivesByCustomerEmail(user.email)) {
        const at = new Date(String((chat as { thread?: { created_at?: string }; created_at?: string }).thread?.created_at ?? (chat as { created_at?: string }).created_at ?? ''));
        if (!Number.isNaN(at.getTime()) && (!latest || at > latest)) latest = at;
        if (++count >= 100) break;
      }
      view.lastChatAt = latest;
      view.chatCount = count;
    } catch (error) {
      ctx.logger.warn({ vendor: 'livechat', errorName: (error as Error).name }, 'summary: chat activity unavailable');
    }
  };
  const calls = async () => {
    if (!ctx.vendors.talkdesk || (!user.email && !view.phone)) return;
    try {
      const contacts: NonNullable<VendorView['talkdeskContacts']>[number][] = [];
      for await (const contact of ctx.vendors.talkdesk.searchContacts({ emails: user.email ? [user.email] : [], phones: view.phone ? [view.phone] : [] })) {
        const c = contact as { name?: unknown; phones?: unknown; emails?: unknown; company?: unknown };
        contacts.push({ name: c.name, phones: c.phones, emails: c.emails, company: c.company });
        const lastCall = (contact as { last_call_at?: string; updated_at?: string }).last_call_at;
        if (lastCall) {
          const at = new Date(lastCall);
          if (!view.lastCallAt || at > view.lastCallAt) view.lastCallAt = at;
        }
      }
      view.talkdeskContacts = contacts;
    } catch (error) {
      ctx.logger.warn({ vendor: 'talkdesk', errorName: (error as Error).name }, 'summary: phone activity unavailable');
    }
  };
  await Promise.all([chats(), calls()]);
  return view;
}

/** GET /api/v1/summary: the one call the sidebar makes. */
export function summaryRoutes(ctx: AppContext, auth: AppAuthenticator, openRequestsFor?: OpenRequestsProvider): Router {
  const router = Router();
  router.get('/api/v1/summary', auth.requireAgent(), async (req, res, next) => {
    try {
      const query = validateInput(SummaryQuery, req.query, 'query');
      const agent = res.locals.agent as AgentIdentity;
      const ticket = await ctx.vendors.zendesk.showTicket(query.ticket_id);
      // Only for tickets Zendesk lets this agent see: the summary names the ticket's people.
      await ticketAuthorizerFor(ctx).requireTicket(agent, query.ticket_id, ticket);
      const ccIds = ticket.email_cc_ids ?? [];
      const followerIds = ticket.follower_ids ?? [];
      const requesterId = ticket.requester_id ?? query.requester_id;
      const users = await ctx.vendors.zendesk.showManyUsers([...new Set([requesterId, ...ccIds, ...followerIds])]);
      for (const u of users) await rememberZendeskUser(ctx.db, { id: u.id, email: u.email ?? null, name: u.name ?? null, role: u.role ?? null, user_fields: u.user_fields as Record<string, unknown> | null | undefined });
      const byId = new Map(users.map((u) => [u.id, u]));
      const requesterUser = byId.get(requesterId) ?? users[0]!;
      const readRequestedTickets = async () => {
        const tickets: { id: number; status?: string; channel?: string }[] = [];
        for await (const t of ctx.vendors.zendesk.ticketsRequestedBy(requesterId)) {
          tickets.push({ id: t.id, status: t.status, channel: (t as { via?: { channel?: string } }).via?.channel });
          if (tickets.length >= 500) break;
        }
        return tickets;
      };
      const [requestedTickets, requesterView] = await Promise.all([readRequestedTickets(), crossSystemView(ctx, requesterUser)]);
      requesterView.openTicketIds = requestedTickets.filter((t) => OPEN_STATUSES.has(String(t.status))).map((t) => t.id);
      requesterView.solvedTicketIds = requestedTickets.filter((t) => t.status === 'solved').map((t) => t.id);
      requesterView.webTicketCount = requestedTickets.filter((t) => t.channel === 'web').length;
      requesterView.findings = await findingKindsOn(ctx, requestedTickets.map((t) => t.id));
      const requester = await summarizePerson(ctx, requesterView, openRequestsFor);
      // C11: a ticket raised by someone other than its requester (an agent, or on behalf) needs the
      // submitter's attestation that the policy was conveyed, until one is recorded for the ticket.
      const submitterId = (ticket as { submitter_id?: number | null }).submitter_id;
      if (submitterId && submitterId !== requesterId) {
        const attested = await ctx.db.query('SELECT 1 FROM attestations WHERE ticket_id = $1 LIMIT 1', [query.ticket_id]);
        requester.needsAttestation = attested.rowCount === 0;
      }

      const participants: TicketCc[] = [
        ...ccIds.map((id) => ({ id, kind: 'email_cc' as const })),
        ...followerIds.map((id) => ({ id, kind: 'follower' as const })),
      ]
        .map(({ id, kind }) => ({ user: byId.get(id), kind }))
        .filter((p): p is { user: ZendeskUser; kind: TicketCc['kind'] } => Boolean(p.user?.email))
        .map(({ user, kind }) => ({ userId: user.id, email: user.email!, role: user.role as TicketCc['role'], kind }));
      const consentByPerson = new Map<string, PersonConsentState>();
      for (const p of participants) {
        const state = await consentStateOf(ctx, { zendeskUserId: p.userId, email: p.email });
        for (const key of personKeyCandidates({ zendeskUserId: p.userId, email: p.email })) consentByPerson.set(key, state);
      }
      const requesterConsent = await consentStateOf(ctx, { zendeskUserId: requesterId, email: requesterUser.email });
      for (const key of personKeyCandidates({ zendeskUserId: requesterId, email: requesterUser.email })) consentByPerson.set(key, requesterConsent);
      const decision = decideCcRemovals({ ccs: participants, consentByPerson, profile: ctx.profile, requester: { zendeskUserId: requesterId, email: requesterUser.email } });
      const ccDecisions: CcDecision[] = [
        ...decision.keep.map((k) => ({ personKey: k.personKey, email: k.cc.email, decision: 'keep' as const, reason: k.reason })),
        ...decision.remove.map((r) => ({ personKey: r.personKey, email: r.cc.email, decision: 'remove' as const, reason: r.reason })),
      ];
      const uniqueCcUsers = [...new Map(participants.map((p) => [p.userId, byId.get(p.userId!)!])).values()];
      const ccs = await Promise.all(
        uniqueCcUsers.map((u) =>
          summarizePerson(ctx, { zendeskUserId: u.id, email: u.email ?? '', name: u.name ?? '', role: u.role, userFields: (u as { user_fields?: Record<string, unknown> | null }).user_fields ?? null, lastLoginAt: (u as { last_login_at?: string | null }).last_login_at ?? null, createdAt: (u as { created_at?: string | null }).created_at ?? null }, openRequestsFor),
        ),
      );
      const summary: TicketPrivacySummary = {
        policy: { profileId: ctx.profile.id, version: ctx.profile.policyVersion },
        processors: processorRegistry(ctx.profile, { inEea: requester.region === 'eea' }),
        requester,
        ccs,
        ccDecisions,
        findings: await findingsFor(ctx, query.ticket_id),
        viewer: { role: agent.role },
      };
      res.json(summary);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** C01: the kinds of data the comment scan found on a person's tickets (never the values). */
async function findingKindsOn(ctx: AppContext, ticketIds: number[]): Promise<Array<{ kind: string; subtype: string }>> {
  if (ticketIds.length === 0) return [];
  const table = await ctx.db.query<{ t: string | null }>(`SELECT to_regclass('comment_findings')::text AS t`);
  if (!table.rows[0]?.t) return [];
  const { rows } = await ctx.db.query<{ kind: string; subtype: string }>('SELECT DISTINCT kind, subtype FROM comment_findings WHERE ticket_id = ANY($1::bigint[])', [ticketIds]);
  return rows;
}

/** Minimisation findings on the ticket's comments (C04-C06), when the comment scanner has run. */
async function findingsFor(ctx: AppContext, ticketId: number): Promise<TicketPrivacySummary['findings']> {
  const table = await ctx.db.query<{ t: string | null }>(`SELECT to_regclass('comment_findings')::text AS t`);
  if (!table.rows[0]?.t) return [];
  const { rows } = await ctx.db.query<{ kind: string; status: string; n: number }>(
    'SELECT kind, status, sum(count)::int AS n FROM comment_findings WHERE ticket_id = $1 GROUP BY kind, status',
    [ticketId],
  );
  return rows.map((r) => ({ kind: r.kind as 'card_number', status: r.status as 'redacted', count: Number(r.n) }));
}
