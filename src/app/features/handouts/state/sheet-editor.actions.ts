import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { PersonalDetails } from '../../../../shared/advice';
import type { HandoutDto } from '../../../../shared/api/handouts';
import type { ApiError } from '../../../core/http-error';
import type { SheetDraftBundle } from '../data/handouts-api';

export const SheetEditorPageActions = createActionGroup({
  source: 'Sheet Editor Page',
  events: {
    Opened: props<{ visitId: string }>(),
    'Retry Clicked': emptyProps(),
    'Module Added': props<{ moduleKey: string }>(),
    'Module Removed': props<{ moduleKey: string }>(),
    /** Drag and drop, or the up/down buttons: indexes in the sheet's list. */
    'Module Moved': props<{ from: number; to: number }>(),
    /** The whole of one module's personal details, as the clinician has them now. */
    'Personal Details Changed': props<{ moduleKey: string; personal: PersonalDetails }>(),
    'Large Print Toggled': props<{ largePrint: boolean }>(),
    'Issue Clicked': emptyProps(),
  },
});

export const SheetEditorApiActions = createActionGroup({
  source: 'Handouts API',
  events: {
    'Draft Loaded': props<{ bundle: SheetDraftBundle }>(),
    'Draft Load Failed': props<{ error: ApiError }>(),
    'Sheet Issued': props<{ handout: HandoutDto }>(),
    'Issue Failed': props<{ error: ApiError }>(),
  },
});
