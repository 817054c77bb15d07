/**
 * The top of the sidebar: each CC in the agent's form with their consent, and, before saving,
 * the warning with what the agent may do about a CC who has not consented (C07, C08).
 */
import type { CcCheckResult } from '../api/contract.js';
import { t, tOr, humanizeId } from '../i18n/i18n.js';
import { h } from '../ui/dom.js';

export interface CcGuardState {
  results: CcCheckResult[];
  checking: boolean;
  /** The message of the last stopped save, shown until the CCs change. */
  stopped: string | null;
  choices: { recordConsent: boolean; adminOverride: boolean };
  isNewTicket: boolean;
}

export interface CcGuardActions {
  remove(cc: CcCheckResult, anchor: HTMLElement): void;
  recordConsent(cc: CcCheckResult, anchor: HTMLElement): void;
  override(cc: CcCheckResult, anchor: HTMLElement): void;
}

const EXEMPT = new Set(['agent', 'exempt_domain', 'requester', 'consent_not_required']);

function badge(r: CcCheckResult): HTMLElement {
  if (r.reason === 'admin_override') return h('span', { class: 'tag tag-blue' }, t('guard.state.override'));
  if (EXEMPT.has(r.reason)) return h('span', { class: 'tag tag-green' }, t('guard.state.exempt'));
  const state = r.ccConsent ?? 'never';
  const tone = state === 'granted' ? 'tag-green' : state === 'withdrawn' ? 'tag-red' : 'tag-orange';
  return h('span', { class: `tag ${tone}` }, state === 'granted' ? '✓ ' : '✕ ', t(`guard.state.${state}`));
}

export function reasonText(reason: string): string {
  return /^[a-z_]+$/.test(reason) ? tOr(`cc.reason.${reason}`, humanizeId(reason)) : reason;
}

function row(r: CcCheckResult, state: CcGuardState, actions: CcGuardActions): HTMLElement {
  const blocked = r.decision === 'remove';
  const buttons: HTMLElement[] = [];
  if (blocked) {
    // The visible label starts the accessible name; the person's name follows for screen readers.
    const make = (label: string, _aria: string, run: (b: HTMLButtonElement) => void, cls = 'btn'): void => {
      const b = h('button', { type: 'button', class: cls }, label, h('span', { class: 'visually-hidden' }, ` (${r.displayName})`));
      b.addEventListener('click', () => run(b));
      buttons.push(b);
    };
    make(t('guard.remove'), t('guard.remove_for', { name: r.displayName }), (b) => actions.remove(r, b), 'btn btn-primary');
    if (state.choices.recordConsent) make(t('guard.record'), t('guard.record_for', { name: r.displayName }), (b) => actions.recordConsent(r, b));
    if (state.choices.adminOverride) make(t('guard.override'), t('guard.override_for', { name: r.displayName }), (b) => actions.override(r, b));
  }
  return h(
    'li',
    { class: blocked ? 'guard-cc blocked' : 'guard-cc', 'data-cc-email': r.email, 'data-decision': r.decision, 'data-person': r.personKey },
    h('span', { class: 'cc-email' }, r.displayName),
    badge(r),
    h('span', { class: 'muted reason', 'data-reason': r.reason }, reasonText(r.reason)),
    buttons.length ? h('div', { class: 'guard-actions' }, buttons) : null,
  );
}

export function renderCcGuard(state: CcGuardState, actions: CcGuardActions): HTMLElement {
  const blocked = state.results.filter((r) => r.decision === 'remove');
  const warning = blocked.length
    ? h(
        'div',
        { class: 'banner banner-red presave', 'data-presave-warning': String(blocked.length), tabindex: -1 },
        h('strong', null, t('guard.warning_title', { count: blocked.length })),
        state.stopped ? h('p', { 'data-save-stopped': '' }, state.stopped) : h('p', null, t('guard.warning_body')),
      )
    : state.stopped
      ? h('div', { class: 'banner banner-red presave', 'data-save-stopped': '', tabindex: -1 }, h('p', null, state.stopped))
      : null;
  return h(
    'section',
    { class: 'card guard', 'aria-labelledby': 'guard-title', 'data-section': 'cc-guard', 'aria-busy': state.checking ? 'true' : 'false' },
    h('h2', { id: 'guard-title' }, t('guard.title')),
    warning,
    state.isNewTicket && state.results.length === 0 ? h('p', { class: 'muted' }, t('guard.intro_new')) : null,
    state.results.length
      ? h('ul', { class: 'list' }, state.results.map((r) => row(r, state, actions)))
      : state.isNewTicket ? null : h('p', { class: 'muted' }, t('guard.none')),
    state.checking ? h('p', { class: 'muted', role: 'status' }, t('guard.checking')) : null,
  );
}
