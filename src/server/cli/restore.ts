import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { loadConfig } from '../config';
import { sqliteFilePath } from '../db/connect';
import { migrations } from '../db/migrate';
import { checkSqliteFile, fileTimestamp, sqliteFileInUse } from '../db/sqlite-file';
import { CliError, type CliIo, runCli } from './run';

/*
 * npm run restore FILE: puts a backup in place of the live SQLite database. The server must be
 * stopped; the backup is checked before anything is touched; the database it replaces is kept.
 */

export interface RestoreOptions {
  file: string;
  dataDir: string;
  fileName?: string;
  /** Restore even though something has the live database open. */
  force?: boolean;
  now?: Date;
}

export interface RestoreResult {
  live: string;
  /** Where the database that was replaced now is, or null when there was none. */
  replaced: string | null;
  auditEvents: number;
}

export async function restoreSqlite(options: RestoreOptions): Promise<RestoreResult> {
  const backup = path.resolve(options.file);
  if (!fs.existsSync(backup)) throw new CliError(`There is no file at ${backup}.`);
  const live = sqliteFilePath(options.dataDir, options.fileName);
  if (path.resolve(live) === backup) throw new CliError('That is the live database itself; choose a backup file.');
  if (!options.force && sqliteFileInUse(live)) {
    throw new CliError(`The database ${live} is in use: stop the Clinic Desk server first (or pass --force if you are sure nothing else has it open).`);
  }

  // Work on a copy beside the live file: the backup itself is never opened for writing, and the
  // final rename is atomic because both names are on one file system.
  const staging = `${live}.restoring`;
  for (const leftover of [staging, `${staging}-wal`, `${staging}-shm`]) fs.rmSync(leftover, { force: true });
  fs.mkdirSync(path.dirname(live), { recursive: true });
  fs.copyFileSync(backup, staging);
  try {
    const check = await checkSqliteFile(staging);
    if (!check.ok) throw new CliError(`${backup} was not restored: ${check.problem}. The live database is unchanged.`);
    const copy = new SqliteDatabase(staging, { fileMustExist: true });
    try {
      // An older backup is brought up to date when the server starts; a newer one cannot be run by this version.
      const applied = (copy.prepare('select name from kysely_migration').all() as { name: string }[]).map((row) => row.name);
      const unknown = applied.filter((name) => !(name in migrations));
      if (unknown.length) {
        throw new CliError(`${backup} was not restored: it was made by a newer version of Clinic Desk (migrations ${unknown.join(', ')}). The live database is unchanged.`);
      }
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }

    let replaced: string | null = null;
    if (fs.existsSync(live)) {
      foldWalIntoFile(live);
      replaced = `${live}.replaced-${fileTimestamp(options.now)}`;
      fs.renameSync(live, replaced);
      // A WAL left by a crash belongs to the replaced file: keep it with it, under the name SQLite looks for.
      if (fs.existsSync(`${live}-wal`)) fs.renameSync(`${live}-wal`, `${replaced}-wal`);
      fs.rmSync(`${live}-shm`, { force: true });
    }
    fs.renameSync(staging, live);
    return { live, replaced, auditEvents: check.audit!.checked };
  } finally {
    for (const leftover of [staging, `${staging}-wal`, `${staging}-shm`]) fs.rmSync(leftover, { force: true });
  }
}

/** Checkpoints the live file so the copy kept aside is complete on its own; a damaged file is kept as it is. */
function foldWalIntoFile(file: string) {
  try {
    const db = new SqliteDatabase(file, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  } catch {
    // Restoring is often the answer to a damaged database; it is set aside untouched.
  }
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean' }, demo: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help || positionals.length !== 1) {
    io.err('Usage: npm run restore -- FILE [--force]   (stop the server first)');
    return values.help ? 0 : 2;
  }
  const config = loadConfig(io.env, argv);
  if (config.databaseUrl) {
    io.err('DATABASE_URL points at PostgreSQL: restore a pg_dump with');
    io.err('    pg_restore --clean --if-exists --dbname="$DATABASE_URL" FILE.dump');
    return 2;
  }
  const result = await restoreSqlite({
    file: positionals[0]!, dataDir: config.dataDir, fileName: config.demo ? 'clinic-desk-demo.sqlite' : undefined, force: values.force,
  });
  io.out(`Restored ${path.resolve(positionals[0]!)} as ${result.live} (integrity ok; audit chain verified: ${result.auditEvents} event${result.auditEvents === 1 ? '' : 's'}).`);
  if (result.replaced) io.out(`The database it replaced was kept as ${result.replaced}.`);
  io.out(values.force ? 'Restart the server now: until it restarts it goes on using the replaced file.' : 'Start the server to use it.');
  return 0;
}

if (require.main === module) runCli(main);
