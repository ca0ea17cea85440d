/**
 * Demo patients and a busy diary: clinicians' weekly hours, ~150 patients and appointments over
 * the last 60 days and the next 14, relative to now. Deterministic: the same seed gives the same
 * people and the same diary shape every run. Goes through the diary repositories.
 */
import type { AppointmentStatus } from '../../shared/api/diary';
import { nhsCheckDigit } from '../../shared/exam/nhs-number';
import type { Db } from '../db/database';
import { FOLLOW_UP_TYPE_ID, NEW_PATIENT_EXAM_TYPE_ID } from '../db/migrations/003-diary';
import { insertAppointmentsBulk, type NewAppointment } from '../db/repositories/appointments';
import { appendAudit } from '../db/repositories/audit';
import { addDays, clockToMinutes, localDate, localToUtc, replaceClinicianHours, weekdayOf } from '../db/repositories/diary';
import { insertPatient } from '../db/repositories/patients';

export interface DemoDiaryContext {
  centreIds: Record<string, string>;
  staffIds: Record<string, string>;
}

export interface DemoAppointment {
  id: string;
  centreId: string;
  clinicianId: string;
  patientId: string;
  typeId: string;
  start: string;
  end: string;
  status: AppointmentStatus;
}

export interface DemoDiary {
  patientIds: string[];
  patientIdsByCentre: Record<string, string[]>;
  /** The patient who needs large print (handout demos). */
  largePrintPatientId: string;
  appointmentIds: string[];
  /** Every appointment, oldest first. */
  appointments: DemoAppointment[];
}

import { prng } from './demo-random';

const ZONE = 'Europe/London';


const GIVEN_NAMES = [
  'Oliver', 'George', 'Harry', 'Jack', 'Charlie', 'Thomas', 'James', 'William', 'Noah', 'Arthur', 'Henry', 'Leo', 'Alfie', 'Freddie',
  'Joshua', 'Samuel', 'Daniel', 'Matthew', 'David', 'Michael', 'Peter', 'Richard', 'Stephen', 'Andrew', 'Gareth', 'Rhys', 'Dylan',
  'Callum', 'Euan', 'Fraser', 'Owen', 'Aled', 'Kieran', 'Declan', 'Ravi', 'Arjun', 'Mohammed', 'Yusuf', 'Tomasz', 'Piotr',
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Lily', 'Freya', 'Ella', 'Charlotte', 'Poppy', 'Evie', 'Ruby',
  'Margaret', 'Susan', 'Patricia', 'Elizabeth', 'Helen', 'Sarah', 'Claire', 'Rachel', 'Joanne', 'Karen', 'Nicola', 'Siobhan',
  'Bethan', 'Cerys', 'Megan', 'Niamh', 'Aoife', 'Morag', 'Eilidh', 'Priya', 'Aisha', 'Fatima', 'Zainab', 'Agnieszka', 'Ewa',
  'Janet', 'Pauline', 'Brenda', 'Jean', 'Maureen', 'Gillian', 'Alison', 'Hannah', 'Lucy', 'Chloe', 'Jessica',
] as const;

const FAMILY_NAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson',
  'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson',
  'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan',
  'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly',
  'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall',
  'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson', 'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray',
  'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd',
  "O'Brien", 'MacDonald', 'Fitzgerald', 'Nowak', 'Kowalski', 'Ahmed', 'Okafor', 'Mensah', 'Brennan',
] as const;

const STREETS = ['Mill Lane', 'Station Road', 'High Street', 'Church Street', 'Victoria Road', 'The Green', 'Park Avenue', 'Orchard Close', 'Manor Road', 'Queens Road', 'Kings Meadow', 'Bridge Street'];
const TOWNS: Record<string, { towns: string[]; postcode: string }> = {
  riverside: { towns: ['Abingdon', 'Drayton', 'Radley', 'Sutton Courtenay'], postcode: 'OX14' },
  hillview: { towns: ['Didcot', 'Harwell', 'Blewbury', 'Wallingford'], postcode: 'OX11' },
};
const GP_PRACTICES: Record<string, string[]> = {
  riverside: ['Abbey House Surgery', 'Marcham Road Health Centre', 'Malthouse Surgery'],
  hillview: ['Didcot Health Centre', 'Woodlands Medical Centre', 'Oak Tree Health Centre'],
};
const LANGUAGES = ['Polish', 'Welsh', 'Punjabi', 'British Sign Language', 'Urdu', 'Romanian'];
const OTHER_NEEDS = ['Prefers text messages to calls', 'Hard of hearing: speak clearly, face the patient', 'Daughter helps with appointments', 'Uses a wheelchair: ground-floor room'];

/** Weekly hours: centre key → weekday → blocks. Alex works both centres; Rhian and Tom one each. */
const HOURS: { email: string; centre: string; week: Record<number, [string, string][]> }[] = [
  { email: 'chiro@demo.clinic', centre: 'riverside', week: {
    1: [['08:30', '13:00'], ['14:00', '18:00']], 3: [['08:30', '13:00'], ['14:00', '18:00']], 5: [['08:30', '13:00'], ['14:00', '17:00']],
  } },
  { email: 'chiro@demo.clinic', centre: 'hillview', week: {
    2: [['09:00', '13:00'], ['14:00', '19:30']], 4: [['09:00', '13:00'], ['14:00', '19:30']], 6: [['09:00', '13:00']],
  } },
  { email: 'chiro2@demo.clinic', centre: 'riverside', week: {
    1: [['09:00', '13:00'], ['14:00', '17:30']], 2: [['09:00', '13:00'], ['14:00', '19:30']], 3: [['09:00', '13:00'], ['14:00', '17:30']],
    4: [['09:00', '13:00'], ['14:00', '17:30']], 5: [['09:00', '13:00'], ['14:00', '17:00']], 6: [['09:00', '13:00']],
  } },
  { email: 'chiro3@demo.clinic', centre: 'hillview', week: {
    1: [['08:30', '13:00'], ['14:00', '18:00']], 2: [['12:00', '20:00']], 3: [['08:30', '13:00'], ['14:00', '18:00']],
    4: [['12:00', '20:00']], 5: [['08:30', '13:00'], ['14:00', '17:00']],
  } },
];

function validNhsNumber(rand: ReturnType<typeof prng>): string {
  for (;;) {
    const first = String(rand.int(400_000_000, 799_999_999));
    const check = nhsCheckDigit(first);
    if (check !== null) return `${first}${check}`;
  }
}

export async function seedDemoDiary(db: Db, context: DemoDiaryContext, now = Date.now(), seed = 20261126): Promise<DemoDiary> {
  const rand = prng(seed);
  return db.transaction().execute(async (trx) => {
    // ---- Hours ----
    for (const entry of HOURS) {
      const clinicianId = context.staffIds[entry.email];
      const centreId = context.centreIds[entry.centre];
      if (!clinicianId || !centreId) continue;
      const blocks = Object.entries(entry.week).flatMap(([weekday, list]) => list.map(([start, end]) => ({ weekday: Number(weekday), start, end })));
      await replaceClinicianHours(trx, clinicianId, centreId, blocks);
    }

    // ---- Patients ----
    const centreKeys = Object.keys(context.centreIds).filter((key) => TOWNS[key]);
    const patientIds: string[] = [];
    const patientIdsByCentre: Record<string, string[]> = {};
    const usedNames = new Set<string>();
    let largePrintPatientId = '';
    for (let i = 0; i < 150; i++) {
      let given: string, family: string;
      do {
        given = rand.pick(GIVEN_NAMES);
        family = rand.pick(FAMILY_NAMES);
      } while (usedNames.has(`${given} ${family}`));
      usedNames.add(`${given} ${family}`);
      const centreKey = centreKeys.length > 1 && rand.chance(0.45) ? centreKeys[1]! : centreKeys[0]!;
      const centreId = context.centreIds[centreKey]!;
      const place = TOWNS[centreKey]!;
      const year = rand.int(1938, 2007);
      const dateOfBirth = `${year}-${String(rand.int(1, 12)).padStart(2, '0')}-${String(rand.int(1, 28)).padStart(2, '0')}`;
      const phoneTail = String(i * 6 + rand.int(0, 5)).padStart(3, '0');
      const emailLocal = `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '');
      const patient = await insertPatient(trx, {
        centreId,
        givenName: given,
        familyName: family,
        dateOfBirth,
        phone: `07700 900${phoneTail}`,
        email: rand.chance(0.8) ? `${emailLocal}${rand.int(1, 99)}@example.com` : '',
        address: `${rand.int(1, 120)} ${rand.pick(STREETS)}, ${rand.pick(place.towns)} ${place.postcode} ${rand.int(1, 9)}${rand.pick(['AB', 'DE', 'HJ', 'NP', 'RT', 'WX'])}`,
        gpPractice: rand.pick(GP_PRACTICES[centreKey]!),
        nhsNumber: rand.chance(0.45) ? validNhsNumber(rand) : null,
        communicationNeeds: i === 0
          ? { largePrint: true, language: null, other: 'Partially sighted: large print handouts, 18 point' }
          : {
              largePrint: rand.chance(0.03),
              language: rand.chance(0.06) ? rand.pick(LANGUAGES) : null,
              other: rand.chance(0.05) ? rand.pick(OTHER_NEEDS) : null,
            },
        contactConsent: rand.chance(0.9),
        createdAt: new Date(now - rand.int(62, 900) * 86_400_000).toISOString(),
      });
      if (i === 0) largePrintPatientId = patient.id;
      patientIds.push(patient.id);
      (patientIdsByCentre[centreId] ??= []).push(patient.id);
    }

    // ---- Diary ----
    const today = localDate(ZONE, now);
    const patientBusy = new Map<string, { start: number; end: number }[]>();
    const seen = new Set<string>();
    const planned: (NewAppointment & { status: AppointmentStatus })[] = [];
    const days: string[] = [];
    for (let d = -60; d <= 14; d++) days.push(addDays(today, d));
    for (const date of days) {
      const weekday = weekdayOf(date);
      const dayOffset = days.indexOf(date) - 60;
      // The near future is fuller than the far future; the past was busy.
      const fill = dayOffset < 0 ? 0.78 : dayOffset <= 3 ? 0.75 : Math.max(0.25, 0.7 - dayOffset * 0.04);
      for (const entry of HOURS) {
        const clinicianId = context.staffIds[entry.email];
        const centreId = context.centreIds[entry.centre];
        const pool = centreId ? patientIdsByCentre[centreId] : undefined;
        if (!clinicianId || !centreId || !pool?.length) continue;
        for (const [from, to] of entry.week[weekday] ?? []) {
          let minute = clockToMinutes(from);
          const end = clockToMinutes(to);
          while (minute < end) {
            const isNew = rand.chance(0.2);
            const length = isNew ? 45 : 20;
            if (minute + length > end) break;
            if (!rand.chance(fill)) {
              minute += 15;
              continue;
            }
            const startMs = localToUtc(ZONE, date, minute);
            if (startMs === null) {
              minute += 15;
              continue;
            }
            const endMs = startMs + length * 60_000;
            const patientId = pickFreePatient(rand, pool, patientBusy, startMs, endMs, isNew ? seen : undefined);
            if (!patientId) {
              minute += length;
              continue;
            }
            const status = demoStatus(rand, startMs, now);
            // Someone already seen comes back for a follow-up, which is the follow-up's length.
            const asNew = isNew && !seen.has(patientId);
            const minutes = asNew ? length : 20;
            const bookedEnd = startMs + minutes * 60_000;
            planned.push({
              centreId, clinicianId, patientId, typeId: asNew ? NEW_PATIENT_EXAM_TYPE_ID : FOLLOW_UP_TYPE_ID,
              start: new Date(startMs).toISOString(), end: new Date(bookedEnd).toISOString(), status,
              createdAt: new Date(Math.min(now, startMs - rand.int(1, 21) * 86_400_000)).toISOString(),
            });
            seen.add(patientId);
            if (status !== 'cancelled') (patientBusy.get(patientId) ?? patientBusy.set(patientId, []).get(patientId)!).push({ start: startMs, end: bookedEnd });
            // A cancelled slot stays free; someone else may fill it.
            minute += status === 'cancelled' ? 0 : minutes;
            if (status === 'cancelled') minute += 5;
            minute = Math.ceil(minute / 5) * 5;
          }
        }
      }
    }
    planned.sort((a, b) => a.start.localeCompare(b.start));
    const ids = await insertAppointmentsBulk(trx, planned);
    const appointments: DemoAppointment[] = planned.map((a, i) => ({
      id: ids[i]!, centreId: a.centreId, clinicianId: a.clinicianId, patientId: a.patientId, typeId: a.typeId, start: a.start, end: a.end, status: a.status,
    }));
    await appendAudit(trx, {
      actorId: null, actorRole: 'system', action: 'demo.diary-seeded',
      detail: { patients: patientIds.length, appointments: appointments.length },
    });
    return { patientIds, patientIdsByCentre, largePrintPatientId, appointmentIds: appointments.map((a) => a.id), appointments };
  });
}

/** A patient from the centre's list with nothing else on at that time (new-patient exams go to someone not yet seen). */
function pickFreePatient(
  rand: ReturnType<typeof prng>, pool: string[], busy: Map<string, { start: number; end: number }[]>, start: number, end: number, seen?: Set<string>,
): string | null {
  for (let tries = 0; tries < 12; tries++) {
    const id = rand.pick(pool);
    if (seen && seen.has(id) && tries < 8) continue;
    if (!(busy.get(id) ?? []).some((b) => b.start < end && b.end > start)) return id;
  }
  return null;
}

function demoStatus(rand: ReturnType<typeof prng>, startMs: number, now: number): AppointmentStatus {
  const roll = rand.next();
  if (startMs < now) return roll < 0.08 ? 'cancelled' : roll < 0.15 ? 'did-not-attend' : 'attended';
  return roll < 0.07 ? 'cancelled' : 'booked';
}
