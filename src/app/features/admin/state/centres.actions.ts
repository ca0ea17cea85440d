import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { Centre, CentreInput } from '../../../../shared/api/foundation';
import type { ApiError } from '../../../core/http-error';

export const CentresPageActions = createActionGroup({
  source: 'Centres Page',
  events: {
    Opened: emptyProps(),
    'Retry Clicked': emptyProps(),
  },
});

export const CentreEditPageActions = createActionGroup({
  source: 'Centre Edit Page',
  events: {
    /** id is null for a new centre. */
    Opened: props<{ id: string | null }>(),
    'Create Submitted': props<{ input: CentreInput }>(),
    'Update Submitted': props<{ id: string; version: number; input: CentreInput }>(),
    'Reload Latest Clicked': props<{ id: string }>(),
  },
});

export const CentresApiActions = createActionGroup({
  source: 'Centres API',
  events: {
    'Centres Loaded': props<{ centres: Centre[] }>(),
    'Centres Load Failed': props<{ error: ApiError }>(),
    'Centre Loaded': props<{ centre: Centre }>(),
    'Centre Load Failed': props<{ error: ApiError }>(),
    'Centre Created': props<{ centre: Centre }>(),
    'Centre Updated': props<{ centre: Centre }>(),
    'Latest Loaded': props<{ centre: Centre }>(),
    'Save Failed': props<{ error: ApiError }>(),
  },
});
