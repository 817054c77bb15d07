import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { requireAdmin, type AgentIdentity, type AppAuthenticator } from '../http/app-auth.js';
import { jsonBody } from '../http/json-body.js';
import { validateInput } from '../http/validate.js';
import { listPolicyVersions, publishPolicyVersion } from './change-notices.js';

const publishBody = z
  .object({
    version: z.string().min(1).max(200),
    /** What changed, in the words the people affected will read. */
    summary: z.string().min(10).max(5000),
    affectsRights: z.boolean(),
  })
  .strict();

/** C32 (admins): GET the versions with their notice progress; POST publishes the version in force. */
export function policyVersionRoutes(ctx: AppContext, auth: AppAuthenticator): Router {
  const router = Router();
  router.use('/api/v1/admin/policy-versions', ...jsonBody());
  router.get('/api/v1/admin/policy-versions', auth.requireAgent(), requireAdmin(), async (_req, res, next) => {
    try {
      res.json(await listPolicyVersions(ctx));
    } catch (error) {
      next(error);
    }
  });
  router.post('/api/v1/admin/policy-versions', auth.requireAgent(), requireAdmin(), async (req, res, next) => {
    try {
      const body = validateInput(publishBody, req.body);
      const agent = res.locals.agent as AgentIdentity;
      res.status(201).json(await publishPolicyVersion(ctx, { ...body, actor: `agent:${agent.userId}` }));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
