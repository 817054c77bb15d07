/** Admin page (nav_bar): requests and deadlines, retention preview and approval, tasks, holds, audit, clauses. */
import '../ui/base.css';
import './admin.css';
import type { AdminDashboard, AssumedProfileValue, AuditEntry, PolicyVersion, ClauseCoverage, ManualTask, PrivacyRequest, ProcessorView, RetentionPreview } from '../api/contract.js';
import { ApiError, PrivacyGuardApi } from '../api/api-client.js';
import { readBootConfig } from '../boot/boot-config.js';
import { formatDate, formatDateTime, setLocale, t, tOr } from '../i18n/i18n.js';
import { h, mount, type Child } from '../ui/dom.js';
import { confirmInline, openInlineForm } from '../ui/inline-form.js';
import { announce, statusRegion } from '../ui/status.js';
import { connectZendesk } from '../zaf/zaf-client.js';
import { actorLabel } from '../i18n/people.js';
import { requestRef } from '../ui/request-ref.js';
import { renderRequestDetail } from './request-detail.js';
import { completionChart, OUTCOME_COLOURS, OUTCOMES, requestsPerWeekChart, retentionOutcomesChart } from './charts.js';

const root = document.getElementById('app') as HTMLElement;

function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return t('errors.session');
    if (err.status === 403) return t('errors.forbidden');
    if (err.status === 0) return t('errors.network');
    return t('errors.server', { message: err.message });
  }
  return t('errors.generic', { message: err instanceof Error ? err.message : String(err) });
}

/** A 404 from a list endpoint means this server does not have the route yet (it is being built). */
function isUnavailable(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404;
}

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'admin-section', 'aria-labelledby': `${id}-title`, id }, h('h2', { id: `${id}-title` }, title), ...children);
}

function loading(): HTMLElement {
  return h('p', { class: 'state', role: 'status', 'aria-busy': 'true' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('common.loading'));
}

function errorBox(err: unknown): HTMLElement {
  return h('p', { class: 'state state-error', role: 'alert' }, errorMessage(err));
}

function table(caption: string, head: string[], rows: HTMLTableRowElement[], empty: string): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted empty' }, empty);
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', null, h('caption', { class: 'visually-hidden' }, caption), h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col' }, c)))), h('tbody', null, rows)),
  );
}

function dueCell(dueAt: string, overdue: boolean, done = false): HTMLElement {
  return h('td', null, done ? formatDate(dueAt) : h('span', { class: overdue ? 'tag tag-red' : 'tag' }, overdue ? t('requests.overdue', { date: formatDate(dueAt) }) : formatDate(dueAt)));
}

function tiles(d: AdminDashboard): HTMLElement {
  const open = d.requests.filter((r) => !r.completedAt);
  const overdue = open.filter((r) => r.overdue).length;
  const tasks = d.manualTasks.filter((x) => x.status !== 'done').length;
  const tile = (label: string, value: number, tone = ''): HTMLElement => h('li', { class: `tile ${tone}` }, h('span', { class: 'tile-value' }, String(value)), h('span', { class: 'tile-label' }, label));
  return h('ul', { class: 'tiles', 'aria-label': t('admin.tiles_label') },
    tile(t('admin.tile_open'), open.length),
    tile(t('admin.tile_overdue'), overdue, overdue > 0 ? 'tile-red' : ''),
    tile(t('admin.tile_tasks'), tasks, tasks > 0 ? 'tile-orange' : ''),
    tile(t('admin.tile_holds'), d.holds.length));
}

function requestsTable(d: AdminDashboard, open: (r: PrivacyRequest) => void, openTicket: (id: number) => void): HTMLElement {
  // C13: the processors an EEA person's data would reach without a safeguard (the dashboard flags them for the EEA).
  const flagged = (d.processors ?? []).filter((p) => p.transferFlagged).map((p) => p.name);
  const sorted = [...d.requests].sort((a, b) =>
    Number(Boolean(a.completedAt)) - Number(Boolean(b.completedAt)) || Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt));
  return table(
    t('admin.requests_title'),
    [t('admin.col.request'), t('admin.col.person'), t('admin.col.status'), t('admin.col.due'), t('admin.col.ticket')],
    sorted.map((r) => {
      const ref = h('button', { type: 'button', class: 'btn-link ref', 'aria-label': t('admin.detail.open', { ref: requestRef(r.id, r.type) }) }, requestRef(r.id, r.type));
      ref.addEventListener('click', () => open(r));
      const ticket = r.ticketId ? h('button', { type: 'button', class: 'btn-link', 'data-route-ticket': String(r.ticketId), 'aria-label': t('admin.detail.open_ticket', { id: r.ticketId }) }, `#${r.ticketId}`) : null;
      ticket?.addEventListener('click', () => openTicket(r.ticketId!));
      return h('tr', { class: r.overdue ? 'row-overdue' : '', 'data-request-id': r.id },
        h('td', null, ref, h('div', { class: 'muted' }, t(`requests.type.${r.type}`))),
        h('td', null, personLabel(r.personKey, r.displayName), r.region ? regionLine(r.region, flagged) : null),
        h('td', null, tOr(`requests.status.${r.status}`, r.status)),
        dueCell(r.dueAt, r.overdue, Boolean(r.completedAt)),
        h('td', null, ticket ?? '—'));
    }),
    t('admin.requests_empty'),
  );
}

/** C13: where the request's person is; a person in the EEA also shows the transfers that lack a safeguard. */
function regionLine(region: NonNullable<PrivacyRequest['region']>, flagged: string[]): HTMLElement {
  const warn = region === 'eea' && flagged.length > 0
    ? h('span', { class: 'tag tag-red', 'data-transfers-flagged': flagged.join(','), title: t('admin.region.transfers_label', { names: flagged.join(', ') }) }, t('admin.region.transfers', { count: flagged.length }))
    : null;
  return h('div', { class: 'muted region-line', 'data-region': region }, t(`admin.region.${region}`), warn ? ' ' : null, warn);
}

/**
 * C12, C13: the processors of the active profile with function, country, region and safeguard;
 * those that would receive an EEA person's data without a safeguard are flagged, with how many
 * known people are marked as in the EEA (from the people store).
 */
function processorsTable(processors: ProcessorView[], people: AdminDashboard['peopleByRegion']): HTMLElement {
  const eea = people?.eea ?? 0;
  const transferCell = (p: ProcessorView): HTMLElement => {
    if (p.transferFlagged) {
      return h('span', { class: 'tag tag-red', 'data-transfer-flagged': '' }, eea > 0 ? t('admin.processors.flagged_people', { count: eea }) : t('admin.processors.flagged'));
    }
    return h('span', { class: 'tag tag-green' }, p.region === 'eea' ? t('admin.processors.in_eea') : t('admin.processors.safeguarded'));
  };
  return h('div', null,
    h('p', { class: 'muted' }, t('admin.processors.explain')),
    people ? h('p', { class: 'region-counts', 'data-region-counts': '', 'data-eea': String(people.eea) }, t('admin.processors.people', { eea: people.eea, nonEea: people.nonEea, unknown: people.unknown })) : null,
    table(
      t('admin.processors.title'),
      [t('admin.col.processor'), t('admin.col.country'), t('admin.col.region'), t('admin.col.safeguard'), t('admin.col.transfer')],
      processors.map((p) => h('tr', { 'data-processor': p.name, 'data-flagged': String(p.transferFlagged) },
        h('td', null, h('strong', null, p.name), h('div', { class: 'muted' }, p.function)),
        h('td', null, p.country),
        h('td', null, t(`admin.region.${p.region}`)),
        h('td', null, p.safeguard ?? h('span', { class: 'muted' }, t('admin.processors.no_safeguard'))),
        h('td', null, transferCell(p)))),
      t('admin.processors.empty'),
    ));
}

/** A person as the admin sees them; an erased person's kept records carry only their audit reference. */
function personLabel(personKey: string, displayName?: string): string {
  if (displayName) return displayName;
  return personKey.startsWith('erased:') ? t('admin.erased_person', { ref: personKey.slice('erased:'.length) }) : personKey;
}

const OUTCOME_TONE: Record<RetentionPreview['people'][number]['outcome'], string> = {
  due: 'tag-red', held: 'tag-orange', blocked: 'tag-orange', active_elsewhere: 'tag-blue', not_due: 'tag-green',
};

/** How often the admin page looks at a dry run that is still scanning. */
const SCAN_POLL_MS = 2_000;

function renderPreview(container: HTMLElement, api: PrivacyGuardApi, preview: RetentionPreview | null, isAdmin: boolean): void {
  const runBtn = h('button', { type: 'button', class: 'btn' }, t('admin.preview.run'));
  runBtn.addEventListener('click', () => {
    runBtn.disabled = true;
    api.runRetentionPreview().then(
      (p) => { renderPreview(container, api, p, isAdmin); announce(t('admin.preview.ran')); container.querySelector<HTMLElement>('h3')?.focus(); },
      (err: unknown) => { runBtn.disabled = false; announce(errorMessage(err), 'error'); },
    );
  });
  if (!preview) {
    mount(container, h('p', { class: 'muted empty' }, t('admin.preview.none')), isAdmin ? runBtn : null);
    return;
  }
  const approveBtn = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'approve' }, t('admin.preview.approve'));
  approveBtn.addEventListener('click', () => {
    void confirmInline(approveBtn, t('admin.preview.confirm', { due: preview.counts.due }), t('admin.preview.approve_confirm')).then((ok) => {
      if (!ok) return;
      api.approveRetentionPreview(preview.id).then(
        (p) => { renderPreview(container, api, p, isAdmin); announce(t('admin.preview.approved')); container.querySelector<HTMLElement>('[data-preview-status]')?.focus(); },
        (err: unknown) => announce(errorMessage(err), 'error'),
      );
    });
  });
  const statusTone = preview.status === 'pending_approval' || preview.status === 'scanning' ? 'tag-orange' : 'tag-green';
  const heading = h('h3', { tabindex: -1 }, t('admin.preview.heading', { date: formatDateTime(preview.createdAt) }), ' ',
    h('span', { class: `tag ${statusTone}`, 'data-preview-status': preview.status, tabindex: -1 }, t(`admin.preview.status.${preview.status}`)));
  if (preview.status === 'scanning') {
    // A large account's dry run outlasts the POST's wait: show how far it got and look again.
    mount(container, heading, h('p', { class: 'muted', role: 'status', 'data-preview-scanning': '' }, t('admin.preview.scanning', { processed: preview.processed ?? 0 })));
    window.setTimeout(() => {
      if (!container.isConnected) return;
      api.retentionPreview(preview.id).then(
        (next) => {
          renderPreview(container, api, next, isAdmin);
          if (next.status !== 'scanning') announce(t('admin.preview.ran'));
        },
        (err: unknown) => announce(errorMessage(err), 'error'),
      );
    }, SCAN_POLL_MS);
    return;
  }
  const progress = preview.progress;
  mount(
    container,
    heading,
    progress ? h('p', { 'data-preview-progress': '', role: 'status' }, t('admin.preview.progress', { ...progress })) : null,
    h('ul', { class: 'counts', 'aria-label': t('admin.preview.counts_label') },
      OUTCOMES.map((o) => h('li', { 'data-outcome': o, style: `border-top-color:${OUTCOME_COLOURS[o]}` },
        h('span', { class: 'tile-value' }, String(preview.counts[o])), h('span', { class: 'tile-label' }, t(`retention.status.${o}`))))),
    h('p', { class: 'muted' }, t('admin.preview.explain')),
    // A sweep lists every person it evaluated: behind a toggle, so the page stays short.
    preview.people.length === 0 ? h('p', { class: 'muted empty' }, t('admin.preview.no_people')) : h('details', { class: 'preview-people' },
      h('summary', null, t('admin.preview.people_toggle', { count: preview.people.length })),
      table(
      t('admin.preview.people'),
      [t('admin.col.person'), t('admin.col.outcome'), t('admin.col.last_activity'), t('admin.col.blocking')],
      preview.people.map((p) => h('tr', { 'data-person': p.personKey },
        h('td', null, personLabel(p.personKey, p.displayName)),
        h('td', null, h('span', { class: `tag ${OUTCOME_TONE[p.outcome]}` }, t(`retention.status.${p.outcome}`))),
        h('td', null, formatDate(p.lastActivityAt)),
        h('td', null, p.blockingTicketIds?.length ? p.blockingTicketIds.map((id) => `#${id}`).join(', ') : '—'))),
      t('admin.preview.no_people'),
    )),
    h('div', { class: 'form-actions' },
      isAdmin && preview.status === 'pending_approval' ? approveBtn : null,
      isAdmin ? runBtn : null),
  );
}

/** A profile value as words: `36`, `delete`, `zendesk, livechat`, `country: USA; region: non_eea`. */
function profileValueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(profileValueText).join(', ');
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}: ${profileValueText(v)}`).join('; ');
  return value === null || value === undefined ? t('admin.assumed.not_set') : String(value);
}

/**
 * The profile's assumed values (issue 14): the value, why the profile took it, and whether an
 * admin confirmed it; admins confirm here, and the confirmation goes to the audit ledger.
 */
function renderAssumedValues(container: HTMLElement, api: PrivacyGuardApi, values: AssumedProfileValue[], isAdmin: boolean, viewerId: number): void {
  const open = values.filter((v) => !v.confirmed).length;
  const row = (v: AssumedProfileValue): HTMLTableRowElement => {
    let status: HTMLElement;
    if (v.confirmed) {
      status = h('span', { class: 'tag tag-green', 'data-confirmed': '' }, t('admin.assumed.confirmed_by', { who: actorLabel(v.confirmed.by, viewerId), date: formatDate(v.confirmed.at) }));
    } else if (isAdmin) {
      status = h('button', { type: 'button', class: 'btn', 'data-action': 'confirm-value', 'aria-label': t('admin.assumed.confirm_label', { path: v.path }) }, t('admin.assumed.confirm'));
      status.addEventListener('click', () => {
        (status as HTMLButtonElement).disabled = true;
        api.confirmProfileValue(v.path).then(
          (updated) => {
            renderAssumedValues(container, api, values.map((x) => (x.path === updated.path ? updated : x)), isAdmin, viewerId);
            announce(t('admin.assumed.confirmed_announce', { path: v.path }));
            container.querySelector<HTMLElement>(`[data-path="${CSS.escape(v.path)}"] [data-confirmed]`)?.focus();
          },
          (err: unknown) => { (status as HTMLButtonElement).disabled = false; announce(errorMessage(err), 'error'); },
        );
      });
    } else {
      status = h('span', { class: 'tag tag-orange' }, t('admin.assumed.unconfirmed'));
    }
    return h('tr', { 'data-path': v.path },
      h('td', null, h('code', null, v.path), h('div', { class: 'muted' }, `${v.clause} · ${tOr(`admin.assumed.basis.${v.basis}`, v.basis)}`)),
      h('td', { 'data-value': '' }, profileValueText(v.value)),
      h('td', { 'data-reason': '' }, v.reason),
      h('td', null, status));
  };
  if (values.length === 0) return void mount(container, h('p', { class: 'muted empty' }, t('admin.assumed.empty')));
  const wasOpen = container.querySelector('details')?.open ?? false;
  // Behind a toggle like the preview's people: the summary line says how many still wait.
  mount(container,
    h('details', { class: 'assumed-values', ...(wasOpen ? { open: true } : {}) },
      h('summary', { 'data-assumed-summary': '' }, t('admin.assumed.explain', { total: values.length, open })),
      h('p', { class: 'muted' }, t('admin.assumed.how')),
      table(t('admin.assumed.title'), [t('admin.col.setting'), t('admin.col.value'), t('admin.col.reason'), t('admin.col.confirmation')], values.map(row), t('admin.assumed.empty'))));
}

/** C32: the policy versions, and for the one in force an admin's publication with the change notice. */
function renderPolicyVersions(container: HTMLElement, api: PrivacyGuardApi, versions: PolicyVersion[], isAdmin: boolean, viewerId: number): void {
  const tone = { unpublished: 'tag-orange', not_needed: 'tag-green', sending: 'tag-blue', done: 'tag-green' } as const;
  const rows = versions.map((v) => {
    let action: HTMLElement | string = '—';
    if (v.inForce && v.noticeStatus === 'unpublished' && isAdmin) {
      const publish = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'publish-version' }, t('admin.versions.publish'));
      publish.addEventListener('click', () => {
        void openInlineForm(publish, {
          title: t('admin.versions.publish_title', { version: v.version }),
          description: t('admin.versions.publish_desc'),
          fields: [
            { name: 'summary', label: t('admin.versions.summary'), kind: 'textarea', required: true, hint: t('admin.versions.summary_hint') },
            { name: 'affectsRights', label: t('admin.versions.affects'), kind: 'radio', required: true, value: 'yes', options: [{ value: 'yes', label: t('admin.versions.affects_yes') }, { value: 'no', label: t('admin.versions.affects_no') }] },
          ],
          submitLabel: t('admin.versions.publish'),
          confirm: (values) => (values.affectsRights === 'yes' ? { message: t('admin.versions.confirm'), confirmLabel: t('admin.versions.confirm_send') } : null),
        }).then((values) => {
          if (!values) return;
          api.publishPolicyVersion({ version: v.version, summary: values.summary ?? '', affectsRights: values.affectsRights === 'yes' }).then(
            (updated) => {
              renderPolicyVersions(container, api, versions.map((x) => (x.version === updated.version ? updated : x)), isAdmin, viewerId);
              announce(t('admin.versions.published'));
            },
            (err: unknown) => announce(errorMessage(err), 'error'),
          );
        });
      });
      action = publish;
    }
    return h('tr', { 'data-version': v.version },
      h('td', null, h('strong', null, v.version), v.inForce ? h('span', { class: 'tag tag-green' }, ` ${t('admin.versions.in_force')}`) : null, h('div', { class: 'muted' }, t('admin.versions.since', { date: formatDate(v.firstInForceAt) }))),
      h('td', null, v.publishedAt ? `${formatDate(v.publishedAt)} · ${actorLabel(v.publishedBy ?? '', viewerId)}` : '—', v.summary ? h('div', { class: 'muted' }, v.summary) : null),
      h('td', null, h('span', { class: `tag ${tone[v.noticeStatus]}`, 'data-notice-status': v.noticeStatus }, t(`admin.versions.status.${v.noticeStatus}`)),
        v.noticeStatus === 'sending' || v.noticeStatus === 'done' ? h('div', { class: 'muted', 'data-notice-counts': '' }, t('admin.versions.counts', { sent: v.noticesSent, skipped: v.noticesSkipped })) : null),
      h('td', null, action));
  });
  mount(container, table(t('admin.versions.title'), [t('admin.versions.col_version'), t('admin.versions.col_published'), t('admin.versions.col_notices'), ''], rows, t('admin.versions.empty')));
}

/** What an entry is about, in words: a ticket number, a request reference, or "a person" (the ledger keeps only a keyed hash). */
function subjectLabel(ref: string | undefined): string {
  if (!ref) return '—';
  const [kind = '', rest = ''] = ref.split(/:(.*)/s);
  if (kind === 'ticket') return `#${rest}`;
  if (kind === 'request') return t('admin.subject.request');
  if (kind === 'person' || kind === 'erased') return t('admin.subject.person');
  return tOr(`admin.subject.${kind}`, t('admin.subject.other'));
}

function auditTable(entries: AuditEntry[], viewerId: number): HTMLElement {
  return table(
    t('admin.audit_title'),
    [t('admin.col.when'), t('admin.col.actor'), t('admin.col.action'), t('admin.col.subject'), t('admin.col.outcome')],
    entries.map((e) => h('tr', { 'data-seq': String(e.seq) },
      h('td', null, formatDateTime(e.at)), h('td', null, actorLabel(e.actor, viewerId)),
      h('td', null, tOr(`admin.action.${e.action.replace(/\./g, '_')}`, e.action), e.clause ? h('span', { class: 'muted' }, ` (${e.clause})`) : null),
      h('td', null, subjectLabel(e.subjectRef)), h('td', null, e.outcome))),
    t('admin.audit_empty'),
  );
}

/** For people: what each clause means and whether it is covered; file names behind a toggle. */
function clausesTable(clauses: ClauseCoverage[]): HTMLElement {
  const tone = { covered: 'tag-green', partial: 'tag-orange', missing: 'tag-red' } as const;
  const sources = (c: ClauseCoverage): HTMLElement | string => {
    if (c.code.length === 0 && c.tests.length === 0) return '—';
    const measured = c.mutationScore !== null && c.mutationScore !== undefined;
    return h('details', { class: 'sources' },
      h('summary', null, measured ? t('admin.clauses_sources', { code: c.code.length, tests: c.tests.length }) : t('admin.clauses_sources_unmeasured', { code: c.code.length })),
      c.code.map((x) => h('code', { class: 'block-code' }, x)),
      c.tests.length ? h('ul', { class: 'muted' }, c.tests.map((x) => h('li', null, x))) : null);
  };
  return table(
    t('admin.clauses_title'),
    [t('admin.col.clause'), t('admin.col.coverage'), t('admin.col.where')],
    clauses.map((c) => h('tr', { 'data-clause': c.id },
      h('td', null, h('strong', null, c.id), ' ', c.title),
      // Without a mutation report the code is known but not how well tests prove it: say so, not "Partial".
      c.status === 'partial' && (c.mutationScore === null || c.mutationScore === undefined)
        ? h('td', null, h('span', { class: 'tag tag-blue' }, t('admin.coverage.not_measured')))
        : h('td', null, h('span', { class: `tag ${tone[c.status]}` }, t(`admin.coverage.${c.status}`))),
      h('td', null, sources(c)))),
    t('admin.clauses_empty'),
  );
}

async function main(): Promise<void> {
  const boot = readBootConfig();
  const host = await connectZendesk();
  const user = await host.getCurrentUser();
  setLocale(user.locale);
  const api = new PrivacyGuardApi(boot.apiBase, boot.session);
  const isAdmin = user.role === 'admin';

  const overview = h('div', null, loading());
  const detailBox = h('div', { 'data-detail': '' });
  const requests = h('div', null, loading());
  const charts = h('div', { class: 'charts' }, loading());
  const preview = h('div', { 'data-section': 'retention-preview' }, loading());
  const tasks = h('div', null, loading());
  const holds = h('div', null, loading());
  const audit = h('div', null, loading());
  const verifyResult = h('p', { class: 'verify-result', role: 'status', 'aria-live': 'polite' });
  const clauses = h('div', null, loading());
  const assumed = h('div', { 'data-section': 'assumed-values' }, loading());
  const processors = h('div', { 'data-section': 'processors' }, loading());
  const versions = h('div', { 'data-section': 'policy-versions' }, loading());
  const unavailableNote = h('p', { class: 'muted unavailable', 'data-unavailable': '', hidden: true });
  const unavailable: string[] = [];
  /** Hides a section the server cannot fill yet and names it once under the header, instead of an error per box. */
  const markUnavailable = (el: HTMLElement, title: string): void => {
    (el.closest('section') ?? el).hidden = true;
    if (!unavailable.includes(title)) unavailable.push(title);
    unavailableNote.hidden = false;
    unavailableNote.dataset.unavailable = unavailable.join(',');
    unavailableNote.textContent = t('admin.unavailable', { sections: unavailable.join(', ') });
  };

  const verifyBtn = h('button', { type: 'button', class: 'btn', 'data-action': 'verify' }, t('admin.verify'));
  verifyBtn.addEventListener('click', () => {
    verifyBtn.disabled = true;
    verifyResult.textContent = t('admin.verifying');
    verifyResult.className = 'verify-result';
    api.verifyAudit().then(
      (r) => {
        verifyResult.textContent = r.ok ? t('admin.verify_ok', { checked: r.checked }) : t('admin.verify_broken', { checked: r.checked, seq: r.firstBrokenSeq ?? '?' });
        verifyResult.className = `verify-result ${r.ok ? 'ok' : 'broken'}`;
      },
      (err: unknown) => { verifyResult.textContent = errorMessage(err); verifyResult.className = 'verify-result broken'; },
    ).finally(() => { verifyBtn.disabled = false; });
  });

  mount(
    root,
    h('header', { class: 'admin-header' }, h('h1', null, t('admin.title')), h('p', { class: 'muted' }, t('admin.subtitle')), unavailableNote),
    overview,
    detailBox,
    section('requests', t('admin.requests_title'), requests),
    section('charts', t('admin.charts_title'), charts),
    section('retention', t('admin.preview.title'), preview),
    h('div', { class: 'two-col' }, section('tasks', t('admin.tasks_title'), tasks), section('holds', t('admin.holds_title'), holds)),
    section('audit', t('admin.audit_title'), h('div', { class: 'form-actions' }, verifyBtn), verifyResult, audit),
    section('processors', t('admin.processors.title'), processors),
    section('versions', t('admin.versions.title'), versions),
    section('assumed', t('admin.assumed.title'), assumed),
    section('clauses', t('admin.clauses_title'), clauses),
  );
  document.body.appendChild(statusRegion());
  // The content's own height: the document's scrollHeight never shrinks below the iframe's height.
  const fit = (): void => host.resize(document.body.getBoundingClientRect().height);
  new ResizeObserver(fit).observe(document.body);

  let dashboard: AdminDashboard | null = null;
  const openTicket = (id: number): Promise<void> => host.openTicket(id).catch((err: unknown) => announce(errorMessage(err), 'error'));
  const showDetail = (r: PrivacyRequest | null, focus = true): void => {
    if (!r || !dashboard) return void mount(detailBox);
    mount(detailBox, renderRequestDetail(r, dashboard.manualTasks, {
      api, isAdmin, personLabel, errorMessage, openTicket,
      changed: (updated, task) => applyChange(updated, task),
      close: () => {
        mount(detailBox);
        requests.querySelector<HTMLElement>(`[data-request-id="${CSS.escape(r.id)}"] .ref`)?.focus();
      },
    }));
    if (focus) detailBox.querySelector<HTMLElement>('[data-request-detail]')?.focus();
  };
  const drawDashboard = (d: AdminDashboard): void => {
    mount(overview, tiles(d));
    mount(requests, requestsTable(d, (r) => showDetail(r), (id) => void openTicket(id)));
    drawTasks(d);
  };
  const applyChange = (updated: PrivacyRequest | null, task?: ManualTask): void => {
    if (!dashboard) return;
    if (updated) dashboard.requests = dashboard.requests.map((x) => (x.id === updated.id ? { ...x, ...updated, displayName: updated.displayName ?? x.displayName } : x));
    if (task) dashboard.manualTasks = dashboard.manualTasks.map((x) => (x.id === task.id ? task : x));
    drawDashboard(dashboard);
    showDetail(updated ? dashboard.requests.find((x) => x.id === updated.id) ?? null : null, false);
  };
  const drawTasks = (d: AdminDashboard): void => {
    mount(tasks, table(t('admin.tasks_title'), [t('admin.col.system'), t('admin.col.task'), t('admin.col.due'), t('admin.col.status')],
      [...d.manualTasks].sort((a, b) => a.dueAt.localeCompare(b.dueAt)).map((x) => h('tr', null,
        h('td', null, tOr(`systems.${x.system}`, x.system)), h('td', null, x.title), dueCell(x.dueAt, x.status !== 'done' && Date.parse(x.dueAt) < Date.now(), x.status === 'done'), h('td', null, tOr(`admin.task_status.${x.status}`, x.status)))),
      t('admin.tasks_empty')));
  };

  const dashboardLoad = api.adminDashboard().then(
    (d) => {
      dashboard = d;
      drawDashboard(d);
      renderAssumedValues(assumed, api, d.assumedProfileValues ?? [], isAdmin, user.id);
      // A server without the registry in its dashboard says nothing about processors: not "none".
      if (d.processors) mount(processors, processorsTable(d.processors, d.peopleByRegion));
      else markUnavailable(processors, t('admin.processors.title'));
      mount(charts, requestsPerWeekChart(d.charts.requestsPerWeek), completionChart(d.charts.completionVsDeadline), retentionOutcomesChart(d.charts.retentionOutcomes));
      mount(holds, table(t('admin.holds_title'), [t('admin.col.person'), t('admin.col.reason'), t('admin.col.placed_by'), t('admin.col.since'), t('admin.col.until')],
        d.holds.map((x) => h('tr', null, h('td', null, x.personKey ? personLabel(x.personKey, x.displayName) : '—'), h('td', null, x.reason), h('td', null, actorLabel(x.placedBy, user.id)), h('td', null, formatDate(x.since)), h('td', null, formatDate(x.until)))),
        t('admin.holds_empty')));
    },
    (err: unknown) => {
      if (isUnavailable(err)) {
        overview.hidden = true;
        markUnavailable(requests, t('admin.requests_title'));
        markUnavailable(charts, t('admin.charts_title'));
        markUnavailable(tasks, t('admin.tasks_title'));
        markUnavailable(holds, t('admin.holds_title'));
        markUnavailable(assumed, t('admin.assumed.title'));
        markUnavailable(processors, t('admin.processors.title'));
        const twoCol = tasks.closest('.two-col');
        if (twoCol instanceof HTMLElement) twoCol.hidden = true;
        return;
      }
      for (const el of [overview, requests, charts, tasks, holds, assumed, processors]) mount(el, errorBox(err));
    },
  );
  const previewLoad = api.latestRetentionPreview().then((p) => renderPreview(preview, api, p, isAdmin), (err: unknown) => mount(preview, errorBox(err)));
  const auditLoad = api.audit(20).then((rows) => mount(audit, auditTable(rows, user.id)), (err: unknown) => mount(audit, errorBox(err)));
  const clausesLoad = api.clauses().then(
    (rows) => mount(clauses, clausesTable(rows)),
    (err: unknown) => (isUnavailable(err) ? markUnavailable(clauses, t('admin.clauses_title')) : mount(clauses, errorBox(err))),
  );
  const versionsLoad = api.policyVersions().then(
    (rows) => renderPolicyVersions(versions, api, rows, isAdmin, user.id),
    (err: unknown) => (isUnavailable(err) ? markUnavailable(versions, t('admin.versions.title')) : mount(versions, errorBox(err))),
  );
  await Promise.all([dashboardLoad, previewLoad, auditLoad, clausesLoad, versionsLoad]);
  root.dataset.ready = 'true';
  fit();
}

main().catch((err: unknown) => mount(root, errorBox(err)));
