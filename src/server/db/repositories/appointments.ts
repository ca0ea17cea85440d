import { sql } from 'kysely';
import type { Appointment, AppointmentStatus } from '../../../shared/api/diary';
import { ANONYMISED_NAME } from '../../../shared/diary-labels';
import type { DbOrTrx } from '../database';
import { engineOf } from '../engine';
import { newId, nowIso } from '../time';

function appointmentView(db: DbOrTrx) {
  return db.selectFrom('appointments as a')
    .innerJoin('staff as s', 's.id', 'a.clinician_id')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('appointment_types as t', 't.id', 'a.type_id')
    .select([
      'a.id', 'a.centre_id', 'a.clinician_id', 's.name as clinician_name', 'a.patient_id', 'p.given_name', 'p.family_name',
      'p.anonymised_at', 'a.type_id', 't.name as type_name', 'a.start_at', 'a.end_at', 'a.status', 'a.request_id', 'a.version',
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof appointmentView>['execute']>>[number];

function toAppointment(row: ViewRow): Appointment {
  const patientName = row.anonymised_at ? `${ANONYMISED_NAME.givenName} ${ANONYMISED_NAME.familyName}` : `${row.given_name} ${row.family_name}`;
  return {
    id: row.id, centreId: row.centre_id, clinicianId: row.clinician_id, clinicianName: row.clinician_name,
    patientId: row.patient_id, patientName, typeId: row.type_id, typeName: row.type_name,
    start: row.start_at, end: row.end_at, status: row.status, requestId: row.request_id, version: Number(row.version),
  };
}

export async function findAppointment(db: DbOrTrx, id: string): Promise<Appointment | undefined> {
  const row = await appointmentView(db).where('a.id', '=', id).executeTakeFirst();
  return row && toAppointment(row);
}

export interface AppointmentFilter {
  centreIds?: string[];
  clinicianId?: string;
  patientIds?: string[];
  /** Instants: start_at in [from, to). */
  from?: string;
  to?: string;
  status?: AppointmentStatus[];
}

export async function listAppointments(db: DbOrTrx, filter: AppointmentFilter): Promise<Appointment[]> {
  let query = appointmentView(db);
  if (filter.centreIds) {
    if (filter.centreIds.length === 0) return [];
    query = query.where('a.centre_id', 'in', filter.centreIds);
  }
  if (filter.patientIds) {
    if (filter.patientIds.length === 0) return [];
    query = query.where('a.patient_id', 'in', filter.patientIds);
  }
  if (filter.clinicianId) query = query.where('a.clinician_id', '=', filter.clinicianId);
  if (filter.from) query = query.where('a.start_at', '>=', filter.from);
  if (filter.to) query = query.where('a.start_at', '<', filter.to);
  if (filter.status) query = query.where('a.status', 'in', filter.status);
  const rows = await query.orderBy('a.start_at').orderBy('s.name').execute();
  return rows.map(toAppointment);
}

/**
 * Serialises bookings for one clinician. On PostgreSQL the clinician's staff row is locked until
 * the transaction ends, so a second booking for them waits here and then sees the first one's
 * row. SQLite already runs one write transaction at a time.
 */
export async function lockClinician(trx: DbOrTrx, clinicianId: string): Promise<void> {
  if (engineOf(trx) === 'postgres') {
    await sql`SELECT id FROM staff WHERE id = ${clinicianId} FOR UPDATE`.execute(trx);
  }
}

/** The same for a patient's own bookings (taken after the clinician's lock, always in that order). */
export async function lockPatient(trx: DbOrTrx, patientId: string): Promise<void> {
  if (engineOf(trx) === 'postgres') {
    await sql`SELECT id FROM patients WHERE id = ${patientId} FOR UPDATE`.execute(trx);
  }
}

/** Booked appointments of the clinician (or patient) overlapping [start, end), except one. */
export async function overlapping(
  db: DbOrTrx, who: { clinicianId?: string; patientId?: string }, start: string, end: string, exceptId?: string,
): Promise<{ id: string; start_at: string; end_at: string }[]> {
  let query = db.selectFrom('appointments').select(['id', 'start_at', 'end_at'])
    .where('status', '=', 'booked').where('start_at', '<', end).where('end_at', '>', start);
  if (who.clinicianId) query = query.where('clinician_id', '=', who.clinicianId);
  if (who.patientId) query = query.where('patient_id', '=', who.patientId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.execute();
}

/** Booked intervals of these clinicians between two instants (for the slot finder). */
export async function busyTimes(db: DbOrTrx, clinicianIds: string[], from: string, to: string) {
  if (clinicianIds.length === 0) return [];
  const rows = await db.selectFrom('appointments').select(['clinician_id', 'start_at', 'end_at'])
    .where('status', '=', 'booked').where('clinician_id', 'in', clinicianIds)
    .where('start_at', '<', to).where('end_at', '>', from).execute();
  return rows.map((r) => ({ clinicianId: r.clinician_id, start: Date.parse(r.start_at), end: Date.parse(r.end_at) }));
}

export interface NewAppointment {
  centreId: string;
  clinicianId: string;
  patientId: string;
  typeId: string;
  start: string;
  end: string;
  status?: AppointmentStatus;
  requestId?: string | null;
  createdBy?: string | null;
  /** Demo data writes history; real bookings are stamped now. */
  createdAt?: string;
}

function appointmentValues(input: NewAppointment, id: string) {
  const now = input.createdAt ?? nowIso();
  return {
    id, centre_id: input.centreId, clinician_id: input.clinicianId, patient_id: input.patientId, type_id: input.typeId,
    start_at: input.start, end_at: input.end, status: input.status ?? 'booked', request_id: input.requestId ?? null,
    cancel_reason: null, created_by: input.createdBy ?? null, version: 1, created_at: now, updated_at: now,
  } as const;
}

/** Inserts without checks: callers hold the clinician lock and have checked for overlaps. */
export async function insertAppointment(db: DbOrTrx, input: NewAppointment, id = newId()): Promise<Appointment> {
  await db.insertInto('appointments').values(appointmentValues(input, id)).execute();
  return (await findAppointment(db, id))!;
}

/** Many at once, unchecked and not read back (demo history). Returns the new ids in order. */
export async function insertAppointmentsBulk(db: DbOrTrx, inputs: NewAppointment[]): Promise<string[]> {
  const ids = inputs.map(() => newId());
  for (let i = 0; i < inputs.length; i += 200) {
    await db.insertInto('appointments').values(inputs.slice(i, i + 200).map((input, j) => appointmentValues(input, ids[i + j]!))).execute();
  }
  return ids;
}

/** Conditional on the version read and on the appointment still being booked. */
export async function setAppointmentStatus(
  db: DbOrTrx, id: string, version: number, status: AppointmentStatus, cancelReason?: string | null,
): Promise<boolean> {
  const result = await db.updateTable('appointments').set({
    status, version: version + 1, updated_at: nowIso(), ...(status === 'cancelled' && { cancel_reason: cancelReason ?? null }),
  }).where('id', '=', id).where('version', '=', version).where('status', '=', 'booked').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function moveAppointment(
  db: DbOrTrx, id: string, version: number, change: { clinicianId: string; start: string; end: string },
): Promise<boolean> {
  const result = await db.updateTable('appointments').set({
    clinician_id: change.clinicianId, start_at: change.start, end_at: change.end, version: version + 1, updated_at: nowIso(),
  }).where('id', '=', id).where('version', '=', version).where('status', '=', 'booked').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether an error is the database refusing a duplicate key (the partial unique index). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
