import { createHash, randomUUID } from 'node:crypto';
import { renderSheetText, sheetReadingAge, type AdviceModule, type PersonalDetails, type SheetDraft, type SheetItem } from '../../../shared/advice';
import type { AdviceModuleEntry } from '../../../shared/api/handouts';
import type { HandoutDto, HandoutHeader, HandoutSummary } from '../../../shared/api/handouts';
import type { DbOrTrx } from '../database';
import { nowIso } from '../time';

export interface HandoutSnapshotItem {
  moduleKey: string;
  versionNo: number;
  reason: string;
  module: AdviceModule;
  personal: PersonalDetails;
}

export interface HandoutSnapshot {
  header: HandoutHeader;
  items: HandoutSnapshotItem[];
  leftOut: SheetItem[];
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface NewHandout {
  patientId: string;
  visitId: string | null;
  centreId: string;
  clinicianId: string;
  largePrint: boolean;
  snapshot: HandoutSnapshot;
  text: string;
  readingAge: number;
  /** Defaults to now; the demo's history issues sheets on the days of past visits. */
  issuedAt?: string;
}

export async function insertHandout(trx: DbOrTrx, input: NewHandout): Promise<string> {
  const id = randomUUID();
  const now = input.issuedAt ?? nowIso();
  await trx.insertInto('handouts').values({
    id,
    patient_id: input.patientId,
    visit_id: input.visitId,
    centre_id: input.centreId,
    clinician_id: input.clinicianId,
    issued_at: now,
    large_print: input.largePrint ? 1 : 0,
    snapshot: JSON.stringify(input.snapshot),
    rendered_text: input.text,
    content_hash: contentHash(input.text),
    reading_age: input.readingAge,
    created_at: now,
  }).execute();
  await trx.insertInto('handout_modules').values(input.snapshot.items.map((item) => ({
    handout_id: id, module_key: item.moduleKey, centre_id: input.centreId, issued_at: now,
  }))).execute();
  return id;
}

function handoutQuery(db: DbOrTrx) {
  return db.selectFrom('handouts').innerJoin('staff', 'staff.id', 'handouts.clinician_id')
    .select((eb) => [
      'handouts.id', 'handouts.patient_id', 'handouts.visit_id', 'handouts.centre_id', 'handouts.issued_at', 'handouts.large_print',
      'handouts.snapshot', 'handouts.rendered_text', 'handouts.content_hash', 'handouts.reading_age', 'staff.name as clinician_name',
      eb.selectFrom('handout_prints').whereRef('handout_prints.handout_id', '=', 'handouts.id').select((e) => e.fn.countAll<number>().as('n')).as('prints'),
    ]);
}
type HandoutRow = Awaited<ReturnType<ReturnType<typeof handoutQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: HandoutRow, snapshot: HandoutSnapshot): HandoutSummary {
  return {
    id: row.id,
    patientId: row.patient_id,
    visitId: row.visit_id,
    centreId: row.centre_id,
    clinicianName: row.clinician_name,
    issuedAt: row.issued_at,
    largePrint: row.large_print === 1,
    titles: snapshot.items.map((item) => item.module.title),
    prints: Number(row.prints ?? 0),
  };
}

export async function listHandouts(db: DbOrTrx, patientId: string): Promise<HandoutSummary[]> {
  const rows = await handoutQuery(db).where('handouts.patient_id', '=', patientId).orderBy('handouts.issued_at', 'desc').execute();
  return rows.map((row) => toSummary(row, JSON.parse(row.snapshot) as HandoutSnapshot));
}

export async function findHandout(db: DbOrTrx, id: string): Promise<HandoutDto | undefined> {
  const row = await handoutQuery(db).where('handouts.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const snapshot = JSON.parse(row.snapshot) as HandoutSnapshot;
  return {
    ...toSummary(row, snapshot),
    header: snapshot.header,
    items: snapshot.items,
    leftOut: snapshot.leftOut,
    text: row.rendered_text,
    contentHash: row.content_hash,
    readingAge: Number(row.reading_age),
  };
}

export async function recordPrint(trx: DbOrTrx, handoutId: string, staffId: string, kind: 'print' | 'pdf'): Promise<void> {
  await trx.insertInto('handout_prints').values({ id: randomUUID(), handout_id: handoutId, staff_id: staffId, kind, at: nowIso() }).execute();
}

/** The issue date as the patient reads it, in the centre's time zone: "26 November 2026". */
export function issuedDate(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

export interface IssueRequest {
  visit: { id: string; patientId: string; centreId: string };
  clinician: { id: string; name: string };
  draft: SheetDraft;
  /** The library as it is now: each item is pinned to its module's current version. */
  library: ReadonlyMap<string, AdviceModuleEntry>;
  largePrint: boolean;
  issuedAt?: string;
}

/**
 * Builds the snapshot of exactly what the patient is given (module versions, personal details,
 * the rendered text) and stores it. Used by the issue route and by the demo data alike.
 */
export async function issueHandout(trx: DbOrTrx, request: IssueRequest): Promise<string> {
  const { visit, draft } = request;
  const items: HandoutSnapshotItem[] = draft.items.map((item) => {
    const entry = request.library.get(item.moduleKey);
    if (!entry) throw new Error(`issueHandout: module ${item.moduleKey} is not in the library`);
    const personal: PersonalDetails = Object.hasOwn(draft.personal, item.moduleKey) ? draft.personal[item.moduleKey]! : {};
    return { moduleKey: item.moduleKey, versionNo: entry.versionNo, reason: item.reason, module: entry.module as AdviceModule, personal };
  });
  const modules = items.map((item) => item.module);
  const patient = await trx.selectFrom('patients').select(['given_name', 'family_name']).where('id', '=', visit.patientId).executeTakeFirstOrThrow();
  const centre = await trx.selectFrom('centres').select(['name', 'address', 'phone', 'time_zone']).where('id', '=', visit.centreId).executeTakeFirstOrThrow();
  return insertHandout(trx, {
    patientId: visit.patientId,
    visitId: visit.id,
    centreId: visit.centreId,
    clinicianId: request.clinician.id,
    largePrint: request.largePrint,
    text: renderSheetText(draft.items, modules, draft.personal),
    readingAge: sheetReadingAge(modules),
    issuedAt: request.issuedAt,
    snapshot: {
      header: {
        centreName: centre.name, centreAddress: centre.address, centrePhone: centre.phone,
        patientName: `${patient.given_name} ${patient.family_name}`.trim(), clinicianName: request.clinician.name,
        issuedDate: issuedDate(centre.time_zone, request.issuedAt ? new Date(request.issuedAt) : undefined),
      },
      items,
      leftOut: draft.leftOut,
    },
  });
}
