/**
 * Part 2, permissions: every route × every role (anonymous, receptionist, chiropractor, manager,
 * a disabled user, a user of another centre) × a record of the user's own centre and of another.
 *
 * The matrix is the server specs' (src/server/test/permissions.spec.ts checks every registered
 * route against the permission table for each caller and that every refusal is audited; the area
 * specs show another centre's records are 404 on every route and that receptionists get no
 * clinical field; sessions.spec.ts that a role change or disable applies to the next request).
 * Kept in one place, they are run here on this engine so the suite's table shows them, rather
 * than copied into a second matrix that could drift from the first.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Tally } from '../lib/report';
import type { Engine } from '../lib/world';

/** The spec names (describe + it) that make up the matrix, wherever they live. */
const MATRIX_SPECS = [
  'who may call each route',
  'access changes take effect at once',
  'another centre',
  'keeps clinical content from receptionists',
];

export async function permissions(engine: Engine): Promise<Tally> {
  const tally = new Tally('2 permissions', engine);
  const names = `(${MATRIX_SPECS.join('|')})`;
  // The table's own checks (a row per route, none without one) do not depend on the engine: once.
  const filter = `(?=.*\\(${engine}\\))(?=.*${names})` + (engine === 'sqlite' ? '|^permission table ' : '');
  const env = { ...process.env };
  if (engine === 'sqlite') delete env['TEST_DATABASE_URL'];
  const root = process.cwd();
  const run = spawnSync(process.execPath, [
    '--import', 'tsx', path.join(root, 'node_modules/jasmine/bin/jasmine.js'),
    '--config=src/server/test/jasmine.json', `--filter=${filter}`,
  ], { cwd: root, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 600_000 });
  const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
  const summary = /(\d+) specs?, (\d+) failures?/.exec(output);
  if (!summary) {
    tally.fail(`the permission specs did not report (exit ${run.status}): ${output.slice(-800)}`);
    return tally;
  }
  const specs = Number(summary[1]);
  const failures = Number(summary[2]);
  tally.cases = specs;
  const failed = [...output.matchAll(/^\d+\) (.+)$/gm)].map((m) => m[1]!);
  for (const name of failed.slice(0, failures)) tally.fail(name);
  for (let i = failed.length; i < failures; i++) tally.fail('a permission spec failed (see the log above)');
  if (run.status !== 0 && failures === 0) tally.fail(`the permission specs exited ${run.status}`);
  // A filter that matched nothing would pass vacuously: the matrix has a spec per route.
  if (specs < 80) tally.fail(`only ${specs} permission specs ran; the matrix alone has one per route`);
  tally.note(`${specs} specs: the route × role matrix with audited refusals, another centre's records, clinical fields, role changes`);
  return tally;
}
