import { type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { readInTurns } from './read-in-turns';

describe('readInTurns', () => {
  let scheduler: TestScheduler;
  /** Each read, as the ids it carried and the virtual time it started. */
  let reads: { ids: string[]; at: number }[];

  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    reads = [];
  });

  /** A read that answers `took` frames after it starts, with the ids it carried joined. */
  function reader(took: string): (ids: string[]) => Observable<string> {
    return (ids) => {
      reads.push({ ids, at: scheduler.now() });
      return scheduler.createColdObservable(`${took}(a|)`, { a: ids.join('+') });
    };
  }

  it('reads the first id at once, without waiting for a window', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const ids = hot('a', { a: 'r1' });
      expectObservable(ids.pipe(readInTurns(reader('--'), { gapMs: 10, max: 200 }))).toBe('--a', { a: 'r1' });
    });
    expect(reads).toEqual([{ ids: ['r1'], at: 0 }]);
  });

  it('sends one read at a time; the ids announced meanwhile go together in the next, each once, in order', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const ids = hot('a-bcb--', { a: 'r1', b: 'r2', c: 'r3' });
      // The first read is out from 0 to 5; r2, r3 and r2 again wait, then go in one read.
      expectObservable(ids.pipe(readInTurns(reader('-----'), { gapMs: 0, max: 200 }))).toBe('-----a----b', { a: 'r1', b: 'r2+r3' });
    });
    expect(reads).toEqual([{ ids: ['r1'], at: 0 }, { ids: ['r2', 'r3'], at: 5 }]);
  });

  it('reads an id again when it changes while its read is out, so that change is not lost', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const ids = hot('a-a', { a: 'r1' });
      expectObservable(ids.pipe(readInTurns(reader('-----'), { gapMs: 0, max: 200 }))).toBe('-----a----a', { a: 'r1' });
    });
    expect(reads.map((read) => read.ids)).toEqual([['r1'], ['r1']]);
  });

  it('starts reads at least the gap apart, however quickly they answer', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const ids = hot('ab-c', { a: 'r1', b: 'r2', c: 'r3' });
      expectObservable(ids.pipe(readInTurns(reader('-'), { gapMs: 10, max: 200 }))).toBe('-a---------b', { a: 'r1', b: 'r2+r3' });
    });
    expect(reads).toEqual([{ ids: ['r1'], at: 0 }, { ids: ['r2', 'r3'], at: 10 }]);
  });

  it('splits more ids than one read may carry over the following turns', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const ids = hot('a(bcd)', { a: 'r1', b: 'r2', c: 'r3', d: 'r4' });
      expectObservable(ids.pipe(readInTurns(reader('--'), { gapMs: 0, max: 2 }))).toBe('--a-b-c', { a: 'r1', b: 'r2+r3', c: 'r4' });
    });
    expect(reads.map((read) => read.ids)).toEqual([['r1'], ['r2', 'r3'], ['r4']]);
  });

  it('finishes once the announcements have ended and the last read has answered', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const ids = cold('ab|', { a: 'r1', b: 'r2' });
      expectObservable(ids.pipe(readInTurns(reader('---'), { gapMs: 0, max: 200 }))).toBe('---a--(b|)', { a: 'r1', b: 'r2' });
    });
  });

  it('stops the read that is out when unsubscribed', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const answer = scheduler.createColdObservable('-----(a|)', { a: 'late' });
      const ids = hot('a', { a: 'r1' });
      expectObservable(ids.pipe(readInTurns(() => answer, { gapMs: 0, max: 200 })), '--!').toBe('');
      expectSubscriptions(answer.subscriptions).toBe('^-!');
    });
  });
});
