import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { AppointmentsTable, AppointmentTypesTable, ClinicianHoursTable, PatientMergesTable, PatientsTable } from './tables/diary';

/*
 * One set of table types for both engines. To behave identically on SQLite and PostgreSQL:
 * - timestamps are ISO-8601 UTC strings ('2026-11-26T09:30:00.000Z'), so they sort as text;
 * - booleans are integers 0/1;
 * - structured values are JSON text, parsed by the repositories;
 * - ids are random UUID strings, so a guessed id reveals nothing.
 */

export type Role = 'receptionist' | 'chiropractor' | 'manager';
export type Flag = 0 | 1;

export interface CentresTable {
  id: string;
  name: string;
  address: string;
  phone: string;
  email: string;
  time_zone: string;
  /** JSON OpeningHours[] */
  opening_hours: string;
  /** JSON ResponseTargets */
  response_targets: string;
  active: Flag;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface StaffTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  must_change_password: Flag;
  totp_secret: string | null;
  totp_enabled: Flag;
  /** The time step of the last two-factor code accepted; an older or equal one is refused. */
  totp_last_step: number | null;
  /** JSON string[] of argon2 hashes; a used code is removed. */
  recovery_codes: string;
  active: Flag;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface StaffCentresTable {
  staff_id: string;
  centre_id: string;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a copy of the database does not hand out live sessions. */
  id_hash: string;
  staff_id: string;
  /** 'active' or 'totp' (password accepted, second factor still to come). */
  stage: 'active' | 'totp';
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  ip: string;
  user_agent: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  version: number;
  updated_at: string;
}

export interface AuditEventsTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  centre_id: string | null;
  ip: string | null;
  outcome: 'success' | 'failure' | 'refused';
  /** JSON object: ids and field names, never passwords, tokens or clinical free text. */
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface Database {
  centres: CentresTable;
  staff: StaffTable;
  staff_centres: StaffCentresTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  settings: SettingsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  // Feature tables: each area declares its table types in db/tables/<area>.ts and lists them here.
  requests: import('./tables/requests').RequestsTable;
  request_attempts: import('./tables/requests').RequestAttemptsTable;
  request_history: import('./tables/requests').RequestHistoryTable;
  request_daily_counts: import('./tables/requests').RequestDailyCountsTable;
  request_hourly_counts: import('./tables/requests').RequestHourlyCountsTable;
  request_state_counts: import('./tables/requests').RequestStateCountsTable;
  request_minutes_counts: import('./tables/requests').RequestMinutesCountsTable;
  patients: PatientsTable;
  patient_merges: PatientMergesTable;
  clinician_hours: ClinicianHoursTable;
  appointment_types: AppointmentTypesTable;
  appointments: AppointmentsTable;
  visits: import('./tables/visits').VisitsTable;
  findings: import('./tables/visits').FindingsTable;
  outcome_scores: import('./tables/visits').OutcomeScoresTable;
  visit_addenda: import('./tables/visits').VisitAddendaTable;
  advice_modules: import('./tables/handouts').AdviceModulesTable;
  advice_module_versions: import('./tables/handouts').AdviceModuleVersionsTable;
  handouts: import('./tables/handouts').HandoutsTable;
  handout_modules: import('./tables/handouts').HandoutModulesTable;
  handout_prints: import('./tables/handouts').HandoutPrintsTable;
}

export type Db = Kysely<Database>;
/** Repositories accept either the database or an open transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
export type Engine = 'sqlite' | 'postgres';

export type CentreRow = Selectable<CentresTable>;
export type StaffRow = Selectable<StaffTable>;
export type NewStaff = Insertable<StaffTable>;
export type StaffUpdate = Updateable<StaffTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditRow = Selectable<AuditEventsTable>;
export type { Generated };
