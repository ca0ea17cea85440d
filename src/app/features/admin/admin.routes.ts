import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import type { CentreEditPage } from './pages/centre-edit-page';
import * as auditEffects from './state/audit.effects';
import { auditFeature } from './state/audit.feature';
import * as centresEffects from './state/centres.effects';
import { centresFeature } from './state/centres.feature';
import * as securityEffects from './state/security.effects';
import { securityFeature } from './state/security.feature';
import * as staffEffects from './state/staff.effects';
import { staffFeature } from './state/staff.feature';

/** Managers only (guarded in app.routes.ts and refused by the API). State lives and loads with the area. */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    providers: [
      provideState(staffFeature),
      provideState(centresFeature),
      provideState(securityFeature),
      provideState(auditFeature),
      provideEffects(staffEffects, centresEffects, securityEffects, auditEffects),
    ],
    loadComponent: () => import('./pages/admin-page').then((m) => m.AdminPage),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'staff' },
      {
        path: 'staff',
        title: 'Staff · Admin · Clinic Desk',
        loadComponent: () => import('./pages/staff-page').then((m) => m.StaffPage),
      },
      {
        path: 'centres',
        title: 'Centres · Admin · Clinic Desk',
        loadComponent: () => import('./pages/centres-page').then((m) => m.CentresPage),
      },
      {
        path: 'centres/new',
        title: 'Add a centre · Admin · Clinic Desk',
        canDeactivate: [(page: CentreEditPage) => page.canLeave()],
        loadComponent: () => import('./pages/centre-edit-page').then((m) => m.CentreEditPage),
      },
      {
        path: 'centres/:id',
        title: 'Edit centre · Admin · Clinic Desk',
        canDeactivate: [(page: CentreEditPage) => page.canLeave()],
        loadComponent: () => import('./pages/centre-edit-page').then((m) => m.CentreEditPage),
      },
      {
        path: 'security',
        title: 'Security · Admin · Clinic Desk',
        loadComponent: () => import('./pages/security-page').then((m) => m.SecurityPage),
      },
      {
        path: 'audit',
        title: 'Audit log · Admin · Clinic Desk',
        loadComponent: () => import('./pages/audit-page').then((m) => m.AuditPage),
      },
    ],
  },
];
