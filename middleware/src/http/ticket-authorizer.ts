import type { AppContext } from '../app-context.js';
import type { ZendeskTicket, ZendeskUser } from '../connectors/index.js';
import { NotFoundError } from '../errors.js';
import { agentMaySeeTicket, ticketAccessOf, type AgentScope } from '../policy/ticket-access.js';
import type { AgentIdentity } from './app-auth.js';
import { HttpError } from './http-error.js';

/** How long an agent's scope and a ticket-visibility answer are reused (role or group changes apply after this). */
export const TICKET_ACCESS_CACHE_MS = 60_000;

/**
 * Answers "may this agent see this ticket in Zendesk?" server-side, so the summary and consent
 * routes never show a ticket's people to an agent Zendesk would not show the ticket to. The agent's
 * role, groups and organization and the ticket's group, organization and assignee are read with the
 * product's token (the agent's own credential never reaches the middleware); answers are cached briefly.
 */
export class TicketAuthorizer {
  private readonly scopes = new Map<number, { scope: AgentScope; expires: number }>();
  private readonly answers = new Map<string, { visible: boolean; expires: number }>();

  constructor(
    private readonly ctx: Pick<AppContext, 'vendors' | 'now'>,
    private readonly ttlMs = TICKET_ACCESS_CACHE_MS,
  ) {}

  private nowMs(): number {
    return this.ctx.now().getTime();
  }

  /** The agent's ticket access, groups and organization, from Zendesk. */
  async scopeOf(userId: number): Promise<AgentScope> {
    const cached = this.scopes.get(userId);
    if (cached && cached.expires > this.nowMs()) return cached.scope;
    const zendesk = this.ctx.vendors.zendesk;
    let user: ZendeskUser;
    try {
      user = await zendesk.showUser(userId);
    } catch (error) {
      if (error instanceof NotFoundError) return { userId, access: 'none', groupIds: [], organizationIds: [] };
      throw error;
    }
    const access = ticketAccessOf(user);
    const groupIds = access === 'groups' ? (await zendesk.listGroupMemberships(userId)).map((m) => m.group_id) : [];
    const organizationIds = user.organization_id ? [user.organization_id] : [];
    const scope: AgentScope = { userId, access, groupIds, organizationIds };
    this.scopes.set(userId, { scope, expires: this.nowMs() + this.ttlMs });
    return scope;
  }

  /** True when the agent may see the ticket; admins always may. A missing ticket throws NotFoundError. */
  async maySee(agent: AgentIdentity, ticketId: number, ticket?: ZendeskTicket): Promise<boolean> {
    if (agent.role === 'admin') return true;
    const key = `${agent.userId}:${ticketId}`;
    const cached = this.answers.get(key);
    if (cached && cached.expires > this.nowMs()) return cached.visible;
    const scope = await this.scopeOf(agent.userId);
    const visible = scope.access === 'all' ? true : agentMaySeeTicket(scope, ticket ?? (await this.ctx.vendors.zendesk.showTicket(ticketId)));
    if (this.answers.size > 10_000) this.answers.clear();
    this.answers.set(key, { visible, expires: this.nowMs() + this.ttlMs });
    return visible;
  }

  /** Throws 403 unless the agent may see the ticket. */
  async requireTicket(agent: AgentIdentity, ticketId: number, ticket?: ZendeskTicket): Promise<void> {
    if (!(await this.maySee(agent, ticketId, ticket))) {
      throw new HttpError(403, 'forbidden', `Your Zendesk role does not let you see ticket ${ticketId}, so Privacy Guard does not show its people either.`);
    }
  }
}

const authorizers = new WeakMap<object, TicketAuthorizer>();

/** The deployment's one authorizer (one cache per service). */
export function ticketAuthorizerFor(ctx: AppContext): TicketAuthorizer {
  let authorizer = authorizers.get(ctx);
  if (!authorizer) authorizers.set(ctx, (authorizer = new TicketAuthorizer(ctx)));
  return authorizer;
}
