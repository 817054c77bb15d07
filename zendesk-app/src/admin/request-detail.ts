/**
 * One request, worked from the admin page: approve a held request (C27), confirm the requester's
 * identity, extend the deadline with a reason (C26), download the access export (C21/C22), close
 * its manual tasks with proof (C30), and open its ticket in Zendesk.
 */
import type { AdminDashboard, ManualTask, PrivacyRequest } from '../api/contract.js';
import type { PrivacyGuardApi } from '../api/api-client.js';
import { formatDate, t, tOr } from '../i18n/i18n.js';
import { h } from '../ui/dom.js';
import { confirmInline, openInlineForm } from '../ui/inline-form.js';
import { requestRef } from '../ui/request-ref.js';
import { announce } from '../ui/status.js';

export interface RequestDetailDeps {
  api: PrivacyGuardApi;
  isAdmin: boolean;
  personLabel: (personKey: string, displayName?: string) => string;
  errorMessage: (err: unknown) => string;
  openTicket: (ticketId: number) => Promise<void>;
  /** The request or task changed on the server: redraw the page with it. */
  changed: (request: PrivacyRequest | null, task?: ManualTask) => void;
  close: () => void;
}

const FINAL = new Set(['completed', 'refused', 'failed', 'rejected']);

export function renderRequestDetail(r: PrivacyRequest, tasks: AdminDashboard['manualTasks'], deps: RequestDetailDeps): HTMLElement {
  const ref = requestRef(r.id, r.type);
  const done = FINAL.has(r.status) || Boolean(r.completedAt);
  const buttons: HTMLElement[] = [];
  const button = (action: string, label: string, run: (b: HTMLButtonElement) => void, cls = 'btn'): void => {
    const b = h('button', { type: 'button', class: cls, 'data-action': action }, label);
    b.addEventListener('click', () => run(b));
    buttons.push(b);
  };
  const act = (b: HTMLButtonElement, call: () => Promise<PrivacyRequest>, message: string): void => {
    b.disabled = true;
    call().then(
      (updated) => {
        deps.changed(updated);
        announce(message);
      },
      (err: unknown) => {
        b.disabled = false;
        announce(deps.errorMessage(err), 'error');
      },
    );
  };

  if (deps.isAdmin && r.status === 'awaiting_admin_review') {
    button('approve', t('admin.detail.approve'), (b) => {
      void confirmInline(b, t('admin.detail.approve_confirm', { ref }), t('admin.detail.approve'), false).then((ok) => {
        if (ok) act(b, () => deps.api.approveRequest(r.id), t('admin.detail.approved', { ref }));
      });
    }, 'btn btn-primary');
  }
  if (deps.isAdmin && r.status === 'awaiting_identity') {
    button('confirm-identity', t('admin.detail.confirm_identity'), (b) => {
      void confirmInline(b, t('admin.detail.confirm_identity_question', { name: deps.personLabel(r.personKey, r.displayName) }), t('admin.detail.confirm_identity'), false).then((ok) => {
        if (ok) act(b, () => deps.api.confirmIdentity(r.id), t('admin.detail.identity_confirmed', { ref }));
      });
    }, 'btn btn-primary');
  }
  if (deps.isAdmin && !done) {
    button('extend', t('admin.detail.extend'), (b) => {
      void openInlineForm(b, {
        title: t('admin.detail.extend_title', { ref }),
        description: t('admin.detail.extend_desc'),
        fields: [
          { name: 'days', label: t('admin.detail.extend_days'), kind: 'number', required: true, value: '30' },
          { name: 'reason', label: t('admin.detail.extend_reason'), kind: 'textarea', required: true },
        ],
        submitLabel: t('admin.detail.extend_save'),
      }).then((values) => {
        if (values) act(b, () => deps.api.extendRequest(r.id, { days: Number(values.days), reason: values.reason ?? '' }), t('admin.detail.extended', { ref }));
      });
    });
  }
  const exportBox = h('p', { class: 'export-link', 'data-export-link': '' });
  if (deps.isAdmin && r.type === 'access') {
    button('export', t('admin.detail.download_export'), (b) => {
      b.disabled = true;
      deps.api.exportLink(r.id).then(
        (link) => {
          b.disabled = false;
          const a = h('a', { href: link.path, download: `privacy-export-${ref}.zip`, 'data-download': '' }, t('admin.detail.download_ready', { date: formatDate(link.expiresAt) }));
          exportBox.replaceChildren(a);
          a.click();
          announce(t('admin.detail.download_started', { ref }));
        },
        (err: unknown) => {
          b.disabled = false;
          announce(deps.errorMessage(err), 'error');
        },
      );
    });
  }
  if (r.ticketId) {
    button('open-ticket', t('admin.detail.open_ticket', { id: r.ticketId }), () => void deps.openTicket(r.ticketId!));
  }

  const own = tasks.filter((x) => x.requestId === r.id);
  const taskList = own.length
    ? h('ul', { class: 'list detail-tasks', 'aria-label': t('admin.tasks_title') }, own.map((task) => {
        const close = deps.isAdmin && task.status !== 'done' ? h('button', { type: 'button', class: 'btn', 'data-action': 'close-task' }, t('admin.detail.close_task')) : null;
        close?.addEventListener('click', () => {
          void openInlineForm(close, {
            title: t('admin.detail.close_task_title'),
            description: task.title,
            fields: [{ name: 'proof', label: t('admin.detail.proof'), kind: 'textarea', required: true, hint: t('admin.detail.proof_hint') }],
            submitLabel: t('admin.detail.close_task'),
          }).then((values) => {
            if (!values) return;
            deps.api.closeManualTask(task.id, values.proof ?? '').then(
              (updated) => {
                deps.changed(r, updated);
                announce(t('admin.detail.task_closed'));
              },
              (err: unknown) => announce(deps.errorMessage(err), 'error'),
            );
          });
        });
        return h('li', { 'data-task-id': task.id, 'data-task-status': task.status }, h('span', null, tOr(`systems.${task.system}`, task.system), ': ', task.title),
          h('span', { class: 'tag' }, tOr(`admin.task_status.${task.status}`, task.status)), close);
      }))
    : null;

  const closeBtn = h('button', { type: 'button', class: 'btn-link', 'data-action': 'close-detail' }, t('common.close'));
  closeBtn.addEventListener('click', () => deps.close());
  return h(
    'section',
    { class: 'admin-section request-detail', 'aria-labelledby': 'request-detail-title', 'data-request-detail': r.id, tabindex: -1 },
    h('div', { class: 'detail-head' }, h('h2', { id: 'request-detail-title' }, t('admin.detail.title', { ref, type: t(`requests.type.${r.type}`) })), closeBtn),
    h('dl', { class: 'facts' },
      h('dt', null, t('admin.col.person')), h('dd', null, deps.personLabel(r.personKey, r.displayName)),
      h('dt', null, t('admin.col.status')), h('dd', { 'data-status': r.status }, tOr(`requests.status.${r.status}`, r.status)),
      h('dt', null, t('admin.detail.received')), h('dd', null, formatDate(r.createdAt)),
      h('dt', null, t('admin.col.due')), h('dd', null, r.overdue ? h('span', { class: 'tag tag-red' }, t('requests.overdue', { date: formatDate(r.dueAt) })) : formatDate(r.dueAt)),
      r.completedAt ? [h('dt', null, t('admin.col.completed')), h('dd', null, formatDate(r.completedAt))] : null,
      r.ticketId ? [h('dt', null, t('admin.detail.ticket')), h('dd', null, `#${r.ticketId}`)] : null),
    buttons.length ? h('div', { class: 'form-actions detail-actions' }, buttons) : h('p', { class: 'muted' }, t('admin.detail.nothing_to_do')),
    exportBox,
    taskList ? [h('h3', null, t('admin.tasks_title')), taskList] : null,
  );
}
