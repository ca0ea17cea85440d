import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError, concat, concatMap, debounceTime, distinctUntilChanged, EMPTY, exhaustMap, filter, from, map, mergeMap, of, skip,
  switchMap, tap, withLatestFrom,
} from 'rxjs';
import { authFeature } from '../../../core/auth/auth.feature';
import { centreFeature, CentrePickerActions } from '../../../core/centre/centre.feature';
import { apiError } from '../../../core/http-error';
import { LiveEvents } from '../../../core/live/live-events';
import { RequestsApi } from '../data/requests-api';
import { matchesFilters, rememberFilters } from './queue-filters';
import { queryFor } from './queue-query';
import { LIVE_READS, readInTurns } from '../../../core/live/read-in-turns';
import {
  RequestDetailActions, RequestsApiActions, RequestsLiveActions, TriageQueueActions, WRITE_ACTIONS, writeOf,
} from './requests.actions';
import { requestsFeature } from './requests.feature';

export const loadQueue = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(RequestsApi)) =>
    actions$.pipe(
      ofType(
        TriageQueueActions.opened, TriageQueueActions.filtersChanged, TriageQueueActions.filtersReset,
        TriageQueueActions.retryClicked, RequestsLiveActions.reconnected, CentrePickerActions.centreChosen,
      ),
      withLatestFrom(store.select(requestsFeature.selectFilters), store.select(centreFeature.selectSelected)),
      switchMap(([, filters, centre]) =>
        api.list(queryFor(filters, centre, 0)).pipe(
          map((page) => RequestsApiActions.queueLoaded({ page })),
          catchError((error: unknown) => of(RequestsApiActions.queueLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const loadNextPage = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(RequestsApi)) =>
    actions$.pipe(
      ofType(TriageQueueActions.nextPageRequested),
      withLatestFrom(
        store.select(requestsFeature.selectFilters), store.select(centreFeature.selectSelected), store.select(requestsFeature.selectLoadedCount),
      ),
      // One page at a time; a reload of the whole list (switchMap above) supersedes it anyway.
      exhaustMap(([, filters, centre, offset]) =>
        api.list(queryFor(filters, centre, offset)).pipe(
          map((page) => RequestsApiActions.pageLoaded({ page, offset })),
          catchError((error: unknown) => of(RequestsApiActions.pageLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const rememberQueueFilters = createEffect(
  (store = inject(Store)) =>
    store.select(requestsFeature.selectFilters).pipe(
      skip(1),
      distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
      debounceTime(300),
      withLatestFrom(store.select(authFeature.selectUser)),
      tap(([filters, user]) => {
        if (user) rememberFilters(user.id, filters);
      }),
    ),
  { functional: true, dispatch: false },
);

/**
 * Live changes: the stream carries ids only, so fetch the rows and put each where it belongs.
 * The rows are read from the queue list (`?ids=`), which is not an audited read; only the request
 * open in the panel is read in full, because that user is looking at it. One read is out at a
 * time and the next carries every id announced meanwhile, so a burst costs a few reads, not a
 * queue of them, and a later answer never lands before an earlier one.
 */
export const liveRequestChanges = createEffect(
  (live = inject(LiveEvents), store = inject(Store), api = inject(RequestsApi)) =>
    live.changes$.pipe(
      filter((change) => (change.type === 'request.created' || change.type === 'request.changed') && !!change.id),
      map((change) => change.id!),
      readInTurns((ids) =>
        api.list({ ids, limit: ids.length }).pipe(
          withLatestFrom(
            store.select(requestsFeature.selectFilters), store.select(centreFeature.selectSelected),
            store.select(authFeature.selectUser), store.select(requestsFeature.selectDetailId),
          ),
          mergeMap(([page, filters, centre, user, detailId]) => {
            const found = new Map(page.items.map((summary) => [summary.id, summary]));
            const rows = ids.map((id) => {
              const summary = found.get(id);
              // Gone, or no longer visible to this user (moved to another centre): take it off the list.
              if (!summary) return RequestsLiveActions.requestLeft({ id });
              return matchesFilters(summary, filters, centre, user?.id ?? null, Date.now())
                ? RequestsLiveActions.requestChanged({ request: summary })
                : RequestsLiveActions.requestLeft({ id });
            });
            if (!detailId || !found.has(detailId)) return from(rows);
            return concat(from(rows), api.get(detailId).pipe(
              map((request) => RequestsLiveActions.openRequestChanged({ request })),
              catchError(() => EMPTY),
            ));
          }),
          // The next event or a reconnect brings the rows again; nothing to show the user here.
          catchError(() => EMPTY),
        ), LIVE_READS),
    ),
  { functional: true },
);

export const liveReconnected = createEffect(
  (live = inject(LiveEvents)) =>
    live.changes$.pipe(
      filter((change) => change.type === 'reconnected'),
      map(() => RequestsLiveActions.reconnected()),
    ),
  { functional: true },
);

export const claim = createEffect(
  (actions$ = inject(Actions), api = inject(RequestsApi)) =>
    actions$.pipe(
      ofType(TriageQueueActions.claimClicked, RequestDetailActions.claimClicked),
      mergeMap(({ request }) =>
        api.claim(request.id, request.version).pipe(
          map((fresh) => RequestsApiActions.claimSucceeded({ request: fresh })),
          catchError((error: unknown) => of(RequestsApiActions.claimFailed({ previous: request, error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** After a refused claim, read the request again so the row shows who really holds it now. */
export const refreshAfterRefusedClaim = createEffect(
  (actions$ = inject(Actions), api = inject(RequestsApi)) =>
    actions$.pipe(
      ofType(RequestsApiActions.claimFailed),
      filter(({ error }) => error.status === 409 || error.status === 412),
      mergeMap(({ previous }) =>
        api.get(previous.id).pipe(
          map((request) => RequestsApiActions.requestRefreshed({ request })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);

export const loadDetail = createEffect(
  (actions$ = inject(Actions), api = inject(RequestsApi)) =>
    actions$.pipe(
      ofType(RequestDetailActions.opened),
      switchMap(({ id }) =>
        api.get(id).pipe(
          map((request) => RequestsApiActions.detailLoaded({ request })),
          catchError((error: unknown) => of(RequestsApiActions.detailLoadFailed({ id, error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** The writes on one request. One at a time: a double click does not send twice. */
export const writeRequest = createEffect(
  (actions$ = inject(Actions), api = inject(RequestsApi)) =>
    actions$.pipe(
      ofType(...WRITE_ACTIONS.map(([creator]) => creator)),
      concatMap((action) => {
        const write = writeOf(action);
        return callFor(api, action).pipe(
          map((request) => RequestsApiActions.writeSucceeded({ write, request })),
          catchError((error: unknown) => of(RequestsApiActions.writeFailed({ write, id: action.id, error: apiError(error) }))),
        );
      }),
    ),
  { functional: true },
);

type WriteAction = ReturnType<(typeof WRITE_ACTIONS)[number][0]>;

function callFor(api: RequestsApi, action: WriteAction) {
  switch (action.type) {
    case RequestDetailActions.acknowledgeClicked.type: return api.acknowledgeFlags(action.id, action.version);
    case RequestDetailActions.attemptSubmitted.type: return api.logAttempt(action.id, action.version, action.input);
    case RequestDetailActions.closeSubmitted.type: return api.close(action.id, action.version, action.input);
    case RequestDetailActions.reopenClicked.type: return api.reopen(action.id, action.version);
    case RequestDetailActions.linkPatientClicked.type: return api.linkPatient(action.id, action.version, action.patientId);
    case RequestDetailActions.releaseClicked.type: return api.release(action.id, action.version);
    case RequestDetailActions.detailsSubmitted.type: return api.update(action.id, action.version, action.input);
    case RequestDetailActions.reassignSubmitted.type: return api.reassign(action.id, action.version, action.staffId);
    case TriageQueueActions.restoreClicked.type: return api.restore(action.id, action.version);
  }
}

/** A stale write (412): fetch the fresh copy so the user can see what changed and try again on top of it. */
export const loadLatestAfterStale = createEffect(
  (actions$ = inject(Actions), api = inject(RequestsApi)) =>
    actions$.pipe(
      ofType(RequestsApiActions.writeFailed),
      filter(({ error }) => error.status === 412 || error.status === 409),
      switchMap(({ id }) =>
        api.get(id).pipe(
          map((request) => RequestsApiActions.latestLoaded({ request })),
          catchError(() => EMPTY),
        ),
      ),
    ),
  { functional: true },
);
