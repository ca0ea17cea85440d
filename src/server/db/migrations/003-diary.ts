import { type Kysely, sql } from 'kysely';

/** Fixed ids so demo data, tests and other areas can name the two standard types. */
export const NEW_PATIENT_EXAM_TYPE_ID = '00000000-0000-4000-8000-000000000301';
export const FOLLOW_UP_TYPE_ID = '00000000-0000-4000-8000-000000000302';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('patients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('name_norm', 'text')
    .addColumn('date_of_birth', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone_e164', 'text')
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email_norm', 'text')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('gp_practice', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('nhs_number', 'text')
    .addColumn('large_print', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('language', 'text')
    .addColumn('communication_other', 'text')
    .addColumn('contact_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into', 'text', (c) => c.references('patients.id'))
    .addColumn('merged_at', 'text')
    .addColumn('anonymised_at', 'text')
    .addColumn('anonymised_reason', 'text')
    .addColumn('anonymised_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patients_centre_name_idx').on('patients').columns(['centre_id', 'family_name', 'given_name']).execute();
  await db.schema.createIndex('patients_name_norm_idx').on('patients').column('name_norm').execute();
  await db.schema.createIndex('patients_phone_idx').on('patients').column('phone_e164').execute();
  await db.schema.createIndex('patients_email_idx').on('patients').column('email_norm').execute();
  await db.schema.createIndex('patients_nhs_idx').on('patients').column('nhs_number').execute();
  await db.schema.createIndex('patients_dob_idx').on('patients').column('date_of_birth').execute();

  await db.schema
    .createTable('patient_merges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survivor_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('merged_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'text')
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patient_merges_survivor_idx').on('patient_merges').column('survivor_id').execute();
  await db.schema.createIndex('patient_merges_merged_idx').on('patient_merges').column('merged_id').execute();

  await db.schema
    .createTable('clinician_hours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 0 and 6`))
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('clinician_hours_order', sql`start_time < end_time`)
    .execute();
  await db.schema.createIndex('clinician_hours_clinician_idx').on('clinician_hours').columns(['clinician_id', 'centre_id', 'weekday']).execute();

  await db.schema
    .createTable('appointment_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes between 5 and 240`))
    .addColumn('new_patient', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await db.insertInto('appointment_types').values([
    { id: NEW_PATIENT_EXAM_TYPE_ID, name: 'New patient exam', minutes: 45, new_patient: 1, active: 1, version: 1, created_at: now, updated_at: now },
    { id: FOLLOW_UP_TYPE_ID, name: 'Follow-up', minutes: 20, new_patient: 0, active: 1, version: 1, created_at: now, updated_at: now },
  ]).execute();

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('type_id', 'text', (c) => c.notNull().references('appointment_types.id'))
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('booked', 'cancelled', 'attended', 'did-not-attend')`))
    .addColumn('request_id', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('appointments_order', sql`start_at < end_at`)
    .execute();
  await db.schema.createIndex('appointments_clinician_start_idx').on('appointments').columns(['clinician_id', 'start_at']).execute();
  await db.schema.createIndex('appointments_centre_start_idx').on('appointments').columns(['centre_id', 'start_at']).execute();
  await db.schema.createIndex('appointments_patient_idx').on('appointments').columns(['patient_id', 'start_at']).execute();
  await db.schema.createIndex('appointments_request_idx').on('appointments').column('request_id').execute();
  // A last line of defence under the booking transaction's overlap check: never two live
  // bookings starting at the same moment for one clinician.
  await db.schema.createIndex('appointments_clinician_start_booked_uq').on('appointments')
    .columns(['clinician_id', 'start_at']).unique().where(sql.ref('status'), '=', 'booked').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['appointments', 'appointment_types', 'clinician_hours', 'patient_merges', 'patients']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
