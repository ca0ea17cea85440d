import { findRequestRow, inTransaction, insertRequest, type NewRequestInput } from '../db/repositories/requests';
import { createCentre, createTestDb, ENGINES, type TestDb } from './helpers/test-app';

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
  });
}
