import { hashSessionId } from '../db/repositories/sessions';
import { sweepExpiredSessions } from '../plugins/auth';
import {
  type Agent, agent, createCentre, createStaff, createTestApp, ENGINES, ifMatch, signIn, type TestApp, type TestStaff,
} from './helpers/test-app';

const MINUTE = 60_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

for (const engine of ENGINES) {
  describe(`sign-in and sessions (${engine})`, () => {
    let t: TestApp;
    let centreId: string;
    let reception: TestStaff;
    let manager: TestStaff;

    beforeAll(async () => {
      t = await createTestApp(engine);
      centreId = (await createCentre(t.db)).id;
      manager = await createStaff(t.db, { role: 'manager', centreIds: [centreId] });
    });
    beforeEach(async () => {
      reception = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId] });
    });
    afterAll(() => t.close());

    const sessionRows = (staffId: string) => t.db.selectFrom('sessions').selectAll().where('staff_id', '=', staffId).execute();

    describe('signing in', () => {
      it('signs in with the right password and says who the user is', async () => {
        const client = agent(t.app);
        const res = await client.login(reception.email, reception.password);
        expect(res.statusCode).toBe(200);
        expect(client.session?.user).toEqual(jasmine.objectContaining({ id: reception.id, role: 'receptionist', mustChangePassword: false }));
        expect(client.session?.user.centres.map((c) => c.id)).toEqual([centreId]);
        expect((await client.get('/api/auth/session')).statusCode).toBe(200);
      });

      it('accepts the email in any case and with spaces around it', async () => {
        const res = await agent(t.app).login(`  ${reception.email.toUpperCase()} `, reception.password);
        expect(res.statusCode).toBe(200);
      });

      it('gives one answer for a wrong password, an unknown email and a disabled account', async () => {
        const disabled = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId], active: false });
        const answers = [
          await agent(t.app).login(reception.email, 'not-the-password-at-all'),
          await agent(t.app).login('nobody-here@test.clinic', reception.password),
          await agent(t.app).login(disabled.email, disabled.password),
        ];
        for (const res of answers) {
          expect(res.statusCode).toBe(401);
          expect(res.cookies.find((c) => c.name === 'cd_session')).toBeUndefined();
        }
        expect(new Set(answers.map((res) => res.body)).size).withContext(answers.map((r) => r.body).join('\n')).toBe(1);
        expect(answers[0]!.json().error.code).toBe('sign_in_failed');
      });

      it('sets the session cookie HttpOnly, SameSite=Strict and Secure, and the XSRF cookie readable by the page', async () => {
        const res = await agent(t.app).post('/api/auth/login', { email: reception.email, password: reception.password });
        const session = res.cookies.find((c) => c.name === 'cd_session')!;
        const xsrf = res.cookies.find((c) => c.name === 'XSRF-TOKEN')!;
        expect(session).toEqual(jasmine.objectContaining({ httpOnly: true, sameSite: 'Strict', secure: true, path: '/' }));
        expect(xsrf).toEqual(jasmine.objectContaining({ sameSite: 'Strict', secure: true, path: '/' }));
        expect(xsrf.httpOnly).toBeFalsy();
        // At least 128 bits of randomness, and the database holds only its hash.
        expect(Buffer.from(session.value, 'base64url').length).toBeGreaterThanOrEqual(16);
        const [row] = await sessionRows(reception.id);
        expect(row!.id_hash).toBe(hashSessionId(session.value));
        expect(JSON.stringify(row)).not.toContain(session.value);
      });

      it('gives a new session id at sign-in; the id the browser had before is dead', async () => {
        const client = await signIn(t.app, reception.email, reception.password);
        const before = client.clone();
        const oldId = client.sessionCookie;
        await client.login(reception.email, reception.password);
        expect(client.sessionCookie).toBeDefined();
        expect(client.sessionCookie).not.toBe(oldId);
        expect((await before.get('/api/auth/session')).statusCode).toBe(401);
        expect((await client.get('/api/auth/session')).statusCode).toBe(200);
        expect((await sessionRows(reception.id)).length).toBe(1);
      });

      it('does not adopt a session id planted by someone else', async () => {
        const planted = agent(t.app);
        planted.cookies.set('cd_session', 'attacker-chosen-session-id');
        await planted.login(reception.email, reception.password);
        expect(planted.sessionCookie).not.toBe('attacker-chosen-session-id');
        const attacker = agent(t.app);
        attacker.cookies.set('cd_session', 'attacker-chosen-session-id');
        expect((await attacker.get('/api/auth/session')).statusCode).toBe(401);
      });
    });

    describe('signing out', () => {
      it('ends the session on the server, not just in the browser', async () => {
        const client = await signIn(t.app, reception.email, reception.password);
        const stolen = client.clone();
        const res = await client.post('/api/auth/logout');
        expect(res.statusCode).toBe(200);
        expect(client.sessionCookie).toBeUndefined();
        expect(await sessionRows(reception.id)).toEqual([]);
        expect((await stolen.get('/api/auth/session')).statusCode).toBe(401);
        expect((await stolen.get('/api/centres')).statusCode).toBe(401);
      });

      it('is refused from another site', async () => {
        const client = await signIn(t.app, reception.email, reception.password);
        const res = await client.post('/api/auth/logout', undefined, { headers: { origin: 'https://evil.example' } });
        expect(res.statusCode).toBe(403);
        expect((await sessionRows(reception.id)).length).toBe(1);
      });
    });

    describe('timeouts', () => {
      it('ends a session idle for longer than the idle timeout (30 minutes by default)', async () => {
        const client = await signIn(t.app, reception.email, reception.password);
        await t.db.updateTable('sessions').set({ last_seen_at: ago(30 * MINUTE + 5_000) }).where('staff_id', '=', reception.id).execute();
        const res = await client.get('/api/centres');
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('session_expired');
        expect(await sessionRows(reception.id)).toEqual([]);
        expect(client.sessionCookie).toBeUndefined();
      });

      it('keeps a session used within the idle timeout, and activity moves it on', async () => {
        const client = await signIn(t.app, reception.email, reception.password);
        await t.db.updateTable('sessions').set({ last_seen_at: ago(29 * MINUTE) }).where('staff_id', '=', reception.id).execute();
        expect((await client.get('/api/centres')).statusCode).toBe(200);
        const [row] = await sessionRows(reception.id);
        expect(Date.now() - Date.parse(row!.last_seen_at)).toBeLessThan(MINUTE);
      });

      it('does not count the UI polling its session as activity', async () => {
        const client = await signIn(t.app, reception.email, reception.password);
        const seen = ago(20 * MINUTE);
        await t.db.updateTable('sessions').set({ last_seen_at: seen }).where('staff_id', '=', reception.id).execute();
        expect((await client.get('/api/auth/session')).statusCode).toBe(200);
        expect((await sessionRows(reception.id))[0]!.last_seen_at).toBe(seen);
        expect((await client.post('/api/auth/keep-alive')).statusCode).toBe(200);
        expect((await sessionRows(reception.id))[0]!.last_seen_at).not.toBe(seen);
      });

      it('ends a session at the absolute timeout (12 hours by default) however active it is', async () => {
        const client = await signIn(t.app, reception.email, reception.password);
        await t.db.updateTable('sessions').set({ created_at: ago(12 * 60 * MINUTE + 5_000), last_seen_at: ago(0) }).where('staff_id', '=', reception.id).execute();
        const res = await client.get('/api/centres');
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('session_expired');
      });

      it('deletes sessions a day after they timed out, and keeps the ones that can still explain themselves', async () => {
        const stale = await signIn(t.app, reception.email, reception.password);
        const recent = await signIn(t.app, reception.email, reception.password);
        const live = await signIn(t.app, reception.email, reception.password);
        const ids = [stale, recent, live].map((c) => hashSessionId(c.sessionCookie!));
        const set = (i: number, created: number, seen: number) =>
          t.db.updateTable('sessions').set({ created_at: ago(created), last_seen_at: ago(seen) }).where('id_hash', '=', ids[i]!).execute();
        await set(0, 2 * 60 * MINUTE, 30 * MINUTE + 24 * 60 * MINUTE + 5_000);
        await set(1, 2 * 60 * MINUTE, 31 * MINUTE);
        await sweepExpiredSessions(t.db, t.app.config);
        expect((await sessionRows(reception.id)).map((r) => r.id_hash).sort()).toEqual([ids[1]!, ids[2]!].sort());
        // The one kept still tells its page that the session ended, rather than that nobody signed in.
        expect((await recent.get('/api/centres')).json().error.code).toBe('session_expired');
        await set(2, 12 * 60 * MINUTE + 24 * 60 * MINUTE + 5_000, 0);
        await sweepExpiredSessions(t.db, t.app.config);
        expect(await sessionRows(reception.id)).toEqual([]);
      });

      it('uses the configured timeouts', async () => {
        const short = await createTestApp(t.testDb, { idleTimeoutMinutes: 5, absoluteTimeoutHours: 1 });
        try {
          const client = await signIn(short.app, reception.email, reception.password);
          expect(client.session?.idleTimeoutSeconds).toBe(300);
          expect(client.session?.absoluteRemainingSeconds).toBeGreaterThan(3590);
          expect(client.session?.absoluteRemainingSeconds).toBeLessThanOrEqual(3600);
          const setTimes = (created: number, seen: number) => t.db.updateTable('sessions')
            .set({ created_at: ago(created), last_seen_at: ago(seen) }).where('staff_id', '=', reception.id).execute();

          await setTimes(4 * MINUTE, 4 * MINUTE);
          expect((await client.get('/api/auth/session')).statusCode).toBe(200);
          await setTimes(59 * MINUTE, 0);
          expect((await client.get('/api/auth/session')).statusCode).toBe(200);
          await setTimes(61 * MINUTE, 0);
          expect((await client.get('/api/auth/session')).statusCode).toBe(401);

          const again = await signIn(short.app, reception.email, reception.password);
          await setTimes(6 * MINUTE, 6 * MINUTE);
          expect((await again.get('/api/auth/session')).statusCode).toBe(401);
        } finally {
          await short.close();
        }
      });
    });

    describe('access changes take effect at once', () => {
      let boss: Agent;
      beforeEach(async () => {
        boss = await signIn(t.app, manager.email, manager.password);
      });

      async function editReception(changes: Record<string, unknown>) {
        const current = (await boss.get(`/api/staff/${reception.id}`)).json();
        const res = await boss.put(`/api/staff/${reception.id}`, {
          name: current.name, role: current.role, centreIds: current.centreIds, active: current.active, ...changes,
        }, ifMatch(current.version));
        expect(res.statusCode).withContext(res.body).toBe(200);
      }

      it('a role change ends the user\'s sessions', async () => {
        const phone = await signIn(t.app, reception.email, reception.password);
        const desk = await signIn(t.app, reception.email, reception.password);
        await editReception({ role: 'chiropractor' });
        expect((await phone.get('/api/centres')).statusCode).toBe(401);
        expect((await desk.get('/api/centres')).statusCode).toBe(401);
        const again = await signIn(t.app, reception.email, reception.password);
        expect(again.session?.user.role).toBe('chiropractor');
      });

      it('disabling a user ends their sessions and stops them signing in', async () => {
        const desk = await signIn(t.app, reception.email, reception.password);
        await editReception({ active: false });
        expect((await desk.get('/api/centres')).statusCode).toBe(401);
        expect((await agent(t.app).login(reception.email, reception.password)).statusCode).toBe(401);
      });

      it('a disabled account is refused even if its session somehow survived', async () => {
        // e.g. disabled by hand in the database: the check is on every request, not only at sign-in.
        const desk = await signIn(t.app, reception.email, reception.password);
        await t.db.updateTable('staff').set({ active: 0 }).where('id', '=', reception.id).execute();
        expect((await desk.get('/api/centres')).statusCode).toBe(401);
        expect(await sessionRows(reception.id)).toEqual([]);
      });

      it('a change of name or centres keeps the session', async () => {
        const other = await createCentre(t.db);
        const desk = await signIn(t.app, reception.email, reception.password);
        await editReception({ name: 'Renamed', centreIds: [centreId, other.id] });
        const res = await desk.get('/api/centres');
        expect(res.statusCode).toBe(200);
        expect(res.json().map((c: { id: string }) => c.id).sort()).toEqual([centreId, other.id].sort());
      });

      it('a password reset ends the user\'s sessions', async () => {
        const desk = await signIn(t.app, reception.email, reception.password);
        const res = await boss.post(`/api/staff/${reception.id}/reset-password`);
        expect(res.statusCode).toBe(200);
        expect((await desk.get('/api/centres')).statusCode).toBe(401);
        expect((await agent(t.app).login(reception.email, reception.password)).statusCode).toBe(401);
        const fresh = await signIn(t.app, reception.email, res.json().oneTimePassword);
        expect(fresh.session?.user.mustChangePassword).toBeTrue();
      });
    });

    describe('CSRF and origin checks', () => {
      let client: Agent;
      beforeEach(async () => {
        client = await signIn(t.app, reception.email, reception.password);
      });

      const refusals = () => t.db.selectFrom('audit_events').selectAll().where('action', '=', 'access.refused').where('actor_id', '=', reception.id).execute();

      it('refuses a state-changing request without the X-XSRF-TOKEN header', async () => {
        const res = await client.post('/api/auth/keep-alive', undefined, { noCsrf: true });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('csrf');
        const [row] = await refusals();
        expect(JSON.parse(row!.detail)).toEqual(jasmine.objectContaining({ route: '/api/auth/keep-alive', status: 403 }));
      });

      it('refuses a wrong token, and the token of another session', async () => {
        expect((await client.post('/api/auth/keep-alive', undefined, { headers: { 'x-xsrf-token': 'guess' } })).json().error.code).toBe('csrf');
        const someoneElse = await signIn(t.app, manager.email, manager.password);
        const foreign = someoneElse.cookies.get('XSRF-TOKEN')!;
        const res = await client.post('/api/auth/keep-alive', undefined, { headers: { 'x-xsrf-token': foreign } });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('csrf');
        expect((await client.post('/api/auth/keep-alive')).statusCode).toBe(200);
      });

      it('refuses a cross-site Origin even with the right token', async () => {
        for (const headers of [
          { origin: 'https://evil.example' },
          { origin: 'null' },
          { origin: undefined, referer: 'https://evil.example/page' },
          { 'sec-fetch-site': 'cross-site' },
        ]) {
          const res = await client.post('/api/auth/keep-alive', undefined, { headers });
          expect(res.statusCode).withContext(JSON.stringify(headers)).toBe(403);
          expect(res.json().error.code).toBe('bad_origin');
        }
        expect((await refusals()).length).toBe(4);
      });

      it('accepts a client that sends no Origin but has the token (scripts, curl)', async () => {
        const scripted = agent(t.app, { origin: null });
        for (const [name, value] of client.cookies) scripted.cookies.set(name, value);
        expect((await scripted.post('/api/auth/keep-alive')).statusCode).toBe(200);
      });

      it('refuses a sign-in posted from another site', async () => {
        const res = await agent(t.app, { origin: 'https://evil.example' }).login(reception.email, reception.password);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('bad_origin');
      });

      it('never needs a token to read', async () => {
        expect((await client.get('/api/centres', { noCsrf: true, headers: { origin: undefined } })).statusCode).toBe(200);
      });
    });
  });
}
