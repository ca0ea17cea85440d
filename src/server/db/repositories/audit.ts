import { createHash } from 'node:crypto';
import type { AuditQuery } from '../../../shared/api/foundation';
import type { AuditRow, Db, DbOrTrx } from '../database';
import { engineOf } from '../engine';
import { fixedQuery } from '../fixed-query';
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

/** The chain's tip: the last row's number and hash. */
interface ChainTip { seq: number; hash: string }

// Compiled once: every audited write runs these (see fixedQuery).
/** Reads the tip and takes the head's write lock: the +0 update makes concurrent writers queue here. */
const lockTip = fixedQuery((db: DbOrTrx) => db.updateTable('audit_head').set((eb) => ({ seq: eb('seq', '+', 0) })).where('id', '=', 1).returning(['seq', 'hash']));
const insertRow = fixedQuery((db: DbOrTrx, ...v: AuditRowValues) => db.insertInto('audit_events').values(auditRow(v)));
const moveHead = fixedQuery((db: DbOrTrx, seq: number, hash: string) => db.updateTable('audit_head').set({ seq, hash }).where('id', '=', 1));
/** PostgreSQL: the row and the head in one statement, one round trip instead of two. */
const insertRowAndMoveHead = fixedQuery((db: DbOrTrx, ...v: AuditRowValues) => db.with('appended', (w) => w.insertInto('audit_events').values(auditRow(v)))
  .updateTable('audit_head').set({ seq: v[0], hash: v[12] }).where('id', '=', 1));

type AuditRowValues = [seq: number, at: string, actorId: string | null, actorRole: string | null, action: string, entityType: string | null,
  entityId: string | null, centreId: string | null, ip: string | null, outcome: string, detail: string, prevHash: string, hash: string];
function auditRow([seq, at, actor_id, actor_role, action, entity_type, entity_id, centre_id, ip, outcome, detail, prev_hash, hash]: AuditRowValues): AuditRow {
  return { seq, at, actor_id, actor_role, action, entity_type, entity_id, centre_id, ip, outcome, detail, prev_hash, hash } as AuditRow;
}

/** Rows per INSERT when a hold writes its rows (13 values each, well inside both engines' limits). */
const ROWS_PER_INSERT = 200;

/**
 * A transaction that appends many audit rows (a group-commit batch) keeps them here instead of
 * writing each as it comes: the head is read (and locked) at the first append, and `flush` writes
 * the rows and the head together just before COMMIT. The lock is held to the end of the
 * transaction, so nobody else can move the head meanwhile; and nothing in a write reads the audit
 * log back, so rows written at the end are the same rows. On PostgreSQL that is one statement
 * for the whole batch instead of one round trip per row.
 */
export class AuditTipHold {
  /** The tip as this transaction has moved it; null until its first append reads it. */
  private tip: ChainTip | null = null;
  /** Rows appended since the head was read, in order, not written yet. */
  private pending: AuditRowValues[] = [];

  /** Where the chain stands, to go back to if the work after this point is rolled back. */
  mark(): { tip: ChainTip | null; pending: number } {
    return { tip: this.tip, pending: this.pending.length };
  }

  restore(mark: { tip: ChainTip | null; pending: number }): void {
    this.tip = mark.tip;
    this.pending.length = mark.pending;
  }

  /** @internal appendAudit's side of the hold. */
  async current(trx: DbOrTrx): Promise<ChainTip> {
    return this.tip ?? toTip(await lockTip(trx));
  }

  /** @internal */
  append(values: AuditRowValues, tip: ChainTip): void {
    this.pending.push(values);
    this.tip = tip;
  }

  /** Writes the rows appended and moves the head to the last. Call it last, just before COMMIT. */
  async flush(trx: DbOrTrx): Promise<void> {
    const rows = this.pending.map(auditRow);
    const tip = this.tip;
    this.pending = [];
    if (!rows.length || !tip) return;
    const lastChunk = Math.floor((rows.length - 1) / ROWS_PER_INSERT) * ROWS_PER_INSERT;
    for (let i = 0; i < lastChunk; i += ROWS_PER_INSERT) await trx.insertInto('audit_events').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
    if (engineOf(trx) === 'postgres') {
      await trx.with('appended', (w) => w.insertInto('audit_events').values(rows.slice(lastChunk)))
        .updateTable('audit_head').set(tip).where('id', '=', 1).execute();
    } else {
      await trx.insertInto('audit_events').values(rows.slice(lastChunk)).execute();
      await moveHead(trx, tip.seq, tip.hash);
    }
  }
}

const holds = new WeakMap<DbOrTrx, AuditTipHold>();

/** From now on, appends in `trx` keep the tip in memory until `flush` (see AuditTipHold). */
export function holdAuditTip(trx: DbOrTrx): AuditTipHold {
  const hold = new AuditTipHold();
  holds.set(trx, hold);
  return hold;
}

function toTip(result: { rows: { seq: number | string; hash: string }[] }): ChainTip {
  const head = result.rows[0];
  if (!head) throw new Error('The audit head row is missing');
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * Appends one event to the hash chain. Call it inside the transaction that makes the change,
 * so the change and its audit row commit or roll back together.
 */
export async function appendAudit(trx: DbOrTrx, entry: AuditEntry): Promise<number> {
  const hold = holds.get(trx);
  // Locking the head before reading the tip makes concurrent writers queue here; on PostgreSQL the
  // tip read is the row as committed by whoever held the lock before us.
  const tip = hold ? await hold.current(trx) : toTip(await lockTip(trx));
  const row = {
    seq: tip.seq + 1,
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
  const hash = rowHash(tip.hash, row);
  const values: AuditRowValues = [row.seq, row.at, row.actor_id, row.actor_role, row.action, row.entity_type, row.entity_id,
    row.centre_id, row.ip, row.outcome, row.detail, tip.hash, hash];
  if (hold) {
    hold.append(values, { seq: row.seq, hash }); // written by hold.flush, before COMMIT
  } else if (engineOf(trx) === 'postgres') {
    await insertRowAndMoveHead(trx, ...values);
  } else {
    await insertRow(trx, ...values);
    await moveHead(trx, row.seq, hash);
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
