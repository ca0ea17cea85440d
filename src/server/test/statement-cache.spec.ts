import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { withStatementCache } from '../db/connect';

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
