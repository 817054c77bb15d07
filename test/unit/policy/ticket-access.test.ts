import { describe, expect, it } from 'vitest';
import { agentMaySeeTicket, ticketAccessOf, type AgentScope } from '../../../middleware/src/policy/ticket-access.js';
import { roleOfZendeskUser } from '../../../middleware/src/http/create-authenticator.js';

const agent = (access: AgentScope['access']): AgentScope => ({ userId: 7, access, groupIds: [10], organizationIds: [20] });
const inScope = { requester_id: 7, assignee_id: 7, group_id: 10, organization_id: 20 };
const outOfScope = { requester_id: 1, assignee_id: 2, group_id: 11, organization_id: 21 };

describe('ticket access by role (issue 13, point 5)', () => {
  it.each([
    [{ role: 'admin', ticket_restriction: 'assigned' }, 'all'],
    [{ role: 'agent', ticket_restriction: null }, 'all'],
    [{ role: 'agent' }, 'all'],
    [{ role: 'agent', ticket_restriction: 'groups' }, 'groups'],
    [{ role: 'agent', ticket_restriction: 'organization' }, 'organization'],
    [{ role: 'agent', ticket_restriction: 'assigned' }, 'assigned'],
    [{ role: 'agent', ticket_restriction: 'requested' }, 'requested'],
    [{ role: 'agent', ticket_restriction: 'something_new' }, 'none'],
    [{ role: 'end-user', ticket_restriction: 'requested' }, 'none'],
  ] as const)('when the user is %j, then the access is %s (unknown restrictions fail closed)', (user, expected) => {
    expect(ticketAccessOf(user)).toBe(expected);
  });

  it.each(['all', 'groups', 'organization', 'assigned', 'requested'] as const)('when the access is %s and the ticket is in scope, then the agent may see it', (access) => {
    expect(agentMaySeeTicket(agent(access), inScope)).toBe(true);
  });

  it.each([
    ['all', true],
    ['groups', false],
    ['organization', false],
    ['assigned', false],
    ['requested', false],
    ['none', false],
  ] as const)('when the access is %s and the ticket is out of scope, then may see: %s', (access, expected) => {
    expect(agentMaySeeTicket(agent(access), outOfScope)).toBe(expected);
  });

  it('when a groups-restricted agent is the assignee of a ticket outside their groups, then they may see it', () => {
    expect(agentMaySeeTicket(agent('groups'), { ...outOfScope, assignee_id: 7 })).toBe(true);
  });

  it('when the ticket has no group or organization, then a groups or organization agent may not see it', () => {
    expect(agentMaySeeTicket(agent('groups'), { requester_id: 1, assignee_id: null, group_id: null })).toBe(false);
    expect(agentMaySeeTicket(agent('organization'), { requester_id: 1, assignee_id: null, organization_id: null })).toBe(false);
  });
});

describe('product role from the Zendesk user (never from the browser)', () => {
  it.each([
    [{ role: 'admin', role_type: 4 }, 'admin'],
    [{ role: 'agent', role_type: null }, 'agent'],
    [{ role: 'agent', role_type: 0 }, 'agent'],
    [{ role: 'agent', role_type: 1 }, 'light_agent'],
    [{ role: 'end-user' }, 'end-user'],
    [{ role: undefined }, 'end-user'],
  ] as const)('when the Zendesk user is %j, then the role is %s (a custom role never makes an admin)', (user, expected) => {
    expect(roleOfZendeskUser(user)).toBe(expected);
  });
});
