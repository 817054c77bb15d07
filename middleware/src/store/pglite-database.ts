import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, QueryResult, SqlExecutor } from './database.js';

type PgliteRunner = Pick<PGlite, 'query' | 'exec'> | Transaction;

/** Like pg's rowCount: rows returned for statements that return rows, else rows affected. */
function rowCountOf(result: { rows: unknown[]; fields: unknown[]; affectedRows?: number }): number {
  return result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0);
}

function executorFor(runner: PgliteRunner): SqlExecutor {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      // PGlite's extended protocol takes one statement; parameterless text (pg-boss sends
      // multi-statement DDL) goes through the simple protocol.
      if (params.length === 0) {
        const results = await runner.exec(text);
        const last = results[results.length - 1];
        return { rows: (last?.rows ?? []) as Row[], rowCount: last ? rowCountOf(last) : 0 };
      }
      const result = await runner.query<Row>(text, params as unknown[]);
      return { rows: result.rows, rowCount: rowCountOf(result) };
    },
    async exec(text: string): Promise<void> {
      await runner.exec(text);
    },
  };
}

/** Embedded PostgreSQL persisted in `dataDir` (or in memory when `dataDir` is undefined). */
export async function openPgliteDatabase(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const base = executorFor(db);
  let closed = false;
  return {
    engine: 'pglite',
    ...base,
    // PGlite serialises top-level queries behind open transactions, so this is a real transaction.
    transaction: <T>(work: (tx: SqlExecutor) => Promise<T>) => db.transaction((tx) => work(executorFor(tx))),
    withExclusiveLock: <T>(_key: number, work: () => Promise<T>) => work(),
    async ping() {
      if (closed) throw new Error('embedded database is closed');
      await db.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
