import { normaliseEmail } from '../policy/person-key.js';

/** Why a request's sender was or was not accepted as the account holder (C20). */
export type IdentityVerdict =
  | { accepted: true; reason: 'verified_primary_address' }
  | { accepted: false; reason: 'channel_not_email_or_web' | 'no_verified_primary_address' | 'sender_address_unknown' | 'sender_is_not_primary_address' };

/** The identity fields this check reads from a Zendesk user identity. */
export interface IdentityLike {
  type: string;
  value: string;
  primary?: boolean | undefined;
  verified?: boolean | undefined;
}

/** The ticket's channel (`via.channel`, or the trigger's `{{ticket.via}}` text) as email / web / other. */
export function channelOf(via: string | undefined | null): 'email' | 'web' | 'other' {
  const value = (via ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (value === 'email' || value === 'mail') return 'email';
  if (value === 'web' || value === 'web_form' || value === 'webform') return 'web';
  return 'other';
}

/** `via.source.from.address` of a Zendesk ticket or comment, when present. */
export function senderAddressOf(record: unknown): string | undefined {
  const via = (record as { via?: { source?: { from?: { address?: unknown } } } } | undefined)?.via;
  const address = via?.source?.from?.address;
  return typeof address === 'string' && address.includes('@') ? normaliseEmail(address) : undefined;
}

/** `via.channel` of a Zendesk ticket or comment. */
export function viaChannelOf(record: unknown): string | undefined {
  const channel = (record as { via?: { channel?: unknown } } | undefined)?.via?.channel;
  return typeof channel === 'string' ? channel : undefined;
}

/**
 * C20: a request is accepted only when it came by e-mail or web form and the address it came from
 * is the requester's verified primary e-mail identity. Anything else is confirmed first.
 */
export function assessRequesterIdentity(input: { channel: string | undefined; senderAddress: string | undefined; identities: readonly IdentityLike[] }): IdentityVerdict {
  if (channelOf(input.channel) === 'other') return { accepted: false, reason: 'channel_not_email_or_web' };
  const primary = input.identities.find((i) => i.type === 'email' && i.primary === true && i.verified === true);
  if (!primary) return { accepted: false, reason: 'no_verified_primary_address' };
  if (!input.senderAddress) return { accepted: false, reason: 'sender_address_unknown' };
  if (normaliseEmail(primary.value) !== normaliseEmail(input.senderAddress)) return { accepted: false, reason: 'sender_is_not_primary_address' };
  return { accepted: true, reason: 'verified_primary_address' };
}

/** Request types named by ticket tags `privacy_request_<type>`. */
export function requestTypesFromTags(tags: readonly string[] | undefined): Array<'access' | 'erasure' | 'rectification' | 'restriction' | 'objection'> {
  const types = new Set<'access' | 'erasure' | 'rectification' | 'restriction' | 'objection'>();
  for (const tag of tags ?? []) {
    const match = /^privacy_request_(access|erasure|rectification|restriction|objection)$/.exec(tag.trim().toLowerCase());
    if (match) types.add(match[1] as 'access');
  }
  return [...types];
}
