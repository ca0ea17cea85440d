import { type Kysely, type Migration, Migrator } from 'kysely';
import * as foundation from './migrations/001-foundation';

/** Every migration in order. A new feature appends its file here; names never change once shipped. */
export const migrations: Record<string, Migration> = {
  '001-foundation': foundation,
};

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error } = await migrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** Undo every migration, newest first (used by the migration tests). */
export async function migrateDownAll(db: Kysely<any>): Promise<void> {
  const m = migrator(db);
  for (;;) {
    const { error, results } = await m.migrateDown();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    if (!results || results.length === 0) return;
  }
}
