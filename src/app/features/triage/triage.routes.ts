import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { NewRequestPage } from './pages/new-request-page';
import { QueuePage } from './pages/queue-page';
import { RequestDetailPage } from './pages/request-detail-page';
import * as requestsEffects from './state/requests.effects';
import { requestsFeature } from './state/requests.feature';

export const TRIAGE_ROUTES: Routes = [
  {
    path: '',
    providers: [provideState(requestsFeature), provideEffects(requestsEffects)],
    component: QueuePage,
    title: 'Requests · Clinic Desk',
    children: [
      { path: 'new', component: NewRequestPage, title: 'New request · Clinic Desk' },
      { path: ':id', component: RequestDetailPage, title: 'Request · Clinic Desk' },
    ],
  },
];
