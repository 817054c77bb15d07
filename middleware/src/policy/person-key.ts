/**
 * Person keys: how consent records, holds and restrictions name a person. A Zendesk user is
 * `zendesk:<id>`; someone known only by address (a CC'd address that is not yet a Zendesk user)
 * is `email:<lower-cased address>`. Because one person can be recorded under both keys (consent
 * given by e-mail before the user existed), lookups use `personKeyCandidates`.
 */

/** A normalised person key: `zendesk:<id>` or `email:<address>`. */
export type PersonKey = `zendesk:${string}` | `email:${string}`;

/** What is known about a person: a Zendesk user id, an e-mail address, or both. */
export interface PersonRef {
  zendeskUserId?: number | string | null;
  email?: string | null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The domain part of an address, lower-cased; `undefined` when there is none. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  if (at < 0 || at === email.length - 1) return undefined;
  return normaliseEmail(email.slice(at + 1));
}

/** The primary key of a person: the Zendesk user id when known, otherwise the lower-cased e-mail. */
export function personKeyFor(person: PersonRef): PersonKey {
  const id = person.zendeskUserId;
  if (id !== undefined && id !== null && String(id).trim() !== '') return `zendesk:${String(id).trim()}`;
  const email = person.email ? normaliseEmail(person.email) : '';
  if (email !== '') return `email:${email}`;
  throw new TypeError('personKeyFor: a person needs a zendeskUserId or an email');
}

/** Every key the person may be recorded under, primary first (user id, then e-mail). */
export function personKeyCandidates(person: PersonRef): PersonKey[] {
  const keys: PersonKey[] = [];
  const id = person.zendeskUserId;
  if (id !== undefined && id !== null && String(id).trim() !== '') keys.push(`zendesk:${String(id).trim()}`);
  const email = person.email ? normaliseEmail(person.email) : '';
  if (email !== '') keys.push(`email:${email}`);
  if (keys.length === 0) throw new TypeError('personKeyCandidates: a person needs a zendeskUserId or an email');
  return keys;
}

const ZENDESK_KEY = /^zendesk:(\d{1,15})$/;
const EMAIL_KEY = /^email:([^\s\u0000@]+@[^\s\u0000@]+)$/;
// LiveChat customer ids are UUIDs, Talkdesk contact ids hex strings; both are opaque, so only a
// conservative alphabet and length are checked.
const VENDOR_KEY = /^(livechat|talkdesk):([A-Za-z0-9][A-Za-z0-9._-]{0,127})$/;

/** A person key read from outside, normalised, with what it names. */
export interface ParsedPersonKey {
  key: PersonKey | `livechat:${string}` | `talkdesk:${string}`;
  zendeskUserId?: number;
  email?: string;
  livechatCustomerId?: string;
  talkdeskContactId?: string;
}

/**
 * The one reader of person keys that come from outside (a URL, a body, the CLI): trims, lower-cases
 * the prefix and e-mail addresses (`email:Jamie@Example.com` and `email:jamie@example.com` are one
 * person), and refuses anything that is not `zendesk:<id>` with an id that fits a JavaScript number,
 * `email:<address>` without spaces or NUL, `livechat:<customer id>` or `talkdesk:<contact id>`.
 * Undefined when it is none of these: a hold or a request on a key that matches nobody would
 * silently not bind.
 */
export function parsePersonKey(input: string): ParsedPersonKey | undefined {
  if (typeof input !== 'string' || input.length > 330) return undefined;
  const trimmed = input.trim();
  const colon = trimmed.indexOf(':');
  if (colon <= 0) return undefined;
  const personKey = `${trimmed.slice(0, colon).toLowerCase()}:${trimmed.slice(colon + 1).trim()}`;
  const zendesk = ZENDESK_KEY.exec(personKey);
  if (zendesk) {
    const id = Number(zendesk[1]);
    if (id <= 0) return undefined;
    return { key: `zendesk:${id}`, zendeskUserId: id };
  }
  const email = EMAIL_KEY.exec(personKey);
  if (email) {
    const address = normaliseEmail(email[1]!);
    return { key: `email:${address}`, email: address };
  }
  const vendor = VENDOR_KEY.exec(personKey);
  if (vendor) {
    return vendor[1] === 'livechat' ? { key: `livechat:${vendor[2]!}`, livechatCustomerId: vendor[2]! } : { key: `talkdesk:${vendor[2]!}`, talkdeskContactId: vendor[2]! };
  }
  return undefined;
}

/** Like `parsePersonKey`, for keys that must name a Zendesk user or an address (requests, consent). */
export function parseSubjectKey(input: string): { key: PersonKey; zendeskUserId?: number; email?: string } | undefined {
  const parsed = parsePersonKey(input);
  if (!parsed || (parsed.zendeskUserId === undefined && parsed.email === undefined)) return undefined;
  return { key: parsed.key as PersonKey, ...(parsed.zendeskUserId !== undefined ? { zendeskUserId: parsed.zendeskUserId } : {}), ...(parsed.email !== undefined ? { email: parsed.email } : {}) };
}

/**
 * The key an erased person's remaining accountability records carry (erasure/local-copies-step.ts):
 * their audit subject ref, so the records still line up with the ledger and name nobody.
 */
export function erasedPersonKey(subjectRef: string): string {
  return `erased:${subjectRef}`;
}

/** The audit subject ref inside an erased person's key, or undefined for any other key. */
export function subjectRefOfErasedKey(personKey: string): string | undefined {
  return personKey.startsWith('erased:') ? personKey.slice('erased:'.length) : undefined;
}
