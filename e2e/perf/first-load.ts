/** Figure 1: the initial download from the production build, against OpenMRS 3's static shell. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DIST, ROOT, type Row, fmt } from './lib';

const gz = (buf: Buffer) => zlib.gzipSync(buf, { level: 9 }).length;
const kB = (n: number) => n / 1000;

export function buildApp(log: (s: string) => void): void {
  log('building the production app (npx ng build --stats-json) …');
  // A private output path: other engineers build into dist/clinic-desk on this machine at the same time.
  execFileSync('npx', ['ng', 'build', '--configuration', 'production', '--stats-json', '--output-path', DIST], {
    cwd: ROOT, stdio: ['ignore', fs.openSync(path.join(ROOT, 'e2e/perf/.out/build.log'), 'w'), fs.openSync(path.join(ROOT, 'e2e/perf/.out/build.log'), 'a')],
    timeout: 15 * 60_000, env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
}

interface Metafile { outputs: Record<string, { bytes: number; inputs: Record<string, unknown>; imports: { path: string; kind: string }[] }> }

export function initialFiles(browserDir: string): { initial: string[]; lazy: string[] } {
  const html = fs.readFileSync(path.join(browserDir, 'index.html'), 'utf8');
  const entries = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) entries.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*\bhref="([^"]+)"/g)) entries.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*\bhref="([^"]+)"[^>]*\brel="(?:stylesheet|modulepreload)"/g)) entries.add(m[1]!);
  const initial = new Set<string>();
  const queue = [...entries].filter((f) => !/^https?:/.test(f)).map((f) => f.replace(/^\//, ''));
  while (queue.length) {
    const file = queue.shift()!;
    if (initial.has(file) || !fs.existsSync(path.join(browserDir, file))) continue;
    initial.add(file);
    if (!file.endsWith('.js')) continue;
    const code = fs.readFileSync(path.join(browserDir, file), 'utf8');
    // Static imports only: `import{a}from"./chunk-X.js"`, `import"./chunk-X.js"`, `export{..}from"./x.js"`; never import("…").
    for (const m of code.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$\s{},*]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) queue.push(m[1]!);
  }
  const all = fs.readdirSync(browserDir).filter((f) => /\.(js|css)$/.test(f));
  return { initial: [...initial], lazy: all.filter((f) => f.endsWith('.js') && !initial.has(f)) };
}

function openMrsShell(log: (s: string) => void): { bytes: number; files: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-bench-openmrs-'));
  try {
    log('fetching @openmrs/esm-app-shell@10.0.0 (npm pack) …');
    const tgz = execFileSync('npm', ['pack', '@openmrs/esm-app-shell@10.0.0', '--silent'], { cwd: dir, timeout: 180_000 }).toString().trim().split('\n').pop()!;
    execFileSync('tar', ['xzf', tgz], { cwd: dir });
    const dist = path.join(dir, 'package/dist');
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    // The statically loaded shell: the openmrs.*.js and openmrs.*.css that index.html references.
    const files = [...html.matchAll(/(?:src|href)="[^"]*\/(openmrs\.[0-9a-f]+\.(?:js|css))"/g)].map((m) => m[1]!);
    const bytes = files.reduce((sum, f) => sum + gz(fs.readFileSync(path.join(dist, f))), 0);
    return { bytes, files };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function figureFirstLoad(log: (s: string) => void): Promise<Row[]> {
  const browserDir = path.join(DIST, 'browser');
  const { initial, lazy } = initialFiles(browserDir);
  const initialGz = initial.reduce((sum, f) => sum + gz(fs.readFileSync(path.join(browserDir, f))), 0);
  log(`initial files: ${initial.map((f) => `${f} ${fmt(kB(gz(fs.readFileSync(path.join(browserDir, f)))))} kB gz`).join(', ')}`);
  const rows: Row[] = [];
  rows.push({ n: '1a', figure: 'first load: initial JS+CSS, gzip', goal: '≤ 150 kB', measured: `${fmt(kB(initialGz))} kB (${initial.length} files)`, verdict: kB(initialGz) <= 150 ? 'pass' : 'miss' });
  try {
    const shell = openMrsShell(log);
    const ratio = initialGz / shell.bytes;
    rows.push({ n: '1b', figure: 'first load vs OpenMRS 3 static shell (gzip)', goal: '≤ 0.75×', measured: `${fmt(ratio, 2)}× (${fmt(kB(initialGz))} / ${fmt(kB(shell.bytes))} kB: ${shell.files.join(' + ')})`, verdict: ratio <= 0.75 ? 'pass' : 'miss' });
  } catch (error) {
    rows.push({ n: '1b', figure: 'first load vs OpenMRS 3 static shell', goal: '≤ 0.75×', measured: `not measured: ${(error as Error).message.split('\n')[0]}`, verdict: 'not measured' });
  }
  const sizes = lazy.map((f) => ({ f, bytes: fs.statSync(path.join(browserDir, f)).size })).sort((a, b) => b.bytes - a.bytes);
  const biggest = sizes[0];
  rows.push({ n: '1c', figure: 'largest lazy chunk (raw)', goal: '≤ 250 kB', measured: biggest ? `${fmt(kB(biggest.bytes))} kB (${biggest.f})` : 'none', verdict: !biggest || kB(biggest.bytes) <= 250 ? 'pass' : 'miss' });
  const statsFile = path.join(DIST, 'stats.json');
  if (fs.existsSync(statsFile)) {
    const meta = JSON.parse(fs.readFileSync(statsFile, 'utf8')) as Metafile;
    const byBase = new Map(Object.entries(meta.outputs).map(([k, v]) => [path.basename(k), v]));
    const chartIn = (file: string) => Object.keys(byBase.get(file)?.inputs ?? {}).some((i) => /node_modules\/chart\.js\//.test(i));
    const initialWithChart = initial.filter(chartIn);
    const lazyWithChart = lazy.filter(chartIn);
    rows.push({ n: '1d', figure: 'chart.js in the initial files', goal: 'never', measured: initialWithChart.length ? `in ${initialWithChart.join(', ')}` : `not initial (lazy in ${lazyWithChart.join(', ') || 'no chunk'})`, verdict: initialWithChart.length ? 'miss' : 'pass' });
  } else {
    rows.push({ n: '1d', figure: 'chart.js in the initial files', goal: 'never', measured: 'not measured: no stats.json', verdict: 'not measured' });
  }
  return rows;
}
