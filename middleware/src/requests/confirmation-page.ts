import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { AppContext } from '../app-context.js';
import { replyTexts } from '../policy/request-reply-texts.js';
import { resolveNoteLocale } from '../policy/note-texts.js';
import { answerLink, peekLink } from './confirmation.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function page(ctx: AppContext, res: Response, status: number, title: string, inner: string): void {
  const lang = resolveNoteLocale(ctx.config.accountLocale);
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      // No scripts, no frames, forms only back to this page.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'X-Frame-Options': 'DENY',
    })
    .send(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>` +
        `<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}form{display:inline}button{font-size:1rem;padding:.6rem 1rem;margin:.4rem .4rem 0 0}</style>` +
        `</head><body><h1>${escapeHtml(title)}</h1>${inner}</body></html>`,
    );
}

/**
 * The confirmation page the person's link opens (C20). GET only shows the question (mail scanners
 * and link previews fetch links, so a GET never confirms); the POST carries the token in its body
 * (nothing a third-party page can forge without the token) and confirms or cancels once. Unknown
 * tokens answer 404 and used, expired or revoked ones 410, with a page that says nothing else.
 */
export function confirmationPageRoutes(ctx: AppContext, options: { perMinute?: number } = {}): Router {
  const router = Router();
  const t = () => replyTexts(ctx.config.accountLocale);
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: options.perMinute ?? 30,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (_req, res) => page(ctx, res, 429, t().page.title, `<p>${escapeHtml(t().page.tooMany)}</p>`),
    }),
  );
  const notUsable = (res: Response, state: 'unknown' | 'gone') => page(ctx, res, state === 'unknown' ? 404 : 410, t().page.title, `<p>${escapeHtml(state === 'unknown' ? t().page.unknown : t().page.gone)}</p>`);

  router.get('/:token', (req: Request, res: Response, next: NextFunction) => {
    const token = String(req.params.token ?? '');
    peekLink(ctx, token)
      .then((link) => {
        if (link.state !== 'live') return notUsable(res, link.state);
        const texts = t();
        const type = texts.types[link.type];
        const hidden = `<input type="hidden" name="token" value="${escapeHtml(token)}">`;
        page(
          ctx,
          res,
          200,
          texts.page.title,
          `<p>${escapeHtml(texts.page.question(type, link.ticketId ?? 0))}</p><p><strong>${escapeHtml(texts.page.warning(link.type))}</strong></p>` +
            `<form method="post" action="../confirm">${hidden}<input type="hidden" name="decision" value="confirm"><button type="submit">${escapeHtml(texts.page.yes(link.type))}</button></form>` +
            `<form method="post" action="../confirm">${hidden}<input type="hidden" name="decision" value="cancel"><button type="submit">${escapeHtml(texts.page.no)}</button></form>`,
        );
      })
      .catch(next);
  });

  router.post('/', express.urlencoded({ extended: false, limit: '2kb' }), (req: Request, res: Response, next: NextFunction) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token : '';
    const decision = body.decision === 'confirm' || body.decision === 'cancel' ? body.decision : undefined;
    if (!decision) return notUsable(res, 'unknown');
    answerLink(ctx, token, decision)
      .then((result) => {
        if (result.state === 'unknown' || result.state === 'gone') return notUsable(res, result.state);
        if (result.state === 'live') return notUsable(res, 'gone');
        const texts = t();
        const type = texts.types[result.type];
        page(ctx, res, 200, texts.page.title, `<p>${escapeHtml(result.state === 'confirmed' ? texts.page.confirmed(type) : texts.page.cancelled(type))}</p>`);
      })
      .catch(next);
  });
  return router;
}
