import type { Routes } from '@angular/router';
import { areaGuard, setupCompleteGuard, signedInGuard, signedOutGuard } from './core/auth/auth.guards';
import { homeRedirect } from './core/auth/home-redirect';

export const routes: Routes = [
  // Public pages (no sign-in) go here.
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
