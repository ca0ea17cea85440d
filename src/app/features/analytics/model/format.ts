/** Display helpers shared by the tiles, charts and tables of the Analytics page. */

/** Business minutes as "1 h 25 min", "45 min", "2 h"; null as a dash. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '–';
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A 0–1 share as "42%" (one decimal under 10% so small rates do not all read "0%"). */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  const pct = share * 100;
  return `${pct > 0 && pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** part / whole as a share, or null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const DAY_YEAR = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** '2026-11-03' → '3 Nov' (chart axis). */
export function shortDay(date: string): string {
  return DAY.format(new Date(`${date}T00:00:00Z`));
}

/** '2026-11-03' → '3 Nov 2026' (tables, headings). */
export function longDay(date: string): string {
  return DAY_YEAR.format(new Date(`${date}T00:00:00Z`));
}

/** '2026-11' → 'Nov 2026'. */
export function monthLabel(month: string): string {
  return MONTH.format(new Date(`${month}-01T00:00:00Z`));
}

/** 'calf-stretch-wall' → 'Calf stretch wall': readable without shipping the whole advice library. */
export function humaniseKey(key: string): string {
  const words = key.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : key;
}
