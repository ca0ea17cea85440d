import { type Kysely, sql } from 'kysely';
import { engineOf } from '../engine';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('advice_modules')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('current_version_no', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('advice_module_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('module_key', 'text', (c) => c.notNull().references('advice_modules.key'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('reading_age', 'real', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('advice_module_versions_uq', ['module_key', 'version_no'])
    .execute();

  await db.schema
    .createTable('handouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('visit_id', 'text', (c) => c.references('visits.id'))
    .addColumn('centre_id', 'text', (c) => c.notNull().references('centres.id'))
    .addColumn('clinician_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('large_print', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('rendered_text', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('reading_age', 'real', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('handouts_patient_idx').on('handouts').columns(['patient_id', 'issued_at']).execute();
  await db.schema.createIndex('handouts_centre_issued_idx').on('handouts').columns(['centre_id', 'issued_at']).execute();

  await db.schema
    .createTable('handout_modules')
    .addColumn('handout_id', 'text', (c) => c.notNull().references('handouts.id'))
    .addColumn('module_key', 'text', (c) => c.notNull())
    .addColumn('centre_id', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('handout_modules_pk', ['handout_id', 'module_key'])
    .execute();
  await db.schema.createIndex('handout_modules_centre_issued_idx').on('handout_modules').columns(['centre_id', 'issued_at']).execute();

  await db.schema
    .createTable('handout_prints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handout_id', 'text', (c) => c.notNull().references('handouts.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('handout_prints_handout_idx').on('handout_prints').column('handout_id').execute();

  // What was handed to a patient never changes: the database refuses it, not just the routes.
  if (engineOf(db) === 'sqlite') {
    await sql`CREATE TRIGGER handouts_no_update BEFORE UPDATE OF snapshot, rendered_text, content_hash, issued_at ON handouts
      BEGIN SELECT RAISE(ABORT, 'issued handouts cannot be changed'); END`.execute(db);
  } else {
    await sql`CREATE FUNCTION handouts_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.snapshot IS DISTINCT FROM OLD.snapshot OR NEW.rendered_text IS DISTINCT FROM OLD.rendered_text
           OR NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.issued_at IS DISTINCT FROM OLD.issued_at THEN
          RAISE EXCEPTION 'issued handouts cannot be changed';
        END IF;
        RETURN NEW;
      END $$`.execute(db);
    await sql`CREATE TRIGGER handouts_no_update BEFORE UPDATE ON handouts FOR EACH ROW EXECUTE FUNCTION handouts_immutable()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`DROP TRIGGER IF EXISTS handouts_no_update ON handouts`.execute(db);
    await sql`DROP FUNCTION IF EXISTS handouts_immutable()`.execute(db);
  }
  for (const table of ['handout_prints', 'handout_modules', 'handouts', 'advice_module_versions', 'advice_modules']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
