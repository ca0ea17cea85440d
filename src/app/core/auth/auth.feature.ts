import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { SessionInfo } from '../../../shared/api/foundation';
import { AuthApiActions } from './auth.actions';

export interface AuthState {
  /** 'unknown' until the first /api/auth/session answer. */
  status: 'unknown' | 'signed-in' | 'signed-out';
  session: SessionInfo | null;
  endedReason: 'expired' | 'signed-out-elsewhere' | null;
}

const initialState: AuthState = { status: 'unknown', session: null, endedReason: null };

export const authFeature = createFeature({
  name: 'auth',
  reducer: createReducer(
    initialState,
    on(AuthApiActions.sessionLoaded, AuthApiActions.signedIn, (_state, { session }): AuthState => ({ status: 'signed-in', session, endedReason: null })),
    on(AuthApiActions.noSession, AuthApiActions.signedOut, (): AuthState => ({ status: 'signed-out', session: null, endedReason: null })),
    on(AuthApiActions.sessionEnded, (_state, { reason }): AuthState => ({ status: 'signed-out', session: null, endedReason: reason })),
    on(AuthApiActions.sessionExpiredBeforeLoad, (): AuthState => ({ status: 'signed-out', session: null, endedReason: 'expired' })),
  ),
  extraSelectors: ({ selectSession }) => {
    const selectUser = createSelector(selectSession, (session) => session?.user ?? null);
    return {
      selectUser,
      selectRole: createSelector(selectUser, (user) => user?.role ?? null),
      /** The account must change its password or enrol two-factor before anything else. */
      selectSetupNeeded: createSelector(selectUser, (user) =>
        user ? user.mustChangePassword || (user.totpRequired && !user.totpEnabled) : false),
    };
  },
});
