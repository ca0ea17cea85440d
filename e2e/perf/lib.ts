/** Shared bench helpers: servers, sign-in, load generation, statistics. Only 127.0.0.1 traffic. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';

export const ROOT = path.resolve(__dirname, '../..');
/** The bench's own production build (not dist/clinic-desk, which others may be rebuilding). */
export const DIST = path.join(ROOT, 'e2e/perf/.out/dist');

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Server {
  port: number;
  base: string;
  proc: ChildProcess;
  /** Resident set size of the server process in MB, from /proc. */
  rssMb(): number;
  stop(): Promise<void>;
}

/**
 * Starts a server process: 'main' is the product's own start (node --import tsx src/server/main.ts),
 * 'harness' is e2e/perf/harness-server.ts (buildApp + baseline routes).
 */
export async function startServer(kind: 'main' | 'harness', env: { DATA_DIR: string; DATABASE_URL?: string | null }, logFile: string): Promise<Server> {
  const port = await freePort();
  const entry = kind === 'main' ? 'src/server/main.ts' : 'e2e/perf/harness-server.ts';
  const out = fs.openSync(logFile, 'a');
  const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: env.DATA_DIR, DATABASE_URL: env.DATABASE_URL ?? '',
      LOG_LEVEL: 'warn', NODE_ENV: 'production', STATIC_DIR: path.join(DIST, 'browser'),
    },
    stdio: ['ignore', out, out],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${kind} server exited (${proc.exitCode}); see ${logFile}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) { proc.kill('SIGKILL'); throw new Error(`${kind} server did not start in 60 s; see ${logFile}`); }
    await sleep(200);
  }
  return {
    port, base, proc,
    rssMb() {
      const status = fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
      return kb / 1024;
    },
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      for (let i = 0; i < 50 && proc.exitCode === null; i++) await sleep(100);
      if (proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}

export interface Session {
  cookie: string;
  xsrf: string;
  sessionId: string;
  userId: string;
  headers: Record<string, string>;
}

export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  const body = await res.json() as { session?: { user?: { id: string }; staff?: { id: string } } };
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const jar = Object.fromEntries(cookies.map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]));
  const cookie = cookies.join('; ');
  const xsrf = decodeURIComponent(jar['XSRF-TOKEN'] ?? '');
  const userId = body.session?.user?.id ?? body.session?.staff?.id ?? '';
  return { cookie, xsrf, sessionId: jar['cd_session'] ?? '', userId, headers: { cookie, 'x-xsrf-token': xsrf, origin: base } };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

/** autocannon, bounded in time and count. */
export async function load(opts: autocannon.Options & { maxRequests?: number }): Promise<LoadResult> {
    // Bounded in time (duration) and in count (maxOverallRequests); `amount` would override the duration.
  const { maxRequests, ...rest } = opts;
  const result = await autocannon({ duration: 5, connections: 10, timeout: 30, ...rest, ...(maxRequests ? { maxOverallRequests: maxRequests } : {}) } as autocannon.Options);
  return {
    // Successful (2xx) responses per second over the run, not autocannon's per-second sample average.
    rps: result['2xx'] / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Runs `a` and `b` alternately `rounds` times and returns each run's figure. */
export async function alternate<T>(rounds: number, a: () => Promise<T>, b: () => Promise<T>): Promise<{ a: T[]; b: T[] }> {
  const out = { a: [] as T[], b: [] as T[] };
  for (let i = 0; i < rounds; i++) {
    out.a.push(await a());
    out.b.push(await b());
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The table

export interface Row {
  n: string;
  figure: string;
  goal: string;
  measured: string;
  verdict: 'pass' | 'miss' | 'info' | 'not measured';
  note?: string;
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : String(n);
}

export function renderTable(rows: Row[]): string {
  const header = ['#', 'figure', 'goal', 'measured', 'result'];
  const lines = rows.map((r) => [r.n, r.figure, r.goal, r.measured, r.verdict]);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines.map((l) => `| ${l.map(esc).join(' | ')} |`),
  ].join('\n');
}

/**
 * A closed-loop load of `connections` workers for `seconds` (and at most `maxRequests`), each
 * awaiting its own request before the next: for requests that depend on the previous answer
 * (autocannon builds a connection's next request before the previous answer is read).
 */
export async function loopLoad(seconds: number, connections: number, send: (worker: number) => Promise<number>, maxRequests = 1_000_000): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0; let non2xx = 0; let errors = 0; let sent = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async (_, worker) => {
    while (Date.now() < end && sent < maxRequests) {
      sent++;
      const t = performance.now();
      try {
        const status = await send(worker);
        latencies.push(performance.now() - t);
        if (status >= 200 && status < 300) ok++; else non2xx++;
      } catch { errors++; }
    }
  }));
  return { rps: ok / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), total: sent, non2xx, errors };
}
