/**
 * Group commit, for the writes that arrive in bursts: new requests and visit saves.
 *
 * Every durable COMMIT waits for the disk: SQLite's with `synchronous=FULL`, PostgreSQL's WAL flush.
 * And every one of these writes appends to the audit chain, whose head is one row, so on either
 * engine they commit one after another. A burst of new requests (a clinic's website after an
 * advert; figure 7 of the bench sends 100 a second), or the autosaves of every clinician's open
 * exam, then queues behind one disk wait each. Here the writes that arrive while the previous batch
 * is being written are run together in ONE transaction and committed with one disk wait. Every
 * caller is answered only after that COMMIT has returned, so an acknowledged write is on disk
 * exactly as before (the kill -9 figure and crash tests hold it to that).
 *
 *  - A job that throws undoes the batch, which runs again with each job in a savepoint of its own:
 *    the failed one is rolled back to its savepoint and its caller gets the error; the others carry
 *    on and commit. (No savepoints otherwise: on PostgreSQL each is a round trip per job.)
 *  - The batch's audit rows and the chain's head are written together just before COMMIT
 *    (AuditTipHold): the head is locked by the first of them until then.
 *  - A COMMIT that fails acknowledges nobody: nothing of the batch is stored, and each of its jobs
 *    is run again alone, so one job whose change the database refuses only at commit (a deferred
 *    constraint) cannot take its neighbours down with it.
 *  - A busy database, a deadlock between instances sharing PostgreSQL, or a reference that
 *    collided is tried again, as `inTransaction` does.
 *
 * Each process batches its own writes; several instances on one PostgreSQL each have their own.
 */
import { sql, type Transaction } from 'kysely';
import type { Database, Db } from './database';
import { holdAuditTip } from './repositories/audit';
import { isTransientDbError } from './repositories/requests';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  attempts: number;
  /** Its last batch failed at COMMIT: run it in a transaction of its own. */
  alone: boolean;
  /** A job of its last batch failed: run it in a savepoint of its own. */
  careful: boolean;
}

/** A bound on one transaction's size, so a flood cannot hold the connection for long. */
export const MAX_BATCH = 50;
const ATTEMPTS = 6;

class GroupCommitter {
  private readonly queue: Job[] = [];
  private draining = false;
  /** Set when jobs were put back after a busy database: the next batch waits a little first. */
  private busy = 0;
  /** Transactions committed, jobs in them, and batches run again in savepoints, for tests and profiling. */
  readonly stats = { commits: 0, jobs: 0, reruns: 0 };

  constructor(private readonly db: Db) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work: work as Work<unknown>, resolve: resolve as (value: unknown) => void, reject, attempts: 0, alone: false, careful: false });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        if (this.busy) {
          // Another process holds the database: give it a moment, as inTransaction does.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * this.busy));
        }
        // better-sqlite3 is synchronous: a transaction runs from BEGIN to COMMIT without ever letting
        // the event loop read a socket. Yielding once to the I/O phase lets every request that arrived
        // meanwhile (during the last fsync, say) reach this queue before the batch is taken.
        // (On PostgreSQL they arrive while the last batch awaits the server anyway.)
        await new Promise((resolve) => setImmediate(resolve));
        await this.batch();
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * One transaction: everything queued when the connection became free (a failed-commit job alone).
   * The jobs run one after another with no savepoint between them: most batches have no failure, and
   * on PostgreSQL a savepoint is a round trip per job. When one does fail, the whole transaction is
   * rolled back and the same jobs run again with a savepoint each, so only the failed one is undone.
   */
  private async batch(): Promise<void> {
    const trx = await this.db.startTransaction().execute().catch((error: unknown) => error as Error);
    if (trx instanceof Error) {
      const waiting = this.queue.splice(0);
      for (const job of waiting) job.attempts++;
      this.retryOrReject(waiting, trx);
      return;
    }
    this.busy = 0;
    // Taken only now: the writes that arrived while we waited for the connection join this commit.
    const first = this.queue.findIndex((job) => job.alone);
    const batch = first === 0 ? this.queue.splice(0, 1) : this.queue.splice(0, Math.min(MAX_BATCH, first === -1 ? this.queue.length : first));
    const careful = batch.some((job) => job.careful);
    // The batch's audit rows and the chain's head are written together, at the end (see AuditTipHold).
    const auditTip = holdAuditTip(trx);
    const done: { job: Job; value: unknown }[] = [];
    let broken: unknown = null;
    for (const [index, job] of batch.entries()) {
      job.attempts++;
      if (!careful) {
        try {
          done.push({ job, value: await job.work(trx) });
        } catch (error) {
          await trx.rollback().execute().catch(() => undefined);
          // Alone, it had no neighbours to keep; otherwise the batch runs again, each job in a savepoint.
          if (batch.length === 1) {
            this.retryOrReject(batch, error);
            return;
          }
          // None of them used up an attempt: the ones run so far give theirs back.
          for (const again of batch) again.careful = true;
          for (const ran of batch.slice(0, index + 1)) ran.attempts--;
          this.queue.unshift(...batch);
          this.stats.reruns++;
          return;
        }
        continue;
      }
      const mark = auditTip.mark();
      try {
        await sql`savepoint job`.execute(trx);
      } catch (error) {
        broken = error;
        this.retryOrReject(batch.slice(index), error);
        break;
      }
      try {
        const value = await job.work(trx);
        // Not released: the next job's savepoint of the same name hides this one, a rollback goes back
        // to the newest, and COMMIT releases them all. One round trip a job fewer on PostgreSQL.
        done.push({ job, value });
      } catch (error) {
        try {
          await sql`rollback to savepoint job`.execute(trx);
          await sql`release savepoint job`.execute(trx);
          auditTip.restore(mark);
        } catch (rollbackError) {
          // The transaction itself is gone (SQLite rolls back the whole of it on some I/O errors).
          broken = rollbackError;
          this.retryOrReject(batch.slice(index + 1), rollbackError);
          this.retryOrReject([job], error);
          break;
        }
        this.retryOrReject([job], error);
      }
    }
    if (!broken) await auditTip.flush(trx).catch((error: unknown) => { broken = error; });
    if (broken) {
      await trx.rollback().execute().catch(() => undefined);
      this.retryOrReject(done.map((d) => d.job), broken);
      return;
    }
    try {
      await trx.commit().execute();
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      if (done.length > 1 && !isTransientDbError(error)) {
        // Which job's change the database refused is unknown: each tries again on its own.
        for (const { job } of done) { job.alone = true; job.attempts--; }
        this.queue.unshift(...done.map((d) => d.job));
      } else {
        this.retryOrReject(done.map((d) => d.job), error);
      }
      return;
    }
    this.stats.commits++;
    this.stats.jobs += done.length;
    // Durable now: only here does any caller hear that its write succeeded.
    for (const { job, value } of done) job.resolve(value);
  }

  private retryOrReject(jobs: Job[], error: unknown): void {
    const again = jobs.filter((job) => isTransientDbError(error) && job.attempts < ATTEMPTS);
    for (const job of jobs) if (!again.includes(job)) job.reject(error);
    if (again.length) {
      this.queue.unshift(...again);
      this.busy = Math.max(...again.map((job) => job.attempts));
    }
  }
}

const committers = new WeakMap<Db, GroupCommitter>();

function committerFor(db: Db): GroupCommitter {
  let committer = committers.get(db);
  if (!committer) committers.set(db, (committer = new GroupCommitter(db)));
  return committer;
}

/**
 * Runs `work` in a transaction and resolves once it has committed durably, sharing the commit
 * with the other writes waiting their turn (see above). `work` must be safe to run again from the
 * start: it may be, after a busy database or a commit that failed.
 */
export function inGroupCommit<T>(db: Db, work: Work<T>): Promise<T> {
  return committerFor(db).run(work);
}

/** How many commits and jobs a database's group committer has made, and batches it ran again (tests and profiling). */
export function groupCommitStats(db: Db): { commits: number; jobs: number; reruns: number } {
  return { ...committerFor(db).stats };
}
