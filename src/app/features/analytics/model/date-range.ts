/** Date ranges are calendar days ('2026-11-03') on UK time, inclusive at both ends, as the API takes them. */

export type RangePreset = 'last-7' | 'last-30' | 'last-90' | 'this-month' | 'last-month' | 'custom';

export const RANGE_PRESETS: readonly { value: RangePreset; label: string }[] = [
  { value: 'last-7', label: 'Last 7 days' },
  { value: 'last-30', label: 'Last 30 days' },
  { value: 'last-90', label: 'Last 90 days' },
  { value: 'this-month', label: 'This month' },
  { value: 'last-month', label: 'Last month' },
  { value: 'custom', label: 'Custom dates' },
];

/** The longest range the API accepts (two years). */
export const MAX_RANGE_DAYS = 731;

const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today on UK time, whatever the browser's own zone. */
export function ukToday(now: Date = new Date()): string {
  return UK_DATE.format(now);
}

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

/** Whole days from one date to another (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/** Every date from `from` to `to` inclusive. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length <= MAX_RANGE_DAYS + 1; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The range a preset means on a given day; "last 7 days" includes today. */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): { from: string; to: string } {
  switch (preset) {
    case 'last-7':
      return { from: addDays(today, -6), to: today };
    case 'last-30':
      return { from: addDays(today, -29), to: today };
    case 'last-90':
      return { from: addDays(today, -89), to: today };
    case 'this-month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'last-month': {
      const firstOfThis = toUtc(`${today.slice(0, 7)}-01`);
      const lastOfPrevious = new Date(firstOfThis.getTime() - 86_400_000);
      return { from: `${iso(lastOfPrevious).slice(0, 7)}-01`, to: iso(lastOfPrevious) };
    }
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a typed range cannot be asked for, or null when it can. */
export function rangeProblem(from: string, to: string): string | null {
  if (!DATE.test(from) || !DATE.test(to) || Number.isNaN(toUtc(from).getTime()) || Number.isNaN(toUtc(to).getTime())) {
    return 'Enter both dates.';
  }
  if (to < from) return 'The end date must be on or after the start date.';
  if (daysBetween(from, to) > MAX_RANGE_DAYS) return 'Choose a range of two years or less.';
  return null;
}
