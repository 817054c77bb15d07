import type { Response, Router } from 'express';
import type { SandboxContext } from '../options.js';
import { retryAfterSeconds } from '../rate-limiter.js';
import type { ZendeskRole, ZendeskUserRecord } from '../types.js';
import { baseUrlOf, markRateLimited, queryOf } from '../vendor-gate.js';
import { enqueueJob } from './jobs.js';
import { decodeCursor, encodeCursor, lowerBound, sendPage } from './pagination.js';
import {
  sendInvalidValue,
  sendNotFound,
  sendRecordInvalid,
  serializeDeletedUser,
  serializeIdentity,
  serializeJob,
  serializePurgedUser,
  serializeTicket,
  serializeUser,
  serializeUserField,
} from './responses.js';
import { parseUserQuery } from './user-query.js';
import {
  ROLES,
  blockingDescription,
  createUser,
  isSoftDeleted,
  isValidEmail,
  newIdentity,
  softDeleteUser,
  sortedUsers,
  ticketsBlockingDeletion,
} from './user-ops.js';

const SEARCH_RESULT_CAP = 10_000;
const EXPORT_CURSOR_TTL_MS = 60 * 60 * 1000;

export function parseId(value: string | undefined): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/** Comma-separated ids (`?ids=1,2,3`), at most `max`; null when malformed or too many. */
export function parseIdList(value: string | null, max = 100): number[] | null {
  if (!value) return null;
  const ids = value.split(',').map((part) => parseId(part.trim()));
  if (ids.length > max || ids.some((id) => id === null)) return null;
  return ids as number[];
}

function tooManyRequests(res: Response, retryAfterMs: number, description: string): void {
  markRateLimited(res, retryAfterMs);
  res.setHeader('Retry-After', String(retryAfterSeconds(retryAfterMs)));
  res.status(429).json({ error: 'TooManyRequests', description });
}

export function registerUserRoutes(router: Router, ctx: SandboxContext): void {
  const z = () => ctx.state.zendesk;

  // https://developer.zendesk.com/api-reference/ticketing/organizations/organizations/#search-organizations
  // By `name` (exact, case-insensitive) or `external_id`, not both.
  router.get('/api/v2/organizations/search', (req, res) => {
    const query = queryOf(req);
    const name = query.get('name');
    const externalId = query.get('external_id');
    if ((name === null) === (externalId === null)) return sendInvalidValue(res, 'exactly one of name or external_id is required');
    const wanted = (name ?? '').toLowerCase();
    const organizations = name === null ? [] : [...z().organizations.values()].filter((o) => o.name.toLowerCase() === wanted).sort((a, b) => a.id - b.id);
    res.json({ organizations, next_page: null, previous_page: null, count: organizations.length });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#show-many-users
  router.get('/api/v2/users/show_many', (req, res) => {
    const ids = parseIdList(queryOf(req).get('ids'));
    if (!ids) return sendInvalidValue(res, 'ids must be a comma-separated list of up to 100 user ids');
    const base = baseUrlOf(req);
    const users = ids.map((id) => z().users.get(id)).filter((u): u is ZendeskUserRecord => u !== undefined);
    res.json({ users: users.map((u) => serializeUser(u, base)), next_page: null, previous_page: null, count: users.length });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#search-users
  router.get('/api/v2/users/search', (req, res) => {
    const query = queryOf(req);
    const text = query.get('query') ?? '';
    const externalId = query.get('external_id');
    if (!text && !externalId) return sendInvalidValue(res, 'query or external_id is required');
    const perPage = Number(query.get('per_page') ?? 100);
    const page = Number(query.get('page') ?? 1);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100 || !Number.isInteger(page) || page < 1) {
      return sendInvalidValue(res, 'page must be >= 1 and per_page from 1 to 100');
    }
    if (page * perPage > SEARCH_RESULT_CAP) {
      res.status(422).json({
        error: 'invalid',
        description: 'Invalid search: Requested response size was greater than Search Response Limits',
      });
      return;
    }
    const { matches } = parseUserQuery(text);
    const found = externalId
      ? []
      : sortedUsers(z()).byCreated.filter((user) => user.active && matches(user)).sort((a, b) => a.id - b.id);
    const base = baseUrlOf(req);
    const start = (page - 1) * perPage;
    const pageUrl = (n: number) => {
      const params = new URLSearchParams(query);
      params.set('page', String(n));
      params.set('per_page', String(perPage));
      return `${base}/api/v2/users/search.json?${params.toString()}`;
    };
    const hasNext = start + perPage < found.length && (page + 1) * perPage <= SEARCH_RESULT_CAP;
    res.json({
      users: found.slice(start, start + perPage).map((u) => serializeUser(u, base)),
      next_page: hasNext ? pageUrl(page + 1) : null,
      previous_page: page > 1 ? pageUrl(page - 1) : null,
      count: found.length,
    });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#bulk-delete-users
  router.delete('/api/v2/users/destroy_many', (req, res) => {
    const ids = parseIdList(queryOf(req).get('ids'));
    if (!ids) return sendInvalidValue(res, 'ids must be a comma-separated list of up to 100 user ids');
    const job = enqueueJob(ctx, 'Bulk Delete Users', ids.length, () =>
      ids.map((id, index) => {
        const user = z().users.get(id);
        if (!user || isSoftDeleted(user)) return { index, id, success: false, error: 'UserNotFound', details: 'Not found' };
        const blocking = ticketsBlockingDeletion(ctx, id);
        if (blocking.length > 0) {
          return { index, id, success: false, error: 'UserDeleteFailed', details: blockingDescription(blocking) };
        }
        softDeleteUser(ctx, user);
        return { index, id, action: 'delete', success: true, status: 'Deleted' };
      }),
    );
    res.json({ job_status: serializeJob(job, baseUrlOf(req)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#create-user
  router.post('/api/v2/users', (req, res) => {
    const body = asRecord(asRecord(req.body).user);
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    const email = typeof body.email === 'string' ? body.email.trim() : null;
    const role = (typeof body.role === 'string' ? body.role : 'end-user') as ZendeskRole;
    const details: Record<string, Array<{ description: string; error: string }>> = {};
    if (!name) details.name = [{ description: 'Name: is too short (minimum one character)', error: 'BlankValue' }];
    if (email !== null && !isValidEmail(email)) details.email = [{ description: `Email: ${email} is not properly formatted`, error: 'InvalidFormat' }];
    if (email && z().findUserByEmail(email)) {
      details.email = [{ description: `Email: ${email} is already being used by another user`, error: 'DuplicateValue' }];
    }
    if (!ROLES.includes(role)) details.role = [{ description: `Role: ${String(body.role)} is not a valid role`, error: 'InvalidValue' }];
    if (Object.keys(details).length > 0) return sendRecordInvalid(res, details);
    const user = createUser(ctx, {
      name,
      email,
      role,
      phone: typeof body.phone === 'string' ? body.phone : null,
      verified: body.verified === true,
      organization_id: typeof body.organization_id === 'number' ? body.organization_id : null,
      user_fields: acceptedUserFields(ctx, asRecord(body.user_fields)),
      tags: Array.isArray(body.tags) ? body.tags.filter((t): t is string => typeof t === 'string') : [],
    });
    const base = baseUrlOf(req);
    res.status(201).location(`${base}/api/v2/users/${user.id}.json`).json({ user: serializeUser(user, base) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#show-user
  router.get('/api/v2/users/:id', (req, res) => {
    const user = z().users.get(parseId(req.params.id) ?? -1);
    if (!user) return sendNotFound(res);
    res.json({ user: serializeUser(user, baseUrlOf(req)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#update-user
  router.put('/api/v2/users/:id', (req, res) => {
    const user = z().users.get(parseId(req.params.id) ?? -1);
    if (!user || isSoftDeleted(user)) return sendNotFound(res);
    const body = asRecord(asRecord(req.body).user);
    const details: Record<string, Array<{ description: string; error: string }>> = {};
    if ('name' in body && (typeof body.name !== 'string' || !body.name.trim())) {
      details.name = [{ description: 'Name: is too short (minimum one character)', error: 'BlankValue' }];
    }
    if (typeof body.email === 'string') {
      const other = z().findUserByEmail(body.email);
      if (!isValidEmail(body.email)) details.email = [{ description: `Email: ${body.email} is not properly formatted`, error: 'InvalidFormat' }];
      else if (other && other.id !== user.id) {
        details.email = [{ description: `Email: ${body.email} is already being used by another user`, error: 'DuplicateValue' }];
      }
    }
    if ('role' in body && !ROLES.includes(body.role as ZendeskRole)) {
      details.role = [{ description: `Role: ${String(body.role)} is not a valid role`, error: 'InvalidValue' }];
    }
    if (Object.keys(details).length > 0) return sendRecordInvalid(res, details);

    const now = ctx.nowIso();
    if (typeof body.name === 'string') user.name = body.name.trim();
    if (typeof body.email === 'string' && body.email !== user.email) {
      user.email = body.email;
      const primary = user.identities.find((i) => i.type === 'email' && i.primary);
      if (primary) {
        primary.value = body.email;
        primary.updated_at = now;
      } else {
        user.identities.unshift(newIdentity(z(), user.id, 'email', body.email, now, true, false));
      }
    }
    if ('phone' in body) {
      user.phone = typeof body.phone === 'string' ? body.phone : null;
      user.identities = user.identities.filter((i) => i.type !== 'phone_number');
      if (user.phone) user.identities.push(newIdentity(z(), user.id, 'phone_number', user.phone, now, false, false));
    }
    if ('role' in body) user.role = body.role as ZendeskRole;
    if (typeof body.verified === 'boolean') user.verified = body.verified;
    if ('organization_id' in body) user.organization_id = typeof body.organization_id === 'number' ? body.organization_id : null;
    if (Array.isArray(body.tags)) user.tags = body.tags.filter((t): t is string => typeof t === 'string');
    if (body.user_fields && typeof body.user_fields === 'object') {
      // user_fields merge: keys sent replace, keys not sent stay.
      Object.assign(user.user_fields, acceptedUserFields(ctx, asRecord(body.user_fields)));
    }
    user.updated_at = now;
    z().putUser(user);
    res.json({ user: serializeUser(user, baseUrlOf(req)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#delete-user
  router.delete('/api/v2/users/:id', (req, res) => {
    const user = z().users.get(parseId(req.params.id) ?? -1);
    if (!user || isSoftDeleted(user)) return sendNotFound(res);
    const blocking = ticketsBlockingDeletion(ctx, user.id);
    if (blocking.length > 0) {
      return sendRecordInvalid(res, { base: [{ description: blockingDescription(blocking), error: 'InvalidValue' }] });
    }
    softDeleteUser(ctx, user);
    res.json({ user: serializeUser(user, baseUrlOf(req)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#list-identities
  router.get('/api/v2/users/:id/identities', (req, res) => {
    const user = z().users.get(parseId(req.params.id) ?? -1);
    if (!user) return sendNotFound(res);
    const base = baseUrlOf(req);
    sendPage(req, res, {
      items: [...user.identities].sort((a, b) => a.id - b.id),
      key: 'identities',
      keyOf: (identity) => identity.id,
      serialize: (identity) => serializeIdentity(identity, base),
    });
  });

  const identityOf = (userParam: string | undefined, identityParam: string | undefined) => {
    const user = z().users.get(parseId(userParam) ?? -1);
    if (!user || isSoftDeleted(user)) return undefined;
    const identity = user.identities.find((i) => i.id === parseId(identityParam));
    return identity ? { user, identity } : undefined;
  };
  const emailInUseByAnother = (email: string, userId: number): boolean => {
    const lower = email.toLowerCase();
    for (const other of z().users.values()) {
      if (other.id !== userId && !isSoftDeleted(other) && other.identities.some((i) => i.type === 'email' && i.value.toLowerCase() === lower)) return true;
    }
    return false;
  };

  // https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#create-identity
  router.post('/api/v2/users/:id/identities', (req, res) => {
    const user = z().users.get(parseId(req.params.id) ?? -1);
    if (!user || isSoftDeleted(user)) return sendNotFound(res);
    const body = asRecord(asRecord(req.body).identity);
    if (body.type !== 'email' || typeof body.value !== 'string') {
      return sendRecordInvalid(res, { type: [{ description: 'Type: is not valid; the sandbox models e-mail identities', error: 'InvalidValue' }] });
    }
    const value = body.value.trim();
    if (!isValidEmail(value)) return sendRecordInvalid(res, { value: [{ description: `Value: ${value} is not properly formatted`, error: 'InvalidFormat' }] });
    if (emailInUseByAnother(value, user.id)) return sendRecordInvalid(res, { value: [{ description: `Value: ${value} is already being used by another user`, error: 'DuplicateValue' }] });
    const existing = user.identities.find((i) => i.type === 'email' && i.value.toLowerCase() === value.toLowerCase());
    if (existing) return sendRecordInvalid(res, { value: [{ description: `Value: ${value} is already an identity of this user`, error: 'DuplicateValue' }] });
    const identity = newIdentity(z(), user.id, 'email', value, ctx.nowIso(), false, false);
    user.identities.push(identity);
    user.updated_at = ctx.nowIso();
    z().putUser(user);
    res.status(201).json({ identity: serializeIdentity(identity, baseUrlOf(req)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#make-identity-primary
  router.put('/api/v2/users/:id/identities/:identityId/make_primary', (req, res) => {
    const found = identityOf(req.params.id, req.params.identityId);
    if (!found) return sendNotFound(res);
    const { user, identity } = found;
    const now = ctx.nowIso();
    for (const other of user.identities) {
      if (other.type === identity.type && other.primary && other.id !== identity.id) {
        other.primary = false;
        other.updated_at = now;
      }
    }
    identity.primary = true;
    identity.updated_at = now;
    if (identity.type === 'email') user.email = identity.value;
    user.updated_at = now;
    z().putUser(user);
    const base = baseUrlOf(req);
    res.json({ identities: [...user.identities].sort((a, b) => a.id - b.id).map((i) => serializeIdentity(i, base)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/user_identities/#verify-identity
  router.put('/api/v2/users/:id/identities/:identityId/verify', (req, res) => {
    const found = identityOf(req.params.id, req.params.identityId);
    if (!found) return sendNotFound(res);
    found.identity.verified = true;
    found.identity.updated_at = ctx.nowIso();
    res.json({ identity: serializeIdentity(found.identity, baseUrlOf(req)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/groups/group_memberships/#list-memberships
  router.get('/api/v2/users/:id/group_memberships', (req, res) => {
    const user = z().users.get(parseId(req.params.id) ?? -1);
    if (!user) return sendNotFound(res);
    const base = baseUrlOf(req);
    const memberships = (user.group_ids ?? []).map((groupId, index) => ({ id: user.id * 1000 + index, user_id: user.id, group_id: groupId, default: index === 0 }));
    sendPage(req, res, {
      items: memberships,
      key: 'group_memberships',
      keyOf: (m) => m.id,
      serialize: (m) => ({ ...m, url: `${base}/api/v2/group_memberships/${m.id}.json`, created_at: user.created_at, updated_at: user.updated_at }),
    });
  });

  // https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#list-tickets
  for (const kind of ['requested', 'ccd'] as const) {
    router.get(`/api/v2/users/:id/tickets/${kind}`, (req, res) => {
      const userId = parseId(req.params.id) ?? -1;
      if (!z().users.has(userId)) return sendNotFound(res);
      const index = kind === 'requested' ? z().ticketsByRequester : z().ticketsByCc;
      const tickets = [...(index.get(userId) ?? [])]
        .map((id) => z().tickets.get(id))
        .filter((t) => t !== undefined && !t._deleted_at)
        .map((t) => t!)
        .sort((a, b) => a.id - b.id);
      const base = baseUrlOf(req);
      sendPage(req, res, { items: tickets, key: 'tickets', keyOf: (t) => t.id, serialize: (t) => serializeTicket(t, base) });
    });
  }

  // https://developer.zendesk.com/api-reference/ticketing/ticket-management/search/#export-search-results
  router.get('/api/v2/search/export', (req, res) => {
    const query = queryOf(req);
    const text = query.get('query');
    const type = query.get('filter[type]');
    if (!text) return sendInvalidValue(res, 'query is required');
    if (!type) return sendInvalidValue(res, 'filter[type] is required: one of ticket, organization, user, group');
    const parsed = parseUserQuery(text);
    if (parsed.namesType) return sendInvalidValue(res, 'Searches with type in the query string are not supported; use filter[type]');
    const size = Number(query.get('page[size]') ?? 100);
    if (!Number.isInteger(size) || size < 1 || size > 1000) return sendInvalidValue(res, 'page[size] must be from 1 to 1000');
    const limit = ctx.limiters.zendeskSearchExport.take('account', ctx.now());
    if (!limit.allowed) return tooManyRequests(res, limit.retryAfterMs, 'Search export is limited to 100 requests per minute');

    let sessionStart = ctx.now();
    let position = { c: Number.NEGATIVE_INFINITY, i: -1 };
    const after = query.get('page[after]');
    if (after) {
      const cursor = decodeCursor<{ c: number; i: number; s: number }>(after);
      if (!cursor || typeof cursor.c !== 'number' || typeof cursor.i !== 'number') {
        return sendInvalidValue(res, 'page[after] is not a valid cursor');
      }
      if (ctx.now() - cursor.s > EXPORT_CURSOR_TTL_MS) return sendInvalidValue(res, 'The cursor has expired; start a new export');
      sessionStart = cursor.s;
      position = cursor;
    }
    const results: ZendeskUserRecord[] = [];
    let hasMore = false;
    if (type === 'user') {
      const users = sortedUsers(z()).byCreated;
      let index = lowerBound(users, (u) => {
        const created = Date.parse(u.created_at);
        return created > position.c || (created === position.c && u.id > position.i);
      });
      for (; index < users.length; index += 1) {
        const user = users[index]!;
        if (!user.active || !parsed.matches(user)) continue;
        if (results.length === size) {
          hasMore = true;
          break;
        }
        results.push(user);
      }
    }
    const last = results[results.length - 1];
    const afterCursor = last ? encodeCursor({ c: Date.parse(last.created_at), i: last.id, s: sessionStart }) : null;
    const base = baseUrlOf(req);
    const next = new URLSearchParams(query);
    if (afterCursor) next.set('page[after]', afterCursor);
    next.set('page[size]', String(size));
    res.json({
      results: results.map((u) => ({ ...serializeUser(u, base), result_type: 'user' })),
      facets: null,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: null },
      links: { prev: null, next: hasMore ? `${base}/api/v2/search/export.json?${next.toString()}` : null },
    });
  });

  // https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-user-export-cursor-based
  router.get('/api/v2/incremental/users/cursor', (req, res) => {
    const query = queryOf(req);
    const startTime = query.get('start_time');
    const cursorText = query.get('cursor');
    const perPage = Number(query.get('per_page') ?? 1000);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 1000) return sendInvalidValue(res, 'per_page must be from 1 to 1000');
    let position: { u: number; i: number };
    if (cursorText) {
      const cursor = decodeCursor<{ u: number; i: number }>(cursorText);
      if (!cursor || typeof cursor.u !== 'number' || typeof cursor.i !== 'number') return sendInvalidValue(res, 'cursor is not valid');
      position = cursor;
    } else if (startTime && /^\d+$/.test(startTime)) {
      position = { u: Number(startTime) * 1000, i: -1 };
    } else {
      return sendInvalidValue(res, 'start_time (unix seconds) or cursor is required');
    }
    const limit = ctx.limiters.zendeskIncremental.take('account', ctx.now());
    if (!limit.allowed) return tooManyRequests(res, limit.retryAfterMs, 'Incremental exports are limited to 10 requests per minute');

    const users = sortedUsers(z()).byUpdated;
    const start = lowerBound(users, (u) => {
      const updated = Date.parse(u.updated_at);
      return updated > position.u || (updated === position.u && u.id > position.i);
    });
    const page = users.slice(start, start + perPage);
    const last = page[page.length - 1];
    const afterPosition = last ? { u: Date.parse(last.updated_at), i: last.id } : position;
    const afterCursor = encodeCursor(afterPosition);
    const base = baseUrlOf(req);
    res.json({
      users: page.map((u) => serializeUser(u, base)),
      after_cursor: afterCursor,
      after_url: `${base}/api/v2/incremental/users/cursor.json?cursor=${afterCursor}&per_page=${perPage}`,
      before_cursor: null,
      before_url: null,
      end_of_stream: start + perPage >= users.length,
    });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#list-deleted-users
  router.get('/api/v2/deleted_users', (req, res) => {
    const base = baseUrlOf(req);
    const now = ctx.nowIso();
    const deleted: Array<{ id: number; user?: ZendeskUserRecord }> = [];
    for (const user of z().users.values()) if (isSoftDeleted(user)) deleted.push({ id: user.id, user });
    for (const id of z().purgedUserIds) deleted.push({ id });
    deleted.sort((a, b) => a.id - b.id);
    sendPage(req, res, {
      items: deleted,
      key: 'deleted_users',
      keyOf: (d) => d.id,
      serialize: (d) => (d.user ? serializeDeletedUser(d.user, base) : serializePurgedUser(d.id, base, now)),
    });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#show-deleted-user
  router.get('/api/v2/deleted_users/:id', (req, res) => {
    const user = z().users.get(parseId(req.params.id) ?? -1);
    if (!user || !isSoftDeleted(user)) return sendNotFound(res);
    res.json({ deleted_user: serializeDeletedUser(user, baseUrlOf(req)) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/users/#permanently-delete-user
  router.delete('/api/v2/deleted_users/:id', (req, res) => {
    const user = z().users.get(parseId(req.params.id) ?? -1);
    if (!user || !isSoftDeleted(user)) return sendNotFound(res);
    const limit = ctx.limiters.zendeskPermanentDeletes.take('account', ctx.now());
    if (!limit.allowed) return tooManyRequests(res, limit.retryAfterMs, 'Permanent user deletion is limited to 700 users every 10 minutes');
    z().purgeUser(user.id);
    res.json({ deleted_user: serializePurgedUser(user.id, baseUrlOf(req), ctx.nowIso()) });
  });

  // https://developer.zendesk.com/api-reference/ticketing/users/user_fields/
  router.get('/api/v2/user_fields', (req, res) => {
    const base = baseUrlOf(req);
    sendPage(req, res, {
      items: [...z().userFields.values()].sort((a, b) => a.id - b.id),
      key: 'user_fields',
      keyOf: (f) => f.id,
      serialize: (f) => serializeUserField(f, base),
    });
  });

  router.post('/api/v2/user_fields', (req, res) => {
    const body = asRecord(asRecord(req.body).user_field);
    const key = typeof body.key === 'string' ? body.key : '';
    const title = typeof body.title === 'string' ? body.title : '';
    const details: Record<string, Array<{ description: string; error: string }>> = {};
    if (!/^[A-Za-z0-9_]+$/.test(key)) details.key = [{ description: 'Key: is invalid (letters, digits and underscores)', error: 'InvalidValue' }];
    else if ([...z().userFields.values()].some((f) => f.key === key)) {
      details.key = [{ description: 'Key: has already been taken', error: 'DuplicateValue' }];
    }
    if (!title) details.title = [{ description: 'Title: cannot be blank', error: 'BlankValue' }];
    if (Object.keys(details).length > 0) return sendRecordInvalid(res, details);
    const now = ctx.nowIso();
    const field = {
      id: z().nextUserFieldId,
      key,
      type: typeof body.type === 'string' ? body.type : 'text',
      title,
      description: typeof body.description === 'string' ? body.description : '',
      active: body.active !== false,
      created_at: now,
      updated_at: now,
    };
    z().nextUserFieldId += 1;
    z().userFields.set(field.id, field);
    const base = baseUrlOf(req);
    res.status(201).location(`${base}/api/v2/user_fields/${field.id}.json`).json({ user_field: serializeUserField(field, base) });
  });
}

/** With `strictUserFields`, keys no user field defines are dropped, as Zendesk drops them. */
function acceptedUserFields(ctx: SandboxContext, fields: Record<string, unknown>): Record<string, unknown> {
  if (!ctx.options.zendesk?.strictUserFields) return { ...fields };
  const known = new Set([...ctx.state.zendesk.userFields.values()].map((f) => f.key));
  return Object.fromEntries(Object.entries(fields).filter(([key]) => known.has(key)));
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
