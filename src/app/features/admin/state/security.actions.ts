import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { SecuritySettings } from '../../../../shared/api/foundation';
import type { Role } from '../../../../shared/roles';
import type { ApiError } from '../../../core/http-error';

export const SecurityPageActions = createActionGroup({
  source: 'Security Page',
  events: {
    Opened: emptyProps(),
    'Save Submitted': props<{ version: number; totpRequiredRoles: Role[] }>(),
    'Reload Latest Clicked': emptyProps(),
  },
});

export const SecurityApiActions = createActionGroup({
  source: 'Security API',
  events: {
    'Settings Loaded': props<{ settings: SecuritySettings }>(),
    'Settings Load Failed': props<{ error: ApiError }>(),
    'Settings Saved': props<{ settings: SecuritySettings }>(),
    'Latest Loaded': props<{ settings: SecuritySettings }>(),
    'Save Failed': props<{ error: ApiError }>(),
  },
});
