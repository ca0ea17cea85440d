import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { sqliteFilePath } from '../db/connect';
import { groupCommitStats, inGroupCommit } from '../db/group-commit';
import { insertRequest, listQueue, type NewRequestInput, type RequestRow } from '../db/repositories/requests';
import { appendAudit, verifyAuditChain } from '../db/repositories/audit';
import { QUEUE_COUNT_CAP } from '../../shared/api/requests';
import { createTestDb, ENGINES, type TestDb } from './helpers/test-app';

const input = (name: string): NewRequestInput => ({
  kind: 'callback', source: 'phone', centreId: null, name, phone: '07700 900123', email: null,
  message: 'Stiff lower back, please call.', preferences: { preferredTime: null, preferredDays: [], preferredTimeOfDay: null, newPatient: null },
  consent: true,
});

/** What another process would find in the file right now: only what has been committed. */
function committedNames(t: TestDb, prefix: string): string[] {
  const reader = new SqliteDatabase(sqliteFilePath(t.dataDir), { readonly: true });
  try {
    return (reader.prepare('SELECT name FROM requests WHERE name LIKE ? ORDER BY name').all(`${prefix}%`) as { name: string }[]).map((r) => r.name);
  } finally {
    reader.close();
  }
}

for (const engine of ENGINES) {
  describe(`group commit of new requests (${engine})`, () => {
    let t: TestDb;
    beforeEach(async () => { t = await createTestDb(engine); });
    afterEach(async () => t.close());

    const create = (name: string) => inGroupCommit(t.db, async (trx) => {
      const row = await insertRequest(trx, input(name));
      await appendAudit(trx, { actorId: null, actorRole: 'public', action: 'request.received', entityType: 'request', entityId: row.id });
      return row;
    });

    it('acknowledges every one of many simultaneous writes, each stored once, with an unbroken audit chain', async () => {
      const names = Array.from({ length: 40 }, (_, i) => `Burst ${String(i).padStart(2, '0')}`);
      const rows = await Promise.all(names.map(create));
      expect(new Set(rows.map((r) => r.id)).size).toBe(40);
      expect(new Set(rows.map((r) => r.reference)).size).toBe(40);
      const stored = await t.db.selectFrom('requests').select('name').where('name', 'like', 'Burst %').orderBy('name').execute();
      expect(stored.map((r) => r.name)).toEqual(names);
      expect((await verifyAuditChain(t.db)).ok).toBeTrue();
      // Fewer commits than writes: they shared them.
      const stats = groupCommitStats(t.db);
      expect(stats.jobs).toBe(40);
      expect(stats.commits).toBeLessThan(40);
    });

    it('rolls back only the write that failed; its neighbours are stored and acknowledged', async () => {
      const results = await Promise.allSettled([
        create('Good A'),
        inGroupCommit(t.db, async (trx) => {
          await insertRequest(trx, input('Bad B'));
          throw new Error('refused after writing');
        }),
        create('Good C'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused after writing');
      const stored = await t.db.selectFrom('requests').select('name').where('name', 'in', ['Good A', 'Bad B', 'Good C']).orderBy('name').execute();
      expect(stored.map((r) => r.name)).toEqual(['Good A', 'Good C']);
      expect((await verifyAuditChain(t.db)).ok).toBeTrue();
    });

    it('runs a batch without failures once, and one with a failure again in savepoints', async () => {
      await Promise.all(['Clean 1', 'Clean 2', 'Clean 3'].map(create));
      expect(groupCommitStats(t.db).reruns).toBe(0);
      await Promise.allSettled([create('Dirty 1'), inGroupCommit(t.db, async () => { throw new Error('no'); }), create('Dirty 2')]);
      expect(groupCommitStats(t.db).reruns).toBe(1);
    });

    it('keeps the audit chain whole when a job that appended audit rows is undone: rows and head are written at the end', async () => {
      const audited = (action: string, fail = false) => inGroupCommit(t.db, async (trx) => {
        await appendAudit(trx, { actorId: null, actorRole: 'public', action: `${action}.1` });
        await appendAudit(trx, { actorId: null, actorRole: 'public', action: `${action}.2` });
        if (fail) throw new Error(`${action} refused`);
        return action;
      });
      const results = await Promise.allSettled([audited('a'), audited('b', true), audited('c'), audited('d', true), audited('e')]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
      const rows = await t.db.selectFrom('audit_events').select(['seq', 'action', 'hash']).orderBy('seq').execute();
      expect(rows.map((r) => r.action)).toEqual(['a.1', 'a.2', 'c.1', 'c.2', 'e.1', 'e.2']);
      const head = await t.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
      expect([Number(head.seq), head.hash]).toEqual([Number(rows.at(-1)!.seq), rows.at(-1)!.hash]);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 6 });
      // And the next write, in a batch of its own, carries on from that head.
      await audited('f');
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 8 });
    });

    it('writes a batch\'s audit rows in several inserts when there are more than one insert takes', async () => {
      const many = (i: number) => inGroupCommit(t.db, async (trx) => {
        for (let n = 0; n < 5; n++) await appendAudit(trx, { actorId: null, actorRole: 'public', action: `many.${i}.${n}` });
      });
      await Promise.all(Array.from({ length: 50 }, (_, i) => many(i))); // 250 rows, most of them in one batch
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 250 });
      expect(groupCommitStats(t.db).commits).toBeLessThan(10);
    });
  });
}

describe('group commit on SQLite: acknowledged only once durable', () => {
  let t: TestDb;
  beforeEach(async () => { t = await createTestDb('sqlite'); });
  afterEach(async () => t.close());

  it('answers no caller before its COMMIT: at each acknowledgement the row is already in the file', async () => {
    const seen: string[][] = [];
    await Promise.all(Array.from({ length: 12 }, (_, i) => inGroupCommit(t.db, (trx) => insertRequest(trx, input(`Durable ${String(i).padStart(2, '0')}`)))
      .then((row) => { seen.push(committedNames(t, row.name)); })));
    expect(seen.length).toBe(12);
    for (const names of seen) expect(names.length).toBe(1);
  });

  it('when a batch cannot commit, acknowledges nobody wrongly: the refused write fails, the others commit on their own', async () => {
    // A deferred foreign key is checked only at COMMIT, after every savepoint of the batch was released.
    const bad = inGroupCommit(t.db, async (trx) => {
      await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
      const row = await insertRequest(trx, input('Orphan'));
      await trx.updateTable('requests').set({ closed_by: 'no-such-staff' }).where('id', '=', row.id).execute();
      return row;
    });
    const good = ['Kept 1', 'Kept 2', 'Kept 3'].map((name) => inGroupCommit(t.db, (trx) => insertRequest(trx, input(name))));
    const results = await Promise.allSettled([bad, ...good]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(committedNames(t, 'Kept')).toEqual(['Kept 1', 'Kept 2', 'Kept 3']);
    expect(committedNames(t, 'Orphan')).toEqual([]);
  });
});

for (const engine of ENGINES) {
  describe(`the queue's count (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => { t = await createTestDb(engine); });
    afterAll(async () => t.close());

    async function addOpen(count: number, tag: string) {
      const now = new Date().toISOString();
      const rows = Array.from({ length: count }, (_, i): RequestRow => ({
        id: `${tag}-${i}`, reference: `${tag}${i}`, kind: 'callback' as const, source: 'phone' as const, centre_id: null, name: `${tag} ${i}`, name_norm: `${tag} ${i}`.toLowerCase(),
        phone: null, phone_e164: null, email: null, email_norm: null, message: 'x', preferences: '{}', consent: 1, priority: 'routine' as const, priority_rank: 2, due_at: now,
        red_flags: '[]', flags_acknowledged_at: null, flags_acknowledged_by: null, status: 'new' as const, outcome: null, outcome_note: null, closed_at: null,
        closed_by: null, holder_id: null, held_at: null, hold_expires_at: null, received_at: now, received_local_date: now.slice(0, 10), received_local_hour: 9,
        received_weekday: 1, first_contact_at: null, first_contact_business_minutes: null, attempt_count: 0, failed_attempt_count: 0, last_attempt_at: null,
        next_attempt_at: null, match_kind: null, match_count: 0, matches: '{"patients":[],"requests":[]}', patient_id: null, appointment_id: null,
        duplicate_of: null, quarantined: 0, quarantine_reason: null, client_key: null, created_by: null, version: 1, created_at: now, updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += 200) await t.db.insertInto('requests').values(rows.slice(i, i + 200)).execute();
    }

    it('is exact up to the cap, and past it says "at least the cap" on every page', async () => {
      await addOpen(3, 'few');
      const few = await listQueue(t.db, { q: 'few', limit: 2 }, { userId: 'x' });
      expect([few.items.length, few.total, few.totalCapped]).toEqual([2, 3, false]);
      // A short page (the end) counts itself; past the end the database counts.
      expect((await listQueue(t.db, { q: 'few', limit: 2, offset: 2 }, { userId: 'x' })).total).toBe(3);
      expect((await listQueue(t.db, { q: 'few', limit: 2, offset: 5 }, { userId: 'x' })).total).toBe(3);
      expect((await listQueue(t.db, { q: 'nobody', limit: 2 }, { userId: 'x' })).total).toBe(0);

      await addOpen(QUEUE_COUNT_CAP, 'many'); // with the 3 above: cap + 3 open
      const first = await listQueue(t.db, { limit: 50 }, { userId: 'x' });
      expect([first.items.length, first.total, first.totalCapped]).toEqual([50, QUEUE_COUNT_CAP, true]);
      const deep = await listQueue(t.db, { limit: 50, offset: QUEUE_COUNT_CAP - 10 }, { userId: 'x' });
      expect([deep.items.length, deep.total, deep.totalCapped]).toEqual([13, QUEUE_COUNT_CAP, true]);
      // Exactly the cap is still exact.
      const exact = await listQueue(t.db, { q: 'many', limit: 1 }, { userId: 'x' });
      expect([exact.total, exact.totalCapped]).toEqual([QUEUE_COUNT_CAP, false]);
    });
  });
}
