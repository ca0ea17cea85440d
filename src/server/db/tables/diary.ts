import type { Selectable } from 'kysely';
import type { Flag } from '../database';

/** Table types for patients and the diary (migration 003-diary). Conventions as in database.ts. */

export interface PatientsTable {
  id: string;
  centre_id: string;
  given_name: string;
  family_name: string;
  /** normaliseName(given + family): the key the requests area matches incoming names on. */
  name_norm: string | null;
  /** 'YYYY-MM-DD' */
  date_of_birth: string;
  /** As entered; '' when not given. */
  phone: string;
  /** normalisePhone(phone): E.164 ('+447700900123'), null when none or unreadable. */
  phone_e164: string | null;
  email: string;
  /** normaliseEmail(email), null when none. */
  email_norm: string | null;
  address: string;
  gp_practice: string;
  /** Ten digits, checked (modulus 11); null when not known. */
  nhs_number: string | null;
  large_print: Flag;
  language: string | null;
  communication_other: string | null;
  contact_consent: Flag;
  /** The record this one was merged into (kept, never deleted). */
  merged_into: string | null;
  merged_at: string | null;
  anonymised_at: string | null;
  anonymised_reason: string | null;
  anonymised_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PatientMergesTable {
  id: string;
  survivor_id: string;
  merged_id: string;
  merged_at: string;
  merged_by: string | null;
  /** JSON: the duplicate's demographics at the time, and the ids of every row moved, by table. */
  snapshot: string;
}

export interface ClinicianHoursTable {
  id: string;
  clinician_id: string;
  centre_id: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** 'HH:MM' centre local time */
  start_time: string;
  end_time: string;
  created_at: string;
}

export interface AppointmentTypesTable {
  id: string;
  name: string;
  minutes: number;
  new_patient: Flag;
  active: Flag;
  version: number;
  created_at: string;
  updated_at: string;
}

export type AppointmentStatusValue = 'booked' | 'cancelled' | 'attended' | 'did-not-attend';

export interface AppointmentsTable {
  id: string;
  centre_id: string;
  clinician_id: string;
  patient_id: string;
  type_id: string;
  /** ISO UTC instants */
  start_at: string;
  end_at: string;
  status: AppointmentStatusValue;
  request_id: string | null;
  cancel_reason: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export type PatientRow = Selectable<PatientsTable>;
export type AppointmentRow = Selectable<AppointmentsTable>;
export type AppointmentTypeRow = Selectable<AppointmentTypesTable>;
export type ClinicianHoursRow = Selectable<ClinicianHoursTable>;
