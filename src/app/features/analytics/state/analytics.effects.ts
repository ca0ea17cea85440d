import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { asyncScheduler, catchError, debounceTime, filter, forkJoin, map, of, type SchedulerLike, switchMap, withLatestFrom } from 'rxjs';
import { CentrePickerActions } from '../../../core/centre/centre.feature';
import { apiError } from '../../../core/http-error';
import { AnalyticsApi } from '../data/analytics-api';
import { AnalyticsApiActions, AnalyticsPageActions } from './analytics.actions';
import { type AnalyticsQuery, analyticsFeature, REFETCH_DEBOUNCE_MS } from './analytics.feature';

/**
 * Any change of range or centre refetches; switchMap drops (and so aborts) the answer to an older
 * question, so the charts never show a range the manager has already left.
 */
export const loadAnalytics = createEffect(
  (actions$ = inject(Actions), api = inject(AnalyticsApi), store = inject(Store), scheduler: SchedulerLike = asyncScheduler) =>
    actions$.pipe(
      ofType(
        AnalyticsPageActions.opened, AnalyticsPageActions.rangeChanged, AnalyticsPageActions.centreChanged,
        AnalyticsPageActions.compareToggled, AnalyticsPageActions.retryClicked, CentrePickerActions.centreChosen,
      ),
      debounceTime(REFETCH_DEBOUNCE_MS, scheduler),
      // The toolbar picker is heard everywhere; only fetch while the page is on screen.
      withLatestFrom(store.select(analyticsFeature.selectOpen), store.select(analyticsFeature.selectQuery)),
      filter(([, open]) => open),
      map(([, , query]) => query),
      filter((query): query is AnalyticsQuery => query !== null),
      switchMap((query) => {
        const base = { from: query.from, to: query.to };
        const combined = api.load(query.centreIds ? { ...base, centreIds: query.centreIds } : base);
        const request = query.compare.length
          ? forkJoin([combined, ...query.compare.map((c) => api.load({ ...base, centreIds: [c.id] }))]).pipe(
            map(([data, ...each]) => AnalyticsApiActions.analyticsLoaded({
              data, perCentre: each.map((d, i) => ({ centreId: query.compare[i].id, centreName: query.compare[i].name, data: d })),
            })),
          )
          : combined.pipe(map((data) => AnalyticsApiActions.analyticsLoaded({ data, perCentre: [] })));
        return request.pipe(catchError((error: unknown) => of(AnalyticsApiActions.analyticsLoadFailed({ error: apiError(error) }))));
      }),
    ),
  { functional: true },
);
