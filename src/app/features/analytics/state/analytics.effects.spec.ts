import { HttpErrorResponse } from '@angular/common/http';
import type { Actions } from '@ngrx/effects';
import type { Action, Store } from '@ngrx/store';
import { type Observable, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { apiError } from '../../../core/http-error';
import type { Analytics } from '../../../../shared/api/analytics';
import type { AnalyticsApi } from '../data/analytics-api';
import { analyticsFixture } from '../testing/fixtures';
import { AnalyticsApiActions, AnalyticsPageActions } from './analytics.actions';
import { loadAnalytics } from './analytics.effects';
import { analyticsFeature, type AnalyticsQuery } from './analytics.feature';
import { CentrePickerActions } from '../../../core/centre/centre.feature';

const QUERY: AnalyticsQuery = { from: '2026-11-01', to: '2026-11-30', centreIds: null, compare: [] };

function storeWith(query: AnalyticsQuery | null, open = true): Store {
  return { select: (selector: unknown) => of(selector === analyticsFeature.selectOpen ? open : query) } as unknown as Store;
}

describe('analytics effects', () => {
  let scheduler: TestScheduler;
  let api: jasmine.SpyObj<AnalyticsApi>;

  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    api = jasmine.createSpyObj<AnalyticsApi>('AnalyticsApi', ['load']);
  });

  const range = AnalyticsPageActions.rangeChanged({ from: '2026-11-01', to: '2026-11-30', preset: 'this-month' });

  it('fetches once the manager stops changing the range', () => {
    const data = analyticsFixture();
    scheduler.run(({ hot, cold, expectObservable }) => {
      api.load.and.returnValue(cold('-r|', { r: data }) as Observable<Analytics>);
      const actions$ = hot<Action>('a 100ms a', { a: range }) as unknown as Actions;
      // Two changes 101 frames apart: one request, 300 ms after the last one.
      expectObservable(loadAnalytics(actions$, api, storeWith(QUERY))).toBe('402ms x', {
        x: AnalyticsApiActions.analyticsLoaded({ data, perCentre: [] }),
      });
    });
    expect(api.load).toHaveBeenCalledOnceWith({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('drops the answer to a question the manager has already left', () => {
    const older = analyticsFixture({ from: 'older' });
    const newer = analyticsFixture({ from: 'newer' });
    scheduler.run(({ hot, cold, expectObservable, expectSubscriptions }) => {
      const first = cold('500ms r|', { r: older });
      const second = cold('500ms r|', { r: newer });
      api.load.and.returnValues(first as Observable<Analytics>, second as Observable<Analytics>);
      const actions$ = hot<Action>('a 399ms b', { a: range, b: AnalyticsPageActions.centreChanged({ centre: 'c1' }) }) as unknown as Actions;
      expectObservable(loadAnalytics(actions$, api, storeWith({ ...QUERY, centreIds: ['c1'] }))).toBe('1200ms x', {
        x: AnalyticsApiActions.analyticsLoaded({ data: newer, perCentre: [] }),
      });
      // The first request is unsubscribed (HttpClient aborts it) when the second starts.
      expectSubscriptions(first.subscriptions).toBe('300ms ^ 399ms !');
    });
    expect(api.load).toHaveBeenCalledWith({ from: '2026-11-01', to: '2026-11-30', centreIds: ['c1'] });
  });

  it('turns a failed request into a failure action and keeps listening', () => {
    const failure = new HttpErrorResponse({ status: 400, error: { error: { code: 'invalid', message: 'Some fields need correcting.' } } });
    const data = analyticsFixture();
    scheduler.run(({ hot, cold, expectObservable }) => {
      api.load.and.returnValues(cold('-#', {}, failure) as Observable<Analytics>, cold('-r|', { r: data }) as Observable<Analytics>);
      const actions$ = hot<Action>('a 999ms b', { a: range, b: AnalyticsPageActions.retryClicked() }) as unknown as Actions;
      expectObservable(loadAnalytics(actions$, api, storeWith(QUERY))).toBe('301ms x 999ms y', {
        x: AnalyticsApiActions.analyticsLoadFailed({ error: apiError(failure) }),
        y: AnalyticsApiActions.analyticsLoaded({ data, perCentre: [] }),
      });
    });
  });

  it('fetches each centre beside the combined figures when comparing', () => {
    const all = analyticsFixture();
    const bath = analyticsFixture({ from: 'bath' });
    const bristol = analyticsFixture({ from: 'bristol' });
    const compare = [{ id: 'c1', name: 'Bath' }, { id: 'c2', name: 'Bristol' }];
    scheduler.run(({ hot, cold, expectObservable }) => {
      api.load.and.returnValues(
        cold('-r|', { r: all }) as Observable<Analytics>, cold('--r|', { r: bath }) as Observable<Analytics>, cold('-r|', { r: bristol }) as Observable<Analytics>,
      );
      const actions$ = hot<Action>('a', { a: AnalyticsPageActions.compareToggled({ compare: true }) }) as unknown as Actions;
      expectObservable(loadAnalytics(actions$, api, storeWith({ ...QUERY, compare }))).toBe('303ms x', {
        x: AnalyticsApiActions.analyticsLoaded({
          data: all,
          perCentre: [{ centreId: 'c1', centreName: 'Bath', data: bath }, { centreId: 'c2', centreName: 'Bristol', data: bristol }],
        }),
      });
    });
    expect(api.load.calls.allArgs()).toEqual([
      [{ from: '2026-11-01', to: '2026-11-30' }],
      [{ from: '2026-11-01', to: '2026-11-30', centreIds: ['c1'] }],
      [{ from: '2026-11-01', to: '2026-11-30', centreIds: ['c2'] }],
    ]);
  });

  it('ignores the toolbar\'s centre picker while the page is not on screen', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const actions$ = hot<Action>('a', { a: CentrePickerActions.centreChosen({ centreId: 'c1' }) }) as unknown as Actions;
      expectObservable(loadAnalytics(actions$, api, storeWith(QUERY, false))).toBe('');
    });
    expect(api.load).not.toHaveBeenCalled();
  });

  it('waits for the page to open before asking for anything', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const actions$ = hot<Action>('a', { a: range }) as unknown as Actions;
      expectObservable(loadAnalytics(actions$, api, storeWith(null))).toBe('');
    });
    expect(api.load).not.toHaveBeenCalled();
  });
});
