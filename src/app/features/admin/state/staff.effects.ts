import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, of, switchMap, tap } from 'rxjs';
import { apiError } from '../../../core/http-error';
import { AdminApi } from '../data/admin-api';
import { AuditPageActions } from './audit.actions';
import { SecurityPageActions } from './security.actions';
import { StaffApiActions, StaffDialogActions, StaffPageActions } from './staff.actions';

const failed = (error: unknown) => of(StaffApiActions.dialogRequestFailed({ error: apiError(error) }));

export const loadStaff = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(StaffPageActions.opened, StaffPageActions.retryClicked, SecurityPageActions.opened, AuditPageActions.opened),
      switchMap(() =>
        api.listStaff().pipe(
          map((staff) => StaffApiActions.staffLoaded({ staff })),
          catchError((error: unknown) => of(StaffApiActions.staffLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const createStaff = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(StaffDialogActions.createSubmitted),
      exhaustMap(({ input }) =>
        api.createStaff(input).pipe(
          map(({ staff, oneTimePassword }) => StaffApiActions.staffCreated({ staff, oneTimePassword })),
          catchError(failed),
        ),
      ),
    ),
  { functional: true },
);

export const updateStaff = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(StaffDialogActions.updateSubmitted),
      exhaustMap(({ id, version, input }) =>
        api.updateStaff(id, version, input).pipe(
          map((staff) => StaffApiActions.staffUpdated({ staff })),
          catchError(failed),
        ),
      ),
    ),
  { functional: true },
);

export const reloadLatestStaff = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(StaffDialogActions.reloadLatestClicked),
      switchMap(({ id }) =>
        api.getStaff(id).pipe(
          map((staff) => StaffApiActions.latestLoaded({ staff })),
          catchError(failed),
        ),
      ),
    ),
  { functional: true },
);

export const resetPassword = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(StaffDialogActions.resetPasswordConfirmed),
      exhaustMap(({ id }) =>
        api.resetPassword(id).pipe(
          map(({ staff, oneTimePassword }) => StaffApiActions.passwordReset({ staff, oneTimePassword })),
          catchError(failed),
        ),
      ),
    ),
  { functional: true },
);

export const resetTwoFactor = createEffect(
  (actions$ = inject(Actions), api = inject(AdminApi)) =>
    actions$.pipe(
      ofType(StaffDialogActions.resetTwoFactorConfirmed),
      exhaustMap(({ id }) =>
        api.resetTwoFactor(id).pipe(
          map((staff) => StaffApiActions.twoFactorReset({ staff })),
          catchError(failed),
        ),
      ),
    ),
  { functional: true },
);

/** Changes that close their dialog are confirmed in a snack bar the screen reader announces. */
export const confirmStaffChanges = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) =>
    actions$.pipe(
      ofType(StaffApiActions.staffUpdated, StaffApiActions.twoFactorReset),
      tap((action) => {
        const message = action.type === StaffApiActions.staffUpdated.type
          ? `Saved changes to ${action.staff.name}.`
          : `Two-factor sign-in is off for ${action.staff.name}, who has been signed out.`;
        snackBar.open(message, 'OK', { duration: 5000 });
      }),
    ),
  { functional: true, dispatch: false },
);
