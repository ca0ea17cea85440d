/**
 * Part 1, hostile input: every registered /api route through app.inject with fast-check cases.
 * Public routes are called anonymously; staff routes as a signed-in manager with a valid CSRF token
 * (routes a manager may not call, such as writing a visit, as the chiropractor: deeper coverage).
 */
import fc from 'fast-check';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { getSetting, putSetting } from '../../../src/server/db/repositories/settings';
import { NAUGHTY } from '../lib/naughty';
import { arbFor, EXTRA_KEYS, hostileJson, MARKER, naughty } from '../lib/arbs';
import { log, type PartResult, Tally } from '../lib/report';
import { type Agent, agent, buildWorld, createStaff, type Engine, type Route, TEST_HOST, TEST_ORIGIN, type TestStaff, type World } from '../lib/world';

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'Application/Json; Charset=UTF-8', 'application/json\t;',
  'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/xml',
  'application/json; charset=latin1', 'application/vnd.api+json', '', 'application/json, text/plain', '*/*',
];
const RAW_BODIES: (string | Buffer)[] = [
  Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), // {"name":"\xc3("}
  Buffer.from('{"name":"a\u0000b","kind":"callback","consent":true}'), Buffer.from([0x7b, 0x00, 0x7d]), Buffer.from('\ufeff{"a":1}'),
  '{', '{"a":', 'null', '[]', '"text"', '123', 'true', '{"a":1}{"b":2}', '{"a":1,}', "{'a':1}", 'a=1&b=2', '\r\n\r\n', '\u0000',
  '['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000), '{"__proto__":{"polluted":"' + MARKER + '"}}',
  '{"constructor":{"prototype":{"polluted":"' + MARKER + '"}}}', '{"name":"\\ud800\\udc00\\udbff"}', '{"x":1e99999}', '{"x":-0}',
];

/** Valid bodies for the routes that store free text: the fuzzer swaps hostile text into their text fields. */
const TEMPLATES: Record<string, (w: World) => Record<string, unknown>> = {
  'POST /api/public/requests': () => ({ kind: 'callback', name: 'Mary', phone: '07700 900123', consent: true }),
  'POST /api/requests': (w) => ({ kind: 'callback', source: 'phone', name: 'Mary', phone: '07700 900123', message: '', centreId: w.centreA }),
  'POST /api/patients': (w) => ({ centreId: w.centreA, givenName: 'Mary', familyName: 'Smith', dateOfBirth: '1980-03-14' }),
};
const TEXT_FIELDS: Record<string, string[]> = {
  'POST /api/public/requests': ['name', 'message', 'website', 'email'],
  'POST /api/requests': ['name', 'message', 'email'],
  'POST /api/patients': ['givenName', 'familyName', 'address', 'gpPractice'],
};

interface Case {
  bodyKind: number; // 0-5 schema-shaped, 6 random json, 7 raw, 8 oversize
  extra: number; // 0 none, 1 forbidden fields, 2 prototype keys
  contentType: number; // index, or -1 for the normal one
  body: unknown;
  raw: number;
  query: unknown;
  queryKind: number;
  params: string[];
  seed: number;
}

function protoClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return Object.keys(Object.prototype).length === 0 && probe['polluted'] === undefined && probe['isAdmin'] === undefined
    && Object.getOwnPropertyNames(Object.prototype).every((n) => n !== 'polluted' && n !== 'isAdmin');
}

function errorBodyOk(body: string): boolean {
  try {
    const parsed = JSON.parse(body);
    return typeof parsed?.error?.code === 'string' && parsed.error.code.length > 0 && typeof parsed.error.message === 'string' && parsed.error.message.length > 0;
  } catch {
    return false;
  }
}

function toQuery(value: unknown, kind: number): string {
  if (kind === 1) return ['a[b]=1', '__proto__[polluted]=1', 'constructor[prototype][polluted]=1', '%ZZ', '%00', 'limit=-1', 'limit=1e99', 'q=%E0%A4%A', '&&&', 'x=' + 'y'.repeat(9000)][Math.floor(Math.random() * 10)]!;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(v)) for (const item of v) params.append(k, typeof item === 'string' ? item : JSON.stringify(item));
    else if (v !== undefined) params.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return params.toString();
}

function fillPath(url: string, params: string[]): string {
  let i = 0;
  return url.replace(/:\w+/g, () => { const v = params[i++] ?? 'x'; try { return encodeURIComponent(v); } catch { return v === '\ud800' ? '%ED%A0%80' : encodeURIComponent((v as any).toWellFormed()); } });
}

/** A slice of one route's cases; slices of a route together make its required count. */
interface Task {
  route: string; // "METHOD /url", or 'naughty' for the deterministic naughty-string pass
  offset: number;
  count: number;
}
type ToWorker = { task: Task; deadline: number } | { finish: true };
type FromWorker =
  | { routes: { key: string; isPublic: boolean }[] }
  | { taskDone: { route: string; cases: number } }
  | { final: PartResult };

const WORKER = path.join(__dirname, 'hostile-worker.ts');

/**
 * Part 1 on every engine at once. The cases are CPU-bound in the app itself (about 3 ms each on SQLite,
 * more on PostgreSQL), and the issue's counts come to about 107,000 requests per engine, so they are
 * spread over worker processes (RESILIENCE_FUZZ_WORKERS per engine, each with its own world) that take
 * slices of routes from one queue: the slow routes (PDF rendering, password hashing) do not hold up
 * the rest, and the engines share the cores. Every route must reach its count; the time budget only
 * stops a run that cannot, and the shortfall is a failure.
 */
export async function hostile(engines: readonly Engine[], opts: { publicCases: number; staffCases: number; budgetMs: number; workers?: number }): Promise<Tally[]> {
  const deadline = Date.now() + opts.budgetMs;
  // A SQLite worker is CPU-bound, so one per core; a PostgreSQL worker spends much of each case
  // waiting on round trips to the database, so twice as many keep the cores busy.
  const cores = Math.max(1, os.availableParallelism());
  return Promise.all(engines.map((engine) => hostileOn(engine, { ...opts, workers: opts.workers ?? (engine === 'postgres' ? 2 * cores : cores) }, deadline)));
}

async function hostileOn(engine: Engine, opts: { publicCases: number; staffCases: number; budgetMs: number; workers: number }, deadline: number): Promise<Tally> {
  const tally = new Tally('1 hostile input', engine);
  const started = Date.now();
  const done = new Map<string, { cases: number; target: number }>();
  let queue: Task[] | null = null;
  const chunk = (target: number) => Math.max(50, Math.ceil(target / 4 / 50) * 50);
  const plan = (routes: { key: string; isPublic: boolean }[]): Task[] => {
    const tasks: Task[] = [{ route: 'naughty', offset: 0, count: NAUGHTY.length * 2 }];
    for (const r of routes) {
      const target = r.isPublic ? opts.publicCases : opts.staffCases;
      done.set(r.key, { cases: 0, target });
      for (let offset = 0; offset < target; offset += chunk(target)) tasks.push({ route: r.key, offset, count: Math.min(chunk(target), target - offset) });
    }
    return tasks;
  };
  const worker = () => new Promise<void>((resolve) => {
    const child = fork(WORKER, [engine], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let final = false;
    const next = () => {
      const task = Date.now() < deadline ? queue!.shift() : undefined;
      child.send((task ? { task, deadline } : { finish: true }) satisfies ToWorker);
    };
    child.on('message', (m: FromWorker) => {
      if ('routes' in m) {
        queue ??= plan(m.routes);
        next();
      } else if ('taskDone' in m) {
        const d = done.get(m.taskDone.route);
        if (d) d.cases += m.taskDone.cases;
        next();
      } else {
        final = true;
        tally.absorb(m.final);
      }
    });
    child.on('exit', (code, signal) => {
      if (!final) tally.fail(`a fuzzing worker (${engine}) died before reporting: exit ${code ?? signal}`);
      resolve();
    });
  });
  const progress = setInterval(() => {
    const sum = [...done.values()].reduce((n, d) => n + d.cases, 0);
    const total = [...done.values()].reduce((n, d) => n + d.target, 0);
    log(`    part 1 (${engine}): ${sum} of ${total} requests, ${queue?.length ?? '?'} slices waiting`);
  }, 60_000);
  await Promise.all(Array.from({ length: Math.max(1, opts.workers) }, worker));
  clearInterval(progress);
  const rows = [...done];
  const publicRoutes = rows.filter(([, d]) => d.target === opts.publicCases).length;
  tally.note('GET /api/events (an endless SSE stream) is exercised by parts 4 and 9, not fuzzed through inject');
  tally.note(`routes fuzzed: ${rows.length} (${publicRoutes} public, ${rows.length - publicRoutes} staff) by ${opts.workers} workers; ${rows.reduce((n, [, d]) => n + d.cases, 0)} requests; took ${Math.round((Date.now() - started) / 1000)} s`);
  const short = rows.filter(([, d]) => d.cases < d.target);
  tally.require(rows.length - short.length, rows.length, `routes with ${opts.publicCases} (public) / ${opts.staffCases} (staff) cases`,
    `the ${Math.round(opts.budgetMs / 1000)} s budget (RESILIENCE_FUZZ_BUDGET_S) ran out with ${short.map(([k, d]) => `${k}: ${d.cases}`).join('; ')}`);
  return tally;
}

/** One worker process (parts/hostile-worker.ts): its own world on `engine`, fuzzing the slices it is handed. */
export async function hostileWorker(engine: Engine): Promise<void> {
  const tally = new Tally('1 hostile input', engine);
  const w = await buildWorld(engine);
  // This throwaway database never sees a crash: skip the per-commit fsync (part 4 keeps the real settings).
  w.t.testDb.conn.sqlite?.pragma('synchronous = OFF');
  // Prototype pollution and unhandled rejections are per process, so each worker watches its own.
  let rejections = 0;
  process.on('unhandledRejection', (reason: unknown) => { rejections++; tally.fail(`unhandled rejection: ${String((reason as Error)?.stack ?? reason).slice(0, 300)}`); });
  const pool = [w.ids.patient, w.ids.request, w.ids.appointment, w.ids.visit, w.ids.adviceKey, w.ids.typeId, w.centreA, w.centreB, w.other.id, w.reception.id, w.chiro.id, ...(w.ids.handout ? [w.ids.handout] : [])];
  const routes = w.routes.filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD' && r.url !== '/api/events');
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.url}`, r]));
  // Readers for the read-back checks: accounts of their own, outside the id pool, so no fuzz case edits them.
  const readers = {
    reader: await createStaff(w.t.db, { role: 'receptionist', centreIds: [w.centreA] }),
    manager: await createStaff(w.t.db, { role: 'manager', centreIds: [w.centreA] }),
  };
  const send = (m: FromWorker) => process.send!(m);
  process.on('message', async (m: ToWorker) => {
    if ('finish' in m) {
      // Extras with the marker must never be stored anywhere.
      tally.check(!(await markerStored(w)), () => `the marker value sent only in forbidden extra fields (${EXTRA_KEYS.join(', ')}) or prototype keys was found in the database`);
      tally.check(rejections === 0, () => `${rejections} unhandled rejections`);
      if (readBacks) tally.note(`accepted public submissions read back byte for byte: ${readBacks}`);
      await w.t.close();
      // Exit once the parent has the tally: a stray timer or socket must not keep the worker (and the run) alive.
      process.send!({ final: tally.result() } satisfies FromWorker, () => process.exit(0));
      return;
    }
    const { task } = m;
    // A worker runs slices of many routes in turn: undo what earlier slices did to the accounts and settings.
    for (const who of [w.manager, w.reception, w.chiro, readers.reader, readers.manager]) await restoreAccount(w, who);
    const reader = await w.session(readers.reader);
    const manager = await w.session(readers.manager);
    const cases = task.route === 'naughty' ? await naughtyStrings(w, reader, manager, tally) : await fuzzRoute(w, byKey.get(task.route)!, task, m.deadline, pool, reader, manager, tally);
    send({ taskDone: { route: task.route, cases } });
  });
  send({ routes: routes.map((r) => ({ key: `${r.method} ${r.url}`, isPublic: r.access?.kind === 'public' })) });
}

/** Every naughty string, deterministically, in each text field of the public form: accepted text reads back exactly. */
async function naughtyStrings(w: World, reader: Agent, manager: Agent, tally: Tally): Promise<number> {
  let n = 0;
  for (const text of NAUGHTY) {
    for (const field of ['name', 'message']) {
      const body: Record<string, unknown> = { kind: 'callback', name: 'Naughty', phone: '07700 900123', consent: true, message: 'plain', [field]: text };
      const res = await w.t.app.inject({ method: 'POST', url: '/api/public/requests', headers: { host: TEST_HOST, 'content-type': 'application/json' }, remoteAddress: `10.200.${n % 250}.${(n >> 8) + 1}`, payload: JSON.stringify(body) });
      n++;
      tally.check(res.statusCode < 500, () => `public intake with ${field}=${JSON.stringify(text).slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode === 202) await readBack(w, body, res.json().reference, reader, manager, tally);
      else tally.check(res.statusCode === 400 && errorBodyOk(res.body), () => `public intake with ${field}=${JSON.stringify(text).slice(0, 80)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
  }
  return n;
}

async function markerStored(w: World): Promise<boolean> {
  if (w.t.testDb.engine === 'sqlite') {
    w.t.testDb.conn.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    const file = path.join(w.t.testDb.dataDir, 'clinic-desk.sqlite');
    return fs.readFileSync(file).includes(MARKER);
  }
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(w.t.db);
  for (const { table_name } of tables.rows) {
    const hit = await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)} t where t::text like ${'%' + MARKER + '%'}`.execute(w.t.db);
    if (Number(hit.rows[0]?.n) > 0) return true;
  }
  return false;
}

/** Puts a fixture account back as the world made it (a fuzz case may disable it, change its role or force a new password), with nobody required to enrol two-factor. */
async function restoreAccount(w: World, who: TestStaff): Promise<void> {
  await w.t.db.updateTable('staff').set({ must_change_password: 0, active: 1, role: who.role }).where('id', '=', who.id).execute();
  const current = await getSetting<string[]>(w.t.db, 'security.totpRequiredRoles', []);
  if (current.value.length) await putSetting(w.t.db, 'security.totpRequiredRoles', [], current.version);
}

async function fuzzRoute(w: World, route: Route, task: Task, deadline: number, pool: string[], reader: Agent, manager: Agent, tally: Tally): Promise<number> {
  const schema = (route.schema ?? {}) as Record<string, any>;
  const isPublic = route.access?.kind === 'public';
  const roles = route.access?.roles ?? [];
  const who = roles.includes('manager') ? w.manager : roles.includes('chiropractor') ? w.chiro : w.reception;
  let client = isPublic ? agent(w.t.app) : await w.session(who);
  const paramCount = (route.url.match(/:\w+/g) ?? []).length;
  const text = fc.oneof(naughty, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 120 }));
  const template = TEMPLATES[`${route.method} ${route.url}`];
  const bodyArb = template
    ? fc.oneof({ weight: 1, arbitrary: arbFor(schema.body, pool) }, { weight: 2, arbitrary: fc.record({ base: fc.constant(template(w)), name: text, message: text, other: text, key: fc.constantFrom(...TEXT_FIELDS[`${route.method} ${route.url}`]!) }).map(({ base, name, message, other, key }) => ({ ...base, ...(route.url.includes('patients') ? {} : { name, message }), [key]: other })) })
    : arbFor(schema.body, pool);
  const caseArb: fc.Arbitrary<Case> = fc.record({
    bodyKind: fc.nat(8), extra: fc.nat(2), contentType: fc.oneof({ weight: 4, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat(CONTENT_TYPES.length - 1) }),
    body: bodyArb, raw: fc.nat(RAW_BODIES.length - 1),
    query: schema.querystring ? arbFor(schema.querystring, pool) : fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 10 }), { maxKeys: 2 }),
    queryKind: fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1) }),
    params: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...pool) }, { weight: 2, arbitrary: fc.uuid() }, { weight: 2, arbitrary: naughty.filter((s) => s.length > 0 && s.length < 3000) }), { minLength: paramCount, maxLength: paramCount }),
    seed: fc.nat(),
  });
  const seed = Number(process.env['RESILIENCE_SEED'] ?? Date.now() % 1_000_000);
  const name = `${route.method} ${route.url}`;
  let done = 0;
  // Batches of 50 numbered from the start of the route, so a slice's cases do not depend on which worker runs it.
  const batch = 50;
  for (let b = Math.floor(task.offset / batch); done < task.count && Date.now() < deadline; b++) {
    const cases = fc.sample(caseArb, { numRuns: Math.min(batch, task.count - done), seed: seed + b * 7919 + name.length });
    for (const c of cases) {
      if (Date.now() >= deadline) break;
      done++;
      const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
      let payload: string | Buffer | undefined;
      let contentType = 'application/json';
      if (hasBody) {
        if (c.bodyKind <= 5) payload = hostileJson(c.body, schema.body?.properties, c.extra);
        else if (c.bodyKind === 6) payload = JSON.stringify(fc.sample(fc.jsonValue({ maxDepth: 3 }), { numRuns: 1, seed: c.seed })[0]);
        else if (c.bodyKind === 7) payload = RAW_BODIES[c.raw];
        else payload = Buffer.alloc(isPublic ? 40 * 1024 : 300 * 1024, c.seed % 2 ? 0x61 : 0x7b);
        if (c.contentType >= 0) contentType = CONTENT_TYPES[c.contentType]!;
      }
      const qs = toQuery(c.query, c.queryKind);
      const url = fillPath(route.url, c.params) + (qs ? `?${qs}` : '');
      const headers: Record<string, string> = { host: TEST_HOST, origin: TEST_ORIGIN };
      if (client.cookies.size) headers['cookie'] = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const xsrf = client.cookies.get('XSRF-TOKEN');
      if (xsrf && route.method !== 'GET') headers['x-xsrf-token'] = xsrf;
      if (!isPublic && route.method !== 'GET') headers['if-match'] = c.seed % 5 === 0 ? 'garbage' : `"${1 + (c.seed % 3)}"`;
      if (payload !== undefined && contentType !== '') headers['content-type'] = contentType;
      const remoteAddress = `10.${c.seed % 250}.${(c.seed >> 8) % 250}.${(c.seed >> 16) % 250 + 1}`;
      let res;
      try {
        res = await w.t.app.inject({ method: route.method as 'GET', url, headers, remoteAddress, ...(payload !== undefined && { payload }) });
      } catch (error) {
        tally.fail(`${name}: inject threw ${(error as Error).message}`);
        continue;
      }
      const what = () => `${name} [${url.slice(0, 120)}] ct=${JSON.stringify(contentType)} body=${String(payload ?? '').slice(0, 160)}`;
      tally.check(res.statusCode < 500, () => `${what()} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode >= 400) tally.check(errorBodyOk(res.body), () => `${what()} → ${res.statusCode} without the {error:{code,message}} body: ${res.body.slice(0, 200)}`);
      if (res.statusCode < 300 && typeof payload === 'string' && (c.extra > 0) && res.body.includes(MARKER)) tally.fail(`${what()}: an extra field came back in the answer`);
      tally.check(protoClean(), () => `${what()}: Object.prototype was changed`);
      if (!protoClean()) for (const k of Object.getOwnPropertyNames(Object.prototype)) if (k === 'polluted' || k === 'isAdmin') delete (Object.prototype as any)[k];
      if (route.url === '/api/public/requests' && res.statusCode === 202 && typeof payload === 'string' && !contentType.toLowerCase().includes('form')) {
        await readBack(w, JSON.parse(payload), res.json().reference, reader, manager, tally);
      }
      if (!isPublic && (res.statusCode === 401 || (res.statusCode === 403 && /account_setup_required/.test(res.body)))) {
        // The case logged the manager out, disabled them or made them restricted: put things back.
        await restoreAccount(w, who);
        client = await w.session(who);
      }
    }
  }
  return done;
}

let readBacks = 0;
async function readBack(w: World, input: Record<string, any>, reference: string, reader: Agent, manager: Agent, tally: Tally) {
  readBacks++;
  const row = await w.t.db.selectFrom('requests').selectAll().where('reference', '=', reference).executeTakeFirst();
  if (!tally.check(!!row, () => `public intake: reference ${reference} answered 202 but no row`)) return;
  let res = await reader.get(`/api/requests/${row!.id}`);
  if (res.statusCode === 404) res = await manager.get(`/api/requests/${row!.id}`);
  if (!tally.check(res.statusCode === 200, () => `public intake: GET /api/requests/${row!.id} → ${res.statusCode} ${res.body.slice(0, 200)}`)) return;
  const got = res.json();
  const expectName = String(input.name).trim();
  const expectMessage = String(input.message ?? '').trim();
  tally.check(got.name === expectName, () => `public intake: name did not read back byte for byte: sent ${JSON.stringify(input.name)} got ${JSON.stringify(got.name)}`);
  tally.check(got.message === expectMessage, () => `public intake: message did not read back byte for byte: sent ${JSON.stringify(input.message).slice(0, 200)} got ${JSON.stringify(got.message).slice(0, 200)}`);
  const expectCentre = typeof input.centre === 'string' && input.centre.trim() ? input.centre.trim() : null;
  tally.check(row!.centre_id === expectCentre && row!.status === 'new' && row!.holder_id === null && row!.outcome === null,
    () => `public intake: extra fields changed the stored row: centre ${row!.centre_id} status ${row!.status} holder ${row!.holder_id} outcome ${row!.outcome} (sent ${JSON.stringify(input).slice(0, 200)})`);
}
