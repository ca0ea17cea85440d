import type { Centre, CentreInput } from '../../../shared/api/foundation';
import type { CentreRow, DbOrTrx } from '../database';
import { newId, nowIso } from '../time';

export function toCentre(row: CentreRow): Centre {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    phone: row.phone,
    email: row.email,
    timeZone: row.time_zone,
    openingHours: JSON.parse(row.opening_hours),
    responseTargets: JSON.parse(row.response_targets),
    active: row.active === 1,
    version: Number(row.version),
  };
}

export async function listCentres(db: DbOrTrx, ids?: string[]): Promise<Centre[]> {
  let query = db.selectFrom('centres').selectAll().orderBy('name');
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  return (await query.execute()).map(toCentre);
}

export async function findCentre(db: DbOrTrx, id: string): Promise<Centre | undefined> {
  const row = await db.selectFrom('centres').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCentre(row);
}

export async function insertCentre(db: DbOrTrx, input: CentreInput, id = newId()): Promise<Centre> {
  const now = nowIso();
  await db.insertInto('centres').values({
    id,
    name: input.name.trim(),
    address: input.address.trim(),
    phone: input.phone.trim(),
    email: input.email.trim(),
    time_zone: input.timeZone,
    opening_hours: JSON.stringify(input.openingHours),
    response_targets: JSON.stringify(input.responseTargets),
    active: input.active ? 1 : 0,
    version: 1,
    created_at: now,
    updated_at: now,
  }).execute();
  return (await findCentre(db, id))!;
}

/** Conditional on the version the user read: returns undefined when someone saved first. */
export async function updateCentre(db: DbOrTrx, id: string, version: number, input: CentreInput): Promise<Centre | undefined> {
  const result = await db.updateTable('centres').set({
    name: input.name.trim(),
    address: input.address.trim(),
    phone: input.phone.trim(),
    email: input.email.trim(),
    time_zone: input.timeZone,
    opening_hours: JSON.stringify(input.openingHours),
    response_targets: JSON.stringify(input.responseTargets),
    active: input.active ? 1 : 0,
    version: version + 1,
    updated_at: nowIso(),
  }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return findCentre(db, id);
}
