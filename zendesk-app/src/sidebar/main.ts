/** Ticket sidebar: one summary call after the host context is known, then agent actions. */
import '../ui/base.css';
import './sidebar.css';
import type { ConsentEntry, LegalHold, PersonSummary, TicketPrivacySummary } from '../api/contract.js';
import { ApiError, PrivacyGuardApi } from '../api/api-client.js';
import { readBootConfig } from '../boot/boot-config.js';
import { formatDateTime, purposeLabel, setLocale, t, tOr } from '../i18n/i18n.js';
import { h, mount } from '../ui/dom.js';
import { confirmInline, openInlineForm } from '../ui/inline-form.js';
import { announce, statusRegion } from '../ui/status.js';
import { connectZendesk } from '../zaf/zaf-client.js';
import type { HostContext, HostTicket } from '../zaf/host-context.js';
import type { CcCheckResult } from '../api/contract.js';
import { actorLabel } from '../i18n/people.js';
import { renderCcGuard, type CcGuardActions, type CcGuardState } from './cc-guard-view.js';
import { cssId, renderSummary, type SidebarActions } from './sidebar-view.js';

const root = document.getElementById('app') as HTMLElement;

function fitHost(host: HostContext): void {
  // The content's own height: the document's scrollHeight never shrinks below the iframe's height.
  const measure = (): void => host.resize(document.body.getBoundingClientRect().height);
  new ResizeObserver(measure).observe(document.body);
  measure();
}

function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return t('errors.session');
    if (err.status === 403) return t('errors.forbidden');
    if (err.status === 0) return t('errors.network');
    return t('errors.server', { message: err.message });
  }
  return t('errors.generic', { message: err instanceof Error ? err.message : String(err) });
}

function showLoading(): void {
  mount(root, h('div', { class: 'state', role: 'status', 'aria-busy': 'true', 'data-state': 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('sidebar.loading')));
}

function showEmpty(message: string): void {
  mount(root, h('div', { class: 'state', role: 'status', 'data-state': 'empty' }, message));
}

function showError(err: unknown, retry: () => void, into: HTMLElement = root): void {
  const btn = h('button', { type: 'button', class: 'btn' }, t('common.retry'));
  btn.addEventListener('click', retry);
  mount(into, h('div', { class: 'state state-error', role: 'alert', 'data-state': 'error' }, h('p', null, errorMessage(err)), btn));
}

async function main(): Promise<void> {
  const boot = readBootConfig();
  statusRegion(); // create early so screen readers register the live region
  showLoading();
  const host = await connectZendesk();
  const user = await host.getCurrentUser();
  setLocale(user.locale);
  showLoading(); // again, now in the agent's language
  fitHost(host);

  const api = new PrivacyGuardApi(boot.apiBase, boot.session);
  let current = await host.getTicket();
  if (!current) {
    showEmpty(t('sidebar.empty_no_ticket'));
    return;
  }
  const isNewTicket = host.location === 'new_ticket_sidebar' || current.id === undefined;
  const guardBox = h('div', { 'data-guard': '' });
  const summaryBox = h('div', { 'data-summary': '' });
  mount(root, statusRegion(), guardBox, summaryBox);
  if (!isNewTicket) mount(summaryBox, h('div', { class: 'state', role: 'status', 'aria-busy': 'true', 'data-state': 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), t('sidebar.loading')));

  // --- C07 before the save: the CCs in the agent's form, checked as they change.
  const guard: CcGuardState = { results: [], checking: true, stopped: null, choices: { recordConsent: true, adminOverride: false }, isNewTicket };
  /** CCs an admin allowed on this ticket; on a new ticket the server cannot key them to a ticket yet. */
  const allowedHere = new Set<string>();
  /** CCs the webhook has already seen (on the saved ticket); only new ones are held when the check fails. */
  const savedCcs = new Set(isNewTicket ? [] : current.collaborators.map((c) => c.email.toLowerCase()));
  let checkSeq = 0;

  const checkCcs = async (tk: HostTicket): Promise<CcCheckResult[]> => {
    const res = await api.ccCheck({
      ...(tk.id !== undefined ? { ticketId: tk.id } : {}),
      ...(tk.requester ? { requester: { id: tk.requester.id, email: tk.requester.email } } : {}),
      ccs: tk.collaborators.map((c) => ({ ...(c.id !== undefined ? { id: c.id } : {}), email: c.email, ...(c.name ? { name: c.name } : {}) })),
    });
    guard.choices = res.choices;
    return res.results.map((r) => (r.decision === 'remove' && allowedHere.has(r.personKey) ? { ...r, decision: 'keep' as const, reason: 'admin_override' } : r));
  };
  const drawGuard = (): void => mount(guardBox, renderCcGuard(guard, guardActions));
  const recheck = async (): Promise<void> => {
    const seq = ++checkSeq;
    guard.checking = true;
    drawGuard();
    try {
      current = (await host.getTicket()) ?? current;
      const results = await checkCcs(current!);
      if (seq !== checkSeq) return;
      guard.results = results;
      guard.stopped = null;
    } catch (err) {
      if (seq === checkSeq) announce(errorMessage(err), 'error');
    } finally {
      if (seq === checkSeq) {
        guard.checking = false;
        drawGuard();
      }
    }
  };
  const focusWarning = (): void => {
    window.scrollTo(0, 0);
    guardBox.querySelector<HTMLElement>('.presave')?.focus();
  };

  const guardActions: CcGuardActions = {
    remove: (cc) => {
      void host.removeCollaborator({ ...(cc.zendeskUserId !== undefined ? { id: cc.zendeskUserId } : {}), email: cc.email }).then(
        () => announce(t('guard.removed_status', { name: cc.displayName })),
        (err: unknown) => announce(errorMessage(err), 'error'),
      );
    },
    recordConsent: (cc, anchor) => {
      const ticketId = current?.id;
      void openInlineForm(anchor, {
        title: t('guard.consent_form_title', { name: cc.displayName }),
        description: ticketId !== undefined ? t('guard.evidence_ticket', { id: ticketId }) : t('guard.evidence_new'),
        fields: [{ name: 'note', label: t('guard.evidence_label'), kind: 'textarea', required: true, hint: t('guard.evidence_hint') }],
        submitLabel: t('consent.save'),
      }).then(async (values) => {
        if (!values) return;
        try {
          const consent = await api.recordConsent({
            personKey: cc.personKey, email: cc.email, ...(cc.zendeskUserId !== undefined ? { zendeskUserId: cc.zendeskUserId } : {}),
            purpose: 'cc', action: 'granted', evidence: { ...(ticketId !== undefined ? { ticketId } : {}), note: values.note ?? '' },
          });
          updatePerson(cc.personKey, (p) => ({ ...p, consent }));
          if (summary) render();
          announce(t('guard.consent_status', { name: cc.displayName }));
          await recheck();
        } catch (err) {
          announce(errorMessage(err), 'error');
        }
      });
    },
    override: (cc, anchor) => {
      const ticketId = current?.id;
      void openInlineForm(anchor, {
        title: t('guard.override_title', { name: cc.displayName }),
        description: t('guard.override_desc'),
        fields: [{ name: 'reason', label: t('guard.override_reason'), kind: 'textarea', required: true }],
        submitLabel: t('guard.override_save'),
        danger: true,
      }).then(async (values) => {
        if (!values) return;
        try {
          await api.overrideCc({ ...(ticketId !== undefined ? { ticketId } : {}), personKey: cc.personKey, reason: values.reason ?? '' });
          allowedHere.add(cc.personKey);
          announce(t('guard.override_status', { name: cc.displayName }));
          await recheck();
        } catch (err) {
          announce(errorMessage(err), 'error');
        }
      });
    },
  };

  host.onTicketEdited(() => void recheck());
  // Zendesk e-mails every CC once the ticket is saved: this hook is where C07 is kept, not repaired.
  host.onTicketSave(async () => {
    const tk = (await host.getTicket().catch(() => null)) ?? current!;
    current = tk;
    let results: CcCheckResult[];
    try {
      results = await checkCcs(tk);
    } catch {
      if (tk.collaborators.every((c) => savedCcs.has(c.email.toLowerCase()))) return;
      guard.stopped = t('guard.check_failed');
      drawGuard();
      focusWarning();
      throw new Error(guard.stopped);
    }
    guard.results = results;
    const blocked = results.filter((r) => r.decision === 'remove');
    if (blocked.length === 0) {
      guard.stopped = null;
      drawGuard();
      return;
    }
    guard.stopped = t('guard.save_stopped', { names: blocked.map((b) => b.displayName).join(', ') });
    drawGuard();
    focusWarning();
    throw new Error(guard.stopped);
  });
  void recheck();
  if (isNewTicket) {
    root.dataset.ready = 'true';
    return;
  }
  const ticket: HostTicket & { id: number } = { ...current, id: current.id! };

  let summary: TicketPrivacySummary | null = null;

  const render = (focusPersonKey?: string): void => {
    if (!summary) return;
    mount(summaryBox, renderSummary(summary, actions(ticket), (actor) => actorLabel(actor, user.id)));
    if (focusPersonKey) document.getElementById(`person-${cssId(focusPersonKey)}`)?.focus();
  };

  const updatePerson = (personKey: string, change: (p: PersonSummary) => PersonSummary): void => {
    if (!summary) return;
    summary = {
      ...summary,
      requester: summary.requester.personKey === personKey ? change(summary.requester) : summary.requester,
      ccs: summary.ccs.map((p) => (p.personKey === personKey ? change(p) : p)),
    };
  };

  /** Runs an API call, announces the result, re-renders and keeps focus near the person. */
  const act = async (person: PersonSummary, run: () => Promise<string>): Promise<void> => {
    try {
      const message = await run();
      render(person.personKey);
      announce(message);
    } catch (err) {
      announce(errorMessage(err), 'error');
    }
  };

  function actions(tk: HostTicket & { id: number }): SidebarActions {
    return {
      recordConsent: (person: PersonSummary, entry: ConsentEntry, anchor: HTMLElement) => {
        const label = purposeLabel(entry.purpose);
        const suggested = entry.state === 'granted' ? 'withdrawn' : 'granted';
        void openInlineForm(anchor, {
          title: t('consent.form_title', { purpose: label, name: person.displayName }),
          description: [entry.required ? t('consent.required_hint') : '', t('guard.evidence_ticket', { id: tk.id })].filter(Boolean).join(' '),
          fields: [
            {
              name: 'action', label: t('consent.action'), kind: 'radio', required: true, value: entry.required && suggested === 'withdrawn' ? 'granted' : suggested,
              options: [
                { value: 'granted', label: t('consent.action_granted') },
                { value: 'withdrawn', label: t('consent.action_withdrawn'), disabled: entry.required },
              ],
            },
            { name: 'note', label: t('guard.evidence_label'), kind: 'textarea', hint: t('guard.evidence_hint') },
          ],
          submitLabel: t('consent.save'),
          danger: (v) => v.action === 'withdrawn',
          confirm: (v) => (v.action === 'withdrawn'
            ? { message: t('consent.confirm_withdraw', { purpose: label, name: person.displayName }), confirmLabel: t('consent.withdraw_button') }
            : null),
        }).then((values) => {
          if (!values) return;
          void act(person, async () => {
            const consent = await api.recordConsent({
              personKey: person.personKey,
              email: person.email,
              ...(person.zendeskUserId !== undefined ? { zendeskUserId: person.zendeskUserId } : {}),
              purpose: entry.purpose,
              action: values.action === 'withdrawn' ? 'withdrawn' : 'granted',
              evidence: { ticketId: tk.id, ...(values.note ? { note: values.note } : {}) },
            });
            updatePerson(person.personKey, (p) => ({ ...p, consent }));
            return t('consent.saved', { purpose: label, name: person.displayName });
          });
        });
      },

      showHistory: (person: PersonSummary, anchor: HTMLElement) => {
        const existing = anchor.nextElementSibling;
        if (existing?.classList.contains('history')) {
          existing.remove();
          anchor.setAttribute('aria-expanded', 'false');
          return;
        }
        anchor.setAttribute('aria-expanded', 'true');
        const box = h('div', { class: 'history panel', role: 'region', 'aria-label': t('consent.history'), 'aria-busy': 'true' }, t('common.loading'));
        anchor.insertAdjacentElement('afterend', box);
        api.consentHistory(person.personKey, tk.id).then(
          (rows) => {
            box.removeAttribute('aria-busy');
            mount(
              box,
              rows.length === 0
                ? h('p', { class: 'muted' }, t('consent.history_empty'))
                : h(
                    'table',
                    null,
                    h('caption', { class: 'visually-hidden' }, t('consent.history')),
                    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('consent.history_when')), h('th', { scope: 'col' }, t('consent.history_what')), h('th', { scope: 'col' }, t('consent.history_who')))),
                    h(
                      'tbody',
                      null,
                      rows.map((r) =>
                        h(
                          'tr',
                          null,
                          h('td', null, formatDateTime(r.at)),
                          h('td', null, `${purposeLabel(r.purpose)}: ${t(`consent.action_${r.action}`)}`, h('div', { class: 'muted' }, `${r.source} · v${r.policyVersion}${r.evidence.ticketId ? ` · #${r.evidence.ticketId}` : ''}`)),
                          h('td', null, actorLabel(r.actor, user.id)),
                        ),
                      ),
                    ),
                  ),
            );
          },
          (err: unknown) => mount(box, h('p', { class: 'form-error', role: 'alert' }, errorMessage(err))),
        );
      },

      startRequest: (person: PersonSummary, anchor: HTMLElement) => {
        const types = ['access', 'erasure', 'rectification', 'restriction', 'objection'] as const;
        void openInlineForm(anchor, {
          title: t('requests.form_title', { name: person.displayName }),
          fields: [{ name: 'type', label: t('requests.type_label'), kind: 'select', required: true, value: 'access', options: types.map((v) => ({ value: v, label: t(`requests.type.${v}`) })) }],
          submitLabel: t('requests.start'),
          danger: (v) => v.type === 'erasure',
          confirm: (v) => (v.type === 'erasure' ? { message: t('requests.confirm_erasure', { name: person.displayName }), confirmLabel: t('requests.confirm_erasure_button') } : null),
        }).then((values) => {
          if (!values) return;
          const type = types.find((x) => x === values.type) ?? 'access';
          void act(person, async () => {
            const created = await api.createRequest({ type, personKey: person.personKey, ticketId: tk.id });
            updatePerson(person.personKey, (p) => ({
              ...p,
              openRequests: [...p.openRequests, { id: created.id, type: created.type, status: created.status, dueAt: created.dueAt, overdue: false }],
            }));
            return t('requests.started', { type: t(`requests.type.${type}`) });
          });
        });
      },

      placeHold: (person: PersonSummary, anchor: HTMLElement) => {
        void openInlineForm(anchor, {
          title: t('holds.form_title', { name: person.displayName }),
          description: t('holds.form_description'),
          fields: [
            { name: 'reason', label: t('holds.reason'), kind: 'textarea', required: true },
            { name: 'until', label: t('holds.until_label'), kind: 'date' },
          ],
          submitLabel: t('holds.place'),
        }).then((values) => {
          if (!values) return;
          void act(person, async () => {
            const hold = await api.placeHold({
              personKey: person.personKey,
              reason: values.reason ?? '',
              ...(values.until ? { until: new Date(`${values.until}T23:59:59Z`).toISOString() } : {}),
            });
            updatePerson(person.personKey, (p) => ({ ...p, holds: [...p.holds, hold] }));
            return t('holds.placed_status');
          });
        });
      },

      liftHold: (person: PersonSummary, hold: LegalHold, anchor: HTMLElement) => {
        void confirmInline(anchor, t('holds.confirm_lift', { reason: hold.reason, name: person.displayName }), t('holds.lift')).then((ok) => {
          if (!ok) return;
          void act(person, async () => {
            await api.liftHold(hold.id);
            updatePerson(person.personKey, (p) => ({ ...p, holds: p.holds.filter((x) => x.id !== hold.id) }));
            return t('holds.lifted_status');
          });
        });
      },

      markMinor: (person: PersonSummary, anchor: HTMLElement) => {
        void openInlineForm(anchor, {
          title: t('minor.form_title', { name: person.displayName }),
          description: t('minor.form_description'),
          fields: [{ name: 'evidence', label: t('minor.evidence'), kind: 'textarea', required: true, hint: t('minor.evidence_hint') }],
          submitLabel: t('minor.mark'),
          danger: true,
          confirm: () => ({ message: t('minor.confirm', { name: person.displayName }), confirmLabel: t('minor.mark') }),
        }).then((values) => {
          if (!values) return;
          void act(person, async () => {
            const updated = await api.markMinor(person.personKey, { evidence: values.evidence ?? '' });
            updatePerson(person.personKey, () => updated);
            return t('minor.marked_status');
          });
        });
      },

      attest: (person: PersonSummary, anchor: HTMLElement) => {
        void openInlineForm(anchor, {
          title: t('attestation.form_title'),
          description: t('attestation.form_description', { name: person.displayName }),
          fields: [{ name: 'statement', label: t('attestation.statement'), kind: 'textarea', required: true, value: t('attestation.default_statement', { name: person.displayName }) }],
          submitLabel: t('attestation.record'),
        }).then((values) => {
          if (!values) return;
          void act(person, async () => {
            await api.attest({ ticketId: tk.id, personKey: person.personKey, statement: values.statement ?? '' });
            updatePerson(person.personKey, (p) => ({ ...p, needsAttestation: false }));
            return t('attestation.recorded_status');
          });
        });
      },
    };
  }

  const load = async (): Promise<void> => {
    try {
      if (!ticket.requester) throw new Error('The ticket has no requester yet.');
      summary = await api.summary(ticket.id, ticket.requester.id);
      render();
      root.dataset.ready = 'true';
      performance.mark('pg:summary-rendered'); // navigation start → summary in the DOM

    } catch (err) {
      if (err instanceof ApiError && err.status === 404) mount(summaryBox, h('div', { class: 'state', role: 'status', 'data-state': 'empty' }, t('sidebar.empty_no_record')));
      else showError(err, () => void load(), summaryBox);
    }
  };
  await load();
}

main().catch((err: unknown) => {
  mount(root, h('div', { class: 'state state-error', role: 'alert', 'data-state': 'error' }, errorMessage(err)));
});
