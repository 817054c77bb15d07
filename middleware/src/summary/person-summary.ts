import type { AppContext } from '../app-context.js';
import type { PersonSummary, LegalHold as HoldView, OpenRequest } from '../../../zendesk-app/src/api/contract.js';
import { consentStateOf } from '../consent/consent-service.js';
import { consentEntries } from '../consent/consent-routes.js';
import { decideRetention, type CrossSystemActivity, type LegalHold } from '../policy/retention.js';
import { personKeyCandidates, personKeyFor } from '../policy/person-key.js';
import { personByKey } from '../store/people-store.js';
import { isMinorByUserFields } from '../policy/minors.js';
import { piiCategoriesOnRecord, type PiiEvidence } from '../policy/pii-categories.js';
import { personRegion } from '../policy/person-region.js';
import { unsafeguardedTransfers } from '../policy/processors.js';

/** What the summary learned about a person from the vendors (one pass, shared by its parts). */
export interface VendorView {
  zendeskUserId?: number;
  email: string;
  name: string;
  role?: string;
  phone?: string | null;
  organizationId?: number | null;
  lastLoginAt?: string | null;
  createdAt?: string | null;
  lastChatAt?: Date;
  lastCallAt?: Date;
  /** Zendesk custom user fields (the age source of C27, the region of C13). */
  userFields?: Record<string, unknown> | null;
  /** C01 evidence: chats found, Talkdesk contacts and calls, web tickets, comment-scan findings. */
  chatCount?: number;
  talkdeskContacts?: PiiEvidence['talkdesk']['contacts'];
  callCount?: number;
  webTicketCount?: number;
  findings?: PiiEvidence['findings'];
  openTicketIds?: number[];
  solvedTicketIds?: number[];
}

export type OpenRequestsProvider = (ctx: AppContext, personKeys: string[]) => Promise<OpenRequest[]>;

export async function activeHolds(ctx: AppContext, personKeys: string[]): Promise<Array<LegalHold & { personKey: string }>> {
  const { rows } = await ctx.db.query<Record<string, unknown>>(
    `SELECT * FROM legal_holds WHERE person_key = ANY($1::text[]) AND lifted_at IS NULL AND (ends_at IS NULL OR ends_at > $2) ORDER BY starts_at`,
    [personKeys, ctx.now().toISOString()],
  );
  return rows.map((row) => ({
    id: String(row.id),
    personKey: String(row.person_key),
    reason: String(row.reason),
    placedBy: String(row.placed_by),
    placedAt: new Date(String(row.starts_at instanceof Date ? row.starts_at.toISOString() : row.starts_at)),
    until: row.ends_at ? new Date(String(row.ends_at instanceof Date ? row.ends_at.toISOString() : row.ends_at)) : null,
  }));
}

/** Everything the sidebar shows about one person (C01, C09, C14, C18, C24, C26, C27, C28). */
export async function summarizePerson(ctx: AppContext, view: VendorView, openRequestsFor?: OpenRequestsProvider): Promise<PersonSummary> {
  const ref = { zendeskUserId: view.zendeskUserId ?? null, email: view.email };
  const keys = personKeyCandidates(ref);
  const personKey = personKeyFor(ref);
  const [consent, holds, known, openRequests] = await Promise.all([
    consentStateOf(ctx, ref),
    activeHolds(ctx, keys),
    personByKey(ctx.db, personKey),
    openRequestsFor ? openRequestsFor(ctx, keys) : Promise.resolve([] as OpenRequest[]),
  ]);
  // C27: marked by an agent, or below the profile's minimum age by the age field on the Zendesk user.
  const minor = Boolean(known?.minor) || isMinorByUserFields(view.userFields, ctx.profile, ctx.now());
  const region = personRegion(view.userFields);
  const activity: CrossSystemActivity = {
    zendesk: { lastLoginAt: view.lastLoginAt ? new Date(view.lastLoginAt) : null, createdAt: view.createdAt ? new Date(view.createdAt) : null },
    livechat: { lastChatAt: view.lastChatAt ?? null },
    talkdesk: { lastCallAt: view.lastCallAt ?? null },
  };
  const decision = decideRetention({
    activity,
    profile: ctx.profile,
    now: ctx.now(),
    holds,
    openTicketIds: view.openTicketIds,
    solvedTicketIds: view.solvedTicketIds,
    restricted: Boolean(known?.restricted || minor),
    isAgent: view.role === 'agent' || view.role === 'admin',
  });
  return {
    personKey,
    ...(view.zendeskUserId ? { zendeskUserId: view.zendeskUserId } : {}),
    displayName: view.name,
    email: view.email,
    consent: consentEntries(consent),
    retention: {
      status: decision.outcome,
      ...(decision.lastActivity ? { lastActivityAt: decision.lastActivity.toISOString() } : {}),
      ...(decision.lastActivitySystem ? { lastActivitySystem: decision.lastActivitySystem } : {}),
      ...(decision.dueAt ? { dueAt: decision.dueAt.toISOString() } : {}),
      windowMonths: ctx.profile.retention.windowMonths,
      mode: decision.mode,
      reason: retentionReasonText(decision.reason, decision.blockingTicketIds),
    },
    // C27: a marked minor is restricted (C24) until an admin has reviewed the erasure.
    restricted: Boolean(known?.restricted || minor),
    minor,
    holds: holds.map(
      (h): HoldView => ({ id: h.id, personKey: h.personKey, reason: h.reason, placedBy: h.placedBy, since: h.placedAt.toISOString(), ...(h.until ? { until: h.until.toISOString() } : {}) }),
    ),
    openRequests,
    region,
    transfersFlagged: unsafeguardedTransfers(ctx.profile, { inEea: region === 'eea' }),
    piiCategories: piiCategoriesOnRecord({
      zendesk: { name: view.name, email: view.email, phone: view.phone, organizationId: view.organizationId, lastLoginAt: view.lastLoginAt, webTicketCount: view.webTicketCount ?? 0 },
      findings: view.findings ?? [],
      livechat: { chats: view.chatCount ?? 0 },
      talkdesk: { contacts: view.talkdeskContacts ?? [], calls: view.callCount ?? 0 },
    }),
  };
}

function retentionReasonText(reason: string, blocking?: number[]): string {
  const text = reason.replace(/_/g, ' ');
  return blocking?.length ? `${text}: ${blocking.map((id) => `#${id}`).join(', ')}` : text;
}
