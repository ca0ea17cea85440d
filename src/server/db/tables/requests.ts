import type { Flag } from '../database';

/*
 * Requests: what patients send from the website, and what staff take on the phone or at the desk.
 * Same conventions as every table: ISO UTC text timestamps, 0/1 flags, JSON text, UUID text ids.
 */

export interface RequestsTable {
  id: string;
  /** Short code the patient can quote: CB-7K3QX / AP-4M2ZD. Unique. */
  reference: string;
  kind: 'callback' | 'appointment';
  source: 'web-form' | 'phone' | 'walk-in' | 'staff';
  /** Null when the patient did not choose a centre: every centre's staff see it. */
  centre_id: string | null;
  name: string;
  /** normaliseName(name): matching and search. */
  name_norm: string;
  /** As typed. */
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  email_norm: string | null;
  message: string;
  /** JSON Preferences: preferredTime, preferredDays, preferredTimeOfDay, newPatient. */
  preferences: string;
  consent: Flag;
  priority: 'emergency' | 'urgent' | 'routine';
  /** 0 emergency, 1 urgent, 2 routine: the queue's first sort key. */
  priority_rank: number;
  /** JSON RedFlag[] with offsets into `message`. */
  red_flags: string;
  flags_acknowledged_at: string | null;
  flags_acknowledged_by: string | null;
  status: 'new' | 'in-progress' | 'closed';
  outcome: string | null;
  outcome_note: string | null;
  closed_at: string | null;
  closed_by: string | null;
  holder_id: string | null;
  held_at: string | null;
  /** A claim lapses at this time unless the holder acts on the request again. */
  hold_expires_at: string | null;
  received_at: string;
  /** received_at in the centre's time zone, for analytics by local day, hour and weekday. */
  received_local_date: string;
  received_local_hour: number;
  /** 0 Sunday … 6 Saturday, as in opening hours. */
  received_weekday: number;
  due_at: string;
  first_contact_at: string | null;
  /** Business minutes from arrival to first contact (migration 006; filled by the analytics repository). */
  first_contact_business_minutes: number | null;
  attempt_count: number;
  /** Attempts that did not reach the patient (no answer, voicemail, wrong number) since it was last reached. */
  failed_attempt_count: number;
  last_attempt_at: string | null;
  next_attempt_at: string | null;
  match_kind: 'existing-patient' | 'possible-duplicate' | null;
  match_count: number;
  /** JSON { patients: [{id, reasons, score}], requests: [{id, reasons, score}] } found on arrival or edit. */
  matches: string;
  patient_id: string | null;
  appointment_id: string | null;
  duplicate_of: string | null;
  quarantined: Flag;
  quarantine_reason: string | null;
  /** HMAC of the sender's address (public form only): the per-address rate limit counts these. */
  client_key: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RequestAttemptsTable {
  id: string;
  request_id: string;
  staff_id: string;
  at: string;
  outcome: 'no-answer' | 'voicemail' | 'spoke' | 'wrong-number';
  note: string;
  next_attempt_at: string | null;
  created_at: string;
}

/** Every change to a request, with who and when. Append-only. */
export interface RequestHistoryTable {
  id: string;
  request_id: string;
  /** 1, 2, 3 … per request: the order of changes even within one millisecond. */
  seq: number;
  at: string;
  /** Null for the public form and the system. */
  actor_id: string | null;
  action: string;
  /** JSON object describing the change. */
  detail: string;
}

/*
 * Counts of visible requests (not quarantined, with a centre) per centre and local date of arrival,
 * kept by triggers (migration 011) for analytics. A count that fell to 0 keeps its row.
 */
interface RequestCountsKey {
  centre_id: string;
  received_local_date: string;
}

export interface RequestDailyCountsTable extends RequestCountsKey {
  kind: RequestsTable['kind'];
  source: RequestsTable['source'];
  requests: number;
  contacted: number;
  /** First contacted after the due time. */
  contacted_late: number;
  booked: number;
  /** Booked into an appointment that was attended. */
  attended: number;
}

export interface RequestHourlyCountsTable extends RequestCountsKey {
  received_weekday: number;
  received_local_hour: number;
  requests: number;
}

export interface RequestStateCountsTable extends RequestCountsKey {
  priority: RequestsTable['priority'];
  status: RequestsTable['status'];
  /** '' for none. */
  outcome: string;
  requests: number;
}

export interface RequestMinutesCountsTable extends RequestCountsKey {
  /** The lower edge of a bin of minutes to first contact (migration 011's MINUTES_BIN wide). */
  minutes_from: number;
  requests: number;
}
