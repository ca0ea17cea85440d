import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, debounceTime, filter, map, mergeMap, of, switchMap, tap, withLatestFrom } from 'rxjs';
import type { Appointment } from '../../../../shared/api/diary';
import { DIARY_ERROR_LABELS } from '../../../../shared/diary-labels';
import { apiError } from '../../../core/http-error';
import { LiveEvents } from '../../../core/live/live-events';
import { DiaryApi } from '../data/diary-api';
import { DiaryApiActions, DiaryLiveActions, DiaryPageActions, TodayPageActions } from './diary.actions';
import { diaryFeature } from './diary.feature';
import { todayFeature } from './today.feature';

export const loadDay = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(DiaryApi)) =>
    actions$.pipe(
      ofType(DiaryPageActions.opened, DiaryPageActions.dateChanged, DiaryPageActions.centreChanged, DiaryPageActions.refreshClicked),
      withLatestFrom(store.select(diaryFeature.selectDiaryState)),
      filter(([, state]) => !!state.centreId && !!state.date),
      switchMap(([, { centreId, date }]) =>
        api.day(centreId!, date).pipe(
          map((appointments) => DiaryApiActions.dayLoaded({ centreId: centreId!, date, appointments })),
          catchError((error: unknown) => of(DiaryApiActions.dayLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const loadClinicians = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(DiaryApi)) =>
    actions$.pipe(
      ofType(DiaryPageActions.opened, DiaryPageActions.centreChanged),
      withLatestFrom(store.select(diaryFeature.selectDiaryState)),
      filter(([, state]) => !!state.centreId && state.centreId !== state.cliniciansCentreId),
      switchMap(([, { centreId }]) =>
        api.clinicians(centreId!).pipe(
          map((clinicians) => DiaryApiActions.cliniciansLoaded({ centreId: centreId!, clinicians })),
          catchError((error: unknown) => of(DiaryApiActions.cliniciansLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** Live changes, as actions: 'reconnected' means we may have missed some, so reload too. */
export const liveChanges = createEffect(
  (live = inject(LiveEvents)) =>
    live.changes$.pipe(
      filter((change) => change.type === 'appointment.changed' || change.type === 'reconnected'),
      map((change) => DiaryLiveActions.appointmentChanged({ id: change.id ?? null, centreId: change.centreId ?? null })),
    ),
  { functional: true },
);

/** A burst of changes (a whole day rebooked) reloads the day once. */
export const reloadDayOnLiveChange = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(DiaryApi)) =>
    actions$.pipe(
      ofType(DiaryLiveActions.appointmentChanged),
      withLatestFrom(store.select(diaryFeature.selectDiaryState)),
      filter(([{ centreId }, state]) => state.active && !!state.centreId && (!centreId || centreId === state.centreId)),
      debounceTime(250),
      switchMap(([, { centreId, date }]) =>
        api.day(centreId!, date).pipe(
          map((appointments) => DiaryApiActions.dayLoaded({ centreId: centreId!, date, appointments })),
          catchError((error: unknown) => of(DiaryApiActions.dayLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

function statusChange(api: DiaryApi, action: { type: string; appointment: Appointment; reason?: string }) {
  const { appointment } = action;
  const call =
    action.type === DiaryPageActions.cancelConfirmed.type
      ? api.cancel(appointment, action.reason)
      : action.type === DiaryPageActions.attendedClicked.type || action.type === TodayPageActions.attendedClicked.type
        ? api.markAttended(appointment)
        : api.markDidNotAttend(appointment);
  return call.pipe(
    map((updated) => DiaryApiActions.appointmentUpdated({ appointment: updated })),
    catchError((error: unknown) => of(DiaryApiActions.appointmentUpdateFailed({ id: appointment.id, error: apiError(error) }))),
  );
}

export const changeStatus = createEffect(
  (actions$ = inject(Actions), api = inject(DiaryApi)) =>
    actions$.pipe(
      ofType(
        DiaryPageActions.cancelConfirmed, DiaryPageActions.attendedClicked, DiaryPageActions.didNotAttendClicked,
        TodayPageActions.attendedClicked, TodayPageActions.didNotAttendClicked,
      ),
      // Different appointments change independently; each request carries its own version.
      mergeMap((action) => statusChange(api, action)),
    ),
  { functional: true },
);

/** A refused change (someone else got there first) is explained, and the screen catches up. */
export const explainRefusedChange = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) =>
    actions$.pipe(
      ofType(DiaryApiActions.appointmentUpdateFailed),
      tap(({ error }) => {
        const message = error.status === 412
          ? 'Someone else changed this appointment a moment ago. The diary now shows the latest; check it and try again.'
          : DIARY_ERROR_LABELS[error.code] ?? error.message;
        snackBar.open(message, 'OK', { duration: 8000 });
      }),
      map(() => DiaryLiveActions.appointmentChanged({ id: null, centreId: null })),
    ),
  { functional: true },
);

export const loadToday = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(DiaryApi)) =>
    actions$.pipe(
      ofType(TodayPageActions.opened, TodayPageActions.clinicianChanged, TodayPageActions.refreshClicked),
      withLatestFrom(store.select(todayFeature.selectClinicianId)),
      switchMap(([, clinicianId]) =>
        api.today(clinicianId ?? undefined).pipe(
          map((today) => DiaryApiActions.todayLoaded({ today })),
          catchError((error: unknown) => of(DiaryApiActions.todayLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const reloadTodayOnLiveChange = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(DiaryApi)) =>
    actions$.pipe(
      ofType(DiaryLiveActions.appointmentChanged),
      withLatestFrom(store.select(todayFeature.selectTodayState)),
      filter(([, state]) => state.active),
      debounceTime(250),
      switchMap(([, { clinicianId }]) =>
        api.today(clinicianId ?? undefined).pipe(
          map((today) => DiaryApiActions.todayLoaded({ today })),
          catchError((error: unknown) => of(DiaryApiActions.todayLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);
