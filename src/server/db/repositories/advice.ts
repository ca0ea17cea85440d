import { randomUUID } from 'node:crypto';
import { defaultModules, moduleReadingAge, type AdviceModule } from '../../../shared/advice';
import type { AdviceModuleEntry, AdviceModuleVersion } from '../../../shared/api/handouts';
import type { DbOrTrx } from '../database';
import { nowIso } from '../time';

function currentQuery(db: DbOrTrx) {
  return db.selectFrom('advice_modules')
    .innerJoin('advice_module_versions as v', (join) =>
      join.onRef('v.module_key', '=', 'advice_modules.key').onRef('v.version_no', '=', 'advice_modules.current_version_no'))
    .leftJoin('staff', 'staff.id', 'v.created_by')
    .select([
      'advice_modules.key', 'advice_modules.current_version_no', 'advice_modules.active', 'advice_modules.version',
      'v.content', 'v.reading_age', 'v.created_at', 'staff.name as author',
    ]);
}

type CurrentRow = Awaited<ReturnType<ReturnType<typeof currentQuery>['executeTakeFirstOrThrow']>>;

function toEntry(row: CurrentRow): AdviceModuleEntry {
  return {
    key: row.key,
    versionNo: Number(row.current_version_no),
    active: row.active === 1,
    module: JSON.parse(row.content) as AdviceModule,
    readingAge: Number(row.reading_age),
    updatedAt: row.created_at,
    updatedByName: row.author ?? null,
    version: Number(row.version),
  };
}

export async function listAdviceModules(db: DbOrTrx, options: { activeOnly?: boolean } = {}): Promise<AdviceModuleEntry[]> {
  let query = currentQuery(db).orderBy('advice_modules.key');
  if (options.activeOnly) query = query.where('advice_modules.active', '=', 1);
  return (await query.execute()).map(toEntry);
}

export async function findAdviceModule(db: DbOrTrx, key: string): Promise<AdviceModuleEntry | undefined> {
  const row = await currentQuery(db).where('advice_modules.key', '=', key).executeTakeFirst();
  return row && toEntry(row);
}

export async function listAdviceVersions(db: DbOrTrx, key: string): Promise<AdviceModuleVersion[]> {
  const rows = await db.selectFrom('advice_module_versions').leftJoin('staff', 'staff.id', 'advice_module_versions.created_by')
    .select(['version_no', 'content', 'reading_age', 'advice_module_versions.created_at', 'staff.name'])
    .where('module_key', '=', key).orderBy('version_no', 'desc').execute();
  return rows.map((r) => ({
    versionNo: Number(r.version_no), module: JSON.parse(r.content) as AdviceModule, readingAge: Number(r.reading_age),
    createdAt: r.created_at, createdByName: r.name ?? null,
  }));
}

async function insertVersion(trx: DbOrTrx, module: AdviceModule, versionNo: number, authorId: string | null) {
  await trx.insertInto('advice_module_versions').values({
    id: randomUUID(), module_key: module.key, version_no: versionNo, content: JSON.stringify(module),
    reading_age: moduleReadingAge(module), created_by: authorId, created_at: nowIso(),
  }).execute();
}

export async function insertAdviceModule(trx: DbOrTrx, module: AdviceModule, active: boolean, authorId: string | null): Promise<void> {
  const now = nowIso();
  await trx.insertInto('advice_modules').values({ key: module.key, current_version_no: 1, active: active ? 1 : 0, version: 1, created_at: now, updated_at: now }).execute();
  await insertVersion(trx, module, 1, authorId);
}

/** Saves a new version (the old ones stay). False when someone saved since `version`. */
export async function saveAdviceModule(trx: DbOrTrx, key: string, version: number, module: AdviceModule, active: boolean, authorId: string): Promise<boolean> {
  const current = await trx.selectFrom('advice_modules').select(['current_version_no']).where('key', '=', key).executeTakeFirst();
  if (!current) return false;
  const nextNo = Number(current.current_version_no) + 1;
  const result = await trx.updateTable('advice_modules')
    .set({ current_version_no: nextNo, active: active ? 1 : 0, version: version + 1, updated_at: nowIso() })
    .where('key', '=', key).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await insertVersion(trx, module, nextNo, authorId);
  return true;
}

/**
 * Adds any shipped module the library does not have yet. A clinic's own edits are never
 * overwritten: a shipped module already in the library is left as the clinic keeps it.
 */
export async function ensureShippedModules(db: DbOrTrx): Promise<number> {
  const existing = new Set((await db.selectFrom('advice_modules').select('key').execute()).map((r) => r.key));
  const missing = defaultModules().filter((m) => !existing.has(m.key));
  for (const module of missing) await insertAdviceModule(db, module, true, null);
  return missing.length;
}
