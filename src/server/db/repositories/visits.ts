import { randomUUID } from 'node:crypto';
import { scoreOutcomes, type ExamContent } from '../../../shared/exam';
import type { Addendum, VisitDto, VisitSummary } from '../../../shared/api/visits';
import type { DbOrTrx } from '../database';
import { fixedQuery } from '../fixed-query';
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

// Compiled once: every visit read and autosave runs it (see fixedQuery).
const visitById = fixedQuery((db: DbOrTrx, id: string) => visitQuery(db).where('visits.id', '=', id));

export async function findVisit(db: DbOrTrx, id: string): Promise<VisitDto | undefined> {
  const row = (await visitById(db, id)).rows[0];
  if (!row) return undefined;
  // Addenda are only ever added to signed visits (a draft is edited directly), so a draft has none to read.
  const addenda = row.status !== 'signed' ? [] : await db.selectFrom('visit_addenda').innerJoin('staff', 'staff.id', 'visit_addenda.author_id')
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
  await writeDerivedRows(trx, id, input.patientId, input.centreId, input.visitDate, input.content, 'none');
  return id;
}

/** The findings and scores an exam contributes as rows (what `writeDerivedRows` stores, minus ids). */
function derivedValues(content: ExamContent) {
  return {
    findings: content.findings.map((f) => ({ type: f.type, region: f.region, segment: f.segment, nerve_root: f.nerveRoot, side: f.side })),
    scores: Object.entries(scoreOutcomes(content)).filter((entry): entry is [string, number] => entry[1] !== null),
  };
}

/**
 * Findings and scores as rows, so analytics can count them in SQL. `previous` is the content the
 * stored rows were made from: 'none' for a new visit (nothing to delete), 'unknown' to rewrite both
 * kinds; given the content, a kind is rewritten only when it differs (autosaves mostly change text).
 */
async function writeDerivedRows(
  trx: DbOrTrx, visitId: string, patientId: string, centreId: string, visitDate: string, content: ExamContent, previous: ExamContent | 'none' | 'unknown',
) {
  const next = derivedValues(content);
  const old = typeof previous === 'object' ? derivedValues(previous) : null;
  const stored = previous !== 'none';
  if (!old || JSON.stringify(old.findings) !== JSON.stringify(next.findings)) {
    if (stored) await trx.deleteFrom('findings').where('visit_id', '=', visitId).execute();
    if (next.findings.length) {
      await trx.insertInto('findings').values(next.findings.map((f) => ({
        id: randomUUID(), visit_id: visitId, patient_id: patientId, centre_id: centreId, visit_date: visitDate, ...f,
      }))).execute();
    }
  }
  if (!old || JSON.stringify(old.scores) !== JSON.stringify(next.scores)) {
    if (stored) await trx.deleteFrom('outcome_scores').where('visit_id', '=', visitId).execute();
    if (next.scores.length) {
      await trx.insertInto('outcome_scores').values(next.scores.map(([measure, score]) => ({
        visit_id: visitId, patient_id: patientId, centre_id: centreId, visit_date: visitDate, measure, score,
      }))).execute();
    }
  }
}

export type SaveResult = 'saved' | 'stale' | 'signed' | 'missing';

/** Why a conditional write to a visit changed nothing. */
async function refusal(trx: DbOrTrx, id: string): Promise<Exclude<SaveResult, 'saved'>> {
  const current = await trx.selectFrom('visits').select('status').where('id', '=', id).executeTakeFirst();
  return !current ? 'missing' : current.status === 'signed' ? 'signed' : 'stale';
}

const updateDraftContent = fixedQuery((trx: DbOrTrx, content: string, nextVersion: number, updatedAt: string, userId: string, id: string, version: number) =>
  trx.updateTable('visits').set({ content, version: nextVersion, updated_at: updatedAt, updated_by: userId })
    .where('id', '=', id).where('version', '=', version).where('status', '=', 'draft'));

/**
 * Saves a draft's exam if nobody saved since `version`; a signed visit never changes.
 * `before` is the visit as the caller read it: its derived rows are kept when the save leaves them
 * as they were, which is only known when `before` is the version being replaced.
 */
export async function saveVisitContent(
  trx: DbOrTrx, before: Pick<VisitDto, 'id' | 'patientId' | 'centreId' | 'visitDate' | 'version' | 'content'>, version: number, content: ExamContent, userId: string,
): Promise<{ result: SaveResult; updatedAt: string }> {
  const updatedAt = nowIso();
  const result = await updateDraftContent(trx, JSON.stringify(content), version + 1, updatedAt, userId, before.id, version);
  if (Number(result.numAffectedRows) !== 1) return { result: await refusal(trx, before.id), updatedAt };
  const replaced = before.version === version ? (before.content as ExamContent) : 'unknown';
  await writeDerivedRows(trx, before.id, before.patientId, before.centreId, before.visitDate, content, replaced);
  return { result: 'saved', updatedAt };
}

export async function signVisit(trx: DbOrTrx, id: string, version: number, userId: string): Promise<SaveResult> {
  const now = nowIso();
  const result = await trx.updateTable('visits')
    .set({ status: 'signed', signed_at: now, signed_by: userId, version: version + 1, updated_at: now, updated_by: userId })
    .where('id', '=', id).where('version', '=', version).where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? 'saved' : refusal(trx, id);
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
