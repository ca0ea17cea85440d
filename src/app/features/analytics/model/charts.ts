/**
 * Pure transforms from the API's `Analytics` answer to chart.js configurations and to the tables
 * shown beside them. Each chart and its table come from the same rows, so the table view, the CSV
 * and the bars can never disagree.
 */
import type { ChartConfiguration, ChartOptions, ChartType } from 'chart.js';
import type { Analytics } from '../../../../shared/api/analytics';
import { LABELS } from '../../../../shared/exam';
import { CLOSE_OUTCOME_LABELS, PRIORITY_LABELS, REQUEST_KIND_LABELS, REQUEST_SOURCE_LABELS } from '../../../../shared/requests-labels';
import { toCsv } from '../../../../shared/csv';
import type { CentreAnalytics } from '../state/analytics.actions';
import { eachDay } from './date-range';
import { formatMinutes, formatShare, humaniseKey, longDay, monthLabel, share, shortDay } from './format';

export type Cell = string | number;

/** A real table: what screen readers read, what "Download CSV" exports. */
export interface DataTable {
  caption: string;
  columns: string[];
  rows: Cell[][];
}

export interface ChartModel<T extends ChartType = ChartType> {
  config: ChartConfiguration<T>;
  table: DataTable;
  empty: boolean;
}

/** Colours for one theme. Categorical colours follow Okabe–Ito (safe for colour-blind readers), lightened for dark. */
export interface ChartTheme {
  dark: boolean;
  text: string;
  grid: string;
  series: readonly string[];
  /** Within target / good. */
  good: string;
  /** Over target / breach. */
  bad: string;
  line: string;
}

export function chartTheme(dark: boolean): ChartTheme {
  return dark
    ? {
      dark, text: '#e3e2e6', grid: 'rgba(255, 255, 255, 0.14)',
      series: ['#56b4e9', '#e69f00', '#3fc7a0', '#f0a3d0', '#f0e442', '#ff9e6b', '#b9a8ff', '#c9c9c9', '#d4a373', '#8fd19e'],
      good: '#7fd991', bad: '#ffb4ab', line: '#ffb95c',
    }
    : {
      dark, text: '#1b1c1f', grid: 'rgba(0, 0, 0, 0.12)',
      series: ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8a6d00', '#56b4e9', '#6a3d9a', '#5f6368', '#882255', '#117733'],
      good: '#146c2e', bad: '#b3261e', line: '#8a5100',
    };
}

function color(theme: ChartTheme, index: number): string {
  return theme.series[index % theme.series.length];
}

interface OptionsSpec {
  stacked?: boolean;
  horizontal?: boolean;
  valueTitle?: string;
  categoryTitle?: string;
  percent?: boolean;
  legend?: boolean;
  /** Few, wide categories: show every label rather than letting chart.js skip some. */
  everyLabel?: boolean;
}

function baseOptions<T extends 'bar' | 'line'>(theme: ChartTheme, spec: OptionsSpec): ChartOptions<T> {
  const valueAxis = {
    beginAtZero: true,
    stacked: spec.stacked,
    ...(spec.percent ? { max: 100 } : {}),
    grid: { color: theme.grid },
    border: { color: theme.grid },
    ticks: { color: theme.text, precision: 0, ...(spec.percent ? { callback: (v: string | number) => `${v}%` } : {}) },
    title: { display: !!spec.valueTitle, text: spec.valueTitle ?? '', color: theme.text },
  };
  const categoryAxis = {
    stacked: spec.stacked,
    grid: { display: false },
    border: { color: theme.grid },
    ticks: { color: theme.text, autoSkip: !spec.everyLabel, maxRotation: 0 },
    title: { display: !!spec.categoryTitle, text: spec.categoryTitle ?? '', color: theme.text },
  };
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    indexAxis: spec.horizontal ? 'y' : 'x',
    color: theme.text,
    scales: spec.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    plugins: {
      legend: { display: spec.legend ?? true, position: 'bottom', labels: { color: theme.text, boxWidth: 14, boxHeight: 14 } },
      tooltip: { mode: 'index', intersect: false },
    },
  } as unknown as ChartOptions<T>;
}

function label(map: Readonly<Record<string, string>>, key: string): string {
  return map[key] ?? humaniseKey(key);
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Keys in the order they first appear, most frequent first. */
function keysByTotal<T>(rows: readonly T[], key: (row: T) => string, count: (row: T) => number): string[] {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(key(row), (totals.get(key(row)) ?? 0) + count(row));
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
}

// ---------------------------------------------------------------- requests per day

export type PerDayBreakdown = 'kind' | 'source';

export function requestsPerDayChart(data: Analytics, by: PerDayBreakdown, theme: ChartTheme): ChartModel<'bar'> {
  const days = eachDay(data.from, data.to);
  const labels = by === 'kind' ? REQUEST_KIND_LABELS : REQUEST_SOURCE_LABELS;
  const groups = keysByTotal(data.requestsPerDay, (r) => r[by], (r) => r.count);
  const counts = new Map<string, number>();
  for (const r of data.requestsPerDay) counts.set(`${r.date}|${r[by]}`, (counts.get(`${r.date}|${r[by]}`) ?? 0) + r.count);
  const series = groups.map((g) => days.map((d) => counts.get(`${d}|${g}`) ?? 0));
  const names = groups.map((g) => label(labels, g));
  return {
    empty: groups.length === 0,
    config: {
      type: 'bar',
      data: {
        labels: days.map(shortDay),
        datasets: series.map((values, i) => ({ label: names[i], data: values, backgroundColor: color(theme, i), stack: 'requests' })),
      },
      options: baseOptions<'bar'>(theme, { stacked: true, valueTitle: 'Requests' }),
    },
    table: {
      caption: `Requests received per day by ${by === 'kind' ? 'kind' : 'channel'}`,
      columns: ['Date', ...names, 'Total'],
      rows: days.map((d, i) => [longDay(d), ...series.map((s) => s[i]), sum(series.map((s) => s[i]))]),
    },
  };
}

/** Centres side by side: one bar per centre per day. */
export function requestsPerDayByCentreChart(perCentre: readonly CentreAnalytics[], from: string, to: string, theme: ChartTheme): ChartModel<'bar'> {
  const days = eachDay(from, to);
  const series = perCentre.map((c) => {
    const byDay = new Map<string, number>();
    for (const r of c.data.requestsPerDay) byDay.set(r.date, (byDay.get(r.date) ?? 0) + r.count);
    return days.map((d) => byDay.get(d) ?? 0);
  });
  return {
    empty: series.every((s) => s.every((v) => v === 0)),
    config: {
      type: 'bar',
      data: {
        labels: days.map(shortDay),
        datasets: perCentre.map((c, i) => ({ label: c.centreName, data: series[i], backgroundColor: color(theme, i) })),
      },
      options: baseOptions<'bar'>(theme, { valueTitle: 'Requests' }),
    },
    table: {
      caption: 'Requests received per day, by centre',
      columns: ['Date', ...perCentre.map((c) => c.centreName), 'Total'],
      rows: days.map((d, i) => [longDay(d), ...series.map((s) => s[i]), sum(series.map((s) => s[i]))]),
    },
  };
}

// ---------------------------------------------------------------- arrivals heat map

/** Monday first, as a UK rota is planned; the API's weekday is 0 = Sunday. */
export const WEEKDAY_ORDER: readonly { weekday: number; name: string }[] = [
  { weekday: 1, name: 'Monday' }, { weekday: 2, name: 'Tuesday' }, { weekday: 3, name: 'Wednesday' },
  { weekday: 4, name: 'Thursday' }, { weekday: 5, name: 'Friday' }, { weekday: 6, name: 'Saturday' }, { weekday: 0, name: 'Sunday' },
];

export interface HeatCell {
  hour: number;
  count: number;
  /** 0–1 of the busiest hour, for shading. */
  level: number;
}

export interface ArrivalsGrid {
  hours: number[];
  rows: { name: string; cells: HeatCell[]; total: number }[];
  max: number;
  table: DataTable;
  empty: boolean;
}

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** Weekday × hour counts; hours trimmed to those with arrivals, but never narrower than 08:00–18:00. */
export function arrivalsGrid(data: Analytics): ArrivalsGrid {
  const counts = new Map<string, number>();
  for (const a of data.arrivals) counts.set(`${a.weekday}|${a.hour}`, (counts.get(`${a.weekday}|${a.hour}`) ?? 0) + a.count);
  const busyHours = data.arrivals.filter((a) => a.count > 0).map((a) => a.hour);
  const first = Math.min(8, ...busyHours);
  const last = Math.max(18, ...busyHours);
  const hours = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const max = Math.max(0, ...counts.values());
  const rows = WEEKDAY_ORDER.map(({ weekday, name }) => {
    const cells = hours.map((hour) => {
      const count = counts.get(`${weekday}|${hour}`) ?? 0;
      return { hour, count, level: max ? count / max : 0 };
    });
    return { name, cells, total: sum(cells.map((c) => c.count)) };
  });
  return {
    hours, rows, max, empty: max === 0,
    table: {
      caption: 'Requests arriving by weekday and hour (UK time)',
      columns: ['Day', ...hours.map(hourLabel), 'Total'],
      rows: rows.map((r) => [r.name, ...r.cells.map((c) => c.count), r.total]),
    },
  };
}

// ---------------------------------------------------------------- first contact

export interface FirstContactSummary {
  median: string;
  p90: string;
  target: string;
  /** Contacted requests counted in the distribution. */
  n: number;
}

export function firstContactSummary(data: Analytics): FirstContactSummary {
  const fc = data.firstContact;
  return {
    median: formatMinutes(fc.medianMinutes), p90: formatMinutes(fc.p90Minutes), target: formatMinutes(fc.targetMinutes),
    n: sum(fc.buckets.map((b) => b.count)),
  };
}

/** 'Under 30 min' → ['Under', '30 min'], so bucket labels fit under narrow bars. */
export function twoLines(text: string): string | string[] {
  const space = text.indexOf(' ');
  return space > 0 ? [text.slice(0, space), text.slice(space + 1)] : text;
}

/** Buckets that start at or beyond the target are coloured as breaches. */
export function firstContactChart(data: Analytics, theme: ChartTheme): ChartModel<'bar'> {
  const { buckets, targetMinutes } = data.firstContact;
  const total = sum(buckets.map((b) => b.count));
  const over = (b: { fromMinutes: number; toMinutes: number | null }) => b.toMinutes === null ? b.fromMinutes >= targetMinutes : b.toMinutes > targetMinutes;
  return {
    empty: total === 0,
    config: {
      type: 'bar',
      data: {
        labels: buckets.map((b) => twoLines(b.label)),
        datasets: [{
          label: 'Requests',
          data: buckets.map((b) => b.count),
          backgroundColor: buckets.map((b) => (over(b) ? theme.bad : theme.good)),
        }],
      },
      options: baseOptions<'bar'>(theme, { valueTitle: 'Requests', categoryTitle: 'Business time to first call', legend: false, everyLabel: true }),
    },
    table: {
      caption: 'Time from request to first call (business hours)',
      columns: ['Time to first call', 'Requests', 'Share', 'Against target'],
      rows: buckets.map((b) => [b.label, b.count, formatShare(share(b.count, total)), over(b) ? 'Over target' : 'Within target']),
    },
  };
}

export function breachesChart(data: Analytics, theme: ChartTheme): ChartModel<'line'> {
  const weeks = data.firstContact.breachesByWeek;
  const rates = weeks.map((w) => (w.due ? Math.round((w.breached / w.due) * 1000) / 10 : null));
  return {
    empty: weeks.every((w) => w.due === 0),
    config: {
      type: 'line',
      data: {
        labels: weeks.map((w) => `w/c ${shortDay(w.weekStart)}`),
        datasets: [{
          label: 'Requests past their response target', data: rates, borderColor: theme.line, backgroundColor: theme.line,
          pointRadius: 4, borderWidth: 2, tension: 0, spanGaps: true,
        }],
      },
      options: baseOptions<'line'>(theme, { percent: true, valueTitle: 'Breached', legend: false }),
    },
    table: {
      caption: 'Response-target breaches by week',
      columns: ['Week starting', 'Requests due', 'Breached', 'Breach rate'],
      rows: weeks.map((w) => [longDay(w.weekStart), w.due, w.breached, formatShare(share(w.breached, w.due))]),
    },
  };
}

// ---------------------------------------------------------------- funnel

const STAGES = ['received', 'contacted', 'booked', 'attended'] as const;
const STAGE_LABELS = { received: 'Received', contacted: 'Contacted', booked: 'Booked', attended: 'Attended' } as const;

type FunnelRow = Analytics['funnel'][number];

/** All centres added up, for the single-funnel view. */
export function funnelTotal(funnel: readonly FunnelRow[]): Omit<FunnelRow, 'centreId'> {
  return {
    centreName: 'All centres shown',
    received: sum(funnel.map((f) => f.received)), contacted: sum(funnel.map((f) => f.contacted)),
    booked: sum(funnel.map((f) => f.booked)), attended: sum(funnel.map((f) => f.attended)),
  };
}

export function funnelChart(funnel: readonly FunnelRow[], sideBySide: boolean, theme: ChartTheme): ChartModel<'bar'> {
  const total = funnelTotal(funnel);
  const shown = sideBySide ? funnel : [total];
  const stepLabel = (stage: typeof STAGES[number], i: number) => {
    if (sideBySide || i === 0) return STAGE_LABELS[stage];
    return `${STAGE_LABELS[stage]} (${formatShare(share(total[stage], total[STAGES[i - 1]]))})`;
  };
  const rows: Cell[][] = shown.map((f) => [
    f.centreName,
    f.received,
    f.contacted, formatShare(share(f.contacted, f.received)),
    f.booked, formatShare(share(f.booked, f.contacted)),
    f.attended, formatShare(share(f.attended, f.booked)),
    formatShare(share(f.attended, f.received)),
  ]);
  if (sideBySide && funnel.length > 1) {
    const t = total;
    rows.push(['All centres', t.received, t.contacted, formatShare(share(t.contacted, t.received)), t.booked,
      formatShare(share(t.booked, t.contacted)), t.attended, formatShare(share(t.attended, t.booked)), formatShare(share(t.attended, t.received))]);
  }
  return {
    empty: total.received === 0,
    config: {
      type: 'bar',
      data: {
        labels: STAGES.map(stepLabel),
        datasets: shown.map((f, i) => ({
          label: f.centreName, data: STAGES.map((s) => f[s]), backgroundColor: color(theme, i),
        })),
      },
      options: baseOptions<'bar'>(theme, { valueTitle: 'Requests', legend: sideBySide }),
    },
    table: {
      caption: 'From request to first visit, with conversion at each step',
      columns: ['Centre', 'Received', 'Contacted', '% of received', 'Booked', '% of contacted', 'Attended', '% of booked', 'Received → attended'],
      rows,
    },
  };
}

// ---------------------------------------------------------------- outcomes, red flags

function horizontalBars(caption: string, columns: [string, string], items: { label: string; count: number }[], theme: ChartTheme, seriesIndex = 0): ChartModel<'bar'> {
  const total = sum(items.map((i) => i.count));
  return {
    empty: total === 0,
    config: {
      type: 'bar',
      data: {
        labels: items.map((i) => i.label),
        datasets: [{ label: columns[1], data: items.map((i) => i.count), backgroundColor: color(theme, seriesIndex) }],
      },
      options: baseOptions<'bar'>(theme, { horizontal: true, legend: false }),
    },
    table: {
      caption,
      columns: [...columns, 'Share'],
      rows: items.map((i) => [i.label, i.count, formatShare(share(i.count, total))]),
    },
  };
}

const OUTCOME_LABELS: Readonly<Record<string, string>> = { ...CLOSE_OUTCOME_LABELS, none: 'No outcome recorded', 'still open': 'Still open' };

export function outcomesChart(data: Analytics, theme: ChartTheme): ChartModel<'bar'> {
  const items = [...data.outcomes].sort((a, b) => b.count - a.count).map((o) => ({ label: label(OUTCOME_LABELS, o.outcome), count: o.count }));
  return horizontalBars('Outcomes of closed requests', ['Outcome', 'Requests'], items, theme);
}

const PRIORITY_ORDER = ['emergency', 'urgent', 'routine'];

export function redFlagsChart(data: Analytics, theme: ChartTheme): ChartModel<'bar'> {
  const priorities = [...new Set(data.redFlags.map((r) => r.priority))]
    .sort((a, b) => (PRIORITY_ORDER.indexOf(a) + 1 || 99) - (PRIORITY_ORDER.indexOf(b) + 1 || 99));
  const outcomes = keysByTotal(data.redFlags, (r) => r.outcome, (r) => r.count);
  const count = (p: string, o: string) => sum(data.redFlags.filter((r) => r.priority === p && r.outcome === o).map((r) => r.count));
  const priorityNames = priorities.map((p) => label(PRIORITY_LABELS, p));
  return {
    empty: sum(data.redFlags.map((r) => r.count)) === 0,
    config: {
      type: 'bar',
      data: {
        labels: priorityNames,
        datasets: outcomes.map((o, i) => ({ label: label(OUTCOME_LABELS, o), data: priorities.map((p) => count(p, o)), backgroundColor: color(theme, i) })),
      },
      options: baseOptions<'bar'>(theme, { horizontal: true, stacked: true, valueTitle: 'Requests' }),
    },
    table: {
      caption: 'Red-flag requests by priority and what was done',
      columns: ['Priority', ...outcomes.map((o) => label(OUTCOME_LABELS, o)), 'Total'],
      rows: priorities.map((p, i) => [priorityNames[i], ...outcomes.map((o) => count(p, o)), sum(outcomes.map((o) => count(p, o)))]),
    },
  };
}

// ---------------------------------------------------------------- findings, advice

export type FindingsBreakdown = 'type' | 'region';

const REGION_LABELS: Readonly<Record<string, string>> = { ...LABELS.region, unspecified: 'Region not recorded' };

export function findingsChart(data: Analytics, by: FindingsBreakdown, theme: ChartTheme): ChartModel<'bar'> {
  const months = [...new Set(data.findingsMix.map((f) => f.month))].sort();
  const groups = keysByTotal(data.findingsMix, (f) => f[by], (f) => f.count);
  const names = groups.map((g) => label(by === 'type' ? LABELS.findingType : REGION_LABELS, g));
  const count = (m: string, g: string) => sum(data.findingsMix.filter((f) => f.month === m && f[by] === g).map((f) => f.count));
  const series = groups.map((g) => months.map((m) => count(m, g)));
  return {
    empty: months.length === 0,
    config: {
      type: 'bar',
      data: {
        labels: months.map(monthLabel),
        datasets: series.map((values, i) => ({ label: names[i], data: values, backgroundColor: color(theme, i), maxBarThickness: 80 })),
      },
      options: baseOptions<'bar'>(theme, { stacked: true, valueTitle: 'Findings recorded' }),
    },
    table: {
      caption: `Exam findings by ${by === 'type' ? 'type' : 'spinal region'} and month`,
      columns: ['Month', ...names, 'Total'],
      rows: months.map((m, i) => [monthLabel(m), ...series.map((s) => s[i]), sum(series.map((s) => s[i]))]),
    },
  };
}

export function adviceChart(data: Analytics, theme: ChartTheme): ChartModel<'bar'> {
  const items = [...data.advice].sort((a, b) => b.count - a.count).map((a) => ({ label: humaniseKey(a.moduleKey), count: a.count }));
  return horizontalBars('Advice sheets issued, by module included', ['Advice module', 'Sheets'], items, theme, 2);
}

// ---------------------------------------------------------------- CSV

export function tableCsv(table: DataTable): string {
  return toCsv(table.columns, table.rows);
}

/** 'requests-per-day' → 'clinic-desk-requests-per-day-2026-10-01-to-2026-10-31.csv' */
export function csvFilename(slug: string, from: string, to: string): string {
  return `clinic-desk-${slug}-${from}-to-${to}.csv`;
}

