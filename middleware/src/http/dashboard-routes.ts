import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { requireAdmin, type AppAuthenticator } from './app-auth.js';
import type { AdminDashboard, PrivacyRequest } from '../../../zendesk-app/src/api/contract.js';
import { processorRegistry } from '../policy/processors.js';
import { assumedValuesUnderReview } from '../profile-review/profile-review.js';

const DAY_MS = 86_400_000;

/** C13: known end users (staff excluded) by region, counted in the people store. */
async function peopleByRegion(ctx: AppContext): Promise<NonNullable<AdminDashboard['peopleByRegion']>> {
  const { rows } = await ctx.db.query<{ eea: number; non_eea: number; unknown: number }>(
    `SELECT count(*) FILTER (WHERE region = 'eea')::int AS eea, count(*) FILTER (WHERE region = 'non_eea')::int AS non_eea,
            count(*) FILTER (WHERE region IS NULL)::int AS unknown
     FROM people WHERE role IS NULL OR role = 'end-user'`,
  );
  const row = rows[0];
  return { eea: Number(row?.eea ?? 0), nonEea: Number(row?.non_eea ?? 0), unknown: Number(row?.unknown ?? 0) };
}
const iso = (value: unknown) => new Date(value as string).toISOString();

/** GET /api/v1/admin/dashboard: requests (open and overdue first), manual tasks, holds, and chart data. */
export function dashboardRoutes(ctx: AppContext, auth: AppAuthenticator): Router {
  const router = Router();
  router.get('/api/v1/admin/dashboard', auth.requireAgent(), requireAdmin(), async (_req, res, next) => {
    try {
      const now = ctx.now();
      const requestRows = await ctx.db.query<Record<string, unknown>>(
        // C13: the person's region from the people store (by key, else by Zendesk user id); never a vendor read per row.
        `SELECT r.*, p.display_name, COALESCE(p.region, pz.region) AS person_region FROM privacy_requests r
         LEFT JOIN people p ON p.person_key = r.person_key
         LEFT JOIN people pz ON pz.zendesk_user_id = r.zendesk_user_id AND pz.person_key <> r.person_key
         ORDER BY (r.status IN ('completed', 'refused', 'failed')), r.due_at LIMIT 200`,
      );
      const requests: PrivacyRequest[] = requestRows.rows.map((r) => {
        const open = !['completed', 'refused', 'failed'].includes(String(r.status));
        return {
          id: String(r.id),
          type: r.type as PrivacyRequest['type'],
          personKey: String(r.person_key),
          ...(r.display_name ? { displayName: String(r.display_name) } : {}),
          status: String(r.status),
          createdAt: iso(r.received_at),
          dueAt: iso(r.due_at),
          overdue: open && new Date(r.due_at as string).getTime() < now.getTime(),
          ...(r.completed_at ? { completedAt: iso(r.completed_at) } : {}),
          ...(r.ticket_id ? { ticketId: Number(r.ticket_id) } : {}),
          region: r.person_region === 'eea' || r.person_region === 'non_eea' ? r.person_region : 'unknown',
        };
      });
      requests.sort((a, b) => Number(b.overdue) - Number(a.overdue));
      const tasks = await ctx.db.query<Record<string, unknown>>(`SELECT * FROM manual_tasks ORDER BY (status = 'done'), due_at LIMIT 200`);
      const holds = await ctx.db.query<Record<string, unknown>>(
        `SELECT h.*, p.display_name FROM legal_holds h LEFT JOIN people p ON p.person_key = h.person_key
         WHERE h.lifted_at IS NULL AND (h.ends_at IS NULL OR h.ends_at > $1) ORDER BY h.starts_at DESC LIMIT 200`,
        [now.toISOString()],
      );
      const weekly = await ctx.db.query<{ week: unknown; type: string; n: number }>(
        `SELECT date_trunc('week', received_at) AS week, type, count(*)::int AS n FROM privacy_requests
         WHERE received_at > $1 GROUP BY 1, 2 ORDER BY 1`,
        [new Date(now.getTime() - 12 * 7 * DAY_MS).toISOString()],
      );
      const latestPreview = await ctx.db.query<{ counts: unknown }>('SELECT counts FROM retention_previews ORDER BY created_at DESC LIMIT 1');
      const counts = (typeof latestPreview.rows[0]?.counts === 'string' ? JSON.parse(latestPreview.rows[0].counts) : latestPreview.rows[0]?.counts) as Record<string, number> | undefined;
      const body: AdminDashboard = {
        // C12, C13: the processors, flagged as they apply to a person in the EEA.
        processors: processorRegistry(ctx.profile, { inEea: true }),
        // C13: how many known people are marked as in the EEA (and outside it); the rest are unknown.
        peopleByRegion: await peopleByRegion(ctx),
        // Issue 14: values the policy does not state, with their reason and any admin confirmation.
        assumedProfileValues: await assumedValuesUnderReview(ctx),
        requests,
        manualTasks: tasks.rows.map((t) => ({
          id: String(t.id),
          system: String(t.system),
          title: String(t.title),
          dueAt: iso(t.due_at),
          status: String(t.status),
          ...(t.request_id ? { requestId: String(t.request_id) } : {}),
        })),
        holds: holds.rows.map((h) => ({
          id: String(h.id),
          personKey: String(h.person_key),
          ...(h.display_name ? { displayName: String(h.display_name) } : {}),
          reason: String(h.reason),
          placedBy: String(h.placed_by),
          since: iso(h.starts_at),
          ...(h.ends_at ? { until: iso(h.ends_at) } : {}),
        })),
        charts: {
          requestsPerWeek: weekly.rows.map((w) => ({ weekStart: iso(w.week), type: w.type as PrivacyRequest['type'], count: Number(w.n) })),
          completionVsDeadline: requests
            .filter((r) => r.completedAt && r.createdAt)
            .map((r) => ({
              requestId: r.id,
              type: r.type,
              daysTaken: Math.max(0, Math.round(((Date.parse(r.completedAt!) - Date.parse(r.createdAt!)) / DAY_MS) * 10) / 10),
              deadlineDays: Math.max(1, Math.round((Date.parse(r.dueAt) - Date.parse(r.createdAt!)) / DAY_MS)),
            })),
          retentionOutcomes: {
            due: counts?.due ?? 0,
            held: counts?.held ?? 0,
            blocked: counts?.blocked ?? 0,
            active_elsewhere: counts?.active_elsewhere ?? 0,
            not_due: counts?.not_due ?? 0,
          },
        },
      };
      res.json(body);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
