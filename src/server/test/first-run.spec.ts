import { listCentres } from '../db/repositories/centres';
import { findStaffByEmail } from '../db/repositories/staff';
import { ensureFirstManager } from '../setup';
import { agent, createCentre, createStaff, createTestApp, ENGINES, signIn, type TestApp } from './helpers/test-app';

for (const engine of ENGINES) {
  describe(`first run (${engine})`, () => {
    let t: TestApp;
    let auditBefore: number;
    beforeAll(async () => {
      t = await createTestApp(engine);
    });
    beforeEach(async () => {
      // Back to an empty clinic (sessions and centre links go with the staff); the audit log only grows.
      await t.db.deleteFrom('staff').execute();
      await t.db.deleteFrom('centres').execute();
      auditBefore = Number((await t.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);
    });
    afterAll(() => t.close());

    it('creates a centre and the first manager with a one-time password, once', async () => {
      const first = await ensureFirstManager(t.db);
      expect(first?.email).toBe('manager@clinic.local');
      expect(first?.oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect(await ensureFirstManager(t.db)).toBeNull();
      const centres = await listCentres(t.db);
      expect(centres.length).toBe(1);
      const manager = await findStaffByEmail(t.db, 'manager@clinic.local');
      expect(manager).toEqual(jasmine.objectContaining({ role: 'manager', must_change_password: 1, active: 1 }));
      const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'staff.created').where('seq', '>', auditBefore).execute();
      expect(audit.map((row) => JSON.parse(row.detail))).toEqual([{ role: 'manager', firstRun: true }]);
    });

    it('does nothing when staff already exist', async () => {
      const centre = await createCentre(t.db);
      await createStaff(t.db, { role: 'receptionist', centreIds: [centre.id] });
      expect(await ensureFirstManager(t.db)).toBeNull();
      expect(await findStaffByEmail(t.db, 'manager@clinic.local')).toBeUndefined();
    });

    it('uses the chosen email', async () => {
      const first = await ensureFirstManager(t.db, 'Boss@Clinic.Example');
      expect((await agent(t.app).login(first!.email, first!.oneTimePassword)).statusCode).toBe(200);
    });

    it('holds the manager at the password change until a new password is chosen', async () => {
      const first = (await ensureFirstManager(t.db))!;
      const client = await signIn(t.app, first.email, first.oneTimePassword);
      expect(client.session?.user.mustChangePassword).toBeTrue();

      for (const url of ['/api/staff', '/api/centres', '/api/audit', '/api/settings/security']) {
        const res = await client.get(url);
        expect(res.statusCode).withContext(url).toBe(403);
        expect(res.json().error.code).toBe('account_setup_required');
      }
      expect((await client.post('/api/staff', { email: 'x@y.co', name: 'X', role: 'manager', centreIds: ['a'] })).statusCode).toBe(403);
      expect((await client.get('/api/auth/session')).statusCode).toBe(200);

      const change = await client.post('/api/auth/password', { currentPassword: first.oneTimePassword, newPassword: 'quiet-harbour-stone-4' });
      expect(change.statusCode).toBe(200);
      expect(change.json().user.mustChangePassword).toBeFalse();
      expect((await client.get('/api/staff')).statusCode).toBe(200);
    });
  });
}
