/**
 * Part 8, audit tamper. Editing, deleting, reordering or forging audit rows by hand (with the
 * append-only triggers dropped or disabled in the test copy) is caught by `npm run audit:verify`
 * (exit code and message); the triggers refuse UPDATE and DELETE on both engines. On PostgreSQL,
 * with TEST_DATABASE_ADMIN_URL (a role with CREATEROLE), a restricted application role holding only
 * SELECT, INSERT on audit_events is shown unable to change or remove rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { run } from '../lib/proc';
import { Tally } from '../lib/report';
import { buildWorld, type Engine, TEST_DATABASE_URL, type World } from '../lib/world';

async function someActivity(w: World) {
  const m = await w.session(w.manager);
  for (let i = 0; i < 5; i++) await m.get(`/api/requests/${w.ids.request}`);
  await m.get(`/api/patients/${w.ids.patient}`);
}

function pgUrlFor(schema: string, base = TEST_DATABASE_URL!): string {
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

type Tamper = [name: string, sqlite: string, pg: string];
const TAMPERS: Tamper[] = [
  ['edit a row (action)', "UPDATE audit_events SET action = 'request.nothing' WHERE seq = 5", "UPDATE audit_events SET action = 'request.nothing' WHERE seq = 5"],
  ['edit a row (actor)', "UPDATE audit_events SET actor_id = NULL WHERE seq = 7", "UPDATE audit_events SET actor_id = NULL WHERE seq = 7"],
  ['edit a row and its own hash', "UPDATE audit_events SET detail = '{}', hash = 'ab' || substr(hash, 3) WHERE seq = 6", "UPDATE audit_events SET detail = '{}', hash = 'ab' || substr(hash, 3) WHERE seq = 6"],
  ['delete a middle row', 'DELETE FROM audit_events WHERE seq = 4', 'DELETE FROM audit_events WHERE seq = 4'],
  ['delete the newest row', 'DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)', 'DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)'],
  ['delete the newest row and wind the head back', "DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events); UPDATE audit_head SET seq = seq - 1", "DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events); UPDATE audit_head SET seq = seq - 1"],
  ['reorder two rows (swap seq)', 'UPDATE audit_events SET seq = -1 WHERE seq = 3; UPDATE audit_events SET seq = 3 WHERE seq = 4; UPDATE audit_events SET seq = 4 WHERE seq = -1', 'UPDATE audit_events SET seq = -1 WHERE seq = 3; UPDATE audit_events SET seq = 3 WHERE seq = 4; UPDATE audit_events SET seq = 4 WHERE seq = -1'],
  ['swap the content of two rows', "UPDATE audit_events SET at = (SELECT at FROM audit_events WHERE seq = 9) WHERE seq = 8", "UPDATE audit_events SET at = (SELECT at FROM audit_events b WHERE b.seq = 9) WHERE seq = 8"],
  ['forge a row at the end', "INSERT INTO audit_events SELECT seq + 1000, at, actor_id, actor_role, 'forged', entity_type, entity_id, centre_id, ip, outcome, detail, prev_hash, hash FROM audit_events WHERE seq = 2", "INSERT INTO audit_events SELECT seq + 1000, at, actor_id, actor_role, 'forged', entity_type, entity_id, centre_id, ip, outcome, detail, prev_hash, hash FROM audit_events WHERE seq = 2"],
];

export async function auditTamper(engine: Engine): Promise<Tally> {
  const tally = new Tally('8 audit tamper', engine);
  const w = await buildWorld(engine);
  await someActivity(w);
  const rowCount = Number((await w.t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  tally.note(`${rowCount} audit rows in the test log`);
  if (engine === 'sqlite') await sqliteTamper(w, tally);
  else await pgTamper(w, tally);
  await w.t.close();
  return tally;
}

async function verify(env: Record<string, string>) {
  return run('npm', ['run', '--silent', 'audit:verify'], { DATABASE_URL: '', ...env });
}

async function sqliteTamper(w: World, tally: Tally) {
  const live = w.t.testDb.conn.sqlite!;
  // The triggers on the live database.
  for (const [what, stmt] of [['UPDATE', "UPDATE audit_events SET action = 'x' WHERE seq = 1"], ['DELETE', 'DELETE FROM audit_events WHERE seq = 1'], ['DELETE all', 'DELETE FROM audit_events']] as const) {
    let refused = false;
    try { live.exec(stmt); } catch (e) { refused = /append-only/.test(String(e)); }
    tally.check(refused, () => `the SQLite trigger did not refuse ${what} on audit_events`);
  }
  live.pragma('wal_checkpoint(TRUNCATE)');
  const source = path.join(w.t.testDb.dataDir, 'clinic-desk.sqlite');
  const base = path.join(w.t.testDb.dataDir, 'tamper');
  const copyTo = (name: string) => {
    const dir = path.join(base, name.replace(/\W+/g, '-'));
    fs.mkdirSync(dir, { recursive: true });
    live.backup; // the checkpoint above put everything in the main file
    fs.copyFileSync(source, path.join(dir, 'clinic-desk.sqlite'));
    return dir;
  };
  const clean = await verify({ DATA_DIR: copyTo('clean') });
  tally.check(clean.code === 0 && /Audit chain verified/.test(clean.out), () => `audit:verify on the untouched copy: exit ${clean.code} ${clean.out.slice(-300)}`);
  const tampers = await Promise.all(TAMPERS.map(async ([name, stmt]) => {
    const dir = copyTo(name);
    const db = new SqliteDatabase(path.join(dir, 'clinic-desk.sqlite'));
    for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'").all() as { name: string }[]) db.exec(`DROP TRIGGER ${t.name}`);
    db.exec(stmt);
    db.close();
    return [name, await verify({ DATA_DIR: dir })] as const;
  }));
  for (const [name, res] of tampers) {
    tally.check(res.code === 1 && /Audit chain broken at event \d+/.test(res.out), () => `${name}: audit:verify exit ${res.code}, said: ${res.out.trim().slice(-300)}`);
  }
}

async function pgTamper(w: World, tally: Tally) {
  const schema = w.t.testDb.schema!;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL!, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    for (const [what, stmt] of [['UPDATE', "UPDATE audit_events SET action = 'x' WHERE seq = 1"], ['DELETE', 'DELETE FROM audit_events WHERE seq = 1'], ['TRUNCATE', 'TRUNCATE audit_events']] as const) {
      let refused = false;
      try { await client.query('BEGIN'); await client.query(stmt); } catch (e) { refused = true; void e; } finally { await client.query('ROLLBACK'); }
      tally.check(refused, () => `PostgreSQL accepted ${what} on audit_events from the application's role (the trigger does not cover it)`);
    }
    const url = pgUrlFor(schema);
    const clean = await verify({ DATABASE_URL: url });
    tally.check(clean.code === 0 && /Audit chain verified/.test(clean.out), () => `audit:verify on the untouched schema: exit ${clean.code} ${clean.out.slice(-300)}`);
    const snapshot = await client.query('SELECT * FROM audit_events ORDER BY seq');
    const head = await client.query('SELECT * FROM audit_head');
    for (const [name, , stmt] of TAMPERS) {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      for (const s of stmt.split(';')) await client.query(s);
      const res = await verify({ DATABASE_URL: url });
      tally.check(res.code === 1 && /Audit chain broken at event \d+/.test(res.out), () => `${name}: audit:verify exit ${res.code}, said: ${res.out.trim().slice(-300)}`);
      // Put the log back for the next tamper.
      await client.query('DELETE FROM audit_events');
      for (const row of snapshot.rows) {
        const cols = Object.keys(row);
        await client.query(`INSERT INTO audit_events (${cols.join(',')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(',')})`, cols.map((c) => row[c]));
      }
      await client.query('UPDATE audit_head SET seq = $1, hash = $2', [head.rows[0].seq, head.rows[0].hash]);
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    }
    const again = await verify({ DATABASE_URL: url });
    tally.check(again.code === 0, () => `audit:verify after putting the log back: exit ${again.code} ${again.out.slice(-200)}`);
    await restrictedRole(schema, tally);
  } finally {
    await client.end();
  }
}

async function restrictedRole(schema: string, tally: Tally) {
  const adminUrl = process.env['TEST_DATABASE_ADMIN_URL'];
  if (!adminUrl) {
    tally.note('restricted application role: not shown (TEST_DATABASE_ADMIN_URL, a role with CREATEROLE, is not set; the test role clinic lacks CREATEROLE). See the report for the deployment SQL.');
    return;
  }
  const role = `cd_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await admin.query(`GRANT SELECT, INSERT ON ${schema}.audit_events TO ${role}`);
    await admin.query(`GRANT SELECT, UPDATE ON ${schema}.audit_head TO ${role}`);
    const u = new URL(TEST_DATABASE_URL!);
    u.username = role;
    u.password = password;
    const app = new pg.Client({ connectionString: u.toString(), options: `-c search_path=${schema}` });
    await app.connect();
    try {
      for (const stmt of ["UPDATE audit_events SET action = 'x' WHERE seq = 1", 'DELETE FROM audit_events WHERE seq = 1', 'TRUNCATE audit_events', 'ALTER TABLE audit_events DISABLE TRIGGER USER', 'DROP TABLE audit_events']) {
        let refused = false;
        try { await app.query(stmt); } catch (e) { refused = /permission denied|must be owner/.test(String(e)); }
        tally.check(refused, () => `the restricted role could run: ${stmt}`);
      }
      const read = await app.query('SELECT count(*) FROM audit_events');
      tally.check(Number(read.rows[0].count) > 0, () => 'the restricted role cannot read the audit log');
    } finally {
      await app.end();
    }
  } finally {
    // The role owns nothing, it only holds grants: take them back so it can be dropped. (DROP OWNED BY
    // would need membership in the role, which a CREATEROLE admin lacks on PostgreSQL 15.) A failure
    // here is reported, not swallowed: it would leave a login role behind on the server.
    try {
      await admin.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${role}`);
      await admin.query(`REVOKE ALL ON SCHEMA ${schema} FROM ${role}`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
    } catch (error) {
      tally.fail(`could not drop the restricted test role ${role}: ${String(error).slice(0, 200)}`);
    }
    await admin.end();
  }
}
