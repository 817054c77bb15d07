import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import type { AppAuthenticator } from './app-auth.js';
import { processorRegistry } from '../policy/processors.js';

/** GET /api/v1/processors[?eea=true]: the processor registry (C12) with cross-border flags (C13). */
export function processorRoutes(ctx: AppContext, auth: AppAuthenticator): Router {
  const router = Router();
  router.get('/api/v1/processors', auth.requireAgent(), (req, res) => {
    res.json({ profileId: ctx.profile.id, processors: processorRegistry(ctx.profile, { inEea: req.query.eea === 'true' }) });
  });
  return router;
}
