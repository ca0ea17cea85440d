import type { Kysely } from 'kysely';

/*
 * Time to first contact in business hours, stored per request so analytics can aggregate it in SQL.
 * It is computed by the same shared business-hours rules as the queue's clocks (src/shared/triage),
 * which SQL cannot express, and filled in for each request once it has been contacted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('requests').addColumn('first_contact_business_minutes', 'real').execute();
  await db.schema.createIndex('requests_local_date_idx').on('requests').columns(['received_local_date', 'centre_id']).execute();
  await db.schema.createIndex('requests_contact_pending_idx').on('requests').columns(['first_contact_business_minutes', 'first_contact_at']).execute();
  await db.schema.createIndex('findings_date_idx').on('findings').columns(['visit_date', 'centre_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('findings_date_idx').execute();
  await db.schema.dropIndex('requests_contact_pending_idx').execute();
  await db.schema.dropIndex('requests_local_date_idx').execute();
  await db.schema.alterTable('requests').dropColumn('first_contact_business_minutes').execute();
}
