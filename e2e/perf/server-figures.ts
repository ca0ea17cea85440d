/** Figures 4, 5, 6, 8, 10, 11: the API against baselines served by the same process. */
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/server/db/database';
import { computeAnalytics } from '../../src/server/db/repositories/analytics';
import { listCentres } from '../../src/server/db/repositories/centres';
import { type BenchDb, CHIRO, DEMO_PASSWORD, MANAGER } from './seed';
import { alternate, fmt, load, type LoadResult, loopLoad, median, type Row, type Server, signIn, sleep } from './lib';

export interface Opts {
  /** Seconds per load run. */
  seconds: number;
  rounds: number;
  log: (s: string) => void;
}

// ---------------------------------------------------------------------------------------------
// 4: queue page API vs the raw prepared statements

export interface QueueFigures { product: LoadResult[]; raw: LoadResult[]; seqProduct: number; seqRaw: number }

export async function measureQueueApi(server: Server, o: Opts): Promise<QueueFigures> {
  const s = await signIn(server.base, MANAGER, DEMO_PASSWORD);
  const product = `${server.base}/api/requests?limit=50`;
  const raw = `${server.base}/bench/raw-queue`;
  // Sanity: both answer 200 with 50 rows and the same total.
  const [a, b] = await Promise.all([fetch(product, { headers: { cookie: s.cookie } }), fetch(raw)]);
  const ja = await a.json() as { items: unknown[]; total: number };
  const jb = await b.json() as { items: unknown[]; total: number };
  o.log(`queue: product ${a.status} ${ja.items?.length} rows of ${ja.total}; raw ${b.status} ${jb.items?.length} rows of ${jb.total}`);
  if (a.status !== 200 || ja.items.length !== 50) throw new Error(`queue API answered ${a.status} with ${ja.items?.length} rows`);
  // One request at a time first: the per-request cost of each (median of 5, alternating).
  const one = async (url: string, headers?: Record<string, string>) => {
    const t = performance.now(); const res = await fetch(url, { headers }); await res.arrayBuffer(); return performance.now() - t;
  };
  const seq = await alternate(5, () => one(product, { cookie: s.cookie }), () => one(raw));
  o.log(`queue one at a time: product ${seq.a.map((x) => fmt(x, 0)).join('/')} ms, raw ${seq.b.map((x) => fmt(x, 0)).join('/')} ms`);
  // A page taking ~1 s means 10 connections queue for ~10 s: the runs last long enough to complete some.
  const seconds = Math.max(o.seconds, Math.min(30, Math.ceil(median(seq.a) * 10 / 1000) * 2));
  const runs = await alternate(o.rounds,
    () => load({ url: product, headers: { cookie: s.cookie }, duration: seconds, connections: 10 }),
    () => load({ url: raw, duration: seconds, connections: 10 }));
  return { product: runs.a, raw: runs.b, seqProduct: median(seq.a), seqRaw: median(seq.b) };
}

export function queueRows(label: string, f: QueueFigures): Row[] {
  const ratios = f.product.map((p, i) => p.rps / f.raw[i]!.rps);
  const ratio = median(ratios);
  const p99 = median(f.product.map((p) => p.p99));
  const non2xx = f.product.reduce((s, p) => s + p.non2xx + p.errors, 0);
  return [
    { n: '4a', figure: `queue API page of 50 / 100k (${label}): throughput vs raw prepared statements`, goal: '≥ 0.80×',
      measured: `${fmt(ratio, 2)}× (${fmt(median(f.product.map((p) => p.rps)), 1)} vs ${fmt(median(f.raw.map((p) => p.rps)), 1)} req/s${non2xx ? `, ${non2xx} non-2xx` : ''}; one at a time ${fmt(f.seqProduct, 0)} vs ${fmt(f.seqRaw, 0)} ms)`,
      verdict: ratio >= 0.8 && !non2xx ? 'pass' : 'miss' },
    { n: '4b', figure: `queue API p99 at 10 connections (${label})`, goal: '≤ 50 ms', measured: `${fmt(p99, 0)} ms (p50 ${fmt(median(f.product.map((p) => p.p50)), 0)} ms; ${f.product.reduce((s, p) => s + p.total, 0)} responses)`, verdict: p99 <= 50 && f.product.some((p) => p.total > 0) ? 'pass' : 'miss' },
  ];
}

// ---------------------------------------------------------------------------------------------
// 5: saving a visit vs a bare single insert

export interface SaveFigures { product: LoadResult[]; bare: LoadResult[]; stale: number }

export async function measureVisitSave(server: Server, bench: BenchDb, o: Opts): Promise<SaveFigures> {
  const s = await signIn(server.base, CHIRO, DEMO_PASSWORD);
  const chiro = await bench.db.selectFrom('staff').select('id').where('email', '=', CHIRO).executeTakeFirstOrThrow();
  const patients = await bench.db.selectFrom('visits').select('patient_id').distinct().where('clinician_id', '=', chiro.id).limit(10).execute();
  // One draft visit per connection (copied from the patient's last visit: a typical exam with findings).
  const visits: { id: string; version: number; content: unknown }[] = [];
  for (const p of patients) {
    const res = await fetch(`${server.base}/api/patients/${p.patient_id}/visits`, {
      method: 'POST', headers: { ...s.headers, 'content-type': 'application/json' }, body: JSON.stringify({ copyFromLast: true }),
    });
    if (res.status !== 201) throw new Error(`start visit: ${res.status} ${await res.text()}`);
    const v = await res.json() as { id: string; version: number; content: unknown };
    visits.push(v);
  }
  if (visits.length < 10) throw new Error(`only ${visits.length} patients with visits`);
  const body = JSON.stringify({ content: visits[0]!.content });
  o.log(`visit save body ${body.length} bytes, ${visits.length} draft visits`);
  let stale = 0;
  const statuses: Record<number, number> = {};
  const headers = { ...s.headers, 'content-type': 'application/json' };
  const versions = visits.map((v) => v.version);
  const productRun = (seconds: number) => loopLoad(seconds, 10, async (w) => {
    const res = await fetch(`${server.base}/api/visits/${visits[w]!.id}`, { method: 'PUT', headers: { ...headers, 'if-match': `"${versions[w]}"` }, body });
    await res.arrayBuffer();
    if (res.status === 200) versions[w] = Number(/\d+/.exec(res.headers.get('etag') ?? '')?.[0]);
    else { if (res.status === 412) stale++; statuses[res.status] = (statuses[res.status] ?? 0) + 1; }
    return res.status;
  });
  const bareRun = (seconds: number) => loopLoad(seconds, 10, async () => {
    const res = await fetch(`${server.base}/bench/insert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    return res.status;
  });
  await productRun(2);
  await bareRun(2);
  stale = 0;
  const runs = await alternate(o.rounds, () => productRun(o.seconds), () => bareRun(o.seconds));
  o.log(`visit save non-200 statuses ${JSON.stringify(statuses)}`);
  return { product: runs.a, bare: runs.b, stale };
}

export function saveRows(label: string, f: SaveFigures): Row[] {
  const ratio = median(f.product.map((p, i) => p.rps / f.bare[i]!.rps));
  const bad = f.product.reduce((s, p) => s + p.non2xx + p.errors, 0);
  return [{
    n: '5', figure: `visit save PUT /api/visits/:id (${label}) vs bare single-insert route, 10 workers`, goal: '≥ 0.50×',
    measured: `${fmt(ratio, 2)}× (${fmt(median(f.product.map((p) => p.rps)), 0)} vs ${fmt(median(f.bare.map((p) => p.rps)), 0)} req/s, p99 ${fmt(median(f.product.map((p) => p.p99)), 0)} ms${bad ? `, ${bad} non-2xx` : ''})`,
    verdict: ratio >= 0.5 && !bad ? 'pass' : 'miss',
  }];
}

// ---------------------------------------------------------------------------------------------
// 6: intake POST on SQLite, synchronous=FULL; then kill -9 and count what survived

export async function measureIntake(server: Server, bench: BenchDb, o: Opts): Promise<Row[]> {
  const acknowledged: string[] = [];
  let n = 0;
  const result = await load({
    duration: o.seconds * 2, connections: 10, maxRequests: 50_000, url: `${server.base}/api/public/requests`,
    requests: [{
      method: 'POST',
      setupRequest: (req: Record<string, unknown>) => {
        const i = n++;
        return {
          ...req, headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'callback', name: `Intake Bench ${i}`, phone: `07700 9${String(i % 100000).padStart(5, '0')}`, message: 'Stiff lower back since the weekend, please call me back.', consent: true }),
        };
      },
      onResponse: (status: number, body: string) => {
        if (status === 202) acknowledged.push((JSON.parse(body) as { reference: string }).reference);
      },
    }],
  } as never);
  // The hard way: kill -9 right after the last acknowledgement, then read the file.
  server.proc.kill('SIGKILL');
  await sleep(300);
  const file = path.join(bench.dataDir, 'clinic-desk.sqlite');
  const check = new SqliteDatabase(file);
  const stmt = check.prepare('SELECT 1 FROM requests WHERE reference = ?');
  const missing = acknowledged.filter((r) => !stmt.get(r)).length;
  const quarantined = (check.prepare(`SELECT count(*) AS n FROM requests WHERE quarantined = 1 AND source = 'web-form' AND name LIKE 'Intake Bench%'`).get() as { n: number }).n;
  check.close();
  return [
    { n: '6a', figure: 'intake POST /api/public/requests, SQLite synchronous=FULL, 10 conn', goal: 'report', measured: `${fmt(result.rps, 0)} req/s, p99 ${fmt(result.p99, 0)} ms (${result.total} sent, ${result.non2xx} non-2xx, ${quarantined} quarantined by the per-address limit)`, verdict: 'info' },
    { n: '6b', figure: 'acknowledged (202) intake references present after kill -9', goal: 'all', measured: `${acknowledged.length - missing} / ${acknowledged.length}`, verdict: missing === 0 && acknowledged.length > 0 ? 'pass' : 'miss' },
  ];
}

// ---------------------------------------------------------------------------------------------
// 10: analytics at a chain's scale

export interface AnalyticsFigures { plans: { sql: string; plan: string; indexed: boolean; table: string }[]; cold: number; warm: number[]; change: number[] }

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Every aggregation computeAnalytics runs, captured through a logging Kysely, with its plan. */
export async function analyticsPlans(bench: BenchDb, from: string, to: string): Promise<AnalyticsFigures['plans']> {
  const captured: CompiledQuery[] = [];
  const log = (event: { level: string; query: CompiledQuery }) => { if (event.level === 'query') captured.push(event.query); };
  let kdb: Kysely<Database>;
  let explain: (q: CompiledQuery) => Promise<string>;
  let raw: SqliteDatabase.Database | null = null;
  let pool: pg.Pool | null = null;
  if (bench.engine === 'sqlite') {
    raw = new SqliteDatabase(path.join(bench.dataDir, 'clinic-desk.sqlite'), { readonly: true });
    kdb = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log });
    explain = async (q) => (raw!.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join('\n');
  } else {
    pool = new pg.Pool({ connectionString: bench.databaseUrl!, max: 4 });
    kdb = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    explain = async (q) => (await pool!.query(`EXPLAIN ${q.sql}`, q.parameters as unknown[])).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  }
  try {
    const centres = await listCentres(kdb);
    captured.length = 0;
    await computeAnalytics(kdb as never, { from, to, centres });
    const out: AnalyticsFigures['plans'] = [];
    for (const q of captured) {
      const plan = await explain(q);
      const table = /from "?(\w+)"?/i.exec(q.sql)?.[1] ?? '?';
      // Index use for the date range: SQLite "SEARCH … USING … INDEX … (received_local_date>? …)" or a PostgreSQL index/bitmap scan
      // whose condition names the date column; a plain SCAN / Seq Scan of a big table is a miss.
      const dateCols = /(received_local_date|start_at|issued_at|visit_date)/;
      const indexed = bench.engine === 'sqlite'
        ? plan.split('\n').some((l) => /SEARCH .* USING .*INDEX/.test(l) && dateCols.test(l))
        : /Index (Only )?Scan|Bitmap Index Scan/.test(plan) && plan.split('\n').some((l) => /Index Cond/.test(l) && dateCols.test(l));
      out.push({ sql: q.sql.replace(/\s+/g, ' '), plan, indexed, table });
    }
    return out;
  } finally {
    await kdb.destroy();
  }
}

export async function measureAnalytics(server: Server, bench: BenchDb, o: Opts): Promise<AnalyticsFigures> {
  const s = await signIn(server.base, MANAGER, DEMO_PASSWORD);
  const page = `${server.base}/api/analytics?from=${isoDay(-29)}&to=${isoDay(0)}`;
  const changed = `${server.base}/api/analytics?from=${isoDay(-89)}&to=${isoDay(0)}`;
  const time = async (url: string) => {
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie: s.cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`analytics ${res.status}`);
    return performance.now() - t;
  };
  const cold = await time(page);
  const warm: number[] = [];
  const change: number[] = [];
  for (let i = 0; i < Math.max(5, o.rounds); i++) { warm.push(await time(page)); change.push(await time(changed)); }
  const plans = await analyticsPlans(bench, isoDay(-29), isoDay(0));
  return { plans, cold, warm, change };
}

export function analyticsRows(label: string, f: AnalyticsFigures, engine: string): Row[] {
  const unindexed = f.plans.filter((p) => !p.indexed);
  const rows: Row[] = [
    { n: '10a', figure: `analytics aggregations use an index for the date range (${engine}, ${label})`, goal: 'all',
      measured: `${f.plans.length - unindexed.length} / ${f.plans.length}${unindexed.length ? ` (not: ${[...new Set(unindexed.map((p) => p.table))].join(', ')})` : ''}`,
      verdict: unindexed.length ? 'miss' : 'pass' },
    { n: '10b', figure: `GET /api/analytics, last 30 days (${engine}, ${label}), median of ${f.warm.length}`, goal: engine === 'sqlite' ? '< 1 s' : 'report',
      measured: `${fmt(median(f.warm), 0)} ms (first call ${fmt(f.cold, 0)} ms)`, verdict: engine === 'sqlite' ? (median(f.warm) < 1000 ? 'pass' : 'miss') : 'info' },
    { n: '10c', figure: `analytics range change to last 90 days (${engine}, ${label}), API time`, goal: '≤ 200 ms',
      measured: `${fmt(median(f.change), 0)} ms`, verdict: median(f.change) <= 200 ? 'pass' : 'miss' },
  ];
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 11: server memory after the big run and a minute of mixed load

export async function measureRss(server: Server, seconds: number): Promise<{ before: number; after: number; load: LoadResult }> {
  const s = await signIn(server.base, MANAGER, DEMO_PASSWORD);
  const before = server.rssMb();
  const result = await load({
    duration: seconds, connections: 10, maxRequests: 2_000_000, url: server.base, headers: { cookie: s.cookie },
    requests: [
      { method: 'GET', path: '/api/requests?limit=50' },
      { method: 'GET', path: '/api/requests?limit=50&offset=500' },
      { method: 'GET', path: `/api/analytics?from=${isoDay(-29)}&to=${isoDay(0)}` },
    ],
  });
  return { before, after: server.rssMb(), load: result };
}
