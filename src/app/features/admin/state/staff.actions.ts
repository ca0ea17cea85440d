import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { Staff, StaffCreate, StaffUpdate } from '../../../../shared/api/foundation';
import type { ApiError } from '../../../core/http-error';

export const StaffPageActions = createActionGroup({
  source: 'Staff Page',
  events: {
    Opened: emptyProps(),
    'Retry Clicked': emptyProps(),
  },
});

/** The add/edit and reset dialogs: one at a time, so they share one slice of state. */
export const StaffDialogActions = createActionGroup({
  source: 'Staff Dialog',
  events: {
    Opened: emptyProps(),
    Closed: emptyProps(),
    'Create Submitted': props<{ input: StaffCreate }>(),
    'Update Submitted': props<{ id: string; version: number; input: StaffUpdate }>(),
    'Reload Latest Clicked': props<{ id: string }>(),
    'Reset Password Confirmed': props<{ id: string }>(),
    'Reset Two Factor Confirmed': props<{ id: string }>(),
  },
});

export const StaffApiActions = createActionGroup({
  source: 'Staff API',
  events: {
    'Staff Loaded': props<{ staff: Staff[] }>(),
    'Staff Load Failed': props<{ error: ApiError }>(),
    'Staff Created': props<{ staff: Staff; oneTimePassword: string }>(),
    'Staff Updated': props<{ staff: Staff }>(),
    'Latest Loaded': props<{ staff: Staff }>(),
    'Password Reset': props<{ staff: Staff; oneTimePassword: string }>(),
    'Two Factor Reset': props<{ staff: Staff }>(),
    /** Any dialog request that failed; a 412 puts the dialog into its "someone else saved" state. */
    'Dialog Request Failed': props<{ error: ApiError }>(),
  },
});
