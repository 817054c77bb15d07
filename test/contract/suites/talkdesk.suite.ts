/** Contract tests of the Talkdesk connector (contacts, GDPR, recordings). */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../middleware/src/errors.js';
import { TALKDESK, failure, fixture, nockTalkdeskToken, resetNock, testConnectors } from '../harness.js';
import { errorMatrix, type MatrixCase } from './error-matrix.js';

const CALL_ID = '89efa1c4-2ac1-4241-9ab5-821251694584';
const RECORDING_ID = '1ba635df-963d-4f35-b22f-8b3271e43e41';

const talkdeskError = (status: number): unknown =>
  status === 401
    ? fixture('talkdesk/error-unauthorized.json')
    : status === 404
      ? fixture('talkdesk/error-contact-not-found.json')
      : status === 429
        ? fixture('talkdesk/error-rate-limited.json')
        : { code: '0000000', message: 'Internal Server Error' };

function td(partial: Omit<MatrixCase, 'host' | 'errorBody' | 'needsToken' | 'okStatus'> & { okStatus?: number }): MatrixCase {
  return { host: TALKDESK, errorBody: talkdeskError, needsToken: true, okStatus: 200, ...partial };
}

export const talkdeskMatrix: MatrixCase[] = [
  td({ name: 'searchContactsPage', method: 'get', path: '/contacts', okBody: fixture('talkdesk/contacts-page2.json'), invoke: (c) => c.talkdesk.searchContactsPage({ emails: ['daniel@example.com'] }), idempotent: true, validates: true }),
  td({ name: 'deleteContact', method: 'delete', path: '/contacts/f68519eb9e5047b59dbf1c0e', okStatus: 204, okBody: '', invoke: (c) => c.talkdesk.deleteContact('f68519eb9e5047b59dbf1c0e'), idempotent: true, validates: false }),
  td({ name: 'forgetContacts', method: 'post', path: '/internal-contacts/gdpr', okStatus: 204, okBody: '', invoke: (c) => c.talkdesk.forgetContacts({ emails: ['daniel@example.com'] }), idempotent: true, validates: false }),
  td({ name: 'getRecording', method: 'get', path: `/recordings/${RECORDING_ID}`, okBody: fixture('talkdesk/recording.json'), invoke: (c) => c.talkdesk.getRecording(RECORDING_ID), idempotent: true, validates: true }),
];

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/** Registers every Talkdesk contract test. */
export function talkdeskContractSuite(): void {
  beforeEach(resetNock);
  afterEach(() => {
    nock.cleanAll();
  });

  describe('Talkdesk contacts', () => {
    it('when contacts are searched by e-mail and phone, then emails/phones repeat as form-exploded params and HAL pages are followed', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      const scope = nock(TALKDESK)
        .get('/contacts')
        .query({ emails: 'daniel@example.com', phones: ['+351987654321', '+321212345678'], page: '1', per_page: '50' })
        .reply(200, fixture('talkdesk/contacts-page1.json'))
        .get('/contacts')
        .query({ emails: 'daniel@example.com', phones: ['+351987654321', '+321212345678'], page: '2', per_page: '50' })
        .reply(200, fixture('talkdesk/contacts-page2.json'));
      const contacts = await collect(c.talkdesk.searchContacts({ emails: ['daniel@example.com'], phones: ['+351987654321', '+321212345678'] }));
      expect(contacts.map((contact) => contact.id)).toEqual(['f68519eb9e5047b59dbf1c0e', '5ec68414dd99ad000bc48a45']);
      scope.done();
    });

    it('when per_page above 50 is asked for, then 50 is sent', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      const scope = nock(TALKDESK).get('/contacts').query({ emails: 'a@example.com', page: '1', per_page: '50' }).reply(200, fixture('talkdesk/contacts-page2.json'));
      const page = await c.talkdesk.searchContactsPage({ emails: ['a@example.com'] }, undefined, 500);
      expect(page.nextCursor).toBeNull();
      scope.done();
    });

    it('when a contact is deleted, then 204 resolves', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      const scope = nock(TALKDESK).delete('/contacts/f68519eb9e5047b59dbf1c0e').reply(204);
      await c.talkdesk.deleteContact('f68519eb9e5047b59dbf1c0e');
      scope.done();
    });

    it('when the contact is already gone (404 0210001), then NotFoundError', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      nock(TALKDESK).delete('/contacts/nope').reply(404, fixture('talkdesk/error-contact-not-found.json'));
      const error = await failure(c.talkdesk.deleteContact('nope'));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.message).toContain('0210001');
    });

    it('when contacts are forgotten, then POST /internal-contacts/gdpr gets emails, phones and reason rtbf', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      const scope = nock(TALKDESK)
        .post('/internal-contacts/gdpr', { emails: ['daniel@example.com'], phones: ['+351987654321'], reason: 'rtbf' })
        .reply(204);
      await c.talkdesk.forgetContacts({ emails: ['daniel@example.com'], phones: ['+351987654321'] });
      scope.done();
    });
  });

  describe('Talkdesk recordings', () => {
    it('when recordings of a call are listed, then the embedded recordings come back', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      nock(TALKDESK).get(`/calls/${CALL_ID}/recordings`).reply(200, fixture('talkdesk/call-recordings.json'));
      const recordings = await c.talkdesk.listCallRecordings(CALL_ID);
      expect(recordings.map((recording) => recording.type)).toEqual(['conversation', 'voicemail']);
    });

    it('when a call has no recordings (404 0050005), then an empty list', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      nock(TALKDESK).get(`/calls/${CALL_ID}/recordings`).reply(404, fixture('talkdesk/error-recordings-not-found.json'));
      expect(await c.talkdesk.listCallRecordings(CALL_ID)).toEqual([]);
    });

    it('when recordings are listed and the call is unknown (404 other code), then NotFoundError', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      nock(TALKDESK).get(`/calls/${CALL_ID}/recordings`).reply(404, { code: '0050000', message: 'Not found' });
      expect(await failure(c.talkdesk.listCallRecordings(CALL_ID))).toBeInstanceOf(NotFoundError);
    });

    it('when a recording is fetched, then its details are parsed', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      nock(TALKDESK).get(`/recordings/${RECORDING_ID}`).reply(200, fixture('talkdesk/recording.json'));
      expect((await c.talkdesk.getRecording(RECORDING_ID)).duration).toBe(10);
    });

    it('when the media still exists, then {gone:false} from the HAL link without downloading audio', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      const scope = nock(TALKDESK)
        .get(`/recordings/${RECORDING_ID}/media`)
        .matchHeader('accept', 'application/json+hal')
        .reply(200, fixture('talkdesk/recording-media-link.json'))
        .get(`/recordings/${RECORDING_ID}/media`)
        .reply(302, '', { Location: 'https://api.talkdeskapp.com/interactions/x/recordings/y/content?token=t' });
      expect(await c.talkdesk.recordingMediaStatus(RECORDING_ID)).toEqual({ gone: false, fileLinkAvailable: true });
      expect(await c.talkdesk.recordingMediaStatus(RECORDING_ID)).toEqual({ gone: false, fileLinkAvailable: true });
      scope.done();
    });

    it('when the media file was deleted (410 0050006), then {gone:true} and no error', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      nock(TALKDESK).get(`/recordings/${RECORDING_ID}/media`).reply(410, fixture('talkdesk/error-media-deleted.json'));
      expect(await c.talkdesk.recordingMediaStatus(RECORDING_ID)).toEqual({ gone: true });
    });

    it('when the recording does not exist (404), then NotFoundError', async () => {
      const c = testConnectors();
      nockTalkdeskToken();
      nock(TALKDESK).get(`/recordings/${RECORDING_ID}/media`).reply(404, { code: '0050000', message: 'Recording not found' });
      expect(await failure(c.talkdesk.recordingMediaStatus(RECORDING_ID))).toBeInstanceOf(NotFoundError);
    });
  });

  errorMatrix('Talkdesk', talkdeskMatrix);
}
