import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { SessionInfo } from '../../../shared/api/foundation';

export const AuthPageActions = createActionGroup({
  source: 'Auth Page',
  events: {
    'Sign Out Clicked': emptyProps(),
    'Stay Signed In Clicked': emptyProps(),
  },
});

export const AuthApiActions = createActionGroup({
  source: 'Auth API',
  events: {
    'Session Loaded': props<{ session: SessionInfo }>(),
    'Signed In': props<{ session: SessionInfo }>(),
    'No Session': emptyProps(),
    /** The page loaded after the session had already timed out: sign in again, and say why. */
    'Session Expired Before Load': emptyProps(),
    'Signed Out': emptyProps(),
    /** The server ended the session (idle or absolute timeout, disabled, role changed). */
    'Session Ended': props<{ reason: 'expired' | 'signed-out-elsewhere' }>(),
  },
});
