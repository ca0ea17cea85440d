import { type Kysely, sql } from 'kysely';
import { engineOf } from '../engine';

/*
 * PostgreSQL row triggers do not fire on TRUNCATE, so the append-only audit log also needs a
 * statement trigger for it. (SQLite has no TRUNCATE; its DELETE trigger already covers it.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events`.execute(db);
}
