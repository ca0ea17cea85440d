import type { Kysely } from 'kysely';
import { backfillFirstContactMinutes } from '../repositories/requests';

/*
 * Analytics at a chain's scale (e2e/perf figure 10: 1,000,000 requests).
 *
 * - Minutes to first contact are now stored by the write that sets first_contact_at, so the
 *   analytics request no longer looks for unfilled rows: the pending index goes, after a one-off
 *   fill of rows contacted before this version.
 * - The request aggregations read one index that holds every column they use, keyed by centre,
 *   quarantine and local date: a 30-day range is a few contiguous index ranges, with no lookup of
 *   the table row per request. It replaces both older date indexes, which it covers.
 * - findings, handout_modules and outcome_scores get date indexes that cover their aggregations.
 */
// Keyed first by the arrival columns analytics groups on, in the same order, so SQLite aggregates
// the range as it reads it instead of sorting it first (both engines: any order is correct).
const REQUESTS_ANALYTICS_COLUMNS = [
  'centre_id', 'quarantined', 'received_local_date', 'received_weekday', 'received_local_hour', 'kind', 'source',
  'priority', 'status', 'outcome', 'first_contact_business_minutes', 'first_contact_at', 'due_at', 'appointment_id',
];

export async function up(db: Kysely<any>): Promise<void> {
  await backfillFirstContactMinutes(db);
  await db.schema.dropIndex('requests_contact_pending_idx').execute();
  await db.schema.createIndex('requests_analytics_idx').on('requests').columns(REQUESTS_ANALYTICS_COLUMNS).execute();
  await db.schema.dropIndex('requests_local_date_idx').execute();
  await db.schema.dropIndex('requests_centre_local_date_idx').execute();

  await db.schema.createIndex('findings_analytics_idx').on('findings').columns(['centre_id', 'visit_date', 'type', 'region']).execute();
  await db.schema.dropIndex('findings_date_idx').execute();
  await db.schema.dropIndex('findings_centre_date_idx').execute();
  await db.schema.createIndex('handout_modules_analytics_idx').on('handout_modules').columns(['centre_id', 'issued_at', 'module_key']).execute();
  await db.schema.dropIndex('handout_modules_centre_issued_idx').execute();
  await db.schema.createIndex('outcome_scores_measure_date_idx').on('outcome_scores').columns(['measure', 'centre_id', 'visit_date', 'patient_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outcome_scores_measure_date_idx').execute();
  await db.schema.createIndex('handout_modules_centre_issued_idx').on('handout_modules').columns(['centre_id', 'issued_at']).execute();
  await db.schema.dropIndex('handout_modules_analytics_idx').execute();
  await db.schema.createIndex('findings_centre_date_idx').on('findings').columns(['centre_id', 'visit_date']).execute();
  await db.schema.createIndex('findings_date_idx').on('findings').columns(['visit_date', 'centre_id']).execute();
  await db.schema.dropIndex('findings_analytics_idx').execute();
  await db.schema.createIndex('requests_centre_local_date_idx').on('requests').columns(['centre_id', 'received_local_date']).execute();
  await db.schema.createIndex('requests_local_date_idx').on('requests').columns(['received_local_date', 'centre_id']).execute();
  await db.schema.dropIndex('requests_analytics_idx').execute();
  // The stored minutes stay: they are right, and the old lazy fill skips rows that have them.
  await db.schema.createIndex('requests_contact_pending_idx').on('requests').columns(['first_contact_business_minutes', 'first_contact_at']).execute();
}
