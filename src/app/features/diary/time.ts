/**
 * Times are stored in UTC and shown in the centre's time zone. These helpers do the conversion
 * with Intl only, so summer-time changes come out right without a date library.
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsCache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    partsCache.set(timeZone, formatter);
  }
  return formatter;
}

interface ZonedParts { date: string; minutes: number }

/** The calendar day (YYYY-MM-DD) and minute of that day at which `iso` falls in `timeZone`. */
export function zonedParts(iso: string | Date, timeZone: string): ZonedParts {
  const parts = partsFormatter(timeZone).formatToParts(typeof iso === 'string' ? new Date(iso) : iso);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

export function dayIn(iso: string | Date, timeZone: string): string {
  return zonedParts(iso, timeZone).date;
}

export function minutesInDay(iso: string, timeZone: string): number {
  return zonedParts(iso, timeZone).minutes;
}

/** Today's date in the centre's time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dayIn(now, timeZone);
}

/** "09:40" in the centre's time zone. */
export function timeIn(iso: string, timeZone: string): string {
  const minutes = minutesInDay(iso, timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Calendar arithmetic on a YYYY-MM-DD string (noon UTC avoids any daylight-saving edge). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "Thursday 26 November 2026". */
export function longDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  // Composed by hand: browsers disagree on the comma after the weekday.
  const weekday = d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  return `${weekday} ${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
}

/** "Thu 26 Nov". */
export function shortDay(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

export function isIsoDate(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(`${value}T12:00:00Z`).getTime());
}

/** A local Date (from the date picker) as YYYY-MM-DD, and back. */
export function dateToIso(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function isoToDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
}

export const DEFAULT_TIME_ZONE = 'Europe/London';
