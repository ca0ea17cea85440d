import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { main as auditVerifyMain, auditVerify } from '../cli/audit-verify';
import { backupSqlite, main as backupMain } from '../cli/backup';
import { createUser, main as createUserMain } from '../cli/create-user';
import { restoreSqlite, main as restoreMain } from '../cli/restore';
import { captureCli } from '../cli/run';
import { connect, sqliteFilePath } from '../db/connect';
import type { Db } from '../db/database';
import { appendAudit, verifyAuditChain } from '../db/repositories/audit';
import { listCentres } from '../db/repositories/centres';
import { sqliteFileInUse } from '../db/sqlite-file';
import { agent, createCentre, createStaff, createTestApp, createTestDb, ENGINES, signIn, TEST_DATABASE_URL, type TestDb } from './helpers/test-app';

/** One write the way the app makes them: a change and its audit row in one transaction. */
async function write(db: Db, n: number) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values({ key: `write-${n}`, value: String(n), version: 1, updated_at: new Date().toISOString() }).execute();
    await appendAudit(trx, { actorId: null, actorRole: 'system', action: 'test.write', entityType: 'setting', entityId: `write-${n}` });
  });
}

async function tamperAuditRow(t: TestDb, seq: number) {
  if (t.engine === 'sqlite') await sql`DROP TRIGGER audit_events_no_update`.execute(t.db);
  else await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change`.execute(t.db);
  await t.db.updateTable('audit_events').set({ action: 'nothing.to.see' }).where('seq', '=', seq).execute();
}

/** Opens a SQLite file on its own, reads something, closes it. */
function readFile<T>(file: string, query: string): T[] {
  const db = new SqliteDatabase(file, { fileMustExist: true, readonly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
}

describe('npm run backup', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb('sqlite');
  });
  afterEach(() => t.close());

  it('copies the database while writes go on, and the copy is consistent', async () => {
    for (let n = 0; n < 50; n++) await write(t.db, n);
    let writing = true;
    let written = 50;
    const writer = (async () => {
      while (writing) {
        await write(t.db, written++);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    let result;
    try {
      await new Promise((resolve) => setTimeout(resolve, 20));
      result = await backupSqlite({ dataDir: t.dataDir });
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      writing = false;
      await writer;
    }
    expect(result.file).toMatch(new RegExp(`^${t.dataDir}/backups/clinic-desk-\\d{8}-\\d{6}\\.sqlite$`));
    expect(readFile<{ integrity_check: string }>(result.file, 'pragma integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // A snapshot: some of the writes, each with its audit row, none half-done.
    const settings = readFile<{ n: number }>(result.file, `select count(*) as n from settings where key like 'write-%'`)[0]!.n;
    expect(settings).toBeGreaterThanOrEqual(50);
    expect(settings).toBeLessThan(written);
    expect(result.auditEvents).toBe(settings);
    const orphans = readFile<{ key: string }>(result.file, `select key from settings s where not exists (select 1 from audit_events a where a.entity_id = s.key)`);
    expect(orphans).toEqual([]);
    // A self-contained file, and nothing left behind.
    expect(fs.readdirSync(path.dirname(result.file))).toEqual([path.basename(result.file)]);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: written });
  });

  it('names copies by UTC time and never overwrites one', async () => {
    const now = new Date('2026-11-26T09:05:07.123Z');
    const first = await backupSqlite({ dataDir: t.dataDir, now });
    const second = await backupSqlite({ dataDir: t.dataDir, now });
    expect(path.basename(first.file)).toBe('clinic-desk-20261126-090507.sqlite');
    expect(path.basename(second.file)).toBe('clinic-desk-20261126-090507-2.sqlite');
  });

  it('keeps nothing when the copy fails its check', async () => {
    await write(t.db, 1);
    await write(t.db, 2);
    await tamperAuditRow(t, 1);
    await expectAsync(backupSqlite({ dataDir: t.dataDir })).toBeRejectedWithError(/audit chain is broken at event 1/);
    expect(fs.readdirSync(path.join(t.dataDir, 'backups'))).toEqual([]);
  });

  it('prints where the backup is; explains pg_dump and exits 2 on PostgreSQL', async () => {
    const ok = await captureCli(backupMain, [], { DATA_DIR: t.dataDir });
    expect(ok.code).toBe(0);
    expect(ok.out[0]).toMatch(/^Backup written: .*clinic-desk-\d{8}-\d{6}\.sqlite$/);
    const pg = await captureCli(backupMain, [], { DATA_DIR: t.dataDir, DATABASE_URL: 'postgres://clinic@db.example/clinic' });
    expect(pg.code).toBe(2);
    expect(pg.err.join('\n')).toContain('pg_dump');
    const missing = await captureCli(backupMain, [], { DATA_DIR: path.join(t.dataDir, 'nowhere') });
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/There is no database/);
  });
});

describe('npm run restore', () => {
  let t: TestDb;
  let dataDir: string;
  let live: string;
  beforeEach(async () => {
    t = await createTestDb('sqlite');
    dataDir = t.dataDir;
    live = sqliteFilePath(dataDir);
  });
  afterEach(() => t.close());

  /** Closes the test's own connection, as stopping the server would. */
  async function stopServer() {
    await t.db.destroy();
    t.close = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  }

  it('puts a backup back: the data, sign-in and the audit chain are as they were', async () => {
    const centre = await createCentre(t.db, { name: 'Before the backup' });
    const user = await createStaff(t.db, { role: 'manager', centreIds: [centre.id] });
    for (let n = 0; n < 5; n++) await write(t.db, n);
    const backup = await backupSqlite({ dataDir });
    await createCentre(t.db, { name: 'After the backup' });
    await stopServer();

    const result = await restoreSqlite({ file: backup.file, dataDir, now: new Date('2026-11-26T10:00:00Z') });
    expect(result.replaced).toBe(`${live}.replaced-20261126-100000`);
    expect(fs.existsSync(`${live}-wal`) && fs.statSync(`${live}-wal`).size > 0).toBeFalse();
    expect(readFile<{ name: string }>(result.replaced!, 'select name from centres order by name').map((c) => c.name)).toEqual(['After the backup', 'Before the backup']);

    const restored = connect({ databaseUrl: null, dataDir });
    try {
      expect((await listCentres(restored.db)).map((c) => c.name)).toEqual(['Before the backup']);
      expect(await verifyAuditChain(restored.db)).toEqual({ ok: true, checked: 5 });
      const app = await createTestApp({ ...t, conn: restored, db: restored.db, close: async () => undefined });
      try {
        expect((await agent(app.app).login(user.email, user.password)).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      await restored.db.destroy();
    }
  });

  it('refuses while the database is open, unless forced', async () => {
    const backup = await backupSqlite({ dataDir });
    expect(sqliteFileInUse(live)).toBeTrue();
    await expectAsync(restoreSqlite({ file: backup.file, dataDir })).toBeRejectedWithError(/in use: stop the Clinic Desk server first/);
    const result = await captureCli(restoreMain, [backup.file], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    await stopServer();
    expect(sqliteFileInUse(live)).toBeFalse();
  });

  it('restores over an open database with --force', async () => {
    const backup = await backupSqlite({ dataDir });
    const result = await captureCli(restoreMain, [backup.file, '--force'], { DATA_DIR: dataDir });
    expect(result.code).withContext(result.err.join('\n')).toBe(0);
    expect(result.out.join('\n')).toMatch(/Restart the server now/);
  });

  it('checks the file first and leaves the live database alone when it is bad', async () => {
    await createCentre(t.db, { name: 'Live data' });
    const backup = await backupSqlite({ dataDir });
    await stopServer();
    const before = fs.readFileSync(live);
    const bad = path.join(dataDir, 'bad');
    fs.mkdirSync(bad);

    const garbage = path.join(bad, 'garbage.sqlite');
    fs.writeFileSync(garbage, 'this is not a database at all, just text '.repeat(200));
    await expectAsync(restoreSqlite({ file: garbage, dataDir })).toBeRejectedWithError(/not a readable SQLite database/);

    const truncated = path.join(bad, 'truncated.sqlite');
    const bytes = fs.readFileSync(backup.file);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectAsync(restoreSqlite({ file: truncated, dataDir })).toBeRejectedWithError(/was not restored/);

    const foreign = path.join(bad, 'other-app.sqlite');
    const other = new SqliteDatabase(foreign);
    other.exec('create table notes (body text)');
    other.close();
    await expectAsync(restoreSqlite({ file: foreign, dataDir })).toBeRejectedWithError(/not a Clinic Desk database/);

    await expectAsync(restoreSqlite({ file: path.join(bad, 'missing.sqlite'), dataDir })).toBeRejectedWithError(/There is no file/);

    const newer = path.join(bad, 'from-a-newer-version.sqlite');
    fs.copyFileSync(backup.file, newer);
    const future = new SqliteDatabase(newer);
    future.prepare(`insert into kysely_migration (name, timestamp) values ('999-from-the-future', '2030-01-01T00:00:00.000Z')`).run();
    future.close();
    await expectAsync(restoreSqlite({ file: newer, dataDir })).toBeRejectedWithError(/newer version of Clinic Desk \(migrations 999-from-the-future\)/);

    expect(fs.readFileSync(live).equals(before)).toBeTrue();
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('.replaced-') || name.includes('.restoring'))).toEqual([]);
  });

  it('keeps a crashed database\'s unsaved WAL with the copy it sets aside', async () => {
    // A crash leaves committed writes in clinic-desk.sqlite-wal; the replaced copy must still have them.
    await stopServer();
    const backup = await backupSqlite({ dataDir });
    const crashed = new SqliteDatabase(live);
    crashed.pragma('wal_autocheckpoint = 0');
    crashed.prepare(`insert into settings (key, value, version, updated_at) values ('only-in-wal', '1', 1, '')`).run();
    // Copy the files as a crash would leave them: the database, and a WAL holding the last commit.
    const crashDir = path.join(dataDir, 'crash');
    fs.mkdirSync(crashDir);
    fs.copyFileSync(live, sqliteFilePath(crashDir));
    fs.copyFileSync(`${live}-wal`, `${sqliteFilePath(crashDir)}-wal`);
    crashed.close();

    const result = await restoreSqlite({ file: backup.file, dataDir: crashDir });
    expect(fs.existsSync(`${sqliteFilePath(crashDir)}-wal`)).toBeFalse();
    expect(readFile<{ key: string }>(result.replaced!, `select key from settings where key = 'only-in-wal'`)).toEqual([{ key: 'only-in-wal' }]);
  });

  it('explains pg_restore and exits 2 on PostgreSQL, and shows usage without a file', async () => {
    const pg = await captureCli(restoreMain, ['x.dump'], { DATA_DIR: dataDir, DATABASE_URL: 'postgres://clinic@db.example/clinic' });
    expect(pg.code).toBe(2);
    expect(pg.err.join('\n')).toContain('pg_restore');
    expect((await captureCli(restoreMain, [], { DATA_DIR: dataDir })).code).toBe(2);
  });
});

/** DATABASE_URL for a tool to reach this test database (its own schema on PostgreSQL). */
function envFor(t: TestDb): NodeJS.ProcessEnv {
  if (t.engine === 'sqlite') return { DATA_DIR: t.dataDir };
  return { DATA_DIR: t.dataDir, DATABASE_URL: `${TEST_DATABASE_URL}${TEST_DATABASE_URL!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${t.schema}`)}` };
}

for (const engine of ENGINES) {
  describe(`npm run audit:verify (${engine})`, () => {
    let t: TestDb;
    beforeEach(async () => {
      t = await createTestDb(engine);
      for (let n = 0; n < 4; n++) await write(t.db, n);
    });
    afterEach(() => t.close());

    it('says how many events it verified and exits 0', async () => {
      const result = await captureCli(auditVerifyMain, [], envFor(t));
      expect(result).toEqual({ code: 0, out: ['Audit chain verified: 4 events'], err: [] });
    });

    it('names the first bad event and exits 1', async () => {
      await tamperAuditRow(t, 3);
      const out: string[] = [];
      const err: string[] = [];
      expect(await auditVerify(t.db, { out: (l) => out.push(l), err: (l) => err.push(l) })).toBe(1);
      expect(out).toEqual([]);
      expect(err[0]).toBe('Audit chain broken at event 3: row 3 was altered.');
      expect(err[1]).toMatch(/event 3 as stored: \S+ nothing\.to\.see on setting write-2/);
      expect(err[2]).toBe('2 events before it verified.');
      expect((await captureCli(auditVerifyMain, [], envFor(t))).code).toBe(1);
    });
  });

  describe(`npm run create-user (${engine})`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(engine);
    });
    afterAll(() => t.close());

    it('creates a user in the named centre and prints a one-time password that must be changed', async () => {
      const riverside = await createCentre(t.db, { name: 'Riverside Centre' });
      const hillview = await createCentre(t.db, { name: 'Hillview Centre' });
      const auditBefore = Number((await t.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);
      const result = await captureCli(createUserMain, ['--email', 'Jo.Bloggs@Clinic.Example', '--name', 'Jo Bloggs', '--role', 'chiropractor', '--centre', 'riverside centre', '--centre', hillview.id], envFor(t));
      expect(result.code).withContext(result.err.join('\n')).toBe(0);
      const password = result.out.map((line) => line.trim()).find((line) => /^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/.test(line));
      expect(password).toBeDefined();

      const app = await createTestApp(t);
      try {
        const client = await signIn(app.app, 'jo.bloggs@clinic.example', password!);
        expect(client.session?.user).toEqual(jasmine.objectContaining({ role: 'chiropractor', mustChangePassword: true }));
        expect(client.session?.user.centres.map((c) => c.id).sort()).toEqual([riverside.id, hillview.id].sort());
      } finally {
        await app.close();
      }
      const audit = await t.db.selectFrom('audit_events').selectAll().where('action', '=', 'staff.created').where('seq', '>', auditBefore).execute();
      expect(JSON.parse(audit[0]!.detail)).toEqual(jasmine.objectContaining({ role: 'chiropractor', via: 'command line' }));
      expect(audit[0]!.detail).not.toContain(password!);
    });

    it('puts the user in the only centre when none is named, and asks for one when there are several', async () => {
      const solo = await createTestDb(engine);
      try {
        const only = await createCentre(solo.db);
        const { staff } = await createUser(solo.db, { email: 'solo@clinic.example', name: 'Solo', role: 'manager', centres: [] });
        expect(staff.centreIds).toEqual([only.id]);
        await createCentre(solo.db);
        await expectAsync(createUser(solo.db, { email: 'duo@clinic.example', name: 'Duo', role: 'manager', centres: [] })).toBeRejectedWithError(/--centre/);
      } finally {
        await solo.close();
      }
    });

    it('refuses bad input with a clear message and creates nothing', async () => {
      await createCentre(t.db, { name: 'Riverside' });
      const staffCount = async () => (await t.db.selectFrom('staff').select('id').execute()).length;
      const before = await staffCount();
      const attempts: [Parameters<typeof createUser>[1], RegExp][] = [
        [{ email: 'not-an-email', name: 'X', role: 'manager', centres: ['Riverside'] }, /not an email address/],
        [{ email: 'x@clinic.example', name: '  ', role: 'manager', centres: ['Riverside'] }, /name/],
        [{ email: 'x@clinic.example', name: 'X', role: 'owner', centres: ['Riverside'] }, /role must be one of receptionist, chiropractor, manager/],
        [{ email: 'x@clinic.example', name: 'X', role: 'manager', centres: ['Atlantis'] }, /no centre "Atlantis"/],
      ];
      for (const [input, message] of attempts) {
        await expectAsync(createUser(t.db, input)).withContext(JSON.stringify(input)).toBeRejectedWithError(message);
      }
      expect(await staffCount()).toBe(before);
      await createUser(t.db, { email: 'x@clinic.example', name: 'X', role: 'manager', centres: ['Riverside'] });
      await expectAsync(createUser(t.db, { email: 'X@CLINIC.EXAMPLE', name: 'Y', role: 'manager', centres: ['Riverside'] })).toBeRejectedWithError(/already has an account/);
      expect(await staffCount()).toBe(before + 1);
    });

    it('shows usage and exits 2 without the required options', async () => {
      const result = await captureCli(createUserMain, ['--email', 'a@b.co'], envFor(t));
      expect(result.code).toBe(2);
      expect(result.err[0]).toMatch(/^Usage: npm run create-user/);
    });
  });
}

describe('the tools as processes', () => {
  it('exit with the code their main returns (npm run audit:verify on a tampered chain exits 1)', async () => {
    const t = await createTestDb('sqlite');
    try {
      await write(t.db, 1);
      await write(t.db, 2);
      await tamperAuditRow(t, 2);
      const run = (script: string) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'cli', script)], {
          env: { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: '' }, timeout: 60_000,
        }, (error, stdout, stderr) => resolve({ code: error ? (error as { code?: number }).code ?? null : 0, stdout, stderr }));
      });
      const result = await run('audit-verify.ts');
      expect(result.code).withContext(result.stderr).toBe(1);
      expect(result.stderr).toContain('Audit chain broken at event 2');
    } finally {
      await t.close();
    }
  });
});
