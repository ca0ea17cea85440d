import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(__dirname, '../../..');

/** Runs an npm script (or any command) and collects its output. */
export function run(cmd: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 120_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

export interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

let bundled: string | null = null;
/**
 * src/server/main.ts compiled once with esbuild (the same source, node_modules left external): the
 * server then starts in about half the time tsx needs, which is what lets the crash part run many
 * cycles. RESILIENCE_SERVER=tsx runs `node --import tsx src/server/main.ts` instead.
 */
export function serverArgs(): string[] {
  if (process.env['RESILIENCE_SERVER'] === 'tsx') return ['--import', 'tsx', 'src/server/main.ts'];
  if (!bundled) {
    const out = path.join(ROOT, 'node_modules/.cache/resilience/main.cjs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('esbuild').buildSync({ entryPoints: [path.join(ROOT, 'src/server/main.ts')], bundle: true, platform: 'node', format: 'cjs', packages: 'external', outfile: out, logLevel: 'warning' });
    bundled = out;
  }
  return [bundled];
}

/** Starts the real server (src/server/main.ts, see serverArgs) and waits until it listens. */
export async function startServer(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<Server> {
  return prepareServer(env).start(timeoutMs);
}

export interface PreparedServer {
  /** Lets the held process run main and waits until it listens. */
  start(timeoutMs?: number): Promise<Server>;
  /** Ends a held process that will not be needed. */
  cancel(): void;
}

/**
 * A server process spawned ahead of time: node loads the bundle's packages (lib/hold.mjs) and waits
 * before running main, so calling start() costs what a restart must (opening the database, building
 * the app, listening) and not the module loading. The crash part prepares each next server while the
 * current one is being written to, which is what makes 100 kill -9 cycles affordable.
 */
export function prepareServer(env: Record<string, string | undefined>): PreparedServer {
  const child = spawn(process.execPath, ['--import', pathToFileURL(path.join(__dirname, 'hold.mjs')).href, ...serverArgs()], {
    cwd: ROOT, env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${env['PORT']}`;
  return {
    cancel: () => void child.kill('SIGKILL'),
    async start(timeoutMs = 60_000) {
      child.stdin!.end('go\n');
      const t0 = Date.now();
      for (;;) {
        if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${out.slice(-2000)}`);
        try {
          const res = await fetch(`${url}/api/health`);
          if (res.ok) break;
        } catch { /* not yet */ }
        if (Date.now() - t0 > timeoutMs) {
          child.kill('SIGKILL');
          throw new Error(`server did not start in ${timeoutMs} ms: ${out.slice(-2000)}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      return { child, url, output: () => out, exited };
    },
  };
}

export async function stopServer(server: Server, signal: NodeJS.Signals = 'SIGTERM') {
  if (server.child.exitCode === null) server.child.kill(signal);
  await Promise.race([server.exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
}

// Real servers listen on RESILIENCE_PORT_BASE and the 19 ports after it, taken in turn: a part holds
// at most two at once, and a port is free again as soon as its server is killed.
const PORT_BASE = Number(process.env['RESILIENCE_PORT_BASE'] || 4320);
let nextPort = 0;
export function freePort(): number {
  return PORT_BASE + (nextPort++ % 20);
}

/** A tiny cookie-jar HTTP client for a real server: signs in, sends the XSRF header, keeps cookies. */
export class HttpClient {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}
  /** The same cookies (the same session) against another address: a restarted server. */
  at(base: string): HttpClient {
    const moved = new HttpClient(base);
    moved.cookies = this.cookies;
    return moved;
  }
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string; json: () => any; headers: Headers }> {
    const h: Record<string, string> = { origin: this.base, ...headers };
    if (this.cookies.size) h['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const xsrf = this.cookies.get('XSRF-TOKEN');
    if (xsrf && method !== 'GET') h['x-xsrf-token'] = xsrf;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(this.base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, body: text, json: () => JSON.parse(text), headers: res.headers };
  }
  get(path: string) { return this.request('GET', path); }
  post(path: string, body?: unknown, headers?: Record<string, string>) { return this.request('POST', path, body, headers); }
  put(path: string, body?: unknown, headers?: Record<string, string>) { return this.request('PUT', path, body, headers); }
  async login(email: string, password: string) {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.body}`);
    return res;
  }
}
