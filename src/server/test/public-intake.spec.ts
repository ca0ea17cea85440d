import type { LiveEvent } from '../plugins/events';
import { formSecret, issueFormToken } from '../db/repositories/requests-form';
import {
  agent, type Agent, createCentre, createStaff, createTestApp, createTestDb, ENGINES, ifMatch, signIn, type TestApp,
} from './helpers/test-app';

const CLINIC_SITE = 'https://www.riverside-chiro.example';

let address = 0;
/** Each submission from its own address unless a test says otherwise, so the rate limit stays out of the way. */
function visitor(t: TestApp, options: { origin?: string | null; remoteAddress?: string } = {}): Agent {
  address += 1;
  return agent(t.app, { origin: options.origin === undefined ? null : options.origin, remoteAddress: options.remoteAddress ?? `10.1.${Math.floor(address / 250)}.${address % 250}` });
}

const callback = (overrides: Record<string, unknown> = {}) => ({
  kind: 'callback', name: 'Jane Doe', phone: '07700 900123', email: 'jane@example.com',
  message: 'My lower back has been stiff for a week.', preferredTime: 'morning', consent: true, ...overrides,
});

const form = (fields: [string, string][]) => ({
  payload: fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

for (const engine of ENGINES) {
  describe(`public intake (${engine})`, () => {
    let t: TestApp;
    let centreId: string;
    let manager: Agent;

    beforeAll(async () => {
      t = await createTestApp(engine, { publicFormOrigins: [CLINIC_SITE], thankYouUrl: 'https://www.riverside-chiro.example/thanks' });
      centreId = (await createCentre(t.db, { name: 'Riverside' })).id;
      await createCentre(t.db, { name: 'Closed branch', active: false });
      const boss = await createStaff(t.db, { role: 'manager', centreIds: [centreId] });
      manager = await signIn(t.app, boss.email, boss.password);
    }, 30_000);
    afterAll(() => t.close());

    const stored = (reference: string) => t.db.selectFrom('requests').selectAll().where('reference', '=', reference).executeTakeFirst();
    const count = async () => Number((await t.db.selectFrom('requests').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    describe('accepting', () => {
      it('takes a JSON callback: 202 with a CB reference, stored with its triage and normalised phone', async () => {
        const res = await visitor(t).post('/api/public/requests', callback({ centre: centreId }));
        expect(res.statusCode).toBe(202);
        const { reference } = res.json();
        expect(reference).toMatch(/^CB-[0-9A-HJ-NP-Z]{5}$/);
        const row = (await stored(reference))!;
        expect(row).toEqual(jasmine.objectContaining({
          kind: 'callback', source: 'web-form', centre_id: centreId, name: 'Jane Doe', phone: '07700 900123', phone_e164: '+447700900123',
          email: 'jane@example.com', email_norm: 'jane@example.com', priority: 'routine', status: 'new', quarantined: 0, consent: 1,
        }));
        expect(JSON.parse(row.preferences)).toEqual({ preferredTime: 'morning', preferredDays: [], preferredTimeOfDay: null, newPatient: null });
        expect(row.received_local_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(row.received_weekday).toBeGreaterThanOrEqual(0);
        expect(row.due_at > row.received_at).toBeTrue();
      });

      it('takes a JSON appointment request with preferred days, time of day and new-patient answer', async () => {
        const res = await visitor(t).post('/api/public/requests', {
          kind: 'appointment', name: 'Tom Smith', email: 'tom@example.com', message: 'Calf cramps at night.', centre: centreId,
          preferredDays: ['mon', 'thu'], preferredTimeOfDay: 'evening', newPatient: true, consent: true,
        });
        expect(res.statusCode).toBe(202);
        const row = (await stored(res.json().reference))!;
        expect(row.reference).toMatch(/^AP-/);
        expect(row.phone).toBeNull();
        expect(JSON.parse(row.preferences)).toEqual({ preferredTime: null, preferredDays: ['mon', 'thu'], preferredTimeOfDay: 'evening', newPatient: true });
      });

      it('takes a plain HTML form post and answers 303 to the thank-you page with the reference', async () => {
        const { payload, headers } = form([
          ['kind', 'appointment'], ['name', 'Ann Lee'], ['phone', '+44 (0)1865 555 123'], ['email', ''], ['message', 'Neck pain'],
          ['preferredDays', 'tue'], ['preferredDays', 'fri'], ['preferredTimeOfDay', 'morning'], ['newPatient', 'no'], ['consent', 'on'], ['website', ''],
          ['centre', centreId], ['submit', 'Send'],
        ]);
        const res = await visitor(t).post('/api/public/requests', payload, { headers });
        expect(res.statusCode).toBe(303);
        const location = new URL(res.headers['location'] as string);
        expect(location.origin + location.pathname).toBe('https://www.riverside-chiro.example/thanks');
        const reference = location.searchParams.get('reference')!;
        expect(reference).toMatch(/^AP-/);
        const row = (await stored(reference))!;
        expect(row.phone_e164).toBe('+441865555123');
        expect(row.quarantined).toBe(0);
        expect(JSON.parse(row.preferences)).toEqual({ preferredTime: null, preferredDays: ['tue', 'fri'], preferredTimeOfDay: 'morning', newPatient: false });
      });

      it('accepts UK numbers in every common format and stores one E.164 form', async () => {
        for (const phone of ['07700 900123', '07700900123', '+44 7700 900123', '+44 (0)7700 900123', '0044 7700 900123', '447700900123', '(07700) 900-123']) {
          const res = await visitor(t).post('/api/public/requests', callback({ phone }));
          expect(res.statusCode).withContext(phone).toBe(202);
          expect((await stored(res.json().reference))!.phone_e164).withContext(phone).toBe('+447700900123');
        }
      });

      it('flags an emergency in the patient\'s own words: due at once, with the phrase located', async () => {
        const message = 'Back pain since Tuesday and now I cant feel the toilet paper when I wipe';
        const res = await visitor(t).post('/api/public/requests', callback({ message, centre: centreId }));
        const row = (await stored(res.json().reference))!;
        expect(row.priority).toBe('emergency');
        expect(row.due_at).toBe(row.received_at);
        const flags = JSON.parse(row.red_flags) as { level: string; phrase: string; start: number; end: number }[];
        expect(flags[0]!.level).toBe('emergency');
        expect(message.slice(flags[0]!.start, flags[0]!.end)).toBe(flags[0]!.phrase);
      });

      it('takes a request without a centre', async () => {
        const res = await visitor(t).post('/api/public/requests', callback());
        expect(res.statusCode).toBe(202);
        expect((await stored(res.json().reference))!.centre_id).toBeNull();
      });

      it('publishes request.created after the commit', async () => {
        const events: LiveEvent[] = [];
        const unsubscribe = t.app.events.subscribe((e) => events.push(e));
        const res = await visitor(t).post('/api/public/requests', callback({ centre: centreId }));
        await new Promise((r) => setTimeout(r, engine === 'postgres' ? 300 : 10));
        unsubscribe();
        const row = (await stored(res.json().reference))!;
        expect(events).toContain(jasmine.objectContaining({ type: 'request.created', id: row.id, centreId, version: 1 }));
      });

      it('lists active centres for the form', async () => {
        const res = await visitor(t).get('/api/public/centres');
        expect(res.statusCode).toBe(200);
        const names = res.json().map((c: { name: string }) => c.name);
        expect(names).toContain('Riverside');
        expect(names).not.toContain('Closed branch');
      });
    });

    describe('refusing', () => {
      it('answers 400 naming each invalid field, and stores nothing', async () => {
        const before = await count();
        const res = await visitor(t).post('/api/public/requests', {
          kind: 'letter', name: '', phone: 'call me', email: 'not-an-email', message: 'x'.repeat(2001), preferredTime: 'noon',
          preferredDays: ['someday'], newPatient: 'maybe', consent: false, centre: '00000000-0000-4000-8000-000000000000',
        });
        expect(res.statusCode).toBe(400);
        const fields = res.json().error.fields;
        for (const field of ['kind', 'name', 'message', 'preferredTime', 'preferredDays', 'newPatient', 'consent']) {
          expect(fields[field]).withContext(field).toBeDefined();
        }
        expect(await count()).toBe(before);
      });

      it('names phone, email and centre when only those are wrong', async () => {
        const before = await count();
        const res = await visitor(t).post('/api/public/requests', callback({ phone: '12345', email: 'nope@', centre: '00000000-0000-4000-8000-000000000000' }));
        expect(res.statusCode).toBe(400);
        expect(Object.keys(res.json().error.fields).sort()).toEqual(['centre', 'email', 'phone']);
        expect(await count()).toBe(before);
      });

      it('needs a phone number for a callback, and consent for anything', async () => {
        const noPhone = await visitor(t).post('/api/public/requests', callback({ phone: '' }));
        expect(noPhone.statusCode).toBe(400);
        expect(noPhone.json().error.fields.phone).toContain('phone');
        const { phone: _p, ...rest } = callback();
        const missing = await visitor(t).post('/api/public/requests', { ...rest, consent: undefined });
        expect(Object.keys(missing.json().error.fields).sort()).toEqual(['consent', 'phone']);
        const appointmentNoContact = await visitor(t).post('/api/public/requests', { kind: 'appointment', name: 'A B', consent: true });
        expect(appointmentNoContact.json().error.fields.phone).toBeDefined();
      });

      it('needs consent ticked on an HTML form too', async () => {
        const { payload, headers } = form([['kind', 'callback'], ['name', 'Ann'], ['phone', '07700 900123']]);
        const res = await visitor(t).post('/api/public/requests', payload, { headers });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.fields.consent).toBeDefined();
      });

      it('refuses other content types with 415', async () => {
        for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml']) {
          const res = await visitor(t).post('/api/public/requests', 'kind=callback', { headers: { 'content-type': type } });
          expect(res.statusCode).withContext(type).toBe(415);
          expect(res.json().error.code).toBe('unsupported_media_type');
        }
      });

      it('refuses an oversize body with 413, JSON or form', async () => {
        const big = await visitor(t).post('/api/public/requests', callback({ message: 'x'.repeat(40_000) }));
        expect(big.statusCode).toBe(413);
        const { payload, headers } = form([['kind', 'callback'], ['message', 'y'.repeat(40_000)]]);
        expect((await visitor(t).post('/api/public/requests', payload, { headers })).statusCode).toBe(413);
      });

      it('keeps form bodies away from staff routes (415)', async () => {
        const res = await manager.post('/api/requests', 'kind=callback&name=x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(res.statusCode).toBe(415);
      });
    });

    describe('CORS', () => {
      it('answers a preflight from an allowed clinic site', async () => {
        const res = await t.app.inject({
          method: 'OPTIONS', url: '/api/public/requests',
          headers: { origin: CLINIC_SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
        expect(res.statusCode).toBe(204);
        expect(res.headers['access-control-allow-origin']).toBe(CLINIC_SITE);
        expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
        expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      });

      it('lets an allowed site read the answer to its fetch', async () => {
        const res = await visitor(t, { origin: CLINIC_SITE }).post('/api/public/requests', callback());
        expect(res.statusCode).toBe(202);
        expect(res.headers['access-control-allow-origin']).toBe(CLINIC_SITE);
      });

      it('gives other sites no CORS headers', async () => {
        const res = await visitor(t, { origin: 'https://evil.example' }).post('/api/public/requests', callback());
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        const preflight = await t.app.inject({
          method: 'OPTIONS', url: '/api/public/requests', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
        });
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      });

      it('never opens staff routes to the clinic site', async () => {
        const preflight = await t.app.inject({
          method: 'OPTIONS', url: '/api/requests', headers: { origin: CLINIC_SITE, 'access-control-request-method': 'GET' },
        });
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
        expect(preflight.statusCode).toBe(404);
        const get = await manager.get('/api/requests', { headers: { origin: CLINIC_SITE } });
        expect(get.headers['access-control-allow-origin']).toBeUndefined();
      });
    });

    describe('anti-abuse: answered like a good submission, held in quarantine', () => {
      async function expectQuarantined(reference: string, reason: string) {
        const row = (await stored(reference))!;
        expect(row.quarantined).withContext(reason).toBe(1);
        expect(row.quarantine_reason).toBe(reason);
        const queue = await manager.get('/api/requests', { query: { q: reference } });
        expect(queue.json().total).withContext('not in the queue').toBe(0);
        const spam = await manager.get('/api/requests', { query: { spam: 'true', q: reference } });
        expect(spam.json().items.map((i: { reference: string }) => i.reference)).toEqual([reference]);
        return row;
      }

      it('quarantines a filled honeypot, and a manager restores it into the queue', async () => {
        const res = await visitor(t).post('/api/public/requests', callback({ website: 'http://spam.example', centre: centreId }));
        expect(res.statusCode).toBe(202);
        expect(Object.keys(res.json())).toEqual(['reference']);
        expect(res.json().reference).toMatch(/^CB-[0-9A-HJ-NP-Z]{5}$/);
        const row = await expectQuarantined(res.json().reference, 'honeypot');

        const detail = await manager.get(`/api/requests/${row.id}`);
        expect(detail.json().quarantined).toBeTrue();
        const restored = await manager.post(`/api/requests/${row.id}/restore`, undefined, ifMatch(detail.json().version));
        expect(restored.statusCode).toBe(200);
        expect(restored.json().quarantined).toBeFalse();
        expect(restored.json().history.map((h: { action: string }) => h.action)).toEqual(['created', 'quarantined', 'restored']);
        expect((await manager.get('/api/requests', { query: { q: row.reference } })).json().total).toBe(1);
      });

      it('quarantines a honeypot filled on an HTML form, still answering 303', async () => {
        const { payload, headers } = form([['kind', 'callback'], ['name', 'Bot'], ['phone', '07700 900123'], ['consent', 'on'], ['website', 'x']]);
        const res = await visitor(t).post('/api/public/requests', payload, { headers });
        expect(res.statusCode).toBe(303);
        await expectQuarantined(new URL(res.headers['location'] as string).searchParams.get('reference')!, 'honeypot');
      });

      it('quarantines a form sent within 3 seconds of its token; a slower one goes through', async () => {
        const token = (await visitor(t).get('/api/public/form-token')).json();
        expect(token.token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]+$/);
        const fast = await visitor(t).post('/api/public/requests', callback({ formToken: token.token }));
        expect(fast.statusCode).toBe(202);
        await expectQuarantined(fast.json().reference, 'too-fast');

        const secret = await formSecret(t.db);
        const slow = await visitor(t).post('/api/public/requests', callback({ formToken: issueFormToken(secret, Date.now() - 5_000).token }));
        expect((await stored(slow.json().reference))!.quarantined).toBe(0);
      });

      it('quarantines a forged token', async () => {
        const forged = `${(Date.now() - 60_000).toString(36)}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
        const res = await visitor(t).post('/api/public/requests', callback({ formToken: forged }));
        expect(res.statusCode).toBe(202);
        await expectQuarantined(res.json().reference, 'bad-token');
      });

      it('quarantines the sixth submission from one address within 10 minutes, and other addresses are unaffected', async () => {
        const sender = { remoteAddress: '203.0.113.9' };
        const answers = [];
        for (let i = 0; i < 7; i++) answers.push(await visitor(t, sender).post('/api/public/requests', callback({ name: `Sender ${i}` })));
        expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202, 202, 202, 202, 202]);
        const rows = await Promise.all(answers.map((a) => stored(a.json().reference)));
        expect(rows.map((r) => r!.quarantined)).toEqual([0, 0, 0, 0, 0, 1, 1]);
        expect(rows[5]!.quarantine_reason).toBe('rate-limit');
        // The address itself is never stored.
        expect(JSON.stringify(rows)).not.toContain('203.0.113.9');
        const other = await visitor(t).post('/api/public/requests', callback());
        expect((await stored(other.json().reference))!.quarantined).toBe(0);
      });

      it('keeps the signed-token secret and the rate limit across a restart', async () => {
        const testDb = await createTestDb(engine);
        try {
          const first = await createTestApp(testDb);
          const token = (await agent(first.app).get('/api/public/form-token')).json().token as string;
          const sender = { remoteAddress: '198.51.100.7' };
          for (let i = 0; i < 5; i++) expect((await visitor(first, sender).post('/api/public/requests', callback())).statusCode).toBe(202);
          await first.close();
          const second = await createTestApp(testDb);
          try {
            const res = await visitor(second, sender).post('/api/public/requests', callback());
            const row = await second.db.selectFrom('requests').selectAll().where('reference', '=', res.json().reference).executeTakeFirstOrThrow();
            expect(row.quarantine_reason).toBe('rate-limit');
            // A token issued before the restart still verifies (not 'bad-token'); sent at once it is 'too-fast' or fine.
            const again = await visitor(second).post('/api/public/requests', callback({ formToken: token }));
            const tokenRow = await second.db.selectFrom('requests').selectAll().where('reference', '=', again.json().reference).executeTakeFirstOrThrow();
            expect(tokenRow.quarantine_reason).not.toBe('bad-token');
          } finally {
            await second.close();
          }
        } finally {
          await testDb.close();
        }
      }, 30_000);

      it('never shows quarantine to a receptionist', async () => {
        const receptionist = await createStaff(t.db, { role: 'receptionist', centreIds: [centreId] });
        const desk = await signIn(t.app, receptionist.email, receptionist.password);
        const res = await visitor(t).post('/api/public/requests', callback({ website: 'x', centre: centreId }));
        const row = (await stored(res.json().reference))!;
        expect((await desk.get(`/api/requests/${row.id}`)).statusCode).toBe(404);
        expect((await desk.get('/api/requests', { query: { spam: 'true' } })).statusCode).toBe(403);
        expect((await desk.post(`/api/requests/${row.id}/restore`, undefined, ifMatch(1))).statusCode).toBe(403);
      });
    });
  });
}
