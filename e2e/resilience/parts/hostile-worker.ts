/** A part 1 fuzzing worker: `node --import tsx hostile-worker.ts <engine>`, forked by parts/hostile.ts. */
import '../lib/jasmine-shim';
import type { Engine } from '../lib/world';
import { hostileWorker } from './hostile';

hostileWorker(process.argv[2] as Engine).catch((error) => {
  console.error(error);
  process.exit(1);
});
