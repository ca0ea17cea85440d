import { sql } from 'kysely';
import type { Patient, PatientDetail, PatientExport, PatientPage } from '../../shared/api/diary';
import { normaliseName } from '../../shared/triage/matching';
import { FOLLOW_UP_TYPE_ID } from '../db/migrations/003-diary';
import { insertAppointment } from '../db/repositories/appointments';
import { addDays, localDate, localToUtc } from '../db/repositories/diary';
import { findPatientRow, tablesLinkedToPatients } from '../db/repositories/patients';
import { type Agent, createCentre, createStaff, createTestApp, ENGINES, ifMatch, signIn, type TestApp } from './helpers/test-app';

const VALID_NHS = '9434765919';

function patientBody(centreId: string, overrides: Record<string, unknown> = {}) {
  return {
    centreId,
    givenName: 'Mary',
    familyName: 'Smith',
    dateOfBirth: '1980-03-14',
    phone: '07700 900123',
    email: 'Mary.Smith@Example.com',
    address: '4 Mill Lane, Abingdon OX14 5AA',
    gpPractice: 'Abbey House Surgery',
    nhsNumber: '943 476 5919',
    communicationNeeds: { largePrint: true, language: 'Welsh', other: null },
    contactConsent: true,
    ...overrides,
  };
}

for (const engine of ENGINES) {
  describe(`patients API (${engine})`, () => {
    let t: TestApp;
    let centreId: string;
    let otherCentreId: string;
    let reception: Agent;
    let otherReception: Agent;
    let chiro: Agent;
    let manager: Agent;
    let chiroId: string;

    beforeAll(async () => {
      t = await createTestApp(engine);
      centreId = (await createCentre(t.db)).id;
      otherCentreId = (await createCentre(t.db)).id;
      const r = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId] });
      const r2 = await createStaff(t.db, { role: 'receptionist', centreIds: [otherCentreId] });
      const c = await createStaff(t.db, { role: 'chiropractor', centreIds: [centreId] });
      const m = await createStaff(t.db, { role: 'manager', centreIds: [centreId] });
      chiroId = c.id;
      reception = await signIn(t.app, r.email, r.password);
      otherReception = await signIn(t.app, r2.email, r2.password);
      chiro = await signIn(t.app, c.email, c.password);
      manager = await signIn(t.app, m.email, m.password);
    }, 60_000);
    afterAll(async () => t.close());

    async function create(overrides: Record<string, unknown> = {}, as: Agent = reception): Promise<Patient> {
      const response = await as.post('/api/patients', patientBody(centreId, overrides));
      expect(response.statusCode).withContext(response.body).toBe(201);
      return response.json<Patient>();
    }

    async function countPatients(): Promise<number> {
      const row = await t.db.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    }

    async function auditActions(entityId: string): Promise<string[]> {
      const rows = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', entityId).orderBy('seq').execute();
      return rows.map((r) => r.action);
    }

    /** A past appointment for the patient, straight through the repository. */
    async function pastAppointment(patientId: string, daysAgo: number, requestId: string | null = null) {
      const date = addDays(localDate('Europe/London', Date.now()), -daysAgo);
      const start = localToUtc('Europe/London', date, 10 * 60)!;
      return insertAppointment(t.db, {
        centreId, clinicianId: chiroId, patientId, typeId: FOLLOW_UP_TYPE_ID, status: 'attended', requestId,
        start: new Date(start).toISOString(), end: new Date(start + 20 * 60_000).toISOString(),
      });
    }

    describe('creating', () => {
      it('lets a receptionist add a patient, normalising the NHS number and filling the match keys', async () => {
        const response = await reception.post('/api/patients', patientBody(centreId));
        expect(response.statusCode).withContext(response.body).toBe(201);
        const patient = response.json<Patient>();
        expect(response.headers['etag']).toBe('"1"');
        expect(patient).toEqual(jasmine.objectContaining({
          centreId, givenName: 'Mary', familyName: 'Smith', dateOfBirth: '1980-03-14', phone: '07700 900123',
          email: 'Mary.Smith@Example.com', nhsNumber: VALID_NHS, contactConsent: true, mergedInto: null, anonymisedAt: null, version: 1,
          communicationNeeds: { largePrint: true, language: 'Welsh', other: null },
        }));
        const row = (await findPatientRow(t.db, patient.id))!;
        expect(row.name_norm).toBe('mary smith');
        expect(row.phone_e164).toBe('+447700900123');
        expect(row.email_norm).toBe('mary.smith@example.com');
        expect(await auditActions(patient.id)).toEqual(['patient.created']);
      });

      it('needs only a name, a date of birth and a centre', async () => {
        const response = await reception.post('/api/patients', { centreId, givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1990-01-02' });
        expect(response.statusCode).withContext(response.body).toBe(201);
        expect(response.json<Patient>()).toEqual(jasmine.objectContaining({
          phone: '', email: '', address: '', gpPractice: '', nhsNumber: null, contactConsent: false,
          communicationNeeds: { largePrint: false, language: null, other: null },
        }));
      });

      const bad: [string, Record<string, unknown>, string][] = [
        ['a missing first name', { givenName: undefined }, 'givenName'],
        ['a blank first name', { givenName: '   ' }, 'givenName'],
        ['a missing last name', { familyName: undefined }, 'familyName'],
        ['a last name over 80 characters', { familyName: 'x'.repeat(81) }, 'familyName'],
        ['a date of birth written the British way', { dateOfBirth: '14/03/1980' }, 'dateOfBirth'],
        ['a date of birth that does not exist', { dateOfBirth: '1981-02-29' }, 'dateOfBirth'],
        ['a date of birth in the future', { dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
        ['a date of birth before 1900', { dateOfBirth: '1850-06-01' }, 'dateOfBirth'],
        ['a phone number with letters', { phone: 'call me maybe' }, 'phone'],
        ['a phone number too short', { phone: '12345' }, 'phone'],
        ['an email without a domain', { email: 'mary@' }, 'email'],
        ['an NHS number with a wrong check digit', { nhsNumber: '943 476 5918' }, 'nhsNumber'],
        ['an NHS number with nine digits', { nhsNumber: '943476591' }, 'nhsNumber'],
        ['an NHS number of one repeated digit', { nhsNumber: '1111111111' }, 'nhsNumber'],
        ['an NHS number with letters', { nhsNumber: '943A765919' }, 'nhsNumber'],
        ['large print that is not true or false', { communicationNeeds: { largePrint: 'yes', language: null, other: null } }, 'communicationNeeds.largePrint'],
        ['a language over 80 characters', { communicationNeeds: { largePrint: false, language: 'x'.repeat(81), other: null } }, 'communicationNeeds.language'],
        ['communication needs missing a field', { communicationNeeds: { largePrint: false } }, 'communicationNeeds.language'],
        ['consent given as text', { contactConsent: 'true' }, 'contactConsent'],
        ['an address over 300 characters', { address: 'x'.repeat(301) }, 'address'],
        ['a GP practice over 200 characters', { gpPractice: 'x'.repeat(201) }, 'gpPractice'],
        ['a field the API does not know', { favouriteColour: 'blue' }, 'favouriteColour'],
        ['no centre', { centreId: undefined }, 'centreId'],
        ['a centre the receptionist does not work at', { centreId: 'OTHER' }, 'centreId'],
      ];
      for (const [what, overrides, field] of bad) {
        it(`refuses ${what}, naming the field, and stores nothing`, async () => {
          const before = await countPatients();
          const body: Record<string, unknown> = patientBody(centreId, overrides);
          if (overrides['centreId'] === 'OTHER') body['centreId'] = otherCentreId;
          for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
          const response = await reception.post('/api/patients', body);
          expect(response.statusCode).withContext(response.body).toBe(400);
          expect(Object.keys(response.json().error.fields ?? {})).withContext(response.body).toContain(field);
          expect(await countPatients()).toBe(before);
        });
      }

      it('does not let a chiropractor add a patient', async () => {
        const response = await chiro.post('/api/patients', patientBody(centreId));
        expect(response.statusCode).toBe(403);
      });
    });

    describe('searching', () => {
      let mary: Patient;
      let other: Patient;
      beforeAll(async () => {
        mary = await create({ givenName: 'Rosalind', familyName: 'Featherstonehaugh', phone: '07700 900777', email: 'ros.f@example.org', nhsNumber: '401 023 2137', dateOfBirth: '1955-07-09' });
        other = (await otherReception.post('/api/patients', patientBody(otherCentreId, { givenName: 'Rosalind', familyName: 'Featherstonehaugh', phone: '07700 900777' }))).json<Patient>();
      });

      async function search(q: string, as: Agent = reception): Promise<PatientPage> {
        const response = await as.get('/api/patients', { query: { q } });
        expect(response.statusCode).withContext(response.body).toBe(200);
        return response.json<PatientPage>();
      }

      const keys: [string, string][] = [
        ['family name in any case', 'FEATHERSTONEHAUGH'],
        ['part of a name', 'feathers'],
        ['first and last name', 'rosalind featherstonehaugh'],
        ['phone as typed', '07700 900777'],
        ['phone with +44', '+44 7700 900777'],
        ['phone with dashes', '07700-900-777'],
        ['the end of the phone number', '900777'],
        ['date of birth, ISO', '1955-07-09'],
        ['date of birth, day first', '09/07/1955'],
        ['date of birth, dots and no zeros', '9.7.1955'],
        ['NHS number with spaces', '401 023 2137'],
        ['NHS number without spaces', '4010232137'],
        ['email', 'ROS.F@example.org'],
        ['name and date of birth together', 'rosalind 09/07/1955'],
      ];
      for (const [what, q] of keys) {
        it(`finds a patient by ${what}, only in the user's centres`, async () => {
          const page = await search(q);
          expect(page.items.map((p) => p.id)).withContext(q).toEqual([mary.id]);
          expect(page.total).toBe(1);
        });
      }

      it('finds nothing for a key that does not match', async () => {
        expect((await search('rosalind 10/07/1955')).total).toBe(0);
        expect((await search('07700 900778')).total).toBe(0);
      });

      it('shows another centre\'s receptionist only their own patient', async () => {
        const page = await search('featherstonehaugh', otherReception);
        expect(page.items.map((p) => p.id)).toEqual([other.id]);
      });

      it('lets a manager see every centre, or one', async () => {
        expect((await search('featherstonehaugh', manager)).total).toBe(2);
        const one = await manager.get('/api/patients', { query: { q: 'featherstonehaugh', centreId: otherCentreId } });
        expect(one.json<PatientPage>().items.map((p) => p.id)).toEqual([other.id]);
      });

      it('pages through the list by family name with a total', async () => {
        for (const family of ['Aaronson', 'Abbott', 'Abel']) await create({ familyName: family, givenName: 'Pager' });
        const first = (await reception.get('/api/patients', { query: { q: 'pager', limit: '2', offset: '0' } })).json<PatientPage>();
        const second = (await reception.get('/api/patients', { query: { q: 'pager', limit: '2', offset: '2' } })).json<PatientPage>();
        expect(first.total).toBe(3);
        expect(first.items.map((p) => p.familyName)).toEqual(['Aaronson', 'Abbott']);
        expect(second.items.map((p) => p.familyName)).toEqual(['Abel']);
        const unfiltered = (await reception.get('/api/patients', { query: { limit: '3' } })).json<PatientPage>();
        expect(unfiltered.items.length).toBe(3);
        expect(unfiltered.total).toBeGreaterThanOrEqual(4);
      });

      it('refuses a page size over 100', async () => {
        expect((await reception.get('/api/patients', { query: { limit: '101' } })).statusCode).toBe(400);
      });
    });

    describe('reading and editing', () => {
      it('shows the record with appointments and the requests behind them, and audits the read', async () => {
        const patient = await create({ givenName: 'Reader' });
        const appointment = await pastAppointment(patient.id, 3, 'req-123');
        const response = await chiro.get(`/api/patients/${patient.id}`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['etag']).toBe('"1"');
        const detail = response.json<PatientDetail>();
        expect(detail.patient.id).toBe(patient.id);
        expect(detail.appointments.map((a) => a.id)).toEqual([appointment.id]);
        expect(detail.appointments[0]!.patientName).toBe('Reader Smith');
        expect(detail.requestIds).toEqual(['req-123']);
        expect(await auditActions(patient.id)).toContain('patient.viewed');
      });

      it('answers 404 for another centre\'s patient, on every route', async () => {
        const patient = await create();
        expect((await otherReception.get(`/api/patients/${patient.id}`)).statusCode).toBe(404);
        expect((await otherReception.put(`/api/patients/${patient.id}`, patientBody(otherCentreId), ifMatch(1))).statusCode).toBe(404);
        expect((await reception.get('/api/patients/no-such-patient')).statusCode).toBe(404);
      });

      it('needs If-Match to edit (428), refuses a stale version (412) and keeps fields left out', async () => {
        const patient = await create();
        const edit = { centreId, givenName: 'Maria', familyName: 'Smith-Jones', dateOfBirth: '1980-03-14', phone: '+44 7700 900124' };
        expect((await reception.put(`/api/patients/${patient.id}`, edit)).statusCode).toBe(428);
        const saved = await reception.put(`/api/patients/${patient.id}`, edit, ifMatch(1));
        expect(saved.statusCode).withContext(saved.body).toBe(200);
        expect(saved.headers['etag']).toBe('"2"');
        expect(saved.json<Patient>()).toEqual(jasmine.objectContaining({
          givenName: 'Maria', familyName: 'Smith-Jones', phone: '+44 7700 900124', nhsNumber: VALID_NHS, email: 'Mary.Smith@Example.com', version: 2,
        }));
        const row = (await findPatientRow(t.db, patient.id))!;
        expect(row.name_norm).toBe(normaliseName('Maria Smith-Jones'));
        expect(row.phone_e164).toBe('+447700900124');
        const stale = await reception.put(`/api/patients/${patient.id}`, { ...edit, givenName: 'Marie' }, ifMatch(1));
        expect(stale.statusCode).toBe(412);
        expect((await findPatientRow(t.db, patient.id))!.given_name).toBe('Maria');
        expect(await auditActions(patient.id)).toEqual(['patient.created', 'patient.updated']);
      });

      it('checks an edit like a new record', async () => {
        const patient = await create();
        const response = await reception.put(`/api/patients/${patient.id}`, patientBody(centreId, { nhsNumber: '9434765918' }), ifMatch(1));
        expect(response.statusCode).toBe(400);
        expect(response.json().error.fields.nhsNumber).toContain('NHS number');
      });

      it('does not let a chiropractor edit demographics', async () => {
        const patient = await create();
        expect((await chiro.put(`/api/patients/${patient.id}`, patientBody(centreId), ifMatch(1))).statusCode).toBe(403);
      });
    });

    describe('merging', () => {
      it('moves everything to the survivor, keeps the duplicate marked merged, fills gaps and audits both', async () => {
        const survivor = await create({ givenName: 'Jon', familyName: 'Merge', nhsNumber: null, gpPractice: '' });
        const duplicate = await create({ givenName: 'Jonathan', familyName: 'Merge', nhsNumber: VALID_NHS, gpPractice: 'Malthouse Surgery' });
        const earlier = await create({ givenName: 'John', familyName: 'Merge', nhsNumber: null });
        const kept = await pastAppointment(survivor.id, 2);
        const movedA = await pastAppointment(duplicate.id, 5, 'req-a');
        const movedB = await pastAppointment(duplicate.id, 9);
        const movedC = await pastAppointment(earlier.id, 12);
        // earlier → duplicate first, so the chain has to follow through.
        const first = await manager.post(`/api/patients/${duplicate.id}/merge`, { duplicateId: earlier.id, duplicateVersion: 1 }, ifMatch(1));
        expect(first.statusCode).withContext(first.body).toBe(200);

        const response = await manager.post(`/api/patients/${survivor.id}/merge`, { duplicateId: duplicate.id, duplicateVersion: 2 }, ifMatch(1));
        expect(response.statusCode).withContext(response.body).toBe(200);
        const detail = response.json<PatientDetail>();
        expect(detail.appointments.map((a) => a.id).sort()).toEqual([kept.id, movedA.id, movedB.id, movedC.id].sort());
        expect(detail.requestIds).toEqual(['req-a']);
        expect(detail.patient.nhsNumber).toBe(VALID_NHS);
        expect(detail.patient.gpPractice).toBe('Malthouse Surgery');
        expect(detail.patient.givenName).toBe('Jon');
        expect(detail.mergedFrom.map((m) => m.id)).toEqual([duplicate.id]);

        const dup = (await findPatientRow(t.db, duplicate.id))!;
        expect(dup.merged_into).toBe(survivor.id);
        expect(dup.given_name).toBe('Jonathan');
        expect((await findPatientRow(t.db, earlier.id))!.merged_into).toBe(survivor.id);
        const merges = await t.db.selectFrom('patient_merges').selectAll().where('survivor_id', '=', survivor.id).execute();
        expect(merges.length).toBe(1);
        const snapshot = JSON.parse(merges[0]!.snapshot);
        expect(snapshot.duplicate.givenName).toBe('Jonathan');
        expect(snapshot.moved.appointments.sort()).toEqual([movedA.id, movedB.id, movedC.id].sort());
        expect(await auditActions(survivor.id)).toContain('patient.merged');
        expect(await auditActions(duplicate.id)).toContain('patient.merged-into');

        // The duplicate still opens (so old links work) and says where it went; search hides it unless asked.
        const old = await reception.get(`/api/patients/${duplicate.id}`);
        expect(old.json<PatientDetail>().patient.mergedInto).toBe(survivor.id);
        const found = (await reception.get('/api/patients', { query: { q: 'merge' } })).json<PatientPage>();
        expect(found.items.map((p) => p.id)).toEqual([survivor.id]);
        const all = (await reception.get('/api/patients', { query: { q: 'merge', includeMerged: 'true' } })).json<PatientPage>();
        expect(all.total).toBe(3);
      });

      it('moves rows of every table that names a patient, even one this area does not know, and exports them', async () => {
        await sql`CREATE TABLE zz_linked_notes (id text PRIMARY KEY, patient_id text NOT NULL, note text NOT NULL)`.execute(t.db);
        const survivor = await create({ familyName: 'Linked' });
        const duplicate = await create({ familyName: 'Linked' });
        await sql`INSERT INTO zz_linked_notes (id, patient_id, note) VALUES ('n1', ${duplicate.id}, 'first'), ('n2', ${duplicate.id}, 'second'), ('n3', ${survivor.id}, 'own')`.execute(t.db);
        const tables = await tablesLinkedToPatients(t.db);
        expect(tables).toContain('appointments');
        expect(tables).toContain('zz_linked_notes');
        expect(tables).not.toContain('patients');
        const merged = await manager.post(`/api/patients/${survivor.id}/merge`, { duplicateId: duplicate.id, duplicateVersion: 1 }, ifMatch(1));
        expect(merged.statusCode).withContext(merged.body).toBe(200);
        const { rows } = await sql<{ id: string; patient_id: string }>`SELECT id, patient_id FROM zz_linked_notes ORDER BY id`.execute(t.db);
        expect(rows.map((r) => [r.id, r.patient_id])).toEqual([['n1', survivor.id], ['n2', survivor.id], ['n3', survivor.id]]);
        const exported = (await manager.get(`/api/patients/${survivor.id}/export`)).json<PatientExport>();
        expect((exported.related['zz_linked_notes'] ?? []).map((r) => r['note']).sort()).toEqual(['first', 'own', 'second']);
        expect(exported.merges.map((m) => m.mergedId)).toEqual([duplicate.id]);
        await sql`DROP TABLE zz_linked_notes`.execute(t.db);
      });

      it('is for managers, needs If-Match, refuses stale versions and a second merge', async () => {
        const a = await create({ familyName: 'Twice' });
        const b = await create({ familyName: 'Twice' });
        expect((await reception.post(`/api/patients/${a.id}/merge`, { duplicateId: b.id, duplicateVersion: 1 }, ifMatch(1))).statusCode).toBe(403);
        expect((await chiro.post(`/api/patients/${a.id}/merge`, { duplicateId: b.id, duplicateVersion: 1 }, ifMatch(1))).statusCode).toBe(403);
        expect((await manager.post(`/api/patients/${a.id}/merge`, { duplicateId: b.id, duplicateVersion: 1 })).statusCode).toBe(428);
        expect((await manager.post(`/api/patients/${a.id}/merge`, { duplicateId: b.id, duplicateVersion: 7 }, ifMatch(1))).statusCode).toBe(412);
        expect((await manager.post(`/api/patients/${a.id}/merge`, { duplicateId: a.id, duplicateVersion: 1 }, ifMatch(1))).statusCode).toBe(400);
        expect((await manager.post(`/api/patients/${a.id}/merge`, { duplicateId: b.id, duplicateVersion: 1 }, ifMatch(1))).statusCode).toBe(200);
        const again = await manager.post(`/api/patients/${a.id}/merge`, { duplicateId: b.id, duplicateVersion: 2 }, ifMatch(2));
        expect(again.statusCode).toBe(409);
        expect((await reception.put(`/api/patients/${b.id}`, patientBody(centreId), ifMatch(2))).statusCode).toBe(409);
        expect((await findPatientRow(t.db, a.id))!.version).toBe(2);
      });
    });

    describe('subject access export', () => {
      it('gives a manager everything held as JSON, and audits the export', async () => {
        const patient = await create({ givenName: 'Export' });
        const appointment = await pastAppointment(patient.id, 4, 'req-export');
        const response = await manager.get(`/api/patients/${patient.id}/export`);
        expect(response.statusCode).withContext(response.body).toBe(200);
        expect(response.headers['content-disposition']).toContain(`patient-${patient.id}.json`);
        expect(response.headers['cache-control']).toBe('no-store');
        const data = response.json<PatientExport>();
        expect(data.patient).toEqual(jasmine.objectContaining({ id: patient.id, givenName: 'Export', nhsNumber: VALID_NHS, address: '4 Mill Lane, Abingdon OX14 5AA' }));
        expect(data.appointments.map((a) => a.id)).toEqual([appointment.id]);
        expect(data.auditTrail.map((a) => a.action)).toEqual(['patient.created', 'patient.exported']);
        expect(Object.keys(data.related)).toContain('mergedRecords');
        expect(await auditActions(patient.id)).toContain('patient.exported');
      });

      it('is for managers only', async () => {
        const patient = await create();
        expect((await reception.get(`/api/patients/${patient.id}/export`)).statusCode).toBe(403);
        expect((await chiro.get(`/api/patients/${patient.id}/export`)).statusCode).toBe(403);
        expect(await auditActions(patient.id)).not.toContain('patient.exported');
      });
    });

    describe('anonymising', () => {
      it('replaces identifiers, keeps appointments and the record, records why, and stops matching', async () => {
        const patient = await create({ givenName: 'Erasmus', familyName: 'Forgetme', phone: '07700 900555', dateOfBirth: '1971-06-30' });
        const appointment = await pastAppointment(patient.id, 7);
        const response = await manager.post(`/api/patients/${patient.id}/anonymise`, { reason: 'Asked for erasure by letter on 3 November' }, ifMatch(1));
        expect(response.statusCode).withContext(response.body).toBe(200);
        const saved = response.json<Patient>();
        expect(saved).toEqual(jasmine.objectContaining({
          givenName: 'Anonymised', familyName: 'patient', phone: '', email: '', address: '', gpPractice: '', nhsNumber: null,
          dateOfBirth: '1971-01-01', contactConsent: false, version: 2,
        }));
        expect(saved.anonymisedAt).not.toBeNull();
        const row = (await findPatientRow(t.db, patient.id))!;
        expect([row.name_norm, row.phone_e164, row.email_norm]).toEqual([null, null, null]);
        expect(row.anonymised_reason).toBe('Asked for erasure by letter on 3 November');
        const detail = (await manager.get(`/api/patients/${patient.id}`)).json<PatientDetail>();
        expect(detail.appointments.map((a) => a.id)).toEqual([appointment.id]);
        expect(detail.appointments[0]!.patientName).toBe('Anonymised patient');
        expect((await manager.get('/api/patients', { query: { q: 'forgetme' } })).json<PatientPage>().total).toBe(0);
        expect((await manager.get('/api/patients', { query: { q: '07700 900555' } })).json<PatientPage>().items.map((p) => p.id)).not.toContain(patient.id);
        const audit = await t.db.selectFrom('audit_events').selectAll().where('entity_id', '=', patient.id).where('action', '=', 'patient.anonymised').executeTakeFirstOrThrow();
        expect(JSON.parse(audit.detail).reason).toBe('Asked for erasure by letter on 3 November');
        expect((await manager.post(`/api/patients/${patient.id}/anonymise`, { reason: 'again' }, ifMatch(2))).statusCode).toBe(409);
        expect((await reception.put(`/api/patients/${patient.id}`, patientBody(centreId), ifMatch(2))).statusCode).toBe(409);
      });

      it('needs a manager, a reason and the current version', async () => {
        const patient = await create();
        expect((await reception.post(`/api/patients/${patient.id}/anonymise`, { reason: 'Because' }, ifMatch(1))).statusCode).toBe(403);
        expect((await manager.post(`/api/patients/${patient.id}/anonymise`, {}, ifMatch(1))).statusCode).toBe(400);
        expect((await manager.post(`/api/patients/${patient.id}/anonymise`, { reason: '   ' }, ifMatch(1))).statusCode).toBe(400);
        expect((await manager.post(`/api/patients/${patient.id}/anonymise`, { reason: 'Because' })).statusCode).toBe(428);
        expect((await manager.post(`/api/patients/${patient.id}/anonymise`, { reason: 'Because' }, ifMatch(3))).statusCode).toBe(412);
        expect((await findPatientRow(t.db, patient.id))!.given_name).toBe('Mary');
      });
    });
  });
}
