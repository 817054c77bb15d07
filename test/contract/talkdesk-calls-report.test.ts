/** Contract tests of Talkdesk's calls report (Explore API, openapi.yaml /data/reports/{type}/jobs). */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TalkdeskCallsReport } from '../../middleware/src/connectors/talkdesk/calls-report.js';
import { CALLS_REPORT_MAX_BYTES } from '../../middleware/src/connectors/talkdesk/talkdesk-client.js';
import { PreconditionError, TransientError } from '../../middleware/src/errors.js';
import { TALKDESK, nockTalkdeskToken, resetNock, testConnectors } from './harness.js';

const STORAGE = 'https://td-reports.s3.amazonaws.com';
const NOW = new Date('2025-03-01T12:00:00Z');
const CONTACT = 'f68519eb9e5047b59dbf1c0e';
const job = (status: string) => ({ job: { id: 'job-1', name: 'privacy-guard-calls', status, timezone: 'UTC', format: 'json', timespan: { from: '2024-03-01T12:00:00.000Z', to: '2025-03-01T12:00:00.000Z' } } });
const file = {
  total: 3,
  type: 'calls',
  entries: [
    { call_id: 'call-old', start_at: '2024-05-01T10:00:00Z', total_time: 60, contact_phone_number: '+351 987 654 321' },
    { call_id: 'call-new', start_at: '2024-11-20T08:30:00Z', total_time: '125', contact_phone_number: '+351987654321' },
    { call_id: 'call-other', start_at: '2025-01-02T08:30:00Z', total_time: 30, contact_phone_number: '+15550100' },
  ],
};

function report(lookbackMonths = 12) {
  const c = testConnectors();
  return new TalkdeskCallsReport(c.talkdesk, { lookbackMonths, now: () => NOW, pollIntervalMs: 1, sleep: async () => undefined });
}

function nockReportRun(scope: nock.Scope, body: (b: Record<string, unknown>) => boolean = () => true): nock.Scope {
  return scope
    .post('/data/reports/calls/jobs', (b: Record<string, unknown>) => body(b))
    .reply(202, { id: 'job-1', name: 'privacy-guard-calls', status: 'created', format: 'json' })
    .get('/data/reports/calls/jobs/job-1')
    .reply(200, job('processing'))
    .get('/data/reports/calls/jobs/job-1')
    .reply(303, job('done'), { location: `${TALKDESK}/data/reports/calls/files/job-1` })
    .get('/data/reports/calls/files/job-1')
    .reply(302, { total: 3, type: 'calls' }, { location: `${STORAGE}/calls/job-1.json?X-Amz-Signature=abc` });
}

describe('Talkdesk calls report', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('C02 C21 when a contact\'s calls are asked for, then a JSON report job is created for the window, polled until done, its file downloaded without the API token, and calls are matched by phone number', async () => {
    nockTalkdeskToken();
    const api = nockReportRun(nock(TALKDESK), (b) => b.format === 'json' && b.timezone === 'UTC' && (b.timespan as { from: string }).from === '2024-03-01T12:00:00.000Z' && (b.timespan as { to: string }).to === '2025-03-01T12:00:00.000Z')
      .get(`/contacts/${CONTACT}`)
      .reply(200, { id: CONTACT, name: 'Daniel', phones: [{ label: 'mobile', number: '+351987654321' }] });
    const storage = nock(STORAGE, { badheaders: ['authorization'] }).get('/calls/job-1.json').query({ 'X-Amz-Signature': 'abc' }).reply(200, file);
    const calls = await report().callsForContact(CONTACT);
    expect(calls).toEqual([
      { id: 'call-old', startedAt: '2024-05-01T10:00:00Z', durationSeconds: 60 },
      { id: 'call-new', startedAt: '2024-11-20T08:30:00Z', durationSeconds: 125 },
    ]);
    api.done();
    storage.done();
  });

  it('C14 when the retention sweep asks for the last call of contacts, then the latest matching call per contact comes back and an unknown contact has none', async () => {
    nockTalkdeskToken();
    nockReportRun(nock(TALKDESK))
      .get(`/contacts/${CONTACT}`)
      .reply(200, { id: CONTACT, phones: [{ number: '+351987654321' }] })
      .get('/contacts/gone')
      .reply(404, { code: '0210001', message: 'Contact not found' });
    nock(STORAGE).get('/calls/job-1.json').query(true).reply(200, file);
    const latest = await report().lastCallAt([CONTACT, 'gone']);
    expect(latest).toEqual(new Map([[CONTACT, new Date('2024-11-20T08:30:00Z')]]));
  });

  it('C21 when the report file is larger than the cap, then it is refused before its body is read, with an error that names the cap', async () => {
    nockTalkdeskToken();
    const api = nockReportRun(nock(TALKDESK));
    nock(STORAGE).get('/calls/job-1.json').query(true).reply(200, '{"entries":[]}', { 'content-length': String(CALLS_REPORT_MAX_BYTES + 1), 'content-type': 'application/json' });
    const error = await report().callsForContact(CONTACT, ['+351987654321']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionError);
    expect((error as Error).message).toContain('MiB');
    api.done();
  });

  it('C21 when the signed link to the report file has expired (403/404 from storage), then the read fails as retryable, not as an empty list of calls', async () => {
    for (const status of [403, 404]) {
      nockTalkdeskToken();
      nockReportRun(nock(TALKDESK));
      nock(STORAGE).get('/calls/job-1.json').query(true).reply(status, '<Error><Code>AccessDenied</Code></Error>');
      await expect(report().callsForContact(CONTACT, ['+351987654321']), String(status)).rejects.toBeInstanceOf(TransientError);
    }
  });

  it('C14 when the report job fails, then call activity is unknown (nobody is taken for inactive)', async () => {
    nockTalkdeskToken();
    nock(TALKDESK).post('/data/reports/calls/jobs').reply(202, { id: 'job-1', status: 'created' }).get('/data/reports/calls/jobs/job-1').reply(200, job('failed'));
    expect(await report().lastCallAt([CONTACT])).toBe('unknown');
  });

  it('C14 when the window is longer than one job may span, then one job per 12 months covers it without gaps', async () => {
    nockTalkdeskToken();
    const spans: Array<{ from: string; to: string }> = [];
    const scope = nock(TALKDESK)
      .post('/data/reports/calls/jobs', (b: { timespan: { from: string; to: string } }) => (spans.push(b.timespan), true))
      .times(3)
      .reply(202, { id: 'job-1', status: 'created' })
      .get('/data/reports/calls/jobs/job-1')
      .times(3)
      .reply(303, job('done'), { location: `${TALKDESK}/data/reports/calls/files/job-1` })
      .get('/data/reports/calls/files/job-1')
      .times(3)
      .reply(200, { total: 0, type: 'calls', entries: [] })
      .get(`/contacts/${CONTACT}`)
      .reply(200, { id: CONTACT, phones: [{ number: '+351987654321' }] });
    expect(await report(36).lastCallAt([CONTACT])).toEqual(new Map());
    expect(spans).toEqual([
      { from: '2022-03-01T12:00:00.000Z', to: '2023-03-01T12:00:00.000Z' },
      { from: '2023-03-01T12:00:00.000Z', to: '2024-03-01T12:00:00.000Z' },
      { from: '2024-03-01T12:00:00.000Z', to: '2025-03-01T12:00:00.000Z' },
    ]);
    scope.done();
  });

  it('when a report is fetched once, then a second read within the reuse period makes no new job', async () => {
    nockTalkdeskToken();
    nockReportRun(nock(TALKDESK));
    nock(STORAGE).get('/calls/job-1.json').query(true).reply(200, file);
    const r = report();
    const first = await r.calls();
    expect(await r.calls()).toBe(first);
    expect(first).toHaveLength(3);
  });

  it('C14 when the sweep already has the contacts\' numbers, then no contact is read again', async () => {
    nockTalkdeskToken();
    nockReportRun(nock(TALKDESK));
    nock(STORAGE).get('/calls/job-1.json').query(true).reply(200, file);
    const latest = await report().lastCallAt([CONTACT, 'c-2'], new Map([[CONTACT, ['+351 987 654 321']], ['c-2', ['+1 555 0100']]]));
    expect(latest).toEqual(new Map([[CONTACT, new Date('2024-11-20T08:30:00Z')], ['c-2', new Date('2025-01-02T08:30:00Z')]]));
  });
});
