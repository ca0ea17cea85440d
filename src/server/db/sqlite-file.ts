import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database';
import { type AuditVerification, verifyAuditChain } from './repositories/audit';

/** Tools for SQLite database files that are not (or may not be) the running server's: backups, restores. */

export interface FileCheck {
  ok: boolean;
  /** What PRAGMA integrity_check said: ['ok'] when the file is sound. */
  integrity: string[];
  /** Rows whose foreign key points nowhere. */
  foreignKeyProblems: number;
  isClinicDesk: boolean;
  audit: AuditVerification | null;
  /** Why the file is not fit to use, in words; undefined when ok. */
  problem?: string;
}

/** Opens a file read-write and checks it through and through: pages, foreign keys, audit chain. */
export async function checkSqliteFile(file: string): Promise<FileCheck> {
  const sqlite = new SqliteDatabase(file, { fileMustExist: true });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    let integrity: string[];
    try {
      integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    } catch (error) {
      // Not a database at all ("file is not a database") is as bad as a corrupt one.
      return { ok: false, integrity: [(error as Error).message], foreignKeyProblems: 0, isClinicDesk: false, audit: null, problem: `it is not a readable SQLite database (${(error as Error).message})` };
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      return { ok: false, integrity, foreignKeyProblems: 0, isClinicDesk: false, audit: null, problem: `the integrity check failed: ${integrity.slice(0, 3).join('; ')}` };
    }
    const foreignKeyProblems = (sqlite.pragma('foreign_key_check') as unknown[]).length;
    const tables = new Set((sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((r) => r.name));
    const isClinicDesk = tables.has('audit_events') && tables.has('audit_head') && tables.has('staff') && tables.has('kysely_migration');
    if (!isClinicDesk) {
      return { ok: false, integrity, foreignKeyProblems, isClinicDesk, audit: null, problem: 'it is not a Clinic Desk database' };
    }
    if (foreignKeyProblems > 0) {
      return { ok: false, integrity, foreignKeyProblems, isClinicDesk, audit: null, problem: `${foreignKeyProblems} rows point at records that do not exist` };
    }
    const audit = await verifyAuditChain(db);
    if (!audit.ok) {
      return { ok: false, integrity, foreignKeyProblems, isClinicDesk, audit, problem: `the audit chain is broken at event ${audit.firstBadSeq} (${audit.reason})` };
    }
    return { ok: true, integrity, foreignKeyProblems, isClinicDesk, audit };
  } finally {
    await db.destroy();
  }
}

/**
 * Whether another connection (a running server, another tool) has the database open. Every
 * connection to a WAL database holds a shared lock on it for as long as it is open, so an
 * exclusive transaction only succeeds when nobody else is connected. No pid file to go stale.
 */
export function sqliteFileInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const probe = new SqliteDatabase(file, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    probe.close();
  }
}

/** 20261126-093000: a UTC timestamp for file names that sorts by time. */
export function fileTimestamp(at: Date = new Date()): string {
  return at.toISOString().replace(/\.\d{3}Z$/, '').replace(/-/g, '').replace(/:/g, '').replace('T', '-');
}
