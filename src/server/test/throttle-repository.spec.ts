import { clearThrottle, lockedUntil, recordFailure, type ThrottleRule } from '../db/repositories/throttle';
import { createTestDb, ENGINES, type TestDb } from './helpers/test-app';

const MINUTE = 60_000;

for (const engine of ENGINES) {
  describe(`throttle repository (${engine})`, () => {
    let t: TestDb;
    let rule: ThrottleRule;
    let n = 0;
    const row = () => t.db.selectFrom('login_throttle').selectAll().where('key', '=', rule.key).executeTakeFirstOrThrow();

    beforeAll(async () => {
      t = await createTestDb(engine);
    });
    beforeEach(() => {
      // A key of its own for each test, so the tests share one database.
      rule = { key: `pair:someone-${++n}@test.clinic|192.0.2.1`, limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
    });
    afterAll(() => t.close());

    it('locks at the limit, for lockMs', async () => {
      const now = Date.now();
      for (let i = 0; i < 4; i++) await recordFailure(t.db, rule, now);
      expect(await lockedUntil(t.db, [rule.key], now)).toBeNull();
      await recordFailure(t.db, rule, now);
      expect((await lockedUntil(t.db, [rule.key], now))?.getTime()).toBe(now + rule.lockMs);
      expect(await lockedUntil(t.db, [rule.key], now + rule.lockMs + 1)).toBeNull();
    });

    it('starts counting again once the window has passed', async () => {
      const start = Date.now() - 20 * MINUTE;
      for (let i = 0; i < 4; i++) await recordFailure(t.db, rule, start);
      await recordFailure(t.db, rule);
      expect((await row()).failures).toBe(1);
      expect(await lockedUntil(t.db, [rule.key])).toBeNull();
    });

    it('counts every one of many concurrent failures (no lost update, no duplicate key)', async () => {
      const attempts = 25;
      const results = await Promise.allSettled(
        Array.from({ length: attempts }, () => t.db.transaction().execute((trx) => recordFailure(trx, rule))),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect((await row()).failures).toBe(attempts);
      expect(await lockedUntil(t.db, [rule.key])).not.toBeNull();
    });

    it('clears a key', async () => {
      await recordFailure(t.db, rule);
      await clearThrottle(t.db, rule.key);
      expect(await t.db.selectFrom('login_throttle').selectAll().where('key', '=', rule.key).execute()).toEqual([]);
    });
  });
}
