import { openDatabase } from '../../../middleware/src/store/open-database.js';
import { AuditLedger } from '../../../middleware/src/store/audit-ledger.js';
import type { SandboxServer } from '../../../middleware/src/sandbox/index.js';
import type { CcTicket } from './cc-world.js';
import type { SenderTally } from './zendesk-sender.js';

/** Figures read from the database once the middleware has stopped. */
export interface StoredFigures {
  inboxRows: number;
  jobsRun: number;
  auditEntries: number;
}

/** Inbox rows not yet processed, asked of the running child (it may own the database: PGlite). */
export async function unprocessedInbox(serviceUrl: string): Promise<number> {
  const counts = (await (await fetch(`${serviceUrl}/test-support/inbox`)).json()) as Record<string, number>;
  return Object.entries(counts).reduce((sum, [status, n]) => (status === 'processed' ? sum : sum + n), 0);
}

/**
 * The invariants after the last stop; each violation is one readable line.
 * - no acknowledged webhook lost: every delivery answered 200 is exactly one processed inbox row;
 * - no CC removed twice for one change: successful ticket updates per ticket <= changes made;
 * - nobody wrongly removed and nobody left: the kept CCs are all there, no unconsented one is;
 * - the audit chain verifies.
 */
export async function checkCcInvariants(input: {
  env: Record<string, string>;
  sandbox: SandboxServer;
  tickets: CcTicket[];
  tally: SenderTally;
}): Promise<{ violations: string[]; figures: StoredFigures }> {
  const { env, sandbox, tickets, tally } = input;
  const violations: string[] = [...tally.refused.map((r) => `webhook not acknowledged: ${r}`)];
  const db = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR });
  try {
    const { rows } = await db.query<{ event_key: string; status: string }>(`SELECT event_key, status FROM webhook_inbox WHERE vendor = 'zendesk'`);
    const stored = new Map(rows.map((r) => [r.event_key, r.status]));
    for (const key of tally.acknowledged) {
      const status = stored.get(key);
      if (status === undefined) violations.push(`acknowledged webhook ${key} has no inbox row (lost)`);
      else if (status !== 'processed') violations.push(`acknowledged webhook ${key} is ${status}, not processed`);
    }
    for (const row of rows) if (row.status !== 'processed') violations.push(`inbox row ${row.event_key} left ${row.status}`);

    const updates = sandbox.sandbox.requestLog
      .filter({ vendor: 'zendesk', method: 'PUT', endpoint: 'PUT /api/v2/tickets/{id}' })
      .filter((e) => e.status >= 200 && e.status < 300);
    const updatesByTicket = new Map<number, number>();
    const updateTimes = new Map<number, string[]>();
    for (const e of updates) {
      const id = Number(/\/tickets\/(\d+)/.exec(e.path)![1]);
      updatesByTicket.set(id, (updatesByTicket.get(id) ?? 0) + 1);
      updateTimes.set(id, [...(updateTimes.get(id) ?? []), new Date(e.timeMs).toISOString()]);
    }
    const state = sandbox.sandbox.state.zendesk;
    for (const ticket of tickets) {
      const made = updatesByTicket.get(ticket.id) ?? 0;
      if (made > ticket.changes) violations.push(`ticket ${ticket.id}: ${made} CC removals for ${ticket.changes} changes (removed twice; updates at ${updateTimes.get(ticket.id)!.join(', ')})`);
      const ccs = state.tickets.get(ticket.id)!.email_cc_ids;
      for (const id of ticket.keep) if (!ccs.includes(id)) violations.push(`ticket ${ticket.id}: kept CC ${id} was removed (wrongly)`);
      for (const id of ticket.unconsented) if (ccs.includes(id)) violations.push(`ticket ${ticket.id}: unconsented CC ${id} is still there`);
    }

    const audit = await new AuditLedger(db, env.AUDIT_KEY!).verify();
    if (!audit.ok) violations.push(`audit chain broken: ${JSON.stringify(audit)}`);
    const removals = await db.query<{ subject_ref: string; n: number }>(
      `SELECT subject_ref, count(*)::int AS n FROM audit_ledger WHERE action = 'ticket.ccs_removed' GROUP BY subject_ref`,
    );
    for (const row of removals.rows) {
      const ticket = tickets.find((t) => `ticket:${t.id}` === row.subject_ref);
      if (ticket && row.n > ticket.changes) violations.push(`ticket ${ticket.id}: ${row.n} removal audit entries for ${ticket.changes} changes`);
    }
    const jobs = await db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM pgboss.job WHERE state = 'completed') + (SELECT count(*) FROM pgboss.archive WHERE state = 'completed') AS n`,
    );
    const entries = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_ledger`);
    return { violations, figures: { inboxRows: rows.length, jobsRun: Number(jobs.rows[0]!.n), auditEntries: Number(entries.rows[0]!.n) } };
  } finally {
    await db.close();
  }
}
