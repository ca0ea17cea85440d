// Loaded with `node --import` ahead of the server bundle when the crash part starts its next server
// early: it loads every package the bundle requires (the slow part of a cold start), then holds the
// process until a line arrives on stdin, and only then does node run the bundle's main.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const main = process.argv[1] ?? '';
if (main.endsWith('.cjs')) {
  const require = createRequire(main);
  for (const [, name] of fs.readFileSync(main, 'utf8').matchAll(/require\("([^"]+)"\)/g)) require(name);
}
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
