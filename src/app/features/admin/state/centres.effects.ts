import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, filter, map, of, switchMap, tap } from 'rxjs';
import { apiError } from '../../../core/http-error';
import { AdminApi } from '../data/admin-api';
import { AuditPageActions } from './audit.actions';
import { CentreEditPageActions, CentresApiActions, CentresPageActions } from './centres.actions';
import { StaffPageActions } from './staff.actions';

export const loadCentres = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(CentresPageActions.opened, CentresPageActions.retryClicked, StaffPageActions.opened, AuditPageActions.opened),
      switchMap(() =>
        api.listCentres().pipe(
          map((centres) => CentresApiActions.centresLoaded({ centres })),
          catchError((error: unknown) => of(CentresApiActions.centresLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** The edit page always starts from a fresh copy, with its current version. */
export const loadCentre = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(CentreEditPageActions.opened),
      map(({ id }) => id),
      filter((id): id is string => !!id),
      switchMap((id) =>
        api.getCentre(id).pipe(
          map((centre) => CentresApiActions.centreLoaded({ centre })),
          catchError((error: unknown) => of(CentresApiActions.centreLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const createCentre = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(CentreEditPageActions.createSubmitted),
      exhaustMap(({ input }) =>
        api.createCentre(input).pipe(
          map((centre) => CentresApiActions.centreCreated({ centre })),
          catchError((error: unknown) => of(CentresApiActions.saveFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const updateCentre = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(CentreEditPageActions.updateSubmitted),
      exhaustMap(({ id, version, input }) =>
        api.updateCentre(id, version, input).pipe(
          map((centre) => CentresApiActions.centreUpdated({ centre })),
          catchError((error: unknown) => of(CentresApiActions.saveFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const reloadLatestCentre = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(CentreEditPageActions.reloadLatestClicked),
      switchMap(({ id }) =>
        api.getCentre(id).pipe(
          map((centre) => CentresApiActions.latestLoaded({ centre })),
          catchError((error: unknown) => of(CentresApiActions.saveFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const backToCentreList = createEffect(
  (actions$ = inject(Actions), router = inject(Router), snackBar = inject(MatSnackBar)) =>
    actions$.pipe(
      ofType(CentresApiActions.centreCreated, CentresApiActions.centreUpdated),
      tap(({ centre, type }) => {
        snackBar.open(type === CentresApiActions.centreCreated.type ? `Added ${centre.name}.` : `Saved ${centre.name}.`, 'OK', { duration: 5000 });
        void router.navigate(['/admin/centres']);
      }),
    ),
  { functional: true, dispatch: false },
);
