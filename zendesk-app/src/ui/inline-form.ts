/**
 * Inline forms and confirmations, inserted right after the control that opened them. Inline
 * rather than modal: the sidebar iframe is only as tall as its content, so a modal would clip.
 * Focus moves into the form and back to the opener when it closes.
 */
import { t } from '../i18n/i18n.js';
import { h, uid } from './dom.js';

export interface FieldOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'number' | 'textarea' | 'select' | 'radio' | 'date';
  required?: boolean;
  value?: string;
  hint?: string;
  options?: FieldOption[];
}

export interface InlineFormSpec {
  title: string;
  description?: string;
  fields: FieldSpec[];
  submitLabel: string;
  /** When it returns a message, the form asks for confirmation before resolving. */
  confirm?: (values: Record<string, string>) => { message: string; confirmLabel: string } | null;
  /** Marks the final button as destructive (red). */
  danger?: boolean | ((values: Record<string, string>) => boolean);
}

let openPanel: { close: () => void } | null = null;

/** Inside a table the panel goes after the table, so it does not squeeze a cell. */
function insertPanel(anchor: HTMLElement, panel: HTMLElement): void {
  (anchor.closest('table') ?? anchor).insertAdjacentElement('afterend', panel);
}

function fieldControl(field: FieldSpec, id: string, hintId: string | undefined): HTMLElement {
  const common = {
    id,
    name: field.name,
    required: field.required ?? false,
    'aria-describedby': hintId,
  };
  switch (field.kind) {
    case 'textarea':
      return h('textarea', { ...common, rows: 2, class: 'input' }, field.value ?? '');
    case 'select':
      return h(
        'select',
        { ...common, class: 'input' },
        (field.options ?? []).map((o) =>
          h('option', { value: o.value, selected: o.value === field.value, disabled: o.disabled ?? false }, o.label),
        ),
      );
    case 'radio':
      return h(
        'div',
        { role: 'radiogroup', 'aria-labelledby': `${id}-legend`, class: 'radios', 'aria-describedby': hintId },
        (field.options ?? []).map((o, i) => {
          const rid = `${id}-${i}`;
          return h(
            'label',
            { class: 'radio', for: rid },
            h('input', {
              type: 'radio', id: rid, name: field.name, value: o.value,
              checked: o.value === field.value, disabled: o.disabled ?? false, required: field.required ?? false,
            }),
            ' ',
            o.label,
          );
        }),
      );
    default:
      return h('input', {
        ...common,
        class: 'input',
        type: field.kind,
        value: field.value ?? '',
        ...(field.kind === 'number' ? { inputmode: 'numeric', min: 1 } : {}),
      });
  }
}

function readValues(form: HTMLFormElement, fields: FieldSpec[]): Record<string, string> {
  const data = new FormData(form);
  const values: Record<string, string> = {};
  for (const f of fields) values[f.name] = String(data.get(f.name) ?? '').trim();
  return values;
}

/** Opens a form after `anchor`; resolves with the values, or null when cancelled. */
export function openInlineForm(anchor: HTMLElement, spec: InlineFormSpec): Promise<Record<string, string> | null> {
  openPanel?.close();
  return new Promise((resolve) => {
    const titleId = uid('form-title');
    const descId = spec.description ? uid('form-desc') : undefined;
    const errorBox = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const fieldsEl = spec.fields.map((field) => {
      const id = uid(`f-${field.name}`);
      const hintId = field.hint ? `${id}-hint` : undefined;
      const labelText = [field.label, field.required ? '' : ` (${t('common.optional')})`].join('');
      return h(
        'div',
        { class: 'field' },
        field.kind === 'radio'
          ? h('span', { class: 'label', id: `${id}-legend` }, labelText)
          : h('label', { class: 'label', for: id }, labelText),
        fieldControl(field, id, hintId),
        field.hint ? h('span', { class: 'hint', id: hintId }, field.hint) : null,
      );
    });
    const isDanger = (values: Record<string, string>): boolean =>
      typeof spec.danger === 'function' ? spec.danger(values) : spec.danger ?? false;

    const finish = (values: Record<string, string> | null): void => {
      panel.remove();
      if (openPanel === handle) openPanel = null;
      if (anchor.isConnected) anchor.focus();
      resolve(values);
    };
    const handle = { close: () => finish(null) };

    const form = h(
      'form',
      { class: 'inline-form', novalidate: true },
      errorBox,
      fieldsEl,
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary' }, spec.submitLabel),
        h('button', { type: 'button', class: 'btn', onClick: () => finish(null) }, t('common.cancel')),
      ),
    );

    const panel = h(
      'section',
      { class: 'panel', role: 'region', 'aria-labelledby': titleId, 'aria-describedby': descId },
      h('h4', { id: titleId, class: 'panel-title', tabindex: -1 }, spec.title),
      spec.description ? h('p', { id: descId, class: 'muted' }, spec.description) : null,
      form,
    );
    panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        finish(null);
      }
    });

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const values = readValues(form, spec.fields);
      const missing = spec.fields.filter((f) => f.required && !values[f.name]);
      if (missing.length > 0) {
        errorBox.hidden = false;
        errorBox.textContent = t('common.fill_required', { fields: missing.map((f) => f.label).join(', ') });
        const first = form.querySelector<HTMLElement>(`[name="${missing[0]?.name ?? ''}"]`);
        first?.setAttribute('aria-invalid', 'true');
        first?.focus();
        return;
      }
      const ask = spec.confirm?.(values) ?? null;
      if (!ask) {
        finish(values);
        return;
      }
      showConfirmation(panel, ask.message, ask.confirmLabel, isDanger(values)).then((ok) => finish(ok ? values : null));
    });

    insertPanel(anchor, panel);
    openPanel = handle;
    const first = form.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select, textarea');
    (first ?? panel.querySelector<HTMLElement>('.panel-title'))?.focus();
  });
}

function showConfirmation(panel: HTMLElement, message: string, confirmLabel: string, danger: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const msgId = uid('confirm-msg');
    const cancel = h('button', { type: 'button', class: 'btn', onClick: () => resolve(false) }, t('common.cancel'));
    const box = h(
      'div',
      { class: 'confirm', role: 'alertdialog', 'aria-modal': 'false', 'aria-labelledby': msgId },
      h('p', { id: msgId, class: 'confirm-message' }, message),
      h(
        'div',
        { class: 'form-actions' },
        h('button', { type: 'button', class: danger ? 'btn btn-danger' : 'btn btn-primary', onClick: () => resolve(true) }, confirmLabel),
        cancel,
      ),
    );
    panel.replaceChildren(box);
    cancel.focus();
  });
}

/** A stand-alone confirmation after `anchor` (no fields). */
export function confirmInline(anchor: HTMLElement, message: string, confirmLabel: string, danger = true): Promise<boolean> {
  openPanel?.close();
  const panel = h('section', { class: 'panel' });
  insertPanel(anchor, panel);
  const handle = { close: () => panel.remove() };
  openPanel = handle;
  return showConfirmation(panel, message, confirmLabel, danger).then((ok) => {
    panel.remove();
    if (openPanel === handle) openPanel = null;
    if (anchor.isConnected) anchor.focus();
    return ok;
  });
}
