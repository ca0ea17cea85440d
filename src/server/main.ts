import fs from 'node:fs';
import { buildApp } from './app';
import { loadConfig } from './config';
import { connect, sqliteFilePath } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { DEMO_PASSWORD, seedDemo } from './cli/seed-demo';
import { ensureFirstManager } from './setup';

async function main() {
  const config = loadConfig();
  if (config.demo && !config.databaseUrl) {
    // The demo always starts from the same known state, in its own file, never in the real one.
    const file = sqliteFilePath(config.dataDir, 'clinic-desk-demo.sqlite');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  }
  const conn = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, fileName: config.demo ? 'clinic-desk-demo.sqlite' : undefined });
  await migrateToLatest(conn.db);

  const app = await buildApp({ config, conn });
  if (config.demo) {
    const seeded = await seedDemo(conn.db);
    if (seeded) {
      app.log.info('Demo data loaded');
      console.log(`\n  Demo mode. Sign in as reception@demo.clinic, chiro@demo.clinic or manager@demo.clinic\n  with the password ${DEMO_PASSWORD}\n`);
    }
  } else {
    const firstRun = await ensureFirstManager(conn.db, process.env['FIRST_MANAGER_EMAIL']);
    if (firstRun) {
      console.log(`\n  First run: sign in as ${firstRun.email} with the one-time password\n\n      ${firstRun.oneTimePassword}\n\n  You will be asked to choose a new password. This is shown only once.\n`);
    }
  }

  const shutdown = async () => {
    await app.close();
    await conn.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  await app.listen({ port: config.port, host: config.host });
  console.log(`  Clinic Desk is running at http://localhost:${config.port} (${conn.engine})\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
