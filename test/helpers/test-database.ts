import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../middleware/src/store/database.js';
import { openDatabase } from '../../middleware/src/store/open-database.js';

/**
 * A fresh database per test file: PGlite in memory by default; when DATABASE_URL is set (as in
 * CI's second pass) a new PostgreSQL database on that server, dropped afterwards.
 */
export interface TestDatabase {
  db: Database;
  /** The connection string of the per-test PostgreSQL database, when on PostgreSQL. */
  url?: string;
  drop(): Promise<void>;
}

export function usingPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}

export async function createPostgresTestDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL!;
  const name = `pg_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (!usingPostgres()) {
    const db = await openDatabase({ inMemory: true });
    return { db, drop: () => db.close() };
  }
  const { url, drop } = await createPostgresTestDatabaseUrl();
  const db = await openDatabase({ databaseUrl: url });
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await drop();
    },
  };
}

/**
 * Database settings for a service started from environment variables (a child process, the CLI):
 * a scratch PostgreSQL database under DATABASE_URL, else a fresh PGlite folder. `drop` removes the
 * PostgreSQL one (the folder is left to the OS's temp cleaning, as testEnvironment's is).
 */
export async function freshDatabaseEnvironment(prefix: string): Promise<{ env: Record<string, string>; drop?: () => Promise<void> }> {
  if (usingPostgres()) {
    const pg = await createPostgresTestDatabaseUrl();
    return { env: { DATABASE_URL: pg.url }, drop: pg.drop };
  }
  return { env: { DATA_DIR: mkdtempSync(join(tmpdir(), `${prefix}-`)) } };
}
