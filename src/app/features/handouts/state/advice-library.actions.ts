import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { AdviceModule } from '../../../../shared/advice';
import type { ApiError } from '../../../core/http-error';
import type { LibraryModuleDetail } from '../data/advice-api';
import type { LibraryEntry } from '../data/handouts-api';

export const AdviceLibraryPageActions = createActionGroup({
  source: 'Advice Library Page',
  events: {
    Opened: emptyProps(),
    'Retry Clicked': emptyProps(),
  },
});

export const AdviceModulePageActions = createActionGroup({
  source: 'Advice Module Page',
  events: {
    Opened: props<{ key: string }>(),
    'New Opened': emptyProps(),
    /** version: the row version the manager started from; null for a new module. */
    'Save Submitted': props<{ module: AdviceModule; active: boolean; version: number | null }>(),
    /** After a 412: fetch the newer version, keeping what the manager typed in the form. */
    'Reload Latest Clicked': props<{ key: string }>(),
  },
});

export const AdviceApiActions = createActionGroup({
  source: 'Advice API',
  events: {
    'Library Loaded': props<{ entries: LibraryEntry[] }>(),
    'Library Load Failed': props<{ error: ApiError }>(),
    'Module Loaded': props<{ detail: LibraryModuleDetail }>(),
    'Module Load Failed': props<{ error: ApiError }>(),
    'Module Saved': props<{ entry: LibraryEntry }>(),
    'Save Failed': props<{ error: ApiError }>(),
  },
});
