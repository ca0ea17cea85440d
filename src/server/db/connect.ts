import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, Engine } from './database';

export interface Connection {
  db: Kysely<Database>;
  engine: Engine;
  /** The raw SQLite handle, for the online backup API and integrity checks. */
  sqlite?: SqliteDatabase.Database;
  /** The pg pool, for LISTEN/NOTIFY. */
  pool?: pg.Pool;
}

export interface ConnectOptions {
  databaseUrl: string | null;
  /** Directory of the SQLite file; ignored for PostgreSQL. */
  dataDir: string;
  fileName?: string;
}

export function sqliteFilePath(dataDir: string, fileName = 'clinic-desk.sqlite'): string {
  return path.join(dataDir, fileName);
}

export function openSqlite(file: string): SqliteDatabase.Database {
  const sqlite = new SqliteDatabase(file);
  // WAL lets readers carry on during a write; FULL makes an acknowledged commit survive a power cut or kill -9.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

export function connect(options: ConnectOptions): Connection {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client that loses its server must not crash the process.
    pool.on('error', () => undefined);
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), engine: 'postgres', pool };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const sqlite = openSqlite(sqliteFilePath(options.dataDir, options.fileName));
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), engine: 'sqlite', sqlite };
}
