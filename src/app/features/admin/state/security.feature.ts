import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { SecuritySettings } from '../../../../shared/api/foundation';
import type { ApiError } from '../../../core/http-error';
import { SecurityApiActions, SecurityPageActions } from './security.actions';

export interface SecurityState {
  status: 'loading' | 'load-failed' | 'ready' | 'saving' | 'saved' | 'failed' | 'stale' | 'reloading';
  /** The settings as last loaded or saved. */
  settings: SecuritySettings | null;
  /** The fresh copy fetched after a 412; the user's ticks are saved on top of its version. */
  latest: SecuritySettings | null;
  error: ApiError | null;
}

export const initialSecurityState: SecurityState = { status: 'loading', settings: null, latest: null, error: null };

export const securityFeature = createFeature({
  name: 'adminSecurity',
  reducer: createReducer(
    initialSecurityState,
    on(SecurityPageActions.opened, (): SecurityState => initialSecurityState),
    on(SecurityApiActions.settingsLoaded, (state, { settings }): SecurityState => ({ ...state, status: 'ready', settings, latest: null, error: null })),
    on(SecurityApiActions.settingsLoadFailed, (state, { error }): SecurityState => ({ ...state, status: 'load-failed', error })),
    on(SecurityPageActions.saveSubmitted, (state): SecurityState => ({ ...state, status: 'saving', error: null })),
    on(SecurityPageActions.reloadLatestClicked, (state): SecurityState => ({ ...state, status: 'reloading' })),
    on(SecurityApiActions.settingsSaved, (state, { settings }): SecurityState => ({ ...state, status: 'saved', settings, latest: null, error: null })),
    on(SecurityApiActions.latestLoaded, (state, { settings }): SecurityState => ({ ...state, status: 'ready', latest: settings, error: null })),
    on(SecurityApiActions.saveFailed, (state, { error }): SecurityState => ({ ...state, status: error.status === 412 ? 'stale' : 'failed', error })),
  ),
  extraSelectors: ({ selectSettings, selectLatest, selectStatus }) => ({
    /** The version a save must name: the fresh copy's after a 412, else the loaded one's. */
    selectEditVersion: createSelector(selectSettings, selectLatest, (settings, latest) => latest?.version ?? settings?.version ?? null),
    selectRequiredRoles: createSelector(selectSettings, (settings) => settings?.totpRequiredRoles ?? []),
    selectBusy: createSelector(selectStatus, (status) => status === 'saving' || status === 'reloading'),
  }),
});
