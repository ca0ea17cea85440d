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

/** Distinct statements kept prepared: the app runs a few hundred; `in (…)` lists of every length come and go. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares the SQL of every query it runs, and parsing a statement costs SQLite more than
 * running a typical indexed one (a queue page or a new request is mostly prepare time otherwise).
 * The same text gets the same prepared statement back; least recently used ones are dropped.
 * Safe because Kysely runs one statement at a time on the single connection and never leaves a
 * statement half-read (SQLite re-prepares a cached statement itself after a schema change).
 */
export function withStatementCache(sqlite: SqliteDatabase.Database, size = STATEMENT_CACHE_SIZE): { close(): void; prepare(sql: string): SqliteDatabase.Statement } {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // most recently used goes last
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
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
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }), engine: 'sqlite', sqlite };
}
