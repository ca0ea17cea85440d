import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, exhaustMap, filter, map, of, switchMap, tap, withLatestFrom } from 'rxjs';
import { centreFeature, CentrePickerActions } from '../../../core/centre/centre.feature';
import { apiError } from '../../../core/http-error';
import { PatientsApi } from '../data/patients-api';
import { PatientPageActions, PatientsApiActions, PatientsPageActions } from './patients.actions';
import { patientsFeature } from './patients.feature';

export const loadPatientPage = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(PatientsApi)) =>
    actions$.pipe(
      ofType(PatientsPageActions.opened, PatientsPageActions.searchChanged, PatientsPageActions.pageChanged, PatientsPageActions.retryClicked),
      withLatestFrom(store.select(patientsFeature.selectPatientsState), store.select(centreFeature.selectSelected)),
      switchMap(([, state, centre]) =>
        api.search({
          q: state.q.trim() || undefined,
          centreId: centre === 'all' ? undefined : centre,
          limit: state.pageSize,
          offset: state.pageIndex * state.pageSize,
        }).pipe(
          map((page) => PatientsApiActions.pageLoaded({ page })),
          catchError((error: unknown) => of(PatientsApiActions.pageLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** Choosing another centre in the toolbar refreshes a list already on screen. */
export const reloadOnCentreChange = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) =>
    actions$.pipe(
      ofType(CentrePickerActions.centreChosen),
      withLatestFrom(store.select(patientsFeature.selectListStatus)),
      filter(([, status]) => status !== 'idle'),
      map(() => PatientsPageActions.retryClicked()),
    ),
  { functional: true },
);

export const openCreatedPatient = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) =>
    actions$.pipe(
      ofType(PatientsPageActions.patientCreated),
      tap(({ patient }) => void router.navigate(['/patients', patient.id])),
    ),
  { functional: true, dispatch: false },
);

export const loadPatientDetail = createEffect(
  (actions$ = inject(Actions), api = inject(PatientsApi)) =>
    actions$.pipe(
      ofType(PatientPageActions.opened),
      switchMap(({ id }) =>
        api.get(id).pipe(
          map((detail) => PatientsApiActions.detailLoaded({ detail })),
          catchError((error: unknown) => of(PatientsApiActions.detailLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const savePatient = createEffect(
  (actions$ = inject(Actions), api = inject(PatientsApi)) =>
    actions$.pipe(
      ofType(PatientPageActions.saveSubmitted),
      exhaustMap(({ id, version, input }) =>
        api.update(id, version, input).pipe(
          map((patient) => PatientsApiActions.patientSaved({ patient })),
          catchError((error: unknown) => of(PatientsApiActions.saveFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const reloadLatestPatient = createEffect(
  (actions$ = inject(Actions), api = inject(PatientsApi)) =>
    actions$.pipe(
      ofType(PatientPageActions.reloadLatestClicked),
      switchMap(({ id }) =>
        api.get(id).pipe(
          map((detail) => PatientsApiActions.latestLoaded({ detail })),
          catchError((error: unknown) => of(PatientsApiActions.latestLoadFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const mergePatients = createEffect(
  (actions$ = inject(Actions), api = inject(PatientsApi)) =>
    actions$.pipe(
      ofType(PatientPageActions.mergeConfirmed),
      exhaustMap(({ id, version, duplicateId, duplicateVersion }) =>
        api.merge({ id, version }, duplicateId, duplicateVersion).pipe(
          map((detail) => PatientsApiActions.mergeSucceeded({ detail })),
          catchError((error: unknown) => of(PatientsApiActions.mergeFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const anonymisePatient = createEffect(
  (actions$ = inject(Actions), api = inject(PatientsApi)) =>
    actions$.pipe(
      ofType(PatientPageActions.anonymiseConfirmed),
      exhaustMap(({ id, version, reason }) =>
        api.anonymise({ id, version }, reason).pipe(
          map((patient) => PatientsApiActions.anonymiseSucceeded({ patient })),
          catchError((error: unknown) => of(PatientsApiActions.anonymiseFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

/** Subject access: the JSON file is built in the browser from the export answer and saved. */
export const exportPatient = createEffect(
  (actions$ = inject(Actions), api = inject(PatientsApi), document = inject(DOCUMENT)) =>
    actions$.pipe(
      ofType(PatientPageActions.exportClicked),
      exhaustMap(({ id }) =>
        api.export(id).pipe(
          tap((data) => {
            const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
            const url = URL.createObjectURL(blob);
            const link = document.createElement('a');
            link.href = url;
            link.download = `patient-${id}-${data.exportedAt.slice(0, 10)}.json`;
            document.body.appendChild(link);
            link.click();
            link.remove();
            setTimeout(() => URL.revokeObjectURL(url), 1000);
          }),
          map(() => PatientsApiActions.exportDownloaded({ id })),
          catchError((error: unknown) => of(PatientsApiActions.exportFailed({ error: apiError(error) }))),
        ),
      ),
    ),
  { functional: true },
);

export const tellOutcome = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) =>
    actions$.pipe(
      ofType(
        PatientsApiActions.patientSaved, PatientsApiActions.mergeSucceeded, PatientsApiActions.anonymiseSucceeded,
        PatientsApiActions.exportFailed, PatientsApiActions.exportDownloaded,
      ),
      tap((action) => {
        switch (action.type) {
          case PatientsApiActions.patientSaved.type:
            snackBar.open('Saved the patient\'s details.', 'OK', { duration: 4000 });
            break;
          case PatientsApiActions.mergeSucceeded.type:
            snackBar.open('Records merged. Everything from the duplicate is now on this record.', 'OK', { duration: 6000 });
            break;
          case PatientsApiActions.anonymiseSucceeded.type:
            snackBar.open('The patient\'s identifying details have been removed.', 'OK', { duration: 6000 });
            break;
          case PatientsApiActions.exportDownloaded.type:
            snackBar.open('Export downloaded.', 'OK', { duration: 4000 });
            break;
          case PatientsApiActions.exportFailed.type:
            snackBar.open(`Export failed: ${action.error.message}`, 'OK', { duration: 8000 });
            break;
        }
      }),
    ),
  { functional: true, dispatch: false },
);
