import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { requireAdmin, type AppAuthenticator, type AgentIdentity } from './app-auth.js';

/** The audit ledger for the admin page (C29): recent entries, and a chain verification. */
export function auditRoutes(ctx: AppContext, auth: AppAuthenticator): Router {
  const router = Router();
  router.get('/api/v1/audit', auth.requireAgent(), requireAdmin(), async (req, res, next) => {
    try {
      const limit = Math.min(Math.max(Number(req.query.limit) || 50, 1), 500);
      const entries = await ctx.audit.recent(limit);
      res.json(entries.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, clause: e.clause ?? '', subjectRef: e.subjectRef ?? '', outcome: e.outcome, hash: e.hash })));
    } catch (error) {
      next(error);
    }
  });
  router.post('/api/v1/audit/verify', auth.requireAgent(), requireAdmin(), async (_req, res, next) => {
    try {
      const result = await ctx.audit.verify();
      await ctx.audit.append({ actor: `agent:${(res.locals.agent as AgentIdentity).userId}`, action: 'audit.verified', clause: 'C29', outcome: result.ok ? 'intact' : 'broken', details: { checked: result.checked, ...(result.ok ? {} : { firstBrokenSeq: result.firstBrokenSeq }) } });
      res.json(result.ok ? { ok: true, checked: result.checked } : { ok: false, checked: result.checked, firstBrokenSeq: result.firstBrokenSeq, reason: result.reason });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
