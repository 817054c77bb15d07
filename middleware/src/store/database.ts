/**
 * One small interface over both engines: PGlite (PostgreSQL in WebAssembly, embedded, the
 * default) and PostgreSQL through `pg` (when DATABASE_URL is set). The SQL is the same on both.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Something that runs SQL: the database itself or an open transaction. */
export interface SqlExecutor {
  /** `name` prepares the statement once per connection on PostgreSQL (hot paths); PGlite ignores it. */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: { name?: string }): Promise<QueryResult<Row>>;
  /** Runs several statements without parameters (migrations, pg-boss DDL). */
  exec(text: string): Promise<void>;
}

export interface Database extends SqlExecutor {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `work` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding an exclusive lock named by `key` across processes (a PostgreSQL
   * session advisory lock); `work` uses the database normally. On PGlite (one process owns the
   * database) only callers in this process can compete, and the caller serialises them itself.
   */
  withExclusiveLock<T>(key: number, work: () => Promise<T>): Promise<T>;
  /** Cheap liveness probe for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type { SqlExecutor as Sql };
