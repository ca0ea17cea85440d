/*
 * Karma's entry point: loaded before the specs, whichever of them run (`ng test --include=…` too).
 * It sets TestBed up as the builder's default entry does, plus what every spec relies on.
 */
import { getTestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';
import { type MemoizedSelector } from '@ngrx/store';
import { MockStore } from '@ngrx/store/testing';

getTestBed().initTestEnvironment(BrowserTestingModule, platformBrowserTesting(), {
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
});

/*
 * MockStore.overrideSelector (and provideMockStore's `selectors`) sets a result on the selector
 * object itself, which is shared by every spec. Without this, a role or session chosen by one spec
 * leaks into the next, and results depend on the order Jasmine happens to pick. It lives here, not
 * in a spec file, so that it also holds when only some specs run.
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
