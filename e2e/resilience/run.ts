/**
 * npm run test:resilience: the whole product against what breaks real clinic systems (issue 7).
 *
 * Runs every part on SQLite, and on PostgreSQL too when TEST_DATABASE_URL is set; prints a table of
 * figures (part, engine, cases tried, failures), then `tests: N passed, M failed` where N and M count
 * the table's rows (one part on one engine), and exits non-zero on any failure.
 *
 * Counts come from the environment and default to the issue's; a part that does not reach its count
 * fails. The time budgets are safety nets that stop (and so fail) a part that cannot reach it in time:
 *   RESILIENCE_PARTS=1,2,11         only these parts (numbers as in the list)
 *   RESILIENCE_FUZZ_PUBLIC=5000     cases per public route        RESILIENCE_FUZZ_STAFF=1000  per staff route
 *   RESILIENCE_FUZZ_BUDGET_S=600    seconds for part 1 (both engines at once)   RESILIENCE_FUZZ_WORKERS  per engine
 *   RESILIENCE_ROUNDS=1000          concurrent-edit rounds per engine   RESILIENCE_CONCURRENCY_BUDGET_S=240
 *   RESILIENCE_CRASH_CYCLES=100     kill -9 cycles                      RESILIENCE_CRASH_BUDGET_S=360
 *   RESILIENCE_SESSION_IDS=10000    sessions made for the id check
 *   RESILIENCE_XSS_PAYLOADS=150     RESILIENCE_SEED  fast-check seed (printed, to replay a run)
 */
import './lib/jasmine-shim';
import { envInt, log, type PartResult, type Tally } from './lib/report';
import { ENGINES, type Engine } from './lib/world';

interface PartDef {
  no: number;
  name: string;
  engines: 'both' | 'sqlite' | 'postgres';
  run(engine: Engine): Promise<Tally | Tally[]>;
  /** Runs every engine in one call (part 1: its worker processes share the cores across engines). */
  runAll?(engines: readonly Engine[]): Promise<Tally[]>;
}

const started = Date.now();
const seed = Number(process.env['RESILIENCE_SEED'] ?? Date.now() % 1_000_000);
process.env['RESILIENCE_SEED'] = String(seed);
const only = (process.env['RESILIENCE_PARTS'] ?? '').split(',').map((s) => Number(s.trim())).filter(Boolean);

const PARTS: PartDef[] = [
  {
    no: 1, name: 'hostile input', engines: 'both',
    run: () => Promise.reject(new Error('part 1 runs through runAll')),
    runAll: async (engines) => (await import('./parts/hostile')).hostile(engines, {
      publicCases: envInt('RESILIENCE_FUZZ_PUBLIC', 5000), staffCases: envInt('RESILIENCE_FUZZ_STAFF', 1000),
      budgetMs: envInt('RESILIENCE_FUZZ_BUDGET_S', 600) * 1000, workers: process.env['RESILIENCE_FUZZ_WORKERS'] ? envInt('RESILIENCE_FUZZ_WORKERS', 1) : undefined,
    }),
  },
  { no: 2, name: 'permissions', engines: 'both', run: async (engine) => (await import('./parts/permissions')).permissions(engine) },
  {
    no: 3, name: 'concurrent edits', engines: 'both',
    run: async (engine) => (await import('./parts/concurrency')).concurrency(engine, {
      rounds: envInt('RESILIENCE_ROUNDS', 1000), budgetMs: envInt('RESILIENCE_CONCURRENCY_BUDGET_S', 240) * 1000,
    }),
  },
  { no: 4, name: 'crashes', engines: 'sqlite', run: async () => (await import('./parts/crash')).crash({ cycles: envInt('RESILIENCE_CRASH_CYCLES', 100), budgetMs: envInt('RESILIENCE_CRASH_BUDGET_S', 360) * 1000 }) },
  { no: 5, name: 'sessions and CSRF', engines: 'both', run: async (engine) => (await import('./parts/sessions')).sessions(engine, { ids: envInt('RESILIENCE_SESSION_IDS', 10000) }) },
  { no: 6, name: 'rate limits', engines: 'both', run: async (engine) => (await import('./parts/ratelimit')).rateLimits(engine) },
  { no: 7, name: 'stored XSS', engines: 'sqlite', run: async () => (await import('./parts/xss')).xss({ payloads: envInt('RESILIENCE_XSS_PAYLOADS', 150) }) },
  { no: 8, name: 'audit tamper', engines: 'both', run: async (engine) => (await import('./parts/audit')).auditTamper(engine) },
  { no: 9, name: 'backup and restore', engines: 'both', run: async (engine) => (await import('./parts/backup')).backupRestore(engine) },
  { no: 10, name: 'several instances', engines: 'postgres', run: async () => (await import('./parts/instances')).instances() },
  { no: 11, name: 'headers', engines: 'both', run: async (engine) => (await import('./parts/headers')).headers(engine) },
];

async function main() {
  log(`resilience suite: engines ${ENGINES.join(', ')}; fast-check seed ${seed} (RESILIENCE_SEED=${seed} replays it)`);
  const results: (PartResult & { seconds?: number })[] = [];
  for (const part of PARTS) {
    if (only.length && !only.includes(part.no)) continue;
    const engines = ENGINES.filter((e) => part.engines === 'both' || part.engines === e);
    if (!engines.length) {
      results.push({ part: `${part.no} ${part.name}`, engine: part.engines, cases: 0, failures: 0, samples: [], notes: [], skipped: 'needs TEST_DATABASE_URL' });
      continue;
    }
    const runs: [string, () => Promise<Tally | Tally[]>][] = part.runAll
      ? [[engines.join(' + '), () => part.runAll!(engines)]]
      : engines.map((engine) => [engine, () => part.run(engine)]);
    for (const [engine, go] of runs) {
      const t0 = Date.now();
      log(`part ${part.no} ${part.name} (${engine})…`);
      try {
        const out = await go();
        const seconds = Math.round((Date.now() - t0) / 1000);
        for (const tally of ([] as Tally[]).concat(out)) {
          const r = { ...tally.result(), seconds };
          results.push(r);
          log(`  ${r.part} (${r.engine}): ${r.cases} cases, ${r.failures} failures, ${seconds} s`);
          for (const n of r.notes) log(`    note: ${n}`);
          for (const s of r.samples) log(`    FAIL: ${s}`);
        }
      } catch (error) {
        log(`  part ${part.no} (${engine}) crashed: ${(error as Error).stack}`);
        results.push({ part: `${part.no} ${part.name}`, engine, cases: 0, failures: 1, samples: [String(error)], notes: [], seconds: Math.round((Date.now() - t0) / 1000) });
      }
    }
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  // `required` is the count for the part (cases per route, rounds, cycles) against what the run reached.
  const required = (r: PartResult) => (r.required ? `${r.required.reached}/${r.required.asked} ${r.required.unit}` : '-');
  const width = Math.max(10, ...results.map((r) => required(r).length + 2));
  console.log('\n' + pad('part', 26) + pad('engine', 10) + pad('cases tried', 13) + pad('required', width) + pad('seconds', 9) + 'failures');
  console.log('-'.repeat(66 + width));
  for (const r of results) {
    console.log(pad(r.part, 26) + pad(r.engine, 10) + pad(r.skipped ? '-' : String(r.cases), 13) + pad(r.skipped ? '-' : required(r), width)
      + pad(r.seconds === undefined ? '-' : String(r.seconds), 9) + (r.skipped ? `skipped (${r.skipped})` : String(r.failures)));
  }
  const failed = results.filter((r) => !r.skipped && r.failures > 0).length;
  const passed = results.filter((r) => !r.skipped && r.failures === 0).length;
  console.log(`\nruntime ${Math.round((Date.now() - started) / 1000)} s (the issue allows 1200 s from .ci/run); rows are parts per engine (part 1 runs both engines at once, so its seconds are shared)`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
