import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, of, switchMap, tap } from 'rxjs';
import { apiError } from '../../../core/http-error';
import { AdminApi } from '../data/admin-api';
import { SecurityApiActions, SecurityPageActions } from './security.actions';
import { StaffPageActions } from './staff.actions';

export const loadSecurity = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(SecurityPageActions.opened, StaffPageActions.opened),
      switchMap(() =>
        api.getSecurity().pipe(
          map((settings) => SecurityApiActions.settingsLoaded({ settings })),
          catchError((error: unknown) => of(SecurityApiActions.settingsLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const saveSecurity = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(SecurityPageActions.saveSubmitted),
      exhaustMap(({ version, totpRequiredRoles }) =>
        api.updateSecurity(version, totpRequiredRoles).pipe(
          map((settings) => SecurityApiActions.settingsSaved({ settings })),
          catchError((error: unknown) => of(SecurityApiActions.saveFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const reloadLatestSecurity = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(SecurityPageActions.reloadLatestClicked),
      switchMap(() =>
        api.getSecurity().pipe(
          map((settings) => SecurityApiActions.latestLoaded({ settings })),
          catchError((error: unknown) => of(SecurityApiActions.saveFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const confirmSecuritySaved = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) =>
    actions$.pipe(
      ofType(SecurityApiActions.settingsSaved),
      tap(() => snackBar.open('Security settings saved. They apply from each person’s next sign-in.', 'OK', { duration: 5000 })),
    ),
  { functional: true, dispatch: false },
);
