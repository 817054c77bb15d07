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

/**
 * Reads a person key that came from outside (a URL or a body): `zendesk:<id>` with an id that
 * fits a JavaScript number, or `email:<address>` without spaces or NUL. Undefined when it is neither.
 */
export function parsePersonKey(personKey: string): { key: PersonKey; zendeskUserId?: number; email?: string } | undefined {
  if (personKey.length > 330) return undefined;
  const zendesk = ZENDESK_KEY.exec(personKey);
  if (zendesk) return { key: personKey as PersonKey, zendeskUserId: Number(zendesk[1]) };
  const email = EMAIL_KEY.exec(personKey);
  if (email) return { key: personKey as PersonKey, email: email[1]! };
  return undefined;
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
