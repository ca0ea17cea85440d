import { agent, type Agent, centreInput, createCentre, createStaff, createTestApp, ENGINES, ifMatch, signIn, type TestApp, type TestStaff } from './helpers/test-app';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

for (const engine of ENGINES) {
  describe(`staff and centre administration (${engine})`, () => {
    let t: TestApp;
    let centreId: string;
    let manager: TestStaff;
    let boss: Agent;

    beforeAll(async () => {
      t = await createTestApp(engine);
      centreId = (await createCentre(t.db, { name: 'Riverside' })).id;
      manager = await createStaff(t.db, { role: 'manager', centreIds: [centreId] });
      boss = await signIn(t.app, manager.email, manager.password);
    });
    afterAll(() => t.close());

    const newStaffBody = (overrides: Record<string, unknown> = {}) => ({
      email: `new-${Math.random().toString(36).slice(2)}@test.clinic`, name: 'Nia Reed', role: 'receptionist', centreIds: [centreId], ...overrides,
    });

    describe('staff', () => {
      it('creates a user and returns a one-time password that works once, for a password change', async () => {
        const body = newStaffBody();
        const res = await boss.post('/api/staff', body);
        expect(res.statusCode).toBe(201);
        const { staff, oneTimePassword } = res.json();
        expect(staff).toEqual(jasmine.objectContaining({ email: body.email, name: 'Nia Reed', role: 'receptionist', centreIds: [centreId], active: true, mustChangePassword: true, version: 1 }));
        expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
        // Never stored in clear.
        const row = await t.db.selectFrom('staff').selectAll().where('id', '=', staff.id).executeTakeFirstOrThrow();
        expect(JSON.stringify(row)).not.toContain(oneTimePassword);

        const newcomer = await signIn(t.app, body.email, oneTimePassword);
        expect(newcomer.session?.user.mustChangePassword).toBeTrue();
        expect((await newcomer.get('/api/centres')).json().error.code).toBe('account_setup_required');
      });

      it('refuses a second account with the same email, in any case (409)', async () => {
        const body = newStaffBody();
        expect((await boss.post('/api/staff', body)).statusCode).toBe(201);
        const again = await boss.post('/api/staff', newStaffBody({ email: body.email.toUpperCase() }));
        expect(again.statusCode).toBe(409);
        expect(again.json().error.code).toBe('conflict');
      });

      it('gives 409, never 500, to the loser of two simultaneous creations with one email', async () => {
        const body = newStaffBody();
        const results = await Promise.all([boss.post('/api/staff', body), boss.post('/api/staff', body)]);
        expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
        expect((await t.db.selectFrom('staff').select('id').where('email', '=', body.email).execute()).length).toBe(1);
      });

      it('validates each field by name', async () => {
        const res = await boss.post('/api/staff', { email: 'nope', name: '   ', role: 'owner', centreIds: [] });
        expect(res.statusCode).toBe(400);
        expect(Object.keys(res.json().error.fields).sort()).toEqual(['centreIds', 'email', 'name', 'role']);
        const unknownCentre = await boss.post('/api/staff', newStaffBody({ centreIds: [MISSING_ID] }));
        expect(unknownCentre.statusCode).toBe(400);
        expect(unknownCentre.json().error.fields).toEqual({ centreIds: jasmine.any(String) });
      });

      it('reads with an ETag and edits with If-Match: 428 without, 412 when stale, 200 and a new version when current', async () => {
        const created = (await boss.post('/api/staff', newStaffBody())).json().staff;
        const read = await boss.get(`/api/staff/${created.id}`);
        expect(read.headers['etag']).toBe('"1"');
        const edit = { name: 'Nia Reed-Jones', role: 'chiropractor', centreIds: [centreId], active: true };
        expect((await boss.put(`/api/staff/${created.id}`, edit)).statusCode).toBe(428);
        expect((await boss.put(`/api/staff/${created.id}`, edit, ifMatch(5))).statusCode).toBe(412);
        const ok = await boss.put(`/api/staff/${created.id}`, edit, ifMatch(1));
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toEqual(jasmine.objectContaining({ name: 'Nia Reed-Jones', role: 'chiropractor', version: 2 }));
        expect(ok.headers['etag']).toBe('"2"');
        // The first writer won; a second edit from the same stale read is refused and changes nothing.
        expect((await boss.put(`/api/staff/${created.id}`, { ...edit, name: 'Lost update' }, ifMatch(1))).statusCode).toBe(412);
        expect((await boss.get(`/api/staff/${created.id}`)).json().name).toBe('Nia Reed-Jones');
      });

      it('answers 404 for someone who does not exist', async () => {
        const edit = { name: 'X', role: 'receptionist', centreIds: [centreId], active: true };
        expect((await boss.put(`/api/staff/${MISSING_ID}`, edit, ifMatch(1))).statusCode).toBe(404);
        expect((await boss.post(`/api/staff/${MISSING_ID}/reset-password`)).statusCode).toBe(404);
        expect((await boss.post(`/api/staff/${MISSING_ID}/reset-totp`)).statusCode).toBe(404);
      });

      it('does not let a manager demote or disable themselves', async () => {
        const me = (await boss.get(`/api/staff/${manager.id}`)).json();
        for (const change of [{ role: 'receptionist' }, { active: false }]) {
          const res = await boss.put(`/api/staff/${manager.id}`, { name: me.name, role: me.role, centreIds: me.centreIds, active: true, ...change }, ifMatch(me.version));
          expect(res.statusCode).toBe(400);
        }
        expect((await boss.get('/api/staff')).statusCode).toBe(200);
      });

      it('lists staff with their centres', async () => {
        const res = await boss.get('/api/staff');
        expect(res.statusCode).toBe(200);
        const me = res.json().find((s: { id: string }) => s.id === manager.id);
        expect(me.centreIds).toEqual([centreId]);
        expect(JSON.stringify(res.json())).not.toMatch(/argon2|password_hash|totp_secret/);
      });
    });

    describe('centres', () => {
      it('creates a centre; a duplicate name (any case) is 409', async () => {
        const res = await boss.post('/api/centres', centreInput({ name: 'Hillview' }));
        expect(res.statusCode).toBe(201);
        expect(res.json()).toEqual(jasmine.objectContaining({ name: 'Hillview', timeZone: 'Europe/London', version: 1 }));
        expect(res.headers['etag']).toBe('"1"');
        expect((await boss.post('/api/centres', centreInput({ name: ' hillVIEW ' }))).statusCode).toBe(409);
      });

      it('refuses renaming a centre to the name of another (409, not a database error)', async () => {
        const a = (await boss.post('/api/centres', centreInput({ name: 'Abbey Road' }))).json();
        const b = (await boss.post('/api/centres', centreInput({ name: 'Brook Street' }))).json();
        const { id: _id, version, ...input } = b;
        const res = await boss.put(`/api/centres/${b.id}`, { ...input, name: a.name }, ifMatch(version));
        expect(res.statusCode).toBe(409);
        expect((await boss.get(`/api/centres/${b.id}`)).json().name).toBe('Brook Street');
        // Keeping its own name is fine.
        expect((await boss.put(`/api/centres/${b.id}`, { ...input, phone: '01865 000 111' }, ifMatch(version))).statusCode).toBe(200);
      });

      it('validates the time zone and opening hours by field', async () => {
        const res = await boss.post('/api/centres', centreInput({
          timeZone: 'Mars/Olympus_Mons',
          openingHours: [{ weekday: 1, open: '18:00', close: '09:00' }, { weekday: 9, open: '25:00', close: '26:00' }],
        }));
        expect(res.statusCode).toBe(400);
        expect(Object.keys(res.json().error.fields)).toEqual(jasmine.arrayContaining(['openingHours.1.weekday', 'openingHours.1.open']));
        const semantic = await boss.post('/api/centres', centreInput({ timeZone: 'Mars/Olympus_Mons', openingHours: [{ weekday: 1, open: '18:00', close: '09:00' }] }));
        expect(semantic.statusCode).toBe(400);
        expect(Object.keys(semantic.json().error.fields).sort()).toEqual(['openingHours.0', 'timeZone']);
      });

      it('edits with If-Match and bumps the version', async () => {
        const created = (await boss.post('/api/centres', centreInput())).json();
        const { id, version, ...input } = created;
        const updated = await boss.put(`/api/centres/${id}`, { ...input, phone: '01235 000 999' }, ifMatch(version));
        expect(updated.statusCode).toBe(200);
        expect(updated.json()).toEqual(jasmine.objectContaining({ phone: '01235 000 999', version: version + 1 }));
        expect((await boss.put(`/api/centres/${id}`, input, ifMatch(version))).statusCode).toBe(412);
        expect((await boss.put(`/api/centres/${MISSING_ID}`, input, ifMatch(1))).statusCode).toBe(404);
      });

      it('shows staff only their own centres; managers see all', async () => {
        const other = await createCentre(t.db);
        const chiro = await createStaff(t.db, { role: 'chiropractor', centreIds: [other.id] });
        const client = await signIn(t.app, chiro.email, chiro.password);
        expect((await client.get('/api/centres')).json().map((c: { id: string }) => c.id)).toEqual([other.id]);
        const all = (await boss.get('/api/centres')).json().map((c: { id: string }) => c.id);
        expect(all).toContain(other.id);
        expect(all).toContain(centreId);
      });
    });

    it('leaves anonymous callers with nothing', async () => {
      expect((await agent(t.app).get('/api/centres')).statusCode).toBe(401);
    });
  });
}
