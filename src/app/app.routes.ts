import type { Routes } from '@angular/router';
import { areaGuard, setupCompleteGuard, signedInGuard, signedOutGuard } from './core/auth/auth.guards';
import { homeRedirect } from './core/auth/home-redirect';
import { clinicalReadGuard } from './features/exams/guards/exam-guards';
import { adviceLibraryGuard, sheetAuthorGuard } from './features/handouts/guards/handout-guards';

export const routes: Routes = [
  // Public pages (no sign-in) go here.
  {
    path: 'request-callback',
    title: 'Request a callback',
    data: { kind: 'callback' },
    loadComponent: () => import('./features/intake/pages/public-request-page').then((m) => m.PublicRequestPage),
  },
  {
    path: 'book-appointment',
    title: 'Book an appointment',
    data: { kind: 'appointment' },
    loadComponent: () => import('./features/intake/pages/public-request-page').then((m) => m.PublicRequestPage),
  },
  {
    path: 'request-received',
    title: 'Thank you: request received',
    loadComponent: () => import('./features/intake/pages/request-received-page').then((m) => m.RequestReceivedPage),
  },
  {
    // The issued advice sheet on paper (features/handouts): signed in, but outside the shell so no app chrome prints.
    path: 'handouts/:id/print',
    canMatch: [signedInGuard, setupCompleteGuard],
    loadChildren: () => import('./features/handouts/handouts.routes').then((m) => m.HANDOUT_PRINT_ROUTES),
  },
  {
    path: 'sign-in',
    canMatch: [signedOutGuard],
    title: 'Sign in · Clinic Desk',
    loadComponent: () => import('./features/sign-in/pages/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: '',
    canMatch: [signedInGuard],
    loadComponent: () => import('./core/shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', canMatch: [setupCompleteGuard], children: [], canActivate: [homeRedirect] },
      {
        path: 'profile',
        title: 'Profile · Clinic Desk',
        loadComponent: () => import('./features/profile/pages/profile-page').then((m) => m.ProfilePage),
      },
      // Feature areas: one entry each (path = the area name in src/shared/roles.ts), lazy, guarded.
      {
        path: 'diary',
        canMatch: [setupCompleteGuard, areaGuard('diary')],
        loadChildren: () => import('./features/diary/diary.routes').then((m) => m.DIARY_ROUTES),
      },
      {
        path: 'today',
        canMatch: [setupCompleteGuard, areaGuard('today')],
        loadChildren: () => import('./features/diary/diary.routes').then((m) => m.TODAY_ROUTES),
      },
      {
        path: 'patients',
        canMatch: [setupCompleteGuard, areaGuard('patients')],
        loadChildren: () => import('./features/patients/patients.routes').then((m) => m.PATIENTS_ROUTES),
      },
      {
        // Visits and exams (features/exams): chiropractors write, managers read, receptionists never.
        path: 'visits',
        canMatch: [setupCompleteGuard, areaGuard('patients'), clinicalReadGuard],
        loadChildren: () => import('./features/exams/exams.routes').then((m) => m.EXAM_ROUTES),
      },
      {
        // Home-advice sheets (features/handouts): writing one is a chiropractor's act.
        path: 'handouts',
        canMatch: [setupCompleteGuard, areaGuard('patients'), sheetAuthorGuard],
        loadChildren: () => import('./features/handouts/handouts.routes').then((m) => m.SHEET_EDITOR_ROUTES),
      },
      {
        // The advice library (features/handouts): managers edit, chiropractors read.
        path: 'advice-library',
        canMatch: [setupCompleteGuard, adviceLibraryGuard],
        loadChildren: () => import('./features/handouts/handouts.routes').then((m) => m.ADVICE_LIBRARY_ROUTES),
      },
      {
        path: 'requests',
        canMatch: [setupCompleteGuard, areaGuard('requests')],
        loadChildren: () => import('./features/triage/triage.routes').then((m) => m.TRIAGE_ROUTES),
      },
      {
        path: 'analytics',
        canMatch: [setupCompleteGuard, areaGuard('analytics')],
        loadChildren: () => import('./features/analytics/analytics.routes').then((m) => m.ANALYTICS_ROUTES),
      },
      {
        path: 'admin',
        canMatch: [setupCompleteGuard, areaGuard('admin')],
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.ADMIN_ROUTES),
      },
      {
        path: 'not-allowed',
        title: 'Not available · Clinic Desk',
        loadComponent: () => import('./core/pages/not-allowed-page').then((m) => m.NotAllowedPage),
      },
      {
        path: '**',
        title: 'Page not found · Clinic Desk',
        loadComponent: () => import('./core/pages/not-found-page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
