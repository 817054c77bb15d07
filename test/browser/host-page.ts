/**
 * Opens an app page the way Zendesk does: inside the preview host (zendesk-app/src/preview-host),
 * which frames the page and answers the real ZAF SDK's messages. Tests query the app through
 * `app` (the iframe) and act as the agent in Zendesk through `host` (add a CC, press Submit).
 */
import type { Browser, Frame, Page } from 'playwright-core';

export interface HostedApp {
  /** The browser tab: the Zendesk stand-in with the app's iframe. */
  tab: Page;
  /** The app page inside the iframe, running the real ZAF SDK. */
  app: Frame;
  host: HostDriver;
}

export interface HostDriver {
  addCc(person: { id?: number; name: string; email: string }): Promise<void>;
  removeCc(who: { id?: number; email?: string }): Promise<void>;
  setRequester(person: { id?: number; name: string; email: string }): Promise<void>;
  /** Presses Submit: Zendesk runs the app's `ticket.save` hook. */
  save(): Promise<{ saved: true } | { saved: false; message: string }>;
  subscriptions(): Promise<Record<string, number>>;
  routes(): Promise<string[][]>;
}

export async function openHosted(browser: Browser, url: string, options: { width?: number; height?: number; onRequest?: (url: string) => void } = {}): Promise<HostedApp> {
  // bypassCSP: the pages forbid inline scripts, and the accessibility check injects axe-core.
  const tab = await browser.newPage({ viewport: { width: options.width ?? 720, height: options.height ?? 900 }, bypassCSP: true });
  if (options.onRequest) tab.on('request', (req) => options.onRequest!(req.url()));
  await tab.goto(url);
  const frameElement = await tab.waitForSelector('iframe.app-frame');
  const app = await frameElement.contentFrame();
  if (!app) throw new Error('host-page: the app iframe has no frame');
  await app.waitForSelector('#app[data-ready="true"], [data-state="empty"], [data-state="error"]', { timeout: 30_000 });
  const host: HostDriver = {
    addCc: (person) => tab.evaluate((p) => window.pgHost!.addCc(p), person),
    removeCc: (who) => tab.evaluate((w) => window.pgHost!.removeCc(w), who),
    setRequester: (person) => tab.evaluate((p) => window.pgHost!.setRequester(p), person),
    save: () => tab.evaluate(() => window.pgHost!.save()),
    subscriptions: () => tab.evaluate(() => Object.fromEntries(window.pgHost!.subscriptions)),
    routes: () => tab.evaluate(() => window.pgHost!.routes),
  };
  return { tab, app, host };
}
