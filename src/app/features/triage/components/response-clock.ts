/** How the response-target clock reads for one request at one moment. */
export interface ClockReading {
  /** "12 min left", "1 h 5 min overdue", "Due now". */
  label: string;
  overdue: boolean;
  /** Less than a quarter of an hour left: worth a glance. */
  soon: boolean;
}

export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day' : `${days} days`;
}

/**
 * The server sets `dueAt` in business hours (it already skips nights, weekends and bank
 * holidays), so the screen only counts down to it.
 */
export function readClock(dueAt: string | null | undefined, now: number): ClockReading | null {
  if (!dueAt) return null;
  const left = Date.parse(dueAt) - now;
  if (Number.isNaN(left)) return null;
  if (Math.abs(left) < 60_000) return { label: 'Due now', overdue: false, soon: true };
  if (left < 0) return { label: `${formatDuration(left)} overdue`, overdue: true, soon: false };
  return { label: `${formatDuration(left)} left`, overdue: false, soon: left < 15 * 60_000 };
}

/** "5 min ago", "3 h ago", "2 days ago". */
export function formatAge(createdAt: string, now: number): string {
  const ms = now - Date.parse(createdAt);
  if (Number.isNaN(ms)) return '';
  if (ms < 60_000) return 'just now';
  return `${formatDuration(ms)} ago`;
}
