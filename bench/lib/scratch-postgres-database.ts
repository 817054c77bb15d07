import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throw-away database on a PostgreSQL server, so a benchmark never touches existing data. */
export interface ScratchPostgresDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates `bench_<random>` on the server `adminUrl` points to; same approach as test/helpers/test-database.ts. */
export async function createScratchPostgresDatabase(adminUrl: string, prefix = 'bench'): Promise<ScratchPostgresDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end().catch(() => undefined);
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
