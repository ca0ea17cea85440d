import { type ExpressionBuilder, sql } from 'kysely';
import type { Analytics } from '../../../shared/api/analytics';
import type { Centre } from '../../../shared/api/foundation';
import type { Db } from '../database';
import { minutesBin } from '../migrations/011-request-counts';
import { zoneOffsetMinutes } from './diary';

/*
 * Manager analytics. Every figure is aggregated in SQL, on both engines, from columns written
 * in the centre's time zone when the record was made (requests.received_local_date / _hour /
 * _weekday, visits.visit_date) or converted to UTC bounds per centre here, so days and hours are
 * right across the changes to and from summer time. Request figures are sums of the counts that
 * migration 011's triggers keep per centre and local date of arrival; the requests themselves are
 * read only for what depends on the moment of asking (uncontacted and overdue) and for the exact
 * minutes of the two bins the median and 90th percentile fall in.
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
  const midnight = Date.UTC(y, m - 1, d);
  // Start from midnight UTC and correct by the zone's offset at that moment (twice, for the DST edge).
  let guess = midnight;
  for (let i = 0; i < 2; i++) guess = midnight - zoneOffsetMinutes(timeZone, guess) * 60_000;
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

export async function computeAnalytics(db: Db, range: AnalyticsRange): Promise<Analytics> {
  const centreIds = range.centres.map((c) => c.id);
  const { from, to } = range;
  const toExclusive = nextDate(to);

  // Requests: filtered by the local date they arrived, in the chosen centres.
  const requests = () => db.selectFrom('requests')
    .where('requests.received_local_date', '>=', from).where('requests.received_local_date', '<=', to)
    .where('requests.quarantined', '=', 0)
    .where('requests.centre_id', 'in', centreIds.length ? centreIds : ['-']);
  // The same days in the counts migration 011's triggers keep per centre and local date.
  const countedInRange = (eb: ExpressionBuilder<any, any>) => eb.and([
    eb('centre_id', 'in', centreIds.length ? centreIds : ['-']),
    eb('received_local_date', '>=', from), eb('received_local_date', '<=', to),
    eb('requests', '>', 0),
  ]);
  const total = (eb: ExpressionBuilder<any, any>) => eb.fn.sum<number>('requests').as('count');

  // Instants bounded per centre: each centre's local days in its own time zone.
  function instantInRange(column: string, centreColumn: string) {
    return (eb: ExpressionBuilder<any, any>) => eb.or(range.centres.map((c) =>
      eb.and([
        eb(centreColumn, '=', c.id),
        eb(column, '>=', localMidnightUtc(from, c.timeZone)),
        eb(column, '<', localMidnightUtc(toExclusive, c.timeZone)),
      ])));
  }

  const now = new Date().toISOString();
  const [daily, arrivals, states, minuteBins, overdue] = await Promise.all([
    db.selectFrom('request_daily_counts').where(countedInRange)
      .select(['centre_id', 'received_local_date as date', 'kind', 'source', 'requests', 'contacted', 'contacted_late', 'booked', 'attended']).execute(),
    db.selectFrom('request_hourly_counts').where(countedInRange).select(['received_weekday as weekday', 'received_local_hour as hour', total])
      .groupBy(['received_weekday', 'received_local_hour']).orderBy('received_weekday').orderBy('received_local_hour').execute(),
    db.selectFrom('request_state_counts').where(countedInRange).select(['priority', 'status', 'outcome', total])
      .groupBy(['priority', 'status', 'outcome']).orderBy('priority').orderBy('status').orderBy('outcome').execute(),
    db.selectFrom('request_minutes_counts').where(countedInRange).select(['minutes_from', total])
      .groupBy('minutes_from').orderBy('minutes_from').execute(),
    // Whether an uncontacted request is overdue depends on now, so those few are read each time
    // (requests_awaiting_contact_idx holds only the uncontacted).
    requests().where('first_contact_at', 'is', null).where('due_at', '<', now)
      .select(['received_local_date as date', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('received_local_date').execute(),
  ]);

  const bins = minuteBins.map((r) => ({ from: Number(r.minutes_from), count: Number(r.count) }));
  const contacted = bins.reduce((sum, r) => sum + r.count, 0);
  /** The nearest rank of a percentile (k = ceil(fraction × n)), and the bin it falls in with the requests before that bin. */
  function rankOf(fraction: number) {
    const rank = Math.min(contacted, Math.max(1, Math.ceil(fraction * contacted)));
    let before = 0;
    for (const bin of bins) {
      if (before + bin.count >= rank) return { rank, bin: bin.from, before };
      before += bin.count;
    }
    throw new Error('a percentile beyond the counted requests');
  }
  const ranks = contacted ? [rankOf(0.5), rankOf(0.9)] : [];
  // The exact minutes of only the bins the median and the 90th percentile fall in.
  const binOf = sql<number>`${sql.raw(minutesBin('first_contact_business_minutes'))}`;
  const exact = ranks.length
    ? await requests().where(binOf, 'in', [...new Set(ranks.map((r) => r.bin))])
      .select([binOf.as('bin'), 'first_contact_business_minutes as minutes', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy([binOf, 'first_contact_business_minutes']).orderBy(binOf).orderBy('first_contact_business_minutes').execute()
    : [];
  /** The k-th smallest minutes (nearest rank), counted on from the requests before its bin. */
  function percentileMinutes(index: number): number | null {
    const at = ranks[index];
    if (!at) return null;
    let seen = at.before;
    let last: number | null = null;
    for (const r of exact) {
      if (Number(r.bin) !== at.bin) continue;
      last = Number(r.minutes);
      seen += Number(r.count);
      if (seen >= at.rank) return last;
    }
    // A call logged between the two reads can move a request into or out of the bin: its largest
    // minutes read is then the nearest answer (the next view has it exact).
    return last;
  }
  const median = percentileMinutes(0);
  const p90 = percentileMinutes(1);

  const appointmentRange = instantInRange('appointments.start_at', 'appointments.centre_id');
  const handoutRange = instantInRange('handout_modules.issued_at', 'handout_modules.centre_id');
  const handoutCountRange = instantInRange('handouts.issued_at', 'handouts.centre_id');

  const [appointments, handouts, advice, findings, results] = await Promise.all([
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
  const perDay = sumBy(daily, (r) => `${r.date}|${r.kind}|${r.source}`, (r) => ({ date: String(r.date), kind: r.kind, source: r.source }), { count: 'requests' });
  const weeks = new Map<string, string>();
  const weekOf = (date: unknown) => {
    let week = weeks.get(String(date));
    if (week === undefined) weeks.set(String(date), (week = weekStart(String(date))));
    return week;
  };
  // Due: contacted, or not contacted and already past the due time. Breached: contacted late, or past due uncontacted.
  const weekly = sumBy([
    ...daily.map((r) => ({ date: r.date, due: r.contacted, breached: r.contacted_late })),
    ...overdue.map((r) => ({ date: r.date, due: r.count, breached: r.count })),
  ], (r) => weekOf(r.date), (r) => ({ weekStart: weekOf(r.date) }), { due: 'due', breached: 'breached' });
  const funnel = sumBy(daily, (r) => r.centre_id, (r) => ({
    centreId: r.centre_id, centreName: centreName.get(r.centre_id) || 'No centre chosen',
  }), { received: 'requests', contacted: 'contacted', booked: 'booked', attended: 'attended' });
  const byState = states.map((r) => ({ ...r, outcome: r.outcome === '' ? null : r.outcome }));
  const outcomes = sumBy(byState.filter((r) => r.status === 'closed'), (r) => String(r.outcome), (r) => ({ outcome: r.outcome ?? 'none' }), { count: 'count' });
  const redFlags = sumBy(byState.filter((r) => r.priority === 'emergency' || r.priority === 'urgent'),
    (r) => `${r.priority}|${r.status === 'closed' ? String(r.outcome) : ''}`,
    (r) => ({ priority: r.priority, outcome: r.status === 'closed' ? (r.outcome ?? 'none') : 'still open' }), { count: 'count' });
  const due = weekly.reduce((sum, w) => sum + w.due, 0);
  const breached = weekly.reduce((sum, w) => sum + w.breached, 0);
  const received = funnel.reduce((sum, row) => sum + row.received, 0);
  const attendedFromRequests = funnel.reduce((sum, row) => sum + row.attended, 0);
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
    requestsPerDay: perDay.sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind) || a.source.localeCompare(b.source)),
    arrivals: arrivals.map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), count: Number(r.count) })),
    firstContact: {
      buckets: FIRST_CONTACT_BUCKETS.map((bucket) => ({
        label: bucket.label, fromMinutes: bucket.from, toMinutes: bucket.to,
        // Every bucket edge is a multiple of the bin width, so a bucket is a union of bins.
        count: bins.filter((r) => r.from >= bucket.from && (bucket.to === null || r.from < bucket.to)).reduce((sum, r) => sum + r.count, 0),
      })),
      medianMinutes: median,
      p90Minutes: p90,
      targetMinutes: callbackTarget,
      breachesByWeek: weekly.sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
    },
    funnel: funnel.sort((a, b) => a.centreName.localeCompare(b.centreName)),
    outcomes: outcomes.sort((a, b) => b.count - a.count),
    redFlags,
    findingsMix: findings.map((r) => ({ month: String(r.month), type: r.type, region: String(r.region), count: Number(r.count) })),
    advice: advice.map((r) => ({ moduleKey: r.module_key, count: Number(r.count) })).sort((a, b) => b.count - a.count),
    results,
  };
}

/**
 * Adds SQL groups up into coarser ones: rows with the same key share one entry made by `label`, and
 * each output field of `counts` sums the row column it names (both engines may return counts as
 * strings or null). Named columns rather than a function per row: a range's few thousand groups go
 * through this five times a request, and nothing is allocated per row but the key.
 */
function sumBy<R, L extends object, C extends string>(
  rows: R[], key: (row: R) => string, label: (row: R) => L, counts: Record<C, keyof R>,
): (L & Record<C, number>)[] {
  const fields = Object.keys(counts) as C[];
  const groups = new Map<string, L & Record<C, number>>();
  for (const row of rows) {
    const k = key(row);
    let entry = groups.get(k) as Record<C, number> | undefined;
    if (!entry) {
      entry = label(row) as L & Record<C, number>;
      for (const field of fields) entry[field] = 0;
      groups.set(k, entry as L & Record<C, number>);
    }
    for (const field of fields) entry[field] += Number(row[counts[field]] ?? 0);
  }
  return [...groups.values()];
}

/**
 * Results, as a period report: of the patients whose third visit fell in the range, how many had
 * pain (NPRS) 2 points (the meaningful change) or more below their first visit's; and for patients
 * whose latest Bournemouth score fell in the range, the average change since their first.
 */
async function outcomeResults(db: Db, from: string, to: string, centreIds: string[]): Promise<Analytics['results']> {
  const ids = centreIds.length ? centreIds : ['-'];
  // A patient whose third (or latest) score is in the range has a score in the range, so ranking
  // only those patients' scores gives the same answer while reading the range from
  // outcome_scores_measure_date_idx instead of every score ever recorded.
  const scoredInRange = (measures: string[]) => sql`SELECT patient_id FROM outcome_scores
    WHERE measure IN (${sql.join(measures)}) AND centre_id IN (${sql.join(ids)}) AND visit_date >= ${from} AND visit_date <= ${to}`;
  const nprs = await sql<{ patients: number; improved: number }>`
    WITH ranked AS (
      SELECT patient_id, score, visit_date,
             ROW_NUMBER() OVER (PARTITION BY patient_id ORDER BY visit_date, visit_id) AS n
      FROM outcome_scores WHERE measure = 'nprs' AND centre_id IN (${sql.join(ids)})
        AND patient_id IN (${scoredInRange(['nprs'])})
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
        AND patient_id IN (${scoredInRange(['bournemouth-back', 'bournemouth-neck'])})
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
