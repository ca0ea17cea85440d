import type {
  AppointmentType, AppointmentTypeInput, Clinician, ClinicianHours, Slot, TimeOfDay,
} from '../../../shared/api/diary';
import { TIME_OF_DAY_RANGES } from '../../../shared/diary-labels';
import type { DbOrTrx } from '../database';
import type { AppointmentTypeRow } from '../tables/diary';
import { newId, nowIso } from '../time';

// ---------------------------------------------------------------------------------------------
// Centre-local time. Instants are stored in UTC; working hours are wall-clock times in the
// centre's zone. Intl does the zone arithmetic, so the clocks changing in spring and autumn move
// the UTC instant of "09:00" by an hour, as they should.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number }

function wallClock(zone: string, ms: number): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { year: parts['year']!, month: parts['month']!, day: parts['day']!, hour: parts['hour']! % 24, minute: parts['minute']!, second: parts['second']! };
}

/** Minutes the zone is ahead of UTC at this instant (London: 0 in winter, 60 in summer). */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  const w = wallClock(zone, ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The centre-local calendar date of an instant: 'YYYY-MM-DD'. */
export function localDate(zone: string, ms: number): string {
  const w = wallClock(zone, ms);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Minutes after local midnight of an instant. */
export function localMinutes(zone: string, ms: number): number {
  const w = wallClock(zone, ms);
  return w.hour * 60 + w.minute;
}

/**
 * The UTC instant (ms) of a wall-clock time on a local date, or null when that time does not
 * exist there (the hour skipped when clocks go forward). In the repeated autumn hour the later
 * (winter-time) instant is chosen.
 */
export function localToUtc(zone: string, date: string, minutes: number): number | null {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let guess = wall - zoneOffsetMinutes(zone, wall) * 60_000;
  guess = wall - zoneOffsetMinutes(zone, guess) * 60_000;
  const back = wallClock(zone, guess);
  if (Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute) !== wall) return null;
  return guess;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isRealDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export const clockToMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

export function inTimeOfDay(minutes: number, timeOfDay: TimeOfDay | undefined): boolean {
  if (!timeOfDay || timeOfDay === 'any') return true;
  const range = TIME_OF_DAY_RANGES[timeOfDay];
  return minutes >= range.from && minutes < range.to;
}

// ---------------------------------------------------------------------------------------------
// The slot finder (pure: the route loads hours and busy times, this decides).

export interface Busy { clinicianId: string; start: number; end: number }

export interface SlotSearch {
  zone: string;
  fromDate: string;
  days: number;
  minutes: number;
  now: number;
  clinicians: { id: string; name: string }[];
  /** Working blocks at this centre. */
  hours: Pick<ClinicianHours, 'clinicianId' | 'weekday' | 'start' | 'end'>[];
  /** Booked appointments of these clinicians, at any centre. */
  busy: Busy[];
  preferredDays?: number[];
  timeOfDay?: TimeOfDay;
  limit: number;
  /** Candidate starts fall on this grid from the block's start (and right after each booking). */
  stepMinutes?: number;
}

export function findSlots(search: SlotSearch): Slot[] {
  const step = search.stepMinutes ?? 15;
  const slots: (Slot & { ms: number })[] = [];
  const names = new Map(search.clinicians.map((c) => [c.id, c.name]));
  for (let i = 0; i < search.days && slots.length < search.limit; i++) {
    const date = addDays(search.fromDate, i);
    const weekday = weekdayOf(date);
    if (search.preferredDays?.length && !search.preferredDays.includes(weekday)) continue;
    const dayStart = localToUtc(search.zone, date, 0) ?? localToUtc(search.zone, date, 60)!;
    if (localToUtc(search.zone, addDays(date, 1), 0) !== null && localToUtc(search.zone, addDays(date, 1), 0)! <= search.now) continue;
    const daySlots: (Slot & { ms: number })[] = [];
    for (const block of search.hours) {
      if (block.weekday !== weekday || !names.has(block.clinicianId)) continue;
      const from = clockToMinutes(block.start);
      const to = clockToMinutes(block.end);
      const busy = search.busy.filter((b) => b.clinicianId === block.clinicianId && b.end > dayStart - 86_400_000 && b.start < dayStart + 2 * 86_400_000);
      const candidates = new Set<number>();
      for (let m = from; m + search.minutes <= to; m += step) candidates.add(m);
      for (const b of busy) {
        if (localDate(search.zone, b.end) === date) {
          const m = localMinutes(search.zone, b.end);
          if (m >= from && m + search.minutes <= to) candidates.add(m);
        }
      }
      for (const m of [...candidates].sort((a, b) => a - b)) {
        if (!inTimeOfDay(m, search.timeOfDay)) continue;
        const start = localToUtc(search.zone, date, m);
        const end = localToUtc(search.zone, date, m + search.minutes);
        if (start === null || end === null || end - start !== search.minutes * 60_000) continue;
        if (start < search.now) continue;
        if (busy.some((b) => b.start < end && b.end > start)) continue;
        daySlots.push({ clinicianId: block.clinicianId, clinicianName: names.get(block.clinicianId)!, start: new Date(start).toISOString(), end: new Date(end).toISOString(), ms: start });
      }
    }
    daySlots.sort((a, b) => a.ms - b.ms || a.clinicianName.localeCompare(b.clinicianName));
    slots.push(...daySlots);
  }
  return slots.slice(0, search.limit).map(({ ms: _ms, ...slot }) => slot);
}

/**
 * Why a start time cannot be booked for this clinician at this centre, or null when it lies
 * inside one of their working blocks (start and end on the same local day).
 */
export function outsideHours(
  zone: string, startMs: number, minutes: number, hours: Pick<ClinicianHours, 'weekday' | 'start' | 'end'>[],
): string | null {
  const date = localDate(zone, startMs);
  const endMs = startMs + minutes * 60_000;
  const startMin = localMinutes(zone, startMs);
  const endMin = localDate(zone, endMs) === date ? localMinutes(zone, endMs) : 24 * 60 + localMinutes(zone, endMs);
  const weekday = weekdayOf(date);
  const fits = hours.some((h) => h.weekday === weekday && clockToMinutes(h.start) <= startMin && endMin <= clockToMinutes(h.end));
  return fits ? null : 'That time is outside the clinician\'s working hours at this centre.';
}

// ---------------------------------------------------------------------------------------------
// Appointment types

export function toAppointmentType(row: AppointmentTypeRow): AppointmentType {
  return { id: row.id, name: row.name, minutes: Number(row.minutes), newPatient: row.new_patient === 1, active: row.active === 1, version: Number(row.version) };
}

export async function listAppointmentTypes(db: DbOrTrx): Promise<AppointmentType[]> {
  const rows = await db.selectFrom('appointment_types').selectAll().orderBy('new_patient', 'desc').orderBy('name').execute();
  return rows.map(toAppointmentType);
}

export async function findAppointmentType(db: DbOrTrx, id: string): Promise<AppointmentType | undefined> {
  const row = await db.selectFrom('appointment_types').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAppointmentType(row);
}

export async function findAppointmentTypeByName(db: DbOrTrx, name: string): Promise<AppointmentType | undefined> {
  const rows = await db.selectFrom('appointment_types').selectAll().execute();
  const row = rows.find((r) => r.name.trim().toLowerCase() === name.trim().toLowerCase());
  return row && toAppointmentType(row);
}

export async function insertAppointmentType(db: DbOrTrx, input: AppointmentTypeInput, id = newId()): Promise<AppointmentType> {
  const now = nowIso();
  await db.insertInto('appointment_types').values({
    id, name: input.name.trim(), minutes: input.minutes, new_patient: input.newPatient ? 1 : 0, active: input.active ? 1 : 0,
    version: 1, created_at: now, updated_at: now,
  }).execute();
  return (await findAppointmentType(db, id))!;
}

/** Conditional on the version read: undefined when someone saved first. */
export async function updateAppointmentType(db: DbOrTrx, id: string, version: number, input: AppointmentTypeInput): Promise<AppointmentType | undefined> {
  const result = await db.updateTable('appointment_types').set({
    name: input.name.trim(), minutes: input.minutes, new_patient: input.newPatient ? 1 : 0, active: input.active ? 1 : 0,
    version: version + 1, updated_at: nowIso(),
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return findAppointmentType(db, id);
}

// ---------------------------------------------------------------------------------------------
// Clinicians and their hours

/** Active chiropractors, optionally only those working at one centre. */
export async function listClinicians(db: DbOrTrx, centreId?: string): Promise<Clinician[]> {
  let query = db.selectFrom('staff').select(['id', 'name']).where('role', '=', 'chiropractor').where('active', '=', 1).orderBy('name');
  if (centreId) {
    query = query.where('id', 'in', db.selectFrom('staff_centres').select('staff_id').where('centre_id', '=', centreId));
  }
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const links = await db.selectFrom('staff_centres').select(['staff_id', 'centre_id']).where('staff_id', 'in', rows.map((r) => r.id)).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, centreIds: links.filter((l) => l.staff_id === r.id).map((l) => l.centre_id).sort() }));
}

/** The clinician if they are an active chiropractor working at the centre. */
export async function findClinicianAt(db: DbOrTrx, clinicianId: string, centreId: string): Promise<Clinician | undefined> {
  return (await listClinicians(db, centreId)).find((c) => c.id === clinicianId);
}

export async function listClinicianHours(db: DbOrTrx, filter: { clinicianId?: string; centreIds?: string[] }): Promise<ClinicianHours[]> {
  let query = db.selectFrom('clinician_hours').selectAll();
  if (filter.clinicianId) query = query.where('clinician_id', '=', filter.clinicianId);
  if (filter.centreIds) {
    if (filter.centreIds.length === 0) return [];
    query = query.where('centre_id', 'in', filter.centreIds);
  }
  const rows = await query.orderBy('clinician_id').orderBy('centre_id').orderBy('weekday').orderBy('start_time').execute();
  return rows.map((r) => ({ clinicianId: r.clinician_id, centreId: r.centre_id, weekday: Number(r.weekday), start: r.start_time, end: r.end_time }));
}

/** Replaces one clinician's week at one centre. The caller has checked the blocks. */
export async function replaceClinicianHours(
  db: DbOrTrx, clinicianId: string, centreId: string, hours: { weekday: number; start: string; end: string }[],
): Promise<ClinicianHours[]> {
  await db.deleteFrom('clinician_hours').where('clinician_id', '=', clinicianId).where('centre_id', '=', centreId).execute();
  if (hours.length) {
    const now = nowIso();
    await db.insertInto('clinician_hours').values(hours.map((h) => ({
      id: newId(), clinician_id: clinicianId, centre_id: centreId, weekday: h.weekday, start_time: h.start, end_time: h.end, created_at: now,
    }))).execute();
  }
  return listClinicianHours(db, { clinicianId, centreIds: [centreId] });
}

/**
 * Field messages for a proposed week: each block ends after it starts, and none overlaps another
 * block of the same clinician on the same weekday (here or at another centre).
 */
export function checkHours(
  hours: { weekday: number; start: string; end: string }[],
  elsewhere: Pick<ClinicianHours, 'weekday' | 'start' | 'end' | 'centreId'>[],
): Record<string, string> {
  const fields: Record<string, string> = {};
  hours.forEach((h, i) => {
    if (h.start >= h.end) {
      fields[`hours.${i}`] = 'The end time must be after the start time.';
      return;
    }
    const clash = hours.findIndex((o, j) => j !== i && o.weekday === h.weekday && o.start < h.end && h.start < o.end);
    if (clash >= 0) fields[`hours.${i}`] = 'This overlaps another block on the same day.';
    else if (elsewhere.some((o) => o.weekday === h.weekday && o.start < h.end && h.start < o.end)) {
      fields[`hours.${i}`] = 'The clinician works at another centre at this time.';
    }
  });
  return fields;
}
