import { randomUUID } from 'node:crypto';
import { scoreOutcomes, type ExamContent } from '../../../shared/exam';
import type { Addendum, VisitDto, VisitSummary } from '../../../shared/api/visits';
import type { DbOrTrx } from '../database';
import { nowIso } from '../time';

function visitQuery(db: DbOrTrx) {
  return db.selectFrom('visits')
    .innerJoin('staff as clinician', 'clinician.id', 'visits.clinician_id')
    .innerJoin('patients', 'patients.id', 'visits.patient_id')
    .leftJoin('staff as signer', 'signer.id', 'visits.signed_by')
    .leftJoin('staff as updater', 'updater.id', 'visits.updated_by')
    .selectAll('visits')
    .select([
      'clinician.name as clinician_name', 'signer.name as signer_name', 'updater.name as updater_name',
      'patients.given_name as patient_given_name', 'patients.family_name as patient_family_name',
    ]);
}
type VisitRowWithNames = Awaited<ReturnType<ReturnType<typeof visitQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: VisitRowWithNames): VisitSummary {
  return {
    id: row.id,
    patientId: row.patient_id,
    centreId: row.centre_id,
    clinicianId: row.clinician_id,
    clinicianName: row.clinician_name,
    appointmentId: row.appointment_id,
    visitDate: row.visit_date,
    status: row.status,
    signedAt: row.signed_at,
  };
}

export async function listVisitSummaries(db: DbOrTrx, patientId: string): Promise<VisitSummary[]> {
  const rows = await visitQuery(db).where('visits.patient_id', '=', patientId).orderBy('visits.visit_date').orderBy('visits.created_at').execute();
  return rows.map(toSummary);
}

export async function findVisit(db: DbOrTrx, id: string): Promise<VisitDto | undefined> {
  const row = await visitQuery(db).where('visits.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const addenda = await db.selectFrom('visit_addenda').innerJoin('staff', 'staff.id', 'visit_addenda.author_id')
    .select(['visit_addenda.id', 'visit_addenda.author_id', 'staff.name', 'visit_addenda.created_at', 'visit_addenda.text'])
    .where('visit_addenda.visit_id', '=', id).orderBy('visit_addenda.created_at').execute();
  return {
    ...toSummary(row),
    patientName: `${row.patient_given_name} ${row.patient_family_name}`.trim(),
    content: JSON.parse(row.content) as ExamContent,
    signedByName: row.signer_name ?? null,
    addenda: addenda.map((a): Addendum => ({ id: a.id, authorId: a.author_id, authorName: a.name, at: a.created_at, text: a.text })),
    updatedAt: row.updated_at,
    updatedByName: row.updater_name ?? null,
    version: Number(row.version),
  };
}

/** The most recent visit of a patient before now, for "copy from last visit". */
export async function latestVisitContent(db: DbOrTrx, patientId: string): Promise<ExamContent | undefined> {
  const row = await db.selectFrom('visits').select('content').where('patient_id', '=', patientId)
    .orderBy('visit_date', 'desc').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row ? (JSON.parse(row.content) as ExamContent) : undefined;
}

export interface NewVisitRow {
  patientId: string;
  centreId: string;
  clinicianId: string;
  appointmentId: string | null;
  visitDate: string;
  content: ExamContent;
}

export async function insertVisit(trx: DbOrTrx, input: NewVisitRow, id = randomUUID()): Promise<string> {
  const now = nowIso();
  await trx.insertInto('visits').values({
    id,
    patient_id: input.patientId,
    centre_id: input.centreId,
    clinician_id: input.clinicianId,
    appointment_id: input.appointmentId,
    visit_date: input.visitDate,
    status: 'draft',
    content: JSON.stringify(input.content),
    signed_at: null,
    signed_by: null,
    updated_by: input.clinicianId,
    version: 1,
    created_at: now,
    updated_at: now,
  }).execute();
  await writeDerivedRows(trx, id, input.patientId, input.centreId, input.visitDate, input.content);
  return id;
}

/** Findings and scores as rows, rewritten on every save, so analytics can count them in SQL. */
async function writeDerivedRows(trx: DbOrTrx, visitId: string, patientId: string, centreId: string, visitDate: string, content: ExamContent) {
  await trx.deleteFrom('findings').where('visit_id', '=', visitId).execute();
  await trx.deleteFrom('outcome_scores').where('visit_id', '=', visitId).execute();
  if (content.findings.length) {
    await trx.insertInto('findings').values(content.findings.map((f) => ({
      id: randomUUID(), visit_id: visitId, patient_id: patientId, centre_id: centreId, visit_date: visitDate,
      type: f.type, region: f.region, segment: f.segment, nerve_root: f.nerveRoot, side: f.side,
    }))).execute();
  }
  const scores = Object.entries(scoreOutcomes(content)).filter((entry): entry is [string, number] => entry[1] !== null);
  if (scores.length) {
    await trx.insertInto('outcome_scores').values(scores.map(([measure, score]) => ({
      visit_id: visitId, patient_id: patientId, centre_id: centreId, visit_date: visitDate, measure, score,
    }))).execute();
  }
}

export type SaveResult = 'saved' | 'stale' | 'signed' | 'missing';

/** Saves a draft's exam if nobody saved since `version`; a signed visit never changes. */
export async function saveVisitContent(trx: DbOrTrx, id: string, version: number, content: ExamContent, userId: string): Promise<SaveResult> {
  const current = await trx.selectFrom('visits').select(['status', 'version', 'patient_id', 'centre_id', 'visit_date']).where('id', '=', id).executeTakeFirst();
  if (!current) return 'missing';
  if (current.status === 'signed') return 'signed';
  const result = await trx.updateTable('visits')
    .set({ content: JSON.stringify(content), version: version + 1, updated_at: nowIso(), updated_by: userId })
    .where('id', '=', id).where('version', '=', version).where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return 'stale';
  await writeDerivedRows(trx, id, current.patient_id, current.centre_id, current.visit_date, content);
  return 'saved';
}

export async function signVisit(trx: DbOrTrx, id: string, version: number, userId: string): Promise<SaveResult> {
  const current = await trx.selectFrom('visits').select(['status']).where('id', '=', id).executeTakeFirst();
  if (!current) return 'missing';
  if (current.status === 'signed') return 'signed';
  const now = nowIso();
  const result = await trx.updateTable('visits')
    .set({ status: 'signed', signed_at: now, signed_by: userId, version: version + 1, updated_at: now, updated_by: userId })
    .where('id', '=', id).where('version', '=', version).where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? 'saved' : 'stale';
}

export async function insertAddendum(trx: DbOrTrx, visitId: string, authorId: string, text: string): Promise<string> {
  const id = randomUUID();
  await trx.insertInto('visit_addenda').values({ id, visit_id: visitId, author_id: authorId, text, created_at: nowIso() }).execute();
  return id;
}

export async function visitsForProgress(db: DbOrTrx, patientId: string) {
  const rows = await db.selectFrom('visits').select(['id', 'visit_date', 'status', 'content'])
    .where('patient_id', '=', patientId).orderBy('visit_date').orderBy('created_at').execute();
  return rows.map((row) => {
    const content = JSON.parse(row.content) as ExamContent;
    return { id: row.id, visitDate: row.visit_date, status: row.status, outcomes: content.outcomes, crampProfile: content.crampProfile, findings: content.findings };
  });
}
