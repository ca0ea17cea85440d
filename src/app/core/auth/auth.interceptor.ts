import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { catchError, throwError } from 'rxjs';
import { ActivityClock } from './activity';
import { AuthApiActions } from './auth.actions';

/** Calls that do not count as the user being active (they poll or stream in the background). */
const PASSIVE = ['/api/auth/session', '/api/events'];

export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const store = inject(Store);
  const activity = inject(ActivityClock);
  if (!PASSIVE.some((path) => request.url.startsWith(path))) activity.record();
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && !request.url.startsWith('/api/auth/')) {
        const code = (error.error as { error?: { code?: string } } | null)?.error?.code;
        store.dispatch(AuthApiActions.sessionEnded({ reason: code === 'session_expired' ? 'expired' : 'signed-out-elsewhere' }));
      }
      return throwError(() => error);
    }),
  );
};
