import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as patientsEffects from './state/patients.effects';
import { patientsFeature } from './state/patients.feature';

export const PATIENTS_ROUTES: Routes = [
  {
    path: '',
    providers: [provideState(patientsFeature), provideEffects(patientsEffects)],
    children: [
      { path: '', title: 'Patients · Clinic Desk', loadComponent: () => import('./pages/patients-page').then((m) => m.PatientsPage) },
      {
        path: ':id/summary',
        title: 'Patient summary · Clinic Desk',
        loadComponent: () => import('./pages/patient-summary-page').then((m) => m.PatientSummaryPage),
      },
      { path: ':id', title: 'Patient · Clinic Desk', loadComponent: () => import('./pages/patient-page').then((m) => m.PatientPage) },
    ],
  },
];
