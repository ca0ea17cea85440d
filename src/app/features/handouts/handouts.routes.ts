import type { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import { ICON_FONT } from './icon-font';
import * as adviceLibraryEffects from './state/advice-library.effects';
import { adviceLibraryFeature } from './state/advice-library.feature';
import * as handoutPrintEffects from './state/handout-print.effects';
import { handoutPrintFeature } from './state/handout-print.feature';
import * as sheetEditorEffects from './state/sheet-editor.effects';
import { sheetEditorFeature } from './state/sheet-editor.feature';

/** /handouts/new?visitId=   the chiropractor's sheet editor (inside the shell). */
export const SHEET_EDITOR_ROUTES: Routes = [
  {
    path: '',
    providers: [ICON_FONT, provideState(sheetEditorFeature), provideEffects(sheetEditorEffects)],
    children: [
      {
        path: 'new',
        title: 'Advice sheet · Clinic Desk',
        loadComponent: () => import('./pages/sheet-editor-page/sheet-editor-page').then((m) => m.SheetEditorPage),
      },
    ],
  },
];

/** /handouts/:id/print   the issued sheet on paper, outside the shell. */
export const HANDOUT_PRINT_ROUTES: Routes = [
  {
    path: '',
    providers: [ICON_FONT, provideState(handoutPrintFeature), provideEffects(handoutPrintEffects)],
    title: 'Advice sheet · Clinic Desk',
    loadComponent: () => import('./pages/handout-print-page/handout-print-page').then((m) => m.HandoutPrintPage),
  },
];

/**
 * /advice-library          modules by category (managers edit, chiropractors read)
 * /advice-library/new      a new module (managers)
 * /advice-library/:key     a module: editor for managers, read-only for chiropractors; its versions
 */
export const ADVICE_LIBRARY_ROUTES: Routes = [
  {
    path: '',
    providers: [ICON_FONT, provideState(adviceLibraryFeature), provideEffects(adviceLibraryEffects)],
    children: [
      {
        path: '',
        title: 'Advice library · Clinic Desk',
        loadComponent: () => import('./pages/advice-library-page/advice-library-page').then((m) => m.AdviceLibraryPage),
      },
      {
        path: 'new',
        title: 'New advice module · Clinic Desk',
        data: { isNew: true },
        loadComponent: () => import('./pages/advice-module-page/advice-module-page').then((m) => m.AdviceModulePage),
      },
      {
        path: ':key',
        title: 'Advice module · Clinic Desk',
        loadComponent: () => import('./pages/advice-module-page/advice-module-page').then((m) => m.AdviceModulePage),
      },
    ],
  },
];
