import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike, Subscription } from 'rxjs';

export interface ReadInTurnsOptions {
  /** A read starts at least this long after the previous one started, so a burst is painted in a few passes, not one per event. */
  gapMs: number;
  /** The most ids one read may carry; the rest wait for the next turn. */
  max: number;
  scheduler?: SchedulerLike;
}

/**
 * How every screen reads the rows behind live events: a read starts at least 400 ms after the
 * previous one, so a burst (100 events a second) costs a few reads and paints in a few passes;
 * at most 200 ids a read, the most the queue list takes (QueueQuerySchema).
 */
export const LIVE_READS: ReadInTurnsOptions = { gapMs: 400, max: 200 };

/**
 * Reads the announced ids in turns: one read at a time, each carrying every id that arrived
 * while the previous one was out (each id once, in order of arrival). An id that arrives during
 * a read is never lost: it waits for the next turn. Answers come out in the order the reads were
 * sent, because only one is ever out.
 */
export function readInTurns<T>(read: (ids: string[]) => Observable<T>, options: ReadInTurnsOptions): OperatorFunction<string, T> {
  const scheduler = options.scheduler ?? asyncScheduler;
  return (ids$) => new Observable<T>((subscriber) => {
    const waiting = new Set<string>();
    let busy = false;
    const reads = new Subscription();
    let timer: Subscription | null = null;
    let lastStart = -Infinity;
    let sourceDone = false;

    const nextTurn = (): void => {
      if (busy || timer) return;
      if (!waiting.size) {
        if (sourceDone) subscriber.complete();
        return;
      }
      const wait = lastStart + options.gapMs - scheduler.now();
      if (wait > 0) {
        timer = scheduler.schedule(() => {
          timer = null;
          nextTurn();
        }, wait);
        return;
      }
      const ids = [...waiting].slice(0, options.max);
      for (const id of ids) waiting.delete(id);
      lastStart = scheduler.now();
      busy = true;
      reads.add(read(ids).subscribe({
        next: (value) => subscriber.next(value),
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          busy = false;
          nextTurn();
        },
      }));
    };

    const source = ids$.subscribe({
      next: (id) => {
        waiting.add(id);
        nextTurn();
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => {
        sourceDone = true;
        nextTurn();
      },
    });
    return () => {
      source.unsubscribe();
      reads.unsubscribe();
      timer?.unsubscribe();
    };
  });
}
