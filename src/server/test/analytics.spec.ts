import { randomUUID } from 'node:crypto';
import type { Analytics } from '../../shared/api/analytics';
import { emptyExam, emptyFinding, type ExamContent } from '../../shared/exam';
import type { Db } from '../db/database';
import { localMidnightUtc, weekStart } from '../db/repositories/analytics';
import { insertHandout } from '../db/repositories/handouts';
import { backfillFirstContactMinutes } from '../db/repositories/requests';
import { insertVisit } from '../db/repositories/visits';
import type { RequestsTable } from '../db/tables/requests';
import { nowIso } from '../db/time';
import { createCentre, createPatient, createStaff, createTestApp, ENGINES, ifMatch, signIn, type TestApp } from './helpers/test-app';

/*
 * A small data set whose every figure is worked out by hand below. The range 28–30 March 2026
 * spans the change to summer time (01:00 UTC on Sunday 29 March), so local days and hours matter.
 */

type RequestFixture = Partial<RequestsTable> & Pick<RequestsTable, 'received_local_date' | 'received_local_hour' | 'received_weekday' | 'received_at' | 'due_at'>;

async function insertRequest(db: Db, centreId: string | null, row: RequestFixture): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await db.insertInto('requests').values({
    id, reference: `CB-${id.slice(0, 5).toUpperCase()}`, kind: 'callback', source: 'web-form', centre_id: centreId,
    name: 'Test Person', name_norm: 'test person', phone: null, phone_e164: null, email: null, email_norm: null,
    message: 'Calf cramp at night', preferences: '{}', consent: 1, priority: 'routine', priority_rank: 2, red_flags: '[]',
    flags_acknowledged_at: null, flags_acknowledged_by: null, status: 'new', outcome: null, outcome_note: null,
    closed_at: null, closed_by: null, holder_id: null, held_at: null, hold_expires_at: null,
    first_contact_at: null, attempt_count: 0, failed_attempt_count: 0, last_attempt_at: null, next_attempt_at: null,
    match_kind: null, match_count: 0, matches: '{"patients":[],"requests":[]}', patient_id: null, appointment_id: null,
    duplicate_of: null, quarantined: 0, quarantine_reason: null, client_key: null, created_by: null, version: 1,
    created_at: now, updated_at: now,
    ...row,
  }).execute();
  return id;
}


async function insertAppointment(db: Db, centreId: string, clinicianId: string, patientId: string, startAt: string, status: string): Promise<string> {
  const id = randomUUID();
  const type = await db.selectFrom('appointment_types').select('id').executeTakeFirstOrThrow();
  const end = new Date(Date.parse(startAt) + 20 * 60_000).toISOString();
  await db.insertInto('appointments').values({
    id, centre_id: centreId, clinician_id: clinicianId, patient_id: patientId, type_id: type.id, start_at: startAt, end_at: end,
    status: status as 'booked', request_id: null, cancel_reason: null, created_by: null, version: 1, created_at: nowIso(), updated_at: nowIso(),
  }).execute();
  return id;
}

function exam(nprs: number, bournemouth: number[] | null, findings: ExamContent['findings'] = []): ExamContent {
  const content = emptyExam();
  content.outcomes.nprs = nprs;
  if (bournemouth) content.outcomes.bournemouth = { version: 'back', items: bournemouth };
  content.findings = findings;
  return content;
}

function finding(type: 'facet-joint' | 'disc-irritation', region: 'lumbar' | 'cervical') {
  return { ...emptyFinding(type, randomUUID()), region } as ExamContent['findings'][number];
}

describe('analytics date helpers', () => {
  it('finds the UTC start of a local day on both sides of the summer-time change', () => {
    expect(localMidnightUtc('2026-03-28', 'Europe/London')).toBe('2026-03-28T00:00:00.000Z');
    expect(localMidnightUtc('2026-03-30', 'Europe/London')).toBe('2026-03-29T23:00:00.000Z');
    expect(localMidnightUtc('2026-10-26', 'Europe/London')).toBe('2026-10-26T00:00:00.000Z');
  });

  it('groups days into weeks starting on Monday', () => {
    expect(weekStart('2026-03-29')).toBe('2026-03-23');
    expect(weekStart('2026-03-30')).toBe('2026-03-30');
  });
});

for (const engine of ENGINES) {
  describe(`analytics figures, computed by hand (${engine})`, () => {
    let t: TestApp;
    let manager: Awaited<ReturnType<typeof signIn>>;
    let centreA: string;

    beforeAll(async () => {
      t = await createTestApp(engine);
      const db = t.db;
      centreA = (await createCentre(db, { name: 'Centre A' })).id;
      const centreB = (await createCentre(db, { name: 'Centre B' })).id;
      const chiro = await createStaff(db, { role: 'chiropractor', centreIds: [centreA] });
      const m = await createStaff(db, { role: 'manager', centreIds: [centreA, centreB] });
      manager = await signIn(t.app, m.email, m.password);

      const patient1 = await createPatient(db, centreA);
      const patient2 = await createPatient(db, centreA);
      // a1 attended on Saturday 28th; a2 did not attend late on Sunday 29th (BST); a3 cancelled;
      // a4 is 00:30 on Tuesday 31st in BST, which is still the 30th in UTC: outside the range.
      const a1 = await insertAppointment(db, centreA, chiro.id, patient1, '2026-03-28T11:00:00.000Z', 'attended');
      await insertAppointment(db, centreA, chiro.id, patient2, '2026-03-29T22:30:00.000Z', 'did-not-attend');
      await insertAppointment(db, centreA, chiro.id, patient2, '2026-03-30T09:00:00.000Z', 'cancelled');
      await insertAppointment(db, centreA, chiro.id, patient1, '2026-03-30T23:30:00.000Z', 'attended');

      // r1: callback, web form, Sat 10:xx, first contact after 30 business minutes, before its due time; booked and attended.
      await insertRequest(db, centreA, {
        received_at: '2026-03-28T10:00:00.000Z', received_local_date: '2026-03-28', received_local_hour: 10, received_weekday: 6,
        due_at: '2026-03-28T12:00:00.000Z', first_contact_at: '2026-03-28T10:30:00.000Z', first_contact_business_minutes: 30,
        appointment_id: a1, status: 'closed', outcome: 'booked',
      });
      // r2: appointment request by phone on Sunday 29th, never contacted and already overdue.
      await insertRequest(db, centreA, {
        kind: 'appointment', source: 'phone', received_at: '2026-03-29T09:00:00.000Z', received_local_date: '2026-03-29',
        received_local_hour: 10, received_weekday: 0, due_at: '2026-03-30T11:00:00.000Z',
      });
      // r3: urgent callback on Monday 30th, contacted after 200 business minutes, after its due time; closed with advice.
      await insertRequest(db, centreA, {
        received_at: '2026-03-30T08:00:00.000Z', received_local_date: '2026-03-30', received_local_hour: 9, received_weekday: 1,
        due_at: '2026-03-30T08:30:00.000Z', first_contact_at: '2026-03-30T11:20:00.000Z', first_contact_business_minutes: 200,
        priority: 'urgent', priority_rank: 1, status: 'closed', outcome: 'advice-given',
      });
      // Left out: quarantined spam, another centre, and a day after the range.
      await insertRequest(db, centreA, {
        received_at: '2026-03-28T10:00:00.000Z', received_local_date: '2026-03-28', received_local_hour: 10, received_weekday: 6,
        due_at: '2026-03-28T12:00:00.000Z', quarantined: 1, quarantine_reason: 'honeypot',
      });
      await insertRequest(db, centreB, {
        received_at: '2026-03-28T10:00:00.000Z', received_local_date: '2026-03-28', received_local_hour: 10, received_weekday: 6,
        due_at: '2026-03-28T12:00:00.000Z',
      });
      await insertRequest(db, centreA, {
        received_at: '2026-03-31T10:00:00.000Z', received_local_date: '2026-03-31', received_local_hour: 11, received_weekday: 2,
        due_at: '2026-03-31T12:00:00.000Z',
      });

      // Outcomes: patient 1's pain 8 → 7 → 5 (improved by 3 by the third visit); patient 2's 6 → 6 → 5 (not).
      // Bournemouth: patient 1 40 → 30 (−10), patient 2 20 → 24 (+4): average −3.
      const visits: [string, string, ExamContent][] = [
        [patient1, '2026-03-28', exam(8, [6, 6, 6, 6, 6, 5, 5], [finding('facet-joint', 'lumbar')])],
        [patient1, '2026-03-29', exam(7, null, [finding('facet-joint', 'lumbar')])],
        [patient1, '2026-03-30', exam(5, [5, 5, 4, 4, 4, 4, 4])],
        [patient2, '2026-03-28', exam(6, [3, 3, 3, 3, 3, 3, 2], [finding('disc-irritation', 'cervical')])],
        [patient2, '2026-03-29', exam(6, null)],
        [patient2, '2026-03-30', exam(5, [4, 4, 4, 3, 3, 3, 3])],
      ];
      const visitIds: string[] = [];
      for (const [patientId, visitDate, content] of visits) {
        visitIds.push(await insertVisit(db, { patientId, centreId: centreA, clinicianId: chiro.id, appointmentId: null, visitDate, content }));
      }
      // Two sheets issued today: calf stretch on both, fluids on one.
      const header = { centreName: 'Centre A', centreAddress: '', centrePhone: '', patientName: 'Pat', clinicianName: 'Dr', issuedDate: '' };
      for (const keys of [['calf-stretch-wall', 'fluids'], ['calf-stretch-wall']]) {
        await insertHandout(db, {
          patientId: patient1, visitId: visitIds[0]!, centreId: centreA, clinicianId: chiro.id, largePrint: false, text: keys.join('\n'), readingAge: 8,
          snapshot: { header, leftOut: [], items: keys.map((moduleKey) => ({ moduleKey, versionNo: 1, reason: 'test', module: {} as never, personal: {} })) },
        });
      }
    });
    afterAll(async () => t.close());

    async function analytics(query: string): Promise<Analytics> {
      const response = await manager.get(`/api/analytics?${query}`);
      expect(response.statusCode).withContext(response.body).toBe(200);
      return response.json() as Analytics;
    }

    it('counts the KPI tiles', async () => {
      const { kpis } = await analytics(`from=2026-03-28&to=2026-03-30&centres=${centreA}`);
      expect(kpis.requestsReceived).toBe(3);
      expect(kpis.medianFirstContactMinutes).toBe(30);
      expect(kpis.answeredWithinTarget).toBeCloseTo(1 / 3, 6);
      expect(kpis.conversionToFirstVisit).toBeCloseTo(1 / 3, 6);
      expect(kpis.didNotAttendRate).toBeCloseTo(1 / 2, 6);
    });

    it('breaks requests down by day, kind and channel, and by weekday and hour', async () => {
      const result = await analytics(`from=2026-03-28&to=2026-03-30&centres=${centreA}`);
      expect(result.requestsPerDay).toEqual([
        { date: '2026-03-28', kind: 'callback', source: 'web-form', count: 1 },
        { date: '2026-03-29', kind: 'appointment', source: 'phone', count: 1 },
        { date: '2026-03-30', kind: 'callback', source: 'web-form', count: 1 },
      ]);
      expect([...result.arrivals].sort((a, b) => a.weekday - b.weekday)).toEqual([
        { weekday: 0, hour: 10, count: 1 }, { weekday: 1, hour: 9, count: 1 }, { weekday: 6, hour: 10, count: 1 },
      ]);
    });

    it('shows time to first contact against the target, and breaches by week', async () => {
      const { firstContact } = await analytics(`from=2026-03-28&to=2026-03-30&centres=${centreA}`);
      expect(firstContact.buckets.map((b) => b.count)).toEqual([0, 1, 0, 1, 0, 0]);
      expect(firstContact.medianMinutes).toBe(30);
      expect(firstContact.p90Minutes).toBe(200);
      expect(firstContact.breachesByWeek).toEqual([
        { weekStart: '2026-03-23', due: 2, breached: 1 },
        { weekStart: '2026-03-30', due: 1, breached: 1 },
      ]);
    });

    it('follows each centre\'s funnel and the outcomes, red flags included', async () => {
      const result = await analytics(`from=2026-03-28&to=2026-03-30&centres=${centreA}`);
      expect(result.funnel).toEqual([{ centreId: centreA, centreName: 'Centre A', received: 3, contacted: 2, booked: 1, attended: 1 }]);
      expect(result.outcomes).toEqual(jasmine.arrayWithExactContents([{ outcome: 'booked', count: 1 }, { outcome: 'advice-given', count: 1 }]));
      expect(result.redFlags).toEqual([{ priority: 'urgent', outcome: 'advice-given', count: 1 }]);
    });

    it('mixes findings by type and region, and measures results by the third visit', async () => {
      const result = await analytics(`from=2026-03-28&to=2026-03-30&centres=${centreA}`);
      expect(result.findingsMix).toEqual(jasmine.arrayWithExactContents([
        { month: '2026-03', type: 'facet-joint', region: 'lumbar', count: 2 },
        { month: '2026-03', type: 'disc-irritation', region: 'cervical', count: 1 },
      ]));
      expect(result.results).toEqual({ patientsWithThreeVisits: 2, improvedByThirdVisit: 1, improvedShare: 0.5, bournemouthPatients: 2, averageBournemouthChange: -3 });
    });

    it('counts advice sheets and modules issued in the range', async () => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
      const result = await analytics(`from=${today}&to=${today}&centres=${centreA}`);
      expect(result.kpis.handoutsIssued).toBe(2);
      expect(result.advice).toEqual([{ moduleKey: 'calf-stretch-wall', count: 2 }, { moduleKey: 'fluids', count: 1 }]);
    });

    it('stores business minutes to first contact with the call that sets it, and fills older rows once', async () => {
      // Received Friday 27 March 16:00 GMT (open till 17:00: 60 min); Saturday 09:00–13:00 (240); closed Sunday;
      // Monday 30 March (BST) from 08:30 to the call at 09:30: 60. Total 360 business minutes.
      const centreC = (await createCentre(t.db, { name: 'Centre C' })).id;
      const desk = await createStaff(t.db, { role: 'receptionist', centreIds: [centreC] });
      const receptionist = await signIn(t.app, desk.email, desk.password);
      const id = await insertRequest(t.db, centreC, {
        received_at: '2026-03-27T16:00:00.000Z', received_local_date: '2026-03-27', received_local_hour: 16, received_weekday: 5,
        due_at: '2026-03-28T10:00:00.000Z',
      });
      const stored = async () => (await t.db.selectFrom('requests').select(['first_contact_at', 'first_contact_business_minutes']).where('id', '=', id).executeTakeFirstOrThrow());
      let version = 1;
      const call = async (at: string) => {
        const res = await receptionist.post(`/api/requests/${id}/attempts`, { outcome: 'no-answer', note: '', at }, ifMatch(version));
        expect(res.statusCode).withContext(res.body).toBe(201);
        version = res.json().version;
      };
      await call('2026-03-30T08:30:00.000Z');
      expect(await stored()).toEqual({ first_contact_at: '2026-03-30T08:30:00.000Z', first_contact_business_minutes: 360 });
      // A call logged late but made earlier (Saturday 10:00) moves first contact back: 60 + 60 minutes.
      await call('2026-03-28T10:00:00.000Z');
      expect(await stored()).toEqual({ first_contact_at: '2026-03-28T10:00:00.000Z', first_contact_business_minutes: 120 });
      await call('2026-03-30T09:00:00.000Z');
      expect((await stored()).first_contact_business_minutes).toBe(120);

      // Rows contacted before the minutes were stored with the call are filled by migration 009's backfill.
      const old = await insertRequest(t.db, centreC, {
        received_at: '2026-03-27T16:00:00.000Z', received_local_date: '2026-03-27', received_local_hour: 16, received_weekday: 5,
        due_at: '2026-03-28T10:00:00.000Z', first_contact_at: '2026-03-30T08:30:00.000Z', status: 'closed', outcome: 'advice-given',
      });
      expect(await backfillFirstContactMinutes(t.db)).toBe(1);
      expect((await t.db.selectFrom('requests').select('first_contact_business_minutes').where('id', '=', old).executeTakeFirstOrThrow()).first_contact_business_minutes).toBe(360);
      expect(await backfillFirstContactMinutes(t.db)).toBe(0);
    });

    it('refuses a backwards or unknown range, and other roles', async () => {
      expect((await manager.get('/api/analytics?from=2026-03-30&to=2026-03-01')).statusCode).toBe(400);
      expect((await manager.get('/api/analytics?from=2026-03-30&to=2026-04-01&centres=nope')).statusCode).toBe(400);
      const chiroUser = await createStaff(t.db, { role: 'chiropractor', centreIds: [centreA] });
      const chiro = await signIn(t.app, chiroUser.email, chiroUser.password);
      expect((await chiro.get('/api/analytics?from=2026-03-28&to=2026-03-30')).statusCode).toBe(403);
    });
  });
}
