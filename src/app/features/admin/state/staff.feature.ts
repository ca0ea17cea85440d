import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { Staff } from '../../../../shared/api/foundation';
import type { ApiError } from '../../../core/http-error';
import { AuditPageActions } from './audit.actions';
import { SecurityPageActions } from './security.actions';
import { StaffApiActions, StaffDialogActions, StaffPageActions } from './staff.actions';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface StaffDialogState {
  /** 'stale' means the server answered 412: someone else saved first. */
  status: 'idle' | 'saving' | 'saved' | 'failed' | 'stale' | 'reloading';
  error: ApiError | null;
  /** Shown once after creating an account or resetting a password, then forgotten when the dialog closes. */
  oneTimePassword: string | null;
  /** The fresh copy fetched after a 412; the form keeps what the user typed and saves on top of this version. */
  latest: Staff | null;
}

export interface StaffState extends EntityState<Staff> {
  loadStatus: LoadStatus;
  loadError: string | null;
  dialog: StaffDialogState;
}

export const staffAdapter = createEntityAdapter<Staff>({
  sortComparer: (a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }),
});

export const initialDialogState: StaffDialogState = { status: 'idle', error: null, oneTimePassword: null, latest: null };

export const initialStaffState: StaffState = staffAdapter.getInitialState({
  loadStatus: 'idle',
  loadError: null,
  dialog: initialDialogState,
});

export const staffFeature = createFeature({
  name: 'adminStaff',
  reducer: createReducer(
    initialStaffState,
    on(StaffPageActions.opened, StaffPageActions.retryClicked, SecurityPageActions.opened, AuditPageActions.opened, (state): StaffState => ({
      ...state,
      // A list already on screen stays there while it refreshes.
      loadStatus: state.loadStatus === 'loaded' ? 'loaded' : 'loading',
      loadError: null,
    })),
    on(StaffApiActions.staffLoaded, (state, { staff }): StaffState => staffAdapter.setAll(staff, { ...state, loadStatus: 'loaded' })),
    on(StaffApiActions.staffLoadFailed, (state, { error }): StaffState => ({ ...state, loadStatus: 'failed', loadError: error.message })),

    on(StaffDialogActions.opened, StaffDialogActions.closed, (state): StaffState => ({ ...state, dialog: initialDialogState })),
    on(
      StaffDialogActions.createSubmitted, StaffDialogActions.updateSubmitted,
      StaffDialogActions.resetPasswordConfirmed, StaffDialogActions.resetTwoFactorConfirmed,
      (state): StaffState => ({ ...state, dialog: { ...state.dialog, status: 'saving', error: null } }),
    ),
    on(StaffDialogActions.reloadLatestClicked, (state): StaffState => ({ ...state, dialog: { ...state.dialog, status: 'reloading' } })),
    on(StaffApiActions.staffCreated, StaffApiActions.passwordReset, (state, { staff, oneTimePassword }): StaffState =>
      staffAdapter.upsertOne(staff, { ...state, dialog: { ...state.dialog, status: 'saved', error: null, oneTimePassword } })),
    on(StaffApiActions.staffUpdated, StaffApiActions.twoFactorReset, (state, { staff }): StaffState =>
      staffAdapter.upsertOne(staff, { ...state, dialog: { ...state.dialog, status: 'saved', error: null } })),
    on(StaffApiActions.latestLoaded, (state, { staff }): StaffState =>
      staffAdapter.upsertOne(staff, { ...state, dialog: { ...state.dialog, status: 'idle', error: null, latest: staff } })),
    on(StaffApiActions.dialogRequestFailed, (state, { error }): StaffState => ({
      ...state,
      dialog: { ...state.dialog, status: error.status === 412 ? 'stale' : 'failed', error },
    })),
  ),
  extraSelectors: ({ selectAdminStaffState, selectDialog }) => {
    const { selectAll, selectEntities } = staffAdapter.getSelectors(selectAdminStaffState);
    return {
      selectAllStaff: selectAll,
      selectStaffEntities: selectEntities,
      selectDialogBusy: createSelector(selectDialog, (dialog) => dialog.status === 'saving' || dialog.status === 'reloading'),
    };
  },
});
