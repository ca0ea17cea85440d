import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { clinicalWriteGuard, unsentChangesGuard } from './guards/exam-guards';
import { examFeature } from './state/exam.feature';
import * as examEffects from './state/exams.effects';
import { progressFeature } from './state/progress.feature';

/**
 * /visits/new?patientId=&appointmentId=&copyFromLast=true   starts a visit, then opens it
 * /visits/progress/:patientId                                 charts (chart.js loads only there)
 * /visits/:visitId                                            the exam form
 */
export const EXAM_ROUTES: Routes = [
  {
    path: '',
    providers: [provideState(examFeature), provideState(progressFeature), provideEffects(examEffects)],
    children: [
      {
        path: 'new',
        canMatch: [clinicalWriteGuard],
        title: 'New visit · Clinic Desk',
        loadComponent: () => import('./pages/new-visit-page').then((m) => m.NewVisitPage),
      },
      {
        path: 'progress',
        loadChildren: () => import('./progress.routes').then((m) => m.PROGRESS_ROUTES),
      },
      {
        path: ':visitId',
        title: 'Visit · Clinic Desk',
        canDeactivate: [unsentChangesGuard],
        loadComponent: () => import('./pages/exam-page').then((m) => m.ExamPage),
      },
    ],
  },
];
