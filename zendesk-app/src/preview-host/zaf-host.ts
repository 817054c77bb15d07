/**
 * Zendesk's side of the ZAF SDK's messaging, for the preview pages and the browser tests: the app
 * runs in an iframe with the real SDK (npm `zendesk_app_framework_sdk` 2.0.11), and this page
 * answers it as Zendesk would. The protocol, as that SDK speaks it (lib/client.js):
 *  - the app posts `{key: 'iframe.handshake'}`; the host answers `{key: 'zaf.app.registered',
 *    message: {metadata, context}}` (the SDK only accepts messages from `window.parent` and the
 *    `origin` query parameter);
 *  - `get` / `set` / `invoke` are `{id, request, params}`; the host answers `{id, result}` with an
 *    `errors` map for paths it cannot serve, or `{id, error}`;
 *  - `client.on(name)` posts `{key: 'iframe.on:<name>'}`; events go to the app as
 *    `{key: 'zaf.<name>', message}`;
 *  - a hook such as `ticket.save` is `{key: 'zaf.ticket.save', needsReply: true}`; the app answers
 *    `{key: 'iframe.reply:ticket.save'}`, with `error: {msg}` when a handler stopped the save.
 */

export interface ZafPerson {
  id?: number;
  name: string;
  email: string;
}

export interface ZafHostState {
  location: 'ticket_sidebar' | 'new_ticket_sidebar' | 'nav_bar';
  ticket: { id?: number; subject?: string; requester: ZafPerson | null; collaborators: ZafPerson[] } | null;
  currentUser: { id: number; name: string; role: string; locale: string };
}

export type SaveOutcome = { saved: true } | { saved: false; message: string };

interface AppMessage {
  key?: string;
  id?: number;
  request?: 'get' | 'set' | 'invoke';
  params?: unknown;
  error?: { msg?: unknown };
  message?: unknown;
}

/** How long Zendesk waits for a save hook before it gives up on the app (documented as "a limited time"). */
const HOOK_TIMEOUT_MS = 15_000;

export class ZafHost {
  readonly subscriptions = new Map<string, number>();
  readonly routes: string[][] = [];
  readonly log: string[] = [];
  private readonly pendingReplies = new Map<string, (reply: AppMessage) => void>();
  private registered = false;
  onChange: () => void = () => {};
  onResize: (height: number) => void = () => {};
  onSaveOutcome: (outcome: SaveOutcome | null) => void = () => {};

  constructor(
    private readonly frame: HTMLIFrameElement,
    readonly state: ZafHostState,
    private readonly appOrigin: string,
  ) {
    window.addEventListener('message', (event) => this.receive(event));
  }

  private send(message: Record<string, unknown>): void {
    this.frame.contentWindow?.postMessage(JSON.stringify(message), this.appOrigin);
  }

  private receive(event: MessageEvent): void {
    if (event.source !== this.frame.contentWindow || event.origin !== this.appOrigin) return;
    let data: AppMessage;
    try {
      data = (typeof event.data === 'string' ? JSON.parse(event.data) : event.data) as AppMessage;
    } catch {
      return;
    }
    const key = data.key ?? '';
    if (key === 'iframe.handshake') return this.register();
    if (key.startsWith('iframe.on:')) return void this.subscriptions.set(key.slice('iframe.on:'.length), Number((data.message as { subscriberCount?: number })?.subscriberCount ?? 1));
    if (key.startsWith('iframe.off:')) return void this.subscriptions.set(key.slice('iframe.off:'.length), Number((data.message as { subscriberCount?: number })?.subscriberCount ?? 0));
    if (key.startsWith('iframe.reply:')) {
      const name = key.slice('iframe.reply:'.length);
      this.pendingReplies.get(name)?.(data);
      this.pendingReplies.delete(name);
      return;
    }
    if (data.id !== undefined && data.request) this.answer(data.id, data.request, data.params);
  }

  private register(): void {
    this.registered = true;
    this.send({
      key: 'zaf.app.registered',
      message: {
        metadata: { appId: 0, installationId: 0, name: 'Privacy Guard (preview)', settings: {} },
        context: { host: 'zendesk', product: 'support', location: this.state.location, ...(this.state.ticket?.id ? { ticketId: this.state.ticket.id } : {}) },
      },
    });
  }

  private answer(id: number, request: string, params: unknown): void {
    this.log.push(`${request} ${JSON.stringify(params)}`);
    if (request === 'get' && Array.isArray(params)) {
      const result: Record<string, unknown> = {};
      const errors: Record<string, { name: string; message: string; path: string }> = {};
      for (const path of params as string[]) {
        const value = this.read(path);
        if (value === undefined) errors[path] = { name: 'APIUnavailable', message: 'is not available in this location', path };
        else result[path] = value;
      }
      return this.send({ id, result: { ...result, errors } });
    }
    if (request === 'invoke' && params && typeof params === 'object') {
      const errors: Record<string, { name: string; message: string; path: string }> = {};
      for (const [name, args] of Object.entries(params as Record<string, unknown[]>)) {
        if (!this.invoke(name, Array.isArray(args) ? args : [])) errors[name] = { name: 'APIUnavailable', message: 'is not available in this location', path: name };
      }
      return this.send({ id, result: { errors } });
    }
    this.send({ id, error: { name: 'APIUnavailable', message: `"${request}" is not supported by the preview host` } });
  }

  private read(path: string): unknown {
    const t = this.state.ticket;
    switch (path) {
      case 'currentUser': return this.state.currentUser;
      case 'currentUser.locale': return this.state.currentUser.locale;
      case 'ticket.id': return t ? t.id ?? null : undefined;
      case 'ticket.subject': return t ? t.subject ?? '' : undefined;
      case 'ticket.requester': return t ? t.requester : undefined;
      case 'ticket.collaborators': return t ? t.collaborators : undefined;
      default: return undefined;
    }
  }

  private invoke(name: string, args: unknown[]): boolean {
    if (name === 'resize') {
      const height = parseInt(String((args[0] as { height?: string } | undefined)?.height ?? ''), 10);
      if (Number.isFinite(height)) this.onResize(height);
      return true;
    }
    if (name === 'routeTo') {
      this.routes.push(args.map(String));
      this.onChange();
      return true;
    }
    const who = args[0] as { id?: number; email?: string } | undefined;
    if (name === 'ticket.collaborators.remove' && this.state.ticket && who) {
      this.removeCc(who);
      return true;
    }
    if (name === 'ticket.collaborators.add' && this.state.ticket && who?.email) {
      this.addCc({ name: who.email, email: who.email, ...(who.id !== undefined ? { id: who.id } : {}) });
      return true;
    }
    return false;
  }

  /** Sends an event the app subscribed to (Zendesk only binds events an app listens to). */
  emit(name: string, message?: unknown): void {
    if ((this.subscriptions.get(name) ?? 0) > 0) this.send({ key: `zaf.${name}`, message });
  }

  addCc(person: ZafPerson): void {
    const t = this.state.ticket;
    if (!t || t.collaborators.some((c) => c.email.toLowerCase() === person.email.toLowerCase())) return;
    t.collaborators = [...t.collaborators, person];
    this.emit('ticket.collaborators.changed', t.collaborators);
    this.onChange();
  }

  removeCc(who: { id?: number; email?: string }): void {
    const t = this.state.ticket;
    if (!t) return;
    t.collaborators = t.collaborators.filter((c) => !((who.id !== undefined && c.id === who.id) || (who.email && c.email.toLowerCase() === who.email.toLowerCase())));
    this.emit('ticket.collaborators.changed', t.collaborators);
    this.onChange();
  }

  setRequester(person: ZafPerson): void {
    const t = this.state.ticket;
    if (!t) return;
    t.requester = person;
    this.emit('ticket.requester.id.changed', person.id);
    this.emit('ticket.requester.email.changed', person.email);
    this.onChange();
  }

  /** What Zendesk does on Submit: runs the `ticket.save` hook when the app registered one. */
  async save(): Promise<SaveOutcome> {
    this.onSaveOutcome(null);
    const outcome = await this.runSaveHook();
    this.onSaveOutcome(outcome);
    return outcome;
  }

  private async runSaveHook(): Promise<SaveOutcome> {
    if (!this.registered || (this.subscriptions.get('ticket.save') ?? 0) === 0) return { saved: true };
    const reply = await new Promise<AppMessage | null>((resolve) => {
      const timer = window.setTimeout(() => resolve(null), HOOK_TIMEOUT_MS);
      this.pendingReplies.set('ticket.save', (r) => {
        window.clearTimeout(timer);
        resolve(r);
      });
      this.send({ key: 'zaf.ticket.save', needsReply: true });
    });
    if (!reply) return { saved: false, message: 'The app did not answer in time.' };
    if (reply.error) return { saved: false, message: typeof reply.error.msg === 'string' ? reply.error.msg : 'The app stopped the save.' };
    return { saved: true };
  }
}
