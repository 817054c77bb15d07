import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../middleware/src/service.js';
import { startSandboxServer, type SandboxServer } from '../../middleware/src/sandbox/index.js';
import { productModules } from '../../middleware/src/modules.js';
import { recordConsent, consentStateOf } from '../../middleware/src/consent/consent-service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { appSigner, sandboxZendeskSetup } from '../helpers/app-sign-in.js';
import { testConfig } from '../helpers/test-config.js';
import { signedZendeskHeaders } from '../helpers/webhooks.js';
import { waitFor } from '../helpers/child-service.js';
import { sendChangeNoticePage } from '../../middleware/src/policy-notices/change-notices.js';
import { collectAccessExport } from '../../middleware/src/requests/access-export.js';
import { createRequest } from '../../middleware/src/requests/intake.js';
import { loadProfile } from '../../middleware/src/policy/load-profile.js';
import { flagMinorAtIntake } from '../../middleware/src/minors/minor-intake.js';
import { gateSurveyInvitation } from '../../middleware/src/surveys/survey-gate.js';
import { changeNoticeTag } from '../../middleware/src/policy/change-notice.js';

/** The promises C31+ in the production wiring: real server, database, queue and sandbox vendors (parallels: 002). */
let sandbox: SandboxServer;
let service: RunningService;
let database: TestDatabase;
const { logger, lines } = capturedLogger();
let signer: Awaited<ReturnType<typeof appSigner>>;
let adminId = 0;
let agentId = 0;
const AUDIENCE = 'https://acme.zendesk.com/api/v2/apps/installations/42.json';

async function session(userId: number): Promise<string> {
  return signer.session(service.url, userId);
}
async function api(method: string, path: string, userId: number, body?: unknown): Promise<Response> {
  return fetch(`${service.url}${path}`, { method, headers: { authorization: `Bearer ${await session(userId)}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

const { zendesk, createUser, createTicket } = sandboxZendeskSetup(() => sandbox.url, { role: 'end-user', verified: true });
const notesOf = (ticketId: number) => (sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? []).filter((c) => c.public === false).map((c) => c.body ?? '');

let deliveries = 0;
let lastSignedAt = 0;
/** Delivers a trigger body for the ticket and waits until its job is processed. */
async function deliverTicketEvent(ticketId: number, requesterId: number, tags: string[] = []): Promise<void> {
  deliveries++;
  lastSignedAt = Math.max(Date.now(), lastSignedAt + 1);
  const body = JSON.stringify({ type: 'ticket_trigger', ticket: { id: String(ticketId), requester_id: String(requesterId), updated_at: new Date(lastSignedAt).toISOString(), tags: tags.join(' ') } });
  const before = await processed();
  const headers = { ...signedZendeskHeaders(body, { timestamp: new Date(lastSignedAt).toISOString() }), 'x-zendesk-webhook-invocation-id': `promises-${deliveries}` };
  const res = await fetch(`${service.url}/webhooks/zendesk`, { method: 'POST', body, headers });
  expect(res.status).toBe(200);
  await waitFor(async () => (await processed()) > before, 30_000, 'the webhook job');
}
async function processed(): Promise<number> {
  const { rows } = await service.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_inbox WHERE status IN ('processed', 'failed', 'dead')`);
  return rows[0]!.n;
}

beforeAll(async () => {
  sandbox = await startSandboxServer();
  agentId = await createUser({ name: 'Ada Agent', email: 'ada.agent@example.com', role: 'agent' });
  adminId = await createUser({ name: 'Ali Admin', email: 'ali.admin@example.com', role: 'admin' });
  signer = await appSigner(new URL(sandbox.url).host, AUDIENCE);
  database = await createTestDatabase();
  const config = testConfig({
    ZENDESK_BASE_URL: `${sandbox.url}/zendesk`,
    ZENDESK_APP_PUBLIC_KEY: signer.publicKey,
    ZENDESK_APP_AUDIENCE: AUDIENCE,
    POLICY_PROFILE: 'parallels',
  });
  service = await startService(config, { db: database.db, logger, modules: (ctx) => productModules(ctx), workers: true, pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await service?.stop();
  await database?.drop();
  await sandbox?.close();
});

describe('C31 an "Unsubscribe" subject withdraws marketing consent', () => {
  it('C31 when an e-mail ticket\'s subject says Unsubscribe, then every optional marketing purpose is withdrawn once, audited, with an internal note; a later event of the ticket changes nothing', async () => {
    const ctx = service.context;
    const userId = await createUser({ name: 'Una Subscriber', email: 'una@example.com' });
    for (const purpose of ['marketing', 'partner_marketing_sharing']) {
      await recordConsent(ctx, { person: { zendeskUserId: userId }, purpose, action: 'granted', source: 'web_form', evidence: { formId: 'signup' }, actor: 'requester' });
    }
    const ticketId = await createTicket({ requester_id: userId, subject: 'Re: Newsletter December — UNSUBSCRIBE', via: { channel: 'email' } });
    await deliverTicketEvent(ticketId, userId);

    const state = await consentStateOf(ctx, { zendeskUserId: userId });
    expect(state.purposes.marketing!.state).toBe('withdrawn');
    expect(state.purposes.partner_marketing_sharing!.state).toBe('withdrawn');
    expect(state.purposes.marketing!.evidence).toEqual({ ticketId });
    expect(state.purposes.service_messages!.effective).toBe(true);
    const audit = await service.db.query<{ clause: string; details: unknown }>(`SELECT clause, details FROM audit_ledger WHERE action = 'consent.unsubscribed_by_subject'`);
    expect(audit.rows.map((r) => r.clause)).toEqual(['C31']);
    expect(notesOf(ticketId)).toHaveLength(1);
    expect(notesOf(ticketId)[0]).toContain('marketing, partner_marketing_sharing');
    expect(notesOf(ticketId)[0]).not.toContain('una@example.com');

    // The person opts in again; another event of the same ticket must not withdraw it a second time.
    await recordConsent(ctx, { person: { zendeskUserId: userId }, purpose: 'marketing', action: 'granted', source: 'web_form', evidence: { formId: 'signup' }, actor: 'requester' });
    await deliverTicketEvent(ticketId, userId);
    expect((await consentStateOf(ctx, { zendeskUserId: userId })).purposes.marketing!.state).toBe('granted');
    expect(notesOf(ticketId)).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('una@example.com');
  });

  it('C31 when the subject only mentions unsubscribing in passing, or the ticket did not come by e-mail, then consent stays', async () => {
    const userId = await createUser({ name: 'Stay Subscribed', email: 'stay@example.com' });
    await recordConsent(service.context, { person: { zendeskUserId: userId }, purpose: 'marketing', action: 'granted', source: 'web_form', evidence: { formId: 'signup' }, actor: 'requester' });
    const unsubscribed = await createTicket({ requester_id: userId, subject: 'I was unsubscribed by mistake', via: { channel: 'email' } });
    const webForm = await createTicket({ requester_id: userId, subject: 'Unsubscribe', via: { channel: 'web' } });
    await deliverTicketEvent(unsubscribed, userId);
    await deliverTicketEvent(webForm, userId);
    expect((await consentStateOf(service.context, { zendeskUserId: userId })).purposes.marketing!.state).toBe('granted');
    expect(notesOf(unsubscribed)).toEqual([]);
    expect(notesOf(webForm)).toEqual([]);
  });
});

describe('C32 policy versions and change notices', () => {
  const noticesTo = (userId: number) => [...sandbox.sandbox.state.zendesk.tickets.values()].filter((t) => t.requester_id === userId && t.tags.includes('pg_policy_notice'));

  it('C32 when the service starts, then the profile\'s version is recorded as in force; when an admin publishes it as affecting rights, then each end user it affects gets one notice ticket and the others are skipped with a reason', async () => {
    const ctx = service.context;
    const version = ctx.profile.policyVersion;
    const reader = await createUser({ name: 'Nora Notified', email: 'nora@example.com' });
    const restricted = await createUser({ name: 'Rex Restricted', email: 'rex@example.com' });
    await service.db.query(`INSERT INTO people (person_key, zendesk_user_id, restricted) VALUES ($1, $2, true)`, [`zendesk:${restricted}`, restricted]);

    const before = (await (await api('GET', '/api/v1/admin/policy-versions', adminId)).json()) as Array<{ version: string; inForce: boolean; noticeStatus: string }>;
    expect(before).toEqual([expect.objectContaining({ version, inForce: true, noticeStatus: 'unpublished' })]);
    expect((await api('POST', '/api/v1/admin/policy-versions', agentId, { version, summary: 'We now keep call recordings for 12 months.', affectsRights: true })).status).toBe(403);
    expect((await api('POST', '/api/v1/admin/policy-versions', adminId, { version: 'not the version in force', summary: 'We now keep call recordings for 12 months.', affectsRights: true })).status).toBe(400);
    const published = await api('POST', '/api/v1/admin/policy-versions', adminId, { version, summary: 'We now keep call recordings for 12 months.', affectsRights: true });
    expect(published.status).toBe(201);
    await waitFor(async () => (await service.db.query(`SELECT 1 FROM policy_versions WHERE notice_status = 'done'`)).rows.length === 1, 30_000, 'the notice run');

    const notices = noticesTo(reader);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.status).toBe('solved');
    expect(notices[0]!.tags).toContain(changeNoticeTag(version));
    const comments = sandbox.sandbox.state.zendesk.commentsByTicket.get(notices[0]!.id) ?? [];
    expect(comments[0]!.public).toBe(true);
    expect(comments[0]!.body).toContain('We now keep call recordings for 12 months.');
    expect(comments[0]!.body).toContain(version);
    expect(noticesTo(restricted)).toEqual([]);
    expect(noticesTo(adminId)).toEqual([]);
    const skipped = await service.db.query<{ zendesk_user_id: string; reason: string }>(`SELECT zendesk_user_id, reason FROM policy_change_notices WHERE status = 'skipped'`);
    const reasonOf = new Map(skipped.rows.map((r) => [Number(r.zendesk_user_id), r.reason]));
    expect(reasonOf.get(restricted)).toBe('restricted');
    expect(reasonOf.get(adminId)).toBe('not_end_user');
    const audit = await service.db.query<{ action: string }>(`SELECT action FROM audit_ledger WHERE clause = 'C32' ORDER BY seq`);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['policy.version_in_force', 'policy.version_published', 'policy.change_notice_sent', 'policy.change_notices_sent']));
    const after = (await (await api('GET', '/api/v1/admin/policy-versions', adminId)).json()) as Array<{ noticeStatus: string; noticesSent: number; noticesSkipped: number }>;
    expect(after[0]).toMatchObject({ noticeStatus: 'done' });
    expect(after[0]!.noticesSent).toBeGreaterThanOrEqual(1);

    // Publishing again, or the page's job running twice, sends nothing more.
    expect((await api('POST', '/api/v1/admin/policy-versions', adminId, { version, summary: 'Again, the same version.', affectsRights: true })).status).toBe(201);
    expect(await sendChangeNoticePage(ctx, { version, page: 0 })).toEqual({ skipped: 'page_already_done' });
    expect(noticesTo(reader)).toHaveLength(1);
  });

  it('C32 when a run stopped after a notice ticket was created but before it was recorded, then the resumed run finds the ticket and does not write to the person twice', async () => {
    const ctx = service.context;
    const version = ctx.profile.policyVersion;
    const reader = [...sandbox.sandbox.state.zendesk.users.values()].find((u) => u.email === 'nora@example.com')!.id;
    const newcomer = await createUser({ name: 'Nell Newcomer', email: 'nell@example.com' });
    // As if the process died mid-page: the run is back at page 0 and Nora's notice is "sending".
    await service.db.query(`UPDATE policy_versions SET notice_status = 'sending', notice_pages = 0, notice_cursor = NULL, notices_sent = 0, notices_skipped = 0 WHERE version = $1`, [version]);
    await service.db.query(`UPDATE policy_change_notices SET status = 'sending', ticket_id = NULL WHERE version = $1 AND zendesk_user_id = $2`, [version, reader]);
    const result = await sendChangeNoticePage(ctx, { version, page: 0 });
    expect(result).toMatchObject({ page: 0, finished: true });
    expect(noticesTo(reader)).toHaveLength(1);
    const row = await service.db.query<{ status: string; ticket_id: string }>(`SELECT status, ticket_id FROM policy_change_notices WHERE version = $1 AND zendesk_user_id = $2`, [version, reader]);
    expect(row.rows[0]).toMatchObject({ status: 'sent' });
    expect(Number(row.rows[0]!.ticket_id)).toBe(noticesTo(reader)[0]!.id);
    // Someone who joined after the publication accepted the new version: no notice.
    expect(noticesTo(newcomer)).toEqual([]);
  });
});

describe('C33 referral contacts asking to be removed', () => {
  it('C33 when a referral contact asks to be removed, then their address is suppressed at once (hashed), an erasure request awaits their own confirmation, and the agent gets one note', async () => {
    const contact = await createUser({ name: 'Ria Referral', email: 'ria.referral@example.com' });
    const ticketId = await createTicket({ requester_id: contact, submitter_id: contact, subject: 'Please remove me', via: { channel: 'email' }, tags: ['privacy_referral_removal'] });
    await deliverTicketEvent(ticketId, contact);
    await deliverTicketEvent(ticketId, contact);

    const suppressed = await service.db.query<{ address_hash: string; reason: string }>('SELECT address_hash, reason FROM suppressed_contacts');
    expect(suppressed.rows).toHaveLength(1);
    expect(suppressed.rows[0]!.reason).toBe('referral_removal');
    expect(suppressed.rows[0]!.address_hash).not.toContain('ria');
    const requests = await service.db.query<{ type: string; status: string; working_data: unknown }>('SELECT type, status, working_data FROM privacy_requests WHERE ticket_id = $1', [ticketId]);
    expect(requests.rows).toHaveLength(1);
    expect(requests.rows[0]).toMatchObject({ type: 'erasure', status: 'awaiting_identity' });
    const workingData = typeof requests.rows[0]!.working_data === 'string' ? JSON.parse(requests.rows[0]!.working_data) : requests.rows[0]!.working_data;
    expect(workingData).toMatchObject({ referralContact: true });
    expect(notesOf(ticketId).filter((n) => n.includes('C33'))).toHaveLength(1);
    const comments = sandbox.sandbox.state.zendesk.commentsByTicket.get(ticketId) ?? [];
    expect(comments.filter((c) => c.public && c.author_id !== contact).length).toBeGreaterThanOrEqual(1);
    const audit = await service.db.query<{ action: string }>(`SELECT action FROM audit_ledger WHERE clause = 'C33'`);
    expect(audit.rows.map((r) => r.action)).toEqual(['referral.suppressed']);
    expect(lines.join('\n')).not.toContain('ria.referral@example.com');
  });

  it('C33 when someone else opens a ticket for a suppressed contact, then the ticket gets one "do not contact" note; the contact\'s own new ticket gets none', async () => {
    const contact = [...sandbox.sandbox.state.zendesk.users.values()].find((u) => u.email === 'ria.referral@example.com')!.id;
    const byAgent = await createTicket({ requester_id: contact, submitter_id: agentId, subject: 'Introduction', via: { channel: 'web' } });
    await deliverTicketEvent(byAgent, contact);
    await deliverTicketEvent(byAgent, contact);
    expect(notesOf(byAgent)).toHaveLength(1);
    expect(notesOf(byAgent)[0]).toContain('Do not contact them');
    const own = await createTicket({ requester_id: contact, submitter_id: contact, subject: 'A question', via: { channel: 'email' } });
    await deliverTicketEvent(own, contact);
    expect(notesOf(own)).toEqual([]);
  });
});

describe('C34 objection to any use', () => {
  it('C34 when a person objects to any use of their data by e-mail, then every optional purpose is withdrawn and processing is restricted (C24), audited as C34; an objection to marketing only does neither', async () => {
    const ctx = service.context;
    const objector = await createUser({ name: 'Olga Objector', email: 'olga@example.com' });
    const marketingOnly = await createUser({ name: 'Mark Marketing', email: 'mark@example.com' });
    const optional = ctx.profile.consentPurposes.filter((p) => !p.required).map((p) => p.id);
    for (const userId of [objector, marketingOnly]) {
      for (const purpose of optional) await recordConsent(ctx, { person: { zendeskUserId: userId }, purpose, action: 'granted', source: 'web_form', evidence: { formId: 'signup' }, actor: 'requester' });
    }
    const emailTicket = (userId: number, email: string, tags: string[]) => {
      const id = 900_000 + userId;
      const now = new Date().toISOString();
      sandbox.sandbox.seed({ zendesk: { tickets: [{ id, requester_id: userId, submitter_id: userId, assignee_id: null, status: 'new', subject: 'I object', description: 'I object', email_cc_ids: [], follower_ids: [], collaborator_ids: [], via: { channel: 'email', source: { from: { address: email }, to: {}, rel: null } }, created_at: now, updated_at: now, tags } as never] } });
      return id;
    };
    const anyUse = emailTicket(objector, 'olga@example.com', ['privacy_request_objection', 'privacy_objection_any_use']);
    const marketing = emailTicket(marketingOnly, 'mark@example.com', ['privacy_request_objection']);
    await deliverTicketEvent(anyUse, objector, ['privacy_request_objection', 'privacy_objection_any_use']);
    await deliverTicketEvent(marketing, marketingOnly, ['privacy_request_objection']);
    const statusOf = async (ticketId: number) => (await service.db.query<{ status: string }>('SELECT status FROM privacy_requests WHERE ticket_id = $1', [ticketId])).rows[0]?.status;
    await waitFor(async () => (await statusOf(anyUse)) === 'completed' && (await statusOf(marketing)) === 'completed', 30_000, 'both objections');

    const objectorState = await consentStateOf(ctx, { zendeskUserId: objector });
    expect(optional.filter((p) => objectorState.purposes[p]!.state !== 'withdrawn')).toEqual([]);
    expect(objectorState.purposes.service_messages!.effective).toBe(true);
    const restricted = async (userId: number) => (await service.db.query<{ restricted: boolean }>('SELECT restricted FROM people WHERE person_key = $1', [`zendesk:${userId}`])).rows[0]?.restricted ?? false;
    expect(await restricted(objector)).toBe(true);
    const audit = await service.db.query<{ action: string; details: unknown }>(`SELECT action, details FROM audit_ledger WHERE clause = 'C34'`);
    expect(audit.rows.map((r) => r.action)).toEqual(['consent.withdrawn_by_objection_to_any_use']);

    const markState = await consentStateOf(ctx, { zendeskUserId: marketingOnly });
    expect(markState.purposes.marketing!.state).toBe('withdrawn');
    expect(markState.purposes.third_party_sharing!.state).toBe('granted');
    expect(await restricted(marketingOnly)).toBe(false);
  });
});

describe('C35 named third-party recipients in the access export', () => {
  it('C35 when an access export is collected under the plesk profile, then it lists the third parties the policy names; under parallels, none', async () => {
    const person = await createUser({ name: 'Ezra Export', email: 'ezra@example.com' });
    const { request } = await createRequest(service.context, { type: 'access', origin: 'agent', personKey: `zendesk:${person}`, zendeskUserId: person, createdBy: 'test' });
    const plesk = await collectAccessExport({ ...service.context, profile: loadProfile('plesk') }, request);
    expect(plesk.third_party_recipients.map((r) => r.name)).toEqual(['Kolab', 'Acronis', 'Yola', 'DigiCert (Symantec)', 'Google', 'Hubspot']);
    expect(plesk.third_party_recipients[0]).toMatchObject({ purpose: expect.any(String), receives: expect.any(String), source: expect.stringContaining('Kolab') });
    expect((await collectAccessExport(service.context, request)).third_party_recipients).toEqual([]);
  });
});

describe('C27 minors flagged at intake', () => {
  const ispsystem = () => ({ ...service.context, profile: loadProfile('ispsystem') });
  const triggerEvent = (ticketId: number, requesterId: number) => ({ source: 'trigger' as const, eventType: 'ticket.updated', ticketId, payload: { type: 'ticket_trigger' as const, ticket: { id: ticketId, requester_id: requesterId } } });

  it('C27 when a ticket webhook names a requester whose pg_age is under the profile\'s minimum age, then they are marked a minor at intake: restricted, an erasure for admin review, audited, one internal note', async () => {
    const teen = await createUser({ name: 'Tara Teen', email: 'tara@example.com', user_fields: { pg_age: 16 } });
    const ticketId = await createTicket({ requester_id: teen, via: { channel: 'email' } });
    expect(await flagMinorAtIntake(ispsystem(), triggerEvent(ticketId, teen))).toEqual({ minor: 'marked_at_intake' });
    expect(await flagMinorAtIntake(ispsystem(), triggerEvent(ticketId, teen))).toEqual({ minor: 'already_marked' });
    const person = await service.db.query<{ minor: boolean; restricted: boolean }>('SELECT minor, restricted FROM people WHERE person_key = $1', [`zendesk:${teen}`]);
    expect(person.rows[0]).toEqual({ minor: true, restricted: true });
    const requests = await service.db.query<{ type: string; origin: string; needs_review: boolean }>('SELECT type, origin, needs_review FROM privacy_requests WHERE person_key = $1', [`zendesk:${teen}`]);
    expect(requests.rows).toEqual([{ type: 'erasure', origin: 'minor_mark', needs_review: true }]);
    const audit = await service.db.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_ledger WHERE subject_ref = $1 AND clause IN ('C27', 'C24') ORDER BY seq`, [service.context.audit.subjectRefFor(`zendesk:${teen}`)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['person.minor.marked', 'person.restriction.set']);
    expect(audit.rows[0]!.actor).toBe('privacy-guard:age-field');
    expect(notesOf(ticketId)).toHaveLength(1);
    expect(notesOf(ticketId)[0]).toContain('minimum age of 18');
  });

  it('C27 when a user webhook concerns an end user whose birth date makes them a minor, then they are marked; an adult, an agent, or a profile without a minimum age are left alone', async () => {
    const child = await createUser({ name: 'Ben Birthdate', email: 'ben@example.com', user_fields: { pg_birth_date: '2015-06-01' } });
    const userEvent = (userId: number) => ({ source: 'event' as const, eventType: 'user.updated', userId, payload: {} as never });
    expect(await flagMinorAtIntake(ispsystem(), userEvent(child))).toEqual({ minor: 'marked_at_intake' });
    const adult = await createUser({ name: 'Ada Adult', email: 'ada.adult@example.com', user_fields: { pg_age: 40 } });
    expect(await flagMinorAtIntake(ispsystem(), userEvent(adult))).toBeUndefined();
    const youngAgent = await createUser({ name: 'Yuri Young', email: 'yuri@example.com', role: 'agent', user_fields: { pg_age: 16 } });
    expect(await flagMinorAtIntake(ispsystem(), userEvent(youngAgent))).toBeUndefined();
    const parallelsTeen = await createUser({ name: 'Paul Parallels', email: 'paul@example.com', user_fields: { pg_age: 12 } });
    expect(await flagMinorAtIntake(service.context, userEvent(parallelsTeen))).toBeUndefined();
    const marked = await service.db.query<{ person_key: string }>('SELECT person_key FROM people WHERE minor');
    expect(marked.rows.map((r) => r.person_key)).toEqual(expect.arrayContaining([`zendesk:${child}`]));
    expect(marked.rows.map((r) => r.person_key)).not.toContain(`zendesk:${adult}`);
    expect(marked.rows.map((r) => r.person_key)).not.toContain(`zendesk:${youngAgent}`);
    expect(marked.rows.map((r) => r.person_key)).not.toContain(`zendesk:${parallelsTeen}`);
  });

  it('C27 when the production modules are built, then the intake check runs first for every webhook', () => {
    expect(productModules(service.context).map((m) => m.name)[0]).toBe('minor-intake');
  });
});

describe('C36 survey consent acted on', () => {
  const plesk = () => ({ ...service.context, profile: loadProfile('plesk') });
  const solvedEvent = (ticketId: number) => ({ source: 'trigger' as const, eventType: 'ticket.updated', ticketId, payload: { type: 'ticket_trigger' as const, ticket: { id: ticketId } } });
  const tagsOf = (ticketId: number) => sandbox.sandbox.state.zendesk.tickets.get(ticketId)!.tags;

  it('C36 when a solved ticket\'s requester withdrew survey consent, then the ticket is tagged pg_no_survey (audited); after they consent again the tag goes; a requester who never withdrew is invited', async () => {
    const ctx = plesk();
    const declined = await createUser({ name: 'Dana Declined', email: 'dana@example.com' });
    await recordConsent(ctx, { person: { zendeskUserId: declined }, purpose: 'surveys', action: 'withdrawn', source: 'email_reply', evidence: { ticketId: 1 }, actor: 'requester' });
    const ticketId = await createTicket({ requester_id: declined, status: 'solved', tags: ['billing'] });
    expect(await gateSurveyInvitation(ctx, solvedEvent(ticketId))).toEqual({ survey: 'suppressed', reason: 'surveys_withdrawn' });
    expect(tagsOf(ticketId)).toEqual(['billing', 'pg_no_survey']);
    expect(await gateSurveyInvitation(ctx, solvedEvent(ticketId))).toEqual({ survey: 'already_suppressed' });
    const audit = await service.db.query<{ action: string; outcome: string }>(`SELECT action, outcome FROM audit_ledger WHERE clause = 'C36' ORDER BY seq`);
    expect(audit.rows).toEqual([{ action: 'survey.suppressed', outcome: 'surveys_withdrawn' }]);

    await recordConsent(ctx, { person: { zendeskUserId: declined }, purpose: 'surveys', action: 'granted', source: 'email_reply', evidence: { ticketId: 2 }, actor: 'requester' });
    expect(await gateSurveyInvitation(ctx, solvedEvent(ticketId))).toEqual({ survey: 'allowed_again', reason: 'surveys_not_withdrawn' });
    expect(tagsOf(ticketId)).toEqual(['billing']);

    const willing = await createUser({ name: 'Walt Willing', email: 'walt@example.com' });
    const open = await createTicket({ requester_id: willing, status: 'open' });
    const solved = await createTicket({ requester_id: willing, status: 'solved' });
    expect(await gateSurveyInvitation(ctx, solvedEvent(open))).toBeUndefined();
    expect(await gateSurveyInvitation(ctx, solvedEvent(solved))).toEqual({ survey: 'allowed' });
    expect(tagsOf(solved)).not.toContain('pg_no_survey');
  });

  it('C36 when the requester is restricted, then no survey even without a withdrawal; the production modules include the gate', async () => {
    const ctx = plesk();
    const restricted = await createUser({ name: 'Rita Restricted', email: 'rita.r@example.com' });
    await service.db.query(`INSERT INTO people (person_key, zendesk_user_id, restricted) VALUES ($1, $2, true)`, [`zendesk:${restricted}`, restricted]);
    const ticketId = await createTicket({ requester_id: restricted, status: 'solved' });
    expect(await gateSurveyInvitation(ctx, solvedEvent(ticketId))).toEqual({ survey: 'suppressed', reason: 'restricted' });
    expect(tagsOf(ticketId)).toContain('pg_no_survey');
    expect(productModules(service.context).map((m) => m.name)).toContain('survey-gate');
  });
});
