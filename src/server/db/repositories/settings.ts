import type { DbOrTrx } from '../database';
import { nowIso } from '../time';

export async function getSetting<T>(db: DbOrTrx, key: string, fallback: T): Promise<{ value: T; version: number }> {
  const row = await db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? { value: JSON.parse(row.value) as T, version: Number(row.version) } : { value: fallback, version: 0 };
}

/** Writes a setting only if nobody changed it since `expectedVersion` was read (0 = never saved). */
export async function putSetting(db: DbOrTrx, key: string, value: unknown, expectedVersion: number): Promise<boolean> {
  const now = nowIso();
  if (expectedVersion === 0) {
    // One statement, so two first writers racing cannot both pass a "does it exist?" check (the loser would hit the key's unique index).
    const result = await db.insertInto('settings').values({ key, value: JSON.stringify(value), version: 1, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const result = await db.updateTable('settings').set({ value: JSON.stringify(value), version: expectedVersion + 1, updated_at: now })
    .where('key', '=', key).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
