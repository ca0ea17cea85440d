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

export async function recordFailure(db: DbOrTrx, rule: ThrottleRule, now = Date.now()): Promise<void> {
  const row = await db.selectFrom('login_throttle').selectAll().where('key', '=', rule.key).executeTakeFirst();
  const windowExpired = !row || Date.parse(row.window_start) + rule.windowMs < now;
  const failures = windowExpired ? 1 : row.failures + 1;
  const windowStart = windowExpired ? new Date(now).toISOString() : row!.window_start;
  const locked = failures >= rule.limit ? new Date(now + rule.lockMs).toISOString() : null;
  if (row) {
    await db.updateTable('login_throttle').set({ failures, window_start: windowStart, locked_until: locked ?? row.locked_until })
      .where('key', '=', rule.key).execute();
  } else {
    await db.insertInto('login_throttle').values({ key: rule.key, failures, window_start: windowStart, locked_until: locked }).execute();
  }
}

export async function clearThrottle(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
