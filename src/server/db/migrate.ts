import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { engineOf } from './engine';
import * as foundation from './migrations/001-foundation';
import * as requests from './migrations/002-requests';
import * as diary from './migrations/003-diary';
import * as visits from './migrations/004-visits';
import * as handouts from './migrations/005-handouts';
import * as analytics from './migrations/006-analytics';
import * as openQueueIndex from './migrations/007-open-queue-index';
import * as auditNoTruncate from './migrations/008-audit-no-truncate';
import * as analyticsIndexes from './migrations/009-analytics-indexes';
import * as totpReplay from './migrations/010-totp-replay';
import * as requestCounts from './migrations/011-request-counts';

/** Every migration in order. A new feature appends its file here; names never change once shipped. */
export const migrations: Record<string, Migration> = {
  '001-foundation': foundation,
  '002-requests': requests,
  '003-diary': diary,
  '004-visits': visits,
  '005-handouts': handouts,
  '006-analytics': analytics,
  '007-open-queue-index': openQueueIndex,
  '008-audit-no-truncate': auditNoTruncate,
  '009-analytics-indexes': analyticsIndexes,
  '010-totp-replay': totpReplay,
  '011-request-counts': requestCounts,
  // Next migration here: one line each, in order.
};

/**
 * On PostgreSQL the migration tables are pinned to the connection's current schema. Without this,
 * Kysely looks for its table in every schema of the database, so a second Clinic Desk (or any other
 * Kysely app) in another schema of the same database makes it skip creating its own and then fail.
 */
async function migrator(db: Kysely<any>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (engineOf(db) === 'postgres') {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema ?? undefined;
  }
  return new Migrator({ db, migrationTableSchema, provider: { getMigrations: async () => migrations } });
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error } = await (await migrator(db)).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** Undo every migration, newest first (used by the migration tests). */
export async function migrateDownAll(db: Kysely<any>): Promise<void> {
  const m = await migrator(db);
  for (;;) {
    const { error, results } = await m.migrateDown();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    if (!results || results.length === 0) return;
  }
}
