#!/usr/bin/env node
// `npm test`: every suite in one go — Angular unit tests (Karma), server and shared specs
// (Jasmine on Node, on SQLite and on PostgreSQL when TEST_DATABASE_URL is set), the
// end-to-end tests (Playwright against the built app on the real server) and the resilience
// suite (hostile input, concurrency, crashes, restore). It ends with
// one line, `tests: N passed, M failed`, and exits non-zero when anything failed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function findChromium() {
  const candidates = [process.env.CHROME_BIN, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((file) => fs.existsSync(file));
}

function ensureChromium() {
  let chromium = findChromium();
  if (chromium) return chromium;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log("Chromium not found: installing Debian's chromium package (apt-get install -y chromium)...");
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const result = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit' });
    chromium = findChromium();
    if (result.status === 0 && chromium) return chromium;
  }
  console.error('Chromium is needed for the browser tests. Install it with:\n\n    sudo apt-get install -y chromium\n');
  process.exit(1);
}

/** Runs a command, streaming its output, and returns what it printed. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const echo = (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    };
    child.stdout.on('data', echo);
    child.stderr.on('data', echo);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

// ANSI colour codes would break the parsing below.
const strip = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

function karmaCounts(output) {
  const matches = [...strip(output).matchAll(/Executed (\d+) of (\d+)(?: \((\d+) FAILED\))?(?: \(skipped (\d+)\))?/g)];
  const last = matches.at(-1);
  if (!last) return null;
  const executed = Number(last[1]);
  const failed = Number(last[3] ?? 0);
  return { passed: executed - failed, failed };
}

function jasmineCounts(output) {
  const match = /(\d+) specs?, (\d+) failures?/.exec(strip(output));
  if (!match) return null;
  return { passed: Number(match[1]) - Number(match[2]), failed: Number(match[2]) };
}

function playwrightCounts(jsonFile) {
  try {
    const report = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
    const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
    return { passed: expected + flaky, failed: unexpected };
  } catch {
    return null;
  }
}

/** pdftotext and pdfinfo (Debian's poppler-utils) check the printed advice sheets. */
function ensurePoppler() {
  if (spawnSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'ignore' }).status === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log("pdftotext not found: installing Debian's poppler-utils package...");
    spawnSync('apt-get', ['install', '-y', '-qq', 'poppler-utils'], { stdio: 'inherit' });
    if (spawnSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'ignore' }).status === 0) return;
  }
  console.error('The advice-sheet tests read PDFs with pdftotext. Install it with:\n\n    sudo apt-get install -y poppler-utils\n');
  process.exit(1);
}

const chromium = ensureChromium();
ensurePoppler();
const browserEnv = { CHROME_BIN: chromium };
const results = [];

async function suite(name, fn) {
  console.log(`\n=== ${name} ===\n`);
  const started = Date.now();
  const { code, counts } = await fn();
  // A suite that crashed before reporting counts as one failure, never as a pass.
  const final = counts ?? { passed: 0, failed: 1 };
  if (code !== 0 && final.failed === 0) final.failed = 1;
  results.push({ name, ...final, seconds: Math.round((Date.now() - started) / 1000) });
}

await suite('Angular unit tests (Karma, headless Chromium)', async () => {
  const { code, output } = await run('npx', ['ng', 'test', '--watch=false', '--no-progress'], browserEnv);
  return { code, counts: karmaCounts(output) };
});

await suite(`Server and shared specs (Jasmine on Node: SQLite${process.env.TEST_DATABASE_URL ? ' + PostgreSQL' : ''})`, async () => {
  const { code, output } = await run(process.execPath, ['--import', 'tsx', 'node_modules/jasmine/bin/jasmine.js', '--config=src/server/test/jasmine.json']);
  return { code, counts: jasmineCounts(output) };
});

await suite('End-to-end (Playwright, built app, real server)', async () => {
  const build = await run('npx', ['ng', 'build', '--configuration', 'production']);
  if (build.code !== 0) return { code: build.code, counts: null };
  const jsonFile = path.join(os.tmpdir(), `clinic-desk-playwright-${process.pid}.json`);
  const { code } = await run('npx', ['playwright', 'test', '--config', 'e2e/playwright.config.ts', '--reporter=list,json'], {
    ...browserEnv,
    PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile,
  });
  return { code, counts: playwrightCounts(jsonFile) };
});

// The whole-product proofs (issue 7): hostile input, permissions, concurrency, crashes, restore.
await suite('Resilience (npm run test:resilience)', async () => {
  const { code, output } = await run('npm', ['run', '--silent', 'test:resilience'], browserEnv);
  const match = [...strip(output).matchAll(/^tests: (\d+) passed, (\d+) failed$/gm)].at(-1);
  return { code, counts: match ? { passed: Number(match[1]), failed: Number(match[2]) } : null };
});

const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log('\n| suite | passed | failed | seconds |\n|---|---|---|---|');
for (const r of results) console.log(`| ${r.name} | ${r.passed} | ${r.failed} | ${r.seconds} |`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
