import { generateOneTimePassword, hashPassword, passwordProblem, verifyPassword } from '../auth/passwords';
import { agent, createCentre, createStaff, createTestApp, ENGINES, signIn, type TestApp, type TestStaff } from './helpers/test-app';

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('Tall-lantern-orbit-73')).toBeNull();
    expect(passwordProblem('my bike is green and slow')).toBeNull();
  });

  it('refuses fewer than 12 characters', () => {
    expect(passwordProblem('Sh0rt-pass!')).toMatch(/at least 12 characters/);
    expect(passwordProblem('x9#kQ2!vL0pz')).toBeNull();
  });

  it('refuses common passwords, also with digits or symbols tacked on', () => {
    for (const common of ['password1234', 'sunshine2026!', 'Password123456', 'qwertyuiop123', 'iloveyou2026', 'letmein!!!!!!']) {
      expect(passwordProblem(common)).withContext(common).toMatch(/commonly used/);
    }
  });

  it('refuses a password containing the email name', () => {
    expect(passwordProblem('jo.bloggs-rocks-2026', 'jo.bloggs@clinic.example')).toMatch(/email address/);
    expect(passwordProblem('JO.BLOGGS-rocks-2026', 'jo.bloggs@clinic.example')).toMatch(/email address/);
    expect(passwordProblem('quiet-harbour-stone-4', 'jo.bloggs@clinic.example')).toBeNull();
  });

  it('refuses one character repeated and absurd lengths', () => {
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).not.toBeNull();
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most/);
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('Tall-lantern-orbit-73');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'Tall-lantern-orbit-73')).toBeTrue();
    expect(await verifyPassword(hash, 'Tall-lantern-orbit-74')).toBeFalse();
    expect(await verifyPassword('not a hash', 'anything')).toBeFalse();
  });

  it('makes readable one-time passwords that differ every time', () => {
    const passwords = Array.from({ length: 50 }, () => generateOneTimePassword());
    expect(new Set(passwords).size).toBe(50);
    for (const p of passwords) {
      expect(p).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect(p).not.toMatch(/[01ilo]/);
    }
  });
});

for (const engine of ENGINES) {
  describe(`changing your password (${engine})`, () => {
    let t: TestApp;
    let user: TestStaff;
    beforeAll(async () => {
      t = await createTestApp(engine);
    });
    beforeEach(async () => {
      user = await createStaff(t.db, { role: 'receptionist', centreIds: [(await createCentre(t.db)).id], email: `jo.bloggs.${Date.now()}@clinic.example` });
    });
    afterAll(() => t.close());

    const storedHash = async () => (await t.db.selectFrom('staff').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()).password_hash;

    it('refuses a new password that breaks the policy, naming the field, and changes nothing', async () => {
      const client = await signIn(t.app, user.email, user.password);
      const before = await storedHash();
      const localPart = user.email.split('@')[0]!;
      for (const newPassword of ['short', 'password1234', 'sunshine2026!', `${localPart}-2026-x`, user.password]) {
        const res = await client.post('/api/auth/password', { currentPassword: user.password, newPassword });
        expect(res.statusCode).withContext(newPassword).toBe(400);
        expect(Object.keys(res.json().error.fields)).toEqual(['newPassword']);
      }
      expect(await storedHash()).toBe(before);
    });

    it('needs the current password', async () => {
      const client = await signIn(t.app, user.email, user.password);
      const res = await client.post('/api/auth/password', { currentPassword: 'not-my-password-at-all', newPassword: 'quiet-harbour-stone-4' });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['currentPassword']);
    });

    it('changes it, keeps this session and signs out the others', async () => {
      const client = await signIn(t.app, user.email, user.password);
      const otherDevice = await signIn(t.app, user.email, user.password);
      const res = await client.post('/api/auth/password', { currentPassword: user.password, newPassword: 'quiet-harbour-stone-4' });
      expect(res.statusCode).toBe(200);
      expect((await client.get('/api/centres')).statusCode).toBe(200);
      expect((await otherDevice.get('/api/centres')).statusCode).toBe(401);
      expect((await agent(t.app).login(user.email, user.password)).statusCode).toBe(401);
      expect((await agent(t.app).login(user.email, 'quiet-harbour-stone-4')).statusCode).toBe(200);
      const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'auth.password-changed').where('actor_id', '=', user.id).execute();
      expect(audit.length).toBe(1);
      expect(audit[0]!.detail).not.toContain('quiet-harbour');
    });
  });
}
