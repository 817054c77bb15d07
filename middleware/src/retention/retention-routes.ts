/**
 * App API for retention previews (admin page): the latest preview, a new dry run, approval.
 * Shapes follow `RetentionPreview` in zendesk-app/src/api/contract.ts.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requireAdmin, type AgentIdentity, type AppAuthenticator } from '../http/app-auth.js';
import { HttpError } from '../http/http-error.js';
import { approvePreview } from './erasure-run.js';
import { deterministicJobId } from '../jobs/job-ids.js';
import { erasureProgressCounts, getPreview, latestScannedPreview, previewPeople, runProgress, scanningPreviewSince, type PreviewRecord } from './preview-store.js';
import { createPreview } from './sweep-scan.js';

const previewIdSchema = z.string().uuid();
/** Serialises "is a dry run already scanning? else start one" across requests and replicas. */
const DRY_RUN_LOCK = 7_418_230_553;
/** A scan older than this is presumed stuck (its job dead-lettered): a new request starts afresh. */
const JOIN_SCANNING_WITHIN_MS = 3_600_000;

/**
 * The app-facing shape of a preview (contract `RetentionPreview`, plus run progress). `progress`
 * and each person's `erasureStatus` are read live against the erasure requests the run started;
 * `summary` is written once when the run is done.
 */
export async function previewResponse(ctx: AppContext, preview: PreviewRecord) {
  const people = preview.status === 'scanning' ? [] : await previewPeople(ctx.db, preview.id);
  const approved = preview.status === 'approved' || preview.status === 'running' || preview.status === 'done';
  return {
    id: preview.id,
    createdAt: preview.createdAt.toISOString(),
    status: preview.status,
    counts: preview.counts,
    mode: preview.mode,
    cutoff: preview.cutoff.toISOString(),
    scanned: preview.scanned,
    processed: preview.processed,
    ...(approved ? { progress: runProgress(await erasureProgressCounts(ctx.db, preview.id)) } : {}),
    ...(preview.summary ? { summary: preview.summary } : {}),
    people: people.map((p) => ({
      personKey: p.personKey,
      outcome: p.outcome,
      reason: p.reason,
      ...(p.lastActivityAt ? { lastActivityAt: p.lastActivityAt.toISOString() } : {}),
      ...(p.lastActivitySystem ? { lastActivitySystem: p.lastActivitySystem } : {}),
      ...(p.blockingTicketIds?.length ? { blockingTicketIds: p.blockingTicketIds } : {}),
      ...(p.erasureProgress ? { erasureStatus: p.erasureProgress } : {}),
      ...(p.erasureRequestId ? { erasureRequestId: p.erasureRequestId } : {}),
    })),
  };
}

function actorOf(res: { locals: Record<string, unknown> }): string {
  const agent = res.locals.agent as AgentIdentity | undefined;
  return agent ? `zendesk:${agent.userId}` : 'unknown';
}

function previewIdOf(req: Request): string {
  const parsed = previewIdSchema.safeParse(req.params.id);
  if (!parsed.success) throw new HttpError(400, 'invalid_request', 'The preview id must be the UUID returned by POST /api/v1/retention/previews.');
  return parsed.data;
}

/** Mounted at `/api/v1/retention`. */
export function retentionRouter(ctx: AppContext, auth: AppAuthenticator, options: { awaitPreviewMs: number }): Router {
  const router = Router();
  router.use(auth.requireAgent());

  router.get('/previews/latest', async (_req, res, next) => {
    try {
      const preview = await latestScannedPreview(ctx.db);
      if (!preview) throw new HttpError(404, 'not_found', 'No retention preview yet; an admin can start a dry run with POST /api/v1/retention/previews.');
      res.json(await previewResponse(ctx, preview));
    } catch (error) {
      next(error);
    }
  });

  // What the admin page polls while a dry run is scanning.
  router.get('/previews/:id', async (req, res, next) => {
    try {
      const preview = await getPreview(ctx.db, previewIdOf(req));
      if (!preview) throw new HttpError(404, 'not_found', 'No retention preview with this id.');
      res.json(await previewResponse(ctx, preview));
    } catch (error) {
      next(error);
    }
  });

  // A dry run: queued as a sweep job; answered with the preview when it finishes in time, else 202.
  // While one is scanning, another request joins it instead of queueing a second full scan of the
  // account (two admins, or a retried click); the lock makes that check and the insert one step.
  router.post('/previews', requireAdmin(), async (_req, res, next) => {
    try {
      const preview = await ctx.db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [DRY_RUN_LOCK]);
        const running = await scanningPreviewSince(tx, new Date(ctx.now().getTime() - JOIN_SCANNING_WITHIN_MS));
        if (running) return running;
        const created = await createPreview(ctx, { trigger: 'admin', requestedBy: actorOf(res) }, tx);
        await ctx.queue.enqueue('retention-sweep', { previewId: created.id }, { tx, id: deterministicJobId(`retention-sweep:preview:${created.id}`) });
        await ctx.audit.append({ actor: actorOf(res), action: 'retention.dry_run_requested', clause: 'C15', outcome: 'queued', details: { previewId: created.id } }, tx);
        return created;
      });
      const deadline = Date.now() + options.awaitPreviewMs;
      let current = preview;
      while (current.status === 'scanning' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        current = (await getPreview(ctx.db, preview.id)) ?? current;
      }
      res.status(current.status === 'scanning' ? 202 : 201).json(await previewResponse(ctx, current));
    } catch (error) {
      next(error);
    }
  });

  router.post('/previews/:id/approve', requireAdmin(), async (req, res, next) => {
    try {
      const { preview } = await approvePreview(ctx, previewIdOf(req), actorOf(res), { enqueue: true });
      res.json(await previewResponse(ctx, preview));
    } catch (error) {
      next(error);
    }
  });

  return router;
}
