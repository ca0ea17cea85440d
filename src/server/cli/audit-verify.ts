import fs from 'node:fs';
import { loadConfig } from '../config';
import { connect, sqliteFilePath } from '../db/connect';
import type { Db } from '../db/database';
import { verifyAuditChain } from '../db/repositories/audit';
import { CliError, type CliIo, runCli } from './run';

/* npm run audit:verify: walks the whole audit chain and names the first row altered or removed. */

export async function auditVerify(db: Db, io: Pick<CliIo, 'out' | 'err'>): Promise<number> {
  const result = await verifyAuditChain(db);
  if (result.ok) {
    io.out(`Audit chain verified: ${result.checked} event${result.checked === 1 ? '' : 's'}`);
    return 0;
  }
  io.err(`Audit chain broken at event ${result.firstBadSeq}: ${result.reason}.`);
  const row = await db.selectFrom('audit_events').select(['seq', 'at', 'action', 'actor_id', 'entity_type', 'entity_id'])
    .where('seq', '=', result.firstBadSeq!).executeTakeFirst();
  if (row) {
    io.err(`  event ${row.seq} as stored: ${row.at} ${row.action}${row.actor_id ? ` by ${row.actor_id}` : ''}${row.entity_type ? ` on ${row.entity_type} ${row.entity_id ?? ''}` : ''}`);
  }
  io.err(`${result.checked} events before it verified.`);
  return 1;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const config = loadConfig(io.env, argv);
  const fileName = config.demo ? 'clinic-desk-demo.sqlite' : undefined;
  // Opening a missing SQLite file would create an empty one; there is nothing to verify.
  if (!config.databaseUrl && !fs.existsSync(sqliteFilePath(config.dataDir, fileName))) {
    throw new CliError(`There is no database at ${sqliteFilePath(config.dataDir, fileName)}. Set DATA_DIR to the server's data directory.`);
  }
  const conn = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, fileName });
  try {
    return await auditVerify(conn.db, io);
  } finally {
    await conn.db.destroy();
  }
}

if (require.main === module) runCli(main);
