import { sql } from 'kysely';
import type { DbOrTrx } from '../database';

export interface ThrottleRule {
  key: string;
  /** Failures allowed inside the window; the next attempt is refused. */
  limit: number;
  windowMs: number;
  lockMs: number;
}

/** The first lock in force among the keys, or null. */
export async function lockedUntil(db: DbOrTrx, keys: string[], now = Date.now()): Promise<Date | null> {
  if (keys.length === 0) return null;
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  let latest: Date | null = null;
  for (const row of rows) {
    if (row.locked_until && Date.parse(row.locked_until) > now) {
      const until = new Date(row.locked_until);
      if (!latest || until > latest) latest = until;
    }
  }
  return latest;
}

/**
 * Counts one failure in a single statement. A read-then-write here lost counts under concurrent
 * guesses on PostgreSQL (and two first failures raced to insert the same key), so a burst of
 * parallel guesses got far more than `limit` tries.
 */
export async function recordFailure(db: DbOrTrx, rule: ThrottleRule, now = Date.now()): Promise<void> {
  const nowIso = new Date(now).toISOString();
  const windowStartedBefore = new Date(now - rule.windowMs).toISOString();
  const lockUntil = new Date(now + rule.lockMs).toISOString();
  const restart = sql<boolean>`login_throttle.window_start < ${windowStartedBefore}`;
  const failures = sql<number>`(case when ${restart} then 1 else login_throttle.failures + 1 end)`;
  await sql`
    insert into login_throttle (key, failures, window_start, locked_until)
    values (${rule.key}, 1, ${nowIso}, ${rule.limit <= 1 ? lockUntil : null})
    on conflict (key) do update set
      failures = ${failures},
      window_start = case when ${restart} then ${nowIso} else login_throttle.window_start end,
      locked_until = case when ${failures} >= ${rule.limit} then ${lockUntil} else login_throttle.locked_until end
  `.execute(db);
}

export async function clearThrottle(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
