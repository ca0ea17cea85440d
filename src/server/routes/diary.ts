import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../shared/api/common';
import {
  AppointmentSchema, AppointmentTypeInputSchema, AppointmentTypeSchema, BookingInputSchema, CancelInputSchema,
  ClinicianHoursInputSchema, ClinicianHoursQuerySchema, ClinicianHoursSchema, ClinicianSchema, CliniciansQuerySchema,
  DiaryDayQuerySchema, MoveInputSchema, SlotQuerySchema, SlotSchema, TodayQuerySchema, TodaySchema,
  type Appointment, type AppointmentStatus,
} from '../../shared/api/diary';
import type { Centre } from '../../shared/api/foundation';
import type { DbOrTrx } from '../db/database';
import {
  busyTimes, findAppointment, insertAppointment, isUniqueViolation, listAppointments, lockClinician, lockPatient,
  moveAppointment, overlapping, setAppointmentStatus,
} from '../db/repositories/appointments';
import { appendAudit } from '../db/repositories/audit';
import { findCentre } from '../db/repositories/centres';
import {
  addDays, checkHours, findAppointmentType, findAppointmentTypeByName, findClinicianAt, findSlots, insertAppointmentType,
  listAppointmentTypes, listClinicianHours, listClinicians, localDate, localToUtc, outsideHours, replaceClinicianHours,
  updateAppointmentType,
} from '../db/repositories/diary';
import { findPatientRow, tablesLinkedToPatients } from '../db/repositories/patients';
import { findStaffRow } from '../db/repositories/staff';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../errors';
import { canSeeCentre, currentUser, expectedVersion, setEtag } from '../plugins/auth';
import type { CurrentUser } from '../types';
import { DIARY_ACCESS } from './diary-permissions';

const DEFAULT_ZONE = 'Europe/London';
const invalid = (fields: Record<string, string>) => badRequest('Some fields need correcting.', fields);
const slotTaken = () => conflict('That time has just been booked for this clinician. Choose another slot.', 'slot_taken');

/** A centre the user works at, or 404 (another centre's diary is not there for them). */
async function visibleCentre(db: DbOrTrx, user: CurrentUser, centreId: string): Promise<Centre> {
  const centre = await findCentre(db, centreId);
  if (!centre || !canSeeCentre(user, centre.id)) throw notFound('That centre');
  return centre;
}

async function visibleAppointment(db: DbOrTrx, user: CurrentUser, id: string): Promise<Appointment> {
  const appointment = await findAppointment(db, id);
  if (!appointment || !canSeeCentre(user, appointment.centreId)) throw notFound('That appointment');
  return appointment;
}

/** A bookable start: a whole minute on the 5-minute grid, not in the past. Returns its epoch ms. */
function checkStart(start: string, now: number): number {
  const ms = Date.parse(start);
  if (!Number.isFinite(ms)) throw invalid({ start: 'Enter a date and time.' });
  if (ms % 300_000 !== 0) throw invalid({ start: 'Appointments start on a 5-minute mark (for example 09:05).' });
  if (ms < now) throw invalid({ start: 'That time has already passed.' });
  return ms;
}

export default async function diaryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  async function publishAppointment(appointment: Appointment) {
    await app.events.publish({ type: 'appointment.changed', id: appointment.id, centreId: appointment.centreId, version: appointment.version });
  }

  // ---- Appointment types ----
  app.get('/api/appointment-types', {
    config: { access: DIARY_ACCESS.anyStaff },
    schema: { tags: ['diary'], summary: 'Appointment types and their lengths', response: { 200: Type.Array(AppointmentTypeSchema) } },
  }, async () => listAppointmentTypes(app.db));

  app.post('/api/appointment-types', {
    config: { access: DIARY_ACCESS.manager },
    schema: { tags: ['diary'], summary: 'Add an appointment type', body: AppointmentTypeInputSchema, response: { 201: AppointmentTypeSchema, 400: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    if (await findAppointmentTypeByName(app.db, request.body.name)) throw conflict('An appointment type with that name already exists.');
    const type = await app.db.transaction().execute(async (trx) => {
      const created = await insertAppointmentType(trx, request.body);
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'appointment-type.created', entityType: 'appointment-type', entityId: created.id, ip: request.ip, detail: { name: created.name, minutes: created.minutes } });
      return created;
    });
    setEtag(reply, type.version);
    return reply.status(201).send(type);
  });

  app.put('/api/appointment-types/:id', {
    config: { access: DIARY_ACCESS.manager },
    schema: { tags: ['diary'], summary: 'Edit an appointment type (If-Match required)', params: IdParams, body: AppointmentTypeInputSchema, response: { 200: AppointmentTypeSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody } },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const user = currentUser(request);
    const type = await app.db.transaction().execute(async (trx) => {
      const before = await findAppointmentType(trx, request.params.id);
      if (!before) throw notFound('That appointment type');
      const sameName = await findAppointmentTypeByName(trx, request.body.name);
      if (sameName && sameName.id !== before.id) throw conflict('An appointment type with that name already exists.');
      const saved = await updateAppointmentType(trx, before.id, version, request.body);
      if (!saved) throw staleVersion();
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'appointment-type.updated', entityType: 'appointment-type', entityId: saved.id, ip: request.ip, detail: { from: { name: before.name, minutes: before.minutes, active: before.active }, to: request.body } });
      return saved;
    });
    setEtag(reply, type.version);
    return type;
  });

  // ---- Clinicians and their hours ----
  app.get('/api/clinicians', {
    config: { access: DIARY_ACCESS.anyStaff },
    schema: { tags: ['diary'], summary: 'Chiropractors working at a centre', querystring: CliniciansQuerySchema, response: { 200: Type.Array(ClinicianSchema), 404: ErrorBody } },
  }, async (request) => {
    const centre = await visibleCentre(app.db, currentUser(request), request.query.centreId);
    return listClinicians(app.db, centre.id);
  });

  app.get('/api/clinicians/:id/hours', {
    config: { access: DIARY_ACCESS.anyStaff },
    schema: { tags: ['diary'], summary: 'A clinician\'s weekly working hours, by centre', params: IdParams, querystring: ClinicianHoursQuerySchema, response: { 200: Type.Array(ClinicianHoursSchema), 404: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    const staff = await findStaffRow(app.db, request.params.id);
    if (!staff || staff.role !== 'chiropractor') throw notFound('That clinician');
    const { centreId } = request.query;
    if (centreId) await visibleCentre(app.db, user, centreId);
    const hours = await listClinicianHours(app.db, { clinicianId: staff.id, ...(centreId && { centreIds: [centreId] }) });
    return hours.filter((h) => canSeeCentre(user, h.centreId));
  });

  app.put('/api/clinicians/:id/hours', {
    config: { access: DIARY_ACCESS.manager },
    schema: { tags: ['diary'], summary: 'Replace a clinician\'s weekly hours at one centre', params: IdParams, body: ClinicianHoursInputSchema, response: { 200: Type.Array(ClinicianHoursSchema), 400: ErrorBody, 404: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    const { centreId, hours } = request.body;
    const staff = await findStaffRow(app.db, request.params.id);
    if (!staff || staff.role !== 'chiropractor') throw notFound('That clinician');
    await visibleCentre(app.db, user, centreId);
    if (!(await findClinicianAt(app.db, staff.id, centreId))) throw invalid({ centreId: 'This clinician does not work at that centre.' });
    const saved = await app.db.transaction().execute(async (trx) => {
      await lockClinician(trx, staff.id);
      const elsewhere = (await listClinicianHours(trx, { clinicianId: staff.id })).filter((h) => h.centreId !== centreId);
      const fields = checkHours(hours, elsewhere);
      if (Object.keys(fields).length) throw invalid(fields);
      const result = await replaceClinicianHours(trx, staff.id, centreId, hours);
      await appendAudit(trx, { actorId: user.id, actorRole: user.role, action: 'clinician-hours.updated', entityType: 'staff', entityId: staff.id, centreId, ip: request.ip, detail: { blocks: hours.length } });
      return result;
    });
    await app.events.publish({ type: 'clinician-hours.changed', id: staff.id, centreId });
    return saved;
  });

  // ---- Slots ----
  app.get('/api/slots', {
    config: { access: DIARY_ACCESS.desk },
    schema: { tags: ['diary'], summary: 'The next free slots for a centre, type and (optionally) clinician', querystring: SlotQuerySchema, response: { 200: Type.Array(SlotSchema), 400: ErrorBody, 404: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    const q = request.query;
    const centre = await visibleCentre(app.db, user, q.centreId);
    const type = await findAppointmentType(app.db, q.typeId);
    if (!type || !type.active) throw invalid({ typeId: 'Choose an appointment type from the list.' });
    const clinicians = q.clinicianId
      ? [await findClinicianAt(app.db, q.clinicianId, centre.id)].filter((c) => c !== undefined)
      : await listClinicians(app.db, centre.id);
    if (q.clinicianId && clinicians.length === 0) throw invalid({ clinicianId: 'This clinician does not work at that centre.' });
    const zone = centre.timeZone || DEFAULT_ZONE;
    const now = Date.now();
    const today = localDate(zone, now);
    const fromDate = q.from && q.from > today ? q.from : today;
    const days = q.days ?? 14;
    const windowStart = (localToUtc(zone, fromDate, 0) ?? now) - 86_400_000;
    const windowEnd = (localToUtc(zone, addDays(fromDate, days + 1), 0) ?? now) + 86_400_000;
    const ids = clinicians.map((c) => c.id);
    const hours = (await listClinicianHours(app.db, { centreIds: [centre.id] })).filter((h) => ids.includes(h.clinicianId));
    const busy = await busyTimes(app.db, ids, new Date(windowStart).toISOString(), new Date(windowEnd).toISOString());
    return findSlots({
      zone, fromDate, days, minutes: type.minutes, now, clinicians, hours, busy,
      preferredDays: q.preferredDays, timeOfDay: q.preferredTimeOfDay, limit: q.limit ?? 20,
    });
  });

  // ---- Appointments ----
  app.get('/api/appointments', {
    config: { access: DIARY_ACCESS.anyStaff },
    schema: { tags: ['diary'], summary: 'One centre\'s diary for one day (optionally one clinician)', querystring: DiaryDayQuerySchema, response: { 200: Type.Array(AppointmentSchema), 400: ErrorBody, 404: ErrorBody } },
  }, async (request) => {
    const user = currentUser(request);
    const { centreId, clinicianId, date } = request.query;
    const centre = await visibleCentre(app.db, user, centreId);
    const zone = centre.timeZone || DEFAULT_ZONE;
    const from = localToUtc(zone, date, 0) ?? localToUtc(zone, date, 60);
    const to = localToUtc(zone, addDays(date, 1), 0) ?? localToUtc(zone, addDays(date, 1), 60);
    if (from === null || to === null) throw invalid({ date: 'Enter a real date.' });
    return listAppointments(app.db, { centreIds: [centre.id], clinicianId, from: new Date(from).toISOString(), to: new Date(to).toISOString() });
  });

  app.get('/api/appointments/:id', {
    config: { access: DIARY_ACCESS.anyStaff },
    schema: { tags: ['diary'], params: IdParams, response: { 200: AppointmentSchema, 404: ErrorBody } },
  }, async (request, reply) => {
    const appointment = await visibleAppointment(app.db, currentUser(request), request.params.id);
    setEtag(reply, appointment.version);
    return appointment;
  });

  app.post('/api/appointments', {
    config: { access: DIARY_ACCESS.desk },
    schema: { tags: ['diary'], summary: 'Book an appointment (409 slot_taken when someone booked the time first)', body: BookingInputSchema, response: { 201: AppointmentSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody } },
  }, async (request, reply) => {
    const user = currentUser(request);
    const body = request.body;
    const startMs = checkStart(body.start, Date.now());
    const centre = await visibleCentre(app.db, user, body.centreId);
    const fields: Record<string, string> = {};
    const type = await findAppointmentType(app.db, body.typeId);
    if (!type || !type.active) fields['typeId'] = 'Choose an appointment type from the list.';
    const clinician = await findClinicianAt(app.db, body.clinicianId, centre.id);
    if (!clinician) fields['clinicianId'] = 'This clinician does not work at that centre.';
    const patient = await findPatientRow(app.db, body.patientId);
    if (!patient || !canSeeCentre(user, patient.centre_id)) fields['patientId'] = 'That patient was not found.';
    else if (patient.merged_into) fields['patientId'] = 'This record was merged into another; book on that one.';
    else if (patient.anonymised_at) fields['patientId'] = 'This patient was anonymised and cannot be booked.';
    if (body.requestId && (await tablesLinkedToPatients(app.db)).includes('requests')) {
      const { rows } = await sql<{ id: string }>`SELECT id FROM requests WHERE id = ${body.requestId}`.execute(app.db);
      if (rows.length === 0) fields['requestId'] = 'That request was not found.';
    }
    if (Object.keys(fields).length) throw invalid(fields);
    const zone = centre.timeZone || DEFAULT_ZONE;
    const hours = await listClinicianHours(app.db, { clinicianId: clinician!.id, centreIds: [centre.id] });
    const outside = outsideHours(zone, startMs, type!.minutes, hours);
    if (outside) throw invalid({ start: outside });
    const start = new Date(startMs).toISOString();
    const end = new Date(startMs + type!.minutes * 60_000).toISOString();

    let appointment: Appointment;
    try {
      appointment = await app.db.transaction().execute(async (trx) => {
        await lockClinician(trx, clinician!.id);
        await lockPatient(trx, patient!.id);
        if ((await overlapping(trx, { clinicianId: clinician!.id }, start, end)).length) throw slotTaken();
        if ((await overlapping(trx, { patientId: patient!.id }, start, end)).length) {
          throw conflict('This patient already has an appointment at that time.', 'patient_busy');
        }
        const created = await insertAppointment(trx, {
          centreId: centre.id, clinicianId: clinician!.id, patientId: patient!.id, typeId: type!.id, start, end,
          requestId: body.requestId ?? null, createdBy: user.id,
        });
        await appendAudit(trx, {
          actorId: user.id, actorRole: user.role, action: 'appointment.booked', entityType: 'appointment', entityId: created.id, centreId: centre.id, ip: request.ip,
          detail: { patientId: patient!.id, clinicianId: clinician!.id, typeId: type!.id, start, requestId: body.requestId ?? null },
        });
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw slotTaken();
      throw error;
    }
    await publishAppointment(appointment);
    setEtag(reply, appointment.version);
    return reply.status(201).send(appointment);
  });

  app.post('/api/appointments/:id/move', {
    config: { access: DIARY_ACCESS.desk },
    schema: { tags: ['diary'], summary: 'Move an appointment to another time or clinician (If-Match required)', params: IdParams, body: MoveInputSchema, response: { 200: AppointmentSchema, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody } },
  }, async (request, reply) => {
    const version = expectedVersion(request);
    const user = currentUser(request);
    const before = await visibleAppointment(app.db, user, request.params.id);
    const startMs = checkStart(request.body.start, Date.now());
    const clinicianId = request.body.clinicianId ?? before.clinicianId;
    const centre = await visibleCentre(app.db, user, before.centreId);
    if (!(await findClinicianAt(app.db, clinicianId, centre.id))) throw invalid({ clinicianId: 'This clinician does not work at that centre.' });
    const minutes = Math.round((Date.parse(before.end) - Date.parse(before.start)) / 60_000);
    const hours = await listClinicianHours(app.db, { clinicianId, centreIds: [centre.id] });
    const outside = outsideHours(centre.timeZone || DEFAULT_ZONE, startMs, minutes, hours);
    if (outside) throw invalid({ start: outside });
    const start = new Date(startMs).toISOString();
    const end = new Date(startMs + minutes * 60_000).toISOString();

    let appointment: Appointment;
    try {
      appointment = await app.db.transaction().execute(async (trx) => {
        await lockClinician(trx, clinicianId);
        await lockPatient(trx, before.patientId);
        const current = await visibleAppointment(trx, user, before.id);
        if (current.version !== version) throw staleVersion();
        if (current.status !== 'booked') throw conflict('Only a booked appointment can be moved.', 'not_booked');
        if ((await overlapping(trx, { clinicianId }, start, end, current.id)).length) throw slotTaken();
        if ((await overlapping(trx, { patientId: current.patientId }, start, end, current.id)).length) {
          throw conflict('This patient already has an appointment at that time.', 'patient_busy');
        }
        if (!(await moveAppointment(trx, current.id, version, { clinicianId, start, end }))) throw staleVersion();
        await appendAudit(trx, {
          actorId: user.id, actorRole: user.role, action: 'appointment.moved', entityType: 'appointment', entityId: current.id, centreId: current.centreId, ip: request.ip,
          detail: { from: { start: current.start, clinicianId: current.clinicianId }, to: { start, clinicianId } },
        });
        return (await findAppointment(trx, current.id))!;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw slotTaken();
      throw error;
    }
    await publishAppointment(appointment);
    setEtag(reply, appointment.version);
    return appointment;
  });

  /** Cancel, attended and did-not-attend: one conditional status change from booked. */
  function statusRoute(path: string, status: AppointmentStatus, access: (typeof DIARY_ACCESS)['desk' | 'attendance'], summary: string) {
    app.post(path, {
      config: { access },
      // Marking attendance has nothing to say: a request with no body at all is read as {}.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
      schema: { tags: ['diary'], summary, params: IdParams, body: status === 'cancelled' ? CancelInputSchema : Type.Object({}, { additionalProperties: false }), response: { 200: AppointmentSchema, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody } },
    }, async (request, reply) => {
      const version = expectedVersion(request);
      const user = currentUser(request);
      const appointment = await app.db.transaction().execute(async (trx) => {
        const current = await visibleAppointment(trx, user, request.params.id);
        if (user.role === 'chiropractor' && current.clinicianId !== user.id) throw forbidden('Only the clinician seeing the patient, or the front desk, can mark this.');
        if (current.version !== version) throw staleVersion();
        if (current.status !== 'booked') throw conflict(`This appointment is already ${current.status.replace(/-/g, ' ')}.`, 'not_booked');
        if (status !== 'cancelled') {
          const centre = await findCentre(trx, current.centreId);
          const zone = centre?.timeZone || DEFAULT_ZONE;
          if (localDate(zone, Date.parse(current.start)) > localDate(zone, Date.now())) {
            throw conflict('Attendance can be marked on the day of the appointment or after.', 'not_yet');
          }
        }
        const reason = (request.body as { reason?: string }).reason?.trim() || null;
        if (!(await setAppointmentStatus(trx, current.id, version, status, reason))) throw staleVersion();
        await appendAudit(trx, {
          actorId: user.id, actorRole: user.role, action: `appointment.${status === 'cancelled' ? 'cancelled' : status}`, entityType: 'appointment', entityId: current.id,
          centreId: current.centreId, ip: request.ip, detail: { patientId: current.patientId, start: current.start, ...(reason && { reason }) },
        });
        return (await findAppointment(trx, current.id))!;
      });
      await publishAppointment(appointment);
      setEtag(reply, appointment.version);
      return appointment;
    });
  }
  statusRoute('/api/appointments/:id/cancel', 'cancelled', DIARY_ACCESS.desk, 'Cancel an appointment (If-Match required)');
  statusRoute('/api/appointments/:id/attended', 'attended', DIARY_ACCESS.attendance, 'Mark an appointment attended (If-Match required)');
  statusRoute('/api/appointments/:id/did-not-attend', 'did-not-attend', DIARY_ACCESS.attendance, 'Mark an appointment as did not attend (If-Match required)');

  // ---- Today ----
  app.get('/api/today', {
    config: { access: DIARY_ACCESS.today },
    schema: { tags: ['diary'], summary: 'The signed-in chiropractor\'s appointments today (managers may name a clinician)', querystring: TodayQuerySchema, response: { 200: TodaySchema } },
  }, async (request) => {
    const user = currentUser(request);
    const clinicianId = user.role === 'manager' && request.query.clinicianId ? request.query.clinicianId : user.id;
    const firstCentre = user.centreIds[0] ? await findCentre(app.db, user.centreIds[0]) : undefined;
    const zone = firstCentre?.timeZone || DEFAULT_ZONE;
    const date = localDate(zone, Date.now());
    const from = localToUtc(zone, date, 0) ?? localToUtc(zone, date, 60)!;
    const to = localToUtc(zone, addDays(date, 1), 0) ?? localToUtc(zone, addDays(date, 1), 60)!;
    const appointments = await listAppointments(app.db, {
      clinicianId, from: new Date(from).toISOString(), to: new Date(to).toISOString(),
      status: ['booked', 'attended', 'did-not-attend'],
      ...(user.role !== 'manager' && { centreIds: user.centreIds }),
    });
    return { date, appointments };
  });
}
