/**
 * npm run bench [-- --quick] [-- --only=1,4,9,12] [-- --skip-build] [-- --lh-runs=5] [-- --no-pg]
 *
 * Builds the production app, starts real servers on fresh databases it fills itself, measures, and
 * prints one table (figure, goal, measured, pass/miss), also written to e2e/perf/RESULTS.md.
 * Every timing is a ratio against a baseline from the same run (median of ≥3 runs) unless the
 * goal itself is absolute. Each figure is independent: one that fails prints "not measured".
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { measureExamTyping } from './exam-typing';
import { buildApp, figureFirstLoad } from './first-load';
import { launch, measureLighthouse, measureLive, measureQueue, queueRows as browserQueueRows } from './browser';
import { fmt, median, renderTable, ROOT, type Row, type Server, startServer } from './lib';
import { figurePdf } from './pdf';
import { addAppointments, addClinicalRecords, addRequests, type BenchDb, centreIds, closeAllOpen, createBenchDb } from './seed';
import {
  analyticsRows, measureAnalytics, measureIntake, measureQueueApi, measureRss, measureVisitSave, type Opts, type QueueFigures, queueRows, type SaveFigures, saveRows,
} from './server-figures';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const skipBuild = args.includes('--skip-build');
const noPg = args.includes('--no-pg');
const outFile = path.resolve(args.find((a) => a.startsWith('--out='))?.slice(6) ?? path.join(__dirname, 'RESULTS.md'));
const lhRuns = Number(args.find((a) => a.startsWith('--lh-runs='))?.slice(10) ?? 5);
// Findings and sheets scale with the appointments: about one finding per appointment, a sheet for one in four.
const SIZE = quick
  ? { requests: 100_000, appointments: 20_000, findings: 20_000, handouts: 5_000, label: '100k requests / 20k appointments' }
  : { requests: 1_000_000, appointments: 200_000, findings: 200_000, handouts: 50_000, label: '1M requests / 200k appointments' };
const OUT = path.join(ROOT, 'e2e/perf/.out');
fs.mkdirSync(OUT, { recursive: true });

const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);
const opts: Opts = { seconds: quick ? 5 : 8, rounds: 3, log };
const wanted = (n: number) => !only || only.includes(String(n));
const rows: Row[] = [];
const appendix: string[] = [];

/** Runs one figure; a failure becomes a "not measured" row and the rest carry on. */
async function figure(n: number | string, name: string, goal: string, work: () => Promise<Row[]>): Promise<void> {
  log(`--- figure ${n}: ${name}`);
  try {
    const out = await work();
    rows.push(...out);
    for (const r of out) log(`    ${r.n} ${r.figure}: ${r.measured} → ${r.verdict}`);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]!.slice(0, 200);
    log(`    not measured: ${reason}`);
    rows.push({ n: String(n), figure: name, goal, measured: `not measured: ${reason}`, verdict: 'not measured' });
  }
}

const servers: Server[] = [];
const dbs: BenchDb[] = [];
async function server(kind: 'main' | 'harness', bench: BenchDb, label: string): Promise<Server> {
  await bench.close().catch(() => undefined); // the server owns the database while it runs
  const s = await startServer(kind, { DATA_DIR: bench.dataDir, DATABASE_URL: bench.databaseUrl }, path.join(OUT, `${label}.log`));
  servers.push(s);
  return s;
}
async function db(engine: 'sqlite' | 'postgres', label: string): Promise<BenchDb> {
  const t = Date.now();
  const b = await createBenchDb(engine, label);
  dbs.push(b);
  log(`db ${label} (${engine}) demo seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return b;
}
/** Reopens a bench database's connection (after a server used it) for direct reads. */
async function reopen(bench: BenchDb): Promise<BenchDb> {
  const { connect } = await import('../../src/server/db/connect');
  const conn = connect({ databaseUrl: bench.databaseUrl, dataDir: bench.dataDir });
  return { ...bench, conn, db: conn.db, close: async () => { await conn.db.destroy(); } };
}

async function main() {
  log(`Clinic Desk bench, ${quick ? 'quick' : 'full'} size (${SIZE.label}); ${os.cpus().length} CPUs`);

  // 1: the build and first load
  if (!skipBuild) buildApp(log);
  if (wanted(1)) await figure(1, 'first load', '≤ 150 kB; ≤ 0.75× OpenMRS', () => figureFirstLoad(log));

  // Databases for the browser figures (and the PDF's demo handouts).
  let small: BenchDb | null = null;
  let big: BenchDb | null = null;
  if (wanted(2) || wanted(3) || wanted(9) || wanted(7)) {
    small = await db('sqlite', 'q100');
    const ids = await centreIds(small.db);
    await closeAllOpen(small);
    await addRequests(small, { count: 100, open: 100, days: 3, centreIds: ids, startAt: 2_000_000 });
  }
  if (wanted(9) && small) await figure(9, 'PDF', '≤ 1.5× pdfmake', () => figurePdf(small!.db, opts.rounds, log));
  if (wanted(2) || wanted(3)) {
    big = await db('sqlite', 'q10k');
    const ids = await centreIds(big.db);
    await closeAllOpen(big);
    await addRequests(big, { count: 10_000, open: 10_000, days: 14, centreIds: ids, startAt: 3_000_000 });
  }

  let browser: Browser | null = null;
  const getBrowser = async () => (browser ??= await launch());

  // Figures 3 and 2 share the 10,000-request server; 3 also needs the 100-request one.
  if ((wanted(3) && big && small) || (wanted(2) && big)) {
    const bigSrv = await server('main', big!, 'main-q10k');
    if (wanted(3) && small) {
      const smallSrv = await server('main', small, 'main-q100');
      await figure(3, 'queue with 10,000 open requests', '≤ 1,400 DOM; ≤ 1.2×; ≤ 100 ms', async () =>
        browserQueueRows(await measureQueue(await getBrowser(), bigSrv, smallSrv, opts.rounds, log)));
      await smallSrv.stop();
    }
    if (wanted(2)) {
      const r = await reopen(big!);
      const visit = await r.db.selectFrom('visits').select(['id', 'patient_id']).orderBy('visit_date', 'desc').executeTakeFirst();
      await r.close();
      await figure(2, 'Lighthouse 12 desktop', 'LCP ≤ 1.5 s, CLS ≤ 0.05, TBT ≤ 100 ms', () => measureLighthouse(bigSrv, [
        { name: 'queue (10,000 open)', path: '/requests' },
        { name: 'a patient', path: `/patients/${visit?.patient_id}` },
        { name: 'a visit form', path: `/visits/${visit?.id}` },
        { name: 'analytics', path: '/analytics' },
        { name: 'baseline: public request form (no sign-in data)', path: '/request-callback' },
      ], lhRuns, log));
    }
    await bigSrv.stop();
  }

  if (wanted(7)) {
    await figure(7, 'live events', 'p95 ≤ 1 s', async () => {
      const live = await db('sqlite', 'live');
      await closeAllOpen(live);
      const ids = await centreIds(live.db);
      const srv = await server('main', live, 'main-live');
      try { return await measureLive(await getBrowser(), srv, live.dataDir, ids[0]!, log); } finally { await srv.stop(); }
    });
  }
  if (wanted(12)) {
    await figure(12, 'exam typing', 'p95 ≤ 100 ms; ≤ 1.5×', async () => {
      const exam = await db('sqlite', 'exam');
      const srv = await server('main', exam, 'main-exam');
      const r = await reopen(exam);
      try { return await measureExamTyping(await getBrowser(), srv, r, opts.rounds, log); } finally { await r.close(); await srv.stop(); }
    });
  }
  if (browser) await (browser as Browser).close();

  // 4, 5 (and 8): the API on 100,000 requests, SQLite then PostgreSQL
  const sqliteFigures: { queue?: QueueFigures; save?: SaveFigures } = {};
  const pgFigures: { queue?: QueueFigures; save?: SaveFigures } = {};
  for (const engine of ['sqlite', 'postgres'] as const) {
    if (engine === 'postgres' && (noPg || !wanted(8))) continue;
    if (engine === 'sqlite' && !(wanted(4) || wanted(5) || wanted(8))) continue;
    const label = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    let bench: BenchDb;
    try {
      bench = await db(engine, 'q100k');
      const t = Date.now();
      await addRequests(bench, { count: 100_000, open: 100_000, days: 30, centreIds: await centreIds(bench.db), startAt: 4_000_000 });
      log(`100,000 open requests loaded (${engine}) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    } catch (error) {
      rows.push({ n: engine === 'sqlite' ? '4' : '8', figure: `${label} queue database`, goal: '', measured: `not measured: ${(error as Error).message.split('\n')[0]}`, verdict: 'not measured' });
      continue;
    }
    const srv = await server('harness', bench, `harness-q100k-${engine}`);
    const target = engine === 'sqlite' ? sqliteFigures : pgFigures;
    await figure(engine === 'sqlite' ? 4 : '8/4', `queue page API (${label})`, '≥ 0.80×; p99 ≤ 50 ms', async () => {
      target.queue = await measureQueueApi(srv, opts);
      const r = queueRows(label, target.queue);
      return engine === 'sqlite' ? r : r.map((x) => ({ ...x, n: `8·${x.n}`, verdict: 'info' as const, goal: `${x.goal} (info)` }));
    });
    await figure(engine === 'sqlite' ? 5 : '8/5', `visit save (${label})`, '≥ 0.50×', async () => {
      const b2 = await reopen(bench);
      try {
        target.save = await measureVisitSave(srv, b2, opts);
      } finally { await b2.close(); }
      const r = saveRows(label, target.save);
      return engine === 'sqlite' ? r : r.map((x) => ({ ...x, n: `8·${x.n}`, verdict: 'info' as const, goal: `${x.goal} (info)` }));
    });
    await srv.stop();
  }
  if (wanted(8) && !noPg) {
    await figure(8, 'PostgreSQL vs SQLite', '≥ 0.50×', async () => {
      const out: Row[] = [];
      const q = (f?: QueueFigures) => (f ? median(f.product.map((p) => p.rps)) : NaN);
      const s = (f?: SaveFigures) => (f ? median(f.product.map((p) => p.rps)) : NaN);
      const qr = q(pgFigures.queue) / q(sqliteFigures.queue);
      const sr = s(pgFigures.save) / s(sqliteFigures.save);
      out.push({ n: '8a', figure: 'PostgreSQL queue page throughput vs SQLite (same run)', goal: '≥ 0.50×', measured: Number.isFinite(qr) ? `${fmt(qr, 2)}× (${fmt(q(pgFigures.queue), 0)} vs ${fmt(q(sqliteFigures.queue), 0)} req/s)` : 'not measured: a side is missing', verdict: Number.isFinite(qr) ? (qr >= 0.5 ? 'pass' : 'miss') : 'not measured' });
      out.push({ n: '8b', figure: 'PostgreSQL visit save throughput vs SQLite (same run)', goal: '≥ 0.50×', measured: Number.isFinite(sr) ? `${fmt(sr, 2)}× (${fmt(s(pgFigures.save), 0)} vs ${fmt(s(sqliteFigures.save), 0)} req/s)` : 'not measured: a side is missing', verdict: Number.isFinite(sr) ? (sr >= 0.5 ? 'pass' : 'miss') : 'not measured' });
      return out;
    });
  }

  // 6: intake on SQLite with synchronous=FULL, then kill -9
  if (wanted(6)) {
    await figure(6, 'intake POST', 'report; all acknowledged present', async () => {
      const intake = await db('sqlite', 'intake');
      const srv = await server('main', intake, 'main-intake');
      try { return await measureIntake(srv, intake, opts); } finally { await srv.stop(); }
    });
  }

  // 10 and 11: analytics at a chain's scale, then a minute of load and the RSS
  for (const engine of ['sqlite', 'postgres'] as const) {
    if (!(wanted(10) || (engine === 'sqlite' && wanted(11)))) continue;
    if (engine === 'postgres' && noPg) continue;
    let bench: BenchDb;
    try {
      bench = await db(engine, 'analytics');
      const t = Date.now();
      const ids = await centreIds(bench.db);
      await addRequests(bench, { count: SIZE.requests, open: 500, days: 730, centreIds: ids, startAt: 6_000_000 });
      await addAppointments(bench, SIZE.appointments, 730);
      await addClinicalRecords(bench, { findings: SIZE.findings, handouts: SIZE.handouts, days: 730 });
      log(`analytics data (${SIZE.label}, ${engine}) loaded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    } catch (error) {
      rows.push({ n: '10', figure: `analytics database (${engine})`, goal: '', measured: `not measured: ${(error as Error).message.split('\n')[0]}`, verdict: 'not measured' });
      continue;
    }
    const srv = await server('harness', bench, `harness-analytics-${engine}`);
    if (wanted(10)) {
      await figure(10, `analytics (${engine})`, 'indexes; < 1 s; ≤ 200 ms', async () => {
        const b2 = await reopen(bench);
        try {
          const f = await measureAnalytics(srv, b2, opts);
          appendix.push(`### Analytics query plans (${engine}, ${SIZE.label}, last 30 days)\n`);
          f.plans.forEach((p, i) => appendix.push(`${i + 1}. ${p.indexed ? 'index on the date range' : '**no index on the date range**'} (${p.table})\n\n\`\`\`sql\n${p.sql}\n\`\`\`\n\n\`\`\`\n${p.plan}\n\`\`\`\n`));
          console.log(`\nEXPLAIN (${engine}):\n` + f.plans.map((p, i) => `-- ${i + 1} [${p.indexed ? 'indexed' : 'NOT INDEXED'}] ${p.sql.slice(0, 160)}…\n${p.plan}`).join('\n\n') + '\n');
          return analyticsRows(SIZE.label, f, engine);
        } finally { await b2.close(); }
      });
    }
    if (engine === 'sqlite' && wanted(11)) {
      await figure(11, 'server RSS', '≤ 300 MB', async () => {
        const r = await measureRss(srv, 60);
        return [{
          n: '11a', figure: `server RSS after ${SIZE.label} and 60 s of queue+analytics load`, goal: '≤ 300 MB',
          measured: `${fmt(r.after, 0)} MB (before the minute ${fmt(r.before, 0)} MB; ${r.load.total} requests, ${r.load.non2xx} non-2xx)`,
          verdict: r.after <= 300 ? 'pass' : 'miss',
        }];
      });
    }
    await srv.stop();
  }

  // The table
  rows.sort((a, b) => parseFloat(a.n.replace(/^8·/, '8.')) - parseFloat(b.n.replace(/^8·/, '8.')) || a.n.localeCompare(b.n));
  const table = renderTable(rows);
  console.log('\n' + table + '\n');
  const mem = `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  const nproc = execSync('nproc').toString().trim();
  const header = `# Clinic Desk benchmark results\n\n- date: ${new Date().toISOString()}\n- machine: nproc ${nproc}, memory ${mem}, ${os.cpus()[0]?.model ?? ''}, Node ${process.version}, ${os.type()} ${os.release()}\n- size: ${quick ? '--quick' : 'full'} (${SIZE.label}); ${opts.rounds} rounds of ${opts.seconds} s per load figure; Lighthouse ${lhRuns} runs per page\n- command: npm run bench${args.length ? ' -- ' + args.join(' ') : ''}\n- the machine is shared: every timing is a ratio against a baseline from the same run where the goal allows\n`;
  const analysis = fs.existsSync(path.join(ROOT, 'e2e/perf/ANALYSIS.md')) ? '\n' + fs.readFileSync(path.join(ROOT, 'e2e/perf/ANALYSIS.md'), 'utf8') : '';
  fs.writeFileSync(outFile, `${header}\n${table}\n${analysis}\n${appendix.length ? '\n## Appendix\n\n' + appendix.join('\n') : ''}`);
  log(`written ${path.relative(ROOT, outFile)} (${rows.filter((r) => r.verdict === 'miss').length} missed, ${rows.filter((r) => r.verdict === 'not measured').length} not measured)`);
}

main()
  .catch((error) => { console.error(error); process.exitCode = 1; })
  .finally(async () => {
    for (const s of servers) await s.stop().catch(() => undefined);
    for (const d of dbs) await d.drop().catch(() => undefined);
  });
