import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType, ROOT_EFFECTS_INIT } from '@ngrx/effects';
import { catchError, exhaustMap, map, of, tap } from 'rxjs';
import { apiError } from '../http-error';
import { AuthApi } from './auth-api';
import { AuthApiActions, AuthPageActions } from './auth.actions';

export const loadSessionOnStart = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) =>
    actions$.pipe(
      ofType(ROOT_EFFECTS_INIT),
      exhaustMap(() =>
        api.session().pipe(
          map((session) => AuthApiActions.sessionLoaded({ session })),
          // No navigation here: the route guard sends the user to sign in and back to this page.
          catchError((error: unknown) =>
            of(apiError(error).code === 'session_expired' ? AuthApiActions.sessionExpiredBeforeLoad() : AuthApiActions.noSession())),
        ),
      ),
    ),
  { functional: true },
);

export const signOut = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) =>
    actions$.pipe(
      ofType(AuthPageActions.signOutClicked),
      exhaustMap(() =>
        api.logout().pipe(
          map(() => AuthApiActions.signedOut()),
          // Even if the server cannot be reached, the screen must not stay signed in.
          catchError(() => of(AuthApiActions.signedOut())),
        ),
      ),
    ),
  { functional: true },
);

export const keepAlive = createEffect(
  (actions$ = inject(Actions), api = inject(AuthApi)) =>
    actions$.pipe(
      ofType(AuthPageActions.staySignedInClicked),
      exhaustMap(() =>
        api.keepAlive().pipe(
          map((session) => AuthApiActions.sessionLoaded({ session })),
          catchError(() => of(AuthApiActions.sessionEnded({ reason: 'expired' }))),
        ),
      ),
    ),
  { functional: true },
);

export const toSignInPage = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(AuthApiActions.signedOut, AuthApiActions.sessionEnded),
      tap((action) => {
        const current = router.url;
        const returnUrl = action.type === AuthApiActions.sessionEnded.type && !current.startsWith('/sign-in') ? current : undefined;
        void router.navigate(['/sign-in'], { queryParams: returnUrl ? { returnUrl } : {} });
      }),
    ),
  { functional: true, dispatch: false },
);
