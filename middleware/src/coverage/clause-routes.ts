import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import type { AppAuthenticator } from '../http/app-auth.js';
import { clauseCoverage, type ClauseCoverage } from './clause-coverage.js';

/**
 * GET /api/v1/clauses: the same table as `npm run cli -- clauses`. Computed from the source
 * where it is present (demo, development); a deployment without sources serves the file
 * `npm run cli -- clauses --write assets/clause-coverage.json` wrote at build time.
 */
export function clauseRoutes(auth: AppAuthenticator, root = process.cwd()): Router {
  const router = Router();
  let cached: ClauseCoverage[] | undefined;
  router.get('/api/v1/clauses', auth.requireAgent(), (_req, res) => {
    if (!cached) {
      const built = join(root, 'assets', 'clause-coverage.json');
      cached = existsSync(join(root, 'middleware', 'src')) ? clauseCoverage(root) : existsSync(built) ? (JSON.parse(readFileSync(built, 'utf8')) as ClauseCoverage[]) : [];
    }
    // The page shows where each clause is enforced and proven, not every line: five of each is plenty.
    res.json(cached.map((c) => ({ ...c, code: c.code.slice(0, 5), tests: c.tests.slice(0, 3) })));
  });
  return router;
}
