import type { Routes } from '@angular/router';
import {
  CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { provideCharts } from 'ng2-charts';

/**
 * Its own lazy chunk so chart.js is fetched only here, never with the exam form or at start-up.
 * Only the pieces a line chart with a shaded band needs are registered (smaller than
 * withDefaultRegisterables(), which pulls in every chart type).
 */
export const PROGRESS_ROUTES: Routes = [
  {
    path: ':patientId',
    title: 'Progress · Clinic Desk',
    providers: [
      provideCharts({ registerables: [LineController, LineElement, PointElement, LinearScale, CategoryScale, Filler, Legend, Tooltip] }),
    ],
    loadComponent: () => import('./pages/progress-page').then((m) => m.ProgressPage),
  },
];
