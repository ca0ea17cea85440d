import { createActionGroup, props } from '@ngrx/store';
import type { HandoutDto } from '../../../../shared/api/handouts';
import type { ApiError } from '../../../core/http-error';

export const HandoutPrintPageActions = createActionGroup({
  source: 'Handout Print Page',
  events: {
    Opened: props<{ id: string }>(),
    'Print Clicked': props<{ id: string }>(),
  },
});

export const HandoutPrintApiActions = createActionGroup({
  source: 'Handout Print API',
  events: {
    'Handout Loaded': props<{ handout: HandoutDto }>(),
    'Handout Load Failed': props<{ error: ApiError }>(),
    'Print Recorded': props<{ prints: number }>(),
    'Print Record Failed': props<{ error: ApiError }>(),
  },
});
