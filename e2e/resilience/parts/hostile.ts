/**
 * Part 1, hostile input: every registered /api route through app.inject with fast-check cases.
 * Public routes are called anonymously; staff routes as a signed-in manager with a valid CSRF token
 * (routes a manager may not call, such as writing a visit, as the chiropractor: deeper coverage).
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { getSetting, putSetting } from '../../../src/server/db/repositories/settings';
import { NAUGHTY } from '../lib/naughty';
import { arbFor, EXTRA_KEYS, hostileJson, MARKER, naughty } from '../lib/arbs';
import { log, Tally } from '../lib/report';
import { agent, buildWorld, createStaff, type Engine, type Route, TEST_HOST, TEST_ORIGIN, type World } from '../lib/world';

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

export async function hostile(engine: Engine, opts: { publicCases: number; staffCases: number; budgetMs: number }): Promise<Tally> {
  const tally = new Tally('1 hostile input', engine);
  const w = await buildWorld(engine);
  const started = Date.now();
  let rejections = 0;
  const onRejection = (reason: unknown) => { rejections++; tally.fail(`unhandled rejection: ${String((reason as Error)?.stack ?? reason).slice(0, 300)}`); };
  process.on('unhandledRejection', onRejection);
  const pool = [w.ids.patient, w.ids.request, w.ids.appointment, w.ids.visit, w.ids.adviceKey, w.ids.typeId, w.centreA, w.centreB, w.other.id, w.reception.id, w.chiro.id, ...(w.ids.handout ? [w.ids.handout] : [])];
  const routes = w.routes.filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD' && r.url !== '/api/events');
  tally.note('GET /api/events (an endless SSE stream) is exercised by parts 4 and 9, not fuzzed through inject');
  const perRoute: string[] = [];
  const publicRoutes = routes.filter((r) => r.access?.kind === 'public');
  const staffRoutes = routes.filter((r) => r.access?.kind !== 'public');
  const budgetPerRoute = (r: Route) => {
    // Public routes get half the budget between them, the intake the most.
    const share = r.access?.kind === 'public' ? (r.url === '/api/public/requests' ? 0.2 : 0.3 / (publicRoutes.length - 1)) : 0.5 / staffRoutes.length;
    return opts.budgetMs * share;
  };
  let shortRoutes = 0;
  for (const route of [...publicRoutes, ...staffRoutes]) {
    const target = route.access?.kind === 'public' ? opts.publicCases : opts.staffCases;
    const done = await fuzzRoute(w, route, target, budgetPerRoute(route), pool, tally);
    if (done < target) shortRoutes++;
    perRoute.push(`${route.method} ${route.url}: ${done}`);
  }
  // Every naughty string, deterministically, in each text field of the public form: accepted text reads back exactly.
  {
    // The fuzzing above may have required two-factor sign-in for every role or edited the fixtures' accounts: start clean.
    const setting = await getSetting<string[]>(w.t.db, 'security.totpRequiredRoles', []);
    if (setting.value.length) await putSetting(w.t.db, 'security.totpRequiredRoles', [], setting.version);
    const reader = await w.session(await createStaff(w.t.db, { role: 'receptionist', centreIds: [w.centreA] }));
    const manager = await w.session(await createStaff(w.t.db, { role: 'manager', centreIds: [w.centreA] }));
    const anon = agent(w.t.app);
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
    void anon;
  }
  process.off('unhandledRejection', onRejection);
  tally.note(`routes fuzzed: ${routes.length} (${publicRoutes.length} public, ${staffRoutes.length} staff); targets ${opts.publicCases}/public, ${opts.staffCases}/staff route`);
  if (shortRoutes) tally.note(`${shortRoutes} routes stopped short of their target when their share of the ${Math.round(opts.budgetMs / 1000)} s budget ran out (raise RESILIENCE_FUZZ_BUDGET_S): ${perRoute.join('; ')}`);
  else tally.note(`every route reached its target`);
  // Extras with the marker must never be stored anywhere.
  tally.check(!(await markerStored(w)), () => `the marker value sent only in forbidden extra fields (${EXTRA_KEYS.join(', ')}) or prototype keys was found in the database`);
  tally.check(rejections === 0, () => `${rejections} unhandled rejections`);
  tally.note(`accepted public submissions read back byte for byte: ${readBacks}`);
  tally.note(`took ${Math.round((Date.now() - started) / 1000)} s`);
  await w.t.close();
  return tally;
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

async function fuzzRoute(w: World, route: Route, target: number, budgetMs: number, pool: string[], tally: Tally): Promise<number> {
  const schema = (route.schema ?? {}) as Record<string, any>;
  const isPublic = route.access?.kind === 'public';
  const roles = route.access?.roles ?? [];
  const who = roles.includes('manager') ? w.manager : roles.includes('chiropractor') ? w.chiro : w.reception;
  let client = isPublic ? agent(w.t.app) : await w.session(who);
  const reader = await w.session(w.reception);
  const manager = await w.session(w.manager);
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
  const deadline = Date.now() + budgetMs;
  const name = `${route.method} ${route.url}`;
  let done = 0;
  const batch = 50;
  for (let b = 0; done < target && Date.now() < deadline; b++) {
    const cases = fc.sample(caseArb, { numRuns: Math.min(batch, target - done), seed: seed + b * 7919 + name.length });
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
        await w.t.db.updateTable('staff').set({ must_change_password: 0, active: 1, role: who.role }).where('id', '=', who.id).execute();
        const current = await getSetting<string[]>(w.t.db, 'security.totpRequiredRoles', []);
        if (current.value.length) await putSetting(w.t.db, 'security.totpRequiredRoles', [], current.version);
        client = await w.session(who);
      }
    }
  }
  return done;
}

let readBacks = 0;
async function readBack(w: World, input: Record<string, any>, reference: string, reader: ReturnType<typeof agent>, manager: ReturnType<typeof agent>, tally: Tally) {
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
