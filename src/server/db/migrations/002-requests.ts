import { type Kysely, sql } from 'kysely';

/** Requests, their call attempts and their history (issue 3). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('callback', 'appointment')`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('web-form', 'phone', 'walk-in', 'staff')`))
    .addColumn('centre_id', 'text', (c) => c.references('centres.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_norm', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('phone_e164', 'text')
    .addColumn('email', 'text')
    .addColumn('email_norm', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('preferences', 'text', (c) => c.notNull())
    .addColumn('consent', 'integer', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('emergency', 'urgent', 'routine')`))
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('red_flags', 'text', (c) => c.notNull())
    .addColumn('flags_acknowledged_at', 'text')
    .addColumn('flags_acknowledged_by', 'text', (c) => c.references('staff.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('new', 'in-progress', 'closed')`))
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('holder_id', 'text', (c) => c.references('staff.id'))
    .addColumn('held_at', 'text')
    .addColumn('hold_expires_at', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_local_date', 'text', (c) => c.notNull())
    .addColumn('received_local_hour', 'integer', (c) => c.notNull())
    .addColumn('received_weekday', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('first_contact_at', 'text')
    .addColumn('attempt_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_attempt_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_attempt_at', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('match_kind', 'text')
    .addColumn('match_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('matches', 'text', (c) => c.notNull().defaultTo('{"patients":[],"requests":[]}'))
    .addColumn('patient_id', 'text')
    .addColumn('appointment_id', 'text')
    .addColumn('duplicate_of', 'text', (c) => c.references('requests.id'))
    .addColumn('quarantined', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quarantine_reason', 'text')
    .addColumn('client_key', 'text')
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The queue's default order (emergency first, then due time) over open, non-quarantined rows.
  await db.schema.createIndex('requests_queue_idx').on('requests').columns(['quarantined', 'status', 'priority_rank', 'due_at']).execute();
  await db.schema.createIndex('requests_centre_queue_idx').on('requests').columns(['centre_id', 'quarantined', 'status', 'priority_rank', 'due_at']).execute();
  // Date ranges for lists and analytics.
  await db.schema.createIndex('requests_received_idx').on('requests').column('received_at').execute();
  await db.schema.createIndex('requests_centre_local_date_idx').on('requests').columns(['centre_id', 'received_local_date']).execute();
  // Matching and search.
  await db.schema.createIndex('requests_phone_idx').on('requests').columns(['phone_e164', 'received_at']).execute();
  await db.schema.createIndex('requests_email_idx').on('requests').columns(['email_norm', 'received_at']).execute();
  await db.schema.createIndex('requests_name_idx').on('requests').columns(['name_norm', 'received_at']).execute();
  await db.schema.createIndex('requests_holder_idx').on('requests').column('holder_id').execute();
  await db.schema.createIndex('requests_patient_idx').on('requests').column('patient_id').execute();
  // The per-address rate limit counts recent submissions by sender.
  await db.schema.createIndex('requests_client_idx').on('requests').columns(['client_key', 'received_at']).execute();

  await db.schema
    .createTable('request_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('no-answer', 'voicemail', 'spoke', 'wrong-number')`))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_attempts_request_idx').on('request_attempts').columns(['request_id', 'at']).execute();
  await db.schema.createIndex('request_attempts_at_idx').on('request_attempts').column('at').execute();

  await db.schema
    .createTable('request_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('staff.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('request_history_request_idx').on('request_history').columns(['request_id', 'seq']).unique().execute();
  await db.schema.createIndex('request_history_at_idx').on('request_history').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['request_history', 'request_attempts', 'requests']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
