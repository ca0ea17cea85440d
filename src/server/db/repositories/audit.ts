import { createHash } from 'node:crypto';
import type { AuditQuery } from '../../../shared/api/foundation';
import type { AuditRow, Db, DbOrTrx } from '../database';
import { engineOf } from '../engine';
import { nowIso } from '../time';

export interface AuditEntry {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  centreId?: string | null;
  ip?: string | null;
  outcome?: 'success' | 'failure' | 'refused';
  /** Ids and field names only: never passwords, tokens or clinical free text. */
  detail?: Record<string, unknown>;
}

const GENESIS_HASH = '0'.repeat(64);

export function rowHash(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  const canonical = JSON.stringify([
    row.seq, row.at, row.actor_id, row.actor_role, row.action, row.entity_type,
    row.entity_id, row.centre_id, row.ip, row.outcome, row.detail,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Appends one event to the hash chain. Call it inside the transaction that makes the change,
 * so the change and its audit row commit or roll back together.
 */
export async function appendAudit(trx: DbOrTrx, entry: AuditEntry): Promise<number> {
  // Updating the head first takes the write lock before we read the tip: concurrent writers queue here.
  // RETURNING reads the tip in the same statement (on PostgreSQL, the row as committed by whoever held the lock before us).
  const head = await trx.updateTable('audit_head').set((eb) => ({ seq: eb('seq', '+', 0) })).where('id', '=', 1)
    .returning(['seq', 'hash']).executeTakeFirstOrThrow();
  const row = {
    seq: Number(head.seq) + 1,
    at: nowIso(),
    actor_id: entry.actorId,
    actor_role: entry.actorRole,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    centre_id: entry.centreId ?? null,
    ip: entry.ip ?? null,
    outcome: entry.outcome ?? 'success',
    detail: JSON.stringify(entry.detail ?? {}),
  };
  const hash = rowHash(head.hash, row);
  const appended = { ...row, prev_hash: head.hash, hash };
  if (engineOf(trx) === 'postgres') {
    // One round trip instead of two: every audited write waits its turn for the head, so each counts.
    await trx.with('appended', (db) => db.insertInto('audit_events').values(appended))
      .updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
  } else {
    await trx.insertInto('audit_events').values(appended).execute();
    await trx.updateTable('audit_head').set({ seq: row.seq, hash }).where('id', '=', 1).execute();
  }
  return row.seq;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first row found altered, missing or out of order. */
  firstBadSeq?: number;
  reason?: string;
}

/** Walks the whole chain in order; reports the first row that was altered, removed or reordered. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>=', expectedSeq)
      .orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return { ok: false, checked, firstBadSeq: expectedSeq, reason: `row ${expectedSeq} is missing` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBadSeq: seq, reason: `row ${seq} does not follow row ${seq - 1}` };
      }
      const { hash, prev_hash: _prev, ...content } = row;
      if (rowHash(prevHash, { ...content, seq }) !== hash) {
        return { ok: false, checked, firstBadSeq: seq, reason: `row ${seq} was altered` };
      }
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(head.seq) !== checked || head.hash !== prevHash) {
    return { ok: false, checked, firstBadSeq: checked + 1, reason: `rows after ${checked} were removed` };
  }
  return { ok: true, checked };
}

/** One page of the audit log, newest first; the route sets the page size. */
export async function listAudit(db: DbOrTrx, q: AuditQuery & { limit: number }) {
  let query = db.selectFrom('audit_events')
    .leftJoin('staff', 'staff.id', 'audit_events.actor_id')
    .select([
      'audit_events.seq', 'audit_events.at', 'audit_events.actor_id', 'audit_events.actor_role',
      'audit_events.action', 'audit_events.entity_type', 'audit_events.entity_id', 'audit_events.centre_id',
      'audit_events.ip', 'audit_events.outcome', 'audit_events.detail', 'staff.name as actor_name',
    ]);
  if (q.actorId) query = query.where('audit_events.actor_id', '=', q.actorId);
  if (q.action) query = query.where('audit_events.action', 'like', `${q.action}%`);
  if (q.entityType) query = query.where('audit_events.entity_type', '=', q.entityType);
  if (q.entityId) query = query.where('audit_events.entity_id', '=', q.entityId);
  if (q.from) query = query.where('audit_events.at', '>=', q.from);
  if (q.to) query = query.where('audit_events.at', '<', q.to);
  if (q.beforeSeq) query = query.where('audit_events.seq', '<', q.beforeSeq);
  return query.orderBy('audit_events.seq', 'desc').limit(q.limit).execute();
}
