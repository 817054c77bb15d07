import { join } from 'node:path';
import type { Database } from './database.js';
import { openPgliteDatabase } from './pglite-database.js';
import { openPostgresDatabase } from './postgres-database.js';
import { runMigrations } from './migrations.js';

/**
 * Opens the configured engine and brings its schema up to date. PGlite keeps its files in
 * `<DATA_DIR>/pglite`, leaving the rest of the data folder to exports and demo keys.
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir?: string; inMemory?: boolean }): Promise<Database> {
  const db = options.databaseUrl
    ? await openPostgresDatabase(options.databaseUrl)
    : await openPgliteDatabase(options.inMemory || !options.dataDir ? undefined : join(options.dataDir, 'pglite'));
  try {
    await runMigrations(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
