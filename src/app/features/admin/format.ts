import type { Centre, OpeningHours, Staff } from '../../../shared/api/foundation';
import { ROLE_LABELS, type Role } from '../../../shared/roles';

/** Monday first, as a UK rota is read; the API counts weekdays like JavaScript (0 = Sunday). */
export const WEEKDAYS: readonly { weekday: number; label: string; short: string }[] = [
  { weekday: 1, label: 'Monday', short: 'Mon' },
  { weekday: 2, label: 'Tuesday', short: 'Tue' },
  { weekday: 3, label: 'Wednesday', short: 'Wed' },
  { weekday: 4, label: 'Thursday', short: 'Thu' },
  { weekday: 5, label: 'Friday', short: 'Fri' },
  { weekday: 6, label: 'Saturday', short: 'Sat' },
  { weekday: 0, label: 'Sunday', short: 'Sun' },
];

export function roleLabel(role: string | null | undefined): string {
  return role && role in ROLE_LABELS ? ROLE_LABELS[role as Role] : role === 'system' ? 'System' : (role ?? '');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** 150 → "2 hours 30 minutes", so a target typed in minutes reads as people think of it. */
export function describeMinutes(total: number): string {
  if (!Number.isInteger(total) || total < 0) return '';
  if (total === 0) return 'straight away';
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (days) parts.push(plural(days, 'day'));
  if (hours) parts.push(plural(hours, 'hour'));
  if (minutes) parts.push(plural(minutes, 'minute'));
  return parts.join(' ');
}

/** "Mon–Thu 08:30–18:00 · Fri 08:30–17:00 · Sat 09:00–13:00"; closed days are left out. */
export function openingSummary(hours: OpeningHours): string {
  const texts = WEEKDAYS.map(({ weekday }) =>
    hours
      .filter((slot) => slot.weekday === weekday)
      .sort((a, b) => a.open.localeCompare(b.open))
      .map((slot) => `${slot.open}–${slot.close}`)
      .join(', '),
  );
  const groups: { from: number; to: number; text: string }[] = [];
  texts.forEach((text, index) => {
    const last = groups[groups.length - 1];
    if (last && last.text === text && last.to === index - 1) last.to = index;
    else groups.push({ from: index, to: index, text });
  });
  const open = groups.filter((group) => group.text);
  if (!open.length) return 'Closed all week';
  return open
    .map((group) => {
      const days = group.from === group.to ? WEEKDAYS[group.from].short : `${WEEKDAYS[group.from].short}–${WEEKDAYS[group.to].short}`;
      return `${days} ${group.text}`;
    })
    .join(' · ');
}

// ---- Time zones ----

/** Zones a UK clinic is likely to want, offered first. */
export const COMMON_TIME_ZONES = ['Europe/London', 'Europe/Dublin', 'Europe/Jersey', 'Europe/Guernsey', 'Europe/Isle_of_Man', 'Europe/Gibraltar', 'UTC'];

/** Every other zone the browser knows, when it can list them. */
export function otherTimeZones(): string[] {
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return supported.filter((zone) => !COMMON_TIME_ZONES.includes(zone));
}

// ---- Audit ----

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric', month: 'short', year: 'numeric',
  hour: '2-digit', minute: '2-digit', second: '2-digit',
});

/** Audit times are stored in UTC and read by a UK manager on UK time. */
export function londonTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : LONDON_TIME.format(date);
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - instant;
}

/** The UTC instant at which a calendar day ('2026-03-29') starts in a zone; dayOffset 1 gives the next day's start. */
export function dayStartUtc(date: string, dayOffset = 0, timeZone = 'Europe/London'): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const guess = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + dayOffset);
  // UK clocks change at 01:00 UTC, never at midnight, so one correction is exact.
  return new Date(guess - zoneOffsetMs(guess, timeZone)).toISOString();
}

const DETAIL_LIMIT = 400;

/**
 * An event's detail as one line of "key: value" pairs (nested keys joined with dots). It is shown
 * as text, never as markup; ids the screen knows are replaced by names.
 */
export function auditDetailText(detail: Record<string, unknown>, nameOf: (id: string) => string | undefined = () => undefined): string {
  const parts: string[] = [];
  const scalar = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'string') return nameOf(value) ?? value;
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  const walk = (key: string, value: unknown): void => {
    if (Array.isArray(value)) parts.push(`${key}: ${value.length ? value.map(scalar).join(', ') : '—'}`);
    else if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      if (!entries.length) parts.push(`${key}: —`);
      entries.forEach(([inner, innerValue]) => walk(`${key}.${inner}`, innerValue));
    } else parts.push(`${key}: ${scalar(value)}`);
  };
  Object.entries(detail ?? {}).forEach(([key, value]) => walk(key, value));
  const text = parts.join(' · ');
  return text.length > DETAIL_LIMIT ? `${text.slice(0, DETAIL_LIMIT - 1)}…` : text;
}

// ---- What someone else changed (shown after a 412) ----

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

export function staffChanges(before: Staff, after: Staff, centreName: (id: string) => string): string[] {
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`Name is now “${after.name}”.`);
  if (before.role !== after.role) changes.push(`Role is now ${roleLabel(after.role)}.`);
  if (!sameSet(before.centreIds, after.centreIds)) changes.push(`Centres are now ${after.centreIds.map(centreName).join(', ') || 'none'}.`);
  if (before.active !== after.active) changes.push(after.active ? 'The account was turned back on.' : 'The account was disabled.');
  return changes;
}

export function centreChanges(before: Centre, after: Centre): string[] {
  const changes: string[] = [];
  const simple: [keyof Centre, string][] = [['name', 'Name'], ['address', 'Address'], ['phone', 'Phone'], ['email', 'Email'], ['timeZone', 'Time zone']];
  for (const [key, label] of simple) {
    if (before[key] !== after[key]) changes.push(`${label} is now “${String(after[key]) || '(blank)'}”.`);
  }
  if (openingSummary(before.openingHours) !== openingSummary(after.openingHours)) changes.push(`Opening hours are now: ${openingSummary(after.openingHours)}.`);
  if (JSON.stringify(before.responseTargets) !== JSON.stringify(after.responseTargets)) changes.push('Response targets were changed.');
  if (before.active !== after.active) changes.push(after.active ? 'The centre was reopened.' : 'The centre was marked as not in use.');
  return changes;
}

export function securityChanges(before: readonly Role[], after: readonly Role[]): string[] {
  if (sameSet(before, after)) return [];
  const list = after.map((role) => ROLE_LABELS[role]).join(', ');
  return [after.length ? `Two-factor sign-in is now required for: ${list}.` : 'Two-factor sign-in is now required for no role.'];
}
