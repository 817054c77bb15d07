/**
 * The preview page: a minimal stand-in for Zendesk's agent workspace that hosts the app page in an
 * iframe and plays Zendesk's side of the ZAF SDK (./zaf-host.ts). `npm run demo` and the browser
 * tests use it alike; tests drive it through `window.pgHost`.
 *   /preview/sidebar?ticket=<id>[&locale=de]   ticket_sidebar on a sandbox ticket
 *   /preview/new-ticket[?locale=ru]            new_ticket_sidebar (no ticket yet)
 *   /preview/admin[?locale=de]                 nav_bar (the admin page)
 */
import './host.css';
import { ZafHost, type ZafHostState, type ZafPerson } from './zaf-host.js';

declare global {
  interface Window {
    pgHost?: ZafHost;
  }
}

type Page = 'sidebar' | 'admin';
interface Route { page: Page; location: ZafHostState['location']; ticketId?: number }

function route(url: URL): Route {
  const ticket = Number(url.searchParams.get('ticket'));
  if (url.pathname.endsWith('/admin')) return { page: 'admin', location: 'nav_bar' };
  if (url.pathname.endsWith('/new-ticket') || !(Number.isSafeInteger(ticket) && ticket > 0)) return { page: 'sidebar', location: 'new_ticket_sidebar' };
  return { page: 'sidebar', location: 'ticket_sidebar', ticketId: ticket };
}

async function getJson(path: string): Promise<unknown> {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

async function initialState(r: Route, locale: string | null): Promise<ZafHostState> {
  if (r.ticketId !== undefined) {
    const ctx = (await getJson(`/preview/zaf/ticket/${r.ticketId}`)) as { ticket: NonNullable<ZafHostState['ticket']>; currentUser: ZafHostState['currentUser'] };
    return { location: r.location, ticket: ctx.ticket, currentUser: { ...ctx.currentUser, ...(locale ? { locale } : {}) } };
  }
  const me = (await getJson('/preview/zaf/me')) as { currentUser: ZafHostState['currentUser'] };
  const ticket = r.location === 'new_ticket_sidebar' ? { subject: '', requester: null, collaborators: [] } : null;
  return { location: r.location, ticket, currentUser: { ...me.currentUser, ...(locale ? { locale } : {}) } };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function ticketPane(host: ZafHost): HTMLElement {
  const pane = el('section', { class: 'ticket-pane', 'aria-label': 'Ticket (Zendesk stand-in)' });
  const outcome = el('p', { class: 'host-outcome', role: 'status', 'data-host-save': '' });
  const routes = el('p', { class: 'host-route', 'data-host-route': '' });
  const ccList = el('ul', { class: 'host-ccs', 'aria-label': 'CC' });
  const requester = el('p', { class: 'host-requester' });
  const email = el('input', { type: 'email', id: 'host-cc-email', placeholder: 'name@example.com', autocomplete: 'off' });
  const add = el('button', { type: 'submit' }, 'Add CC');
  const form = el('form', { class: 'host-add' }, el('label', { for: 'host-cc-email' }, 'CC'), email, add);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const address = email.value.trim();
    if (address) host.addCc({ name: address, email: address });
    email.value = '';
  });
  const submit = el('button', { type: 'button', class: 'host-submit', 'data-host-submit': '' }, 'Submit');
  submit.addEventListener('click', () => void host.save());
  host.onSaveOutcome = (r) => {
    outcome.dataset.outcome = r ? (r.saved ? 'saved' : 'stopped') : 'pending';
    // In Zendesk the save goes on to write the ticket; the preview writes nothing.
    outcome.textContent = r ? (r.saved ? 'Saved (preview: nothing is written).' : `Not saved. The app says: ${r.message}`) : 'Saving…';
  };
  const draw = (): void => {
    const t = host.state.ticket;
    requester.textContent = `Requester: ${t?.requester ? `${t.requester.name} <${t.requester.email}>` : '—'}`;
    ccList.replaceChildren(...(t?.collaborators ?? []).map((c: ZafPerson) => {
      const remove = el('button', { type: 'button', 'aria-label': `Remove ${c.name}` }, '×');
      remove.addEventListener('click', () => host.removeCc(c.id !== undefined ? { id: c.id } : { email: c.email }));
      return el('li', {}, `${c.name} <${c.email}>`, remove);
    }));
    routes.textContent = host.routes.length ? `Zendesk would open: ${host.routes.map((r) => r.join(' ')).join(', ')}` : '';
  };
  host.onChange = draw;
  draw();
  const t = host.state.ticket;
  pane.append(
    el('h1', {}, t?.id ? `#${t.id} ${t.subject ?? ''}` : 'New ticket'),
    el('p', { class: 'host-note' }, 'Preview: this page plays Zendesk for the app beside it.'),
    requester, ccList, form, submit, outcome, routes,
  );
  return pane;
}

async function main(): Promise<void> {
  const url = new URL(window.location.href);
  const r = route(url);
  const state = await initialState(r, url.searchParams.get('locale'));
  const root = document.getElementById('host') as HTMLElement;
  const frame = el('iframe', {
    title: 'Privacy Guard',
    class: r.page === 'admin' ? 'app-frame app-frame-wide' : 'app-frame',
    src: `/preview/app/${r.page}?origin=${encodeURIComponent(window.location.origin)}&app_guid=preview-app`,
  });
  const host = new ZafHost(frame, state, window.location.origin);
  host.onResize = (height) => { frame.style.height = `${height}px`; };
  window.pgHost = host;
  root.replaceChildren(...(r.page === 'sidebar' ? [ticketPane(host)] : []), frame);
  root.dataset.page = r.page;
}

main().catch((err: unknown) => {
  document.body.textContent = `Preview host failed: ${err instanceof Error ? err.message : String(err)}`;
});
