import { totpAt } from '../auth/totp';
import { type Agent, agent, createCentre, createStaff, createTestApp, createTestDb, ENGINES, type TestApp, type TestDb, type TestStaff } from './helpers/test-app';

const WRONG = 'definitely-not-the-password';

for (const engine of ENGINES) {
  describe(`sign-in throttling (${engine})`, () => {
    let testDb: TestDb;
    let t: TestApp;
    let centreId: string;
    let user: TestStaff;
    /** Each test signs in from its own address, so counters never carry over between tests. */
    let address: string;
    let n = 0;

    beforeAll(async () => {
      testDb = await createTestDb(engine);
      t = await createTestApp(testDb);
      centreId = (await createCentre(testDb.db)).id;
    });
    beforeEach(async () => {
      n += 1;
      address = `10.1.${n}.1`;
      user = await createStaff(testDb.db, { role: 'receptionist', centreIds: [centreId] });
    });
    afterAll(async () => {
      await t.close();
      await testDb.close();
    });

    const from = (remoteAddress = address): Agent => agent(t.app, { remoteAddress });

    async function failFiveTimes(client = from()) {
      for (let i = 1; i <= 5; i++) {
        const res = await client.login(user.email, WRONG);
        expect(res.statusCode).withContext(`attempt ${i}: ${res.body}`).toBe(401);
      }
    }

    it('refuses the sixth attempt with 429, even with the right password', async () => {
      await failFiveTimes();
      const res = await from().login(user.email, user.password);
      expect(res.statusCode).toBe(429);
      expect(res.json().error.code).toBe('rate_limited');
      expect(res.json().error.message).toMatch(/Try again in \d+ minutes?/);
      expect(res.cookies.find((c) => c.name === 'cd_session')).toBeUndefined();
    });

    it('is not reset by a forged X-Forwarded-For when TRUST_PROXY is off', async () => {
      await failFiveTimes();
      for (const forged of ['203.0.113.9', '198.51.100.1, 203.0.113.10', '127.0.0.1']) {
        const res = await from().request('POST', '/api/auth/login', { email: user.email, password: user.password }, { headers: { 'x-forwarded-for': forged } });
        expect(res.statusCode).withContext(forged).toBe(429);
      }
    });

    it('still lets the real user in from another address', async () => {
      await failFiveTimes();
      expect((await from().login(user.email, user.password)).statusCode).toBe(429);
      expect((await from(`10.2.${n}.1`).login(user.email, user.password)).statusCode).toBe(200);
    });

    it('stops one address spraying many accounts', async () => {
      for (let i = 0; i < 30; i++) {
        expect((await from().login(`victim-${n}-${i}@test.clinic`, WRONG)).statusCode).toBe(401);
      }
      expect((await from().login(user.email, user.password)).statusCode).toBe(429);
      expect((await from(`10.2.${n}.1`).login(user.email, user.password)).statusCode).toBe(200);
    });

    it('forgets earlier failures after a successful sign-in', async () => {
      for (let i = 0; i < 4; i++) await from().login(user.email, WRONG);
      expect((await from().login(user.email, user.password)).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) expect((await from().login(user.email, WRONG)).statusCode).toBe(401);
      expect((await from().login(user.email, user.password)).statusCode).toBe(200);
    });

    it('survives a restart of the server on the same database', async () => {
      await failFiveTimes();
      const restarted = await createTestApp(testDb);
      try {
        await t.close();
        expect((await agent(restarted.app, { remoteAddress: address }).login(user.email, user.password)).statusCode).toBe(429);
      } finally {
        t = restarted;
      }
    });

    it('lets the lock lapse after its time', async () => {
      await failFiveTimes();
      expect((await from().login(user.email, user.password)).statusCode).toBe(429);
      await testDb.db.updateTable('login_throttle')
        .set({ locked_until: new Date(Date.now() - 1000).toISOString(), window_start: new Date(Date.now() - 16 * 60_000).toISOString() })
        .where('key', '=', `pair:${user.email}|${address}`).execute();
      expect((await from().login(user.email, user.password)).statusCode).toBe(200);
    });

    it('counts concurrent failures without losing any or failing with 500', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, () => from().login(user.email, WRONG)));
      for (const res of results) expect([401, 429]).withContext(res.body).toContain(res.statusCode);
      expect((await from().login(user.email, user.password)).statusCode).toBe(429);
      const account = await testDb.db.selectFrom('login_throttle').selectAll().where('key', '=', `account:${user.email}`).executeTakeFirstOrThrow();
      expect(account.failures).toBe(results.filter((r) => r.statusCode === 401).length);
    });

    it('throttles wrong two-factor codes the same way', async () => {
      const enrolled = await createStaff(testDb.db, { role: 'manager', centreIds: [centreId], totp: true });
      const client = from();
      expect((await client.login(enrolled.email, enrolled.password)).json().status).toBe('totp-required');
      const now = Math.floor(Date.now() / 1000);
      const right = new Set([-30, 0, 30].map((d) => totpAt(enrolled.totpSecret!, now + d)));
      const wrong = ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !right.has(c))!;
      for (let i = 0; i < 5; i++) expect((await client.post('/api/auth/totp', { code: wrong })).statusCode).toBe(401);
      const res = await client.post('/api/auth/totp', { code: totpAt(enrolled.totpSecret!, Math.floor(Date.now() / 1000)) });
      expect(res.statusCode).toBe(429);
    });
  });

  describe(`sign-in throttling behind a trusted proxy (${engine})`, () => {
    let t: TestApp;
    let user: TestStaff;
    beforeAll(async () => {
      t = await createTestApp(engine, { trustProxy: true });
      user = await createStaff(t.db, { role: 'receptionist', centreIds: [(await createCentre(t.db)).id] });
    });
    afterAll(() => t.close());

    it('uses X-Forwarded-For as the address when TRUST_PROXY is set', async () => {
      const via = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
      for (let i = 0; i < 5; i++) await agent(t.app).request('POST', '/api/auth/login', { email: user.email, password: WRONG }, via('203.0.113.5'));
      expect((await agent(t.app).request('POST', '/api/auth/login', { email: user.email, password: user.password }, via('203.0.113.5'))).statusCode).toBe(429);
      expect((await agent(t.app).request('POST', '/api/auth/login', { email: user.email, password: user.password }, via('198.51.100.7'))).statusCode).toBe(200);
    });
  });
}
