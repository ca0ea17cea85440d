import { sql } from 'kysely';
import { migrateDownAll, migrateToLatest, migrations } from '../db/migrate';
import { createTestDb, ENGINES, type TestDb } from './helpers/test-app';

const FOUNDATION_TABLES = ['audit_events', 'audit_head', 'centres', 'login_throttle', 'sessions', 'settings', 'staff', 'staff_centres'];

/** The application's tables in this test database (on PostgreSQL, in its own schema only). */
async function appTables(t: TestDb): Promise<string[]> {
  const tables = await t.db.introspection.getTables();
  return tables.filter((table) => !t.schema || table.schema === t.schema)
    .map((table) => table.name).filter((name) => !name.startsWith('kysely_')).sort();
}

for (const engine of ENGINES) {
  describe(`migrations (${engine})`, () => {
    let t: TestDb;
    beforeEach(async () => {
      t = await createTestDb(engine, { migrate: false });
    });
    afterEach(() => t.close());

    it('creates every foundation table on an empty database', async () => {
      expect(await appTables(t)).toEqual([]);
      await migrateToLatest(t.db);
      expect(await appTables(t)).toEqual(jasmine.arrayContaining(FOUNDATION_TABLES));
      const applied = await t.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
      expect(applied.map((row) => (row as { name: string }).name)).toEqual(Object.keys(migrations));
    });

    it('is a no-op when run again, as at every start', async () => {
      await migrateToLatest(t.db);
      await t.db.insertInto('settings').values({ key: 'k', value: '1', version: 1, updated_at: new Date().toISOString() }).execute();
      await migrateToLatest(t.db);
      expect((await t.db.selectFrom('settings').selectAll().execute()).length).toBe(1);
    });

    it('goes down to nothing and back up again', async () => {
      await migrateToLatest(t.db);
      const tables = await appTables(t);
      await migrateDownAll(t.db);
      expect(await appTables(t)).toEqual([]);
      if (engine === 'postgres') {
        // The trigger function lives outside the table, so "down" must drop it explicitly.
        const fns = await sql<{ n: number }>`select count(*)::int as n from pg_proc p join pg_namespace ns on ns.oid = p.pronamespace
          where ns.nspname = current_schema() and p.proname = 'audit_events_append_only'`.execute(t.db);
        expect(fns.rows[0]!.n).toBe(0);
      }
      expect(tables).toEqual(jasmine.arrayContaining(FOUNDATION_TABLES));
      await migrateToLatest(t.db);
      expect(await appTables(t)).toEqual(tables);
      const head = await t.db.selectFrom('audit_head').selectAll().execute();
      expect(head).toEqual([{ id: 1, seq: 0, hash: '0'.repeat(64) }]);
    });
  });
}

if (ENGINES.includes('postgres')) {
  describe('migrations (postgres, several schemas in one database)', () => {
    it('migrates a schema even when another schema of the database is already migrated', async () => {
      // Kysely looks for its migration table in every schema unless told which one to use.
      const first = await createTestDb('postgres');
      try {
        const second = await createTestDb('postgres');
        try {
          expect(await appTables(second)).toEqual(await appTables(first));
        } finally {
          await second.close();
        }
      } finally {
        await first.close();
      }
    });
  });
}
