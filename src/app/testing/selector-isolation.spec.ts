import { type MemoizedSelector } from '@ngrx/store';
import { MockStore } from '@ngrx/store/testing';

/*
 * MockStore.overrideSelector (and provideMockStore's `selectors`) sets a result on the selector
 * object itself, which is shared by every spec. Without this, a role or session chosen by one spec
 * leaks into the next, and results depend on the order Jasmine happens to pick.
 */
type Resettable = Pick<MemoizedSelector<object, unknown>, 'clearResult' | 'release'>;
const overridden = new Set<Resettable>();
const overrideSelector = MockStore.prototype.overrideSelector;
MockStore.prototype.overrideSelector = function (this: MockStore, selector: unknown, value: unknown) {
  if (typeof selector !== 'string') overridden.add(selector as Resettable);
  return (overrideSelector as (this: MockStore, s: unknown, v: unknown) => unknown).call(this, selector, value);
} as typeof overrideSelector;

afterEach(() => {
  for (const selector of overridden) {
    selector.clearResult();
    selector.release();
  }
  overridden.clear();
});
