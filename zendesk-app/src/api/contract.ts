/**
 * The contract between the app pages (ticket sidebar, admin page) and the middleware.
 *
 * Every call the pages make is described here as a zod schema and its inferred type. The
 * middleware imports these to validate requests and to type its responses; the pages import
 * them to parse responses. Keep this file free of dependencies other than zod.
 *
 * All calls are JSON with `Authorization: Bearer <session>`. Errors are `ApiErrorBody` with
 * status 400 (bad input), 401 (no or expired session), 403 (role), 404 (not found).
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Shared vocabulary

/** ISO-8601 timestamp string (UTC, as produced by `Date.prototype.toISOString`). */
export const IsoDateTime = z.string().min(1);

/** Stable key of a person across Zendesk, LiveChat and Talkdesk (opaque to the pages). */
export const PersonKey = z.string().min(1);

/** A consent purpose id from the policy profile, e.g. `cc`, `third_party_sharing`, `marketing`. */
export const ConsentPurpose = z.string().min(1);

export const ConsentState = z.enum(['granted', 'withdrawn', 'never']);
export type ConsentState = z.infer<typeof ConsentState>;

export const ConsentAction = z.enum(['granted', 'withdrawn']);
export type ConsentAction = z.infer<typeof ConsentAction>;

export const RetentionStatus = z.enum(['not_due', 'due', 'held', 'blocked', 'active_elsewhere', 'exempt']);
export type RetentionStatus = z.infer<typeof RetentionStatus>;

/** Outcomes a retention sweep reports (exempt people are not listed in a preview). */
export const RetentionOutcome = z.enum(['due', 'held', 'blocked', 'active_elsewhere', 'not_due']);
export type RetentionOutcome = z.infer<typeof RetentionOutcome>;

export const RetentionMode = z.enum(['delete', 'anonymize']);
export type RetentionMode = z.infer<typeof RetentionMode>;

export const RequestType = z.enum(['access', 'erasure', 'rectification', 'restriction', 'objection']);
export type RequestType = z.infer<typeof RequestType>;

/** Systems whose activity and PII the product tracks (C01, C14). */
export const SourceSystem = z.enum(['zendesk', 'livechat', 'talkdesk']);
export type SourceSystem = z.infer<typeof SourceSystem>;

/** C01 PII categories. */
export const PiiCategory = z.enum(['name', 'email', 'ip', 'company', 'phone', 'server_ips', 'credentials']);
export type PiiCategory = z.infer<typeof PiiCategory>;

export const ViewerRole = z.enum(['light_agent', 'agent', 'admin']);
export type ViewerRole = z.infer<typeof ViewerRole>;

/** Body of every error response. */
export const ApiErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

// ---------------------------------------------------------------------------------------------
// Person summary (sidebar)

/** Current consent of one person for one purpose (C09, C10, C28). */
export const ConsentEntry = z.object({
  purpose: ConsentPurpose,
  /** Required purposes cannot be withdrawn (C10). */
  required: z.boolean(),
  state: ConsentState,
  since: IsoDateTime.optional(),
  /** Where the last record came from, e.g. `agent`, `web_form`, `email`, `import`. */
  source: z.string().optional(),
  policyVersion: z.string().optional(),
  /** True when the last acceptance was given under an older policy version (C28). */
  outdated: z.boolean(),
});
export type ConsentEntry = z.infer<typeof ConsentEntry>;

/** Retention position of one person (C14-C19). */
export const RetentionSummary = z.object({
  status: RetentionStatus,
  lastActivityAt: IsoDateTime.optional(),
  lastActivitySystem: SourceSystem.optional(),
  dueAt: IsoDateTime.optional(),
  windowMonths: z.number().int().nonnegative(),
  mode: RetentionMode,
  /** Human-readable reason, e.g. "Open ticket #123 blocks deletion". */
  reason: z.string(),
});
export type RetentionSummary = z.infer<typeof RetentionSummary>;

/** A legal hold (C18). */
export const LegalHold = z.object({
  id: z.string(),
  personKey: PersonKey.optional(),
  /** For the admin page's list; the sidebar knows whose hold it is. */
  displayName: z.string().optional(),
  reason: z.string(),
  placedBy: z.string(),
  since: IsoDateTime,
  until: IsoDateTime.optional(),
});
export type LegalHold = z.infer<typeof LegalHold>;

/** A data-subject request as shown in the sidebar (C26). */
export const OpenRequest = z.object({
  id: z.string(),
  type: RequestType,
  status: z.string(),
  dueAt: IsoDateTime,
  overdue: z.boolean(),
});
export type OpenRequest = z.infer<typeof OpenRequest>;

/** C01 categories on record per system. */
export const PiiCategoriesBySystem = z.object({
  zendesk: z.array(z.string()),
  livechat: z.array(z.string()),
  talkdesk: z.array(z.string()),
});
export type PiiCategoriesBySystem = z.infer<typeof PiiCategoriesBySystem>;

/** Everything the sidebar shows about one person (requester or CC). */
export const PersonSummary = z.object({
  personKey: PersonKey,
  zendeskUserId: z.number().int().optional(),
  displayName: z.string(),
  email: z.string(),
  consent: z.array(ConsentEntry),
  retention: RetentionSummary,
  /** Restriction of processing (C24): the sidebar shows a blocking banner. */
  restricted: z.boolean(),
  /** Marked as a minor (C27). */
  minor: z.boolean(),
  holds: z.array(LegalHold),
  openRequests: z.array(OpenRequest),
  piiCategories: PiiCategoriesBySystem,
  /** The ticket is about this person but was not raised by them: ask for an attestation (C11). */
  needsAttestation: z.boolean().optional(),
  /** Where the person is (C13), from the `pg_region` user field; `unknown` when not set. */
  region: z.enum(['eea', 'non_eea', 'unknown']).optional(),
  /** Processors outside the EEA that receive this EEA person's data without a recorded safeguard (C13). */
  transfersFlagged: z.array(z.string()).optional(),
});
export type PersonSummary = z.infer<typeof PersonSummary>;

/** What the CC enforcement decided for one CC/follower on this ticket (C07). */
export const CcDecision = z.object({
  personKey: PersonKey,
  email: z.string(),
  decision: z.enum(['keep', 'remove']),
  reason: z.string(),
});
export type CcDecision = z.infer<typeof CcDecision>;

/** Data found in the ticket's comments that the desk should not hold (C04-C06). */
export const Finding = z.object({
  kind: z.enum(['card_number', 'credential', 'special_category']),
  count: z.number().int().nonnegative(),
  status: z.enum(['redacted', 'flagged']),
});
export type Finding = z.infer<typeof Finding>;

/** `GET /api/v1/summary?ticket_id=&requester_id=` */
export const SummaryQuery = z.object({
  ticket_id: z.coerce.number().int().positive(),
  requester_id: z.coerce.number().int().positive(),
});
export type SummaryQuery = z.infer<typeof SummaryQuery>;

/** One processor (C12) with its cross-border flag (C13) for the person or the view it is shown in. */
export const ProcessorView = z.object({
  name: z.string(),
  function: z.string(),
  country: z.string(),
  region: z.enum(['eea', 'non_eea']),
  safeguard: z.string().nullable(),
  transferFlagged: z.boolean(),
});
export type ProcessorView = z.infer<typeof ProcessorView>;

export const TicketPrivacySummary = z.object({
  policy: z.object({ profileId: z.string(), version: z.string() }),
  /** The processors (C12), flagged for the requester's region (C13). */
  processors: z.array(ProcessorView).optional(),
  requester: PersonSummary,
  ccs: z.array(PersonSummary),
  ccDecisions: z.array(CcDecision),
  findings: z.array(Finding),
  /** Role looked up server-side; the page only uses it to hide controls. */
  viewer: z.object({ role: ViewerRole }),
});
export type TicketPrivacySummary = z.infer<typeof TicketPrivacySummary>;

// ---------------------------------------------------------------------------------------------
// Consent

/** Evidence for a consent record; at least the ticket id when recorded from the sidebar. */
export const ConsentEvidence = z.object({
  ticketId: z.number().int().positive().optional(),
  commentId: z.number().int().positive().optional(),
  formId: z.string().optional(),
  note: z.string().max(2000).optional(),
});
export type ConsentEvidence = z.infer<typeof ConsentEvidence>;

/** `POST /api/v1/consent` */
export const RecordConsentBody = z.object({
  personKey: PersonKey,
  email: z.string().optional(),
  zendeskUserId: z.number().int().optional(),
  purpose: ConsentPurpose,
  action: ConsentAction,
  evidence: ConsentEvidence,
});
export type RecordConsentBody = z.infer<typeof RecordConsentBody>;

/** Response of `POST /api/v1/consent`: the person's new consent array. */
export const RecordConsentResponse = z.array(ConsentEntry);
export type RecordConsentResponse = z.infer<typeof RecordConsentResponse>;

/** `GET /api/v1/people/:personKey/consent-history?ticket_id=` */
export const ConsentHistoryEntry = z.object({
  purpose: ConsentPurpose,
  action: ConsentAction,
  source: z.string(),
  evidence: ConsentEvidence,
  policyVersion: z.string(),
  actor: z.string(),
  at: IsoDateTime,
});
export type ConsentHistoryEntry = z.infer<typeof ConsentHistoryEntry>;
export const ConsentHistoryResponse = z.array(ConsentHistoryEntry);
export type ConsentHistoryResponse = z.infer<typeof ConsentHistoryResponse>;

// ---------------------------------------------------------------------------------------------
// Requests, holds, minors, attestations

/** `POST /api/v1/requests` */
export const CreateRequestBody = z.object({
  type: RequestType,
  personKey: PersonKey,
  ticketId: z.number().int().positive().optional(),
});
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const CreatedRequest = z.object({
  id: z.string(),
  type: RequestType,
  status: z.string(),
  dueAt: IsoDateTime,
});
export type CreatedRequest = z.infer<typeof CreatedRequest>;

/** One request as listed by `GET /api/v1/requests` and the admin dashboard. */
export const PrivacyRequest = z.object({
  id: z.string(),
  type: RequestType,
  personKey: PersonKey,
  displayName: z.string().optional(),
  status: z.string(),
  createdAt: IsoDateTime.optional(),
  dueAt: IsoDateTime,
  overdue: z.boolean(),
  completedAt: IsoDateTime.optional(),
  ticketId: z.number().int().optional(),
  /** Where the person is (C13), from the people store (the `pg_region` user field as last read); `unknown` when not known. */
  region: z.enum(['eea', 'non_eea', 'unknown']).optional(),
});
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

/** `GET /api/v1/requests?status=open|all` */
export const ListRequestsQuery = z.object({ status: z.enum(['open', 'all']).default('open') });
export type ListRequestsQuery = z.infer<typeof ListRequestsQuery>;
export const ListRequestsResponse = z.array(PrivacyRequest);
export type ListRequestsResponse = z.infer<typeof ListRequestsResponse>;

/** `POST /api/v1/holds` (admin) → `LegalHold`. */
export const PlaceHoldBody = z.object({
  personKey: PersonKey,
  reason: z.string().min(1).max(500),
  until: IsoDateTime.optional(),
});
export type PlaceHoldBody = z.infer<typeof PlaceHoldBody>;
// `DELETE /api/v1/holds/:id` (admin) → 204 or `{ok: true}`.

/** `POST /api/v1/people/:personKey/minor` → the updated `PersonSummary`. */
export const MarkMinorBody = z.object({ evidence: z.string().min(1).max(2000) });
export type MarkMinorBody = z.infer<typeof MarkMinorBody>;

/** `POST /api/v1/attestations` (C11) → `Attestation`. */
export const AttestationBody = z.object({
  ticketId: z.number().int().positive(),
  personKey: PersonKey,
  statement: z.string().min(1).max(2000),
});
export type AttestationBody = z.infer<typeof AttestationBody>;
export const Attestation = AttestationBody.extend({ id: z.string(), actor: z.string(), at: IsoDateTime });
export type Attestation = z.infer<typeof Attestation>;

/** Generic `{ok: true}` acknowledgement. */
export const OkResponse = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof OkResponse>;

// ---------------------------------------------------------------------------------------------
// CC check before saving (C07, C08): the sidebar asks while the agent edits, before Zendesk sends

/** One CC or follower as the agent's ticket form holds it (not saved yet). */
export const CcCandidate = z.object({
  id: z.number().int().positive().optional(),
  email: z.string().min(3).max(254),
  name: z.string().max(200).optional(),
});
export type CcCandidate = z.infer<typeof CcCandidate>;

/** `POST /api/v1/cc-check` */
export const CcCheckBody = z.object({
  /** Absent on a new ticket. */
  ticketId: z.number().int().positive().optional(),
  requester: z.object({ id: z.number().int().positive().optional(), email: z.string().max(254).optional() }).optional(),
  ccs: z.array(CcCandidate).max(100),
});
export type CcCheckBody = z.infer<typeof CcCheckBody>;

/** What the webhook would decide for one CC if the ticket were saved now; `admin_override` when an admin allowed it. */
export const CcCheckResult = z.object({
  personKey: PersonKey,
  email: z.string(),
  displayName: z.string(),
  zendeskUserId: z.number().int().optional(),
  decision: z.enum(['keep', 'remove']),
  reason: z.string(),
  /** The person's own CC consent (C07); `null` when the profile has no `cc` purpose. */
  ccConsent: ConsentState.nullable(),
});
export type CcCheckResult = z.infer<typeof CcCheckResult>;
export const CcCheckResponse = z.object({
  results: z.array(CcCheckResult),
  /** What the sidebar may offer for a CC that would be removed. */
  choices: z.object({ recordConsent: z.boolean(), adminOverride: z.boolean() }),
});
export type CcCheckResponse = z.infer<typeof CcCheckResponse>;

/** `POST /api/v1/cc-overrides` (admin): keep one CC on one ticket without consent; audited. */
export const CcOverrideBody = z.object({
  ticketId: z.number().int().positive().optional(),
  personKey: PersonKey,
  reason: z.string().trim().min(3).max(500),
});
export type CcOverrideBody = z.infer<typeof CcOverrideBody>;
export const CcOverride = z.object({ id: z.string(), ticketId: z.number().int().optional(), personKey: PersonKey, actor: z.string(), at: IsoDateTime });
export type CcOverride = z.infer<typeof CcOverride>;

/** `POST /api/v1/requests/:id/extend` (admin) → `PrivacyRequest`. */
export const ExtendRequestBody = z.object({ days: z.number().int().positive(), reason: z.string().min(1).max(1000) });
export type ExtendRequestBody = z.infer<typeof ExtendRequestBody>;

/** `POST /api/v1/requests/:id/export-link` (admin). */
export const ExportLink = z.object({ url: z.string(), path: z.string(), expiresAt: IsoDateTime, sha256: z.string() });
export type ExportLink = z.infer<typeof ExportLink>;

// ---------------------------------------------------------------------------------------------
// Admin page

export const ManualTask = z.object({
  id: z.string(),
  system: z.string(),
  title: z.string(),
  dueAt: IsoDateTime,
  status: z.string(),
  requestId: z.string().optional(),
});
export type ManualTask = z.infer<typeof ManualTask>;

export const RetentionCounts = z.object({
  due: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  blocked: z.number().int().nonnegative(),
  active_elsewhere: z.number().int().nonnegative(),
  not_due: z.number().int().nonnegative(),
});
export type RetentionCounts = z.infer<typeof RetentionCounts>;

/** A profile value the policy does not state: why the profile took it, and the admin confirmation that still holds (null: not confirmed). */
export const AssumedProfileValue = z.object({
  path: z.string(),
  value: z.unknown(),
  clause: z.string(),
  basis: z.string(),
  reason: z.string(),
  confirmed: z.object({ by: z.string(), at: IsoDateTime }).nullable().optional(),
});
export type AssumedProfileValue = z.infer<typeof AssumedProfileValue>;

/** `POST /api/v1/admin/profile-values/confirm` (admin): the path of the assumed value confirmed. */
export const ConfirmProfileValueBody = z.object({ path: z.string().min(1) });
export type ConfirmProfileValueBody = z.infer<typeof ConfirmProfileValueBody>;

/** C32: a policy version with its publication and change-notice progress (`GET /api/v1/admin/policy-versions`). */
export const PolicyVersion = z.object({
  version: z.string(),
  inForce: z.boolean(),
  firstInForceAt: IsoDateTime,
  publishedAt: IsoDateTime.nullable(),
  publishedBy: z.string().nullable(),
  affectsRights: z.boolean().nullable(),
  summary: z.string().nullable(),
  noticeStatus: z.enum(['unpublished', 'not_needed', 'sending', 'done']),
  noticesSent: z.number().int().nonnegative(),
  noticesSkipped: z.number().int().nonnegative(),
  noticesFinishedAt: IsoDateTime.nullable(),
});
export type PolicyVersion = z.infer<typeof PolicyVersion>;
export const PolicyVersionList = z.array(PolicyVersion);
export type PolicyVersionList = z.infer<typeof PolicyVersionList>;

/** `POST /api/v1/admin/policy-versions` (admin): publish the version in force. */
export const PublishPolicyVersionBody = z.object({ version: z.string().min(1), summary: z.string().min(10), affectsRights: z.boolean() });
export type PublishPolicyVersionBody = z.infer<typeof PublishPolicyVersionBody>;

/** `GET /api/v1/admin/dashboard` (admin) */
export const AdminDashboard = z.object({
  requests: z.array(PrivacyRequest),
  manualTasks: z.array(ManualTask),
  holds: z.array(LegalHold),
  charts: z.object({
    requestsPerWeek: z.array(z.object({ weekStart: IsoDateTime, type: RequestType, count: z.number().int().nonnegative() })),
    completionVsDeadline: z.array(
      z.object({ requestId: z.string(), type: RequestType, daysTaken: z.number().nonnegative(), deadlineDays: z.number().positive() }),
    ),
    retentionOutcomes: RetentionCounts,
  }),
  /** The processors (C12), flagged as they apply to a person in the EEA (C13). */
  processors: z.array(ProcessorView).optional(),
  /** C13: known end users by region in the people store (`unknown`: no region recorded). */
  peopleByRegion: z.object({ eea: z.number().int().nonnegative(), nonEea: z.number().int().nonnegative(), unknown: z.number().int().nonnegative() }).optional(),
  /** Profile values the policy does not state, with the reason taken, for an admin to confirm. */
  assumedProfileValues: z.array(AssumedProfileValue).optional(),
});
export type AdminDashboard = z.infer<typeof AdminDashboard>;

// `scanning`: the dry run is still going (a POST that outlasts its wait answers 202 with it);
// `superseded`: a newer preview replaced this one before it was approved.
export const RetentionPreviewStatus = z.enum(['scanning', 'pending_approval', 'approved', 'running', 'done', 'superseded']);
export type RetentionPreviewStatus = z.infer<typeof RetentionPreviewStatus>;

/** `GET /api/v1/retention/previews/latest` (404 when there is none); also returned by the POSTs. */
/** How far an approved run has got, per person (live, from the erasure requests it started). */
export const RetentionRunProgress = z.object({
  queued: z.number().int().nonnegative(),
  running: z.number().int().nonnegative(),
  erased: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  blocked: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});
export type RetentionRunProgress = z.infer<typeof RetentionRunProgress>;

export const RetentionPreview = z.object({
  id: z.string(),
  createdAt: IsoDateTime,
  status: RetentionPreviewStatus,
  counts: RetentionCounts,
  /** People evaluated so far (grows while `scanning`). */
  processed: z.number().int().nonnegative().optional(),
  /** Present once the preview was approved. */
  progress: RetentionRunProgress.optional(),
  people: z.array(
    z.object({
      personKey: PersonKey,
      displayName: z.string().optional(),
      outcome: RetentionOutcome,
      lastActivityAt: IsoDateTime.optional(),
      blockingTicketIds: z.array(z.number().int()).optional(),
    }),
  ),
});
export type RetentionPreview = z.infer<typeof RetentionPreview>;
// `GET /api/v1/retention/previews/:id` → `RetentionPreview` (what the admin page polls while `scanning`).
// `POST /api/v1/retention/previews` (admin) → `RetentionPreview`: 201 pending_approval, or 202 scanning when the dry run outlasts the wait.
// `POST /api/v1/retention/previews/:id/approve` (admin) → `RetentionPreview` (approved).

/** `GET /api/v1/audit?limit=50` */
export const AuditEntry = z.object({
  seq: z.number().int().nonnegative(),
  at: IsoDateTime,
  actor: z.string(),
  action: z.string(),
  clause: z.string().optional(),
  subjectRef: z.string().optional(),
  outcome: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditListQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });
export type AuditListQuery = z.infer<typeof AuditListQuery>;
export const AuditListResponse = z.array(AuditEntry);
export type AuditListResponse = z.infer<typeof AuditListResponse>;

/** `POST /api/v1/audit/verify` */
export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  firstBrokenSeq: z.number().int().optional(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

/** `GET /api/v1/clauses` */
export const ClauseCoverage = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['covered', 'partial', 'missing']),
  code: z.array(z.string()),
  tests: z.array(z.string()),
  /** Null when no mutation report was found (a fresh install): the code exists, how well tests kill its mutants is unknown. */
  mutationScore: z.number().nullable().optional(),
});
export type ClauseCoverage = z.infer<typeof ClauseCoverage>;
export const ClauseCoverageResponse = z.array(ClauseCoverage);
export type ClauseCoverageResponse = z.infer<typeof ClauseCoverageResponse>;

// ---------------------------------------------------------------------------------------------
// Serving contract: boot config and preview host context

/**
 * Injected by the middleware before `</head>` of `assets/app/sidebar.html` / `admin.html` as
 * `<script id="pg-boot" type="application/json">…</script>`. Never read from the URL.
 */
export const BootConfig = z.object({
  session: z.string().min(1),
  /** Base URL of the middleware API, e.g. `https://pg.example.com` (no trailing slash); `''` for same origin. */
  apiBase: z.string(),
  mode: z.enum(['zendesk', 'preview']),
  previewTicketId: z.number().int().positive().optional(),
});
export type BootConfig = z.infer<typeof BootConfig>;

/** Element id of the boot JSON script tag. */
export const BOOT_ELEMENT_ID = 'pg-boot';

/** `GET /preview/zaf/ticket/:id`: what ZAF would return, for the preview stand-in. */
export const PreviewTicketContext = z.object({
  ticket: z.object({
    id: z.number().int().positive(),
    subject: z.string().optional(),
    requester: z.object({ id: z.number().int(), name: z.string(), email: z.string() }),
    collaborators: z.array(z.object({ id: z.number().int(), name: z.string(), email: z.string() })),
  }),
  currentUser: z.object({
    id: z.number().int(),
    name: z.string(),
    role: z.enum(['admin', 'agent']),
    locale: z.string(),
  }),
});
export type PreviewTicketContext = z.infer<typeof PreviewTicketContext>;

/** Every path the pages call, so the server and the pages agree on one spelling. */
export const ApiPaths = {
  summary: '/api/v1/summary',
  consent: '/api/v1/consent',
  /** Agents (not admins) must name a ticket they can see on which the person takes part. */
  consentHistory: (personKey: string, ticketId?: number) => `/api/v1/people/${encodeURIComponent(personKey)}/consent-history${ticketId ? `?ticket_id=${ticketId}` : ''}`,
  requests: '/api/v1/requests',
  holds: '/api/v1/holds',
  hold: (id: string) => `/api/v1/holds/${encodeURIComponent(id)}`,
  minor: (personKey: string) => `/api/v1/people/${encodeURIComponent(personKey)}/minor`,
  attestations: '/api/v1/attestations',
  adminDashboard: '/api/v1/admin/dashboard',
  confirmProfileValue: '/api/v1/admin/profile-values/confirm',
  policyVersions: '/api/v1/admin/policy-versions',
  retentionPreviewLatest: '/api/v1/retention/previews/latest',
  retentionPreviews: '/api/v1/retention/previews',
  retentionPreview: (id: string) => `/api/v1/retention/previews/${encodeURIComponent(id)}`,
  retentionPreviewApprove: (id: string) => `/api/v1/retention/previews/${encodeURIComponent(id)}/approve`,
  audit: '/api/v1/audit',
  auditVerify: '/api/v1/audit/verify',
  clauses: '/api/v1/clauses',
  previewTicket: (id: number) => `/preview/zaf/ticket/${id}`,
  ccCheck: '/api/v1/cc-check',
  ccOverrides: '/api/v1/cc-overrides',
  requestExtend: (id: string) => `/api/v1/requests/${encodeURIComponent(id)}/extend`,
  requestApprove: (id: string) => `/api/v1/requests/${encodeURIComponent(id)}/approve`,
  requestConfirmIdentity: (id: string) => `/api/v1/requests/${encodeURIComponent(id)}/confirm-identity`,
  requestExportLink: (id: string) => `/api/v1/requests/${encodeURIComponent(id)}/export-link`,
  manualTaskDone: (id: string) => `/api/v1/manual-tasks/${encodeURIComponent(id)}/done`,
} as const;
