/**
 * Which tickets a Zendesk agent may see, from the agent's role (no I/O). Zendesk reports a role's
 * ticket access on the user as `ticket_restriction` ("organization", "groups", "assigned",
 * "requested", or null for all tickets), also for custom roles and light agents; admins see all.
 * https://developer.zendesk.com/api-reference/ticketing/users/users/#json-format
 */

/** The ticket access of a role; `none` for end users and for anything this code does not know. */
export type TicketAccess = 'all' | 'groups' | 'organization' | 'assigned' | 'requested' | 'none';

/** The fields of a Zendesk user that decide its ticket access. */
export interface AgentRoleFields {
  role?: string | null;
  ticket_restriction?: string | null;
}

/** The fields of a ticket that decide who may see it. */
export interface TicketScope {
  requester_id?: number | null;
  assignee_id?: number | null;
  group_id?: number | null;
  organization_id?: number | null;
}

/** The agent as far as ticket access goes: the role's access, groups and organizations. */
export interface AgentScope {
  userId: number;
  access: TicketAccess;
  groupIds: readonly number[];
  organizationIds: readonly number[];
}

const RESTRICTIONS: Record<string, TicketAccess> = { groups: 'groups', organization: 'organization', assigned: 'assigned', requested: 'requested' };

/** The ticket access a user's role grants. Unknown restrictions fail closed (`none`). */
export function ticketAccessOf(user: AgentRoleFields): TicketAccess {
  if (user.role === 'admin') return 'all';
  if (user.role !== 'agent') return 'none';
  const restriction = user.ticket_restriction;
  if (restriction === null || restriction === undefined || restriction === '') return 'all';
  return RESTRICTIONS[restriction] ?? 'none';
}

/** True when Zendesk lets the agent see the ticket (an agent always sees tickets assigned to them). */
export function agentMaySeeTicket(agent: AgentScope, ticket: TicketScope): boolean {
  const assigned = ticket.assignee_id === agent.userId;
  switch (agent.access) {
    case 'all':
      return true;
    case 'groups':
      return assigned || (ticket.group_id !== null && ticket.group_id !== undefined && agent.groupIds.includes(ticket.group_id));
    case 'organization':
      return assigned || (ticket.organization_id !== null && ticket.organization_id !== undefined && agent.organizationIds.includes(ticket.organization_id));
    case 'assigned':
      return assigned;
    case 'requested':
      return ticket.requester_id === agent.userId;
    case 'none':
      return false;
  }
}
