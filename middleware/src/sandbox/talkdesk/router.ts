import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { SandboxContext } from '../options.js';
import { retryAfterSeconds } from '../rate-limiter.js';
import type { TalkdeskContactRecord, TalkdeskRecordingRecord } from '../types.js';
import { basicCredentials, baseUrlOf, bearerToken, queryOf, vendorGate } from '../vendor-gate.js';

// Talkdesk API, as its public OpenAPI documents it (https://docs.talkdesk.com/reference).
// The token endpoint lives on `{account}.talkdeskid.com` in production; here it shares the base.

const DAY_MS = 86_400_000;

function sendError(res: Response, status: number, code: string, message: string, extra: { description?: string; fields?: Array<{ name: string; description: string }> } = {}): void {
  res.status(status).json({ code, message, ...(extra.description ? { description: extra.description } : {}), fields: extra.fields ?? [] });
}

export function createTalkdeskRouter(ctx: SandboxContext): Router {
  const router = express.Router();
  const td = () => ctx.state.talkdesk;

  router.use(
    vendorGate(ctx, {
      vendor: 'talkdesk',
      // The report file stands for a pre-signed storage URL: fetched without the API token.
      isPublic: (req) => req.path === '/oauth/token' || req.path.startsWith('/report-files/'),
      authenticate: (req) => {
        const token = bearerToken(req);
        if (!token) return 'missing';
        const expiresAt = td().tokens.get(token);
        return expiresAt !== undefined && expiresAt > ctx.now() ? 'ok' : 'invalid';
      },
      sendUnauthorized: (req, res) =>
        req.path.startsWith('/contacts') || req.path.startsWith('/internal-contacts')
          ? sendError(res, 401, '0210002', 'Invalid JWT token')
          : sendError(res, 401, '0011009', 'Unauthorized'),
      accountLimiter: ctx.limiters.talkdesk,
      sendRateLimited: (res, retryAfterMs) => {
        res.setHeader('retry-after', String(retryAfterSeconds(retryAfterMs)));
        sendError(res, 429, '0012001', 'API rate limit exceeded', {
          fields: [{ name: 'retry-after', description: 'How long the user agent should wait before making a follow-up request' }],
        });
      },
      // Talkdesk documents no common 5xx code; this one is the sandbox's own.
      sendFault: (res, status) =>
        sendError(res, status, status === 503 ? '0000503' : '0000500', status === 503 ? 'Service Unavailable' : 'Internal Server Error', {
          description: 'sandbox-injected fault',
        }),
    }),
  );
  router.use(express.json({ limit: '5mb' }));
  router.use(express.urlencoded({ extended: false }));

  // OAuth 2.0 client credentials, client authenticated by HTTP Basic.
  router.post('/oauth/token', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== 'client_credentials') {
      res.status(400).json({ error: 'invalid_request', error_description: 'Missing or unsupported grant type' });
      return;
    }
    const client = basicCredentials(req);
    const configured = ctx.options.credentials?.talkdesk;
    if (!client || (configured && (client.user !== configured.clientId || client.password !== configured.clientSecret))) {
      res.status(401).json({ error: 'invalid_client', error_description: 'Client authentication failed' });
      return;
    }
    const ttl = ctx.options.talkdesk?.tokenTtlSeconds ?? 599;
    const token = randomBytes(24).toString('base64url');
    td().tokens.set(token, ctx.now() + ttl * 1000);
    res.json({ access_token: token, token_type: 'Bearer', expires_in: ttl, scope: typeof body.scope === 'string' ? body.scope : '' });
  });

  // GET /contacts?emails[]=&phones[]=&ids[]=&page=&per_page= (HAL, per_page at most 50)
  router.get('/contacts', (req, res) => {
    const query = queryOf(req);
    const list = (name: string) => [...query.getAll(`${name}[]`), ...query.getAll(name)].filter(Boolean);
    const page = Number(query.get('page') ?? 1);
    const perPage = Number(query.get('per_page') ?? 50);
    const fields: Array<{ name: string; description: string }> = [];
    if (!Number.isInteger(page) || page < 1) fields.push({ name: 'page', description: 'must be an integer >= 1' });
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 50) fields.push({ name: 'per_page', description: 'must be an integer from 1 to 50' });
    if (fields.length > 0) return sendError(res, 400, '0210004', 'Bad request', { fields });

    const emails = list('emails');
    const phones = list('phones');
    const ids = list('ids');
    let matches: TalkdeskContactRecord[];
    if (emails.length || phones.length || ids.length) {
      const found = new Set<string>();
      for (const email of emails) for (const id of td().contactIdsByEmail.get(email.toLowerCase()) ?? []) found.add(id);
      for (const phone of phones) for (const id of td().contactIdsByPhone.get(phone) ?? []) found.add(id);
      for (const id of ids) if (td().contacts.has(id)) found.add(id);
      matches = [...found].map((id) => td().contacts.get(id)!).filter(Boolean);
    } else {
      matches = [...td().contacts.values()];
    }
    matches.sort((a, b) => a.id.localeCompare(b.id));
    const base = baseUrlOf(req);
    const start = (page - 1) * perPage;
    const slice = matches.slice(start, start + perPage);
    const link = (n: number) => {
      const params = new URLSearchParams(query);
      params.set('page', String(n));
      params.set('per_page', String(perPage));
      return { href: `${base}/contacts?${params.toString()}` };
    };
    res.json({
      total: matches.length,
      count: slice.length,
      page,
      per_page: perPage,
      _embedded: { contacts: slice.map((c) => serializeContact(c, base)) },
      _links: {
        self: link(page),
        ...(page > 1 ? { prev: link(page - 1) } : {}),
        ...(start + perPage < matches.length ? { next: link(page + 1) } : {}),
      },
    });
  });

  // Explore calls report (openapi.yaml /data/reports/{type}/jobs): a job is `created`, reports
  // `processing` on its first poll, then answers 303 to its file; the file answers 302 to storage.
  const reportJobs = new Map<string, { id: string; from: number; to: number; polls: number; format: string }>();
  const jobView = (job: { id: string; from: number; to: number; format: string }, status: string, base: string) => ({
    job: { id: job.id, name: 'privacy-guard-calls', status, timezone: 'UTC', format: job.format, timespan: { from: new Date(job.from).toISOString(), to: new Date(job.to).toISOString() } },
    _links: { self: { href: `${base}/data/reports/calls/jobs/${job.id}` }, files: { href: `${base}/data/reports/calls/files/${job.id}` } },
  });
  router.post('/data/reports/calls/jobs', (req, res) => {
    const body = (req.body ?? {}) as { format?: unknown; timespan?: { from?: unknown; to?: unknown } };
    const from = Date.parse(String(body.timespan?.from ?? ''));
    const to = Date.parse(String(body.timespan?.to ?? ''));
    if (Number.isNaN(from) || Number.isNaN(to)) {
      return sendError(res, 400, '1020001', 'input parameters validation failed', { fields: [{ name: 'timespan[from]', description: 'timespan[from] format is not supported' }] });
    }
    if (from >= to) return sendError(res, 400, '1020005', 'Timespan lower boundary must be older than upper boundary');
    if (to - from > 366 * DAY_MS) return sendError(res, 400, '1020013', 'Requested report time span too long');
    const job = { id: randomBytes(16).toString('hex'), from, to, polls: 0, format: typeof body.format === 'string' ? body.format : 'csv' };
    reportJobs.set(job.id, job);
    const view = jobView(job, 'created', baseUrlOf(req));
    res.status(202).json({ ...view.job, _links: view._links });
  });
  router.get('/data/reports/calls/jobs/:id', (req, res) => {
    const job = reportJobs.get(req.params.id ?? '');
    if (!job) return sendError(res, 404, '1020011', 'Report execution not found');
    job.polls += 1;
    const base = baseUrlOf(req);
    if (job.polls < 2) return void res.json(jobView(job, 'processing', base));
    res.status(303).setHeader('location', `${base}/data/reports/calls/files/${job.id}`).json(jobView(job, 'done', base));
  });
  router.get('/data/reports/calls/files/:id', (req, res) => {
    const job = reportJobs.get(req.params.id ?? '');
    if (!job) return sendError(res, 404, '1020011', 'Report execution not found');
    res.status(302).setHeader('location', `${baseUrlOf(req)}/report-files/${job.id}.json`).json({ total: 0, type: 'calls' });
  });
  router.get('/report-files/:file', (req, res) => {
    const job = reportJobs.get(String(req.params.file ?? '').replace(/\.json$/, ''));
    if (!job) return void res.status(404).send('NoSuchKey');
    const entries = [...td().calls.values()]
      .filter((c) => {
        const at = Date.parse(c.started_at);
        return at >= job.from && at < job.to;
      })
      .map((c) => ({
        call_id: c.id,
        type: 'inbound',
        start_at: c.started_at,
        end_at: new Date(Date.parse(c.started_at) + c.duration * 1000).toISOString(),
        total_time: c.duration,
        contact_phone_number: (c.contact_id ? td().contacts.get(c.contact_id)?.phones[0]?.number : undefined) ?? null,
      }));
    res.json({ total: entries.length, type: 'calls', entries });
  });

  router.get('/contacts/:id', (req, res) => {
    const contact = td().contacts.get(req.params.id ?? '');
    if (!contact) return sendError(res, 404, '0210001', 'Contact not found');
    res.json(serializeContact(contact, baseUrlOf(req)));
  });

  router.delete('/contacts/:id', (req, res) => {
    if (!td().removeContact(req.params.id ?? '')) return sendError(res, 404, '0210001', 'Contact not found');
    res.status(204).end();
  });

  // POST /internal-contacts/gdpr (scope contact-gdpr:write): 204 with no job id.
  router.post('/internal-contacts/gdpr', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const arrays = ['phones', 'emails', 'ids', 'tags'] as const;
    const fields: Array<{ name: string; description: string }> = [];
    for (const name of arrays) {
      const value = body[name];
      if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length < 1 || v.length > 256))) {
        fields.push({ name, description: 'must be an array of non-empty strings' });
      }
    }
    if (body.reason !== undefined && body.reason !== 'rtbf' && body.reason !== 'account_removal') {
      fields.push({ name: 'reason', description: 'must be rtbf or account_removal' });
    }
    if (!arrays.some((name) => Array.isArray(body[name]) && (body[name] as unknown[]).length > 0) && !body.created_at) {
      fields.push({ name: 'body', description: 'one of phones, emails, ids, tags or created_at is required' });
    }
    if (fields.length > 0) return sendError(res, 400, '0210004', 'Bad request', { fields });

    const mode = ctx.options.talkdesk?.gdprDeletes ?? 'contacts';
    const targets = new Set<string>();
    for (const email of (body.emails as string[] | undefined) ?? []) for (const id of td().contactIdsByEmail.get(email.toLowerCase()) ?? []) targets.add(id);
    for (const phone of (body.phones as string[] | undefined) ?? []) for (const id of td().contactIdsByPhone.get(phone) ?? []) targets.add(id);
    for (const id of (body.ids as string[] | undefined) ?? []) if (td().contacts.has(id)) targets.add(id);
    const deleted: string[] = [];
    if (mode !== 'none') {
      for (const id of targets) {
        td().removeContact(id);
        deleted.push(id);
        if (mode === 'contacts-and-recordings') {
          for (const call of td().calls.values()) {
            if (call.contact_id !== id) continue;
            for (const recordingId of td().recordingIdsByCall.get(call.id) ?? []) {
              const recording = td().recordings.get(recordingId);
              if (recording) recording._media_deleted_at = ctx.nowIso();
            }
          }
        }
      }
    }
    td().gdprRequests.push({ receivedAt: ctx.nowIso(), body, deletedContactIds: deleted });
    res.status(204).end();
  });

  router.get('/calls/:callId/recordings', (req, res) => {
    const ids = td().recordingIdsByCall.get(req.params.callId ?? '') ?? [];
    const recordings = ids.map((id) => td().recordings.get(id)).filter((r): r is TalkdeskRecordingRecord => r !== undefined);
    if (recordings.length === 0) return sendError(res, 404, '0050005', 'Recordings not found');
    const base = baseUrlOf(req);
    const query = queryOf(req);
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
    const perPage = Math.min(50, Math.max(1, Number(query.get('per_page') ?? 50) || 50));
    const slice = recordings.slice((page - 1) * perPage, page * perPage);
    const self = `${base}/calls/${req.params.callId}/recordings`;
    res.json({
      total: recordings.length,
      count: slice.length,
      page,
      per_page: perPage,
      _embedded: { recordings: slice.map((r) => serializeRecording(r, base)) },
      _links: {
        self: { href: `${self}?page=${page}&per_page=${perPage}` },
        page: { href: `${self}?page={page}&per_page=${perPage}` },
        ...(page * perPage < recordings.length ? { next: { href: `${self}?page=${page + 1}&per_page=${perPage}` } } : {}),
      },
    });
  });

  router.get('/recordings/:id', (req, res) => {
    const recording = td().recordings.get(req.params.id ?? '');
    if (!recording) return sendError(res, 404, '0050000', 'Recording not found');
    const serialized = serializeRecording(recording, baseUrlOf(req));
    // The spec's schema nests the recording under `recording`, its example is flat: answer both.
    res.json({ ...serialized, recording: serialized });
  });

  router.get('/recordings/:id/media', (req, res) => {
    const recording = td().recordings.get(req.params.id ?? '');
    if (!recording) return sendError(res, 404, '0050000', 'Recording not found');
    if (mediaGone(ctx, recording)) return sendError(res, 410, '0050006', "Recording's media file deleted");
    const base = baseUrlOf(req);
    const file = `${base}/recordings/${recording.id}/content`;
    if ((req.get('accept') ?? '').includes('json')) {
      res.json({ _links: { self: { href: `${base}/recordings/${recording.id}/media` }, file: { href: file } } });
      return;
    }
    res.redirect(302, file);
  });

  // The file the media endpoint redirects to (a few bytes standing in for the audio).
  router.get('/recordings/:id/content', (req, res) => {
    const recording = td().recordings.get(req.params.id ?? '');
    if (!recording) return sendError(res, 404, '0050000', 'Recording not found');
    if (mediaGone(ctx, recording)) return sendError(res, 410, '0050006', "Recording's media file deleted");
    res.type('audio/mpeg').send(Buffer.from(`sandbox recording ${recording.id}`));
  });

  router.use((_req, res) => sendError(res, 404, '0000404', 'Not found'));
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if ((error as { status?: number }).status === 400) return sendError(res, 400, '0020007', 'Invalid JSON in request body');
    sendError(res, 500, '0000500', 'Internal Server Error');
  });
  return router;
}

/** Gone when deleted explicitly or older than the account's recording retention. */
function mediaGone(ctx: SandboxContext, recording: TalkdeskRecordingRecord): boolean {
  if (recording._media_deleted_at) return true;
  const retentionDays = ctx.options.talkdesk?.recordingRetentionDays === undefined ? 180 : ctx.options.talkdesk.recordingRetentionDays;
  return retentionDays !== null && Date.parse(recording.created_at) < ctx.now() - retentionDays * DAY_MS;
}

function serializeContact(contact: TalkdeskContactRecord, base: string): Record<string, unknown> {
  return {
    id: contact.id,
    name: contact.name,
    company: contact.company,
    emails: contact.emails,
    phones: contact.phones,
    _links: {
      self: { href: `${base}/contacts/${contact.id}` },
      integrations: { href: `${base}/contacts/${contact.id}/integrations` },
    },
  };
}

function serializeRecording(recording: TalkdeskRecordingRecord, base: string): Record<string, unknown> {
  return {
    id: recording.id,
    call_id: recording.call_id,
    created_at: recording.created_at,
    index: recording.index,
    duration: recording.duration,
    type: recording.type,
    agents: { channel_1: [{ participant_type: 'AGENT', participant_id: 'sandbox-agent' }], channel_2: [{ participant_type: 'CONTACT' }] },
    _links: {
      self: { href: `${base}/recordings/${recording.id}` },
      media: { href: `${base}/recordings/${recording.id}/media` },
    },
  };
}
