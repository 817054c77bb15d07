import type { ZendeskUserRecord } from '../types.js';

// The subset of Zendesk's search syntax the product uses for users:
// https://support.zendesk.com/hc/en-us/articles/4408886879258
// `email:x@y` (with `*` wildcards), `name:`, `phone:`, `role:`, `tags:`, `created<2020-01-01`,
// `updated>=2020-01-01`, `last_login<...`, `<user_field_key>:value`, `type:user`, bare words, a
// leading `-` to negate. Anything else matches nothing, so a typo is visible in tests.

type UserPredicate = (user: ZendeskUserRecord) => boolean;

const DAY_MS = 86_400_000;

export interface ParsedUserQuery {
  matches: UserPredicate;
  /** True when the query named `type:` (search export refuses that). */
  namesType: boolean;
}

export function parseUserQuery(query: string): ParsedUserQuery {
  const predicates: UserPredicate[] = [];
  let namesType = false;
  for (const rawToken of tokenize(query)) {
    const negate = rawToken.startsWith('-') && rawToken.length > 1;
    const token = negate ? rawToken.slice(1) : rawToken;
    const match = /^([a-z_]+)(<=|>=|:|<|>)(.*)$/i.exec(token);
    let predicate: UserPredicate;
    if (!match) {
      const needle = unquote(token).toLowerCase();
      predicate = (user) =>
        user.name.toLowerCase().includes(needle) ||
        (user.email ?? '').toLowerCase().includes(needle) ||
        (user.phone ?? '').includes(needle);
    } else {
      const key = (match[1] ?? '').toLowerCase();
      const operator = match[2] ?? ':';
      const value = unquote(match[3] ?? '');
      if (key === 'type') namesType = true;
      predicate = predicateFor(key, operator, value);
    }
    predicates.push(negate ? (user) => !predicate(user) : predicate);
  }
  return { matches: (user) => predicates.every((p) => p(user)), namesType };
}

function predicateFor(key: string, operator: string, value: string): UserPredicate {
  switch (key) {
    case 'type':
      return value === 'user' ? () => true : () => false;
    case 'email':
      return textMatcher((user) => user.email, value);
    case 'name':
      return textMatcher((user) => user.name, value);
    case 'phone':
      return textMatcher((user) => user.phone, value);
    case 'role':
      return (user) => user.role === value.toLowerCase();
    case 'tags':
    case 'tag':
      return (user) => user.tags.includes(value);
    case 'created':
    case 'created_at':
      return dateMatcher((user) => user.created_at, operator, value);
    case 'updated':
    case 'updated_at':
      return dateMatcher((user) => user.updated_at, operator, value);
    case 'last_login':
    case 'last_login_at':
      return dateMatcher((user) => user.last_login_at, operator, value);
    default:
      // A custom user field key.
      return (user) => {
        const fieldValue = user.user_fields[key];
        if (fieldValue === undefined || fieldValue === null) return value === 'none';
        return String(fieldValue).toLowerCase() === value.toLowerCase();
      };
  }
}

function textMatcher(read: (user: ZendeskUserRecord) => string | null, pattern: string): UserPredicate {
  const lower = pattern.toLowerCase();
  if (lower === 'none') return (user) => !read(user);
  if (!lower.includes('*')) return (user) => (read(user) ?? '').toLowerCase() === lower;
  const regex = new RegExp(`^${lower.split('*').map(escapeRegex).join('.*')}$`);
  return (user) => regex.test((read(user) ?? '').toLowerCase());
}

/** Dates are days (UTC) unless a full timestamp is given; `<` is before the day, `>` after it. */
function dateMatcher(read: (user: ZendeskUserRecord) => string | null, operator: string, value: string): UserPredicate {
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const start = Date.parse(isDay ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(start)) return () => false;
  const end = isDay ? start + DAY_MS : start + 1;
  return (user) => {
    const raw = read(user);
    if (!raw) return false;
    const time = Date.parse(raw);
    switch (operator) {
      case '<':
        return time < start;
      case '<=':
        return time < end;
      case '>':
        return time >= end;
      case '>=':
        return time >= start;
      default:
        return time >= start && time < end;
    }
  };
}

function tokenize(query: string): string[] {
  return query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
}

function unquote(value: string): string {
  return value.replace(/"/g, '');
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
