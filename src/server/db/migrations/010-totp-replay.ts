import type { Kysely } from 'kysely';

/*
 * The last two-factor time step each person signed in with: a code is refused when its step is
 * not newer, so one code cannot be used twice within the minute or so it stays valid.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').dropColumn('totp_last_step').execute();
}
