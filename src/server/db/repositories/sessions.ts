import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTrx, SessionRow } from '../database';
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

export async function findSession(db: DbOrTrx, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', hashSessionId(id)).executeTakeFirst();
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
