import type { Appointment, AppointmentType, Clinician, ClinicianHours, Patient, Slot, Today } from '../../shared/api/diary';
import { FOLLOW_UP_TYPE_ID, NEW_PATIENT_EXAM_TYPE_ID } from '../db/migrations/003-diary';
import { insertAppointment } from '../db/repositories/appointments';
import { addDays, localDate, localMinutes, localToUtc, weekdayOf } from '../db/repositories/diary';
import type { LiveEvent } from '../plugins/events';
import { type Agent, createCentre, createStaff, createTestApp, ENGINES, ifMatch, signIn, type TestApp } from './helpers/test-app';

const LONDON = 'Europe/London';
const ALL_DAY_EVERY_DAY = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));

/** An instant at a London wall-clock time, `days` days from today. */
function at(days: number, hhmm: string): string {
  const date = addDays(localDate(LONDON, Date.now()), days);
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(localToUtc(LONDON, date, h * 60 + m)!).toISOString();
}

for (const engine of ENGINES) {
  describe(`diary API (${engine})`, () => {
    let t: TestApp;
    let centreId: string;
    let otherCentreId: string;
    let clinicianId: string;
    let secondClinicianId: string;
    let otherClinicianId: string;
    let desk: Agent[];
    let reception: Agent;
    let otherReception: Agent;
    let chiro: Agent;
    let secondChiro: Agent;
    let manager: Agent;
    let patient: Patient;
    let secondPatient: Patient;
    let otherPatient: Patient;
    let dayOffset = 1;

    beforeAll(async () => {
      t = await createTestApp(engine);
      centreId = (await createCentre(t.db)).id;
      otherCentreId = (await createCentre(t.db)).id;
      const c = await createStaff(t.db, { role: 'chiropractor', centreIds: [centreId], name: 'Dr Alex Morgan' });
      const c2 = await createStaff(t.db, { role: 'chiropractor', centreIds: [centreId], name: 'Dr Rhian Clarke' });
      const oc = await createStaff(t.db, { role: 'chiropractor', centreIds: [otherCentreId], name: 'Dr Tom Baker' });
      clinicianId = c.id;
      secondClinicianId = c2.id;
      otherClinicianId = oc.id;
      const m = await createStaff(t.db, { role: 'manager', centreIds: [centreId] });
      manager = await signIn(t.app, m.email, m.password);
      desk = [];
      for (let i = 0; i < 5; i++) {
        const r = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId] });
        desk.push(await signIn(t.app, r.email, r.password));
      }
      desk.push(manager);
      reception = desk[0]!;
      const r2 = await createStaff(t.db, { role: 'receptionist', centreIds: [otherCentreId] });
      otherReception = await signIn(t.app, r2.email, r2.password);
      chiro = await signIn(t.app, c.email, c.password);
      secondChiro = await signIn(t.app, c2.email, c2.password);
      for (const [id, centre] of [[clinicianId, centreId], [secondClinicianId, centreId], [otherClinicianId, otherCentreId]] as const) {
        const response = await manager.put(`/api/clinicians/${id}/hours`, { centreId: centre, hours: ALL_DAY_EVERY_DAY });
        expect(response.statusCode).withContext(response.body).toBe(200);
      }
      const newPatient = async (as: Agent, centre: string, givenName: string) =>
        (await as.post('/api/patients', { centreId: centre, givenName, familyName: 'Diary', dateOfBirth: '1970-01-01' })).json<Patient>();
      patient = await newPatient(reception, centreId, 'Ada');
      secondPatient = await newPatient(reception, centreId, 'Bea');
      otherPatient = await newPatient(otherReception, otherCentreId, 'Cal');
    }, 60_000);
    afterAll(async () => t.close());

    /** Each test books on its own day so tests never collide, whatever order they run in. */
    beforeEach(() => {
      dayOffset += 1;
    });

    function booking(overrides: Record<string, unknown> = {}) {
      return { centreId, clinicianId, patientId: patient.id, typeId: FOLLOW_UP_TYPE_ID, start: at(dayOffset, '10:00'), ...overrides };
    }

    async function book(overrides: Record<string, unknown> = {}, as: Agent = reception): Promise<Appointment> {
      const response = await as.post('/api/appointments', booking(overrides));
      expect(response.statusCode).withContext(response.body).toBe(201);
      return response.json<Appointment>();
    }

    /** An appointment earlier today or in the past, straight through the repository. */
    async function pastAppointment(days: number, minutesAgo = 60, clinician = clinicianId): Promise<Appointment> {
      const start = Math.floor((Date.now() + days * 86_400_000 - minutesAgo * 60_000) / 300_000) * 300_000;
      return insertAppointment(t.db, {
        centreId, clinicianId: clinician, patientId: secondPatient.id, typeId: FOLLOW_UP_TYPE_ID,
        start: new Date(start).toISOString(), end: new Date(start + 20 * 60_000).toISOString(),
      });
    }

    async function auditActions(entityId: string): Promise<string[]> {
      const rows = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', entityId).orderBy('seq').execute();
      return rows.map((r) => r.action);
    }

    describe('appointment types', () => {
      it('ships a 45-minute new-patient exam and a 20-minute follow-up', async () => {
        const types = (await chiro.get('/api/appointment-types')).json<AppointmentType[]>();
        expect(types).toContain(jasmine.objectContaining({ id: NEW_PATIENT_EXAM_TYPE_ID, name: 'New patient exam', minutes: 45, newPatient: true, active: true }));
        expect(types).toContain(jasmine.objectContaining({ id: FOLLOW_UP_TYPE_ID, name: 'Follow-up', minutes: 20, newPatient: false, active: true }));
      });

      it('lets a manager add and edit types with If-Match, and nobody else', async () => {
        const input = { name: `Maintenance ${engine}`, minutes: 30, newPatient: false, active: true };
        expect((await reception.post('/api/appointment-types', input)).statusCode).toBe(403);
        const created = await manager.post('/api/appointment-types', input);
        expect(created.statusCode).withContext(created.body).toBe(201);
        const type = created.json<AppointmentType>();
        expect((await manager.post('/api/appointment-types', input)).statusCode).toBe(409);
        expect((await manager.post('/api/appointment-types', { ...input, name: 'Odd', minutes: 7 })).statusCode).toBe(400);
        expect((await manager.put(`/api/appointment-types/${type.id}`, { ...input, minutes: 25 })).statusCode).toBe(428);
        const saved = await manager.put(`/api/appointment-types/${type.id}`, { ...input, minutes: 25 }, ifMatch(1));
        expect(saved.json<AppointmentType>().minutes).toBe(25);
        expect((await manager.put(`/api/appointment-types/${type.id}`, { ...input, minutes: 35 }, ifMatch(1))).statusCode).toBe(412);
        expect((await reception.put(`/api/appointment-types/${type.id}`, input, ifMatch(2))).statusCode).toBe(403);
        expect(await auditActions(type.id)).toEqual(['appointment-type.created', 'appointment-type.updated']);
      });
    });

    describe('clinicians and hours', () => {
      it('lists the chiropractors of a centre the user works at; another centre is 404', async () => {
        const list = (await reception.get('/api/clinicians', { query: { centreId } })).json<Clinician[]>();
        expect(list.map((c) => c.name)).toEqual(['Dr Alex Morgan', 'Dr Rhian Clarke']);
        expect((await reception.get('/api/clinicians', { query: { centreId: otherCentreId } })).statusCode).toBe(404);
      });

      it('shows hours to staff and lets only a manager change them, checking each block', async () => {
        const hours = (await chiro.get(`/api/clinicians/${clinicianId}/hours`)).json<ClinicianHours[]>();
        expect(hours.length).toBe(7);
        expect(hours[0]).toEqual({ clinicianId, centreId, weekday: 0, start: '08:00', end: '20:00' });
        expect((await reception.put(`/api/clinicians/${clinicianId}/hours`, { centreId, hours: ALL_DAY_EVERY_DAY })).statusCode).toBe(403);
        const bad = await manager.put(`/api/clinicians/${clinicianId}/hours`, { centreId, hours: [{ weekday: 1, start: '12:00', end: '09:00' }] });
        expect(bad.statusCode).toBe(400);
        expect(Object.keys(bad.json().error.fields)).toEqual(['hours.0']);
        const wrongTime = await manager.put(`/api/clinicians/${clinicianId}/hours`, { centreId, hours: [{ weekday: 1, start: '9:00', end: '12:00' }] });
        expect(wrongTime.statusCode).toBe(400);
        const elsewhere = await manager.put(`/api/clinicians/${clinicianId}/hours`, { centreId: otherCentreId, hours: ALL_DAY_EVERY_DAY });
        expect(elsewhere.statusCode).toBe(400);
        expect(elsewhere.json().error.fields.centreId).toBeDefined();
        expect((await chiro.get(`/api/clinicians/${clinicianId}/hours`)).json<ClinicianHours[]>().length).toBe(7);
      });
    });

    describe('slots', () => {
      it('offers free slots inside hours, in the future, and drops one once booked', async () => {
        const from = addDays(localDate(LONDON, Date.now()), dayOffset);
        const query = { centreId, clinicianId, typeId: NEW_PATIENT_EXAM_TYPE_ID, from, days: '1', limit: '100' };
        const before = (await reception.get('/api/slots', { query })).json<Slot[]>();
        expect(before.length).toBeGreaterThan(0);
        expect(localMinutes(LONDON, Date.parse(before[0]!.start))).toBe(8 * 60);
        for (const slot of before) {
          expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(45 * 60_000);
          expect(slot.clinicianName).toBe('Dr Alex Morgan');
          expect(localMinutes(LONDON, Date.parse(slot.end))).toBeLessThanOrEqual(20 * 60);
        }
        await book({ start: before[0]!.start, typeId: NEW_PATIENT_EXAM_TYPE_ID });
        const after = (await reception.get('/api/slots', { query })).json<Slot[]>();
        expect(after.map((s) => s.start)).not.toContain(before[0]!.start);
        expect(localMinutes(LONDON, Date.parse(after[0]!.start))).toBe(8 * 60 + 45);
      });

      it('honours preferred days and time of day, over every clinician of the centre', async () => {
        const from = addDays(localDate(LONDON, Date.now()), dayOffset);
        const wanted = [weekdayOf(addDays(from, 2)), weekdayOf(addDays(from, 4))];
        const response = await reception.get(`/api/slots?centreId=${centreId}&typeId=${FOLLOW_UP_TYPE_ID}&from=${from}&days=7&limit=200&preferredTimeOfDay=evening&preferredDays=${wanted[0]}&preferredDays=${wanted[1]}`);
        expect(response.statusCode).withContext(response.body).toBe(200);
        const slots = response.json<Slot[]>();
        expect(new Set(slots.map((s) => s.clinicianId))).toEqual(new Set([clinicianId, secondClinicianId]));
        for (const slot of slots) {
          const ms = Date.parse(slot.start);
          expect(wanted).toContain(weekdayOf(localDate(LONDON, ms)));
          expect(localMinutes(LONDON, ms)).toBeGreaterThanOrEqual(17 * 60);
        }
      });

      it('never offers a time already past today', async () => {
        const slots = (await reception.get('/api/slots', { query: { centreId, typeId: FOLLOW_UP_TYPE_ID, days: '1', limit: '200' } })).json<Slot[]>();
        for (const slot of slots) expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(Date.now() - 1000);
      });

      it('is for the desk, in their own centres', async () => {
        expect((await chiro.get('/api/slots', { query: { centreId, typeId: FOLLOW_UP_TYPE_ID } })).statusCode).toBe(403);
        expect((await reception.get('/api/slots', { query: { centreId: otherCentreId, typeId: FOLLOW_UP_TYPE_ID } })).statusCode).toBe(404);
        expect((await reception.get('/api/slots', { query: { centreId, typeId: 'nope' } })).statusCode).toBe(400);
        expect((await reception.get('/api/slots', { query: { centreId, typeId: FOLLOW_UP_TYPE_ID, preferredTimeOfDay: 'night' } })).statusCode).toBe(400);
      });
    });

    describe('booking', () => {
      it('books a free slot (201), audits it and publishes appointment.changed after commit', async () => {
        const events: LiveEvent[] = [];
        const stop = t.app.events.subscribe((event) => events.push(event));
        const appointment = await book({ requestId: undefined });
        expect(appointment).toEqual(jasmine.objectContaining({
          centreId, clinicianId, clinicianName: 'Dr Alex Morgan', patientId: patient.id, patientName: 'Ada Diary',
          typeId: FOLLOW_UP_TYPE_ID, typeName: 'Follow-up', start: at(dayOffset, '10:00'), end: at(dayOffset, '10:20'),
          status: 'booked', requestId: null, version: 1,
        }));
        expect(await auditActions(appointment.id)).toEqual(['appointment.booked']);
        // On PostgreSQL the event goes round through NOTIFY: give it a moment.
        for (let waited = 0; waited < 5000 && !events.some((e) => e.id === appointment.id); waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        stop();
        expect(events.some((e) => e.type === 'appointment.changed' && e.id === appointment.id && e.centreId === centreId)).toBeTrue();
        const read = await chiro.get(`/api/appointments/${appointment.id}`);
        expect(read.headers['etag']).toBe('"1"');
      });

      it('refuses a time already taken or overlapping with 409 slot_taken, and a double-booked patient with 409 patient_busy', async () => {
        await book();
        const same = await reception.post('/api/appointments', booking({ patientId: secondPatient.id }));
        expect(same.statusCode).toBe(409);
        expect(same.json().error.code).toBe('slot_taken');
        const overlap = await reception.post('/api/appointments', booking({ patientId: secondPatient.id, start: at(dayOffset, '10:15') }));
        expect(overlap.json().error.code).toBe('slot_taken');
        const before = await reception.post('/api/appointments', booking({ patientId: secondPatient.id, start: at(dayOffset, '09:45'), typeId: NEW_PATIENT_EXAM_TYPE_ID }));
        expect(before.json().error.code).toBe('slot_taken');
        const adjacent = await reception.post('/api/appointments', booking({ patientId: secondPatient.id, start: at(dayOffset, '10:20') }));
        expect(adjacent.statusCode).toBe(201);
        const busy = await reception.post('/api/appointments', booking({ clinicianId: secondClinicianId, start: at(dayOffset, '10:05') }));
        expect(busy.statusCode).toBe(409);
        expect(busy.json().error.code).toBe('patient_busy');
      });

      it('lets a new booking take a cancelled slot', async () => {
        const first = await book();
        expect((await reception.post(`/api/appointments/${first.id}/cancel`, { reason: 'Patient unwell' }, ifMatch(1))).statusCode).toBe(200);
        await book({ patientId: secondPatient.id });
      });

      const invalid: [string, () => Record<string, unknown>, string][] = [
        ['a time in the past', () => ({ start: at(-1, '10:00') }), 'start'],
        ['a time outside the clinician\'s hours', () => ({ start: at(dayOffset, '19:50') }), 'start'],
        ['a time before they start', () => ({ start: at(dayOffset, '07:30') }), 'start'],
        ['a time off the 5-minute grid', () => ({ start: at(dayOffset, '10:03') }), 'start'],
        ['a start that is not a date', () => ({ start: 'tomorrow at ten' }), 'start'],
        ['an unknown type', () => ({ typeId: 'no-such-type' }), 'typeId'],
        ['a clinician from another centre', () => ({ clinicianId: otherClinicianId }), 'clinicianId'],
        ['an unknown patient', () => ({ patientId: 'no-such-patient' }), 'patientId'],
        ['another centre\'s patient', () => ({ patientId: otherPatient.id }), 'patientId'],
        ['an extra field', () => ({ notes: 'hello' }), 'notes'],
        ['a request that does not exist', () => ({ requestId: 'no-such-request' }), 'requestId'],
      ];
      for (const [what, overrides, field] of invalid) {
        it(`refuses ${what} with 400 on ${field}`, async () => {
          const response = await reception.post('/api/appointments', booking(overrides()));
          expect(response.statusCode).withContext(response.body).toBe(400);
          expect(Object.keys(response.json().error.fields ?? {})).toContain(field);
        });
      }

      it('does not let a chiropractor book, nor the desk of another centre', async () => {
        expect((await chiro.post('/api/appointments', booking())).statusCode).toBe(403);
        expect((await otherReception.post('/api/appointments', booking())).statusCode).toBe(404);
      });

      it('lets exactly one of many receptionists booking one slot at once win, round after round', async () => {
        for (let round = 0; round < 12; round++) {
          const start = at(dayOffset, `${String(8 + Math.floor(round / 2)).padStart(2, '0')}:${round % 2 ? '30' : '00'}`);
          const responses = await Promise.all(desk.map((agent, i) =>
            agent.post('/api/appointments', booking({ start, patientId: i % 2 ? secondPatient.id : patient.id }))));
          const codes = responses.map((r) => r.statusCode).sort();
          expect(codes.filter((c) => c === 201).length).withContext(`round ${round}: ${codes}`).toBe(1);
          expect(codes.filter((c) => c === 409).length).withContext(`round ${round}: ${codes}`).toBe(desk.length - 1);
          for (const r of responses.filter((r) => r.statusCode === 409)) expect(r.json().error.code).toBe('slot_taken');
        }
        const rows = await t.db.selectFrom('appointments').select(['start_at', 'end_at']).where('clinician_id', '=', clinicianId)
          .where('status', '=', 'booked').orderBy('start_at').execute();
        for (let i = 1; i < rows.length; i++) expect(rows[i]!.start_at >= rows[i - 1]!.end_at).withContext(rows[i]!.start_at).toBeTrue();
      }, 30_000);

      it('lets only one of several overlapping (not identical) bookings win', async () => {
        for (let round = 0; round < 6; round++) {
          const base = 13 * 60 + round * 60;
          const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
          const responses = await Promise.all(desk.map((agent, i) =>
            agent.post('/api/appointments', booking({
              start: at(dayOffset, clock(base + i * 5)), typeId: NEW_PATIENT_EXAM_TYPE_ID, patientId: i % 2 ? secondPatient.id : patient.id,
            }))));
          expect(responses.filter((r) => r.statusCode === 201).length).withContext(`round ${round}`).toBe(1);
        }
      }, 30_000);
    });

    describe('changing appointments', () => {
      it('moves an appointment with If-Match, refusing a clash (409) and stale or missing versions', async () => {
        const a = await book();
        await book({ patientId: secondPatient.id, start: at(dayOffset, '11:00') });
        const move = { start: at(dayOffset, '11:10') };
        expect((await reception.post(`/api/appointments/${a.id}/move`, move)).statusCode).toBe(428);
        const clash = await reception.post(`/api/appointments/${a.id}/move`, move, ifMatch(1));
        expect(clash.statusCode).toBe(409);
        expect(clash.json().error.code).toBe('slot_taken');
        const moved = await reception.post(`/api/appointments/${a.id}/move`, { start: at(dayOffset, '12:00') }, ifMatch(1));
        expect(moved.statusCode).withContext(moved.body).toBe(200);
        expect(moved.json<Appointment>()).toEqual(jasmine.objectContaining({ start: at(dayOffset, '12:00'), end: at(dayOffset, '12:20'), version: 2 }));
        expect((await reception.post(`/api/appointments/${a.id}/move`, { start: at(dayOffset, '15:00') }, ifMatch(1))).statusCode).toBe(412);
        // Moving to a later slot overlapping its own old time is fine.
        expect((await reception.post(`/api/appointments/${a.id}/move`, { start: at(dayOffset, '12:10') }, ifMatch(2))).statusCode).toBe(200);
        const other = await reception.post(`/api/appointments/${a.id}/move`, { start: at(dayOffset, '12:10'), clinicianId: secondClinicianId }, ifMatch(3));
        expect(other.json<Appointment>().clinicianName).toBe('Dr Rhian Clarke');
        expect((await reception.post(`/api/appointments/${a.id}/move`, { start: at(dayOffset, '12:10'), clinicianId: otherClinicianId }, ifMatch(4))).statusCode).toBe(400);
        expect((await reception.post(`/api/appointments/${a.id}/move`, { start: at(dayOffset, '21:00') }, ifMatch(4))).statusCode).toBe(400);
        expect(await auditActions(a.id)).toEqual(['appointment.booked', 'appointment.moved', 'appointment.moved', 'appointment.moved']);
      });

      it('lets only one of two appointments moved into the same slot at once land there', async () => {
        for (let round = 0; round < 5; round++) {
          const hour = String(8 + round * 2).padStart(2, '0');
          const a = await book({ start: at(dayOffset, `${hour}:00`) });
          const b = await book({ start: at(dayOffset, `${hour}:30`), patientId: secondPatient.id });
          const target = { start: at(dayOffset, `${String(9 + round * 2).padStart(2, '0')}:00`) };
          const [ra, rb] = await Promise.all([
            reception.post(`/api/appointments/${a.id}/move`, target, ifMatch(1)),
            desk[1]!.post(`/api/appointments/${b.id}/move`, target, ifMatch(1)),
          ]);
          expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
        }
      }, 30_000);

      it('cancels with If-Match and a reason, once', async () => {
        const a = await book();
        expect((await reception.post(`/api/appointments/${a.id}/cancel`, {})).statusCode).toBe(428);
        expect((await chiro.post(`/api/appointments/${a.id}/cancel`, {}, ifMatch(1))).statusCode).toBe(403);
        const cancelled = await reception.post(`/api/appointments/${a.id}/cancel`, { reason: 'Rang to cancel' }, ifMatch(1));
        expect(cancelled.statusCode).withContext(cancelled.body).toBe(200);
        expect(cancelled.json<Appointment>().status).toBe('cancelled');
        const again = await reception.post(`/api/appointments/${a.id}/cancel`, {}, ifMatch(2));
        expect(again.statusCode).toBe(409);
        expect((await reception.post(`/api/appointments/${a.id}/move`, { start: at(dayOffset, '15:00') }, ifMatch(2))).statusCode).toBe(409);
        const row = await t.db.selectFrom('appointments').select('cancel_reason').where('id', '=', a.id).executeTakeFirstOrThrow();
        expect(row.cancel_reason).toBe('Rang to cancel');
        expect(await auditActions(a.id)).toEqual(['appointment.booked', 'appointment.cancelled']);
      });

      it('marks attended and did-not-attend on the day, not before', async () => {
        const future = await book();
        const early = await reception.post(`/api/appointments/${future.id}/attended`, {}, ifMatch(1));
        expect(early.statusCode).toBe(409);
        expect(early.json().error.code).toBe('not_yet');
        const past = await pastAppointment(-1);
        // No body at all is fine: there is nothing to say when marking attendance.
        const attended = await reception.post(`/api/appointments/${past.id}/attended`, undefined, ifMatch(1));
        expect(attended.statusCode).withContext(attended.body).toBe(200);
        expect(attended.json<Appointment>().status).toBe('attended');
        expect((await reception.post(`/api/appointments/${past.id}/did-not-attend`, {}, ifMatch(2))).statusCode).toBe(409);
        const missed = await pastAppointment(-2);
        const dna = await reception.post(`/api/appointments/${missed.id}/did-not-attend`, {}, ifMatch(1));
        expect(dna.json<Appointment>().status).toBe('did-not-attend');
        expect(await auditActions(missed.id)).toEqual(['appointment.did-not-attend']);
      });

      it('lets a chiropractor mark their own patient attended, not another clinician\'s', async () => {
        const mine = await pastAppointment(0, 30, clinicianId);
        const theirs = await pastAppointment(0, 90, secondClinicianId);
        expect((await chiro.post(`/api/appointments/${mine.id}/attended`, {}, ifMatch(1))).statusCode).toBe(200);
        expect((await chiro.post(`/api/appointments/${theirs.id}/attended`, {}, ifMatch(1))).statusCode).toBe(403);
        expect((await secondChiro.post(`/api/appointments/${theirs.id}/attended`, {}, ifMatch(1))).statusCode).toBe(200);
      });

      it('answers 404 for another centre\'s appointment on every route', async () => {
        const a = await book();
        expect((await otherReception.get(`/api/appointments/${a.id}`)).statusCode).toBe(404);
        expect((await otherReception.post(`/api/appointments/${a.id}/cancel`, {}, ifMatch(1))).statusCode).toBe(404);
        expect((await otherReception.post(`/api/appointments/${a.id}/move`, { start: at(dayOffset, '15:00') }, ifMatch(1))).statusCode).toBe(404);
        expect((await otherReception.post(`/api/appointments/${a.id}/attended`, {}, ifMatch(1))).statusCode).toBe(404);
        expect((await otherReception.get('/api/appointments', { query: { centreId, date: localDate(LONDON, Date.now()) } })).statusCode).toBe(404);
      });
    });

    describe('the diary day and today', () => {
      it('lists one centre\'s day by start time, for one clinician or all', async () => {
        const date = addDays(localDate(LONDON, Date.now()), dayOffset);
        const late = await book({ start: at(dayOffset, '16:00') });
        const early = await book({ start: at(dayOffset, '09:00'), clinicianId: secondClinicianId, patientId: secondPatient.id });
        await book({ start: at(dayOffset + 300, '09:00') }); // another day, far from every other test's
        const all = (await chiro.get('/api/appointments', { query: { centreId, date } })).json<Appointment[]>();
        expect(all.map((a) => a.id)).toEqual([early.id, late.id]);
        const one = (await reception.get('/api/appointments', { query: { centreId, date, clinicianId } })).json<Appointment[]>();
        expect(one.map((a) => a.id)).toEqual([late.id]);
        expect((await reception.get('/api/appointments', { query: { centreId, date: '2027-02-30x' } })).statusCode).toBe(400);
      });

      it('gives the signed-in chiropractor their appointments today with patient names', async () => {
        const mine = await pastAppointment(0, 5, clinicianId);
        const theirs = await pastAppointment(0, 10, secondClinicianId);
        const response = await chiro.get('/api/today');
        expect(response.statusCode).toBe(200);
        const today = response.json<Today>();
        expect(today.date).toBe(localDate(LONDON, Date.now()));
        const ids = today.appointments.map((a) => a.id);
        if (localDate(LONDON, Date.parse(mine.start)) === today.date) expect(ids).toContain(mine.id);
        expect(ids).not.toContain(theirs.id);
        for (const a of today.appointments) {
          expect(a.clinicianId).toBe(clinicianId);
          expect(a.patientName).toMatch(/Diary$/);
        }
        expect((await reception.get('/api/today')).statusCode).toBe(403);
        const asManager = (await manager.get('/api/today', { query: { clinicianId: secondClinicianId } })).json<Today>();
        if (localDate(LONDON, Date.parse(theirs.start)) === today.date) expect(asManager.appointments.map((a) => a.id)).toContain(theirs.id);
      });
    });
  });
}
