import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type Response } from 'express';
import type { AppAuthenticator } from './app-auth.js';
import { HttpError } from './http-error.js';
import { BOOT_ELEMENT_ID, type BootConfig } from '../../../zendesk-app/src/api/contract.js';

export const APP_ASSETS_DIR = join(process.cwd(), 'assets', 'app');
type Page = 'sidebar' | 'admin' | 'preview-host';

/** JSON inside a <script> element: `<` escaped so no value can close the element. */
function bootScript(boot: BootConfig): string {
  const json = JSON.stringify(boot).replace(/</g, '\\u003c');
  return `<script id="${BOOT_ELEMENT_ID}" type="application/json">${json}</script>`;
}

/** Reads a built page once; the build output is committed, so no build step is needed to serve it. */
function pageTemplate(page: Page, dir: string): string {
  const file = join(dir, `${page}.html`);
  if (!existsSync(file)) throw new HttpError(503, 'app_not_built', 'The app pages are not built; run `npm run build:app`.');
  return readFileSync(file, 'utf8');
}

/** Zendesk shows the pages in an iframe on the account's domain; nowhere else may frame them. */
function setPageHeaders(res: Response, frameAncestors: string) {
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'", // the ZAF SDK is bundled: no third-party script
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      `frame-ancestors ${frameAncestors}`,
      "base-uri 'none'",
      "form-action 'self'",
    ].join('; '),
  );
  res.setHeader('Cache-Control', 'no-store');
}

export function renderPage(page: Page, boot: BootConfig, dir = APP_ASSETS_DIR): string {
  return pageTemplate(page, dir).replace('</head>', `${bootScript(boot)}</head>`);
}

/**
 * The app pages as Zendesk loads them: `signedUrls` makes Zendesk POST the first load with a
 * `token` form field (RS256); we verify it, issue our own short session, and inject it.
 */
export function appPagesRouter(options: { auth: AppAuthenticator; frameAncestors: string; assetsDir?: string }): Router {
  const router = Router();
  const dir = options.assetsDir ?? APP_ASSETS_DIR;
  router.use('/app/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  for (const page of ['sidebar', 'admin'] as const) {
    router.post(`/app/${page}`, express.urlencoded({ extended: false, limit: '16kb' }), async (req, res, next) => {
      try {
        const token = typeof req.body?.token === 'string' ? req.body.token : '';
        if (!token) throw new HttpError(401, 'unauthenticated', 'Zendesk did not send a signed token; enable signedUrls in manifest.json.');
        const userId = await options.auth.verifyZendeskToken(token);
        const session = await options.auth.issueSession(userId);
        setPageHeaders(res, options.frameAncestors);
        res.type('html').send(renderPage(page, { session, apiBase: '', mode: 'zendesk' }, dir));
      } catch (error) {
        next(error);
      }
    });
    router.get(`/app/${page}`, (_req, _res, next) =>
      next(new HttpError(401, 'unauthenticated', 'Open this page from Zendesk: it needs the signed token Zendesk posts on load.')),
    );
  }
  return router;
}

/**
 * Demo only: the same built pages with a session for a sandbox agent, and what ZAF would answer,
 * so the product can be seen in a browser without a Zendesk account.
 */
export function previewRouter(options: {
  auth: AppAuthenticator;
  previewUser: () => Promise<{ id: number; name: string; role: 'admin' | 'agent'; locale: string }>;
  ticketContext: (ticketId: number) => Promise<unknown>;
  assetsDir?: string;
}): Router {
  const router = Router();
  const dir = options.assetsDir ?? APP_ASSETS_DIR;
  const page = (name: Page) => async (_req: express.Request, res: Response, next: express.NextFunction) => {
    try {
      const user = await options.previewUser();
      const session = await options.auth.issueSession(user.id);
      setPageHeaders(res, "'self'");
      res.type('html').send(renderPage(name, { session, apiBase: '', mode: 'preview' }, dir));
    } catch (error) {
      next(error);
    }
  };
  // The preview host plays Zendesk (zendesk-app/src/preview-host) and frames the app page, which
  // talks to it through the real ZAF SDK.
  const host = (_req: express.Request, res: Response) => {
    setPageHeaders(res, "'self'");
    res.type('html').send(pageTemplate('preview-host', dir));
  };
  router.get('/preview/sidebar', host);
  router.get('/preview/new-ticket', host);
  router.get('/preview/admin', host);
  router.get('/preview/app/sidebar', page('sidebar'));
  router.get('/preview/app/admin', page('admin'));
  router.get('/preview/zaf/me', async (_req, res, next) => {
    try {
      res.json({ currentUser: await options.previewUser() });
    } catch (error) {
      next(error);
    }
  });
  router.get('/preview/zaf/ticket/:id', async (req, res, next) => {
    try {
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError(400, 'invalid_request', 'ticket id must be a positive integer');
      const user = await options.previewUser();
      res.json({ ...((await options.ticketContext(id)) as object), currentUser: user });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
