import { createHash, randomBytes } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { DbOrTrx, SessionRow, StaffRow } from '../database';
import { engineOf } from '../engine';
import { fixedQuery } from '../fixed-query';
import { nowIso } from '../time';

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** 256 random bits, base64url: far beyond guessing, and unique in practice. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export interface NewSession {
  staffId: string;
  stage: SessionRow['stage'];
  ip: string;
  userAgent: string;
}

export async function createSession(db: DbOrTrx, input: NewSession): Promise<{ id: string; row: SessionRow }> {
  const id = newSessionId();
  const now = nowIso();
  const row: SessionRow = {
    id_hash: hashSessionId(id),
    staff_id: input.staffId,
    stage: input.stage,
    csrf_token: randomBytes(32).toString('base64url'),
    created_at: now,
    last_seen_at: now,
    ip: input.ip,
    user_agent: input.userAgent.slice(0, 300),
  };
  await db.insertInto('sessions').values(row).execute();
  return { id, row };
}

/** What one request needs to know about its caller; staff fields are null when the staff row is gone. */
export interface SessionWithStaff {
  session: SessionRow;
  staff: Pick<StaffRow, 'id' | 'name' | 'email' | 'role' | 'active' | 'totp_enabled' | 'must_change_password'> | null;
  centreIds: string[];
  /** The raw JSON value of the settings row named `settingKey`, or null when it was never saved. */
  setting: string | null;
}

/** Compiled once: see findSessionWithStaff. */
const sessionWithStaffQuery = fixedQuery((db: DbOrTrx, idHash: string, settingKey: string) => {
  const centres: RawBuilder<string | string[] | null> = engineOf(db) === 'sqlite'
    ? sql`(select json_group_array(centre_id) from staff_centres where staff_id = sessions.staff_id)`
    : sql`(select coalesce(json_agg(centre_id), '[]'::json) from staff_centres where staff_id = sessions.staff_id)`;
  return db.selectFrom('sessions')
    .leftJoin('staff', 'staff.id', 'sessions.staff_id')
    .selectAll('sessions')
    .select([
      'staff.id as staff_row_id', 'staff.name as staff_name', 'staff.email as staff_email', 'staff.role as staff_role',
      'staff.active as staff_active', 'staff.totp_enabled as staff_totp_enabled', 'staff.must_change_password as staff_must_change_password',
      centres.as('centre_ids'),
      (eb) => eb.selectFrom('settings').select('value').where('key', '=', settingKey).as('setting_value'),
    ])
    .where('sessions.id_hash', '=', idHash);
});

/**
 * The session, its staff row, the staff's centres and one settings row in a single query: this runs
 * on every signed-in request, so it is one round trip, compiled once, and it is read fresh every time
 * so that a role change, disable or sign-out (on any instance) applies to the very next request.
 */
export async function findSessionWithStaff(db: DbOrTrx, id: string, settingKey: string): Promise<SessionWithStaff | undefined> {
  const [row] = (await sessionWithStaffQuery(db, hashSessionId(id), settingKey)).rows;
  if (!row) return undefined;
  const {
    staff_row_id: staffId, staff_name: name, staff_email: email, staff_role: role, staff_active: active,
    staff_totp_enabled: totpEnabled, staff_must_change_password: mustChange, centre_ids: centreIds, setting_value: setting, ...session
  } = row;
  // SQLite hands the JSON array back as text, pg as a parsed array; sorted as centreIdsOf sorts them.
  const ids = (typeof centreIds === 'string' ? JSON.parse(centreIds) as string[] : centreIds ?? []).sort();
  return {
    session,
    staff: staffId === null || name === null || email === null || role === null || active === null || totpEnabled === null || mustChange === null
      ? null
      : { id: staffId, name, email, role, active, totp_enabled: totpEnabled, must_change_password: mustChange },
    centreIds: ids,
    setting: setting ?? null,
  };
}

export async function touchSession(db: DbOrTrx, idHash: string, at = nowIso()): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: DbOrTrx, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user at once: sign-out everywhere, disable, role change, password reset. */
export async function deleteSessionsOf(db: DbOrTrx, staffId: string): Promise<void> {
  await db.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
}

export async function deleteExpiredSessions(db: DbOrTrx, idleBefore: string, createdBefore: string): Promise<void> {
  await db.deleteFrom('sessions').where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)])).execute();
}
