import { type Static, Type } from 'typebox';
import { Id, Text } from './common';

/*
 * The patients-and-diary API contract, shared by the server's routes and the Angular data services.
 *
 * Conventions:
 * - `start` / `end` / `createdAt` are ISO-8601 instants in UTC ('2026-11-26T09:30:00.000Z'); the UI
 *   shows them in the centre's time zone.
 * - `dateOfBirth` and diary `date`s are calendar dates 'YYYY-MM-DD' (no time zone).
 * - `weekday` is 0 = Sunday … 6 = Saturday, as in a centre's opening hours.
 * - Clock times ('start'/'end' of working hours) are 'HH:MM', 24-hour, centre local time.
 * - Optional text a patient has not given is '' (empty), never null, except where the type says null.
 */

export const IsoDate = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });
export const ClockTime = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
export const Weekday = Type.Integer({ minimum: 0, maximum: 6 });

// ---------------------------------------------------------------------------------------------
// Patients

/** Accessible Information Standard: how the clinic must communicate with this person. */
export const CommunicationNeedsSchema = Type.Object({
  largePrint: Type.Boolean(),
  /** Preferred language when not English, e.g. 'Polish' or 'British Sign Language'. */
  language: Type.Union([Type.String({ maxLength: 80 }), Type.Null()]),
  /** Anything else, in plain words: 'Carer attends', 'Text, do not call'. */
  other: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
}, { additionalProperties: false });
export type CommunicationNeeds = Static<typeof CommunicationNeedsSchema>;

/** What identifies a patient, in the full record and in every list or search row alike. */
const PatientIdentityFields = {
  id: Id,
  centreId: Id,
  givenName: Type.String(),
  familyName: Type.String(),
  dateOfBirth: IsoDate,
  /** As entered ('07700 900123'); '' when not given. */
  phone: Type.String(),
  email: Type.String(),
  /** Ten digits, no spaces ('9434765919'); show with formatNhsNumber. */
  nhsNumber: Type.Union([Type.String(), Type.Null()]),
  /** Set when this record was merged into another: open that one instead. */
  mergedInto: Type.Union([Id, Type.Null()]),
  version: Type.Integer(),
};

export const PatientSchema = Type.Object({
  ...PatientIdentityFields,
  address: Type.String(),
  gpPractice: Type.String(),
  communicationNeeds: CommunicationNeedsSchema,
  contactConsent: Type.Boolean(),
  /** Set when the patient's identifiers were removed at their request. */
  anonymisedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type Patient = Static<typeof PatientSchema>;

/**
 * Create (POST) and edit (PUT, If-Match) a patient. On create the optional fields default to
 * empty / null / false; on edit a field left out keeps its current value.
 * Checked beyond the schema: the date of birth is a real date, not in the future and not before
 * 1900; the phone is a possible UK (or +international) number; the NHS number passes its
 * modulus-11 check digit (spaces and dashes are accepted and dropped).
 */
export const PatientInputSchema = Type.Object({
  centreId: Id,
  givenName: Text(80),
  familyName: Text(80),
  dateOfBirth: IsoDate,
  phone: Type.Optional(Type.String({ maxLength: 40 })),
  email: Type.Optional(Type.Union([
    Type.Literal(''),
    Type.String({ maxLength: 200, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }),
  ])),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  gpPractice: Type.Optional(Type.String({ maxLength: 200 })),
  nhsNumber: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  communicationNeeds: Type.Optional(CommunicationNeedsSchema),
  contactConsent: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type PatientInput = Static<typeof PatientInputSchema>;

/** One row of a patient list or search result. */
export const PatientSummarySchema = Type.Object({
  ...PatientIdentityFields,
  largePrint: Type.Boolean(),
  anonymised: Type.Boolean(),
});
export type PatientSummary = Static<typeof PatientSummarySchema>;

/**
 * GET /api/patients. `q` matches, word by word (every word must match):
 * a name (given or family, any case, part of a word), a phone number in any format
 * ('07700 900123', '+44 7700 900123', or its last digits), a date of birth ('1980-03-14',
 * '14/03/1980', '14.03.1980'), an NHS number (with or without spaces) or an email address.
 * Without `q`: the paged list, by family name. Merged records are left out unless includeMerged.
 */
export const PatientSearchQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 120 })),
  centreId: Type.Optional(Id),
  includeMerged: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
}, { additionalProperties: false });
export type PatientSearchQuery = Static<typeof PatientSearchQuerySchema>;

export const PatientPageSchema = Type.Object({
  items: Type.Array(PatientSummarySchema),
  total: Type.Integer(),
});
export type PatientPage = Static<typeof PatientPageSchema>;

/** POST /api/patients/:id/merge (manager; If-Match = the survivor's version). :id survives. */
export const PatientMergeInputSchema = Type.Object({
  /** The duplicate record, folded into :id and kept, marked merged. */
  duplicateId: Id,
  /** The version of the duplicate the manager compared. */
  duplicateVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
}, { additionalProperties: false });
export type PatientMergeInput = Static<typeof PatientMergeInputSchema>;

/** POST /api/patients/:id/anonymise (manager; If-Match). */
export const PatientAnonymiseInputSchema = Type.Object({
  /** Why, in the manager's words ('Patient asked for erasure by letter, 3 Nov'). Audited. */
  reason: Text(500, 3),
}, { additionalProperties: false });
export type PatientAnonymiseInput = Static<typeof PatientAnonymiseInputSchema>;

// ---------------------------------------------------------------------------------------------
// Diary

export const AppointmentStatusSchema = Type.Union([
  Type.Literal('booked'), Type.Literal('cancelled'), Type.Literal('attended'), Type.Literal('did-not-attend'),
]);
export type AppointmentStatus = Static<typeof AppointmentStatusSchema>;

export const TimeOfDaySchema = Type.Union([
  Type.Literal('morning'), Type.Literal('afternoon'), Type.Literal('evening'), Type.Literal('any'),
]);
export type TimeOfDay = Static<typeof TimeOfDaySchema>;

export const AppointmentTypeSchema = Type.Object({
  id: Id,
  name: Type.String(),
  minutes: Type.Integer(),
  /** Offered for a first visit (the new-patient exam). */
  newPatient: Type.Boolean(),
  active: Type.Boolean(),
  version: Type.Integer(),
});
export type AppointmentType = Static<typeof AppointmentTypeSchema>;

/** POST /api/appointment-types and PUT /api/appointment-types/:id (If-Match); managers. */
export const AppointmentTypeInputSchema = Type.Object({
  name: Text(80),
  minutes: Type.Integer({ minimum: 5, maximum: 240, multipleOf: 5 }),
  newPatient: Type.Boolean(),
  active: Type.Boolean(),
}, { additionalProperties: false });
export type AppointmentTypeInput = Static<typeof AppointmentTypeInputSchema>;

export const ClinicianSchema = Type.Object({
  id: Id,
  name: Type.String(),
  centreIds: Type.Array(Id),
});
export type Clinician = Static<typeof ClinicianSchema>;

/** One working block: a clinician at a centre on a weekday, start to end (centre local time). */
export const ClinicianHoursSchema = Type.Object({
  clinicianId: Id,
  centreId: Id,
  weekday: Weekday,
  start: ClockTime,
  end: ClockTime,
});
export type ClinicianHours = Static<typeof ClinicianHoursSchema>;

/**
 * PUT /api/clinicians/:id/hours (manager): replaces the clinician's week at one centre.
 * Blocks must end after they start and may not overlap each other or the clinician's hours at
 * another centre. Several blocks on one day make a split day (lunch break).
 */
export const ClinicianHoursInputSchema = Type.Object({
  centreId: Id,
  hours: Type.Array(Type.Object({ weekday: Weekday, start: ClockTime, end: ClockTime }, { additionalProperties: false }), { maxItems: 28 }),
}, { additionalProperties: false });
export type ClinicianHoursInput = Static<typeof ClinicianHoursInputSchema>;

/** GET /api/clinicians?centreId=: chiropractors working at the centre. */
export const CliniciansQuerySchema = Type.Object({ centreId: Id }, { additionalProperties: false });

/** GET /api/clinicians/:id/hours?centreId= (centreId optional: every centre the user sees). */
export const ClinicianHoursQuerySchema = Type.Object({ centreId: Type.Optional(Id) }, { additionalProperties: false });

/**
 * GET /api/slots: the next free slots, earliest first, from `from` (a date in the centre's time
 * zone; default today) for `days` days. Slots lie inside the clinician's working hours, clear of
 * booked appointments, and never in the past. `preferredDays` (weekday numbers, repeat the
 * parameter: preferredDays=1&preferredDays=3) and `preferredTimeOfDay` narrow the offer; see
 * TIME_OF_DAY_RANGES in diary-labels.ts for where morning, afternoon and evening start.
 */
export const SlotQuerySchema = Type.Object({
  centreId: Id,
  clinicianId: Type.Optional(Id),
  typeId: Id,
  from: Type.Optional(IsoDate),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 42, default: 14 })),
  preferredDays: Type.Optional(Type.Array(Weekday, { maxItems: 7, uniqueItems: true })),
  preferredTimeOfDay: Type.Optional(TimeOfDaySchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
}, { additionalProperties: false });
export type SlotQuery = Static<typeof SlotQuerySchema>;

export const SlotSchema = Type.Object({
  clinicianId: Id,
  clinicianName: Type.String(),
  start: Type.String(),
  end: Type.String(),
});
export type Slot = Static<typeof SlotSchema>;

export const AppointmentSchema = Type.Object({
  id: Id,
  centreId: Id,
  clinicianId: Id,
  clinicianName: Type.String(),
  patientId: Id,
  patientName: Type.String(),
  typeId: Id,
  typeName: Type.String(),
  start: Type.String(),
  end: Type.String(),
  status: AppointmentStatusSchema,
  /** The web request this booking answered, if any. */
  requestId: Type.Union([Id, Type.Null()]),
  version: Type.Integer(),
});
export type Appointment = Static<typeof AppointmentSchema>;

/**
 * POST /api/appointments (receptionists, managers): 201 with the appointment.
 * 409 `slot_taken` when the clinician is already booked at that time (ask for fresh slots),
 * 409 `patient_busy` when the patient already has an overlapping appointment,
 * 400 when the time is in the past or outside the clinician's hours.
 */
export const BookingInputSchema = Type.Object({
  centreId: Id,
  clinicianId: Id,
  patientId: Id,
  typeId: Id,
  start: Type.String({ format: 'date-time' }),
  requestId: Type.Optional(Id),
}, { additionalProperties: false });
export type BookingInput = Static<typeof BookingInputSchema>;

/** POST /api/appointments/:id/move (If-Match): same rules as booking; 409 `slot_taken`. */
export const MoveInputSchema = Type.Object({
  start: Type.String({ format: 'date-time' }),
  clinicianId: Type.Optional(Id),
}, { additionalProperties: false });
export type MoveInput = Static<typeof MoveInputSchema>;

/** POST /api/appointments/:id/cancel (If-Match). */
export const CancelInputSchema = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: 300 })),
}, { additionalProperties: false });
export type CancelInput = Static<typeof CancelInputSchema>;

/** GET /api/appointments: one centre's diary for one day (centre local date), by start time. */
export const DiaryDayQuerySchema = Type.Object({
  centreId: Id,
  clinicianId: Type.Optional(Id),
  date: IsoDate,
}, { additionalProperties: false });
export type DiaryDayQuery = Static<typeof DiaryDayQuerySchema>;

/** GET /api/today: the signed-in chiropractor's appointments today (a manager may pass clinicianId). */
export const TodayQuerySchema = Type.Object({ clinicianId: Type.Optional(Id) }, { additionalProperties: false });

export const TodaySchema = Type.Object({
  /** Today in Europe/London (or the clinician's first centre's zone). */
  date: IsoDate,
  appointments: Type.Array(AppointmentSchema),
});
export type Today = Static<typeof TodaySchema>;

/** GET /api/patients/:id: the record, the diary history, and the requests behind it. */
export const PatientDetailSchema = Type.Object({
  patient: PatientSchema,
  appointments: Type.Array(AppointmentSchema),
  /** Ids of web requests linked to this patient or to one of their appointments. */
  requestIds: Type.Array(Id),
  /** Records merged into this one. */
  mergedFrom: Type.Array(Type.Object({ id: Id, mergedAt: Type.String() })),
});
export type PatientDetail = Static<typeof PatientDetailSchema>;

/** GET /api/patients/:id/export (manager): everything held, machine-readable (subject access). */
export const PatientExportSchema = Type.Object({
  exportedAt: Type.String(),
  patient: PatientSchema,
  appointments: Type.Array(AppointmentSchema),
  merges: Type.Array(Type.Object({ survivorId: Id, mergedId: Id, mergedAt: Type.String(), mergedBy: Type.Union([Id, Type.Null()]) })),
  /** Rows of other areas' tables that name the patient (requests, visits, handouts …), by table. */
  related: Type.Record(Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown()))),
  /** Who read or changed this record, and when (the audit trail). */
  auditTrail: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), actorId: Type.Union([Type.String(), Type.Null()]) })),
});
export type PatientExport = Static<typeof PatientExportSchema>;
