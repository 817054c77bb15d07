/**
 * A small stand-in for the middleware: serves the built pages from assets/app/ with the boot
 * JSON injected, and answers the contract's endpoints from in-memory data. The browser tests
 * get their server from ./server-under-test.ts, so swapping in the real middleware is one import.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AttestationBody, CcCheckBody, CreateRequestBody, ExtendRequestBody, MarkMinorBody, PlaceHoldBody, RecordConsentBody,
  type BootConfig, type ConsentEntry, type PersonSummary, type TicketPrivacySummary,
} from '../../zendesk-app/src/api/contract.js';
import { injectBootConfig } from '../../zendesk-app/src/boot/inject-boot.js';
import { createFixtureState, POLICY, type FixtureState } from './fixture-data.js';

const ASSETS_APP = fileURLToPath(new URL('../../assets/app/', import.meta.url));
export const FIXTURE_SESSION = 'fixture-session-token';

export interface RunningServer {
  baseUrl: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}
async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : {};
}

function findPerson(state: FixtureState, personKey: string): PersonSummary | undefined {
  for (const s of state.summaries.values()) {
    if (s.requester.personKey === personKey) return s.requester;
    const cc = s.ccs.find((p) => p.personKey === personKey);
    if (cc) return cc;
  }
  return undefined;
}

function viewerRole(state: FixtureState): 'agent' | 'admin' {
  return state.viewerRoleOverride ?? 'admin';
}

export async function startFixtureServer(options: { delayMs?: number } = {}): Promise<RunningServer & { state: FixtureState }> {
  const state = createFixtureState();
  let seq = 0;
  const nextId = (prefix: string): string => `${prefix}-f${++seq}`;

  async function servePage(res: ServerResponse, file: 'sidebar.html' | 'admin.html', boot: BootConfig): Promise<void> {
    const html = await readFile(join(ASSETS_APP, file), 'utf8');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(injectBootConfig(html, boot));
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.headers.authorization !== `Bearer ${FIXTURE_SESSION}`) return sendError(res, 401, 'unauthorized', 'Missing or expired session.');
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const path = url.pathname;
    const method = req.method ?? 'GET';
    let m: RegExpMatchArray | null;

    if (method === 'GET' && path === '/api/v1/summary') {
      const summary = state.summaries.get(Number(url.searchParams.get('ticket_id')));
      if (!summary) return sendError(res, 404, 'not_found', 'No privacy record for this requester yet.');
      return sendJson(res, 200, summary satisfies TicketPrivacySummary);
    }
    if (method === 'POST' && path === '/api/v1/consent') {
      const body = RecordConsentBody.safeParse(await readBody(req));
      if (!body.success) return sendError(res, 400, 'bad_request', body.error.message);
      const p = findPerson(state, body.data.personKey);
      if (!p) return sendError(res, 404, 'not_found', 'Unknown person.');
      const existing = p.consent.find((c) => c.purpose === body.data.purpose);
      if (existing?.required && body.data.action === 'withdrawn') return sendError(res, 400, 'required_purpose', 'Required purposes cannot be withdrawn (C10).');
      const at = new Date().toISOString();
      const entry: ConsentEntry = { purpose: body.data.purpose, required: existing?.required ?? false, state: body.data.action, since: at, source: 'agent', policyVersion: POLICY.version, outdated: false };
      p.consent = existing ? p.consent.map((c) => (c.purpose === entry.purpose ? entry : c)) : [...p.consent, entry];
      const hist = state.history.get(p.personKey) ?? [];
      hist.push({ purpose: entry.purpose, action: body.data.action, source: 'agent', evidence: body.data.evidence, policyVersion: POLICY.version, actor: 'Sam Agent', at });
      state.history.set(p.personKey, hist);
      return sendJson(res, 200, p.consent);
    }
    if (method === 'GET' && (m = path.match(/^\/api\/v1\/people\/([^/]+)\/consent-history$/))) {
      return sendJson(res, 200, state.history.get(decodeURIComponent(m[1] ?? '')) ?? []);
    }
    if (method === 'POST' && (m = path.match(/^\/api\/v1\/people\/([^/]+)\/minor$/))) {
      const body = MarkMinorBody.safeParse(await readBody(req));
      if (!body.success) return sendError(res, 400, 'bad_request', body.error.message);
      const p = findPerson(state, decodeURIComponent(m[1] ?? ''));
      if (!p) return sendError(res, 404, 'not_found', 'Unknown person.');
      p.minor = true;
      p.restricted = true;
      return sendJson(res, 200, p);
    }
    if (path === '/api/v1/requests') {
      if (method === 'GET') {
        const all = url.searchParams.get('status') === 'all';
        return sendJson(res, 200, state.dashboard.requests.filter((r) => all || !r.completedAt));
      }
      if (method === 'POST') {
        const body = CreateRequestBody.safeParse(await readBody(req));
        if (!body.success) return sendError(res, 400, 'bad_request', body.error.message);
        const created = { id: nextId('req'), type: body.data.type, status: 'open', dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() };
        state.dashboard.requests.push({ ...created, personKey: body.data.personKey, overdue: false, createdAt: new Date().toISOString() });
        findPerson(state, body.data.personKey)?.openRequests.push({ ...created, overdue: false });
        return sendJson(res, 201, created);
      }
    }
    if (path === '/api/v1/holds' && method === 'POST') {
      if (viewerRole(state) !== 'admin') return sendError(res, 403, 'forbidden', 'Only admins place holds.');
      const body = PlaceHoldBody.safeParse(await readBody(req));
      if (!body.success) return sendError(res, 400, 'bad_request', body.error.message);
      const hold = { id: nextId('hold'), personKey: body.data.personKey, reason: body.data.reason, placedBy: 'Mia Admin', since: new Date().toISOString(), ...(body.data.until ? { until: body.data.until } : {}) };
      findPerson(state, body.data.personKey)?.holds.push(hold);
      state.dashboard.holds.push(hold);
      return sendJson(res, 201, hold);
    }
    if (method === 'DELETE' && (m = path.match(/^\/api\/v1\/holds\/([^/]+)$/))) {
      if (viewerRole(state) !== 'admin') return sendError(res, 403, 'forbidden', 'Only admins lift holds.');
      const id = decodeURIComponent(m[1] ?? '');
      state.dashboard.holds = state.dashboard.holds.filter((h) => h.id !== id);
      for (const s of state.summaries.values()) for (const p of [s.requester, ...s.ccs]) p.holds = p.holds.filter((h) => h.id !== id);
      res.writeHead(204).end();
      return;
    }
    if (method === 'POST' && path === '/api/v1/attestations') {
      const body = AttestationBody.safeParse(await readBody(req));
      if (!body.success) return sendError(res, 400, 'bad_request', body.error.message);
      const p = findPerson(state, body.data.personKey);
      if (p) p.needsAttestation = false;
      return sendJson(res, 201, { ...body.data, id: nextId('att'), actor: 'Sam Agent', at: new Date().toISOString() });
    }
    if (method === 'POST' && path === '/api/v1/cc-check') {
      const body = CcCheckBody.safeParse(await readBody(req));
      if (!body.success) return sendError(res, 400, 'bad_request', body.error.message);
      const results = body.data.ccs.map((cc) => {
        let person: PersonSummary | undefined;
        let decision: { decision: 'keep' | 'remove'; reason: string } | undefined;
        for (const s of state.summaries.values()) {
          person ??= s.ccs.find((p) => p.email === cc.email);
          decision ??= s.ccDecisions.find((d) => d.email === cc.email);
        }
        const ccConsent = person?.consent.find((c) => c.purpose === 'cc')?.state ?? 'never';
        return {
          personKey: person?.personKey ?? `email:${cc.email}`, email: cc.email, displayName: person?.displayName ?? cc.name ?? cc.email,
          ...(cc.id !== undefined ? { zendeskUserId: cc.id } : {}),
          decision: ccConsent === 'granted' ? 'keep' as const : decision?.decision ?? 'remove' as const,
          reason: ccConsent === 'granted' ? 'consented' : decision?.reason ?? 'no_cc_consent',
          ccConsent,
        };
      });
      return sendJson(res, 200, { results, choices: { recordConsent: true, adminOverride: viewerRole(state) === 'admin' } });
    }
    if (method === 'POST' && (m = path.match(/^\/api\/v1\/requests\/([^/]+)\/(approve|confirm-identity|extend|export-link)$/))) {
      if (viewerRole(state) !== 'admin') return sendError(res, 403, 'forbidden', 'Admins only.');
      const request = state.dashboard.requests.find((r) => r.id === decodeURIComponent(m![1] ?? ''));
      if (!request) return sendError(res, 404, 'not_found', 'No such request.');
      const action = m[2];
      if (action === 'approve') {
        if (request.status !== 'awaiting_admin_review') return sendError(res, 409, 'conflict', 'Only a request held for admin review can be approved.');
        request.status = 'in_progress';
      } else if (action === 'confirm-identity') {
        if (request.status !== 'awaiting_identity') return sendError(res, 409, 'conflict', 'Not awaiting identity.');
        request.status = 'in_progress';
      } else if (action === 'extend') {
        const body = ExtendRequestBody.safeParse(await readBody(req));
        if (!body.success) return sendError(res, 400, 'bad_request', body.error.message);
        request.dueAt = new Date(Date.parse(request.dueAt) + body.data.days * 86_400_000).toISOString();
        request.overdue = Date.parse(request.dueAt) < Date.now();
        state.extensions.push({ requestId: request.id, ...body.data });
      } else {
        if (request.type !== 'access') return sendError(res, 409, 'conflict', 'Only access requests have an export.');
        const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
        return sendJson(res, 200, { url: `/fixture-export/${request.id}.zip`, path: `/fixture-export/${request.id}.zip`, expiresAt, sha256: 'f'.repeat(64) });
      }
      return sendJson(res, 200, request);
    }
    if (method === 'POST' && (m = path.match(/^\/api\/v1\/manual-tasks\/([^/]+)\/done$/))) {
      if (viewerRole(state) !== 'admin') return sendError(res, 403, 'forbidden', 'Admins only.');
      const task = state.dashboard.manualTasks.find((x) => x.id === decodeURIComponent(m![1] ?? ''));
      if (!task) return sendError(res, 404, 'not_found', 'No such manual task.');
      task.status = 'done';
      return sendJson(res, 200, task);
    }
    if (method === 'GET' && path === '/api/v1/admin/dashboard') return sendJson(res, 200, state.dashboard);
    if (method === 'GET' && path === '/api/v1/retention/previews/latest') {
      return state.preview ? sendJson(res, 200, state.preview) : sendError(res, 404, 'not_found', 'No retention preview yet.');
    }
    if (method === 'POST' && path === '/api/v1/retention/previews') {
      const scanning = state.scanPolls > 0;
      state.preview = {
        ...(state.preview ?? { counts: { due: 0, held: 0, blocked: 0, active_elsewhere: 0, not_due: 0 }, people: [] }),
        id: nextId('prev'),
        createdAt: new Date().toISOString(),
        status: scanning ? 'scanning' : 'pending_approval',
        processed: scanning ? 40 : 120,
      };
      return sendJson(res, scanning ? 202 : 201, state.preview);
    }
    if (method === 'GET' && (m = path.match(/^\/api\/v1\/retention\/previews\/([^/]+)$/)) && m[1] !== 'latest') {
      if (!state.preview || state.preview.id !== decodeURIComponent(m[1] ?? '')) return sendError(res, 404, 'not_found', 'No such preview.');
      if (state.preview.status === 'scanning') {
        state.scanPolls -= 1;
        state.preview = state.scanPolls > 0 ? { ...state.preview, processed: (state.preview.processed ?? 0) + 40 } : { ...state.preview, status: 'pending_approval', processed: 120 };
      }
      return sendJson(res, 200, state.preview);
    }
    if (method === 'POST' && (m = path.match(/^\/api\/v1\/retention\/previews\/([^/]+)\/approve$/))) {
      if (!state.preview || state.preview.id !== decodeURIComponent(m[1] ?? '')) return sendError(res, 404, 'not_found', 'No such preview.');
      if (state.preview.status !== 'pending_approval') return sendError(res, 400, 'not_pending', 'This preview was already approved.');
      state.preview = { ...state.preview, status: 'approved', progress: { queued: state.preview.counts.due, running: 0, erased: 0, refused: 0, held: 0, blocked: 0, failed: 0 } };
      return sendJson(res, 200, state.preview);
    }
    if (method === 'GET' && path === '/api/v1/audit') return sendJson(res, 200, state.audit.slice(0, Number(url.searchParams.get('limit') ?? 50)));
    if (method === 'POST' && path === '/api/v1/audit/verify') return sendJson(res, 200, { ok: true, checked: 120 });
    if (method === 'GET' && path === '/api/v1/clauses') return sendJson(res, 200, state.clauses);
    return sendError(res, 404, 'not_found', `No route ${method} ${path}`);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture.local');
    const handle = async (): Promise<void> => {
      const p = url.pathname;
      if (p.startsWith('/api/')) return api(req, res, url);
      let m: RegExpMatchArray | null;
      if ((m = p.match(/^\/preview\/zaf\/ticket\/(\d+)$/))) {
        const ctx = state.tickets.get(Number(m[1]));
        return ctx ? sendJson(res, 200, ctx) : sendError(res, 404, 'not_found', 'No such preview ticket.');
      }
      if (p === '/preview/sidebar' || p === '/preview/new-ticket' || p === '/preview/admin') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(await readFile(join(ASSETS_APP, 'preview-host.html'), 'utf8'));
        return;
      }
      if (p === '/preview/zaf/me') return sendJson(res, 200, { currentUser: state.previewUser });
      if (p === '/preview/app/sidebar') return servePage(res, 'sidebar.html', { session: FIXTURE_SESSION, apiBase: '', mode: 'preview' });
      if (p === '/preview/app/admin') return servePage(res, 'admin.html', { session: FIXTURE_SESSION, apiBase: '', mode: 'preview' });
      if (p.startsWith('/fixture-export/')) {
        res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="export.zip"' });
        res.end(Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18), 'binary'));
        return;
      }
      if (p.startsWith('/app/assets/')) {
        const rel = normalize(p.slice('/app/'.length));
        if (rel.startsWith('..')) return sendError(res, 404, 'not_found', 'No such file.');
        const body = await readFile(join(ASSETS_APP, rel)).catch(() => null);
        if (!body) return sendError(res, 404, 'not_found', 'No such file.');
        res.writeHead(200, { 'Content-Type': TYPES[extname(rel)] ?? 'application/octet-stream' });
        res.end(body);
        return;
      }
      return sendError(res, 404, 'not_found', 'No such route.');
    };
    handle().catch((err: unknown) => sendError(res, 500, 'internal', err instanceof Error ? err.message : String(err)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    state,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
