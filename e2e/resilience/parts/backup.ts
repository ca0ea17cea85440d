/**
 * Part 9, backup and restore. While 50 writes a second continue against the real server: SQLite
 * `npm run backup` (the copy passes its integrity check), `npm run restore` into a new data dir;
 * PostgreSQL pg_dump -Fc of the schema, pg_restore into a new database. Then the restored server
 * starts, sign-in works, 20 random records match the original, the audit chain verifies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { connect } from '../../../src/server/db/connect';
import { migrateToLatest } from '../../../src/server/db/migrate';
import { freePort, HttpClient, run, startServer, stopServer, type Server } from '../lib/proc';
import { sleep, Tally } from '../lib/report';
import { createCentre, createStaff, createTestDb, type Engine, TEST_DATABASE_URL } from '../lib/world';

function pgUrl(schema: string, database?: string): string {
  const u = new URL(TEST_DATABASE_URL!);
  if (database) u.pathname = `/${database}`;
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** Fires a write every 20 ms (50 a second) without waiting for the previous one. */
function steadyWrites(server: Server, staff: HttpClient, patientId: string, centreId: string) {
  let sent = 0;
  let ok = 0;
  let failed = 0;
  let version = 1;
  const timer = setInterval(() => {
    sent++;
    const n = sent;
    const p = n % 5 === 0
      ? staff.put(`/api/patients/${patientId}`, { centreId, givenName: 'Backup', familyName: 'Test', dateOfBirth: '1970-01-01', address: `${n} Copy Lane` }, { 'if-match': `"${version}"` })
        .then((r) => { if (r.status === 200) version = r.json().version; return r.status === 200 || r.status === 412 ? 202 : r.status; })
      : fetch(`${server.url}/api/public/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'callback', name: `Backup ${n}`, phone: '07700 900123', message: `write ${n}`, consent: true }) }).then((r) => r.status);
    p.then((s) => (s === 202 ? ok++ : failed++), () => failed++);
  }, 20);
  return { stop: () => clearInterval(timer), stats: () => ({ sent, ok, failed }) };
}

export async function backupRestore(engine: Engine): Promise<Tally> {
  const tally = new Tally('9 backup and restore', engine);
  const root = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const work = fs.mkdtempSync(path.join(root, 'clinic-desk-backup-'));
  const staticDir = path.join(work, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
  const liveDir = path.join(work, 'live');
  const restoredDir = path.join(work, 'restored');
  let schema = '';
  let restoreDb = '';
  let liveEnv: Record<string, string>;
  let testDb: Awaited<ReturnType<typeof createTestDb>> | null = null;
  let manager;
  let centreId;
  if (engine === 'sqlite') {
    const setup = connect({ databaseUrl: null, dataDir: liveDir });
    await migrateToLatest(setup.db);
    centreId = (await createCentre(setup.db)).id;
    manager = await createStaff(setup.db, { role: 'manager', centreIds: [centreId] });
    await setup.db.destroy();
    liveEnv = { DATA_DIR: liveDir, DATABASE_URL: '' };
  } else {
    testDb = await createTestDb('postgres');
    schema = testDb.schema!;
    centreId = (await createCentre(testDb.db)).id;
    manager = await createStaff(testDb.db, { role: 'manager', centreIds: [centreId] });
    liveEnv = { DATA_DIR: liveDir, DATABASE_URL: pgUrl(schema) };
  }
  const server = await startServer({ ...liveEnv, PORT: String(freePort()), STATIC_DIR: staticDir });
  let restored: Server | null = null;
  try {
    const staff = new HttpClient(server.url);
    await staff.login(manager.email, manager.password);
    const patient = (await staff.post('/api/patients', { centreId, givenName: 'Backup', familyName: 'Test', dateOfBirth: '1970-01-01' })).json();
    const writes = steadyWrites(server, staff, patient.id, centreId);
    await sleep(2000);
    let backupFile = '';
    if (engine === 'sqlite') {
      const res = await run('npm', ['run', '--silent', 'backup'], { ...liveEnv });
      tally.check(res.code === 0 && /Backup written: /.test(res.out), () => `npm run backup during writes: exit ${res.code}: ${res.out.slice(-400)}`);
      backupFile = /Backup written: (\S+)/.exec(res.out)?.[1] ?? '';
    } else {
      backupFile = path.join(work, 'clinic.dump');
      const res = await run('pg_dump', ['--format=custom', `--schema=${schema}`, `--file=${backupFile}`, TEST_DATABASE_URL!], {});
      tally.check(res.code === 0, () => `pg_dump during writes: exit ${res.code}: ${res.out.slice(-400)}`);
    }
    await sleep(1000);
    writes.stop();
    await sleep(1500);
    const stats = writes.stats();
    tally.check(stats.failed === 0, () => `${stats.failed} of ${stats.sent} writes failed while the backup ran`);
    tally.note(`${stats.sent} writes sent at 50 a second around the backup (${stats.ok} acknowledged)`);

    // The copy's own check, then restore it somewhere new.
    let restoredEnv: Record<string, string>;
    if (engine === 'sqlite') {
      const copy = new SqliteDatabase(backupFile, { readonly: true });
      const ic = copy.pragma('integrity_check') as { integrity_check: string }[];
      tally.check(ic[0]?.integrity_check === 'ok', () => `the backup's integrity_check: ${JSON.stringify(ic)}`);
      copy.close();
      const res = await run('npm', ['run', '--silent', 'restore', '--', backupFile], { DATA_DIR: restoredDir, DATABASE_URL: '' });
      tally.check(res.code === 0, () => `npm run restore into a new data dir: exit ${res.code}: ${res.out.slice(-400)}`);
      restoredEnv = { DATA_DIR: restoredDir, DATABASE_URL: '' };
    } else {
      const list = await run('pg_restore', ['--list', backupFile], {});
      tally.check(list.code === 0 && /TABLE DATA .*audit_events/.test(list.out), () => `pg_restore --list of the dump: exit ${list.code}`);
      restoreDb = `cd_restore_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL! });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${restoreDb}`);
      await admin.end();
      const u = new URL(TEST_DATABASE_URL!);
      u.pathname = `/${restoreDb}`;
      const res = await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${u.toString()}`, backupFile], {});
      tally.check(res.code === 0, () => `pg_restore into a new database: exit ${res.code}: ${res.out.slice(-400)}`);
      restoredEnv = { DATA_DIR: restoredDir, DATABASE_URL: pgUrl(schema, restoreDb) };
    }
    restored = await startServer({ ...restoredEnv, PORT: String(freePort()), STATIC_DIR: staticDir });
    const again = new HttpClient(restored.url);
    const login = await again.post('/api/auth/login', { email: manager.email, password: manager.password });
    tally.check(login.status === 200, () => `sign-in on the restored server: ${login.status} ${login.body.slice(0, 200)}`);
    // 20 random records: the restored server answers them as the original does.
    const queue = (await again.get('/api/requests?limit=100&spam=true')).json();
    const queue2 = (await again.get('/api/requests?limit=100')).json();
    const ids = [...new Set([...(queue.items ?? []), ...(queue2.items ?? [])].map((i: { id: string }) => i.id))].sort(() => Math.random() - 0.5).slice(0, 20);
    tally.check(ids.length === 20, () => `only ${ids.length} requests found on the restored server`);
    for (const id of ids) {
      const a = await staff.get(`/api/requests/${id}`);
      const b = await again.get(`/api/requests/${id}`);
      const pick = (r: { status: number; json: () => any }) => (r.status === 200 ? (({ id, reference, name, message, phone, status, version, receivedAt }) => ({ id, reference, name, message, phone, status, version, receivedAt }))(r.json()) : r.status);
      tally.check(JSON.stringify(pick(a)) === JSON.stringify(pick(b)), () => `request ${id}: original ${JSON.stringify(pick(a)).slice(0, 200)} restored ${JSON.stringify(pick(b)).slice(0, 200)}`);
    }
    const verify = await run('npm', ['run', '--silent', 'audit:verify'], restoredEnv);
    tally.check(verify.code === 0 && /Audit chain verified/.test(verify.out), () => `audit:verify on the restored copy: exit ${verify.code} ${verify.out.slice(-300)}`);
  } finally {
    await stopServer(server);
    if (restored) await stopServer(restored);
    if (testDb) await testDb.close();
    if (restoreDb) {
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL! });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${restoreDb}`).catch(() => undefined);
      await admin.end();
    }
    fs.rmSync(work, { recursive: true, force: true });
  }
  return tally;
}
