/**
 * Part 3, concurrent edits: rounds of 2-8 clients read one record and write it with the same version.
 * Exactly one wins, the rest get 412; without a version 428; the final version counts the wins;
 * every win has its audit row. Claims: one winner. Booking one slot: one 201, the rest 409.
 */
import { getSetting, putSetting } from '../../../src/server/db/repositories/settings';
import { log, Tally } from '../lib/report';
import { type Agent, buildWorld, createStaff, type Engine, FOLLOW_UP_TYPE_ID, ifMatch, londonAt, type World } from '../lib/world';

interface Editor {
  name: string;
  auditAction: string;
  /** GET url, or a function reading the current version. */
  read(a: Agent): Promise<{ version: number; body: (round: number, client: number) => unknown }>;
  url: string;
  entityId: string | null;
  role: 'manager' | 'chiropractor';
}

function editors(w: World): Editor[] {
  const centreUrl = `/api/centres/${w.centreA}`;
  return [
    {
      name: 'PUT /api/centres/:id', auditAction: 'centre.updated', url: centreUrl, entityId: w.centreA, role: 'manager',
      async read(a) {
        const c = (await a.get(centreUrl)).json();
        const { name, address, phone, email, timeZone, openingHours, responseTargets, active } = c;
        return { version: c.version, body: (r, i) => ({ name, address: `${r}-${i} High Street`, phone, email, timeZone, openingHours, responseTargets, active }) };
      },
    },
    {
      name: 'PUT /api/staff/:id', auditAction: 'staff.updated', url: `/api/staff/${w.other.id}`, entityId: w.other.id, role: 'manager',
      async read(a) {
        const s = (await a.get(`/api/staff/${w.other.id}`)).json();
        return { version: s.version, body: (r, i) => ({ name: `Other ${r}-${i}`, role: s.role, centreIds: s.centreIds, active: true }) };
      },
    },
    {
      name: 'PUT /api/patients/:id', auditAction: 'patient.updated', url: `/api/patients/${w.ids.patient}`, entityId: w.ids.patient, role: 'manager',
      async read(a) {
        const p = (await a.get(`/api/patients/${w.ids.patient}`)).json().patient;
        const body = { centreId: p.centreId, givenName: p.givenName, familyName: p.familyName, dateOfBirth: p.dateOfBirth, phone: p.phone, email: p.email, gpPractice: p.gpPractice, nhsNumber: p.nhsNumber, communicationNeeds: p.communicationNeeds, contactConsent: p.contactConsent };
        return { version: p.version, body: (r, i) => ({ ...body, address: `${r}-${i} Mill Lane` }) };
      },
    },
    {
      name: 'PUT /api/requests/:id', auditAction: 'request.edited', url: `/api/requests/${w.ids.request}`, entityId: w.ids.request, role: 'manager',
      async read(a) {
        const q = (await a.get(`/api/requests/${w.ids.request}`)).json();
        return { version: q.version, body: (r, i) => ({ kind: q.kind, name: q.name, phone: q.phone ?? undefined, centreId: q.centreId ?? q.centre?.id, message: `round ${r} client ${i}` }) };
      },
    },
    {
      name: 'PUT /api/visits/:id', auditAction: 'visit.saved', url: `/api/visits/${w.ids.visit}`, entityId: w.ids.visit, role: 'chiropractor',
      async read(a) {
        const v = (await a.get(`/api/visits/${w.ids.visit}`)).json();
        return { version: v.version, body: (r, i) => ({ content: { ...v.content, soap: { ...v.content.soap, subjective: `round ${r} client ${i}` } } }) };
      },
    },
    {
      name: 'PUT /api/advice/modules/:key', auditAction: 'advice.module-updated', url: `/api/advice/modules/${w.ids.adviceKey}`, entityId: null, role: 'manager',
      async read(a) {
        const { current } = (await a.get(`/api/advice/modules/${w.ids.adviceKey}`)).json();
        return { version: current.version, body: (r, i) => ({ module: { ...current.module, title: `Title ${r}-${i}` }, active: true }) };
      },
    },
    {
      name: 'PUT /api/settings/security', auditAction: 'settings.security-updated', url: '/api/settings/security', entityId: null, role: 'manager',
      async read(a) {
        const s = (await a.get('/api/settings/security')).json();
        return { version: s.version, body: (_r, i) => ({ totpRequiredRoles: i % 2 ? ['chiropractor'] : [] }) };
      },
    },
  ];
}

async function auditCount(w: World, action: string, entityId: string | null, afterSeq: number): Promise<number> {
  let q = w.t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', `${action}%`).where('seq', '>', afterSeq);
  if (entityId) q = q.where('entity_id', '=', entityId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
async function headSeq(w: World): Promise<number> {
  return Number((await w.t.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq);
}
const busy = (body: string) => /SQLITE_BUSY|database is locked|deadlock|could not serialize/i.test(body);

export async function concurrency(engine: Engine, opts: { rounds: number; budgetMs: number }): Promise<Tally> {
  const tally = new Tally('3 concurrent edits', engine);
  const w = await buildWorld(engine);
  const started = Date.now();
  const managers: Agent[] = [];
  const chiros: Agent[] = [];
  const desk: Agent[] = [];
  for (let i = 0; i < 8; i++) {
    managers.push(await w.session(await createStaff(w.t.db, { role: 'manager', centreIds: [w.centreA] })));
    desk.push(await w.session(await createStaff(w.t.db, { role: 'receptionist', centreIds: [w.centreA] })));
  }
  for (let i = 0; i < 8; i++) chiros.push(i === 0 ? await w.session(w.chiro) : await w.session(w.chiro));
  const eds = editors(w);
  // A quarter of the rounds each for claims and bookings, the rest shared by the editing routes.
  const claimRounds = Math.floor(opts.rounds / 4);
  const bookRounds = Math.floor(opts.rounds / 4);
  const editRounds = opts.rounds - claimRounds - bookRounds;
  const perEditor = (i: number) => Math.floor(editRounds / eds.length) + (i < editRounds % eds.length ? 1 : 0);
  // The budget is a safety net, not the plan: every round is required, and stopping at it fails the part.
  const deadline = started + opts.budgetMs;
  let roundsDone = 0;
  const k = () => 2 + Math.floor(Math.random() * 7);

  for (const [edIndex, ed] of eds.entries()) {
    const clients = ed.role === 'chiropractor' ? chiros : managers;
    // 428 without a version.
    const first = await ed.read(clients[0]!);
    const noVersion = await clients[0]!.put(ed.url, first.body(0, 0) as Record<string, unknown>);
    tally.check(noVersion.statusCode === 428, () => `${ed.name}: a write without If-Match got ${noVersion.statusCode} ${noVersion.body.slice(0, 200)}`);
    const startVersion = first.version;
    const seq0 = await headSeq(w);
    let wins = 0;
    let r = 0;
    for (; r < perEditor(edIndex) && Date.now() < deadline; r++) {
      const n = k();
      const current = await ed.read(clients[0]!);
      const results = await Promise.all(clients.slice(0, n).map((c, i) => c.put(ed.url, current.body(r, i) as Record<string, unknown>, ifMatch(current.version))));
      const statuses = results.map((x) => x.statusCode);
      const ok = statuses.filter((s) => s === 200).length;
      wins += ok;
      tally.check(ok === 1 && statuses.every((s) => s === 200 || s === 412), () => `${ed.name} round ${r} (${n} clients): statuses ${statuses.join(',')} ${results.find((x) => x.statusCode !== 200 && x.statusCode !== 412)?.body.slice(0, 200) ?? ''}`);
      for (const x of results) if (busy(x.body)) tally.fail(`${ed.name}: a database-busy error reached a client: ${x.body.slice(0, 200)}`);
    }
    roundsDone += r;
    const end = await ed.read(clients[0]!);
    tally.check(end.version === startVersion + wins, () => `${ed.name}: version went ${startVersion} → ${end.version} but ${wins} writes succeeded`);
    const audited = await auditCount(w, ed.auditAction, ed.entityId, seq0);
    tally.check(audited === wins, () => `${ed.name}: ${wins} successful writes but ${audited} '${ed.auditAction}' audit rows`);
    if (ed.name === 'PUT /api/settings/security') {
      // Leave nobody required to enrol two-factor: the claims and bookings below need their sessions.
      const s = await getSetting<string[]>(w.t.db, 'security.totpRequiredRoles', []);
      if (s.value.length) await putSetting(w.t.db, 'security.totpRequiredRoles', [], s.version);
    }
  }

  // Claims: a fresh request per round, n desk users claim it with the same version.
  let claimsDone = 0;
  const seqClaims = await headSeq(w);
  let claimWins = 0;
  for (let r = 0; r < claimRounds && Date.now() < deadline; r++, claimsDone++) {
    const created = await desk[0]!.post('/api/requests', { kind: 'callback', source: 'phone', name: `Claim ${r}`, phone: '07700 900123', message: 'Claim race', centreId: w.centreA });
    if (!tally.check(created.statusCode === 201, () => `claims: creating a request got ${created.statusCode} ${created.body.slice(0, 200)}`)) continue;
    const req = created.json();
    const n = k();
    const results = await Promise.all(desk.slice(0, n).map((c) => c.post(`/api/requests/${req.id}/claim`, undefined, ifMatch(req.version))));
    const statuses = results.map((x) => x.statusCode);
    const ok = statuses.filter((s) => s === 200).length;
    claimWins += ok;
    tally.check(ok === 1 && statuses.every((s) => s === 200 || s === 409 || s === 412), () => `claim round ${r} (${n}): statuses ${statuses.join(',')} ${results.find((x) => x.statusCode >= 500)?.body.slice(0, 200) ?? ''}`);
    const noVersion = r === 0 ? await desk[0]!.post(`/api/requests/${req.id}/claim`) : null;
    if (noVersion) tally.check(noVersion.statusCode === 428, () => `claim without If-Match got ${noVersion.statusCode}`);
  }
  const claimAudits = await auditCount(w, 'request.claimed', null, seqClaims);
  tally.check(claimAudits === claimWins, () => `claims: ${claimWins} winners but ${claimAudits} audit rows`);

  // Booking one slot: n desk users book the same clinician at the same time.
  let booksDone = 0;
  const seqBook = await headSeq(w);
  let bookWins = 0;
  for (let r = 0; r < bookRounds && Date.now() < deadline; r++, booksDone++) {
    const start = londonAt(5 + Math.floor(r / 40), 6 * 60 + (r % 40) * 25);
    const n = k();
    const results = await Promise.all(desk.slice(0, n).map((c) => c.post('/api/appointments', { centreId: w.centreA, clinicianId: w.chiro.id, patientId: w.ids.patient, typeId: FOLLOW_UP_TYPE_ID, start })));
    const statuses = results.map((x) => x.statusCode);
    const ok = statuses.filter((s) => s === 201).length;
    bookWins += ok;
    tally.check(ok === 1 && statuses.every((s) => s === 201 || s === 409), () => `booking round ${r} (${n}) at ${start}: statuses ${statuses.join(',')} ${results.find((x) => x.statusCode !== 201 && x.statusCode !== 409)?.body.slice(0, 200) ?? ''}`);
  }
  const bookAudits = await auditCount(w, 'appointment.booked', null, seqBook);
  tally.check(bookAudits === bookWins, () => `bookings: ${bookWins} winners but ${bookAudits} 'appointment.booked' audit rows`);
  const total = roundsDone + claimsDone + booksDone;
  tally.note(`rounds: ${roundsDone} edit (${eds.length} routes), ${claimsDone} claim, ${booksDone} booking = ${total} of ${opts.rounds}; took ${Math.round((Date.now() - started) / 1000)} s`);
  tally.require(total, opts.rounds, 'rounds', `the ${Math.round(opts.budgetMs / 1000)} s time budget ran out (RESILIENCE_CONCURRENCY_BUDGET_S)`);
  await w.t.close();
  return tally;
}
