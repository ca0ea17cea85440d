import { type ExpressionBuilder, sql } from 'kysely';
import type { Analytics } from '../../../shared/api/analytics';
import type { Centre } from '../../../shared/api/foundation';
import { businessMinutesBetween, ENGLAND_AND_WALES_BANK_HOLIDAY_DATES } from '../../../shared/triage';
import type { Db } from '../database';

/*
 * Manager analytics. Every figure is aggregated in SQL, on both engines, from columns written
 * in the centre's time zone when the record was made (requests.received_local_date / _hour /
 * _weekday, visits.visit_date) or converted to UTC bounds per centre here, so days and hours are
 * right across the changes to and from summer time.
 */

export interface AnalyticsRange {
  from: string;
  to: string;
  centres: Centre[];
}

const FIRST_CONTACT_BUCKETS: { label: string; from: number; to: number | null }[] = [
  { label: 'Under 30 min', from: 0, to: 30 },
  { label: '30–60 min', from: 30, to: 60 },
  { label: '1–2 hours', from: 60, to: 120 },
  { label: '2–4 hours', from: 120, to: 240 },
  { label: '4–8 hours', from: 240, to: 480 },
  { label: 'Over 8 hours', from: 480, to: null },
];

/** The UTC instant at which a local date begins in a time zone (DST-correct). */
export function localMidnightUtc(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // Start from midnight UTC and correct by the zone's offset at that moment (twice, for the DST edge).
  let guess = Date.UTC(y, m - 1, d);
  for (let i = 0; i < 2; i++) {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date(guess));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    guess -= asUtc - Date.UTC(y, m - 1, d);
  }
  return new Date(guess).toISOString();
}

export function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Monday of the ISO week holding a date, as YYYY-MM-DD. */
export function weekStart(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const offset = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - offset);
  return day.toISOString().slice(0, 10);
}

/**
 * Fills in business minutes to first contact for requests contacted since the last fill.
 * Uses the queue's own rules, so the analytics and the queue's clocks never disagree.
 */
export async function fillFirstContactMinutes(db: Db, centres: Centre[], batchSize = 2000): Promise<number> {
  const byId = new Map(centres.map((c) => [c.id, c]));
  const fallback = centres[0];
  let filled = 0;
  for (;;) {
    const rows = await db.selectFrom('requests').select(['id', 'centre_id', 'received_at', 'first_contact_at'])
      .where('first_contact_business_minutes', 'is', null).where('first_contact_at', 'is not', null).limit(batchSize).execute();
    if (rows.length === 0 || !fallback) return filled;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const centre = (row.centre_id && byId.get(row.centre_id)) || fallback;
        const minutes = Math.max(0, businessMinutesBetween(new Date(row.received_at), new Date(row.first_contact_at!), centre.openingHours, centre.timeZone, ENGLAND_AND_WALES_BANK_HOLIDAY_DATES));
        await trx.updateTable('requests').set({ first_contact_business_minutes: Math.round(minutes * 10) / 10 }).where('id', '=', row.id).execute();
      }
    });
    filled += rows.length;
    if (rows.length < batchSize) return filled;
  }
}

export async function computeAnalytics(db: Db, range: AnalyticsRange): Promise<Analytics> {
  const centreIds = range.centres.map((c) => c.id);
  const { from, to } = range;
  const toExclusive = nextDate(to);

  // Requests: filtered by the local date they arrived, in the chosen centres.
  const requests = () => db.selectFrom('requests')
    .where('requests.received_local_date', '>=', from).where('requests.received_local_date', '<=', to)
    .where('requests.quarantined', '=', 0)
    .where('requests.centre_id', 'in', centreIds.length ? centreIds : ['-']);

  // Instants bounded per centre: each centre's local days in its own time zone.
  function instantInRange(column: string, centreColumn: string) {
    return (eb: ExpressionBuilder<any, any>) => eb.or(range.centres.map((c) =>
      eb.and([
        eb(centreColumn, '=', c.id),
        eb(column, '>=', localMidnightUtc(from, c.timeZone)),
        eb(column, '<', localMidnightUtc(toExclusive, c.timeZone)),
      ])));
  }

  const [totals, perDay, arrivals, buckets, contactCount, funnel, outcomes, redFlags, dueByDay] = await Promise.all([
    requests().select((eb) => [
      eb.fn.countAll<number>().as('received'),
      eb.fn.sum<number>(eb.case().when('first_contact_at', 'is not', null).then(1).else(0).end()).as('contacted'),
    ]).executeTakeFirstOrThrow(),
    requests().select(['received_local_date as date', 'kind', 'source', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(['received_local_date', 'kind', 'source']).orderBy('received_local_date').execute(),
    requests().select(['received_weekday as weekday', 'received_local_hour as hour', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(['received_weekday', 'received_local_hour']).execute(),
    requests().where('first_contact_business_minutes', 'is not', null)
      .select((eb) => FIRST_CONTACT_BUCKETS.map((bucket, index) => {
        let condition = eb.and([eb('first_contact_business_minutes', '>=', bucket.from)]);
        if (bucket.to !== null) condition = eb.and([eb('first_contact_business_minutes', '>=', bucket.from), eb('first_contact_business_minutes', '<', bucket.to)]);
        return eb.fn.sum<number>(eb.case().when(condition).then(1).else(0).end()).as(`b${index}`);
      })).executeTakeFirstOrThrow(),
    requests().where('first_contact_business_minutes', 'is not', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    requests().leftJoin('appointments', 'appointments.id', 'requests.appointment_id')
      .select((eb) => [
        'requests.centre_id',
        eb.fn.countAll<number>().as('received'),
        eb.fn.sum<number>(eb.case().when('requests.first_contact_at', 'is not', null).then(1).else(0).end()).as('contacted'),
        eb.fn.sum<number>(eb.case().when('requests.appointment_id', 'is not', null).then(1).else(0).end()).as('booked'),
        eb.fn.sum<number>(eb.case().when('appointments.status', '=', 'attended').then(1).else(0).end()).as('attended'),
      ]).groupBy('requests.centre_id').execute(),
    requests().where('status', '=', 'closed').select(['outcome', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('outcome').execute(),
    requests().where('priority', 'in', ['emergency', 'urgent'])
      .select(['priority', 'outcome', 'status', (eb) => eb.fn.countAll<number>().as('count')]).groupBy(['priority', 'outcome', 'status']).execute(),
    requests().where((eb) => eb.or([eb('first_contact_at', 'is not', null), eb('due_at', '<', new Date().toISOString())]))
      .select((eb) => [
        'received_local_date as date',
        eb.fn.countAll<number>().as('due'),
        eb.fn.sum<number>(eb.case().when(eb.or([eb('first_contact_at', 'is', null), eb('first_contact_at', '>', eb.ref('due_at'))])).then(1).else(0).end()).as('breached'),
      ]).groupBy('received_local_date').execute(),
  ]);

  const contacted = Number(contactCount.n);
  async function percentileMinutes(fraction: number): Promise<number | null> {
    if (contacted === 0) return null;
    const offset = Math.min(contacted - 1, Math.max(0, Math.ceil(fraction * contacted) - 1));
    const row = await requests().where('first_contact_business_minutes', 'is not', null)
      .select('first_contact_business_minutes as m').orderBy('first_contact_business_minutes').limit(1).offset(offset).executeTakeFirst();
    return row?.m === undefined || row.m === null ? null : Number(row.m);
  }

  const appointmentRange = instantInRange('appointments.start_at', 'appointments.centre_id');
  const handoutRange = instantInRange('handout_modules.issued_at', 'handout_modules.centre_id');
  const handoutCountRange = instantInRange('handouts.issued_at', 'handouts.centre_id');

  const [median, p90, appointments, handouts, advice, findings, results] = await Promise.all([
    percentileMinutes(0.5),
    percentileMinutes(0.9),
    range.centres.length
      ? db.selectFrom('appointments').where(appointmentRange).select((eb) => [
        eb.fn.sum<number>(eb.case().when('appointments.status', '=', 'attended').then(1).else(0).end()).as('attended'),
        eb.fn.sum<number>(eb.case().when('appointments.status', '=', 'did-not-attend').then(1).else(0).end()).as('dna'),
      ]).executeTakeFirstOrThrow()
      : Promise.resolve({ attended: 0, dna: 0 }),
    range.centres.length
      ? db.selectFrom('handouts').where(handoutCountRange).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      : Promise.resolve({ n: 0 }),
    range.centres.length
      ? db.selectFrom('handout_modules').where(handoutRange)
        .select(['handout_modules.module_key', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('handout_modules.module_key').execute()
      : Promise.resolve([]),
    db.selectFrom('findings').where('visit_date', '>=', from).where('visit_date', '<=', to).where('centre_id', 'in', centreIds.length ? centreIds : ['-'])
      .select((eb) => [
        eb.fn('substr', [eb.ref('visit_date'), sql.lit(1), sql.lit(7)]).as('month'), 'type',
        eb.fn.coalesce('region', sql.lit('unspecified')).as('region'), eb.fn.countAll<number>().as('count'),
      ]).groupBy([sql`substr(visit_date, 1, 7)`, 'type', sql`coalesce(region, 'unspecified')`]).execute(),
    outcomeResults(db, from, to, centreIds),
  ]);

  const centreName = new Map(range.centres.map((c) => [c.id, c.name]));
  const callbackTarget = range.centres[0]?.responseTargets.callbackMinutes ?? 120;
  const weekly = new Map<string, { due: number; breached: number }>();
  for (const row of dueByDay) {
    const week = weekStart(String(row.date));
    const entry = weekly.get(week) ?? { due: 0, breached: 0 };
    entry.due += Number(row.due);
    entry.breached += Number(row.breached ?? 0);
    weekly.set(week, entry);
  }
  const due = [...weekly.values()].reduce((sum, w) => sum + w.due, 0);
  const breached = [...weekly.values()].reduce((sum, w) => sum + w.breached, 0);
  const received = Number(totals.received);
  const attendedFromRequests = funnel.reduce((sum, row) => sum + Number(row.attended ?? 0), 0);
  const finished = Number(appointments.attended ?? 0) + Number(appointments.dna ?? 0);

  return {
    from,
    to,
    centres: range.centres.map((c) => ({ id: c.id, name: c.name })),
    kpis: {
      requestsReceived: received,
      medianFirstContactMinutes: median,
      answeredWithinTarget: due ? (due - breached) / due : null,
      conversionToFirstVisit: received ? attendedFromRequests / received : null,
      didNotAttendRate: finished ? Number(appointments.dna ?? 0) / finished : null,
      handoutsIssued: Number(handouts.n),
    },
    requestsPerDay: perDay.map((r) => ({ date: String(r.date), kind: r.kind, source: r.source, count: Number(r.count) })),
    arrivals: arrivals.map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), count: Number(r.count) })),
    firstContact: {
      buckets: FIRST_CONTACT_BUCKETS.map((bucket, index) => ({
        label: bucket.label, fromMinutes: bucket.from, toMinutes: bucket.to,
        count: Number((buckets as Record<string, unknown>)[`b${index}`] ?? 0),
      })),
      medianMinutes: median,
      p90Minutes: p90,
      targetMinutes: callbackTarget,
      breachesByWeek: [...weekly.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([weekStartDate, w]) => ({ weekStart: weekStartDate, ...w })),
    },
    funnel: funnel.map((row) => ({
      centreId: row.centre_id, centreName: (row.centre_id && centreName.get(row.centre_id)) || 'No centre chosen',
      received: Number(row.received), contacted: Number(row.contacted ?? 0), booked: Number(row.booked ?? 0), attended: Number(row.attended ?? 0),
    })).sort((a, b) => a.centreName.localeCompare(b.centreName)),
    outcomes: outcomes.map((r) => ({ outcome: r.outcome ?? 'none', count: Number(r.count) })).sort((a, b) => b.count - a.count),
    redFlags: redFlags.map((r) => ({ priority: r.priority, outcome: r.status === 'closed' ? (r.outcome ?? 'none') : 'still open', count: Number(r.count) })),
    findingsMix: findings.map((r) => ({ month: String(r.month), type: r.type, region: String(r.region), count: Number(r.count) })),
    advice: advice.map((r) => ({ moduleKey: r.module_key, count: Number(r.count) })).sort((a, b) => b.count - a.count),
    results,
  };
}

/**
 * Results, as a period report: of the patients whose third visit fell in the range, how many had
 * pain (NPRS) 2 points (the meaningful change) or more below their first visit's; and for patients
 * whose latest Bournemouth score fell in the range, the average change since their first.
 */
async function outcomeResults(db: Db, from: string, to: string, centreIds: string[]): Promise<Analytics['results']> {
  const ids = centreIds.length ? centreIds : ['-'];
  const nprs = await sql<{ patients: number; improved: number }>`
    WITH ranked AS (
      SELECT patient_id, score, visit_date,
             ROW_NUMBER() OVER (PARTITION BY patient_id ORDER BY visit_date, visit_id) AS n
      FROM outcome_scores WHERE measure = 'nprs' AND centre_id IN (${sql.join(ids)})
    ),
    paired AS (
      SELECT patient_id,
             MAX(CASE WHEN n = 1 THEN score END) AS first_score,
             MAX(CASE WHEN n = 3 THEN score END) AS third_score,
             MAX(CASE WHEN n = 3 THEN visit_date END) AS third_date
      FROM ranked GROUP BY patient_id
    )
    SELECT COUNT(*) AS patients, SUM(CASE WHEN third_score <= first_score - 2 THEN 1 ELSE 0 END) AS improved
    FROM paired WHERE third_score IS NOT NULL AND third_date >= ${from} AND third_date <= ${to}`.execute(db);
  const bournemouth = await sql<{ patients: number; average: number | null }>`
    WITH ranked AS (
      SELECT patient_id, score, visit_date,
             ROW_NUMBER() OVER (PARTITION BY patient_id ORDER BY visit_date, visit_id) AS first_n,
             ROW_NUMBER() OVER (PARTITION BY patient_id ORDER BY visit_date DESC, visit_id DESC) AS last_n
      FROM outcome_scores WHERE measure IN ('bournemouth-back', 'bournemouth-neck') AND centre_id IN (${sql.join(ids)})
    ),
    paired AS (
      SELECT patient_id, MAX(CASE WHEN first_n = 1 THEN score END) AS first_score, MAX(CASE WHEN last_n = 1 THEN score END) AS last_score,
             MAX(CASE WHEN last_n = 1 THEN visit_date END) AS last_date, COUNT(*) AS visits
      FROM ranked GROUP BY patient_id
    )
    SELECT COUNT(*) AS patients, AVG(last_score - first_score) AS average FROM paired
    WHERE visits >= 2 AND last_date >= ${from} AND last_date <= ${to}`.execute(db);
  const patients = Number(nprs.rows[0]?.patients ?? 0);
  const improved = Number(nprs.rows[0]?.improved ?? 0);
  const average = bournemouth.rows[0]?.average;
  return {
    patientsWithThreeVisits: patients,
    improvedByThirdVisit: improved,
    improvedShare: patients ? improved / patients : null,
    bournemouthPatients: Number(bournemouth.rows[0]?.patients ?? 0),
    averageBournemouthChange: average === null || average === undefined ? null : Math.round(Number(average) * 10) / 10,
  };
}
