import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { withNamedStatements, withRowBuilder, withStatementCache } from '../db/connect';
import { TEST_DATABASE_URL } from './helpers/test-app';

describe('the SQLite statement cache (withStatementCache)', () => {
  let sqlite: SqliteDatabase.Database;
  let prepared: string[];

  beforeEach(() => {
    sqlite = new SqliteDatabase(':memory:');
    sqlite.exec('create table t (id integer primary key, name text)');
    const insert = sqlite.prepare('insert into t (id, name) values (?, ?)');
    for (let i = 1; i <= 5; i++) insert.run(i, `row ${i}`);
    prepared = [];
    const prepare = sqlite.prepare.bind(sqlite);
    spyOn(sqlite, 'prepare').and.callFake(((text: string) => { prepared.push(text); return prepare(text); }) as never);
  });
  afterEach(() => { if (sqlite.open) sqlite.close(); });

  it('compiles a statement once and binds each run\'s own parameters', () => {
    const db = withStatementCache(sqlite);
    const text = 'select name from t where id = ?';
    expect(db.prepare(text).all([2])).toEqual([{ name: 'row 2' }]);
    expect(db.prepare(text).all([4])).toEqual([{ name: 'row 4' }]);
    expect(db.prepare(text)).toBe(db.prepare(text));
    expect(prepared).toEqual([text]);
  });

  it('keeps at most its size, dropping the least recently used', () => {
    const db = withStatementCache(sqlite, 2);
    const a = 'select 1 as n';
    const b = 'select 2 as n';
    const c = 'select 3 as n';
    db.prepare(a);
    db.prepare(b);
    db.prepare(a); // a is now the most recently used: c pushes b out
    db.prepare(c);
    db.prepare(a);
    expect(prepared).toEqual([a, b, c]);
    db.prepare(b);
    expect(prepared).toEqual([a, b, c, b]);
  });

  it('hands a statement that is still being iterated to nobody else', () => {
    const db = withStatementCache(sqlite);
    const text = 'select id from t order by id';
    const first = db.prepare(text);
    const seen: number[] = [];
    for (const row of first.iterate([]) as Iterable<{ id: number }>) {
      seen.push(row.id);
      if (row.id === 2) {
        const second = db.prepare(text);
        expect(second).not.toBe(first);
        expect((second.all([]) as { id: number }[]).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
      }
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(db.prepare(text)).toBe(first);
  });

  it('serves Kysely: writes, reads and transactions see each other, and destroy closes the file', async () => {
    const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    for (const id of [6, 7]) await db.insertInto('t').values({ id, name: `row ${id}` }).execute();
    await expectAsync(db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 8, name: 'row 8' }).execute();
      throw new Error('roll back');
    })).toBeRejectedWithError('roll back');
    const count = async () => Number((await sql<{ n: number }>`select count(*) as n from t`.execute(db)).rows[0]!.n);
    expect(await count()).toBe(7);
    expect(await count()).toBe(7);
    await db.destroy();
    expect(sqlite.open).toBeFalse();
  });
});

describe('SQLite rows built from arrays (withRowBuilder)', () => {
  let sqlite: SqliteDatabase.Database;
  beforeEach(() => {
    sqlite = new SqliteDatabase(':memory:');
    sqlite.exec("create table t (id integer primary key, name text, note text, score real, data blob); insert into t values (1, 'one', null, 1.5, x'0102'), (2, 'two', 'b', -2, null)");
  });
  afterEach(() => sqlite.close());

  for (const text of [
    'select * from t order by id',
    'select id, name as label, note, id * 2 as twice from t order by id desc',
    'select t.name, u.name from t join t as u on u.id = t.id', // a repeated name keeps its last value, as better-sqlite3's objects do
    "select 1 as \"a b\", 'x' as \"quote\"\"d\"",
  ]) {
    it(`reads the same rows as better-sqlite3's own objects: ${text}`, () => {
      const expected = sqlite.prepare(text).all();
      const built = withRowBuilder(sqlite.prepare(text));
      expect(built.all([])).toEqual(expected);
      expect([...built.iterate([])]).toEqual(expected);
      expect(Object.keys(built.all([])[0] as object)).toEqual(Object.keys(expected[0] as object));
    });
  }

  it('binds each run\'s own parameters and leaves writes as they are, RETURNING rows included', () => {
    const byId = withRowBuilder(sqlite.prepare('select name from t where id = ?'));
    expect([byId.all([1]), byId.all([2])]).toEqual([[{ name: 'one' }], [{ name: 'two' }]]);
    const insert = withRowBuilder(sqlite.prepare("insert into t (id, name) values (?, ?)"));
    expect(insert.run([3, 'three']).changes).toBe(1);
    const returning = withRowBuilder(sqlite.prepare("insert into t (id, name) values (?, ?) returning id, name"));
    expect(returning.all([4, 'four'])).toEqual([{ id: 4, name: 'four' }]);
  });
});

// Only where the suite has a PostgreSQL to run against (TEST_DATABASE_URL, as in CI).
if (TEST_DATABASE_URL) describe('PostgreSQL named statements (withNamedStatements)', () => {
  let pool: pg.Pool;
  let db: Kysely<{ t: { id: number; name: string } }>;

  beforeEach(async () => {
    // One connection, so every query below runs in the same server session.
    pool = new pg.Pool({ connectionString: TEST_DATABASE_URL!, max: 1 });
    db = new Kysely({ dialect: new PostgresDialect({ pool: withNamedStatements(pool, 2) }) });
    await sql`create temporary table t (id integer primary key, name text); insert into t values (1, 'one'), (2, 'two'), (3, 'three')`.execute(db);
  });
  afterEach(async () => db.destroy());

  const prepared = async () => (await sql<{ statement: string }>`select statement from pg_prepared_statements order by prepare_time`.execute(db)).rows.map((r) => r.statement);
  const nameOf = (id: number) => db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirstOrThrow();
  const idOf = (name: string) => db.selectFrom('t').select('id').where('name', '=', name).executeTakeFirstOrThrow();

  it('parses a query with parameters once per connection and binds each run\'s own values', async () => {
    expect(await nameOf(1)).toEqual({ name: 'one' });
    expect(await nameOf(3)).toEqual({ name: 'three' });
    // The catalogue query itself has no parameters, so it is not kept.
    expect(await prepared()).toEqual(['select "name" from "t" where "id" = $1']);
  });

  it('keeps at most its size, deallocating the least recently used, and prepares it again when it comes back', async () => {
    await nameOf(1);
    await idOf('two');
    await db.selectFrom('t').select('id').where('id', '>', 1).execute(); // evicts the first
    expect((await prepared()).length).toBe(2);
    expect(await prepared()).not.toContain('select "name" from "t" where "id" = $1');
    expect(await nameOf(2)).toEqual({ name: 'two' }); // evicts idOf's, and runs correctly under a new name
    expect(await idOf('three')).toEqual({ id: 3 });
    expect((await prepared()).length).toBe(2);
  });

  it('survives a failed transaction that evicts a statement: nothing clashes afterwards', async () => {
    await nameOf(1);
    await idOf('one');
    await db.transaction().execute(async (trx) => {
      await sql`select 1/0`.execute(trx).catch(() => undefined); // the transaction is now aborted
      await trx.selectFrom('t').select('id').where('id', '<', 9).execute().catch(() => undefined); // evicts; its DEALLOCATE fails
    }).catch(() => undefined);
    expect(await nameOf(3)).toEqual({ name: 'three' });
    expect(await idOf('two')).toEqual({ id: 2 });
    expect(await db.selectFrom('t').select('id').where('id', '<', 9).orderBy('id').execute()).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });
});
