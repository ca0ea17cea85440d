import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Analytics } from '../../shared/api/analytics';
import type { Centre } from '../../shared/api/foundation';
import { emptyExam, emptyFinding, type ExamContent } from '../../shared/exam';
import type { Db } from '../db/database';
import * as requestCounts from '../db/migrations/011-request-counts';
import { computeAnalytics, localMidnightUtc, weekStart } from '../db/repositories/analytics';
import { listCentres } from '../db/repositories/centres';
import { localParts } from '../db/repositories/requests-rules';
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
    // The whole id as the reference: five hex digits of it collided now and then in the 300-request spec.
    id, reference: `CB-${id}`, kind: 'callback', source: 'web-form', centre_id: centreId,
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

/*
 * Analytics reads the request counts kept by migration 011's triggers. Every request figure must be
 * what the requests themselves say, worked out here row by row from a random data set, through
 * inserts, edits, deletes and appointment status changes; and the migration must count the
 * requests that were there before it.
 */

/** A small seeded generator, so a failure can be replayed. */
function randomFrom(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!, chance: (p: number) => next() < p };
}

type RequestRow = Selectable<RequestsTable>;

/** The request figures of the Analytics answer, from the rows, as the direct aggregation computed them before the counts. */
function requestFiguresByHand(rows: RequestRow[], attended: Set<string>, centres: Centre[], from: string, to: string, now: string) {
  const ids = new Set(centres.map((c) => c.id));
  const inRange = rows.filter((r) => r.quarantined === 0 && r.centre_id !== null && ids.has(r.centre_id)
    && r.received_local_date >= from && r.received_local_date <= to);
  const countBy = <T>(items: T[], key: (item: T) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return counts;
  };
  const isDue = (r: RequestRow) => r.first_contact_at !== null || r.due_at < now;
  const isBreached = (r: RequestRow) => (r.first_contact_at === null && r.due_at < now) || (r.first_contact_at !== null && r.first_contact_at > r.due_at);
  const minutes = inRange.filter((r) => r.first_contact_business_minutes !== null).map((r) => Number(r.first_contact_business_minutes)).sort((a, b) => a - b);
  const percentile = (fraction: number) => (minutes.length ? minutes[Math.min(minutes.length, Math.max(1, Math.ceil(fraction * minutes.length))) - 1]! : null);
  const weeks = [...new Set(inRange.map((r) => weekStart(r.received_local_date)))].sort();
  const byName = (a: { outcome: string; count: number }, b: { outcome: string; count: number }) => b.count - a.count || a.outcome.localeCompare(b.outcome);
  const redFlag = (r: RequestRow) => `${r.priority}|${r.status === 'closed' ? (r.outcome ?? 'none') : 'still open'}`;
  return {
    requestsReceived: inRange.length,
    medianFirstContactMinutes: percentile(0.5),
    p90Minutes: percentile(0.9),
    requestsPerDay: [...countBy(inRange, (r) => `${r.received_local_date}|${r.kind}|${r.source}`)]
      .map(([key, count]) => { const [date, kind, source] = key.split('|'); return { date, kind, source, count }; })
      .sort((a, b) => a.date!.localeCompare(b.date!) || a.kind!.localeCompare(b.kind!) || a.source!.localeCompare(b.source!)),
    arrivals: [...countBy(inRange, (r) => `${r.received_weekday}|${r.received_local_hour}`)]
      .map(([key, count]) => ({ weekday: Number(key.split('|')[0]), hour: Number(key.split('|')[1]), count }))
      .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
    buckets: [[0, 30], [30, 60], [60, 120], [120, 240], [240, 480], [480, Infinity]].map(([lo, hi]) => minutes.filter((m) => m >= lo! && m < hi!).length),
    breachesByWeek: weeks.map((week) => {
      const inWeek = inRange.filter((r) => weekStart(r.received_local_date) === week);
      return { weekStart: week, due: inWeek.filter(isDue).length, breached: inWeek.filter(isBreached).length };
    }),
    funnel: centres.filter((c) => inRange.some((r) => r.centre_id === c.id)).map((c) => {
      const of = inRange.filter((r) => r.centre_id === c.id);
      return {
        centreId: c.id, centreName: c.name, received: of.length, contacted: of.filter((r) => r.first_contact_at !== null).length,
        booked: of.filter((r) => r.appointment_id !== null).length, attended: of.filter((r) => r.appointment_id !== null && attended.has(r.appointment_id)).length,
      };
    }).sort((a, b) => a.centreName.localeCompare(b.centreName)),
    outcomes: [...countBy(inRange.filter((r) => r.status === 'closed'), (r) => r.outcome ?? 'none')].map(([outcome, count]) => ({ outcome, count })).sort(byName),
    redFlags: [...countBy(inRange.filter((r) => r.priority !== 'routine'), redFlag)]
      .map(([key, count]) => ({ priority: key.split('|')[0]!, outcome: key.split('|')[1]!, count }))
      .sort((a, b) => `${a.priority}|${a.outcome}`.localeCompare(`${b.priority}|${b.outcome}`)),
  };
}

for (const engine of ENGINES) {
  describe(`analytics request counts kept by triggers (${engine})`, () => {
    const seed = Date.now() % 100_000;
    const random = randomFrom(seed);
    let t: TestApp;
    let centres: Centre[];
    let appointmentIds: string[];
    const LONDON = 'Europe/London';
    // Around both changes of summer time in 2026 (29 March, 25 October), and today, so some requests are not yet due.
    const periods = [Date.parse('2026-03-26T00:00:00Z'), Date.parse('2026-10-22T00:00:00Z'), Date.now() - 3 * 86_400_000];

    beforeAll(async () => {
      t = await createTestApp(engine);
      const a = await createCentre(t.db, { name: 'Centre A' });
      const b = await createCentre(t.db, { name: 'Centre B' });
      centres = await listCentres(t.db, [a.id, b.id]);
      const chiro = await createStaff(t.db, { role: 'chiropractor', centreIds: [a.id] });
      const patient = await createPatient(t.db, a.id);
      appointmentIds = [];
      for (let i = 0; i < 12; i++) {
        appointmentIds.push(await insertAppointment(t.db, a.id, chiro.id, patient, new Date(Date.parse('2026-01-05T09:00:00Z') + i * 3_600_000).toISOString(),
          random.pick(['booked', 'attended', 'did-not-attend', 'cancelled'])));
      }
    });
    afterAll(async () => t.close());

    /** A random request, its local parts in London as the product stores them; minutes sometimes on a bin edge. */
    function randomRequest(): RequestFixture & Partial<RequestsTable> {
      const receivedMs = random.pick(periods) + Math.floor(random.next() * 6 * 86_400_000);
      const received = new Date(receivedMs).toISOString();
      const local = localParts(received, LONDON);
      const contacted = random.chance(0.6);
      const status = random.pick(['new', 'in-progress', 'closed'] as const);
      return {
        received_at: received, received_local_date: local.date, received_local_hour: local.hour, received_weekday: local.weekday,
        due_at: new Date(receivedMs + random.pick([-1, 1, 2, 5]) * 3_600_000 + (random.chance(0.2) ? 10 * 86_400_000 : 0)).toISOString(),
        kind: random.pick(['callback', 'appointment']), source: random.pick(['web-form', 'phone', 'walk-in', 'staff']),
        priority: random.pick(['emergency', 'urgent', 'routine', 'routine']), status,
        outcome: status === 'closed' ? random.pick(['booked', 'advice-given', 'duplicate', 'spam']) : null,
        first_contact_at: contacted ? new Date(receivedMs + Math.floor(random.next() * 6 * 3_600_000)).toISOString() : null,
        first_contact_business_minutes: contacted || random.chance(0.05) ? random.pick([0, 29.9, 30, 59.9, 60, 120, 479.9, 480, 1000.5, Math.round(random.next() * 6000) / 10]) : null,
        appointment_id: random.chance(0.4) ? random.pick(appointmentIds) : null,
        quarantined: random.chance(0.1) ? 1 : 0,
      };
    }

    async function expectFiguresAsTheRowsSay(when: string) {
      const rows = await t.db.selectFrom('requests').selectAll().execute();
      const attended = new Set((await t.db.selectFrom('appointments').select('id').where('status', '=', 'attended').execute()).map((r) => r.id));
      const ranges: [string, string][] = [['2026-03-25', '2026-04-02'], ['2026-03-29', '2026-03-29'], ['2026-03-30', '2026-03-30'],
        ['2026-10-25', '2026-10-25'], ['2026-10-20', '2026-11-05'], ['2026-01-01', '2027-01-01']];
      for (let i = 0; i < 3; i++) {
        const from = rows[Math.floor(random.next() * rows.length)]!.received_local_date;
        const to = rows[Math.floor(random.next() * rows.length)]!.received_local_date;
        ranges.push(from <= to ? [from, to] : [to, from]);
      }
      for (const [from, to] of ranges) {
        for (const chosen of [centres, [centres[0]!], [centres[1]!], []]) {
          const context = `${when}, ${from}…${to}, ${chosen.map((c) => c.name).join('+') || 'no centre'}, seed ${seed}`;
          const result = await computeAnalytics(t.db, { from, to, centres: chosen });
          const expected = requestFiguresByHand(rows, attended, chosen, from, to, new Date().toISOString());
          expect({
            requestsReceived: result.kpis.requestsReceived,
            medianFirstContactMinutes: result.kpis.medianFirstContactMinutes,
            p90Minutes: result.firstContact.p90Minutes,
            requestsPerDay: result.requestsPerDay,
            arrivals: result.arrivals,
            buckets: result.firstContact.buckets.map((bucket) => bucket.count),
            breachesByWeek: result.firstContact.breachesByWeek,
            funnel: result.funnel,
            outcomes: [...result.outcomes].sort((a, b) => b.count - a.count || a.outcome.localeCompare(b.outcome)),
            redFlags: [...result.redFlags].sort((a, b) => `${a.priority}|${a.outcome}`.localeCompare(`${b.priority}|${b.outcome}`)),
          }).withContext(context).toEqual(expected);
          expect(result.firstContact.medianMinutes).withContext(context).toBe(expected.medianFirstContactMinutes);
        }
      }
    }

    it('match the requests through inserts, edits, deletes and appointment changes, and from the migration', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 300; i++) ids.push(await insertRequest(t.db, random.pick([centres[0]!.id, centres[0]!.id, centres[1]!.id, null]), randomRequest()));
      await expectFiguresAsTheRowsSay('after inserts');

      // Edits of every column the counts follow, moves between centres and days, quarantine both ways.
      for (const id of ids.slice(0, 120)) {
        const fresh = randomRequest();
        const change = random.pick<Partial<RequestsTable>>([
          { status: 'closed', outcome: random.pick(['booked', 'sent-to-gp']) }, { status: 'new', outcome: null },
          { first_contact_at: fresh.first_contact_at, first_contact_business_minutes: fresh.first_contact_business_minutes },
          { appointment_id: fresh.appointment_id ?? null }, { quarantined: 1 }, { quarantined: 0 }, { centre_id: random.pick([centres[1]!.id, null]) },
          { received_at: fresh.received_at, received_local_date: fresh.received_local_date, received_local_hour: fresh.received_local_hour, received_weekday: fresh.received_weekday },
          { priority: random.pick(['emergency', 'urgent', 'routine']), due_at: fresh.due_at }, { kind: fresh.kind, source: fresh.source },
          { holder_id: null, version: 2 },
        ]);
        await t.db.updateTable('requests').set(change).where('id', '=', id).execute();
      }
      await t.db.deleteFrom('requests').where('id', 'in', ids.slice(120, 160)).execute();
      await expectFiguresAsTheRowsSay('after edits and deletes');

      // Appointments attended, then not; one deleted; a request booked into one made after it.
      for (const id of appointmentIds.slice(0, 8)) {
        await t.db.updateTable('appointments').set({ status: random.pick(['attended', 'did-not-attend', 'cancelled']) }).where('id', '=', id).execute();
      }
      await t.db.deleteFrom('appointments').where('id', '=', appointmentIds[8]!).execute();
      const later = randomUUID();
      await t.db.updateTable('requests').set({ appointment_id: later }).where('id', 'in', ids.slice(160, 170)).execute();
      const type = await t.db.selectFrom('appointment_types').select('id').executeTakeFirstOrThrow();
      const one = await t.db.selectFrom('appointments').selectAll().where('id', '=', appointmentIds[0]!).executeTakeFirstOrThrow();
      await t.db.insertInto('appointments').values({ ...one, id: later, type_id: type.id, start_at: '2026-02-02T09:00:00.000Z', end_at: '2026-02-02T09:20:00.000Z', status: 'attended' }).execute();
      await expectFiguresAsTheRowsSay('after appointment changes');

      // The migration counts what is already there: drop the counts and make them again.
      await requestCounts.down(t.db);
      await requestCounts.up(t.db);
      await expectFiguresAsTheRowsSay('after the migration again');
    });
  });
}
