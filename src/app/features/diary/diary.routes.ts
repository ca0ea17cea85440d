import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as diaryEffects from './state/diary.effects';
import { diaryFeature } from './state/diary.feature';
import { todayFeature } from './state/today.feature';

/** Both pages share the effects (live changes reload whichever is open), so both register both slices. */
const diaryProviders = [provideState(diaryFeature), provideState(todayFeature), provideEffects(diaryEffects)];

export const DIARY_ROUTES: Routes = [
  {
    path: '',
    providers: diaryProviders,
    title: 'Diary · Clinic Desk',
    loadComponent: () => import('./pages/diary-page').then((m) => m.DiaryPage),
  },
];

export const TODAY_ROUTES: Routes = [
  {
    path: '',
    providers: diaryProviders,
    title: 'Today · Clinic Desk',
    loadComponent: () => import('./pages/today-page').then((m) => m.TodayPage),
  },
];
