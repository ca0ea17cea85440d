/**
 * Part 4, crashes: cycles of start the real server on a SQLite file, write at a steady rate through
 * the API (public intake posts and versioned patient edits), kill -9 at a random moment, then check
 * the file: integrity_check ok, foreign_key_check empty, every acknowledged write present, every
 * change has its audit row and every audit row its change, the audit chain verifies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../../src/server/db/database';
import { verifyAuditChain } from '../../../src/server/db/repositories/audit';
import { connect } from '../../../src/server/db/connect';
import { migrateToLatest } from '../../../src/server/db/migrate';
import { freePort, HttpClient, prepareServer, type Server } from '../lib/proc';
import { log, sleep, Tally } from '../lib/report';
import { createCentre, createStaff } from '../lib/world';

export async function crash(opts: { cycles: number; budgetMs: number }): Promise<Tally> {
  const tally = new Tally('4 crashes (kill -9)', 'sqlite');
  const root = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dataDir = fs.mkdtempSync(path.join(root, 'clinic-desk-crash-'));
  const staticDir = path.join(dataDir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
  // A manager and a patient, made through the repositories before the first start.
  const setup = connect({ databaseUrl: null, dataDir });
  await migrateToLatest(setup.db);
  const centre = await createCentre(setup.db);
  const manager = await createStaff(setup.db, { role: 'manager', centreIds: [centre.id] });
  await setup.db.destroy();

  const acked = new Set<string>();
  let patientId: string | null = null;
  let ackedPatientVersion = 0;
  const started = Date.now();
  let cycle = 0;
  let restartMs = 0;
  const env = { DATA_DIR: dataDir, STATIC_DIR: staticDir, DATABASE_URL: '', FIRST_MANAGER_EMAIL: 'first@crash.test' };
  const prepare = () => { const port = freePort(); return { port, server: prepareServer({ ...env, PORT: String(port) }) }; };
  let next = prepare();
  // One session for every cycle: it is in the database, so it outlives the kill like any acknowledged write.
  let staff: HttpClient | null = null;
  for (; cycle < opts.cycles && Date.now() - started < opts.budgetMs; cycle++) {
    let server: Server;
    const t0 = Date.now();
    try {
      server = await next.server.start();
      restartMs += Date.now() - t0;
    } catch (error) {
      tally.fail(`cycle ${cycle}: the server did not restart after kill -9: ${String(error).slice(0, 400)}`);
      break;
    }
    // The next cycle's process loads its packages while this one takes writes.
    next = prepare();
    let writing = true;
    const writers: Promise<void>[] = [];
    // Set once both kinds of write have been answered in this cycle: the kill must land while they flow.
    const flowing = { intake: false, edit: false };
    try {
      if (staff) staff = staff.at(server.url);
      if (!staff || (await staff.get('/api/auth/session')).status !== 200) {
        staff = new HttpClient(server.url);
        await staff.login(manager.email, manager.password);
      }
      const client = staff;
      if (!patientId) {
        const p = await client.post('/api/patients', { centreId: centre.id, givenName: 'Crash', familyName: 'Test', dateOfBirth: '1970-01-01' });
        if (p.status !== 201) throw new Error(`patient: ${p.status} ${p.body}`);
        patientId = p.json().id;
        ackedPatientVersion = 1;
      }
      // Public intake at a steady rate from three writers; each 202 is an acknowledged write.
      for (let k = 0; k < 3; k++) {
        writers.push((async () => {
          let i = 0;
          while (writing) {
            try {
              const res = await fetch(`${server.url}/api/public/requests`, {
                method: 'POST', headers: { 'content-type': 'application/json', origin: server.url },
                body: JSON.stringify({ kind: 'callback', name: `Crash ${cycle}-${k}-${i++}`, phone: '07700 900123', message: 'Back pain', consent: true }),
              });
              flowing.intake = true;
              if (res.status === 202) acked.add((await res.json()).reference);
              else if (res.status >= 500) tally.fail(`cycle ${cycle}: intake answered ${res.status}`);
            } catch { /* killed mid-request: not acknowledged */ }
            await sleep(5);
          }
        })());
      }
      // Versioned edits of one patient; the highest acknowledged version must survive.
      writers.push((async () => {
        let i = 0;
        while (writing) {
          try {
            const res = await client.put(`/api/patients/${patientId}`, { centreId: centre.id, givenName: 'Crash', familyName: 'Test', dateOfBirth: '1970-01-01', address: `${cycle}-${i++} Kill Street` }, { 'if-match': `"${ackedPatientVersion}"` });
            flowing.edit = true;
            if (res.status === 200) ackedPatientVersion = Math.max(ackedPatientVersion, res.json().version);
            else if (res.status === 412) {
              const now = await client.get(`/api/patients/${patientId}`);
              if (now.status === 200) ackedPatientVersion = Math.max(ackedPatientVersion, now.json().patient.version);
            } else if (res.status >= 500) tally.fail(`cycle ${cycle}: patient edit answered ${res.status}`);
          } catch { /* killed */ }
        }
      })());
      // A short write phase: once writes are flowing (a just-started server answers its first ones
      // slowly), the kill comes at a random moment within the next 400 ms.
      for (const t = Date.now(); !(flowing.intake && flowing.edit) && Date.now() - t < 10_000;) await sleep(10);
      await sleep(Math.random() * 400);
    } catch (error) {
      tally.fail(`cycle ${cycle}: ${String(error).slice(0, 300)}`);
    }
    server.child.kill('SIGKILL');
    await server.exited;
    writing = false;
    await Promise.all(writers);
    await checkFile(dataDir, acked, patientId, ackedPatientVersion, cycle, tally);
  }
  next.server.cancel();
  tally.note(`${cycle} kill -9 cycles in ${Math.round((Date.now() - started) / 1000)} s (restart to listening: ${Math.round(restartMs / Math.max(1, cycle))} ms on average); ${acked.size} acknowledged intake writes, patient at version ${ackedPatientVersion}`);
  tally.require(cycle, opts.cycles, 'kill -9 cycles', `the ${Math.round(opts.budgetMs / 1000)} s time budget ran out (RESILIENCE_CRASH_BUDGET_S)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  return tally;
}

async function checkFile(dataDir: string, acked: Set<string>, patientId: string | null, patientVersion: number, cycle: number, tally: Tally) {
  const file = path.join(dataDir, 'clinic-desk.sqlite');
  // Opened as the restarted server would: WAL recovery happens here.
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('foreign_keys = ON');
  try {
    const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    tally.check(integrity.length === 1 && integrity[0]!.integrity_check === 'ok', () => `cycle ${cycle}: integrity_check: ${JSON.stringify(integrity).slice(0, 300)}`);
    const fk = sqlite.pragma('foreign_key_check') as unknown[];
    tally.check(fk.length === 0, () => `cycle ${cycle}: foreign_key_check: ${JSON.stringify(fk).slice(0, 300)}`);
    const refs = new Set((sqlite.prepare('SELECT reference FROM requests').all() as { reference: string }[]).map((r) => r.reference));
    const lost = [...acked].filter((r) => !refs.has(r));
    tally.check(lost.length === 0, () => `cycle ${cycle}: ${lost.length} acknowledged intake writes lost: ${lost.slice(0, 5).join(', ')}`);
    const orphanRequests = sqlite.prepare(`SELECT count(*) AS n FROM requests r WHERE r.source = 'web-form' AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.entity_id = r.id AND a.action = 'request.received')`).get() as { n: number };
    tally.check(orphanRequests.n === 0, () => `cycle ${cycle}: ${orphanRequests.n} requests without their audit row`);
    const orphanAudits = sqlite.prepare(`SELECT count(*) AS n FROM audit_events a WHERE a.action = 'request.received' AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = a.entity_id)`).get() as { n: number };
    tally.check(orphanAudits.n === 0, () => `cycle ${cycle}: ${orphanAudits.n} 'request.received' audit rows without their request`);
    if (patientId) {
      const p = sqlite.prepare('SELECT version FROM patients WHERE id = ?').get(patientId) as { version: number } | undefined;
      tally.check(!!p && p.version >= patientVersion, () => `cycle ${cycle}: the patient is at version ${p?.version} but version ${patientVersion} was acknowledged`);
      const updates = sqlite.prepare(`SELECT count(*) AS n FROM audit_events WHERE entity_id = ? AND action = 'patient.updated'`).get(patientId) as { n: number };
      tally.check(!!p && updates.n === p.version - 1, () => `cycle ${cycle}: patient version ${p?.version} but ${updates.n} 'patient.updated' audit rows (each change must have exactly one)`);
    }
  } finally {
    sqlite.close();
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SqliteDatabase(file) }) });
  try {
    const chain = await verifyAuditChain(db);
    tally.check(chain.ok, () => `cycle ${cycle}: audit chain: ${chain.reason}`);
  } finally {
    await db.destroy();
  }
  if (cycle % 10 === 0) log(`    crash cycle ${cycle}: ${acked.size} acknowledged writes so far`);
}
