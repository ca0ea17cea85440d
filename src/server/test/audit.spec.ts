import { sql } from 'kysely';
import type { Db } from '../db/database';
import { totpAt } from '../auth/totp';
import { appendAudit, rowHash, verifyAuditChain } from '../db/repositories/audit';
import {
  agent, centreInput, createCentre, createStaff, createTestApp, createTestDb, ENGINES, ifMatch, signIn, type TestApp, type TestDb, type TestStaff,
} from './helpers/test-app';

async function appendMany(db: Db, count: number) {
  for (let i = 0; i < count; i++) {
    await db.transaction().execute((trx) => appendAudit(trx, { actorId: null, actorRole: 'system', action: `test.event-${i + 1}`, detail: { i: i + 1 } }));
  }
}

/** Lifts the append-only guard so a test can play the attacker with direct database access. */
async function allowTampering(t: TestDb) {
  if (t.engine === 'sqlite') {
    await sql`DROP TRIGGER audit_events_no_update`.execute(t.db);
    await sql`DROP TRIGGER audit_events_no_delete`.execute(t.db);
  } else {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`.execute(t.db);
  }
}

for (const engine of ENGINES) {
  describe(`audit chain (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(engine);
    });
    afterAll(() => t.close());
    const headSeq = async () => Number((await t.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);

    it('verifies a long chain, across page boundaries', async () => {
      const before = await headSeq();
      await appendMany(t.db, 25);
      expect(await verifyAuditChain(t.db, 7)).toEqual({ ok: true, checked: before + 25 });
    });

    it('links each row to the one before, starting from the chain\'s tip', async () => {
      const tip = await t.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
      await appendMany(t.db, 3);
      const rows = await t.db.selectFrom('audit_events').selectAll().where('seq', '>', tip.seq).orderBy('seq').execute();
      expect(rows.map((r) => Number(r.seq))).toEqual([tip.seq + 1, tip.seq + 2, tip.seq + 3]);
      expect(rows[0]!.prev_hash).toBe(tip.hash);
      expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
      expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
      expect(await t.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow()).toEqual({ id: 1, seq: tip.seq + 3, hash: rows[2]!.hash });
    });

    it('refuses UPDATE and DELETE on audit rows (append-only trigger)', async () => {
      await appendMany(t.db, 2);
      const seq = await headSeq();
      await expectAsync(t.db.updateTable('audit_events').set({ action: 'nothing.happened' }).where('seq', '=', seq).execute()).toBeRejectedWithError(/append-only/);
      await expectAsync(t.db.deleteFrom('audit_events').where('seq', '=', seq).execute()).toBeRejectedWithError(/append-only/);
      await expectAsync(t.db.deleteFrom('audit_events').execute()).toBeRejectedWithError(/append-only/);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: seq });
    });

    it('keeps one unbroken chain under concurrent writers', async () => {
      const before = await headSeq();
      await Promise.all(Array.from({ length: 20 }, (_, i) =>
        t.db.transaction().execute((trx) => appendAudit(trx, { actorId: null, actorRole: 'system', action: 'test.parallel', detail: { i } }))));
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: before + 20 });
    });

    it('rolls the audit row back with the change it records', async () => {
      const before = await headSeq();
      await expectAsync(t.db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actorId: null, actorRole: 'system', action: 'test.rolled-back' });
        throw new Error('the change failed');
      })).toBeRejected();
      expect(await headSeq()).toBe(before);
      expect(await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'test.rolled-back').execute()).toEqual([]);
      await appendMany(t.db, 1);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: before + 1 });
    });
  });

  describe(`audit tampering is caught (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(engine);
      await allowTampering(t);
    });
    beforeEach(async () => {
      // A fresh five-row chain for each attack.
      await t.db.deleteFrom('audit_events').execute();
      await t.db.updateTable('audit_head').set({ seq: 0, hash: '0'.repeat(64) }).execute();
      await appendMany(t.db, 5);
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 5 });
    });
    afterAll(() => t.close());

    it('nothing when nothing was touched, and an empty chain verifies too', async () => {
      await t.db.deleteFrom('audit_events').execute();
      await t.db.updateTable('audit_head').set({ seq: 0, hash: '0'.repeat(64) }).execute();
      expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: 0 });
    });

    it('an altered row', async () => {
      await t.db.updateTable('audit_events').set({ detail: JSON.stringify({ i: 99 }) }).where('seq', '=', 3).execute();
      expect(await verifyAuditChain(t.db)).toEqual(jasmine.objectContaining({ ok: false, firstBadSeq: 3, reason: 'row 3 was altered' }));
    });

    it('an altered row whose own hash was recomputed: the next row no longer follows it', async () => {
      const row = await t.db.selectFrom('audit_events').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
      const forged = { ...row, seq: 2, detail: JSON.stringify({ i: 'forged' }) };
      await t.db.updateTable('audit_events').set({ detail: forged.detail, hash: rowHash(row.prev_hash, forged) }).where('seq', '=', 2).execute();
      expect(await verifyAuditChain(t.db)).toEqual(jasmine.objectContaining({ ok: false, firstBadSeq: 3, reason: 'row 3 does not follow row 2' }));
    });

    it('a deleted row in the middle', async () => {
      await t.db.deleteFrom('audit_events').where('seq', '=', 2).execute();
      expect(await verifyAuditChain(t.db)).toEqual(jasmine.objectContaining({ ok: false, firstBadSeq: 2, reason: 'row 2 is missing' }));
    });

    it('the newest rows deleted', async () => {
      await t.db.deleteFrom('audit_events').where('seq', '>=', 4).execute();
      expect(await verifyAuditChain(t.db)).toEqual(jasmine.objectContaining({ ok: false, firstBadSeq: 4 }));
    });

    it('two rows swapped', async () => {
      await t.db.updateTable('audit_events').set({ seq: -1 }).where('seq', '=', 2).execute();
      await t.db.updateTable('audit_events').set({ seq: 2 }).where('seq', '=', 3).execute();
      await t.db.updateTable('audit_events').set({ seq: 3 }).where('seq', '=', -1).execute();
      expect(await verifyAuditChain(t.db)).toEqual(jasmine.objectContaining({ ok: false, firstBadSeq: 2 }));
    });
  });

  describe(`what the audit log records (${engine})`, () => {
    let t: TestApp;
    let centreId: string;
    let manager: TestStaff;
    let reception: TestStaff;
    beforeAll(async () => {
      t = await createTestApp(engine);
      centreId = (await createCentre(t.db)).id;
      manager = await createStaff(t.db, { role: 'manager', centreIds: [centreId], name: 'Morgan Hale' });
      reception = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId] });
    });
    afterAll(() => t.close());

    async function newestRows(sinceSeq: number) {
      const rows = await t.db.selectFrom('audit_events').selectAll().where('seq', '>', sinceSeq).orderBy('seq').execute();
      return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
    }
    const headSeq = async () => Number((await t.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);

    it('records sign-in success, each kind of failure and sign-out, without the password', async () => {
      const since = await headSeq();
      await agent(t.app).login(reception.email, 'wrong-password-xyz');
      await agent(t.app).login('ghost@test.clinic', 'wrong-password-abc');
      const client = await signIn(t.app, reception.email, reception.password);
      await client.post('/api/auth/logout');
      const rows = await newestRows(since);
      expect(rows.map((r) => [r.action, r.outcome, r.actor_id, r.detail['reason'] ?? null])).toEqual([
        ['auth.sign-in', 'failure', reception.id, 'wrong password'],
        ['auth.sign-in', 'failure', null, 'unknown account'],
        ['auth.sign-in', 'success', reception.id, null],
        ['auth.sign-out', 'success', reception.id, null],
      ]);
      for (const row of rows) expect(row.ip).toBe('127.0.0.1');
      expect(JSON.stringify(rows)).not.toMatch(/wrong-password|ghost@|Tall-lantern/);
    });

    it('records a two-factor sign-in and a wrong code', async () => {
      const enrolled = await createStaff(t.db, { role: 'chiropractor', centreIds: [centreId], totp: true });
      const since = await headSeq();
      const client = agent(t.app);
      await client.login(enrolled.email, enrolled.password);
      const now = Math.floor(Date.now() / 1000);
      const valid = new Set([-30, 0, 30].map((d) => totpAt(enrolled.totpSecret!, now + d)));
      await client.post('/api/auth/totp', { code: ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))! });
      await client.post('/api/auth/totp', { code: totpAt(enrolled.totpSecret!, now) });
      const rows = await newestRows(since);
      expect(rows.map((r) => [r.action, r.outcome, r.actor_id, r.detail['reason'] ?? r.detail['factors']])).toEqual([
        ['auth.sign-in', 'failure', enrolled.id, 'wrong second factor'],
        ['auth.sign-in', 'success', enrolled.id, 2],
      ]);
    });

    it('records every admin change with who did it', async () => {
      const boss = await signIn(t.app, manager.email, manager.password);
      const since = await headSeq();
      const created = (await boss.post('/api/staff', { email: `audited-${Date.now()}@test.clinic`, name: 'Audited', role: 'receptionist', centreIds: [centreId] })).json();
      await boss.put(`/api/staff/${created.staff.id}`, { name: 'Audited', role: 'chiropractor', centreIds: [centreId], active: true }, ifMatch(1));
      await boss.post(`/api/staff/${created.staff.id}/reset-password`);
      await boss.post(`/api/staff/${created.staff.id}/reset-totp`);
      const centre = (await boss.post('/api/centres', centreInput())).json();
      const { id, version, ...input } = centre;
      await boss.put(`/api/centres/${id}`, { ...input, phone: '01865 111 222' }, ifMatch(version));
      const security = (await boss.get('/api/settings/security')).json();
      await boss.put('/api/settings/security', { totpRequiredRoles: [] }, ifMatch(security.version));

      const rows = await newestRows(since);
      expect(rows.map((r) => r.action)).toEqual([
        'staff.created', 'staff.updated', 'staff.password-reset', 'staff.totp-reset', 'centre.created', 'centre.updated', 'settings.security-updated',
      ]);
      for (const row of rows) {
        expect(row.actor_id).toBe(manager.id);
        expect(row.actor_role).toBe('manager');
      }
      expect(rows[1]!.detail).toEqual({
        from: { role: 'receptionist', active: true, centreIds: [centreId] }, to: { role: 'chiropractor', active: true, centreIds: [centreId] },
      });
      expect(JSON.stringify(rows)).not.toContain(created.oneTimePassword);
      expect(await verifyAuditChain(t.db)).toEqual(jasmine.objectContaining({ ok: true }));
    });

    it('does not make the change when its audit row cannot be written', async () => {
      const boss = await signIn(t.app, manager.email, manager.password);
      const name = `Unaudited ${Date.now()}`;
      await sql`ALTER TABLE audit_head RENAME TO audit_head_away`.execute(t.db);
      try {
        expect((await boss.post('/api/centres', centreInput({ name }))).statusCode).toBe(500);
      } finally {
        await sql`ALTER TABLE audit_head_away RENAME TO audit_head`.execute(t.db);
      }
      expect(await t.db.selectFrom('centres').select('id').where('name', '=', name).executeTakeFirst()).toBeUndefined();
    });

    it('lets a manager list and filter the log, newest first, with names', async () => {
      const boss = await signIn(t.app, manager.email, manager.password);
      for (let i = 0; i < 3; i++) await agent(t.app).login(reception.email, 'wrong-password-xyz');
      const all = (await boss.get('/api/audit')).json();
      expect(all.length).toBeGreaterThanOrEqual(4);
      expect(all.map((e: { seq: number }) => e.seq)).toEqual([...all.map((e: { seq: number }) => e.seq)].sort((a, b) => b - a));

      const signIns = (await boss.get('/api/audit', { query: { action: 'auth.', actorId: reception.id } })).json();
      expect(signIns.length).toBeGreaterThan(0);
      for (const e of signIns) {
        expect(e.action).toMatch(/^auth\./);
        expect(e.actorId).toBe(reception.id);
      }
      const mine = (await boss.get('/api/audit', { query: { actorId: manager.id, limit: '1' } })).json();
      expect(mine.length).toBe(1);
      expect(mine[0].actorName).toBe('Morgan Hale');

      const page = (await boss.get('/api/audit', { query: { limit: '2' } })).json();
      const next = (await boss.get('/api/audit', { query: { limit: '2', beforeSeq: String(page[1].seq) } })).json();
      expect(next[0].seq).toBe(page[1].seq - 1);

      expect((await boss.get('/api/audit', { query: { limit: '0' } })).statusCode).toBe(400);
      expect((await boss.get('/api/audit', { query: { from: 'yesterday' } })).statusCode).toBe(400);
    });
  });
}
