import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('appointment_id', 'text', (c) => c.references('appointments.id'))
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_patient_idx').on('visits').columns(['patient_id', 'visit_date']).execute();
  await db.schema.createIndex('visits_centre_date_idx').on('visits').columns(['centre_id', 'visit_date']).execute();
  // One exam per appointment.
  await db.schema.createIndex('visits_appointment_uq').on('visits').column('appointment_id').unique().execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('centre_id', 'text', (c) => c.notNull())
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('segment', 'text')
    .addColumn('nerve_root', 'text')
    .addColumn('side', 'text')
    .execute();
  await db.schema.createIndex('findings_visit_idx').on('findings').column('visit_id').execute();
  await db.schema.createIndex('findings_centre_date_idx').on('findings').columns(['centre_id', 'visit_date']).execute();

  await db.schema
    .createTable('outcome_scores')
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('centre_id', 'text', (c) => c.notNull())
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('outcome_scores_pk', ['visit_id', 'measure'])
    .execute();
  await db.schema.createIndex('outcome_scores_patient_idx').on('outcome_scores').columns(['patient_id', 'visit_date']).execute();

  await db.schema
    .createTable('visit_addenda')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visit_addenda_visit_idx').on('visit_addenda').column('visit_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['visit_addenda', 'outcome_scores', 'findings', 'visits']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
