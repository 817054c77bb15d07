/** One polite live region per page for results of actions ("Consent recorded", errors). */
import { h } from './dom.js';

let region: HTMLElement | null = null;

export function statusRegion(): HTMLElement {
  region ??= h('div', { class: 'status-toast', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  return region;
}

let clearTimer: ReturnType<typeof setTimeout> | undefined;

export function announce(message: string, tone: 'ok' | 'error' = 'ok'): void {
  const el = statusRegion();
  el.textContent = message;
  el.dataset.tone = tone;
  el.classList.add('visible');
  if (clearTimer) clearTimeout(clearTimer);
  clearTimer = setTimeout(() => el.classList.remove('visible'), 6000);
}
