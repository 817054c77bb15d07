/** Typed calls to the middleware; every response is parsed with the contract's schema. */
import type { z } from 'zod';
import {
  AdminDashboard, AssumedProfileValue, ApiErrorBody, PolicyVersion, PolicyVersionList, CcCheckResponse, CcOverride, ExportLink, ManualTask, PrivacyRequest, ApiPaths, Attestation, AuditListResponse, AuditVerifyResult, ClauseCoverageResponse,
  ConsentHistoryResponse, CreatedRequest, LegalHold, PersonSummary, RecordConsentResponse, RetentionPreview,
  TicketPrivacySummary,
} from './contract.js';
import type {
  AttestationBody, PublishPolicyVersionBody, CcCheckBody, CcOverrideBody, CreateRequestBody, ExtendRequestBody, MarkMinorBody, PlaceHoldBody, RecordConsentBody,
} from './contract.js';

/** A failed middleware call: HTTP status plus the server's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class PrivacyGuardApi {
  constructor(
    private readonly apiBase: string,
    private readonly session: string,
  ) {}

  private async call<S extends z.ZodType>(method: string, path: string, schema: S | null, body?: unknown): Promise<z.infer<S>> {
    let res: Response;
    try {
      res = await fetch(`${this.apiBase}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.session}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'network error');
    }
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const parsed = ApiErrorBody.safeParse(json);
      throw parsed.success
        ? new ApiError(res.status, parsed.data.error.code, parsed.data.error.message)
        : new ApiError(res.status, 'http_' + res.status, `HTTP ${res.status}`);
    }
    if (!schema) return undefined as z.infer<S>;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError(res.status, 'bad_response', `Unexpected response from ${path}: ${parsed.error.message}`);
    return parsed.data;
  }

  summary(ticketId: number, requesterId: number): Promise<TicketPrivacySummary> {
    const q = new URLSearchParams({ ticket_id: String(ticketId), requester_id: String(requesterId) });
    return this.call('GET', `${ApiPaths.summary}?${q.toString()}`, TicketPrivacySummary);
  }
  recordConsent(body: RecordConsentBody): Promise<RecordConsentResponse> {
    return this.call('POST', ApiPaths.consent, RecordConsentResponse, body);
  }
  consentHistory(personKey: string, ticketId?: number): Promise<ConsentHistoryResponse> {
    return this.call('GET', ApiPaths.consentHistory(personKey, ticketId), ConsentHistoryResponse);
  }
  createRequest(body: CreateRequestBody): Promise<CreatedRequest> {
    return this.call('POST', ApiPaths.requests, CreatedRequest, body);
  }
  placeHold(body: PlaceHoldBody): Promise<LegalHold> {
    return this.call('POST', ApiPaths.holds, LegalHold, body);
  }
  async liftHold(id: string): Promise<void> {
    await this.call('DELETE', ApiPaths.hold(id), null);
  }
  markMinor(personKey: string, body: MarkMinorBody): Promise<PersonSummary> {
    return this.call('POST', ApiPaths.minor(personKey), PersonSummary, body);
  }
  attest(body: AttestationBody): Promise<Attestation> {
    return this.call('POST', ApiPaths.attestations, Attestation, body);
  }
  adminDashboard(): Promise<AdminDashboard> {
    return this.call('GET', ApiPaths.adminDashboard, AdminDashboard);
  }
  policyVersions(): Promise<PolicyVersionList> {
    return this.call('GET', ApiPaths.policyVersions, PolicyVersionList);
  }
  publishPolicyVersion(body: PublishPolicyVersionBody): Promise<PolicyVersion> {
    return this.call('POST', ApiPaths.policyVersions, PolicyVersion, body);
  }
  confirmProfileValue(path: string): Promise<AssumedProfileValue> {
    return this.call('POST', ApiPaths.confirmProfileValue, AssumedProfileValue, { path });
  }
  /** The latest retention preview, or null when none was run yet (404). */
  async latestRetentionPreview(): Promise<RetentionPreview | null> {
    try {
      return await this.call('GET', ApiPaths.retentionPreviewLatest, RetentionPreview);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }
  retentionPreview(id: string): Promise<RetentionPreview> {
    return this.call('GET', ApiPaths.retentionPreview(id), RetentionPreview);
  }
  runRetentionPreview(): Promise<RetentionPreview> {
    return this.call('POST', ApiPaths.retentionPreviews, RetentionPreview, {});
  }
  approveRetentionPreview(id: string): Promise<RetentionPreview> {
    return this.call('POST', ApiPaths.retentionPreviewApprove(id), RetentionPreview, {});
  }
  audit(limit = 50): Promise<AuditListResponse> {
    return this.call('GET', `${ApiPaths.audit}?limit=${limit}`, AuditListResponse);
  }
  verifyAudit(): Promise<AuditVerifyResult> {
    return this.call('POST', ApiPaths.auditVerify, AuditVerifyResult, {});
  }
  ccCheck(body: CcCheckBody): Promise<CcCheckResponse> {
    return this.call('POST', ApiPaths.ccCheck, CcCheckResponse, body);
  }
  overrideCc(body: CcOverrideBody): Promise<CcOverride> {
    return this.call('POST', ApiPaths.ccOverrides, CcOverride, body);
  }
  approveRequest(id: string): Promise<PrivacyRequest> {
    return this.call('POST', ApiPaths.requestApprove(id), PrivacyRequest, {});
  }
  confirmIdentity(id: string, note?: string): Promise<PrivacyRequest> {
    return this.call('POST', ApiPaths.requestConfirmIdentity(id), PrivacyRequest, note ? { note } : {});
  }
  extendRequest(id: string, body: ExtendRequestBody): Promise<PrivacyRequest> {
    return this.call('POST', ApiPaths.requestExtend(id), PrivacyRequest, body);
  }
  exportLink(id: string): Promise<ExportLink> {
    return this.call('POST', ApiPaths.requestExportLink(id), ExportLink, { recipient: 'data_subject' });
  }
  closeManualTask(id: string, proof: string): Promise<ManualTask> {
    return this.call('POST', ApiPaths.manualTaskDone(id), ManualTask, { proof });
  }
  clauses(): Promise<ClauseCoverageResponse> {
    return this.call('GET', ApiPaths.clauses, ClauseCoverageResponse);
  }
}
