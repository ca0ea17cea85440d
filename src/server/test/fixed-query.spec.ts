import { fixedQuery, shapedQuery } from '../db/fixed-query';
import { listQueue } from '../db/repositories/requests';
import type { DbOrTrx } from '../db/database';
import type { Role } from '../../shared/roles';
import { findSessionWithStaff, hashSessionId } from '../db/repositories/sessions';
import { createCentre, createStaff, createTestDb, ENGINES, type TestDb } from './helpers/test-app';

for (const engine of ENGINES) {
  describe(`a query compiled once (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => { t = await createTestDb(engine); });
    afterAll(async () => t.close());

    it('is built once, and each run binds its own values, constants kept, inside a transaction too', async () => {
      const centreId = (await createCentre(t.db)).id;
      const reception = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId] });
      const chiro = await createStaff(t.db, { role: 'chiropractor', centreIds: [centreId] });
      let builds = 0;
      const byEmail = fixedQuery((db: DbOrTrx, email: string, role: Role) => {
        builds++;
        return db.selectFrom('staff').select(['id', 'role']).where('email', '=', email).where('role', '=', role).where('active', '=', 1);
      });
      expect((await byEmail(t.db, reception.email, 'receptionist')).rows).toEqual([{ id: reception.id, role: 'receptionist' }]);
      expect((await byEmail(t.db, chiro.email, 'chiropractor')).rows).toEqual([{ id: chiro.id, role: 'chiropractor' }]);
      expect((await byEmail(t.db, chiro.email, 'receptionist')).rows).toEqual([]);
      await t.db.transaction().execute(async (trx) => {
        await trx.updateTable('staff').set({ active: 0 }).where('id', '=', chiro.id).execute();
        expect((await byEmail(trx, chiro.email, 'chiropractor')).rows).toEqual([]);
      });
      expect(builds).toBe(1);
    });

    it('refuses a builder that computes with an argument instead of binding it as it is', async () => {
      const lowered = fixedQuery((db: DbOrTrx, email: string) => db.selectFrom('staff').select('id').where('email', '=', `${email}`.toLowerCase()));
      await expectAsync(lowered(t.db, 'A@B.C')).toBeRejectedWithError(/only 0 of 1 arguments/);
    });

    it('is built once per shape: each run binds its own values, and shapes do not mix', async () => {
      const centreId = (await createCentre(t.db)).id;
      const [a, b, c] = await Promise.all(['receptionist', 'chiropractor', 'receptionist'].map((role) => createStaff(t.db, { role: role as Role, centreIds: [centreId] })));
      const builds: string[] = [];
      const staffWhere = shapedQuery((db: DbOrTrx, v: { ids: string[]; role?: Role; active: boolean }, order: 'asc' | 'desc') => {
        builds.push(`${v.ids.length} ${v.role ? 'role' : '-'} ${v.active} ${order}`);
        let query = db.selectFrom('staff').select('id').where('id', 'in', v.ids);
        if (v.role) query = query.where('role', '=', v.role);
        if (v.active) query = query.where('active', '=', 1);
        return query.orderBy('email', order);
      });
      const ids = async (v: { ids: string[]; role?: Role; active: boolean }, order: 'asc' | 'desc' = 'asc') => (await staffWhere(t.db, v, order)).rows.map((r) => r.id);
      const byEmail = [a, b, c].sort((x, y) => x.email.localeCompare(y.email)).map((s) => s.id);
      expect(await ids({ ids: [a.id, b.id, c.id], active: true })).toEqual(byEmail);
      expect(await ids({ ids: [a.id, b.id, c.id], active: true }, 'desc')).toEqual([...byEmail].reverse());
      expect(await ids({ ids: [a.id, b.id, c.id], role: 'receptionist', active: true })).toEqual(byEmail.filter((id) => id !== b.id));
      expect(await ids({ ids: [a.id, b.id, c.id], role: 'chiropractor', active: true })).toEqual([b.id]);
      expect(await ids({ ids: [b.id, c.id, a.id], role: 'chiropractor', active: true })).toEqual([b.id]);
      expect(await ids({ ids: [c.id], active: true })).toEqual([c.id]);
      expect(await ids({ ids: [a.id], active: true })).toEqual([a.id]);
      await t.db.updateTable('staff').set({ active: 0 }).where('id', '=', a.id).execute();
      expect(await ids({ ids: [a.id], active: true })).toEqual([]);
      expect(await ids({ ids: [a.id], active: false })).toEqual([a.id]);
      expect(builds).toEqual(['3 - true asc', '3 - true desc', '3 role true asc', '1 - true asc', '1 - false asc']);
    });

    it('refuses a builder that computes with a value instead of binding it as it is', async () => {
      const lowered = shapedQuery((db: DbOrTrx, v: { email: string }, _variant: '') => db.selectFrom('staff').select('id').where('email', '=', `${v.email}`.toLowerCase()));
      await expectAsync(lowered(t.db, { email: 'A@B.C' }, '')).toBeRejectedWithError(/only 0 of 1 values/);
    });

    it("answers each queue page with its own filter's rows, whatever ran before", async () => {
      const centreId = (await createCentre(t.db)).id;
      const now = new Date().toISOString();
      const named = ['Shapely Alpha', 'Shapely Beta', 'Shapely Gamma'];
      const ids: string[] = [];
      for (const [i, name] of named.entries()) {
        const id = `shape-${engine}-${i}`;
        ids.push(id);
        await t.db.insertInto('requests').values({
          id, reference: `SHP${i}${engine.length}`, kind: 'callback', source: 'phone', centre_id: i === 2 ? centreId : null, name, name_norm: name.toLowerCase(),
          phone: null, phone_e164: null, email: null, email_norm: null, message: 'x', preferences: '{}', consent: 1, priority: 'routine', priority_rank: 2, due_at: now,
          red_flags: '[]', flags_acknowledged_at: null, flags_acknowledged_by: null, status: i === 1 ? 'closed' : 'new', outcome: null, outcome_note: null, closed_at: null,
          closed_by: null, holder_id: null, held_at: null, hold_expires_at: null, received_at: now, received_local_date: now.slice(0, 10), received_local_hour: 9,
          received_weekday: 1, first_contact_at: null, first_contact_business_minutes: null, attempt_count: 0, failed_attempt_count: 0, last_attempt_at: null,
          next_attempt_at: null, match_kind: null, match_count: 0, matches: '{"patients":[],"requests":[]}', patient_id: null, appointment_id: null,
          duplicate_of: null, quarantined: 0, quarantine_reason: null, client_key: null, created_by: null, version: 1, created_at: now, updated_at: now,
        }).execute();
      }
      const names = async (query: Parameters<typeof listQueue>[1], centreIds?: string[]) =>
        (await listQueue(t.db, query, { userId: 'x', centreIds })).items.map((item) => item.name).sort();
      expect(await names({ q: 'shapely alpha' })).toEqual(['Shapely Alpha']);
      expect(await names({ q: 'shapely gamma' })).toEqual(['Shapely Gamma']);
      expect(await names({ q: 'shapely' })).toEqual(['Shapely Alpha', 'Shapely Gamma']);
      expect(await names({ q: 'shapely', status: 'all' })).toEqual(named);
      expect(await names({ q: 'shapely', status: 'closed' })).toEqual(['Shapely Beta']);
      expect(await names({ q: 'shapely', status: 'new' })).toEqual(['Shapely Alpha', 'Shapely Gamma']);
      expect(await names({ ids: [ids[0]!, ids[1]!] })).toEqual(['Shapely Alpha', 'Shapely Beta']);
      expect(await names({ ids: [ids[2]!, ids[1]!] })).toEqual(['Shapely Beta', 'Shapely Gamma']);
      expect(await names({ ids: [ids[2]!] })).toEqual(['Shapely Gamma']);
      expect(await names({ ids: [] })).toEqual([]);
      expect(await names({ q: 'shapely' }, [])).toEqual(['Shapely Alpha']);
      expect(await names({ q: 'shapely' }, [centreId])).toEqual(['Shapely Alpha', 'Shapely Gamma']);
      expect(await names({ q: 'shapely', centreId })).toEqual(['Shapely Gamma']);
    });

    it("reads each session's own user, one after the other", async () => {
      const centreId = (await createCentre(t.db)).id;
      const first = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId] });
      const second = await createStaff(t.db, { role: 'manager', centreIds: [] });
      const now = new Date().toISOString();
      for (const [sessionId, staff] of [['session-one', first], ['session-two', second]] as const) {
        await t.db.insertInto('sessions').values({
          id_hash: hashSessionId(sessionId), staff_id: staff.id, stage: 'active', csrf_token: 'x',
          created_at: now, last_seen_at: now, ip: '127.0.0.1', user_agent: 'spec',
        }).execute();
      }
      await t.db.insertInto('settings').values({ key: 'spec.setting', value: '["manager"]', version: 1, updated_at: now }).execute();
      const one = (await findSessionWithStaff(t.db, 'session-one', 'spec.setting'))!;
      const two = (await findSessionWithStaff(t.db, 'session-two', 'no.such.setting'))!;
      expect([one.staff?.id, one.centreIds, one.setting]).toEqual([first.id, [centreId], '["manager"]']);
      expect([two.staff?.id, two.centreIds, two.setting]).toEqual([second.id, [], null]);
      expect(await findSessionWithStaff(t.db, 'session-three', 'spec.setting')).toBeUndefined();
    });
  });
}
