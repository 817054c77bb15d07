import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from 'express';
import type { AppAuthenticator } from '../http/app-auth.js';
import type { ClauseCoverage } from './clause-coverage.js';

/**
 * GET /api/v1/clauses: the same table as `npm run cli -- clauses` (enforcing code and mutation
 * score per clause). A deployment serves the file `npm run build` wrote; where the sources are
 * present (demo, development) it is computed from them and the last mutation report.
 */
export function clauseRoutes(auth: AppAuthenticator, root = process.cwd()): Router {
  const router = Router();
  let cached: Promise<ClauseCoverage[]> | undefined;
  const load = async (): Promise<ClauseCoverage[]> => {
    const built = join(root, 'assets', 'clause-coverage.json');
    if (existsSync(built)) return JSON.parse(readFileSync(built, 'utf8')) as ClauseCoverage[];
    if (!existsSync(join(root, 'middleware', 'src'))) return [];
    const [{ clauseCoverage }, { readMutationReport, MUTATION_REPORT_PATH }] = await Promise.all([import('./clause-coverage.js'), import('./mutation-report.js')]);
    return (await clauseCoverage(root, readMutationReport(join(root, MUTATION_REPORT_PATH)))).rows;
  };
  router.get('/api/v1/clauses', auth.requireAgent(), async (_req, res) => {
    cached ??= load().catch(() => []);
    // The page shows where each clause is enforced and proven, not every line: five of each is plenty.
    res.json((await cached).map((c) => ({ ...c, code: c.code.slice(0, 5), tests: c.tests.slice(0, 3) })));
  });
  return router;
}
