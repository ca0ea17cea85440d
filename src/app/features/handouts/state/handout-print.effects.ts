import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, of, switchMap, tap } from 'rxjs';
import { apiError } from '../../../core/http-error';
import { HandoutsApi } from '../data/handouts-api';
import { HandoutPrintApiActions, HandoutPrintPageActions } from './handout-print.actions';

export const loadHandout = createEffect(
  (actions$ = inject(Actions), api = inject(HandoutsApi)) =>
    actions$.pipe(
      ofType(HandoutPrintPageActions.opened),
      switchMap(({ id }) =>
        api.get(id).pipe(
          map((handout) => HandoutPrintApiActions.handoutLoaded({ handout })),
          catchError((error: unknown) => of(HandoutPrintApiActions.handoutLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** Each print is recorded (and audited) on the server; the request leaves before the dialog opens. */
export const recordPrint = createEffect(
  (actions$ = inject(Actions), api = inject(HandoutsApi)) =>
    actions$.pipe(
      ofType(HandoutPrintPageActions.printClicked),
      exhaustMap(({ id }) =>
        api.recordPrint(id).pipe(
          map(({ prints }) => HandoutPrintApiActions.printRecorded({ prints })),
          catchError((error: unknown) => of(HandoutPrintApiActions.printRecordFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** The browser's own print dialog: the print CSS turns the page into A4 paper. */
export const openPrintDialog = createEffect(
  (actions$ = inject(Actions), document = inject(DOCUMENT)) =>
    actions$.pipe(
      ofType(HandoutPrintPageActions.printClicked),
      tap(() => document.defaultView?.print()),
    ),
  { functional: true, dispatch: false },
);
