/**
 * C32: the policy version in force, its publication by an admin, and the change notice to the
 * people whose rights it affects. The run pages through Zendesk's incremental user export, one
 * page per job; the cursor and every person's notice are stored, so a killed or retried job
 * resumes where it stopped and nobody is written to twice.
 */
import type { AppContext } from '../app-context.js';
import type { SqlExecutor } from '../store/database.js';
import type { ZendeskUser } from '../connectors/zendesk/schemas.js';
import { changeNoticeSkipReason, changeNoticeTag, changeNoticeText, type NoticeSkipReason } from '../policy/change-notice.js';
import { InvalidRequestError, NotFoundError } from '../errors.js';
import { isSuppressed } from '../referrals/referral-removal.js';

/** Users per job: one page of the export, so the rate budget and other work get a turn between pages. */
export const NOTICE_PAGE_SIZE = 100;

/** A policy version as the admin page shows it. */
export interface PolicyVersionView {
  version: string;
  inForce: boolean;
  firstInForceAt: string;
  publishedAt: string | null;
  publishedBy: string | null;
  affectsRights: boolean | null;
  summary: string | null;
  noticeStatus: 'unpublished' | 'not_needed' | 'sending' | 'done';
  noticesSent: number;
  noticesSkipped: number;
  noticesFinishedAt: string | null;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v instanceof Date ? v : String(v)).toISOString());

/** Records the profile's version as in force the first time this deployment runs it. */
export async function recordVersionInForce(ctx: AppContext): Promise<void> {
  const inserted = await ctx.db.query(
    `INSERT INTO policy_versions (version, profile_id, first_in_force_at) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING RETURNING version`,
    [ctx.profile.policyVersion, ctx.profile.id, ctx.now().toISOString()],
  );
  if (inserted.rowCount > 0) {
    await ctx.audit.append({ actor: 'privacy-guard', action: 'policy.version_in_force', clause: 'C32', subjectRef: `profile:${ctx.profile.id}`, outcome: 'recorded', details: { version: ctx.profile.policyVersion } });
  }
}

export async function listPolicyVersions(ctx: AppContext): Promise<PolicyVersionView[]> {
  const rows = await ctx.db.query<Record<string, unknown>>('SELECT * FROM policy_versions ORDER BY first_in_force_at DESC, version');
  return rows.rows.map((r) => ({
    version: String(r.version),
    inForce: r.version === ctx.profile.policyVersion,
    firstInForceAt: iso(r.first_in_force_at)!,
    publishedAt: iso(r.published_at),
    publishedBy: r.published_by === null ? null : String(r.published_by),
    affectsRights: r.affects_rights === null ? null : Boolean(r.affects_rights),
    summary: r.summary === null ? null : String(r.summary),
    noticeStatus: String(r.notice_status) as PolicyVersionView['noticeStatus'],
    noticesSent: Number(r.notices_sent),
    noticesSkipped: Number(r.notices_skipped),
    noticesFinishedAt: iso(r.notices_finished_at),
  }));
}

/**
 * An admin publishes the version in force: with `affectsRights`, notices go to the people it
 * affects (003: "If such revision affects user rights ... ISPsystem shall send notifications to
 * users via email"; 004: "For any major changes to the policy you will be notified via email").
 * Publishing the same version again changes nothing.
 */
export async function publishPolicyVersion(ctx: AppContext, input: { version: string; summary: string; affectsRights: boolean; actor: string }): Promise<PolicyVersionView> {
  if (input.version !== ctx.profile.policyVersion) {
    throw new InvalidRequestError(`Only the version in force can be published: the profile says "${ctx.profile.policyVersion}". Deploy the profile with the new policyVersion first, then publish it.`);
  }
  await recordVersionInForce(ctx);
  await ctx.db.transaction(async (tx) => {
    const updated = await tx.query(
      `UPDATE policy_versions SET published_at = $2, published_by = $3, affects_rights = $4, summary = $5, notice_status = $6
       WHERE version = $1 AND published_at IS NULL RETURNING version`,
      [input.version, ctx.now().toISOString(), input.actor, input.affectsRights, input.summary, input.affectsRights ? 'sending' : 'not_needed'],
    );
    if (updated.rowCount === 0) return;
    await ctx.audit.append(
      { actor: input.actor, action: 'policy.version_published', clause: 'C32', subjectRef: `profile:${ctx.profile.id}`, outcome: input.affectsRights ? 'notices_queued' : 'no_notice_needed', details: { version: input.version, affectsRights: input.affectsRights } },
      tx,
    );
    if (input.affectsRights) await enqueueNoticePage(ctx, input.version, 0, tx);
  });
  return (await listPolicyVersions(ctx)).find((v) => v.version === input.version)!;
}

async function enqueueNoticePage(ctx: AppContext, version: string, page: number, tx?: SqlExecutor): Promise<void> {
  // One job per page: the key makes a repeated enqueue of the same page (a retry, a restart) a no-op.
  await ctx.queue.enqueue('policy-notice', { version, page }, { ...(tx ? { tx } : {}), singletonKey: `policy-notice:${changeNoticeTag(version)}:${page}` });
}

/** On start: a run that was sending when the process stopped is queued again from its stored page. */
export async function resumeNoticeRuns(ctx: AppContext): Promise<number> {
  const rows = await ctx.db.query<{ version: string; notice_pages: number }>(`SELECT version, notice_pages FROM policy_versions WHERE notice_status = 'sending'`);
  for (const row of rows.rows) await enqueueNoticePage(ctx, row.version, Number(row.notice_pages));
  return rows.rows.length;
}

/** Job: one page of end users; a notice ticket for each person it affects, then the next page. */
export async function sendChangeNoticePage(ctx: AppContext, data: { version: string; page: number }): Promise<Record<string, unknown>> {
  const found = await ctx.db.query<Record<string, unknown>>('SELECT * FROM policy_versions WHERE version = $1', [data.version]);
  const run = found.rows[0];
  if (!run) throw new NotFoundError(`policy-notice: version ${data.version} is not recorded`);
  // A page already done (the job ran twice) or a finished run: nothing to do.
  if (run.notice_status !== 'sending' || Number(run.notice_pages) !== data.page) return { skipped: 'page_already_done' };
  const publishedAt = new Date(run.published_at instanceof Date ? run.published_at : String(run.published_at));
  const cursor = run.notice_cursor === null ? null : String(run.notice_cursor);
  const page = await ctx.vendors.zendesk.incrementalUsersPage(cursor ? { cursor } : { startTime: 0 }, NOTICE_PAGE_SIZE);
  const text = changeNoticeText(ctx.profile, data.version, String(run.summary ?? ''));
  let sent = 0;
  let skipped = 0;
  for (const user of page.items) {
    const outcome = await noticeOne(ctx, data.version, user, publishedAt, text);
    if (outcome === 'sent') sent += 1;
    else if (outcome === 'skipped') skipped += 1;
  }
  const finished = page.endOfStream || page.items.length === 0;
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `UPDATE policy_versions SET notice_cursor = $2, notice_pages = notice_pages + 1, notices_sent = notices_sent + $3, notices_skipped = notices_skipped + $4,
         notice_status = $5, notices_finished_at = $6 WHERE version = $1`,
      [data.version, page.afterCursor ?? cursor, sent, skipped, finished ? 'done' : 'sending', finished ? ctx.now().toISOString() : null],
    );
    if (finished) {
      const totals = await tx.query<{ sent: number; skipped: number }>(`SELECT notices_sent AS sent, notices_skipped AS skipped FROM policy_versions WHERE version = $1`, [data.version]);
      await ctx.audit.append({ actor: 'privacy-guard', action: 'policy.change_notices_sent', clause: 'C32', subjectRef: `profile:${ctx.profile.id}`, outcome: 'done', details: { version: data.version, sent: Number(totals.rows[0]!.sent), skipped: Number(totals.rows[0]!.skipped) } }, tx);
    } else {
      await enqueueNoticePage(ctx, data.version, data.page + 1, tx);
    }
  });
  return { page: data.page, sent, skipped, finished };
}

/** One person: skipped with a reason, or a notice ticket, recorded before and after the call. */
async function noticeOne(ctx: AppContext, version: string, user: ZendeskUser, publishedAt: Date, text: { subject: string; body: string }): Promise<'sent' | 'skipped' | 'already'> {
  const previous = await ctx.db.query<{ status: string }>('SELECT status FROM policy_change_notices WHERE version = $1 AND zendesk_user_id = $2', [version, user.id]);
  const status = previous.rows[0]?.status;
  if (status === 'sent' || status === 'skipped') return 'already';
  const state = await ctx.db.query<{ restricted: boolean; minor: boolean }>(`SELECT restricted, minor FROM people WHERE person_key = $1 OR zendesk_user_id = $2`, [`zendesk:${user.id}`, user.id]);
  const reason: NoticeSkipReason | null = changeNoticeSkipReason(
    {
      role: user.role ?? null,
      active: user.active ?? null,
      suspended: user.suspended ?? null,
      email: user.email ?? null,
      createdAt: user.created_at ?? null,
      userFields: user.user_fields ?? null,
      restricted: state.rows.some((r) => r.restricted || r.minor),
      suppressed: await isSuppressed(ctx, ctx.db, user.email),
    },
    ctx.profile,
    publishedAt,
    ctx.now(),
  );
  if (reason) {
    await ctx.db.query(`INSERT INTO policy_change_notices (version, zendesk_user_id, status, reason) VALUES ($1, $2, 'skipped', $3) ON CONFLICT DO NOTHING`, [version, user.id, reason]);
    return 'skipped';
  }
  const tag = changeNoticeTag(version);
  let ticketId: number | null = null;
  if (status === 'sending') {
    // The last try stopped between the call and its record: look for the ticket it may have made.
    for await (const ticket of ctx.vendors.zendesk.ticketsRequestedBy(user.id)) {
      if (((ticket as { tags?: unknown }).tags as string[] | undefined)?.includes(tag)) {
        ticketId = ticket.id;
        break;
      }
    }
  } else {
    await ctx.db.query(`INSERT INTO policy_change_notices (version, zendesk_user_id, status) VALUES ($1, $2, 'sending') ON CONFLICT DO NOTHING`, [version, user.id]);
  }
  if (ticketId === null) {
    // A public comment on a solved ticket: Zendesk e-mails it to the requester and nobody has to work it.
    const ticket = await ctx.vendors.zendesk.createTicket({ subject: text.subject, comment: { body: text.body, public: true }, requester_id: user.id, status: 'solved', tags: [tag, 'pg_policy_notice'] });
    ticketId = ticket.id;
  }
  await ctx.db.transaction(async (tx) => {
    await tx.query(`UPDATE policy_change_notices SET status = 'sent', ticket_id = $3, updated_at = now() WHERE version = $1 AND zendesk_user_id = $2`, [version, user.id, ticketId]);
    await ctx.audit.append({ actor: 'privacy-guard', action: 'policy.change_notice_sent', clause: 'C32', subjectRef: ctx.audit.subjectRefFor(`zendesk:${user.id}`), outcome: 'sent', details: { version, ticketId } }, tx);
  });
  return 'sent';
}
