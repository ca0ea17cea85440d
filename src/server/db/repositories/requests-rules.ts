/**
 * The server's side of the triage rules: screening, the response-target clock, normalising contact
 * details for matching, and the small formatting rules of a request (reference, preview, local
 * time parts). The rules themselves live in src/shared/triage (shared with the UI); this file only
 * adapts them to what the requests tables store.
 */
import { randomInt } from 'node:crypto';
import type { Centre } from '../../../shared/api/foundation';
import { DEFAULT_RESPONSE_TARGETS } from '../../../shared/api/foundation';
import type { Priority, RedFlag, RequestKind } from '../../../shared/api/requests';
import {
  businessMinutesBetween, dueAt, ENGLAND_AND_WALES_BANK_HOLIDAY_DATES, normalisePhone, screenMessage,
} from '../../../shared/triage';

// ----- reference ----------------------------------------------------------------------------------

/** No I or O: a patient reading the code over the phone cannot confuse them with 1 and 0. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newReference(kind: RequestKind): string {
  let code = '';
  for (let i = 0; i < 5; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${kind === 'callback' ? 'CB' : 'AP'}-${code}`;
}

/** 'cb7k3qx', 'CB 7K3QX', 'cb-7k3qx' → 'CB-7K3QX'; null when it is not a reference. */
export function asReference(text: string): string | null {
  const match = /^\s*(CB|AP)[\s-]?([0-9A-Z]{5})\s*$/i.exec(text);
  return match ? `${match[1]!.toUpperCase()}-${match[2]!.toUpperCase()}` : null;
}

// ----- screening ----------------------------------------------------------------------------------

export const PRIORITY_RANK: Record<Priority, number> = { emergency: 0, urgent: 1, routine: 2 };

export function screen(message: string): { priority: Priority; redFlags: RedFlag[] } {
  const result = screenMessage(message);
  return {
    priority: result.priority,
    redFlags: result.redFlags.map((f) => ({
      category: f.category, label: f.label, level: f.level, action: f.action, script: f.script,
      phrase: f.phrase, start: f.start, end: f.end,
    })),
  };
}

const PREVIEW_LENGTH = 200;

/**
 * The queue row's preview: the start of the message, or, when the first (most serious) flag lies
 * further on, a window around it, so the phrase that raised the flag is always visible. Flag offsets
 * are moved to the preview; a phrase outside it gets -1/-1.
 */
export function buildPreview(message: string, redFlags: readonly RedFlag[]): { preview: string; redFlags: RedFlag[] } {
  // Most messages have no whitespace to collapse; theirs is read as it is, offsets and all (a queue page builds 50 previews).
  const collapses = COLLAPSIBLE_WHITESPACE.test(message);
  const text = collapses ? message.replace(/\s+/g, ' ') : message;
  // Collapsing whitespace moves offsets; only the flags' offsets need moving.
  const offset = collapses ? (at: number) => collapsedOffset(message, at) : (at: number) => clampedOffset(message, at);
  const flags = redFlags.map((f) => ({ ...f, start: offset(f.start), end: offset(f.end) }));
  let from = 0;
  const first = flags[0];
  if (text.length > PREVIEW_LENGTH && first && first.end > PREVIEW_LENGTH - 1) {
    from = Math.max(0, Math.min(first.start - 60, text.length - PREVIEW_LENGTH));
    // Start at a word boundary.
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < first.start) from = space + 1;
  }
  const to = Math.min(text.length, from + PREVIEW_LENGTH);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < text.length ? '…' : '';
  const preview = prefix + text.slice(from, to) + suffix;
  const shift = prefix.length - from;
  return {
    preview,
    redFlags: flags.map((f) => (f.start >= from && f.end <= to ? { ...f, start: f.start + shift, end: f.end + shift } : { ...f, start: -1, end: -1 })),
  };
}

/** Whitespace that collapsing to single spaces would change: a run of two or more, or one that is not a space. */
const COLLAPSIBLE_WHITESPACE = /\s\s|[^\S ]/;

/** An offset kept within the message. */
function clampedOffset(message: string, offset: number): number {
  return Math.max(0, Math.min(offset, message.length));
}

/** Where an offset into the message lands once each run of whitespace is one space: the collapsed length of what precedes it. */
function collapsedOffset(message: string, offset: number): number {
  return message.slice(0, clampedOffset(message, offset)).replace(/\s+/g, ' ').length;
}

// ----- contact details ----------------------------------------------------------------------------

export interface PhoneReading {
  /** E.164 when the text can be a phone number (UK national formats by default), else null. */
  e164: string | null;
  valid: boolean;
}

/**
 * UK numbers in any common format ('07700 900123', '+44 (0)7700-900123', '0044 7700 900123'), or
 * international ones with +. The same normalisation as patients' records, so matching lines up.
 */
export function readPhone(raw: string | null | undefined): PhoneReading {
  const text = (raw ?? '').trim();
  if (!text || !/^[\d\s()+./-]+$/.test(text)) return { e164: null, valid: false };
  let e164 = normalisePhone(text);
  // '447700900123' typed without the +.
  if (!e164 && /^44\d{9,10}$/.test(text.replace(/\D/g, ''))) e164 = normalisePhone(`+${text.replace(/\D/g, '')}`);
  return { e164, valid: e164 !== null };
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;


// ----- time ----------------------------------------------------------------------------------

export interface LocalParts {
  /** 'YYYY-MM-DD' in the zone. */
  date: string;
  hour: number;
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

export function localParts(iso: string, timeZone: string): LocalParts {
  let format = partFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23', weekday: 'short',
    });
    partFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, hour: Number(parts['hour']), weekday: weekdays.indexOf(parts['weekday']!) };
}

export const DEFAULT_TIME_ZONE = 'Europe/London';

/** Minutes allowed by the centre's response targets for this request. */
export function targetMinutes(centre: Pick<Centre, 'responseTargets'> | null, kind: RequestKind, priority: Priority): number {
  const targets = centre?.responseTargets ?? DEFAULT_RESPONSE_TARGETS;
  if (priority === 'emergency') return targets.emergencyMinutes;
  return kind === 'callback' ? targets.callbackMinutes : targets.appointmentMinutes;
}

// ----- the response-target clock -----------------------------------------------------------------

/**
 * When a request is due: the centre's response target in its opening hours (time zone, England and
 * Wales bank holidays), from the shared rules. Emergencies are due at once.
 */
export function computeDueAt(receivedAt: string, centre: Pick<Centre, 'responseTargets' | 'openingHours' | 'timeZone'> | null, kind: RequestKind, priority: Priority): string {
  try {
    return dueAt({
      receivedAt: new Date(receivedAt), priority, kind,
      calendar: { hours: centre?.openingHours ?? [], timeZone: centre?.timeZone ?? DEFAULT_TIME_ZONE, holidays: ENGLAND_AND_WALES_BANK_HOLIDAY_DATES },
      targets: centre?.responseTargets ?? DEFAULT_RESPONSE_TARGETS,
    }).toISOString();
  } catch {
    // A centre with no opening hours at all: the target runs in plain time rather than never.
    return new Date(Date.parse(receivedAt) + targetMinutes(centre, kind, priority) * 60_000).toISOString();
  }
}

/**
 * Business minutes from arrival to first contact, by the same calendar as the due time, rounded to
 * a tenth. Stored with first_contact_at when it is set, so analytics aggregates it in SQL (SQL cannot
 * express opening hours). A centre with no opening hours counts plain time, as computeDueAt does.
 */
export function firstContactBusinessMinutes(receivedAt: string, firstContactAt: string, centre: Pick<Centre, 'openingHours' | 'timeZone'> | null): number {
  const hours = centre?.openingHours ?? [];
  const minutes = hours.length
    ? businessMinutesBetween(new Date(receivedAt), new Date(firstContactAt), hours, centre?.timeZone ?? DEFAULT_TIME_ZONE, ENGLAND_AND_WALES_BANK_HOLIDAY_DATES)
    : (Date.parse(firstContactAt) - Date.parse(receivedAt)) / 60_000;
  return Math.round(Math.max(0, minutes) * 10) / 10;
}
