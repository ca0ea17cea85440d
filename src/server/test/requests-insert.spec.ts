import {
  claimRequest, findRequestRow, inTransaction, insertRequest, listQueue, type NewRequestInput, queueFilter, queuePageQuery, toSummary,
} from '../db/repositories/requests';
import { createCentre, createStaff, createTestDb, ENGINES, type TestDb } from './helpers/test-app';

/*
 * insertRequest answers with the row it built instead of reading it back (one statement fewer on
 * every arrival); this holds it to what a read returns, so a column added later cannot go missing.
 */
for (const engine of ENGINES) {
  describe(`a new request's row (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => { t = await createTestDb(engine); });
    afterAll(async () => t.close());

    const input = (overrides: Partial<NewRequestInput>): NewRequestInput => ({
      kind: 'callback', source: 'phone', centreId: null, name: ' Ada Lovelace ', phone: '07700 900123', email: 'ADA@example.com',
      message: 'Sharp pain in my lower back since Monday', preferences: { preferredTime: null, preferredDays: [], preferredTimeOfDay: null, newPatient: null },
      consent: true, ...overrides,
    });

    it('is the row as stored, with its centre name, with or without the centre passed in', async () => {
      const centre = await createCentre(t.db);
      for (const overrides of [{ centreId: centre.id }, { centreId: centre.id, centre }, { centreId: null }, { centreId: null, quarantineReason: 'honeypot' as const }]) {
        const created = await inTransaction(t.db, (trx) => insertRequest(trx, input(overrides)));
        const stored = await findRequestRow(t.db, created.id);
        expect(created).withContext(JSON.stringify(overrides)).toEqual({ ...stored!, version: Number(stored!.version) } as typeof created);
        const history = await t.db.selectFrom('request_history').select(['seq', 'action']).where('request_id', '=', created.id).orderBy('seq').execute();
        expect(history.map((h) => [Number(h.seq), h.action])).toEqual(overrides.quarantineReason ? [[1, 'created'], [2, 'quarantined']] : [[1, 'created']]);
      }
    });

    it("is shown in the queue as from the whole row, though the queue's page reads only the columns a queue row shows", async () => {
      const centre = await createCentre(t.db);
      const holder = await createStaff(t.db, { role: 'receptionist', centreIds: [centre.id] });
      const created = await inTransaction(t.db, (trx) => insertRequest(trx, input({ centreId: centre.id, name: 'Queue Shape', message: 'Numb leg and cannot pass water since this morning' })));
      expect(await claimRequest(t.db, created.id, 1, holder.id, 15)).toBeTrue();
      const now = new Date().toISOString();
      const page = await listQueue(t.db, { q: 'Queue Shape' }, { userId: holder.id }, now);
      expect(page.items).toEqual([toSummary((await findRequestRow(t.db, created.id))!, now)]);
      expect(page.items[0]!.holder?.name).toBe(holder.name);
      expect(page.items[0]!.redFlags.length).toBeGreaterThan(0);
      const sql = queuePageQuery(t.db, queueFilter({}, { userId: holder.id }, now), {}).compile().sql;
      expect(sql).not.toContain('"requests".*');
      expect(sql).not.toContain('"matches"');
    });
  });
}
