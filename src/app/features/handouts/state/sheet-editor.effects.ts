import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, filter, map, of, switchMap, tap, withLatestFrom } from 'rxjs';
import { apiError } from '../../../core/http-error';
import { HandoutsApi, handoutPrintPath } from '../data/handouts-api';
import { SheetEditorApiActions, SheetEditorPageActions } from './sheet-editor.actions';
import { sheetEditorFeature } from './sheet-editor.feature';

export const loadDraft = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(HandoutsApi)) =>
    actions$.pipe(
      ofType(SheetEditorPageActions.opened, SheetEditorPageActions.retryClicked),
      withLatestFrom(store.select(sheetEditorFeature.selectVisitId)),
      map(([action, stateVisitId]) => ('visitId' in action ? action.visitId : stateVisitId)),
      filter((visitId): visitId is string => !!visitId),
      switchMap((visitId) =>
        api.draft(visitId).pipe(
          map((bundle) => SheetEditorApiActions.draftLoaded({ bundle })),
          catchError((error: unknown) => of(SheetEditorApiActions.draftLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const issueSheet = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(HandoutsApi)) =>
    actions$.pipe(
      ofType(SheetEditorPageActions.issueClicked),
      withLatestFrom(store.select(sheetEditorFeature.selectSheetEditorState)),
      exhaustMap(([, state]) =>
        api.issue(state.visitId ?? '', {
          draft: { items: state.items, leftOut: state.leftOut, personal: state.personal },
          largePrint: state.largePrint,
        }).pipe(
          map((handout) => SheetEditorApiActions.sheetIssued({ handout })),
          catchError((error: unknown) => of(SheetEditorApiActions.issueFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** The issued sheet opens in the print view, ready for the printer. */
export const openIssuedSheet = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(SheetEditorApiActions.sheetIssued),
      tap(({ handout }) => void router.navigate(handoutPrintPath(handout.id))),
    ),
  { functional: true, dispatch: false },
);
