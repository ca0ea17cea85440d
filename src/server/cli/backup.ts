import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { loadConfig } from '../config';
import { sqliteFilePath } from '../db/connect';
import { checkSqliteFile, fileTimestamp } from '../db/sqlite-file';
import { CliError, type CliIo, runCli } from './run';

/*
 * npm run backup: a consistent copy of the SQLite database while the server keeps running,
 * checked before it is kept, in DATA_DIR/backups/clinic-desk-YYYYMMDD-HHMMSS.sqlite (UTC).
 */

export interface BackupOptions {
  dataDir: string;
  /** The live file's name in dataDir (the demo uses its own). */
  fileName?: string;
  /** Where to put the copy; DATA_DIR/backups by default. */
  backupDir?: string;
  now?: Date;
}

export interface BackupResult {
  file: string;
  auditEvents: number;
}

/** All remaining pages in one step: a step that copies everything cannot be restarted by a writer. */
const ALL_PAGES = 0x7fffffff;

export async function backupSqlite(options: BackupOptions): Promise<BackupResult> {
  const source = sqliteFilePath(options.dataDir, options.fileName);
  if (!fs.existsSync(source)) throw new CliError(`There is no database at ${source}. Set DATA_DIR to the server's data directory.`);
  const backupDir = options.backupDir ?? path.join(options.dataDir, 'backups');
  fs.mkdirSync(backupDir, { recursive: true });

  const stamp = fileTimestamp(options.now);
  let target = path.join(backupDir, `clinic-desk-${stamp}.sqlite`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(backupDir, `clinic-desk-${stamp}-${n}.sqlite`);
  // Written under another name first, so a file with the final name is always a checked backup.
  const partial = `${target}.partial`;

  const live = new SqliteDatabase(source, { fileMustExist: true });
  try {
    // SQLite's online backup API: a consistent snapshot, taken while the server goes on writing.
    await live.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    live.close();
  }

  try {
    const copy = new SqliteDatabase(partial, { fileMustExist: true });
    // One self-contained file, with no -wal beside it, is what a backup should be.
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const check = await checkSqliteFile(partial);
    if (!check.ok) throw new CliError(`The backup failed its check: ${check.problem}. Nothing was kept.`);
    fs.renameSync(partial, target);
    return { file: target, auditEvents: check.audit!.checked };
  } finally {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
  }
}

export const PG_DUMP_ADVICE = [
  'DATABASE_URL points at PostgreSQL: back it up with PostgreSQL\'s own tools, for example',
  '',
  '    pg_dump --format=custom --file=clinic-desk-$(date -u +%Y%m%d-%H%M%S).dump "$DATABASE_URL"',
  '',
  'and restore with pg_restore --clean --if-exists --dbname="$DATABASE_URL" FILE.dump',
];

export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help')) {
    io.out('Usage: npm run backup   (copies DATA_DIR/clinic-desk.sqlite into DATA_DIR/backups and checks the copy)');
    return 0;
  }
  const config = loadConfig(io.env, argv);
  if (config.databaseUrl) {
    for (const line of PG_DUMP_ADVICE) io.err(line);
    return 2;
  }
  const result = await backupSqlite({ dataDir: config.dataDir, fileName: config.demo ? 'clinic-desk-demo.sqlite' : undefined });
  io.out(`Backup written: ${result.file}`);
  io.out(`Integrity check ok; audit chain verified: ${result.auditEvents} event${result.auditEvents === 1 ? '' : 's'}.`);
  return 0;
}

if (require.main === module) runCli(main);
