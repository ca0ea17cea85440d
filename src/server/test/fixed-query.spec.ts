import { fixedQuery } from '../db/fixed-query';
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
