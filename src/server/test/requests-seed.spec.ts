import { seedDemo } from '../cli/seed-demo';
import { listQueue } from '../db/repositories/requests';
import { createTestDb, ENGINES, type TestDb } from './helpers/test-app';

for (const engine of ENGINES) {
  describe(`requests demo data (${engine})`, () => {
    let testDb: TestDb;
    beforeAll(async () => {
      testDb = await createTestDb(engine);
      await seedDemo(testDb.db);
    }, 120_000);
    afterAll(() => testDb.close());

    it('has several hundred requests of both kinds at both centres over 60 days, with every outcome', async () => {
      const rows = await testDb.db.selectFrom('requests').selectAll().execute();
      expect(rows.length).toBeGreaterThan(300);
      const now = new Date().toISOString();
      const oldest = rows.reduce((min, r) => (r.received_at < min ? r.received_at : min), now);
      expect(Date.now() - Date.parse(oldest)).toBeGreaterThan(55 * 86_400_000);
      expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['callback', 'appointment']));
      expect(new Set(rows.map((r) => r.centre_id)).size).toBeGreaterThanOrEqual(2);
      const outcomes = new Set(rows.map((r) => r.outcome).filter(Boolean));
      for (const outcome of ['booked', 'advice-given', 'sent-to-gp', 'sent-to-111', 'sent-to-999', 'not-interested', 'unable-to-contact', 'duplicate', 'spam']) {
        expect(outcomes.has(outcome)).withContext(outcome).toBeTrue();
      }
      expect(rows.filter((r) => r.priority === 'emergency').length).toBeGreaterThan(3);
      expect(rows.filter((r) => r.priority === 'urgent').length).toBeGreaterThan(10);
      const open = rows.filter((r) => r.status !== 'closed' && r.quarantined === 0);
      expect(open.filter((r) => r.due_at < now).length).withContext('overdue').toBeGreaterThan(0);
      expect(open.filter((r) => r.holder_id && r.hold_expires_at! > now).length).withContext('held now').toBeGreaterThan(0);
      expect(rows.filter((r) => r.quarantined === 1).length).toBeGreaterThanOrEqual(5);
      expect(rows.filter((r) => Number(r.attempt_count) > 0).length).toBeGreaterThan(100);
      expect(rows.filter((r) => r.match_kind !== null).length).toBeGreaterThan(0);
      // Booked requests point at a real appointment of the same centre.
      for (const booked of rows.filter((r) => r.outcome === 'booked')) {
        const appointment = await testDb.db.selectFrom('appointments').select(['centre_id', 'request_id']).where('id', '=', booked.appointment_id!).executeTakeFirst();
        expect(appointment?.centre_id).toBe(booked.centre_id!);
        expect(appointment?.request_id).toBe(booked.id);
      }
    });

    it('reads back through the queue', async () => {
      const page = await listQueue(testDb.db, { limit: 50 }, { userId: 'nobody' });
      expect(page.total).toBeGreaterThan(10);
      expect(page.items[0]!.priority).toBe('emergency');
    });
  });
}
