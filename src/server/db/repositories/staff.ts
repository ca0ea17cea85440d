import type { Staff } from '../../../shared/api/foundation';
import type { Role } from '../../../shared/roles';
import type { DbOrTrx, StaffRow } from '../database';
import { newId, nowIso } from '../time';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function centreIdsOf(db: DbOrTrx, staffId: string): Promise<string[]> {
  const rows = await db.selectFrom('staff_centres').select('centre_id').where('staff_id', '=', staffId).orderBy('centre_id').execute();
  return rows.map((r) => r.centre_id);
}

export function toStaff(row: StaffRow, centreIds: string[]): Staff {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    centreIds,
    active: row.active === 1,
    totpEnabled: row.totp_enabled === 1,
    mustChangePassword: row.must_change_password === 1,
    version: Number(row.version),
  };
}

export async function findStaffRow(db: DbOrTrx, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStaffByEmail(db: DbOrTrx, email: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function findStaff(db: DbOrTrx, id: string): Promise<Staff | undefined> {
  const row = await findStaffRow(db, id);
  return row && toStaff(row, await centreIdsOf(db, id));
}

export async function listStaff(db: DbOrTrx): Promise<Staff[]> {
  const rows = await db.selectFrom('staff').selectAll().orderBy('name').execute();
  const links = await db.selectFrom('staff_centres').selectAll().execute();
  return rows.map((row) => toStaff(row, links.filter((l) => l.staff_id === row.id).map((l) => l.centre_id).sort()));
}

export interface NewStaffInput {
  email: string;
  name: string;
  role: Role;
  centreIds: string[];
  passwordHash: string;
  mustChangePassword: boolean;
}

export async function insertStaff(db: DbOrTrx, input: NewStaffInput, id = newId()): Promise<Staff> {
  const now = nowIso();
  await db.insertInto('staff').values({
    id,
    email: normaliseEmail(input.email),
    name: input.name.trim(),
    role: input.role,
    password_hash: input.passwordHash,
    must_change_password: input.mustChangePassword ? 1 : 0,
    totp_secret: null,
    totp_enabled: 0,
    recovery_codes: '[]',
    active: 1,
    version: 1,
    created_at: now,
    updated_at: now,
  }).execute();
  await setStaffCentres(db, id, input.centreIds);
  return (await findStaff(db, id))!;
}

export async function setStaffCentres(db: DbOrTrx, staffId: string, centreIds: string[]): Promise<void> {
  await db.deleteFrom('staff_centres').where('staff_id', '=', staffId).execute();
  if (centreIds.length) {
    await db.insertInto('staff_centres').values(centreIds.map((centre_id) => ({ staff_id: staffId, centre_id }))).execute();
  }
}

export interface StaffChanges {
  name?: string;
  role?: Role;
  active?: boolean;
  passwordHash?: string;
  mustChangePassword?: boolean;
  totpSecret?: string | null;
  totpEnabled?: boolean;
  recoveryCodeHashes?: string[];
}

/**
 * Applies changes and bumps the version. With `expectedVersion` the update is conditional
 * (a stale edit changes nothing and returns false).
 */
export async function updateStaff(db: DbOrTrx, id: string, changes: StaffChanges, expectedVersion?: number): Promise<boolean> {
  const current = await findStaffRow(db, id);
  if (!current) return false;
  if (expectedVersion !== undefined && Number(current.version) !== expectedVersion) return false;
  let query = db.updateTable('staff').set({
    ...(changes.name !== undefined && { name: changes.name.trim() }),
    ...(changes.role !== undefined && { role: changes.role }),
    ...(changes.active !== undefined && { active: changes.active ? 1 : 0 }),
    ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
    ...(changes.mustChangePassword !== undefined && { must_change_password: changes.mustChangePassword ? 1 : 0 }),
    ...(changes.totpSecret !== undefined && { totp_secret: changes.totpSecret }),
    ...(changes.totpEnabled !== undefined && { totp_enabled: changes.totpEnabled ? 1 : 0 }),
    ...(changes.recoveryCodeHashes !== undefined && { recovery_codes: JSON.stringify(changes.recoveryCodeHashes) }),
    version: Number(current.version) + 1,
    updated_at: nowIso(),
  }).where('id', '=', id);
  query = query.where('version', '=', Number(current.version));
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countStaff(db: DbOrTrx): Promise<number> {
  const row = await db.selectFrom('staff').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Records that a two-factor code of `step` was used; false when that step or a later one already
 * was (a replayed code). Conditional, so of two sign-ins racing with one code only one wins. Not a
 * change to the account, so the version stays.
 */
export async function claimTotpStep(db: DbOrTrx, id: string, step: number): Promise<boolean> {
  const result = await db.updateTable('staff').set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

