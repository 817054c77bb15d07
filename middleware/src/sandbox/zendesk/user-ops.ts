import type { SandboxContext } from '../options.js';
import type { ZendeskState } from '../state.js';
import type { ZendeskIdentityRecord, ZendeskRole, ZendeskUserRecord } from '../types.js';

export const ROLES: readonly ZendeskRole[] = ['end-user', 'agent', 'admin'];

export function isValidEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** Creates and stores a user with an e-mail identity (and a phone identity when given). */
export function createUser(
  ctx: SandboxContext,
  fields: { name: string; email: string | null; role?: ZendeskRole; phone?: string | null; verified?: boolean; organization_id?: number | null; user_fields?: Record<string, unknown>; tags?: string[] },
): ZendeskUserRecord {
  const zendesk = ctx.state.zendesk;
  const now = ctx.nowIso();
  const id = zendesk.nextUserId;
  const identities: ZendeskIdentityRecord[] = [];
  if (fields.email) identities.push(newIdentity(zendesk, id, 'email', fields.email, now, true, fields.verified ?? false));
  if (fields.phone) identities.push(newIdentity(zendesk, id, 'phone_number', fields.phone, now, !fields.email, false));
  const user: ZendeskUserRecord = {
    id,
    name: fields.name,
    email: fields.email,
    role: fields.role ?? 'end-user',
    phone: fields.phone ?? null,
    organization_id: fields.organization_id ?? null,
    created_at: now,
    updated_at: now,
    last_login_at: null,
    user_fields: { ...(fields.user_fields ?? {}) },
    verified: fields.verified ?? false,
    active: true,
    tags: fields.tags ?? [],
    identities,
  };
  zendesk.putUser(user);
  return user;
}

export function newIdentity(
  zendesk: ZendeskState,
  userId: number,
  type: ZendeskIdentityRecord['type'],
  value: string,
  now: string,
  primary: boolean,
  verified: boolean,
): ZendeskIdentityRecord {
  const id = zendesk.nextIdentityId;
  zendesk.nextIdentityId += 1;
  return { id, user_id: userId, type, value, verified, primary, created_at: now, updated_at: now };
}

/** A user the API can still show: stored and not permanently deleted. */
export function findUser(ctx: SandboxContext, id: number): ZendeskUserRecord | undefined {
  return ctx.state.zendesk.users.get(id);
}

export function isSoftDeleted(user: ZendeskUserRecord): boolean {
  return Boolean(user._deleted_at);
}

/**
 * Zendesk refuses to delete a user who is requester of any ticket that is not closed ("solved"
 * is not closed). Returns the blocking ticket ids; empty means the delete may proceed.
 */
export function ticketsBlockingDeletion(ctx: SandboxContext, userId: number): number[] {
  return ctx.state.zendesk.openRequestedTicketIds(userId);
}

export function blockingDescription(ticketIds: number[]): string {
  return `Cannot delete user: user is the requester of ${ticketIds.length} ticket(s) that are not closed (${ticketIds.join(', ')}). Close the tickets or change their requester, then retry.`;
}

export function softDeleteUser(ctx: SandboxContext, user: ZendeskUserRecord): void {
  const now = ctx.nowIso();
  user.active = false;
  user._deleted_at = now;
  user.updated_at = now;
  ctx.state.zendesk.touchUser();
}

interface SortedUserViews {
  version: number;
  byCreated: ZendeskUserRecord[];
  byUpdated: ZendeskUserRecord[];
}

const sortedViews = new WeakMap<ZendeskState, SortedUserViews>();

/** Users sorted by (created_at, id) and by (updated_at, id), cached until a user changes. */
export function sortedUsers(zendesk: ZendeskState): SortedUserViews {
  const cached = sortedViews.get(zendesk);
  if (cached && cached.version === zendesk.userVersion) return cached;
  const all = [...zendesk.users.values()];
  const byCreated = sortByTime(all, (user) => user.created_at);
  const byUpdated = sortByTime(all, (user) => user.updated_at);
  const views = { version: zendesk.userVersion, byCreated, byUpdated };
  sortedViews.set(zendesk, views);
  return views;
}

function sortByTime(users: ZendeskUserRecord[], timeOf: (user: ZendeskUserRecord) => string): ZendeskUserRecord[] {
  return users
    .map((user) => ({ time: Date.parse(timeOf(user)), user }))
    .sort((a, b) => a.time - b.time || a.user.id - b.user.id)
    .map((entry) => entry.user);
}
