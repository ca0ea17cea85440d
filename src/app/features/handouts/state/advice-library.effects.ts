import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, of, switchMap, tap } from 'rxjs';
import { apiError } from '../../../core/http-error';
import { AdviceApi } from '../data/advice-api';
import { AdviceApiActions, AdviceLibraryPageActions, AdviceModulePageActions } from './advice-library.actions';

export const loadLibrary = createEffect(
  (actions$ = inject(Actions), api = inject(AdviceApi)) =>
    actions$.pipe(
      ofType(AdviceLibraryPageActions.opened, AdviceLibraryPageActions.retryClicked),
      switchMap(() =>
        api.list().pipe(
          map((entries) => AdviceApiActions.libraryLoaded({ entries })),
          catchError((error: unknown) => of(AdviceApiActions.libraryLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const loadModule = createEffect(
  (actions$ = inject(Actions), api = inject(AdviceApi)) =>
    actions$.pipe(
      ofType(AdviceModulePageActions.opened, AdviceModulePageActions.reloadLatestClicked),
      switchMap(({ key }) =>
        api.get(key).pipe(
          map((detail) => AdviceApiActions.moduleLoaded({ detail })),
          catchError((error: unknown) => of(AdviceApiActions.moduleLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const saveModule = createEffect(
  (actions$ = inject(Actions), api = inject(AdviceApi)) =>
    actions$.pipe(
      ofType(AdviceModulePageActions.saveSubmitted),
      exhaustMap(({ module, active, version }) =>
        (version === null ? api.create(module, active) : api.update(module, active, version)).pipe(
          map((entry) => AdviceApiActions.moduleSaved({ entry })),
          catchError((error: unknown) => of(AdviceApiActions.saveFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** A save adds a version: fetch the history again (and open a new module at its own address). */
export const reloadAfterSave = createEffect(
  (actions$ = inject(Actions), api = inject(AdviceApi)) =>
    actions$.pipe(
      ofType(AdviceApiActions.moduleSaved),
      switchMap(({ entry }) =>
        api.get(entry.key).pipe(
          map((detail) => AdviceApiActions.moduleLoaded({ detail })),
          catchError((error: unknown) => of(AdviceApiActions.moduleLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const openCreatedModule = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AdviceApiActions.moduleSaved),
      tap(({ entry }) => {
        if (router.url.endsWith('/advice-library/new')) void router.navigate(['/advice-library', entry.key], { replaceUrl: true });
      }),
    ),
  { functional: true, dispatch: false },
);
