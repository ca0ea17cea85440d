import { base32Decode, base32Encode, newRecoveryCodes, totpAt, matchTotpStep } from '../auth/totp';
import {
  type Agent, agent, createCentre, createStaff, createTestApp, currentTotp, ENGINES, nextTotp, ifMatch, signIn, type TestApp, type TestStaff,
} from './helpers/test-app';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1 seed "12345678901234567890"; the 6-digit codes are the last six digits.
  const rfcSecret = base32Encode(Buffer.from('12345678901234567890'));

  it('matches the RFC test vectors', () => {
    expect(rfcSecret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(totpAt(rfcSecret, 59)).toBe('287082');
    expect(totpAt(rfcSecret, 1111111109)).toBe('081804');
    expect(totpAt(rfcSecret, 1234567890)).toBe('005924');
    expect(totpAt(rfcSecret, 2000000000)).toBe('279037');
  });

  it('round-trips base32', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('accepts the code of the step before and after, not two steps away', () => {
    const now = 1_800_000_000_000;
    const at = (offsetSeconds: number) => totpAt(rfcSecret, now / 1000 + offsetSeconds);
    const step = now / 1000 / 30;
    expect(matchTotpStep(rfcSecret, at(0), now)).toBe(step);
    expect(matchTotpStep(rfcSecret, at(-30), now)).toBe(step - 1);
    expect(matchTotpStep(rfcSecret, at(30), now)).toBe(step + 1);
    expect(matchTotpStep(rfcSecret, at(-60), now)).toBeNull();
    expect(matchTotpStep(rfcSecret, at(60), now)).toBeNull();
    expect(matchTotpStep(rfcSecret, `${at(0).slice(0, 3)} ${at(0).slice(3)}`, now)).not.toBeNull();
    expect(matchTotpStep(rfcSecret, '12345', now)).toBeNull();
  });

  it('makes distinct, readable recovery codes', () => {
    const codes = newRecoveryCodes();
    expect(codes.length).toBe(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  });
});

for (const engine of ENGINES) {
  describe(`two-factor sign-in (${engine})`, () => {
    let t: TestApp;
    let centreId: string;
    let user: TestStaff;
    beforeAll(async () => {
      t = await createTestApp(engine);
      centreId = (await createCentre(t.db)).id;
    });
    beforeEach(async () => {
      user = await createStaff(t.db, { role: 'chiropractor', centreIds: [centreId] });
    });
    afterAll(() => t.close());

    async function enrol(client: Agent): Promise<{ secret: string; code: string; recoveryCodes: string[] }> {
      const start = await client.post('/api/auth/totp/enrol');
      expect(start.statusCode).toBe(200);
      const { secret } = start.json<{ secret: string }>();
      const code = currentTotp(secret);
      const confirm = await client.post('/api/auth/totp/confirm', { code });
      expect(confirm.statusCode).withContext(confirm.body).toBe(200);
      return { secret, code, recoveryCodes: confirm.json<{ recoveryCodes: string[] }>().recoveryCodes };
    }

    it('enrols: a secret and a locally rendered QR code, then recovery codes once a code is confirmed', async () => {
      const client = await signIn(t.app, user.email, user.password);
      const start = await client.post('/api/auth/totp/enrol');
      const body = start.json<{ secret: string; otpauthUrl: string; qrDataUrl: string }>();
      expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(body.otpauthUrl).toContain(`secret=${body.secret}`);
      expect(body.otpauthUrl).toContain(encodeURIComponent(user.email));
      expect(body.qrDataUrl).toMatch(/^data:image\/png;base64,/);

      const wrong = await client.post('/api/auth/totp/confirm', { code: '000000' === currentTotp(body.secret) ? '111111' : '000000' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.fields.code).toBeDefined();
      expect((await t.db.selectFrom('staff').select('totp_enabled').where('id', '=', user.id).executeTakeFirstOrThrow()).totp_enabled).toBe(0);

      const confirm = await client.post('/api/auth/totp/confirm', { code: currentTotp(body.secret) });
      expect(confirm.statusCode).toBe(200);
      expect(confirm.json().recoveryCodes.length).toBe(10);
      const row = await t.db.selectFrom('staff').select(['totp_enabled', 'recovery_codes']).where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.totp_enabled).toBe(1);
      // Only hashes are kept.
      for (const code of confirm.json().recoveryCodes) expect(row.recovery_codes).not.toContain(code);

      expect((await client.post('/api/auth/totp/enrol')).statusCode).toBe(409);
    });

    it('asks for the code after the password, and only then starts a real session with a new id', async () => {
      const { secret } = await enrol(await signIn(t.app, user.email, user.password));
      const client = agent(t.app);
      const first = await client.login(user.email, user.password);
      expect(first.json()).toEqual({ status: 'totp-required' });
      const pendingId = client.sessionCookie;
      expect(pendingId).toBeDefined();
      const pending = client.clone();
      // Password alone opens nothing.
      expect((await client.get('/api/auth/session')).statusCode).toBe(401);
      expect((await client.get('/api/centres')).statusCode).toBe(401);

      const wrong = await client.post('/api/auth/totp', { code: currentTotp(secret) === '123456' ? '654321' : '123456' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().error.code).toBe('totp_failed');

      // Enrolment used the current code; each code works once.
      const done = await client.post('/api/auth/totp', { code: nextTotp(secret) });
      expect(done.statusCode).toBe(200);
      expect(done.json().status).toBe('signed-in');
      expect(client.sessionCookie).not.toBe(pendingId);
      expect((await client.get('/api/centres')).statusCode).toBe(200);
      expect((await pending.get('/api/auth/session')).statusCode).toBe(401);
      expect((await pending.post('/api/auth/totp', { code: nextTotp(secret) })).statusCode).toBe(401);
    });

    it('accepts each code once: the code that enrolled, or signed in, cannot sign in again', async () => {
      // The codes are taken once, not re-read from the clock: a 30 s step may turn mid-test.
      const { secret, code: enrolled } = await enrol(await signIn(t.app, user.email, user.password));
      const replay = agent(t.app);
      await replay.login(user.email, user.password);
      const refused = await replay.post('/api/auth/totp', { code: enrolled });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.message).toContain('already been used');

      const signedIn = nextTotp(secret);
      const first = agent(t.app);
      await first.login(user.email, user.password);
      expect((await first.post('/api/auth/totp', { code: signedIn })).statusCode).toBe(200);
      const second = agent(t.app);
      await second.login(user.email, user.password);
      expect((await second.post('/api/auth/totp', { code: signedIn })).statusCode).toBe(401);
      const audit = await t.db.selectFrom('audit_events').select('detail').where('actor_id', '=', user.id).where('outcome', '=', 'failure').execute();
      expect(audit.map((a) => JSON.parse(a.detail).reason)).toEqual(['second-factor code used before', 'second-factor code used before']);
    });

    it('refuses a code without a password first', async () => {
      const res = await agent(t.app).post('/api/auth/totp', { code: '123456' });
      expect(res.statusCode).toBe(401);
    });

    it('accepts each recovery code once', async () => {
      const { recoveryCodes } = await enrol(await signIn(t.app, user.email, user.password));
      const code = recoveryCodes[3]!;
      const client = agent(t.app);
      await client.login(user.email, user.password);
      const used = await client.post('/api/auth/totp', { code: code.toUpperCase() });
      expect(used.statusCode).toBe(200);
      expect(used.json().status).toBe('signed-in');

      const again = agent(t.app);
      await again.login(user.email, user.password);
      expect((await again.post('/api/auth/totp', { code })).statusCode).toBe(401);
      expect((await again.post('/api/auth/totp', { code: recoveryCodes[4]! })).statusCode).toBe(200);
    });

    it('lets only one of two simultaneous sign-ins use the same recovery code', async () => {
      const { recoveryCodes } = await enrol(await signIn(t.app, user.email, user.password));
      const [a, b] = [agent(t.app), agent(t.app)];
      await a.login(user.email, user.password);
      await b.login(user.email, user.password);
      const results = await Promise.all([a, b].map((client) => client.post('/api/auth/totp', { code: recoveryCodes[0]! })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    });

    it('a manager can require two-factor for a role: its users are held at setup until they enrol', async () => {
      const manager = await createStaff(t.db, { role: 'manager', centreIds: [centreId] });
      const boss = await signIn(t.app, manager.email, manager.password);
      const client = await signIn(t.app, user.email, user.password);
      expect((await client.get('/api/centres')).statusCode).toBe(200);

      const settings = await boss.get('/api/settings/security');
      const version = settings.json().version;
      expect((await boss.put('/api/settings/security', { totpRequiredRoles: ['chiropractor'] })).statusCode).toBe(428);
      const put = await boss.put('/api/settings/security', { totpRequiredRoles: ['chiropractor'] }, ifMatch(version));
      expect(put.statusCode).toBe(200);
      expect((await boss.put('/api/settings/security', { totpRequiredRoles: [] }, ifMatch(version))).statusCode).toBe(412);
      try {
        const held = await client.get('/api/centres');
        expect(held.statusCode).toBe(403);
        expect(held.json().error.code).toBe('account_setup_required');
        const info = await client.get('/api/auth/session');
        expect(info.statusCode).toBe(200);
        expect(info.json().user.totpRequired).toBeTrue();
        // Other roles are not affected.
        expect((await boss.get('/api/centres')).statusCode).toBe(200);

        await enrol(client);
        expect((await client.get('/api/centres')).statusCode).toBe(200);
      } finally {
        const current = (await boss.get('/api/settings/security')).json().version;
        await boss.put('/api/settings/security', { totpRequiredRoles: [] }, ifMatch(current));
      }
    });

    it('a manager can turn two-factor off for a user who lost their phone, signing them out', async () => {
      const manager = await createStaff(t.db, { role: 'manager', centreIds: [centreId] });
      const enrolled = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId], totp: true });
      const desk = await signIn(t.app, enrolled.email, enrolled.password, { totpSecret: enrolled.totpSecret! });
      const boss = await signIn(t.app, manager.email, manager.password);
      const res = await boss.post(`/api/staff/${enrolled.id}/reset-totp`);
      expect(res.statusCode).toBe(200);
      expect(res.json().totpEnabled).toBeFalse();
      expect((await desk.get('/api/centres')).statusCode).toBe(401);
      expect((await agent(t.app).login(enrolled.email, enrolled.password)).json().status).toBe('signed-in');
    });
  });
}
