import { type Kysely, sql } from 'kysely';
import { engineOf } from '../engine';

/*
 * Analytics at a chain's scale (e2e/perf figure 10c: 90 days of 1,000,000 requests in ≤ 200 ms).
 * Aggregating the ~120,000 requests of 90 days on every view cost ~500 ms on SQLite, which has no
 * hash aggregate: each grouping sorts the range. Instead the counts analytics needs are kept per
 * centre and local date of arrival, by triggers in the same transaction as every change to a
 * request or to the status of the appointment it booked, so they are never stale:
 *
 * - request_daily_counts: per kind and source, how many arrived, were contacted (late), booked, and
 *   whose appointment was attended. Whether an uncontacted request is overdue depends on the time
 *   of the question, so those are counted at read time through requests_awaiting_contact_idx.
 * - request_hourly_counts: per weekday and hour of arrival.
 * - request_state_counts: per priority, status and outcome ('' for none: keys cannot be null).
 * - request_minutes_counts: minutes to first contact in 30-minute bins. The page's buckets are
 *   unions of bins, and a percentile is exact by reading only the requests of the bin it falls in.
 *
 * Only the rows analytics can see are counted: not quarantined, with a centre. The keys are the
 * local date, weekday and hour stored on the request in its centre's time zone, exactly the
 * columns analytics filtered and grouped on before, so every figure is unchanged across the
 * changes to and from summer time. Rows whose count fell to 0 stay, and reads skip them.
 */

/** Minutes to first contact are counted in bins this wide; every bucket edge the page shows is a multiple. */
const MINUTES_BIN = 30;

interface RollUp {
  table: string;
  /** Key columns and the expression over a request row (its alias given) that fills each. */
  keys: Record<string, (r: string) => string>;
  /** Count columns and the 0/1 expression over a request row that each adds. */
  counts: Record<string, (r: string) => string>;
  /** Which rows this roll-up counts, beyond the visible ones. */
  when?: (r: string) => string;
}

const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
const attended = (r: string) => `EXISTS (SELECT 1 FROM appointments WHERE appointments.id = ${r}.appointment_id AND appointments.status = 'attended')`;
const visible = (r: string) => `${r}.quarantined = 0 AND ${r}.centre_id IS NOT NULL`;
const byDate = { centre_id: (r: string) => `${r}.centre_id`, received_local_date: (r: string) => `${r}.received_local_date` };

const ROLL_UPS: RollUp[] = [
  {
    table: 'request_daily_counts',
    keys: { ...byDate, kind: (r) => `${r}.kind`, source: (r) => `${r}.source` },
    counts: {
      requests: () => '1',
      contacted: (r) => flag(`${r}.first_contact_at IS NOT NULL`),
      contacted_late: (r) => flag(`${r}.first_contact_at > ${r}.due_at`),
      booked: (r) => flag(`${r}.appointment_id IS NOT NULL`),
      attended: (r) => flag(attended(r)),
    },
  },
  {
    table: 'request_hourly_counts',
    keys: { ...byDate, received_weekday: (r) => `${r}.received_weekday`, received_local_hour: (r) => `${r}.received_local_hour` },
    counts: { requests: () => '1' },
  },
  {
    table: 'request_state_counts',
    keys: { ...byDate, priority: (r) => `${r}.priority`, status: (r) => `${r}.status`, outcome: (r) => `COALESCE(${r}.outcome, '')` },
    counts: { requests: () => '1' },
  },
  {
    table: 'request_minutes_counts',
    keys: { ...byDate, minutes_from: (r) => minutesBin(`${r}.first_contact_business_minutes`) },
    counts: { requests: () => '1' },
    when: (r) => `${r}.first_contact_business_minutes IS NOT NULL`,
  },
];

/** The lower edge of the bin holding a minutes value (the same SQL on both engines, also used by analytics). */
export function minutesBin(column: string): string {
  return `floor(${column} / ${MINUTES_BIN}) * ${MINUTES_BIN}`;
}

/** Every column a roll-up reads from a request: a change to any other leaves the counts alone. */
const REQUEST_COLUMNS = ['centre_id', 'quarantined', 'received_local_date', 'received_weekday', 'received_local_hour', 'kind', 'source',
  'priority', 'status', 'outcome', 'first_contact_at', 'due_at', 'appointment_id', 'first_contact_business_minutes'];

function upsert(rollUp: RollUp, select: string): string {
  const keys = Object.keys(rollUp.keys);
  const counts = Object.keys(rollUp.counts);
  return `INSERT INTO ${rollUp.table} (${[...keys, ...counts].join(', ')}) ${select}
    ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${counts.map((c) => `${c} = ${rollUp.table}.${c} + excluded.${c}`).join(', ')}`;
}

/** Adds (sign 1) or takes away (sign -1) one request row's share of a roll-up. */
function applyRow(rollUp: RollUp, row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const values = [
    ...Object.values(rollUp.keys).map((key) => key(row)),
    ...Object.values(rollUp.counts).map((count) => `${sign} * (${count(row)})`),
  ];
  const when = [visible(row), rollUp.when?.(row)].filter(Boolean).join(' AND ');
  return upsert(rollUp, `SELECT ${values.join(', ')} WHERE ${when}`);
}

/** Follows an appointment's status (sign -1 for its old row, 1 for its new) into the daily attended counts. */
function applyAppointment(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const daily = ROLL_UPS[0]!;
  const keys = Object.keys(daily.keys);
  const values = Object.keys(daily.counts).map((c) => (c === 'attended' ? `${sign} * COUNT(*)` : '0'));
  return upsert(daily, `SELECT ${[...keys, ...values].join(', ')} FROM requests
    WHERE requests.appointment_id = ${row}.id AND ${row}.status = 'attended' AND ${visible('requests')}
    GROUP BY ${keys.join(', ')}`);
}

function backfill(rollUp: RollUp): string {
  const keys = Object.entries(rollUp.keys).map(([name, key]) => `${key('requests')} AS ${name}`);
  const counts = Object.entries(rollUp.counts).map(([name, count]) => `SUM(${count('requests')}) AS ${name}`);
  const when = [visible('requests'), rollUp.when?.('requests')].filter(Boolean).join(' AND ');
  return `INSERT INTO ${rollUp.table} SELECT ${[...keys, ...counts].join(', ')} FROM requests WHERE ${when}
    GROUP BY ${Object.values(rollUp.keys).map((key) => key('requests')).join(', ')}`;
}

/** What a trigger does: take away the old row's share (OLD) and add the new row's (NEW). */
interface Follow { remove: string[]; add: string[] }
const FOLLOW_REQUESTS: Follow = { remove: ROLL_UPS.map((r) => applyRow(r, 'OLD', -1)), add: ROLL_UPS.map((r) => applyRow(r, 'NEW', 1)) };
const FOLLOW_APPOINTMENTS: Follow = { remove: [applyAppointment('OLD', -1)], add: [applyAppointment('NEW', 1)] };

/** Row triggers on both engines: AFTER each insert, delete and update of the given columns. */
async function createTriggers(db: Kysely<any>, table: string, columns: string[], follow: Follow): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    const events = { insert: follow.add, delete: follow.remove, update: [...follow.remove, ...follow.add] };
    for (const [op, statements] of Object.entries(events)) {
      const event = op === 'update' ? `UPDATE OF ${columns.join(', ')}` : op.toUpperCase();
      await sql.raw(`CREATE TRIGGER ${table}_counts_${op} AFTER ${event} ON ${table} BEGIN ${statements.join(';\n')}; END`).execute(db);
    }
  } else {
    await sql.raw(`CREATE FUNCTION ${table}_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF TG_OP <> 'INSERT' THEN ${follow.remove.join(';\n')}; END IF;
      IF TG_OP <> 'DELETE' THEN ${follow.add.join(';\n')}; END IF;
      RETURN NULL; END $$`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_counts AFTER INSERT OR DELETE OR UPDATE OF ${columns.join(', ')} ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${table}_counts_follow()`).execute(db);
  }
}

async function dropTriggers(db: Kysely<any>, table: string): Promise<void> {
  if (engineOf(db) === 'sqlite') {
    for (const op of ['insert', 'delete', 'update']) await sql.raw(`DROP TRIGGER IF EXISTS ${table}_counts_${op}`).execute(db);
  } else {
    await sql.raw(`DROP TRIGGER IF EXISTS ${table}_counts ON ${table}`).execute(db);
    await sql.raw(`DROP FUNCTION IF EXISTS ${table}_counts_follow()`).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const rollUp of ROLL_UPS) {
    let table = db.schema.createTable(rollUp.table);
    for (const key of Object.keys(rollUp.keys)) {
      table = table.addColumn(key, ['minutes_from', 'received_weekday', 'received_local_hour'].includes(key) ? 'integer' : 'text', (c) => c.notNull());
    }
    for (const count of Object.keys(rollUp.counts)) table = table.addColumn(count, 'integer', (c) => c.notNull());
    await table.addPrimaryKeyConstraint(`${rollUp.table}_pk`, Object.keys(rollUp.keys) as never).execute();
    await sql.raw(backfill(rollUp)).execute(db);
  }
  // The appointment triggers find the requests that booked it; analytics finds the uncontacted ones.
  // That index holds the columns of its own condition too: without them SQLite does not see that
  // it covers the query, and reads the whole range from requests_analytics_idx instead (18 ms
  // against 0.2 for 90 days of 1,000,000 requests).
  await db.schema.createIndex('requests_appointment_idx').on('requests').column('appointment_id').execute();
  await db.schema.createIndex('requests_awaiting_contact_idx').on('requests')
    .columns(['centre_id', 'quarantined', 'received_local_date', 'first_contact_at', 'due_at'])
    .where(sql.ref('first_contact_at'), 'is', null).where(sql.ref('quarantined'), '=', 0).execute();

  // The exact minutes of a bin in a date range, read without the rest of the range (5 ms instead
  // of 40 for 90 days of 1,000,000 requests): keyed by the bin, the same expression analytics uses.
  await sql.raw(`CREATE INDEX requests_minutes_bin_idx ON requests (centre_id, quarantined,
    (${minutesBin('first_contact_business_minutes')}), received_local_date, first_contact_business_minutes)`).execute(db);
  // Attended and did-not-attend counted from the index alone, without a table read per appointment
  // (20 ms to 5 for 90 days of 200,000). It serves every query the index it replaces served.
  await db.schema.createIndex('appointments_centre_start_status_idx').on('appointments').columns(['centre_id', 'start_at', 'status']).execute();
  await db.schema.dropIndex('appointments_centre_start_idx').execute();

  await createTriggers(db, 'requests', REQUEST_COLUMNS, FOLLOW_REQUESTS);
  await createTriggers(db, 'appointments', ['id', 'status'], FOLLOW_APPOINTMENTS);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTriggers(db, 'appointments');
  await dropTriggers(db, 'requests');
  await db.schema.createIndex('appointments_centre_start_idx').on('appointments').columns(['centre_id', 'start_at']).execute();
  await db.schema.dropIndex('appointments_centre_start_status_idx').execute();
  await db.schema.dropIndex('requests_minutes_bin_idx').execute();
  await db.schema.dropIndex('requests_awaiting_contact_idx').execute();
  await db.schema.dropIndex('requests_appointment_idx').execute();
  for (const rollUp of [...ROLL_UPS].reverse()) await db.schema.dropTable(rollUp.table).execute();
}
