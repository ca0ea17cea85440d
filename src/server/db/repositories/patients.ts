import { sql } from 'kysely';
import type {
  CommunicationNeeds, Patient, PatientExport, PatientInput, PatientPage, PatientSummary,
} from '../../../shared/api/diary';
import { ANONYMISED_NAME } from '../../../shared/diary-labels';
import { normaliseNhsNumber } from '../../../shared/exam/nhs-number';
import { normaliseEmail, normaliseName, normalisePhone } from '../../../shared/triage/matching';
import type { DbOrTrx } from '../database';
import { engineOf } from '../engine';
import type { PatientRow, PatientsTable } from '../tables/diary';
import { newId, nowIso } from '../time';
import { listAppointments } from './appointments';
import { isRealDate } from './diary';

// ---------------------------------------------------------------------------------------------
// Shape and checks

export function toPatient(row: PatientRow): Patient {
  return {
    id: row.id,
    centreId: row.centre_id,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    phone: row.phone,
    email: row.email,
    address: row.address,
    gpPractice: row.gp_practice,
    nhsNumber: row.nhs_number,
    communicationNeeds: { largePrint: row.large_print === 1, language: row.language, other: row.communication_other },
    contactConsent: row.contact_consent === 1,
    mergedInto: row.merged_into,
    anonymisedAt: row.anonymised_at,
    version: Number(row.version),
    createdAt: row.created_at,
  };
}

export function toPatientSummary(row: PatientRow): PatientSummary {
  return {
    id: row.id, centreId: row.centre_id, givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth,
    phone: row.phone, email: row.email, nhsNumber: row.nhs_number, largePrint: row.large_print === 1,
    mergedInto: row.merged_into, anonymised: row.anonymised_at !== null, version: Number(row.version),
  };
}

/** A phone number we can store: a possible UK number (or one written with +country code). */
export function phoneLooksPossible(phone: string): boolean {
  return normalisePhone(phone) !== null;
}

/**
 * Field messages for what the schema cannot say: real dates, possible phone numbers, NHS check
 * digits. `today` is the date the date of birth may not be after.
 */
export function checkPatientInput(input: Partial<PatientInput>, today = new Date().toISOString().slice(0, 10)): Record<string, string> {
  const fields: Record<string, string> = {};
  if (input.dateOfBirth !== undefined) {
    if (!isRealDate(input.dateOfBirth)) fields['dateOfBirth'] = 'Enter a real date of birth.';
    else if (input.dateOfBirth > today) fields['dateOfBirth'] = 'The date of birth cannot be in the future.';
    else if (input.dateOfBirth < '1900-01-01') fields['dateOfBirth'] = 'Check the year of birth.';
  }
  if (input.phone !== undefined && input.phone.trim() !== '' && !phoneLooksPossible(input.phone)) {
    fields['phone'] = 'Enter a UK phone number such as 07700 900123, or an international one starting with +.';
  }
  if (input.nhsNumber !== undefined && input.nhsNumber !== null && input.nhsNumber.trim() !== '' && !normaliseNhsNumber(input.nhsNumber)) {
    fields['nhsNumber'] = 'This is not a valid NHS number: check the 10 digits (the last one is a check digit).';
  }
  if (input.givenName !== undefined && !input.givenName.trim()) fields['givenName'] = 'This field cannot be empty.';
  if (input.familyName !== undefined && !input.familyName.trim()) fields['familyName'] = 'This field cannot be empty.';
  return fields;
}

const blankToNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);


/** The columns the requests area matches incoming requests on. */
export function matchKeys(p: { givenName: string; familyName: string; phone: string; email: string }) {
  return {
    name_norm: blankToNull(normaliseName(`${p.givenName} ${p.familyName}`)),
    phone_e164: p.phone.trim() ? blankToNull(normalisePhone(p.phone)) : null,
    email_norm: p.email.trim() ? blankToNull(normaliseEmail(p.email)) : null,
  };
}

function needsColumns(needs: CommunicationNeeds) {
  return { large_print: needs.largePrint ? 1 as const : 0 as const, language: blankToNull(needs.language), communication_other: blankToNull(needs.other) };
}

// ---------------------------------------------------------------------------------------------
// Reads

export async function findPatientRow(db: DbOrTrx, id: string): Promise<PatientRow | undefined> {
  return db.selectFrom('patients').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPatient(db: DbOrTrx, id: string): Promise<Patient | undefined> {
  const row = await findPatientRow(db, id);
  return row && toPatient(row);
}

export interface PatientSearch {
  q?: string;
  /** Centres the user may see; undefined = all. */
  centreIds?: string[];
  centreId?: string;
  includeMerged?: boolean;
  limit: number;
  offset: number;
}

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/,
];

/** '14/03/1980', '14.3.1980' or '1980-03-14' as 'YYYY-MM-DD'; null when not a date. */
export function parseSearchDate(token: string): string | null {
  for (const [i, form] of DATE_FORMS.entries()) {
    const m = form.exec(token);
    if (!m) continue;
    const [y, mo, d] = i === 0 ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!];
    const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
    return isRealDate(iso) ? iso : null;
  }
  return null;
}

/** Splits a query into words, keeping a phone number typed with spaces ('07700 900 123') whole. */
export function searchTokens(q: string): string[] {
  const joined = q.trim().replace(/(?<=\d)\s+(?=\d)/g, '');
  return joined.split(/\s+/).filter(Boolean).slice(0, 6);
}

/** '%' and '\\' would act as wildcards or escapes; '_' matching itself or any letter is harmless. */
const escapeLike = (s: string) => s.replace(/[%\\]/g, '');

export async function searchPatients(db: DbOrTrx, search: PatientSearch): Promise<PatientPage> {
  let query = db.selectFrom('patients');
  if (search.centreIds) {
    if (search.centreIds.length === 0) return { items: [], total: 0 };
    query = query.where('centre_id', 'in', search.centreIds);
  }
  if (search.centreId) query = query.where('centre_id', '=', search.centreId);
  if (!search.includeMerged) query = query.where('merged_into', 'is', null);
  for (const token of searchTokens(search.q ?? '')) {
    const date = parseSearchDate(token);
    const digits = token.replace(/^\+/, '').replace(/[^\d]/g, '');
    if (date) {
      query = query.where('date_of_birth', '=', date);
    } else if (token.includes('@')) {
      query = query.where('email_norm', 'like', `%${escapeLike(token.toLowerCase())}%`);
    } else if (/^\+?[\d()-]+$/.test(token) && digits.length >= 4) {
      const nhs = digits.length === 10 ? normaliseNhsNumber(digits) : null;
      // Phone numbers are stored as E.164: match on the national digits, without the leading 0.
      const phoneE164 = normalisePhone(token);
      const national = digits.replace(/^44/, '').replace(/^0/, '');
      query = query.where((eb) => eb.or([
        ...(nhs ? [eb('nhs_number', '=', nhs)] : []),
        ...(phoneE164 ? [eb('phone_e164', '=', phoneE164)] : []),
        eb('phone_e164', 'like', `%${national}%`),
      ]));
    } else {
      const word = `%${escapeLike(token.toLowerCase())}%`;
      query = query.where((eb) => eb.or([
        eb(sql<string>`lower(given_name)`, 'like', word),
        eb(sql<string>`lower(family_name)`, 'like', word),
      ]));
    }
  }
  const countRow = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('family_name').orderBy('given_name').orderBy('date_of_birth').orderBy('id')
    .limit(search.limit).offset(search.offset).execute();
  return { items: rows.map(toPatientSummary), total: Number(countRow.n) };
}

// ---------------------------------------------------------------------------------------------
// Writes

export interface NewPatient extends PatientInput {
  /** Demo data writes history; real records are stamped now. */
  createdAt?: string;
}

export async function insertPatient(db: DbOrTrx, input: NewPatient, id = newId()): Promise<Patient> {
  const now = input.createdAt ?? nowIso();
  const phone = (input.phone ?? '').trim();
  const email = (input.email ?? '').trim();
  const givenName = input.givenName.trim();
  const familyName = input.familyName.trim();
  await db.insertInto('patients').values({
    id,
    centre_id: input.centreId,
    given_name: givenName,
    family_name: familyName,
    date_of_birth: input.dateOfBirth,
    phone,
    email,
    ...matchKeys({ givenName, familyName, phone, email }),
    address: (input.address ?? '').trim(),
    gp_practice: (input.gpPractice ?? '').trim(),
    nhs_number: normaliseNhsNumber(input.nhsNumber ?? null),
    ...needsColumns(input.communicationNeeds ?? { largePrint: false, language: null, other: null }),
    contact_consent: input.contactConsent ? 1 : 0,
    merged_into: null,
    merged_at: null,
    anonymised_at: null,
    anonymised_reason: null,
    anonymised_by: null,
    version: 1,
    created_at: now,
    updated_at: now,
  }).execute();
  return (await findPatient(db, id))!;
}

/** Fields left out keep their value. Conditional on the version read: undefined when stale. */
export async function updatePatient(db: DbOrTrx, id: string, version: number, input: PatientInput): Promise<Patient | undefined> {
  const current = await findPatientRow(db, id);
  if (!current || Number(current.version) !== version) return undefined;
  const merged = {
    givenName: input.givenName.trim(),
    familyName: input.familyName.trim(),
    phone: input.phone !== undefined ? input.phone.trim() : current.phone,
    email: input.email !== undefined ? input.email.trim() : current.email,
  };
  const result = await db.updateTable('patients').set({
    centre_id: input.centreId,
    given_name: merged.givenName,
    family_name: merged.familyName,
    date_of_birth: input.dateOfBirth,
    phone: merged.phone,
    email: merged.email,
    ...matchKeys(merged),
    ...(input.address !== undefined && { address: input.address.trim() }),
    ...(input.gpPractice !== undefined && { gp_practice: input.gpPractice.trim() }),
    ...(input.nhsNumber !== undefined && { nhs_number: normaliseNhsNumber(input.nhsNumber) }),
    ...(input.communicationNeeds !== undefined && needsColumns(input.communicationNeeds)),
    ...(input.contactConsent !== undefined && { contact_consent: input.contactConsent ? 1 : 0 }),
    version: version + 1,
    updated_at: nowIso(),
  }).where('id', '=', id).where('version', '=', version).where('merged_into', 'is', null).where('anonymised_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return findPatient(db, id);
}

// ---------------------------------------------------------------------------------------------
// Records elsewhere that name a patient

/**
 * Every table with a patient_id column, found in the live schema, so records that later features
 * add (requests, visits, handouts, outcome scores …) move with a merge and appear in an export
 * without this file knowing them.
 */
export async function tablesLinkedToPatients(db: DbOrTrx): Promise<string[]> {
  if (engineOf(db) === 'sqlite') {
    const { rows } = await sql<{ name: string }>`
      SELECT m.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) c
      WHERE m.type = 'table' AND c.name = 'patient_id' ORDER BY m.name`.execute(db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'patient_id' ORDER BY table_name`.execute(db);
  return rows.map((r) => r.name);
}

const safeIdentifier = (name: string) => /^[a-z_][a-z0-9_]*$/.test(name);

async function hasColumn(db: DbOrTrx, table: string, column: string): Promise<boolean> {
  if (engineOf(db) === 'sqlite') {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM pragma_table_info(${table}) WHERE name = ${column}`.execute(db);
    return Number(rows[0]?.n ?? 0) > 0;
  }
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table} AND column_name = ${column}`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Ids of web requests that led to this patient: linked to them, or to one of their appointments. */
export async function requestIdsOf(db: DbOrTrx, patientId: string): Promise<string[]> {
  const ids = new Set<string>();
  const fromAppointments = await db.selectFrom('appointments').select('request_id')
    .where('patient_id', '=', patientId).where('request_id', 'is not', null).execute();
  for (const r of fromAppointments) ids.add(r.request_id!);
  if ((await tablesLinkedToPatients(db)).includes('requests')) {
    const { rows } = await sql<{ id: string }>`SELECT id FROM requests WHERE patient_id = ${patientId}`.execute(db);
    for (const r of rows) ids.add(r.id);
    if (await hasColumn(db, 'requests', 'appointment_id')) {
      const booked = await sql<{ id: string }>`SELECT id FROM requests
        WHERE appointment_id IN (SELECT id FROM appointments WHERE patient_id = ${patientId})`.execute(db);
      for (const r of booked.rows) ids.add(r.id);
    }
  }
  return [...ids].sort();
}

export async function mergedFrom(db: DbOrTrx, survivorId: string) {
  const rows = await db.selectFrom('patient_merges').select(['merged_id', 'merged_at']).where('survivor_id', '=', survivorId).orderBy('merged_at').execute();
  return rows.map((r) => ({ id: r.merged_id, mergedAt: r.merged_at }));
}

// ---------------------------------------------------------------------------------------------
// Merge

export interface MergeResult {
  survivor: Patient;
  /** Ids of rows re-pointed to the survivor, by table. */
  moved: Record<string, string[]>;
}

/**
 * Folds `duplicateId` into `survivorId` inside the caller's transaction. Every row naming the
 * duplicate moves to the survivor; the survivor's blank fields take the duplicate's values; the
 * duplicate stays, marked merged_into, and a patient_merges row keeps its demographics and the ids
 * moved, so nothing is lost and the merge can be traced (and undone by hand) later.
 * Returns undefined when either version is stale.
 */
export async function mergePatients(
  trx: DbOrTrx, survivorId: string, survivorVersion: number, duplicateId: string, duplicateVersion: number, actorId: string | null,
): Promise<MergeResult | undefined> {
  const survivor = await findPatientRow(trx, survivorId);
  const duplicate = await findPatientRow(trx, duplicateId);
  if (!survivor || !duplicate) return undefined;
  if (Number(survivor.version) !== survivorVersion || Number(duplicate.version) !== duplicateVersion) return undefined;

  const moved: Record<string, string[]> = {};
  for (const table of await tablesLinkedToPatients(trx)) {
    if (!safeIdentifier(table)) continue;
    const idColumn = (await hasColumn(trx, table, 'id')) ? 'id' : null;
    if (idColumn) {
      const { rows } = await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} WHERE patient_id = ${duplicateId}`.execute(trx);
      moved[table] = rows.map((r) => String(r.id));
    }
    await sql`UPDATE ${sql.table(table)} SET patient_id = ${survivorId} WHERE patient_id = ${duplicateId}`.execute(trx);
  }
  // Records merged earlier into the duplicate now point straight at the survivor.
  const chained = await trx.selectFrom('patients').select('id').where('merged_into', '=', duplicateId).execute();
  moved['patients'] = chained.map((r) => r.id);
  await trx.updateTable('patients').set({ merged_into: survivorId }).where('merged_into', '=', duplicateId).execute();

  const now = nowIso();
  await trx.insertInto('patient_merges').values({
    id: newId(), survivor_id: survivorId, merged_id: duplicateId, merged_at: now, merged_by: actorId,
    snapshot: JSON.stringify({ duplicate: toPatient(duplicate), survivorBefore: toPatient(survivor), moved }),
  }).execute();

  // The survivor keeps what it has and takes what only the duplicate knew.
  const fill = <K extends keyof PatientsTable>(key: K) => (isBlank(survivor[key]) && !isBlank(duplicate[key]) ? { [key]: duplicate[key] } : {});
  const filled = {
    ...fill('phone'), ...fill('email'), ...fill('address'), ...fill('gp_practice'), ...fill('nhs_number'),
    ...fill('language'), ...fill('communication_other'),
  } as Partial<PatientsTable>;
  const phone = filled.phone ?? survivor.phone;
  const email = filled.email ?? survivor.email;
  await trx.updateTable('patients').set({
    ...filled,
    ...matchKeys({ givenName: survivor.given_name, familyName: survivor.family_name, phone, email }),
    large_print: survivor.large_print === 1 || duplicate.large_print === 1 ? 1 : 0,
    contact_consent: survivor.contact_consent,
    version: survivorVersion + 1,
    updated_at: now,
  }).where('id', '=', survivorId).execute();
  await trx.updateTable('patients').set({ merged_into: survivorId, merged_at: now, version: duplicateVersion + 1, updated_at: now })
    .where('id', '=', duplicateId).execute();
  return { survivor: (await findPatient(trx, survivorId))!, moved };
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

// ---------------------------------------------------------------------------------------------
// Subject access and erasure

export async function exportPatient(db: DbOrTrx, id: string): Promise<PatientExport | undefined> {
  const row = await findPatientRow(db, id);
  if (!row) return undefined;
  const merges = await db.selectFrom('patient_merges').selectAll()
    .where((eb) => eb.or([eb('survivor_id', '=', id), eb('merged_id', '=', id)])).orderBy('merged_at').execute();
  const related: Record<string, Record<string, unknown>[]> = {};
  for (const table of await tablesLinkedToPatients(db)) {
    if (!safeIdentifier(table) || table === 'appointments') continue;
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE patient_id = ${id}`.execute(db);
    related[table] = rows;
  }
  // The records merged into this one, as they were when merged (their snapshots carry them too).
  const mergedRows = await db.selectFrom('patients').selectAll().where('merged_into', '=', id).execute();
  related['mergedRecords'] = mergedRows.map((r) => toPatient(r) as unknown as Record<string, unknown>);
  related['mergeSnapshots'] = merges.map((m) => JSON.parse(m.snapshot) as Record<string, unknown>);
  const audit = await db.selectFrom('audit_events').select(['at', 'action', 'actor_id'])
    .where('entity_type', '=', 'patient').where('entity_id', '=', id).orderBy('seq').execute();
  return {
    exportedAt: nowIso(),
    patient: toPatient(row),
    appointments: await listAppointments(db, { patientIds: [id] }),
    merges: merges.map((m) => ({ survivorId: m.survivor_id, mergedId: m.merged_id, mergedAt: m.merged_at, mergedBy: m.merged_by })),
    related,
    auditTrail: audit.map((a) => ({ at: a.at, action: a.action, actorId: a.actor_id })),
  };
}

/**
 * Removes what identifies the patient and keeps what the clinic must retain: the record's id,
 * centre, year of birth (clinical context), appointments and every clinical record stay linked;
 * names, contact details, address, GP, NHS number and communication notes are cleared, and the
 * match keys go so new requests no longer match this record. Conditional on the version read.
 */
export async function anonymisePatient(db: DbOrTrx, id: string, version: number, reason: string, actorId: string | null): Promise<Patient | undefined> {
  const current = await findPatientRow(db, id);
  if (!current || Number(current.version) !== version) return undefined;
  const now = nowIso();
  const scrub = (birthDate: string) => ({
    given_name: ANONYMISED_NAME.givenName,
    family_name: ANONYMISED_NAME.familyName,
    name_norm: null,
    date_of_birth: `${birthDate.slice(0, 4)}-01-01`,
    phone: '',
    phone_e164: null,
    email: '',
    email_norm: null,
    address: '',
    gp_practice: '',
    nhs_number: null,
    large_print: 0 as const,
    language: null,
    communication_other: null,
    contact_consent: 0 as const,
    anonymised_at: now,
    anonymised_reason: reason.trim(),
    anonymised_by: actorId,
    updated_at: now,
  });
  const result = await db.updateTable('patients').set({ ...scrub(current.date_of_birth), version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  // Records merged into this one are the same person: they lose their identifiers too.
  for (const merged of await db.selectFrom('patients').select(['id', 'date_of_birth', 'version']).where('merged_into', '=', id).execute()) {
    await db.updateTable('patients').set({ ...scrub(merged.date_of_birth), version: Number(merged.version) + 1 }).where('id', '=', merged.id).execute();
  }
  // The requests that led to this patient carry their name, contact details and own words:
  // the request (its dates, kind, outcome) stays for the clinic's figures, the person leaves it.
  const samePerson = [id, ...(await db.selectFrom('patients').select('id').where('merged_into', '=', id).execute()).map((p) => p.id)];
  await db.updateTable('requests').set({
    name: `${ANONYMISED_NAME.givenName} ${ANONYMISED_NAME.familyName}`, name_norm: '', phone: null, phone_e164: null,
    email: null, email_norm: null, message: 'Removed at the patient\'s request.', red_flags: '[]',
    matches: JSON.stringify({ patients: [], requests: [] }), updated_at: now,
  }).where('patient_id', 'in', samePerson).execute();
  // A merge snapshot holds the old demographics: blank them too, keeping which ids moved.
  const merges = await db.selectFrom('patient_merges').select(['id', 'snapshot'])
    .where((eb) => eb.or([eb('survivor_id', '=', id), eb('merged_id', '=', id)])).execute();
  for (const merge of merges) {
    const snapshot = JSON.parse(merge.snapshot) as { moved?: unknown };
    await db.updateTable('patient_merges').set({ snapshot: JSON.stringify({ moved: snapshot.moved ?? {}, anonymisedAt: now }) }).where('id', '=', merge.id).execute();
  }
  return findPatient(db, id);
}
