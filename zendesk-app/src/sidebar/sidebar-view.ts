/** Renders the ticket sidebar from a `TicketPrivacySummary`. Pure DOM building; actions are callbacks. */
import type {
  CcDecision, ConsentEntry, Finding, LegalHold, OpenRequest, PersonSummary, RetentionSummary, TicketPrivacySummary,
} from '../api/contract.js';
import { formatDate, humanizeId, purposeInSentence, purposeLabel, t, tOr } from '../i18n/i18n.js';
import { h, type Child } from '../ui/dom.js';
import { requestRef } from '../ui/request-ref.js';

export interface SidebarActions {
  recordConsent(person: PersonSummary, entry: ConsentEntry, anchor: HTMLElement): void;
  showHistory(person: PersonSummary, anchor: HTMLElement): void;
  startRequest(person: PersonSummary, anchor: HTMLElement): void;
  placeHold(person: PersonSummary, anchor: HTMLElement): void;
  liftHold(person: PersonSummary, hold: LegalHold, anchor: HTMLElement): void;
  markMinor(person: PersonSummary, anchor: HTMLElement): void;
  attest(person: PersonSummary, anchor: HTMLElement): void;
}

/** The three questions an agent asks first; other purposes are listed after them. */
const HEADLINE_PURPOSES = ['cc', 'third_party_sharing', 'marketing'];

function consentAnswer(entry: ConsentEntry): { yes: boolean; text: string; tone: string } {
  // C10: a required purpose is part of the service, whatever the ledger holds; it is never "not given".
  if (entry.required) return { yes: true, text: t('consent.required_answer', { purpose: purposeInSentence(entry.purpose) }), tone: 'tag-blue' };
  if (entry.state === 'granted') return { yes: true, text: t('consent.yes'), tone: 'tag-green' };
  if (entry.state === 'withdrawn') return { yes: false, text: t('consent.no_withdrawn'), tone: 'tag-red' };
  return { yes: false, text: t('consent.no_never'), tone: 'tag-orange' };
}

function purposeQuestion(purpose: string): string {
  return tOr(`consent.question.${purpose}`, t('consent.question_generic', { purpose: purposeLabel(purpose) }));
}

function sortedConsent(consent: ConsentEntry[]): ConsentEntry[] {
  const rank = (p: string): number => {
    const i = HEADLINE_PURPOSES.indexOf(p);
    return i === -1 ? HEADLINE_PURPOSES.length : i;
  };
  return [...consent].sort((a, b) => rank(a.purpose) - rank(b.purpose));
}

function consentTable(person: PersonSummary, policyVersion: string, actions: SidebarActions): HTMLElement {
  const rows = sortedConsent(person.consent).map((entry) => {
    const answer = consentAnswer(entry);
    const details: Child[] = [
      h('span', { class: 'muted' }, entry.required ? t('consent.required_note') : t('consent.optional')),
    ];
    if (entry.since && !entry.required) details.push(h('span', { class: 'muted' }, ' · ', t('consent.since', { date: formatDate(entry.since) })));
    // Required purposes cannot be withdrawn (C10), so there is nothing to change.
    let changeBtn: HTMLButtonElement | null = null;
    if (!entry.required) {
      const btn = h(
        'button',
        { type: 'button', class: 'btn-link' },
        t('consent.record'),
        h('span', { class: 'visually-hidden' }, ` (${t('consent.record_for', { purpose: purposeLabel(entry.purpose), name: person.displayName })})`),
      );
      btn.addEventListener('click', () => actions.recordConsent(person, entry, btn));
      changeBtn = btn;
    }
    return h(
      'tr',
      { 'data-purpose': entry.purpose, 'data-state': entry.required ? 'required' : entry.state },
      h('th', { scope: 'row', class: 'q' }, entry.required ? purposeLabel(entry.purpose) : purposeQuestion(entry.purpose), h('div', null, details)),
      h(
        'td',
        { class: 'a' },
        h('span', { class: `tag ${answer.tone}` }, entry.required ? '' : answer.yes ? '✓ ' : '✕ ', answer.text),
        entry.outdated
          ? h(
              'div',
              { class: 'outdated' },
              t('consent.outdated', { version: entry.policyVersion ?? '?', current: policyVersion }),
            )
          : null,
        changeBtn ? h('div', null, changeBtn) : null,
      ),
    );
  });
  const historyBtn = h('button', { type: 'button', class: 'btn-link' }, t('consent.history'));
  historyBtn.addEventListener('click', () => actions.showHistory(person, historyBtn));
  return h(
    'div',
    { class: 'block' },
    h(
      'table',
      { class: 'consent' },
      h('caption', { class: 'visually-hidden' }, t('consent.caption', { name: person.displayName })),
      h('thead', { class: 'visually-hidden' }, h('tr', null, h('th', { scope: 'col' }, t('consent.col_question')), h('th', { scope: 'col' }, t('consent.col_answer')))),
      h('tbody', null, rows.length ? rows : h('tr', null, h('td', { colspan: 2 }, t('consent.none')))),
    ),
    historyBtn,
  );
}

const RETENTION_TONE: Record<RetentionSummary['status'], string> = {
  not_due: 'tag-green', due: 'tag-red', held: 'tag-orange', blocked: 'tag-orange', active_elsewhere: 'tag-green', exempt: 'tag-blue',
};

/** The middleware sends the decision's code in words ("within window", "open tickets: #12"); fixtures send sentences. */
function retentionReason(reason: string): string {
  const [head = '', ...rest] = reason.split(':');
  const code = head.trim().replace(/ /g, '_');
  if (!/^[a-z_]+$/.test(code)) return reason;
  const text = tOr(`retention.reason.${code}`, reason);
  return rest.length && text !== reason ? `${text}: ${rest.join(':').trim()}` : text;
}

function retentionBlock(r: RetentionSummary): HTMLElement {
  const system = r.lastActivitySystem ? t(`systems.${r.lastActivitySystem}`) : undefined;
  return h(
    'section',
    { class: 'block', 'aria-label': t('retention.title') },
    h('h4', null, t('retention.title'), ' ', h('span', { class: `tag ${RETENTION_TONE[r.status]}`, 'data-retention': r.status }, t(`retention.status.${r.status}`))),
    h(
      'dl',
      { class: 'facts' },
      h('dt', null, t('retention.last_activity')),
      h('dd', null, r.lastActivityAt ? t('retention.last_activity_value', { date: formatDate(r.lastActivityAt), system: system ?? '—' }) : t('retention.no_activity')),
      h('dt', null, t('retention.due')),
      h('dd', null, r.dueAt ? formatDate(r.dueAt) : '—'),
      h('dt', null, t('retention.rule')),
      h('dd', null, t('retention.rule_value', { months: r.windowMonths, mode: t(`retention.mode.${r.mode}`) })),
    ),
    r.reason ? h('p', { class: 'reason' }, retentionReason(r.reason)) : null,
  );
}

function requestsBlock(requests: OpenRequest[]): HTMLElement | null {
  if (requests.length === 0) return null;
  const sorted = [...requests].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
  return h(
    'section',
    { class: 'block', 'aria-label': t('requests.title') },
    h('h4', null, t('requests.title')),
    h(
      'ul',
      { class: 'list' },
      sorted.map((r) =>
        h(
          'li',
          { class: r.overdue ? 'request overdue' : 'request', 'data-request-id': r.id },
          h('span', null, t(`requests.type.${r.type}`), ' ', h('span', { class: 'muted' }, requestRef(r.id, r.type))),
          h('span', { class: 'muted' }, tOr(`requests.status.${r.status}`, r.status)),
          h(
            'span',
            { class: r.overdue ? 'tag tag-red' : 'tag' },
            r.overdue ? t('requests.overdue', { date: formatDate(r.dueAt) }) : t('requests.due', { date: formatDate(r.dueAt) }),
          ),
        ),
      ),
    ),
  );
}

function piiBlock(person: PersonSummary): HTMLElement {
  const systems = ['zendesk', 'livechat', 'talkdesk'] as const;
  return h(
    'section',
    { class: 'block', 'aria-label': t('pii.title') },
    h('h4', null, t('pii.title')),
    h(
      'dl',
      { class: 'facts' },
      systems.map((s) => {
        const cats = person.piiCategories[s];
        return [
          h('dt', null, t(`systems.${s}`)),
          h('dd', null, cats.length ? cats.map((c) => tOr(`pii.category.${c}`, c)).join(', ') : h('span', { class: 'muted' }, t('pii.none'))),
        ];
      }),
    ),
  );
}

/** C13: where the person is (user field pg_region) and the processors their data reaches without a safeguard. */
function regionBlock(person: PersonSummary): HTMLElement | null {
  if (!person.region) return null;
  const flagged = person.transfersFlagged ?? [];
  return h(
    'section',
    { class: 'block', 'aria-label': t('person_region.title'), 'data-person-region': person.region },
    h('dl', { class: 'facts' },
      h('dt', null, t('person_region.label')),
      h('dd', null, t(`person_region.${person.region}`),
        flagged.length > 0 ? h('div', null, h('span', { class: 'tag tag-red', 'data-transfers-flagged': flagged.join(',') }, t('person_region.transfers', { names: flagged.join(', ') }))) : null)),
  );
}

/** Shows `agent:12` as a person ("You", a name, "Agent 12"). */
export type ActorLabel = (actor: string) => string;
let labelActor: ActorLabel = (actor) => actor;

function holdsBlock(person: PersonSummary, isAdmin: boolean, actions: SidebarActions): HTMLElement | null {
  if (person.holds.length === 0) return null;
  return h(
    'section',
    { class: 'block', 'aria-label': t('holds.title') },
    h('h4', null, t('holds.title')),
    h(
      'ul',
      { class: 'list' },
      person.holds.map((hold) => {
        const lift = isAdmin ? h('button', { type: 'button', class: 'btn-link' }, t('holds.lift')) : null;
        lift?.addEventListener('click', () => actions.liftHold(person, hold, lift));
        return h(
          'li',
          { class: 'hold' },
          h('span', null, hold.reason),
          h('span', { class: 'muted' }, t('holds.placed', { who: labelActor(hold.placedBy), date: formatDate(hold.since) }), hold.until ? ` · ${t('holds.until', { date: formatDate(hold.until) })}` : ''),
          lift,
        );
      }),
    ),
  );
}

/** Banners that must be seen before anything else: restriction blocks, the rest warn. */
function banners(person: PersonSummary, isRequester: boolean, actions: SidebarActions): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (person.restricted) {
    out.push(h('div', { class: 'banner banner-red', role: 'alert', 'data-banner': 'restricted' }, h('strong', null, t('banners.restricted_title')), t('banners.restricted_body')));
  }
  if (person.holds.length > 0) {
    out.push(h('div', { class: 'banner banner-orange', 'data-banner': 'held' }, h('strong', null, t('banners.held_title')), t('banners.held_body', { reason: person.holds[0]?.reason ?? '' })));
  }
  if (person.minor) {
    out.push(h('div', { class: 'banner banner-orange', 'data-banner': 'minor' }, h('strong', null, t('banners.minor_title')), t('banners.minor_body')));
  }
  const overdue = person.openRequests.filter((r) => r.overdue).length;
  if (overdue > 0) {
    out.push(h('div', { class: 'banner banner-red', 'data-banner': 'overdue' }, h('strong', null, t('banners.overdue_title', { count: overdue })), t('banners.overdue_body')));
  }
  if (isRequester && person.needsAttestation) {
    const btn = h('button', { type: 'button', class: 'btn' }, t('attestation.record'));
    btn.addEventListener('click', () => actions.attest(person, btn));
    out.push(h('div', { class: 'banner banner-blue', 'data-banner': 'attestation' }, h('strong', null, t('banners.attestation_title')), h('p', null, t('banners.attestation_body')), btn));
  }
  return out;
}

function personActions(person: PersonSummary, isAdmin: boolean, actions: SidebarActions): HTMLElement {
  const make = (label: string, onClick: (btn: HTMLButtonElement) => void, extra?: Record<string, string>): HTMLButtonElement => {
    const btn = h('button', { type: 'button', class: 'btn', ...extra }, label);
    btn.addEventListener('click', () => onClick(btn));
    return btn;
  };
  return h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': t('actions.group', { name: person.displayName }) },
    make(t('actions.start_request'), (b) => actions.startRequest(person, b)),
    person.minor ? null : make(t('actions.mark_minor'), (b) => actions.markMinor(person, b)),
    isAdmin ? make(t('actions.place_hold'), (b) => actions.placeHold(person, b), { 'data-admin-only': 'true' }) : null,
  );
}

function personBody(person: PersonSummary, summary: TicketPrivacySummary, isRequester: boolean, actions: SidebarActions): Child[] {
  const isAdmin = summary.viewer.role === 'admin';
  return [
    banners(person, isRequester, actions),
    consentTable(person, summary.policy.version, actions),
    retentionBlock(person.retention),
    requestsBlock(person.openRequests),
    holdsBlock(person, isAdmin, actions),
    piiBlock(person),
    regionBlock(person),
    personActions(person, isAdmin, actions),
  ];
}

function personHeading(person: PersonSummary, role: string, level: 'h3'): HTMLElement {
  return h(
    level,
    { class: 'person-heading', tabindex: -1, id: `person-${cssId(person.personKey)}` },
    h('span', { class: 'person-name' }, person.displayName),
    ' ',
    h('span', { class: 'tag' }, role),
    h('span', { class: 'person-email muted' }, person.email),
  );
}

export function cssId(personKey: string): string {
  return personKey.replace(/[^a-zA-Z0-9_-]/g, '_');
}

const FINDING_ICON: Record<Finding['status'], string> = { redacted: '✓', flagged: '!' };

function findingsBlock(findings: Finding[]): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'findings-title', 'data-section': 'findings' },
    h('h2', { id: 'findings-title' }, t('findings.title')),
    findings.length === 0
      ? h('p', { class: 'muted' }, t('findings.none'))
      : h(
          'ul',
          { class: 'list' },
          findings.map((f) =>
            h(
              'li',
              { class: 'finding', 'data-finding': f.kind },
              h('span', { class: f.status === 'redacted' ? 'tag tag-green' : 'tag tag-orange', 'aria-hidden': 'true' }, FINDING_ICON[f.status]),
              h('span', null, t(`findings.${f.kind}.${f.status}`, { count: f.count })),
            ),
          ),
        ),
  );
}

const EXEMPT_CC_REASONS = new Set(['agent', 'exempt_domain', 'requester']);

function ccPeople(summary: TicketPrivacySummary, actions: SidebarActions): HTMLElement | null {
  if (summary.ccs.length === 0) return null;
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'ccs-title', 'data-section': 'ccs' },
    h('h2', { id: 'ccs-title' }, t('cc.people_title', { count: summary.ccs.length })),
    summary.ccs.map((person) => {
      const cc = person.consent.find((c) => c.purpose === 'cc');
      const decision = summary.ccDecisions.find((d) => d.personKey === person.personKey);
      // Agents, colleagues and the requester need no CC consent; "CC ✕" next to "Stays" would contradict it.
      const answer = decision && EXEMPT_CC_REASONS.has(decision.reason)
        ? { yes: true, text: t('cc.no_consent_needed'), tone: 'tag-green' }
        : cc ? consentAnswer(cc) : { yes: false, text: t('consent.no_never'), tone: 'tag-orange' };
      return h(
        'details',
        { class: 'cc-person', 'data-person': person.personKey },
        h(
          'summary',
          null,
          h('span', { class: 'person-name' }, person.displayName),
          h('span', { class: `tag ${answer.tone}` }, t('cc.may_cc'), ' ', answer.yes ? '✓' : '✕', h('span', { class: 'visually-hidden' }, ` ${answer.text}`)),
          person.restricted ? h('span', { class: 'tag tag-red' }, t('banners.restricted_short')) : null,
          h('span', { class: 'person-email muted' }, person.email),
        ),
        h('div', { class: 'cc-body' }, personBody(person, summary, false, actions)),
      );
    }),
  );
}

export function renderSummary(summary: TicketPrivacySummary, actions: SidebarActions, actorLabel?: ActorLabel): HTMLElement {
  if (actorLabel) labelActor = actorLabel;
  const requester = summary.requester;
  return h(
    'div',
    { class: 'summary' },
    h(
      'section',
      { class: 'card', 'aria-labelledby': `person-${cssId(requester.personKey)}`, 'data-person': requester.personKey, 'data-section': 'requester' },
      personHeading(requester, t('person.requester'), 'h3'),
      personBody(requester, summary, true, actions),
    ),
    ccPeople(summary, actions),
    findingsBlock(summary.findings),
    h('p', { class: 'muted policy' }, t('policy.line', { profile: summary.policy.profileId, version: summary.policy.version })),
  );
}
