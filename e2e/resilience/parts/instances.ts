/**
 * Part 10, several instances: two API processes on one PostgreSQL database. A request posted to one
 * appears as a live event on a stream connected to the other; claims and bookings across the two
 * still have one winner; kill -9 one and the other carries on, losing nothing acknowledged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, HttpClient, startServer, stopServer, type Server } from '../lib/proc';
import { sleep, Tally } from '../lib/report';
import { ALL_DAY_EVERY_DAY, createCentre, createStaff, createTestDb, FOLLOW_UP_TYPE_ID, londonAt, TEST_DATABASE_URL } from '../lib/world';

function pgUrl(schema: string): string {
  const u = new URL(TEST_DATABASE_URL!);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** Reads an SSE stream and collects the `change` events. */
function listen(base: string, cookies: Map<string, string>) {
  const events: any[] = [];
  const controller = new AbortController();
  const ready = (async () => {
    const res = await fetch(`${base}/api/events`, { headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, signal: controller.signal });
    if (res.status !== 200 || !res.body) throw new Error(`event stream: ${res.status}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let i;
          while ((i = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            if (/^event: change/m.test(block)) events.push(JSON.parse(/^data: (.*)$/m.exec(block)![1]!));
          }
        }
      } catch { /* aborted */ }
    })();
  })();
  return { events, ready, close: () => controller.abort() };
}

export async function instances(): Promise<Tally> {
  const tally = new Tally('10 several instances', 'postgres');
  const testDb = await createTestDb('postgres');
  const work = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'clinic-desk-multi-'));
  const staticDir = path.join(work, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
  const centreId = (await createCentre(testDb.db)).id;
  const manager = await createStaff(testDb.db, { role: 'manager', centreIds: [centreId] });
  const chiro = await createStaff(testDb.db, { role: 'chiropractor', centreIds: [centreId] });
  const desk = await Promise.all([0, 1, 2, 3].map(() => createStaff(testDb.db, { role: 'receptionist', centreIds: [centreId] })));
  const env = { DATABASE_URL: pgUrl(testDb.schema!), STATIC_DIR: staticDir, DATA_DIR: work };
  const servers: Server[] = [];
  try {
    servers.push(await startServer({ ...env, PORT: String(freePort()) }));
    servers.push(await startServer({ ...env, PORT: String(freePort()) }));
    const [a, b] = servers as [Server, Server];
    const m = new HttpClient(a.url);
    await m.login(manager.email, manager.password);
    await m.put(`/api/clinicians/${chiro.id}/hours`, { centreId, hours: ALL_DAY_EVERY_DAY });
    const patient = (await m.post('/api/patients', { centreId, givenName: 'Multi', familyName: 'Instance', dateOfBirth: '1970-01-01' })).json();
    const clients = await Promise.all(desk.map(async (d, i) => {
      const c = new HttpClient(i % 2 ? b.url : a.url);
      await c.login(d.email, d.password);
      return c;
    }));

    // A request posted to A shows up live on a stream connected to B (and the other way round).
    const onB = listen(b.url, clients[1]!.cookies);
    const onA = listen(a.url, clients[0]!.cookies);
    await Promise.all([onB.ready, onA.ready]);
    await sleep(300);
    for (const [from, stream, name] of [[a, onB, 'A → B'], [b, onA, 'B → A']] as const) {
      const res = await fetch(`${from.url}/api/public/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'callback', name: `Live ${name}`, phone: '07700 900123', centre: centreId, consent: true }) });
      const reference = (await res.json()).reference;
      const row = await testDb.db.selectFrom('requests').select('id').where('reference', '=', reference).executeTakeFirst();
      const t0 = Date.now();
      while (Date.now() - t0 < 5000 && !stream.events.some((e) => e.id === row?.id)) await sleep(50);
      tally.check(stream.events.some((e) => e.id === row?.id && e.type === 'request.created'), () => `${name}: the new request never reached the other instance's event stream (${stream.events.length} events seen)`);
    }
    onA.close();
    onB.close();

    // Claims and bookings split across the two instances still have one winner.
    for (let r = 0; r < 15; r++) {
      const created = (await clients[0]!.post('/api/requests', { kind: 'callback', source: 'phone', name: `Race ${r}`, phone: '07700 900123', message: 'x', centreId })).json();
      const claims = await Promise.all(clients.map((c) => c.post(`/api/requests/${created.id}/claim`, undefined, { 'if-match': `"${created.version}"` })));
      const wins = claims.filter((x) => x.status === 200).length;
      tally.check(wins === 1 && claims.every((x) => [200, 409, 412].includes(x.status)), () => `claim round ${r} across two instances: ${claims.map((x) => x.status).join(',')}`);
      const start = londonAt(7, 6 * 60 + r * 25);
      const books = await Promise.all(clients.map((c) => c.post('/api/appointments', { centreId, clinicianId: chiro.id, patientId: patient.id, typeId: FOLLOW_UP_TYPE_ID, start })));
      const booked = books.filter((x) => x.status === 201).length;
      tally.check(booked === 1 && books.every((x) => [201, 409].includes(x.status)), () => `booking round ${r} across two instances: ${books.map((x) => x.status).join(',')}`);
    }

    // Kill A while both take writes; B carries on and nothing acknowledged is lost.
    const acked: string[] = [];
    let writing = true;
    let bAfterKill = 0;
    let killed = false;
    const writer = (server: Server) => (async () => {
      let i = 0;
      while (writing) {
        try {
          const res = await fetch(`${server.url}/api/public/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'callback', name: `Survive ${i++}`, phone: '07700 900123', consent: true }) });
          if (res.status === 202) {
            acked.push((await res.json()).reference);
            if (killed && server === b) bAfterKill++;
          } else if (res.status >= 500) tally.fail(`a write to the surviving instance answered ${res.status}`);
        } catch { await sleep(20); }
      }
    })();
    const writers = [writer(a), writer(b), writer(b)];
    await sleep(1500);
    a.child.kill('SIGKILL');
    await a.exited;
    killed = true;
    await sleep(2000);
    writing = false;
    await Promise.all(writers);
    tally.check(bAfterKill > 0, () => 'the surviving instance took no writes after the other was killed');
    const health = await fetch(`${b.url}/api/health`);
    tally.check(health.status === 200, () => `the surviving instance's health: ${health.status}`);
    const stored = new Set((await testDb.db.selectFrom('requests').select('reference').execute()).map((r) => r.reference));
    const lost = acked.filter((r) => !stored.has(r));
    tally.check(lost.length === 0, () => `${lost.length} acknowledged writes lost when an instance was killed`);
    const live = new HttpClient(b.url);
    await live.login(manager.email, manager.password);
    tally.check((await live.get('/api/requests')).status === 200, () => 'the surviving instance cannot serve the queue');
    tally.note(`${acked.length} acknowledged writes around the kill, ${bAfterKill} on the survivor after it`);
  } finally {
    for (const s of servers) await stopServer(s, 'SIGKILL');
    await testDb.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
  return tally;
}
