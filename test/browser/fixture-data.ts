/** In-memory data the fixture server answers with: three tickets, a dashboard, a retention preview. */
import type {
  AdminDashboard, AuditEntry, ClauseCoverage, ConsentHistoryEntry, PersonSummary, PreviewTicketContext, RetentionPreview,
  TicketPrivacySummary,
} from '../../zendesk-app/src/api/contract.js';

export const POLICY = { profileId: 'plesk', version: '3' };

const DAY = 86_400_000;
/** Today at 10:00 UTC: due dates and "overdue" flags stay consistent with the browser's clock. */
export const FIXTURE_NOW = Math.floor(Date.now() / DAY) * DAY + 10 * 3_600_000;
const iso = (offsetDays: number): string => new Date(FIXTURE_NOW + offsetDays * DAY).toISOString();

function person(partial: Partial<PersonSummary> & Pick<PersonSummary, 'personKey' | 'displayName' | 'email'>): PersonSummary {
  return {
    consent: [],
    retention: { status: 'not_due', windowMonths: 36, mode: 'delete', reason: '' },
    restricted: false,
    minor: false,
    holds: [],
    openRequests: [],
    piiCategories: { zendesk: ['name', 'email'], livechat: [], talkdesk: [] },
    ...partial,
  };
}

export interface FixtureState {
  tickets: Map<number, PreviewTicketContext>;
  summaries: Map<number, TicketPrivacySummary>;
  history: Map<string, ConsentHistoryEntry[]>;
  dashboard: AdminDashboard;
  preview: RetentionPreview | null;
  /** How many polls a new dry run stays `scanning` for (0: the POST answers with the finished preview). */
  scanPolls: number;
  audit: AuditEntry[];
  clauses: ClauseCoverage[];
  /** Who the preview host says is signed in outside a ticket (`/preview/zaf/me`). */
  /** Deadline extensions the admin page asked for. */
  extensions: Array<{ requestId: string; days: number; reason: string }>;
  previewUser: { id: number; name: string; role: 'agent' | 'admin'; locale: string };
  /** Role the fixture enforces on admin-only endpoints (the real server looks it up). */
  viewerRoleOverride?: 'agent' | 'admin';
}

export function createFixtureState(): FixtureState {
  const anna = person({
    personKey: 'zd:501',
    zendeskUserId: 501,
    displayName: 'Anna Schmidt',
    email: 'anna.schmidt@example.com',
    consent: [
      { purpose: 'service', required: true, state: 'granted', since: iso(-400), source: 'web_form', policyVersion: '3', outdated: false },
      { purpose: 'cc', required: false, state: 'granted', since: iso(-620), source: 'email', policyVersion: '2', outdated: true },
      { purpose: 'third_party_sharing', required: false, state: 'never', outdated: false },
      { purpose: 'marketing', required: false, state: 'withdrawn', since: iso(-90), source: 'agent', policyVersion: '3', outdated: false },
    ],
    retention: {
      status: 'not_due', lastActivityAt: iso(-67), lastActivitySystem: 'livechat', dueAt: iso(-67 + 1096),
      windowMonths: 36, mode: 'delete', reason: 'Chatted in LiveChat 67 days ago; erasure falls due 36 months after the last activity.',
    },
    openRequests: [
      { id: 'req-17', type: 'access', status: 'in_progress', dueAt: iso(12), overdue: false },
      { id: 'req-9', type: 'rectification', status: 'open', dueAt: iso(-3), overdue: true },
    ],
    piiCategories: { zendesk: ['name', 'email', 'company'], livechat: ['name', 'email', 'ip'], talkdesk: ['phone'] },
  });
  const ben = person({
    personKey: 'zd:502', zendeskUserId: 502, displayName: 'Ben Okafor', email: 'ben@partner.example',
    consent: [
      { purpose: 'service', required: true, state: 'granted', since: iso(-200), source: 'web_form', policyVersion: '3', outdated: false },
      { purpose: 'cc', required: false, state: 'granted', since: iso(-30), source: 'agent', policyVersion: '3', outdated: false },
      { purpose: 'third_party_sharing', required: false, state: 'granted', since: iso(-30), source: 'agent', policyVersion: '3', outdated: false },
      { purpose: 'marketing', required: false, state: 'never', outdated: false },
    ],
    retention: { status: 'active_elsewhere', lastActivityAt: iso(-2), lastActivitySystem: 'talkdesk', dueAt: iso(1094), windowMonths: 36, mode: 'delete', reason: 'Called support 2 days ago.' },
  });
  const carla = person({
    personKey: 'zd:503', zendeskUserId: 503, displayName: 'Carla Ruiz', email: 'carla@othercorp.example',
    consent: [
      { purpose: 'service', required: true, state: 'granted', since: iso(-900), source: 'import', policyVersion: '1', outdated: true },
      { purpose: 'cc', required: false, state: 'never', outdated: false },
      { purpose: 'third_party_sharing', required: false, state: 'never', outdated: false },
      { purpose: 'marketing', required: false, state: 'never', outdated: false },
    ],
    retention: { status: 'due', lastActivityAt: iso(-1150), lastActivitySystem: 'zendesk', dueAt: iso(-54), windowMonths: 36, mode: 'delete', reason: 'No activity in any system for over 36 months.' },
  });
  const dmitri = person({
    personKey: 'zd:601', zendeskUserId: 601, displayName: 'Dmitri Volkov', email: 'dmitri@example.org',
    consent: [
      { purpose: 'service', required: true, state: 'granted', since: iso(-100), source: 'web_form', policyVersion: '3', outdated: false },
      { purpose: 'cc', required: false, state: 'never', outdated: false },
      { purpose: 'third_party_sharing', required: false, state: 'never', outdated: false },
      { purpose: 'marketing', required: false, state: 'never', outdated: false },
    ],
    retention: { status: 'held', lastActivityAt: iso(-1300), lastActivitySystem: 'zendesk', dueAt: iso(-204), windowMonths: 36, mode: 'delete', reason: 'Past the window, but a legal hold keeps the data.' },
    restricted: true,
    minor: true,
    holds: [{ id: 'hold-3', personKey: 'zd:601', displayName: 'Dmitri Volkov', reason: 'Chargeback dispute #DS-2291', placedBy: 'Mia Admin', since: iso(-40), until: iso(140) }],
    openRequests: [{ id: 'req-21', type: 'erasure', status: 'awaiting_confirmation', dueAt: iso(20), overdue: false }],
    needsAttestation: true,
  });

  const tickets = new Map<number, PreviewTicketContext>([
    [1001, {
      ticket: { id: 1001, subject: 'Invoice address change', requester: { id: 501, name: anna.displayName, email: anna.email },
        collaborators: [{ id: 502, name: ben.displayName, email: ben.email }, { id: 503, name: carla.displayName, email: carla.email }] },
      currentUser: { id: 9001, name: 'Sam Agent', role: 'agent', locale: 'en-US' },
    }],
    [1002, {
      ticket: { id: 1002, subject: 'Account for my son', requester: { id: 601, name: dmitri.displayName, email: dmitri.email }, collaborators: [] },
      currentUser: { id: 9002, name: 'Mia Admin', role: 'admin', locale: 'en-US' },
    }],
    [1003, {
      ticket: { id: 1003, subject: 'New requester', requester: { id: 701, name: 'Eve New', email: 'eve@example.net' }, collaborators: [] },
      currentUser: { id: 9001, name: 'Sam Agent', role: 'agent', locale: 'de' },
    }],
  ]);

  const summaries = new Map<number, TicketPrivacySummary>([
    [1001, {
      policy: POLICY, requester: anna, ccs: [ben, carla],
      ccDecisions: [
        { personKey: ben.personKey, email: ben.email, decision: 'keep', reason: 'CC consent recorded on ' + iso(-30).slice(0, 10) + '.' },
        { personKey: carla.personKey, email: carla.email, decision: 'remove', reason: 'No CC consent on record (C07); removed with an internal note.' },
      ],
      findings: [{ kind: 'card_number', count: 2, status: 'redacted' }, { kind: 'credential', count: 1, status: 'flagged' }],
      viewer: { role: 'agent' },
    }],
    [1002, {
      policy: POLICY, requester: dmitri, ccs: [], ccDecisions: [],
      findings: [{ kind: 'special_category', count: 1, status: 'flagged' }],
      viewer: { role: 'admin' },
    }],
  ]);

  const history = new Map<string, ConsentHistoryEntry[]>([
    [anna.personKey, [
      { purpose: 'cc', action: 'granted', source: 'email', evidence: { ticketId: 880, commentId: 44120 }, policyVersion: '2', actor: 'Sam Agent', at: iso(-620) },
      { purpose: 'marketing', action: 'granted', source: 'web_form', evidence: { formId: 'signup' }, policyVersion: '2', actor: 'web form', at: iso(-600) },
      { purpose: 'marketing', action: 'withdrawn', source: 'agent', evidence: { ticketId: 950 }, policyVersion: '3', actor: 'Sam Agent', at: iso(-90) },
    ]],
  ]);

  const requests: AdminDashboard['requests'] = [
    { id: 'req-9', type: 'rectification', personKey: anna.personKey, displayName: anna.displayName, status: 'open', createdAt: iso(-33), dueAt: iso(-3), overdue: true, ticketId: 990, region: 'eea' },
    { id: 'req-14', type: 'erasure', personKey: 'zd:520', displayName: 'Jonas Berg', status: 'awaiting_admin_review', ticketId: 1004, createdAt: iso(-35), dueAt: iso(-5), overdue: true, region: 'non_eea' },
    { id: 'req-17', type: 'access', personKey: anna.personKey, displayName: anna.displayName, status: 'awaiting_identity', createdAt: iso(-18), dueAt: iso(12), overdue: false, ticketId: 1001, region: 'eea' },
    { id: 'req-21', type: 'erasure', personKey: dmitri.personKey, displayName: dmitri.displayName, status: 'awaiting_confirmation', createdAt: iso(-10), dueAt: iso(20), overdue: false, ticketId: 1002, region: 'unknown' },
    { id: 'req-5', type: 'objection', personKey: 'zd:530', displayName: 'Lena Fischer', status: 'completed', createdAt: iso(-60), dueAt: iso(-30), overdue: false, completedAt: iso(-52) },
    { id: 'req-3', type: 'erasure', personKey: 'erased:person:5f0c1a', status: 'completed', createdAt: iso(-70), dueAt: iso(-40), overdue: false, completedAt: iso(-66) },
  ];
  const weeks = [-42, -35, -28, -21, -14, -7, 0].map((d) => iso(d).slice(0, 10));
  const perWeek: AdminDashboard['charts']['requestsPerWeek'] = [];
  const pattern: Array<[string, number, number, number, number, number]> = [
    ['', 2, 1, 0, 0, 1], ['', 3, 2, 1, 0, 0], ['', 1, 3, 0, 1, 1], ['', 4, 1, 1, 0, 2], ['', 2, 2, 0, 0, 0], ['', 3, 4, 1, 1, 1], ['', 1, 2, 1, 0, 0],
  ];
  weeks.forEach((weekStart, i) => {
    const row = pattern[i];
    if (!row) return;
    (['access', 'erasure', 'rectification', 'restriction', 'objection'] as const).forEach((type, j) => {
      const count = row[j + 1] as number;
      if (count > 0) perWeek.push({ weekStart, type, count });
    });
  });

  const dashboard: AdminDashboard = {
    requests,
    processors: [
      { name: 'Zendesk', function: 'Support ticketing system holding the requests', country: 'USA', region: 'non_eea', safeguard: null, transferFlagged: true },
      { name: 'LiveChat', function: 'Real-time chat support', country: 'Poland', region: 'eea', safeguard: null, transferFlagged: false },
      { name: 'Talkdesk', function: 'Phone support; records and stores calls', country: 'USA', region: 'non_eea', safeguard: 'Standard contractual clauses (2021)', transferFlagged: false },
    ],
    peopleByRegion: { eea: 42, nonEea: 17, unknown: 241 },
    manualTasks: [
      { id: 'task-4', system: 'livechat', title: 'Ask LiveChat support to delete transcripts of Jonas Berg (no API)', dueAt: iso(-5), status: 'open', requestId: 'req-14' },
      { id: 'task-6', system: 'talkdesk', title: 'Confirm Talkdesk recordings of Jonas Berg expired (retention policy)', dueAt: iso(9), status: 'open', requestId: 'req-14' },
    ],
    holds: [
      { id: 'hold-3', personKey: dmitri.personKey, displayName: dmitri.displayName, reason: 'Chargeback dispute #DS-2291', placedBy: 'Mia Admin', since: iso(-40), until: iso(140) },
      { id: 'hold-1', personKey: 'zd:540', displayName: 'Maren Holt', reason: 'Litigation hold, case 2025-114', placedBy: 'Legal team', since: iso(-180) },
    ],
    charts: {
      requestsPerWeek: perWeek,
      completionVsDeadline: [
        { requestId: 'req-2', type: 'access', daysTaken: 6, deadlineDays: 30 },
        { requestId: 'req-3', type: 'erasure', daysTaken: 18, deadlineDays: 30 },
        { requestId: 'req-4', type: 'rectification', daysTaken: 2, deadlineDays: 30 },
        { requestId: 'req-5', type: 'objection', daysTaken: 8, deadlineDays: 30 },
        { requestId: 'req-7', type: 'erasure', daysTaken: 34, deadlineDays: 30 },
        { requestId: 'req-8', type: 'access', daysTaken: 12, deadlineDays: 30 },
      ],
      retentionOutcomes: { due: 14, held: 2, blocked: 3, active_elsewhere: 21, not_due: 412 },
    },
  };

  const preview: RetentionPreview = {
    id: 'prev-7',
    createdAt: iso(-1),
    status: 'pending_approval',
    counts: { due: 3, held: 1, blocked: 1, active_elsewhere: 1, not_due: 412 },
    people: [
      { personKey: carla.personKey, displayName: carla.displayName, outcome: 'due', lastActivityAt: iso(-1150) },
      { personKey: 'zd:511', displayName: 'Oskar Lind', outcome: 'due', lastActivityAt: iso(-1200) },
      { personKey: 'zd:512', displayName: 'Priya Natarajan', outcome: 'due', lastActivityAt: iso(-1111) },
      { personKey: dmitri.personKey, displayName: dmitri.displayName, outcome: 'held', lastActivityAt: iso(-1300) },
      { personKey: 'zd:514', displayName: 'Tomás Reyes', outcome: 'blocked', lastActivityAt: iso(-1140), blockingTicketIds: [734, 812] },
      { personKey: 'zd:515', displayName: 'Yuki Tanaka', outcome: 'active_elsewhere', lastActivityAt: iso(-20) },
    ],
  };

  const audit: AuditEntry[] = Array.from({ length: 8 }, (_, i) => {
    const seq = 120 - i;
    const rows: Array<[string, string, string, string]> = [
      ['cc.removed', 'C07', 'ticket:1001', 'removed 1 CC'],
      ['consent.withdrawn', 'C09', 'person:zd:501', 'recorded'],
      ['redaction.card', 'C04', 'ticket:1001', 'redacted 2'],
      ['hold.placed', 'C18', 'person:zd:601', 'placed'],
      ['retention.preview', 'C15', 'sweep:prev-7', '418 checked'],
      ['request.created', 'C26', 'request:req-21', 'due in 30 days'],
      ['erasure.system', 'C20', 'request:req-14', 'zendesk done'],
      ['minor.marked', 'C27', 'person:zd:601', 'restricted'],
    ];
    const row = rows[i % rows.length] ?? rows[0]!;
    return { seq, at: iso(-i * 0.7), actor: i % 3 === 0 ? 'system' : 'Sam Agent', action: row[0], clause: row[1], subjectRef: row[2], outcome: row[3], hash: (seq * 2654435761).toString(16).padStart(8, '0') + 'c0ffee' + seq.toString(16) };
  });

  const clauses: ClauseCoverage[] = [
    { id: 'C04', title: 'No bank-card data', status: 'covered', code: ['middleware/src/policy/pii/card-numbers.ts'], tests: ['C04 redacts a Luhn-valid PAN'], mutationScore: 96.1 },
    { id: 'C07', title: 'No CC without consent', status: 'covered', code: ['middleware/src/jobs/enforce-ccs.ts'], tests: ['C07 strips an unconsented CC'], mutationScore: 88 },
    { id: 'C13', title: 'Cross-border transfers', status: 'partial', code: ['middleware/src/policy/processors.ts'], tests: [], mutationScore: null },
    { id: 'C14', title: 'Keep PII while active', status: 'partial', code: ['middleware/src/policy/retention.ts'], tests: ['C14 keeps an account active in LiveChat'], mutationScore: 56 },
    { id: 'C17', title: 'Destruction prevents recovery', status: 'missing', code: [], tests: [] },
  ];

  return { tickets, summaries, history, dashboard, preview, scanPolls: 0, audit, clauses, extensions: [], previewUser: { id: 9002, name: 'Mia Admin', role: 'admin', locale: 'en-US' } };
}
