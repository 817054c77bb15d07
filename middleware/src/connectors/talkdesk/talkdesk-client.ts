import { NotFoundError, PreconditionError, TransientError, type PrivacyGuardError } from '../../errors.js';
import { iterateCursorPages, type CursorPage } from '../http/pagination.js';
import type { VendorErrorContext } from '../http/vendor-errors.js';
import type { VendorHttpClient } from '../http/vendor-http-client.js';
import {
  callsReportFileSchema,
  reportJobResponseSchema,
  talkdeskContactSchema,
  type TalkdeskReportJob,
  callRecordingsResponseSchema,
  contactsPageSchema,
  recordingResponseSchema,
  talkdeskErrorSchema,
  type TalkdeskContact,
  type TalkdeskRecording,
} from './schemas.js';

/** `GET /contacts` accepts at most 50 per page (openapi.yaml, per_page maximum). */
export const TALKDESK_MAX_PER_PAGE = 50;
/**
 * The most of one calls report file held in memory: the whole account's calls of up to 12 months (about
 * 300 bytes each in JSON), so several hundred thousand calls fit; a larger file is refused, not half read.
 */
export const CALLS_REPORT_MAX_BYTES = 128 * 1024 * 1024;
/** Contact not found (DELETE/GET /contacts/{id}). */
export const TALKDESK_CONTACT_NOT_FOUND = '0210001';
/** Recording's media file deleted (GET /recordings/{id}/media, HTTP 410). */
export const TALKDESK_MEDIA_DELETED = '0050006';
/** Recordings not found for a call (GET /calls/{call_id}/recordings, HTTP 404). */
export const TALKDESK_RECORDINGS_NOT_FOUND = '0050005';

/** Who to look up: e-mails and/or E.164 phone numbers. */
export interface ContactCriteria {
  emails?: readonly string[];
  phones?: readonly string[];
}

/** Whether a recording's audio still exists (`gone` after the retention policy removed it). */
export type RecordingMediaStatus = { gone: true } | { gone: false; fileLinkAvailable: boolean };

/** Why a right-to-be-forgotten request is made; openapi.yaml internalcontacts_gdpr_body.reason. */
export type TalkdeskGdprReason = 'rtbf' | 'account_removal';

function talkdeskCode(body: unknown): string | undefined {
  const parsed = talkdeskErrorSchema.safeParse(body);
  return parsed.success ? parsed.data.code : undefined;
}

function classifyContactNotFound(context: VendorErrorContext): PrivacyGuardError | undefined {
  if (context.status !== 404) return undefined;
  const code = talkdeskCode(context.body);
  return new NotFoundError(`Talkdesk ${context.endpoint}: the contact does not exist or was already deleted${code ? ` (${code})` : ''}.`);
}

/**
 * Talkdesk API client (contacts, GDPR right to be forgotten, recordings), authenticated with
 * OAuth client credentials by the shared HTTP layer. https://docs.talkdesk.com/reference
 */
export class TalkdeskClient {
  constructor(private readonly http: VendorHttpClient) {}

  /**
   * One page of `GET /contacts?emails=..&phones=..`. Per openapi.yaml the array parameters are
   * `style: form, explode: true`: the key repeats without brackets. The cursor is the page number;
   * the next page exists when the HAL answer has `_links.next`.
   */
  async searchContactsPage(criteria: ContactCriteria, cursor?: string, perPage = TALKDESK_MAX_PER_PAGE): Promise<CursorPage<TalkdeskContact> & { total?: number }> {
    const page = cursor === undefined ? 1 : Number(cursor);
    const data = await this.http.call({
      method: 'GET',
      path: '/contacts',
      endpoint: 'GET /contacts',
      query: {
        emails: criteria.emails?.length ? criteria.emails : undefined,
        phones: criteria.phones?.length ? criteria.phones : undefined,
        page,
        per_page: Math.min(perPage, TALKDESK_MAX_PER_PAGE),
      },
      schema: contactsPageSchema,
    });
    const contacts = data._embedded.contacts ?? [];
    const hasNext = Boolean(data._links.next?.href) && contacts.length > 0;
    return { items: contacts, nextCursor: hasNext ? String(page + 1) : null, ...(data.total === undefined ? {} : { total: data.total }) };
  }

  /** Every contact matching any of the e-mails or phones. */
  searchContacts(criteria: ContactCriteria, startCursor?: string): AsyncGenerator<TalkdeskContact, void, undefined> {
    return iterateCursorPages((cursor) => this.searchContactsPage(criteria, cursor), startCursor);
  }

  /** `DELETE /contacts/{id}` (204). A missing contact (404, code 0210001) is NotFoundError. */
  async deleteContact(contactId: string): Promise<void> {
    await this.http.call({
      method: 'DELETE',
      path: `/contacts/${encodeURIComponent(contactId)}`,
      endpoint: 'DELETE /contacts/{contact_id}',
      classifyError: classifyContactNotFound,
    });
  }

  /**
   * `POST /internal-contacts/gdpr` (scope contact-gdpr:write): 204 with no job id, so there is
   * nothing to poll; verify afterwards with searchContacts. Asking twice to forget the same
   * people has the same outcome, so the call is retried like a read.
   */
  async forgetContacts(criteria: ContactCriteria & { ids?: readonly string[] }, reason: TalkdeskGdprReason = 'rtbf'): Promise<void> {
    await this.http.call({
      method: 'POST',
      path: '/internal-contacts/gdpr',
      endpoint: 'POST /internal-contacts/gdpr',
      body: {
        ...(criteria.emails?.length ? { emails: criteria.emails } : {}),
        ...(criteria.phones?.length ? { phones: criteria.phones } : {}),
        ...(criteria.ids?.length ? { ids: criteria.ids } : {}),
        reason,
      },
      idempotent: true,
    });
  }

  /** `GET /calls/{call_id}/recordings`; a call without recordings (404 0050005) gives []. */
  async listCallRecordings(callId: string): Promise<TalkdeskRecording[]> {
    const response = await this.http.send({
      method: 'GET',
      path: `/calls/${encodeURIComponent(callId)}/recordings`,
      endpoint: 'GET /calls/{call_id}/recordings',
      schema: callRecordingsResponseSchema,
      passStatuses: [404],
    });
    if (response.ok) return response.data._embedded?.recordings ?? [];
    if (talkdeskCode(response.body) === TALKDESK_RECORDINGS_NOT_FOUND) return [];
    throw new NotFoundError('Talkdesk GET /calls/{call_id}/recordings answered HTTP 404: the call does not exist.');
  }

  /** `GET /recordings/{id}` */
  getRecording(recordingId: string): Promise<TalkdeskRecording> {
    return this.http.call({
      method: 'GET',
      path: `/recordings/${encodeURIComponent(recordingId)}`,
      endpoint: 'GET /recordings/{id}',
      schema: recordingResponseSchema,
    });
  }

  /**
   * `GET /recordings/{id}/media` asking for the HAL link rather than the audio (redirects are not
   * followed). 410 with code 0050006 means the media file was deleted: `{gone: true}`, which is
   * how an erasure of recordings is verified (there is no public DELETE for recordings).
   */
  async recordingMediaStatus(recordingId: string): Promise<RecordingMediaStatus> {
    const response = await this.http.send({
      method: 'GET',
      path: `/recordings/${encodeURIComponent(recordingId)}/media`,
      endpoint: 'GET /recordings/{id}/media',
      headers: { Accept: 'application/json+hal' },
      passStatuses: [302, 410],
    });
    if (response.ok) return { gone: false, fileLinkAvailable: true };
    if (response.status === 302) return { gone: false, fileLinkAvailable: Boolean(response.headers.location) };
    // 410 is documented only with 0050006; any 410 means the media is gone.
    return { gone: true };
  }

  /** `GET /contacts/{id}`: one contact, with its phone numbers (the calls report matches calls by number). */
  getContact(contactId: string): Promise<TalkdeskContact> {
    return this.http.call({
      method: 'GET',
      path: `/contacts/${encodeURIComponent(contactId)}`,
      endpoint: 'GET /contacts/{id}',
      schema: talkdeskContactSchema,
      classifyError: classifyContactNotFound,
    });
  }

  /** `POST /data/reports/calls/jobs`: asks for the calls of a period as a JSON file (202 with the job). */
  createCallsReportJob(from: Date, to: Date): Promise<TalkdeskReportJob> {
    return this.http.call({
      method: 'POST',
      path: '/data/reports/calls/jobs',
      endpoint: 'POST /data/reports/calls/jobs',
      body: { name: 'privacy-guard-calls', timezone: 'UTC', format: 'json', timespan: { from: from.toISOString(), to: to.toISOString() } },
      schema: reportJobResponseSchema,
    });
  }

  /** `GET /data/reports/calls/jobs/{id}`: the job's status; 303 (to the file) means it is done. */
  async callsReportJob(jobId: string): Promise<TalkdeskReportJob> {
    const response = await this.http.send({
      method: 'GET',
      path: `/data/reports/calls/jobs/${encodeURIComponent(jobId)}`,
      endpoint: 'GET /data/reports/calls/jobs/{id}',
      schema: reportJobResponseSchema,
      passStatuses: [303],
    });
    if (response.ok) return response.data;
    return { id: jobId, status: 'done' };
  }

  /**
   * `GET /data/reports/calls/files/{id}` answers 302 to the file (a pre-signed storage URL), which
   * is fetched without the API token: the storage host is not Talkdesk's and must not receive it.
   */
  async callsReportFile(jobId: string): Promise<Array<{ id: string; startedAt: string; durationSeconds: number | null; phone: string | null }>> {
    const response = await this.http.send({
      method: 'GET',
      path: `/data/reports/calls/files/${encodeURIComponent(jobId)}`,
      endpoint: 'GET /data/reports/calls/files/{id}',
      schema: callsReportFileSchema,
      passStatuses: [302],
    });
    let file: unknown;
    if (response.ok) file = response.data;
    else {
      const location = response.headers.location;
      if (!location) throw new Error('Talkdesk GET /data/reports/calls/files/{id} answered 302 without a Location');
      // Through the vendor client: a cap on what is held in memory, a timeout, and no API token for the storage host.
      const download = await this.http.download(location, 'GET {calls report file}', CALLS_REPORT_MAX_BYTES);
      if (download.kind === 'gone') throw new TransientError(`Talkdesk calls report file answered HTTP ${download.status} (its signed link may have expired); asked again later.`);
      if (download.kind === 'too_large') {
        throw new PreconditionError(`Talkdesk calls report file is over ${CALLS_REPORT_MAX_BYTES / 1024 ** 2} MiB; calls of this period cannot be read whole.`, { limitBytes: download.limitBytes });
      }
      try {
        file = JSON.parse(download.bytes.toString('utf8'));
      } catch (error) {
        throw new TransientError('Talkdesk calls report file is not JSON; asked again later.', { cause: error });
      }
    }
    const parsed = callsReportFileSchema.parse(file);
    return parsed.entries.map((e) => ({ id: e.call_id, startedAt: e.start_at, durationSeconds: e.total_time ?? null, phone: e.contact_phone_number ?? null }));
  }
}
