import pg from 'pg';
import type { Database, QueryResult, SqlExecutor } from './database.js';

// bigint (int8) columns come back as strings by default; our ids and counts fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));

function executorFor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<Row>(text: string, params: readonly unknown[] = [], options: { name?: string } = {}): Promise<QueryResult<Row>> {
      const result = options.name
        ? await client.query({ name: options.name, text, values: params as unknown[] })
        : params.length === 0
          ? await client.query(text)
          : await client.query(text, params as unknown[]);
      // A multi-statement simple query returns one result per statement; callers want the last.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: (last?.rows ?? []) as Row[], rowCount: last?.rowCount ?? 0 };
    },
    async exec(text: string): Promise<void> {
      await client.query(text);
    },
  };
}

/** PostgreSQL through a connection pool; several replicas may share one server. */
export async function openPostgresDatabase(connectionString: string, options: { max?: number } = {}): Promise<Database> {
  const max = options.max ?? 20;
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 });
  // A lock holder keeps one client for the lock while its work queries through the pool: at most
  // half the pool may hold locks, so concurrent lock holders never take every client and starve
  // their own work.
  const lockSlots = new Semaphore(Math.max(1, Math.floor(max / 2)));
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  // Nor may any other client: a server shutdown sends each connection a FATAL that a client with
  // no query running emits as 'error'; the pool only listens while a client is idle. A client so
  // hit is no longer queryable, so its next query fails and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  let closed = false;
  return {
    engine: 'postgres',
    ...executorFor(pool),
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // The pool listens for errors on idle clients only: a checked-out client whose connection
      // the server ends (restart, failover) between queries emits 'error' with no listener, which
      // crashes the process. Keep it here, and have the pool discard that client.
      let lost: Error | undefined;
      const onLost = (error: Error) => (lost = error);
      client.on('error', onLost);
      try {
        await client.query('BEGIN');
        const result = await work(executorFor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onLost);
        client.release(lost);
      }
    },
    async withExclusiveLock<T>(key: number, work: () => Promise<T>): Promise<T> {
      await lockSlots.acquire();
      const client = await pool.connect().catch((error: unknown) => {
        lockSlots.release();
        throw error;
      });
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
        }
      } finally {
        client.release();
        lockSlots.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** A counting semaphore: `acquire` waits while `limit` holders are in. */
class Semaphore {
  private held = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async acquire(): Promise<void> {
    if (this.held < this.limit) {
      this.held++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held--;
  }
}
