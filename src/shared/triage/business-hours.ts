/**
 * Response-target clocks that run only while a clinic is open.
 *
 * A request that arrives at 19:00 on a Friday is not "late" on Saturday morning if the clinic is
 * shut until Monday; the receptionist's clock starts when the doors open. Everything here takes
 * and returns UTC instants (how the database stores time) and reads opening hours in the centre's
 * own time zone, using only `Intl`, so the same code runs on the server and in the browser and is
 * right on the two Sundays a year when UK clocks change.
 */
import type { TriagePriority } from './red-flags';

/** One opening period on one day. A weekday may appear twice (a lunch break) or not at all (closed). */
export interface OpeningPeriod {
  /** 0 = Sunday … 6 = Saturday, as `Date.getDay()`. */
  readonly weekday: number;
  /** Local wall-clock time 'HH:MM', 24-hour. */
  readonly open: string;
  /** Local wall-clock time 'HH:MM'; '24:00' means midnight at the end of the day. */
  readonly close: string;
}

export type OpeningHours = readonly OpeningPeriod[];

/** Local calendar dates 'YYYY-MM-DD' on which the clinic is closed all day. */
export type ClosedDates = readonly string[];

export const DEFAULT_TIME_ZONE = 'Europe/London';

/** Where the clock runs: the centre's week, its time zone and its closed days. */
export interface ClinicCalendar {
  readonly hours: OpeningHours;
  readonly timeZone?: string;
  readonly holidays?: ClosedDates;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A calendar with no opening for this long is treated as never opening (no hours, or all holidays). */
const LONGEST_CLOSURE_DAYS = 400;

/** Whether the clinic is open at this instant. Opening time counts as open; closing time does not. */
export function isOpenAt(
  instantUtc: Date,
  hours: OpeningHours,
  timeZone: string = DEFAULT_TIME_ZONE,
  holidays: ClosedDates = [],
): boolean {
  const at = instantMs(instantUtc, 'instantUtc');
  for (const interval of openIntervals(at, prepare(hours, timeZone, holidays))) return interval.start <= at;
  return false;
}

/**
 * When the clock next runs: the instant itself if the clinic is open, otherwise the next opening.
 * Null when the calendar never opens (no hours, or closed for over a year).
 */
export function nextOpening(
  instantUtc: Date,
  hours: OpeningHours,
  timeZone: string = DEFAULT_TIME_ZONE,
  holidays: ClosedDates = [],
): Date | null {
  const at = instantMs(instantUtc, 'instantUtc');
  for (const interval of openIntervals(at, prepare(hours, timeZone, holidays))) {
    return new Date(Math.max(interval.start, at));
  }
  return null;
}

/**
 * The instant by which `minutes` of opening time will have passed since `startUtc`. The clock
 * pauses while the clinic is closed. Zero minutes means due at once, even outside opening hours:
 * an emergency is never "not yet due". Ending exactly at closing time returns closing time.
 */
export function addBusinessMinutes(
  startUtc: Date,
  minutes: number,
  hours: OpeningHours,
  timeZone: string = DEFAULT_TIME_ZONE,
  holidays: ClosedDates = [],
): Date {
  const start = instantMs(startUtc, 'startUtc');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  if (minutes === 0) return new Date(start);
  let remaining = minutes * MINUTE_MS;
  for (const interval of openIntervals(start, prepare(hours, timeZone, holidays))) {
    const from = Math.max(interval.start, start);
    const available = interval.end - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
  }
  throw new RangeError('the clinic calendar never opens, so no due time can be set');
}

/**
 * Opening-time minutes between two instants (fractional when the instants are not on the
 * minute). Negative when `bUtc` is before `aUtc`, so "time left" and "time overdue" are one call.
 */
export function businessMinutesBetween(
  aUtc: Date,
  bUtc: Date,
  hours: OpeningHours,
  timeZone: string = DEFAULT_TIME_ZONE,
  holidays: ClosedDates = [],
): number {
  const a = instantMs(aUtc, 'aUtc');
  const b = instantMs(bUtc, 'bUtc');
  if (b < a) return -businessMinutesBetween(bUtc, aUtc, hours, timeZone, holidays);
  let total = 0;
  for (const interval of openIntervals(a, prepare(hours, timeZone, holidays))) {
    if (interval.start >= b) break;
    total += Math.min(interval.end, b) - Math.max(interval.start, a);
  }
  return total / MINUTE_MS;
}

// =============================================================================================
// Response targets
// =============================================================================================

export type RequestKind = 'callback' | 'appointment';

/**
 * Minutes of opening time allowed before first contact. The shape matches the centre's stored
 * `responseTargets`, so it can be passed straight through; extra fields are ignored.
 */
export interface ResponseTargetMinutes {
  readonly emergencyMinutes: number;
  /** Not stored per centre yet; a red-flag request must not wait as long as a routine one. */
  readonly urgentMinutes: number;
  readonly callbackMinutes: number;
  readonly appointmentMinutes: number;
}

export const DEFAULT_RESPONSE_TARGET_MINUTES: ResponseTargetMinutes = {
  emergencyMinutes: 0,
  urgentMinutes: 30,
  callbackMinutes: 120,
  appointmentMinutes: 240,
};

/**
 * How many opening-time minutes a request may wait. Emergencies are due at once; urgent requests
 * get the shorter of the urgent target and their kind's target; routine ones their kind's target.
 */
export function responseTarget(
  priority: TriagePriority,
  kind: RequestKind,
  targets: Partial<ResponseTargetMinutes> = {},
): number {
  const merged = { ...DEFAULT_RESPONSE_TARGET_MINUTES, ...definedOnly(targets) };
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
  const kindTarget = kind === 'callback' ? merged.callbackMinutes : merged.appointmentMinutes;
  switch (priority) {
    case 'emergency':
      return merged.emergencyMinutes;
    case 'urgent':
      return Math.min(merged.urgentMinutes, kindTarget);
    case 'routine':
      return kindTarget;
  }
}

export interface DueAtInput {
  readonly receivedAt: Date;
  readonly priority: TriagePriority;
  readonly kind: RequestKind;
  readonly calendar: ClinicCalendar;
  readonly targets?: Partial<ResponseTargetMinutes>;
}

/** When a request must have had its first contact, in opening time from when it arrived. */
export function dueAt({ receivedAt, priority, kind, calendar, targets }: DueAtInput): Date {
  const minutes = responseTarget(priority, kind, targets);
  return addBusinessMinutes(receivedAt, minutes, calendar.hours, calendar.timeZone ?? DEFAULT_TIME_ZONE, calendar.holidays ?? []);
}

function definedOnly(targets: Partial<ResponseTargetMinutes>): Partial<ResponseTargetMinutes> {
  return Object.fromEntries(Object.entries(targets).filter(([, value]) => value !== undefined && value !== null));
}

// =============================================================================================
// Calendar machinery
// =============================================================================================

interface PreparedCalendar {
  readonly timeZone: string;
  /** Per weekday, merged and sorted [openMinute, closeMinute) pairs. */
  readonly periodsByWeekday: readonly (readonly (readonly [number, number])[])[];
  readonly holidays: ReadonlySet<string>;
}

interface Interval {
  readonly start: number;
  readonly end: number;
}

function prepare(hours: OpeningHours, timeZone: string, holidays: ClosedDates): PreparedCalendar {
  if (!Array.isArray(hours)) throw new RangeError('hours must be an array of { weekday, open, close }');
  formatterFor(timeZone); // throws RangeError for an unknown zone, before any arithmetic
  const byWeekday: [number, number][][] = [[], [], [], [], [], [], []];
  for (const period of hours) {
    const { weekday, open, close } = period;
    if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) {
      throw new RangeError(`weekday must be an integer 0 (Sunday) to 6 (Saturday), got ${String(weekday)}`);
    }
    const openMinute = minuteOfDay(open, 'open');
    const closeMinute = minuteOfDay(close, 'close');
    if (closeMinute <= openMinute) throw new RangeError(`close (${close}) must be after open (${open}) on weekday ${weekday}`);
    byWeekday[weekday]!.push([openMinute, closeMinute]);
  }
  const periodsByWeekday = byWeekday.map((periods) => mergePeriods(periods));
  for (const date of holidays) {
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
      throw new RangeError(`holidays must be ISO dates YYYY-MM-DD, got ${String(date)}`);
    }
  }
  return { timeZone, periodsByWeekday, holidays: new Set(holidays) };
}

/** Overlapping or touching periods on one day are one stretch of opening time, counted once. */
function mergePeriods(periods: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...periods].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [open, close] of sorted) {
    const last = merged.at(-1);
    if (last && open <= last[1]) last[1] = Math.max(last[1], close);
    else merged.push([open, close]);
  }
  return merged;
}

function minuteOfDay(time: string, field: string): number {
  const match = typeof time === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$|^(24):(00)$/.exec(time) : null;
  if (!match) throw new RangeError(`${field} must be a time 'HH:MM' (00:00 to 24:00), got ${String(time)}`);
  const hour = Number(match[1] ?? match[3]);
  const minute = Number(match[2] ?? match[4]);
  return hour * 60 + minute;
}

/**
 * Opening intervals, in UTC, that end after `fromMs`, in time order. Walks local calendar days
 * from the one containing `fromMs`, so a period is always read in its own day's UTC offset.
 */
function* openIntervals(fromMs: number, calendar: PreparedCalendar): Generator<Interval> {
  let day = localDateOf(fromMs, calendar.timeZone);
  let daysWithoutOpening = 0;
  while (daysWithoutOpening <= LONGEST_CLOSURE_DAYS) {
    const isoDate = isoDateOf(day);
    const periods = calendar.holidays.has(isoDate) ? [] : calendar.periodsByWeekday[weekdayOf(day)]!;
    let opened = false;
    for (const [openMinute, closeMinute] of periods) {
      const start = wallTimeToUtc(day, openMinute, calendar.timeZone);
      const end = wallTimeToUtc(day, closeMinute, calendar.timeZone);
      if (end <= start) continue; // a period wholly inside a skipped hour does not exist that day
      opened = true;
      if (end > fromMs) yield { start, end };
    }
    daysWithoutOpening = opened ? 0 : daysWithoutOpening + 1;
    day = nextDay(day);
  }
}

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day) + DAY_MS);
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

function isoDateOf(date: LocalDate): string {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    if (typeof timeZone !== 'string' || timeZone === '') throw new RangeError('timeZone must be an IANA zone name');
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading at an instant, expressed as if that reading were UTC. */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wholeSeconds = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
  return wholeSeconds + (((instant % 1000) + 1000) % 1000);
}

function localDateOf(instant: number, timeZone: string): LocalDate {
  const wall = new Date(wallClockMs(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/**
 * The UTC instant of a local wall-clock time. At the autumn change the hour happens twice and
 * the first is taken; in the spring gap the time is read with the offset before the change
 * (01:30 on the March Sunday is 02:30 BST), as calendars and the Temporal API do.
 */
function wallTimeToUtc(date: LocalDate, minuteOfDayValue: number, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDayValue * MINUTE_MS;
  const offsetBefore = wallClockMs(wall - DAY_MS, timeZone) - (wall - DAY_MS);
  const offsetAfter = wallClockMs(wall + DAY_MS, timeZone) - (wall + DAY_MS);
  const exact = [wall - offsetBefore, wall - offsetAfter].filter((instant) => wallClockMs(instant, timeZone) === wall);
  return exact.length > 0 ? Math.min(...exact) : wall - offsetBefore;
}

function instantMs(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}
