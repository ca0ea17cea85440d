import type { RequestDetail, RequestSummary } from '../../shared/api/requests';
import type { LiveEvent } from '../plugins/events';
import { inTransaction, insertRequest, type NewRequestInput } from '../db/repositories/requests';
import { newId, nowIso } from '../db/time';
import { Agent, createCentre, createStaff, createTestApp, ENGINES, ifMatch, signIn, type TestApp, type TestStaff } from './helpers/test-app';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

function requestInput(overrides: Partial<NewRequestInput> = {}): NewRequestInput {
  return {
    kind: 'callback', source: 'web-form', centreId: null, name: 'Jane Doe', phone: '07700 900123', email: 'jane@example.com',
    message: 'Stiff lower back for a week, getting better slowly.', consent: true,
    preferences: { preferredTime: 'any', preferredDays: [], preferredTimeOfDay: null, newPatient: null }, ...overrides,
  };
}

for (const engine of ENGINES) {
  describe(`requests queue and desk work (${engine})`, () => {
    let t: TestApp;
    let riverside: string;
    let hillview: string;
    let sam: TestStaff;
    let desk: Agent;
    let jo: TestStaff;
    let desk2: Agent;
    let boss: Agent;
    let chiro: Agent;
    let hillDesk: Agent;

    beforeAll(async () => {
      t = await createTestApp(engine);
      riverside = (await createCentre(t.db, { name: 'Riverside' })).id;
      hillview = (await createCentre(t.db, { name: 'Hillview' })).id;
      sam = await createStaff(t.db, { role: 'receptionist', centreIds: [riverside], name: 'Sam Patel' });
      jo = await createStaff(t.db, { role: 'receptionist', centreIds: [riverside], name: 'Jo Evans' });
      const manager = await createStaff(t.db, { role: 'manager', centreIds: [riverside, hillview], name: 'Morgan Hale' });
      const chiropractor = await createStaff(t.db, { role: 'chiropractor', centreIds: [riverside] });
      const hill = await createStaff(t.db, { role: 'receptionist', centreIds: [hillview] });
      desk = await signIn(t.app, sam.email, sam.password);
      desk2 = await signIn(t.app, jo.email, jo.password);
      boss = await signIn(t.app, manager.email, manager.password);
      chiro = await signIn(t.app, chiropractor.email, chiropractor.password);
      hillDesk = await signIn(t.app, hill.email, hill.password);
    }, 30_000);
    afterAll(() => t.close());

    const create = (overrides: Partial<NewRequestInput> = {}) =>
      inTransaction(t.db, (trx) => insertRequest(trx, requestInput({ centreId: riverside, ...overrides })));
    const detail = async (agent: Agent, id: string) => (await agent.get(`/api/requests/${id}`)).json<RequestDetail>();
    const queue = async (agent: Agent, query: Record<string, string> = {}) => {
      const res = await agent.get('/api/requests', { query: { limit: '200', ...query } });
      expect(res.statusCode).withContext(res.body).toBe(200);
      return res.json<{ items: RequestSummary[]; total: number }>();
    };

    describe('permissions', () => {
      it('refuses chiropractors (403) and hides another centre\'s request (404)', async () => {
        const row = await create();
        expect((await chiro.get('/api/requests')).statusCode).toBe(403);
        expect((await chiro.get(`/api/requests/${row.id}`)).statusCode).toBe(403);
        expect((await chiro.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(1))).statusCode).toBe(403);
        expect((await hillDesk.get(`/api/requests/${row.id}`)).statusCode).toBe(404);
        expect((await hillDesk.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(1))).statusCode).toBe(404);
        expect((await queue(hillDesk, { q: row.reference })).total).toBe(0);
        expect((await desk.get(`/api/requests/${MISSING_ID}`)).statusCode).toBe(404);
      });

      it('lets only managers reassign and restore', async () => {
        const row = await create();
        const res = await desk.post(`/api/requests/${row.id}/reassign`, { staffId: jo.id }, ifMatch(1));
        expect(res.statusCode).toBe(403);
        const ok = await boss.post(`/api/requests/${row.id}/reassign`, { staffId: jo.id }, ifMatch(1));
        expect(ok.statusCode).toBe(200);
        expect(ok.json().holder).toEqual({ id: jo.id, name: 'Jo Evans' });
        const wrong = await boss.post(`/api/requests/${row.id}/reassign`, { staffId: MISSING_ID }, ifMatch(ok.json().version));
        expect(wrong.statusCode).toBe(400);
        expect(wrong.json().error.fields.staffId).toBeDefined();
      });

      it('shows a request without a centre to every centre\'s desk', async () => {
        const row = await create({ centreId: null });
        expect((await hillDesk.get(`/api/requests/${row.id}`)).statusCode).toBe(200);
        expect((await desk.get(`/api/requests/${row.id}`)).statusCode).toBe(200);
      });
    });

    describe('the queue', () => {
      it('puts emergencies first, then orders by due time, and filters', async () => {
        const tag = `Order${Date.now()}`;
        const routineLate = await create({ name: `${tag} Routine Late` });
        const routineSoon = await create({ name: `${tag} Routine Soon` });
        const urgent = await create({ name: `${tag} Urgent`, message: 'I have a swollen hot red calf, throbbing since yesterday' });
        const emergency = await create({ name: `${tag} Emergency`, message: 'back pain and I have wet myself and cant feel down below' });
        const appointment = await create({ name: `${tag} Appointment`, kind: 'appointment' });
        const hill = await create({ name: `${tag} Hill`, centreId: hillview });
        expect(urgent.priority).toBe('urgent');
        expect(emergency.priority).toBe('emergency');
        const base = Date.now();
        const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
        for (const [row, due] of [[routineLate, 300], [routineSoon, 100], [urgent, 200], [emergency, 400], [appointment, 250], [hill, 50]] as const) {
          await t.db.updateTable('requests').set({ due_at: at(due) }).where('id', '=', row.id).execute();
        }

        const all = await queue(boss, { q: tag });
        expect(all.items.map((i) => i.name)).toEqual([`${tag} Emergency`, `${tag} Urgent`, `${tag} Hill`, `${tag} Routine Soon`, `${tag} Appointment`, `${tag} Routine Late`]);
        expect(all.total).toBe(6);
        const byDue = await queue(boss, { q: tag, sort: 'due' });
        expect(byDue.items[0]!.name).toBe(`${tag} Hill`);

        expect((await queue(boss, { q: tag, kind: 'appointment' })).items.map((i) => i.id)).toEqual([appointment.id]);
        expect((await queue(boss, { q: tag, priority: 'urgent' })).items.map((i) => i.id)).toEqual([urgent.id]);
        expect((await queue(boss, { q: tag, centreId: hillview })).items.map((i) => i.id)).toEqual([hill.id]);
        // Sam works at Riverside only.
        expect((await queue(desk, { q: tag })).items.map((i) => i.id)).not.toContain(hill.id);

        const paged = await queue(boss, { q: tag, limit: '2', offset: '2' });
        expect(paged.items.map((i) => i.name)).toEqual([`${tag} Hill`, `${tag} Routine Soon`]);
        expect(paged.total).toBe(6);

        const row = all.items[0]!;
        expect(row.redFlags.length).toBeGreaterThan(0);
        for (const flag of row.redFlags.filter((f) => f.start >= 0)) expect(row.messagePreview.slice(flag.start, flag.end)).toBe(flag.phrase);
      });

      it('filters mine, unassigned, overdue and status', async () => {
        const tag = `Filter${Date.now()}`;
        const mine = await create({ name: `${tag} A` });
        const overdue = await create({ name: `${tag} B` });
        const closed = await create({ name: `${tag} C` });
        await t.db.updateTable('requests').set({ due_at: new Date(Date.now() - 60_000).toISOString() }).where('id', '=', overdue.id).execute();
        expect((await desk.post(`/api/requests/${mine.id}/claim`, undefined, ifMatch(1))).statusCode).toBe(200);
        expect((await desk.post(`/api/requests/${closed.id}/close`, { outcome: 'not-interested' }, ifMatch(1))).statusCode).toBe(200);

        expect((await queue(desk, { q: tag, mine: 'true' })).items.map((i) => i.id)).toEqual([mine.id]);
        expect((await queue(desk2, { q: tag, mine: 'true' })).items).toEqual([]);
        expect((await queue(desk, { q: tag, unassigned: 'true' })).items.map((i) => i.id)).toEqual([overdue.id]);
        expect((await queue(desk, { q: tag, overdue: 'true' })).items.map((i) => i.id)).toEqual([overdue.id]);
        expect((await queue(desk, { q: tag })).items.map((i) => i.id).sort()).toEqual([mine.id, overdue.id].sort());
        expect((await queue(desk, { q: tag, status: 'closed' })).items.map((i) => i.id)).toEqual([closed.id]);
        expect((await queue(desk, { q: tag, status: 'in-progress' })).items.map((i) => i.id)).toEqual([mine.id]);
        expect((await queue(desk, { q: tag, status: 'all' })).total).toBe(3);
      });

      it('finds a request by reference, by phone in another format, by name and by email', async () => {
        const row = await create({ name: 'Bartholomew Quince', phone: '07911 123456', email: 'B.Quince@Example.org' });
        const find = async (q: string) => (await queue(desk, { q, status: 'all' })).items.map((i) => i.id);
        expect(await find(row.reference)).toEqual([row.id]);
        expect(await find(row.reference.toLowerCase().replace('-', ''))).toEqual([row.id]);
        expect(await find('+44 7911 123456')).toContain(row.id);
        expect(await find('447911123456')).toContain(row.id);
        expect(await find('07911-123-456')).toContain(row.id);
        expect(await find('123456')).toContain(row.id);
        expect(await find('quince')).toContain(row.id);
        expect(await find('MR BARTHOLOMEW')).toContain(row.id);
        expect(await find('b.quince@example')).toContain(row.id);
        expect(await find('nobody-like-this')).toEqual([]);
        const item = (await queue(desk, { q: row.reference })).items[0]!;
        expect(item).toEqual(jasmine.objectContaining({ reference: row.reference, priority: 'routine', redFlags: [] }));
      });

      it('returns just the rows a live event named, in any status, within the user\'s centres', async () => {
        const open = await create();
        const closed = await create();
        const hill = await create({ centreId: hillview });
        await desk.post(`/api/requests/${closed.id}/close`, { outcome: 'advice-given' }, ifMatch(1));
        const res = await desk.get(`/api/requests?ids=${open.id}&ids=${closed.id}&ids=${hill.id}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().items.map((i: RequestSummary) => i.id).sort()).toEqual([open.id, closed.id].sort());
        const one = await desk.get(`/api/requests?ids=${open.id}`);
        expect(one.json().items.map((i: RequestSummary) => i.id)).toEqual([open.id]);
      });

      it('audits every read of a request, never the queue', async () => {
        const row = await create();
        const countViews = async () => (await t.db.selectFrom('audit_events').select('actor_id').where('entity_id', '=', row.id).where('action', '=', 'request.viewed').execute()).length;
        await queue(desk, { q: row.reference });
        expect(await countViews()).toBe(0);
        await desk.get(`/api/requests/${row.id}`);
        expect(await countViews()).toBe(1);
      });

      it('refuses nonsense query values with 400', async () => {
        expect((await desk.get('/api/requests', { query: { limit: '5000' } })).statusCode).toBe(400);
        expect((await desk.get('/api/requests', { query: { kind: 'letter' } })).statusCode).toBe(400);
      });
    });

    describe('claims', () => {
      it('has exactly one winner among simultaneous claimers, round after round', async () => {
        const claimers: { agent: Agent; staff: TestStaff }[] = [{ agent: desk, staff: sam }, { agent: desk2, staff: jo }];
        for (let i = 0; i < 6; i++) {
          const staff = await createStaff(t.db, { role: 'receptionist', centreIds: [riverside], name: `Claimer ${i}` });
          claimers.push({ agent: await signIn(t.app, staff.email, staff.password), staff });
        }
        const rounds = 50;
        for (let round = 0; round < rounds; round++) {
          const row = await create({ name: `Race ${round}` });
          const n = 2 + (round % 7);
          const contenders = claimers.slice(0, n);
          const answers = await Promise.all(contenders.map((c) => c.agent.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(1))));
          const codes = answers.map((a) => a.statusCode);
          expect(codes.filter((c) => c === 200).length).withContext(`round ${round}: ${codes}`).toBe(1);
          expect(codes.filter((c) => c !== 200 && c !== 409).length).withContext(`round ${round}: ${codes}`).toBe(0);
          const winner = contenders[codes.indexOf(200)]!;
          const losers = answers.filter((a) => a.statusCode === 409);
          for (const loser of losers) {
            expect(loser.json().error.code).toBe('held');
            expect(loser.json().error.message).toContain(winner.staff.name);
          }
          const stored = await t.db.selectFrom('requests').select(['holder_id', 'version']).where('id', '=', row.id).executeTakeFirstOrThrow();
          expect(stored.holder_id).toBe(winner.staff.id);
          expect(Number(stored.version)).toBe(2);
          const history = await t.db.selectFrom('request_history').select('action').where('request_id', '=', row.id).where('action', '=', 'claimed').execute();
          expect(history.length).toBe(1);
        }
      }, 120_000);

      it('tells the second claimer who holds it, until the claim lapses', async () => {
        const row = await create();
        const claim = await desk.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(1));
        expect(claim.statusCode).toBe(200);
        expect(claim.json()).toEqual(jasmine.objectContaining({ status: 'in-progress', holder: { id: sam.id, name: 'Sam Patel' } }));
        expect(claim.json().holdExpiresAt > claim.json().heldAt).toBeTrue();
        const second = await desk2.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(2));
        expect(second.statusCode).toBe(409);
        expect(second.json().error).toEqual(jasmine.objectContaining({ code: 'held' }));
        expect(second.json().error.message).toContain('Sam Patel');
        // Others cannot log calls on it either.
        const attempt = await desk2.post(`/api/requests/${row.id}/attempts`, { outcome: 'no-answer' }, ifMatch(2));
        expect(attempt.statusCode).toBe(409);

        // Idle past the centre's claimIdleMinutes: the claim lapses and Jo can take it.
        await t.db.updateTable('requests').set({ hold_expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', row.id).execute();
        const lapsed = await detail(desk2, row.id);
        expect(lapsed.holder).toBeNull();
        const taken = await desk2.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(2));
        expect(taken.statusCode).toBe(200);
        expect(taken.json().holder.id).toBe(jo.id);
        const claimed = (taken.json() as RequestDetail).history.filter((h) => h.action === 'claimed');
        expect(claimed[1]!.detail).toEqual({ lapsedFrom: sam.id });
      });

      it('releases: the holder or a manager, never a colleague', async () => {
        const row = await create();
        await desk.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(1));
        expect((await desk2.post(`/api/requests/${row.id}/release`, undefined, ifMatch(2))).statusCode).toBe(409);
        const released = await desk.post(`/api/requests/${row.id}/release`, undefined, ifMatch(2));
        expect(released.statusCode).toBe(200);
        expect(released.json()).toEqual(jasmine.objectContaining({ holder: null, status: 'new', version: 3 }));
        await desk2.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(3));
        expect((await boss.post(`/api/requests/${row.id}/release`, undefined, ifMatch(4))).statusCode).toBe(200);
      });
    });

    describe('versions', () => {
      it('needs If-Match on every write (428) and refuses a stale one (412)', async () => {
        const row = await create();
        const writes: [string, unknown][] = [
          [`/api/requests/${row.id}/claim`, undefined],
          [`/api/requests/${row.id}/release`, undefined],
          [`/api/requests/${row.id}/attempts`, { outcome: 'no-answer' }],
          [`/api/requests/${row.id}/acknowledge-flags`, undefined],
          [`/api/requests/${row.id}/close`, { outcome: 'advice-given' }],
          [`/api/requests/${row.id}/reopen`, undefined],
          [`/api/requests/${row.id}/link-patient`, { patientId: null }],
        ];
        for (const [url, body] of writes) {
          expect((await desk.post(url, body as Record<string, unknown>)).statusCode).withContext(url).toBe(428);
        }
        const edit = { kind: 'callback', name: 'Jane Doe', phone: '07700 900123', message: 'x', centreId: riverside };
        expect((await desk.put(`/api/requests/${row.id}`, edit)).statusCode).toBe(428);
        expect((await boss.post(`/api/requests/${row.id}/restore`)).statusCode).toBe(428);
        expect((await boss.post(`/api/requests/${row.id}/reassign`, { staffId: sam.id })).statusCode).toBe(428);

        const fresh = await desk.get(`/api/requests/${row.id}`);
        expect(fresh.headers['etag']).toBe('"1"');
        expect((await desk.post(`/api/requests/${row.id}/attempts`, { outcome: 'voicemail' }, ifMatch(1))).statusCode).toBe(201);
        for (const [url, body] of writes) {
          expect((await desk.post(url, body as Record<string, unknown>, ifMatch(1))).statusCode).withContext(url).toBe(412);
        }
        expect((await desk.put(`/api/requests/${row.id}`, edit, ifMatch(1))).statusCode).toBe(412);
        const current = await detail(desk, row.id);
        expect(current.version).toBe(2);
        expect(current.attemptCount).toBe(1);
      });

      it('edits contact details, screens the new message again and records what changed', async () => {
        const row = await create({ name: 'Pat Quinn', phone: '07700 900555' });
        const res = await desk.put(`/api/requests/${row.id}`, {
          kind: 'callback', name: 'Pat Quinn', phone: '+44 7700 900556', email: '', centreId: riverside,
          message: 'Since the fall my back hurts and I have chest pain', preferredTime: 'evening',
        }, ifMatch(1));
        expect(res.statusCode).withContext(res.body).toBe(200);
        const saved = res.json<RequestDetail>();
        expect(saved.phoneE164).toBe('+447700900556');
        expect(saved.email).toBeNull();
        expect(saved.priority).toBe('emergency');
        expect(saved.preferences.preferredTime).toBe('evening');
        const edited = saved.history.find((h) => h.action === 'edited')!;
        expect(Object.keys(edited.detail['changes'] as object).sort()).toEqual(['email', 'phone', 'preferences']);
        expect(edited.detail['messageChanged']).toBeTrue();
        expect(edited.actor).toEqual({ id: sam.id, name: 'Sam Patel' });

        const bad = await desk.put(`/api/requests/${row.id}`, { kind: 'callback', name: 'Pat', phone: '', message: '', centreId: hillview }, ifMatch(saved.version));
        expect(bad.statusCode).toBe(400);
        expect(Object.keys(bad.json().error.fields).sort()).toEqual(['centreId', 'phone']);
      });
    });

    describe('staff-entered requests', () => {
      it('adds a phone request for the user\'s centre, screened and matched', async () => {
        const first = await desk.post('/api/requests', {
          kind: 'callback', source: 'phone', name: 'Olive Grant', phone: '01865 555 777', message: 'Rang about her neck.', centreId: riverside, preferredTime: 'afternoon',
        });
        expect(first.statusCode).withContext(first.body).toBe(201);
        expect(first.json()).toEqual(jasmine.objectContaining({ source: 'phone', status: 'new', createdBy: { id: sam.id, name: 'Sam Patel' }, version: 1 }));
        expect(first.headers['etag']).toBe('"1"');
        const second = await desk.post('/api/requests', {
          kind: 'appointment', source: 'walk-in', name: 'Olive Grant', phone: '+441865555777', message: 'Walked in to book.', centreId: riverside,
          preferredDays: ['mon'], preferredTimeOfDay: 'morning', newPatient: false,
        });
        expect(second.statusCode).toBe(201);
        const body = second.json<RequestDetail>();
        expect(body.match).toEqual({ kind: 'possible-duplicate', count: 1 });
        expect(body.matches.requests.map((r) => r.id)).toEqual([first.json().id]);
        expect(body.matches.requests[0]!.reasons).toContain('same-phone');

        const elsewhere = await desk.post('/api/requests', { kind: 'callback', source: 'phone', name: 'X', phone: '01865 555 778', message: '', centreId: hillview });
        expect(elsewhere.statusCode).toBe(400);
        expect(elsewhere.json().error.fields.centreId).toBeDefined();
      });

      it('matches an existing patient by phone', async () => {
        const now = nowIso();
        const patientId = newId();
        await t.db.insertInto('patients').values({
          id: patientId, centre_id: riverside, given_name: 'Harriet', family_name: 'Vane', name_norm: 'harriet vane', date_of_birth: '1970-01-31',
          phone: '07700 900999', phone_e164: '+447700900999', email: '', email_norm: null, address: '', gp_practice: '', nhs_number: null,
          large_print: 0, language: null, communication_other: null, contact_consent: 1, merged_into: null, merged_at: null,
          anonymised_at: null, anonymised_reason: null, anonymised_by: null, version: 1, created_at: now, updated_at: now,
        } as never).execute();
        const row = await create({ name: 'Mrs Harriet Vane', phone: '+44 7700 900999' });
        expect(row.match_kind).toBe('existing-patient');
        const seen = await detail(desk, row.id);
        expect(seen.matches.patients).toEqual([jasmine.objectContaining({ id: patientId, name: 'Harriet Vane', dateOfBirth: '1970-01-31', match: 'existing-patient' })]);
        expect((await hillDesk.get(`/api/requests/${row.id}`)).statusCode).toBe(404);

        const linked = await desk.post(`/api/requests/${row.id}/link-patient`, { patientId }, ifMatch(1));
        expect(linked.statusCode).toBe(200);
        expect(linked.json().patientId).toBe(patientId);
        expect((await desk.post(`/api/requests/${row.id}/link-patient`, { patientId: MISSING_ID }, ifMatch(2))).statusCode).toBe(400);
        const unlinked = await desk.post(`/api/requests/${row.id}/link-patient`, { patientId: null }, ifMatch(2));
        expect(unlinked.json().patientId).toBeNull();
        expect(unlinked.json().history.map((h: { action: string }) => h.action)).toEqual(['created', 'patient-linked', 'patient-unlinked']);
      });
    });

    describe('attempts, flags and outcomes', () => {
      it('sets first contact on the first attempt and suggests closing after three failed ones', async () => {
        const row = await create();
        let version = 1;
        const log = async (outcome: string, extra: Record<string, unknown> = {}) => {
          const res = await desk.post(`/api/requests/${row.id}/attempts`, { outcome, note: `tried: ${outcome}`, ...extra }, ifMatch(version));
          expect(res.statusCode).withContext(res.body).toBe(201);
          version = res.json().version;
          return res.json<RequestDetail>();
        };
        const first = await log('no-answer');
        expect(first.firstContactAt).toBeTruthy();
        expect(first.attemptCount).toBe(1);
        expect(first.holder?.id).toBe(sam.id);
        expect(first.status).toBe('in-progress');
        const next = new Date(Date.now() + 3_600_000).toISOString();
        const second = await log('voicemail', { nextAttemptAt: next });
        expect(second.nextAttemptAt).toBe(next);
        expect(second.firstContactAt).toBe(first.firstContactAt);
        expect(second.suggestClose).toBeFalse();
        const third = await log('wrong-number');
        expect(third.suggestClose).toBeTrue();
        expect(third.attempts.map((a) => a.outcome)).toEqual(['no-answer', 'voicemail', 'wrong-number']);
        expect(third.attempts[0]!.staff).toEqual({ id: sam.id, name: 'Sam Patel' });
        const spoke = await log('spoke');
        expect(spoke.suggestClose).toBeFalse();

        const bad = await desk.post(`/api/requests/${row.id}/attempts`, { outcome: 'no-answer', at: new Date(Date.now() + 86_400_000).toISOString() }, ifMatch(version));
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error.fields.at).toBeDefined();
        expect((await desk.post(`/api/requests/${row.id}/attempts`, { outcome: 'hung-up' }, ifMatch(version))).statusCode).toBe(400);
      });

      it('needs red flags acknowledged explicitly', async () => {
        const row = await create({ message: 'My face is drooping on one side and my speech is slurred' });
        const before = await detail(desk, row.id);
        expect(before.priority).toBe('emergency');
        expect(before.flagsAcknowledged).toBeFalse();
        // Working on it does not acknowledge anything.
        const claimed = await desk.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(1));
        expect(claimed.json().flagsAcknowledged).toBeFalse();
        // Anyone at the desk may acknowledge, even while a colleague holds it.
        const ack = await desk2.post(`/api/requests/${row.id}/acknowledge-flags`, undefined, ifMatch(2));
        expect(ack.statusCode).toBe(200);
        expect(ack.json()).toEqual(jasmine.objectContaining({ flagsAcknowledged: true, flagsAcknowledgedBy: { id: jo.id, name: 'Jo Evans' } }));
        const plain = await create();
        expect((await desk.post(`/api/requests/${plain.id}/acknowledge-flags`, undefined, ifMatch(1))).json().error.code).toBe('no_flags');
      });

      it('applies the outcome rules, reopens, and keeps every change in the history', async () => {
        const row = await create();
        const original = await create({ name: 'Jane Doe again' });
        const otherCentre = await create({ centreId: hillview });
        await desk.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(1));
        await desk.post(`/api/requests/${row.id}/attempts`, { outcome: 'spoke' }, ifMatch(2));

        const booked = await desk.post(`/api/requests/${row.id}/close`, { outcome: 'booked' }, ifMatch(3));
        expect(booked.statusCode).toBe(400);
        expect(booked.json().error.fields.appointmentId).toBeDefined();
        const noOriginal = await desk.post(`/api/requests/${row.id}/close`, { outcome: 'duplicate' }, ifMatch(3));
        expect(noOriginal.json().error.fields.duplicateOf).toBeDefined();
        const self = await desk.post(`/api/requests/${row.id}/close`, { outcome: 'duplicate', duplicateOf: row.id }, ifMatch(3));
        expect(self.statusCode).toBe(400);
        const cross = await desk.post(`/api/requests/${row.id}/close`, { outcome: 'duplicate', duplicateOf: otherCentre.id }, ifMatch(3));
        expect(cross.statusCode).toBe(400);
        expect((await desk.post(`/api/requests/${row.id}/close`, { outcome: 'lost' }, ifMatch(3))).statusCode).toBe(400);

        const closed = await desk.post(`/api/requests/${row.id}/close`, { outcome: 'duplicate', duplicateOf: original.id, note: 'Same person, rang twice' }, ifMatch(3));
        expect(closed.statusCode).withContext(closed.body).toBe(200);
        expect(closed.json()).toEqual(jasmine.objectContaining({
          status: 'closed', outcome: 'duplicate', duplicateOf: { id: original.id, reference: original.reference }, outcomeNote: 'Same person, rang twice',
          holder: null, closedBy: { id: sam.id, name: 'Sam Patel' },
        }));
        expect((await desk.post(`/api/requests/${row.id}/attempts`, { outcome: 'spoke' }, ifMatch(4))).json().error.code).toBe('closed');
        expect((await desk.post(`/api/requests/${row.id}/close`, { outcome: 'spam' }, ifMatch(4))).json().error.code).toBe('closed');

        const reopened = await desk2.post(`/api/requests/${row.id}/reopen`, undefined, ifMatch(4));
        expect(reopened.statusCode).toBe(200);
        expect(reopened.json()).toEqual(jasmine.objectContaining({ status: 'in-progress', outcome: null, duplicateOf: null }));
        expect((await desk2.post(`/api/requests/${row.id}/reopen`, undefined, ifMatch(5))).json().error.code).toBe('not_closed');

        for (const outcome of ['advice-given', 'sent-to-gp', 'sent-to-111', 'sent-to-999', 'not-interested', 'unable-to-contact', 'spam']) {
          const r = await create();
          const res = await desk.post(`/api/requests/${r.id}/close`, { outcome }, ifMatch(1));
          expect(res.statusCode).withContext(outcome).toBe(200);
          expect(res.json().outcome).toBe(outcome);
        }

        const history = (await detail(desk, row.id)).history;
        expect(history.map((h) => h.action)).toEqual(['created', 'claimed', 'attempt-logged', 'closed', 'reopened']);
        expect(history[3]!.detail).toEqual(jasmine.objectContaining({ outcome: 'duplicate', duplicateOf: original.id }));
        expect(history[4]!.actor).toEqual({ id: jo.id, name: 'Jo Evans' });

        const audit = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', row.id).orderBy('seq').execute();
        expect(audit.map((a) => a.action)).toEqual(['request.claimed', 'request.attempt-logged', 'request.closed', 'request.reopened', 'request.viewed']);
      });

      it('closes as booked with an appointment of the same centre', async () => {
        const row = await create();
        const now = nowIso();
        const patientId = newId();
        await t.db.insertInto('patients').values({
          id: patientId, centre_id: riverside, given_name: 'Booked', family_name: 'Person', name_norm: 'booked person', date_of_birth: '1980-05-05',
          phone: '', phone_e164: null, email: '', email_norm: null, address: '', gp_practice: '', nhs_number: null,
          large_print: 0, language: null, communication_other: null, contact_consent: 1, merged_into: null, merged_at: null,
          anonymised_at: null, anonymised_reason: null, anonymised_by: null, version: 1, created_at: now, updated_at: now,
        } as never).execute();
        // The diary fixtures are the diary suite's business; here one appointment row is enough.
        let typeId = (await t.db.selectFrom('appointment_types').select('id').executeTakeFirst())?.id;
        if (!typeId) {
          typeId = newId();
          await t.db.insertInto('appointment_types').values({ id: typeId, name: `Exam ${typeId}`, minutes: 45, new_patient: 1, active: 1, version: 1, created_at: now, updated_at: now } as never).execute();
        }
        const appointmentId = newId();
        await t.db.insertInto('appointments').values({
          id: appointmentId, centre_id: riverside, clinician_id: sam.id, patient_id: patientId, type_id: typeId, start_at: now, end_at: new Date(Date.now() + 45 * 60_000).toISOString(),
          status: 'booked', request_id: row.id, cancel_reason: null, created_by: sam.id, version: 1, created_at: now, updated_at: now,
        } as never).execute();
        const res = await desk.post(`/api/requests/${row.id}/close`, { outcome: 'booked', appointmentId }, ifMatch(1));
        expect(res.statusCode).withContext(res.body).toBe(200);
        expect(res.json()).toEqual(jasmine.objectContaining({ outcome: 'booked', appointmentId, patientId }));
        const elsewhere = await create({ centreId: hillview });
        const refused = await boss.post(`/api/requests/${elsewhere.id}/close`, { outcome: 'booked', appointmentId }, ifMatch(1));
        expect(refused.statusCode).toBe(400);
      });
    });

    if (engine === 'postgres') {
      it('has one winner across two API instances, and the other instance hears the change', async () => {
        const second = await createTestApp(t.testDb);
        try {
          const received: LiveEvent[] = [];
          const unsubscribe = second.app.events.subscribe((e) => received.push(e));
          const deskOnSecond = new Agent(second.app);
          for (const [name, value] of desk2.cookies) deskOnSecond.cookies.set(name, value);
          for (let round = 0; round < 20; round++) {
            const row = await create({ name: `Cross ${round}` });
            const answers = await Promise.all([
              desk.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(1)),
              deskOnSecond.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(1)),
            ]);
            expect(answers.map((a) => a.statusCode).sort()).withContext(`round ${round}`).toEqual([200, 409]);
          }
          await new Promise((r) => setTimeout(r, 500));
          unsubscribe();
          expect(received.filter((e) => e.type === 'request.changed').length).toBe(20);
        } finally {
          await second.close();
        }
      }, 60_000);
    }

    describe('live events', () => {
      it('publishes request.changed after each change, with the new version', async () => {
        const row = await create();
        const events: LiveEvent[] = [];
        const unsubscribe = t.app.events.subscribe((e) => events.push(e));
        await desk.post(`/api/requests/${row.id}/claim`, undefined, ifMatch(1));
        await desk.post(`/api/requests/${row.id}/attempts`, { outcome: 'no-answer' }, ifMatch(2));
        await desk.post(`/api/requests/${row.id}/close`, { outcome: 'unable-to-contact' }, ifMatch(3));
        // A refused write publishes nothing.
        await desk.post(`/api/requests/${row.id}/close`, { outcome: 'spam' }, ifMatch(3));
        await new Promise((r) => setTimeout(r, engine === 'postgres' ? 300 : 10));
        unsubscribe();
        const mine = events.filter((e) => e.id === row.id);
        expect(mine.map((e) => [e.type, e.version, e.centreId])).toEqual([
          ['request.changed', 2, riverside], ['request.changed', 3, riverside], ['request.changed', 4, riverside],
        ]);
      });

      it('publishes request.created for a staff-entered request', async () => {
        const events: LiveEvent[] = [];
        const unsubscribe = t.app.events.subscribe((e) => events.push(e));
        const res = await desk.post('/api/requests', { kind: 'callback', source: 'walk-in', name: 'Live One', phone: '07700 900321', message: '', centreId: riverside });
        await new Promise((r) => setTimeout(r, engine === 'postgres' ? 300 : 10));
        unsubscribe();
        expect(events).toContain(jasmine.objectContaining({ type: 'request.created', id: res.json().id, centreId: riverside, version: 1 }));
      });
    });
  });
}
