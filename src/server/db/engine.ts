import { type Kysely, SqliteAdapter } from 'kysely';
import type { Engine } from './database';

/** Which engine a Kysely instance (or transaction) talks to, for the few places SQL differs. */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}
