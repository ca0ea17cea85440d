import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { provideCharts } from 'ng2-charts';
import * as analyticsEffects from './state/analytics.effects';
import { analyticsFeature } from './state/analytics.feature';

/**
 * Managers only (guarded in app.routes.ts and refused by the API). chart.js is registered here, on
 * the lazy route, so it never reaches the start-up bundle; only the bar and line pieces the page
 * draws are registered (withDefaultRegisterables() would pull in every chart type).
 */
export const ANALYTICS_CHART_PARTS = [
  BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip,
];

export const ANALYTICS_ROUTES: Routes = [
  {
    path: '',
    title: 'Analytics · Clinic Desk',
    providers: [
      provideCharts({ registerables: ANALYTICS_CHART_PARTS }),
      provideState(analyticsFeature),
      provideEffects(analyticsEffects),
    ],
    loadComponent: () => import('./pages/analytics-page').then((m) => m.AnalyticsPage),
  },
];
