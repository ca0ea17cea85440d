import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { Centre } from '../../../../shared/api/foundation';
import type { ApiError } from '../../../core/http-error';
import { StaffPageActions } from './staff.actions';
import { AuditPageActions } from './audit.actions';
import { CentreEditPageActions, CentresApiActions, CentresPageActions } from './centres.actions';
import type { LoadStatus } from './staff.feature';

export interface CentreEditorState {
  /** 'stale' means the server answered 412: someone else saved first. */
  status: 'loading' | 'load-failed' | 'ready' | 'saving' | 'saved' | 'failed' | 'stale' | 'reloading';
  /** The copy being edited, as loaded; null for a new centre. */
  original: Centre | null;
  /** The fresh copy fetched after a 412; the user's edits are saved on top of its version. */
  latest: Centre | null;
  error: ApiError | null;
}

export interface CentresState extends EntityState<Centre> {
  loadStatus: LoadStatus;
  loadError: string | null;
  editor: CentreEditorState;
}

export const centresAdapter = createEntityAdapter<Centre>({
  sortComparer: (a, b) => a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }),
});

export const initialEditorState: CentreEditorState = { status: 'loading', original: null, latest: null, error: null };

export const initialCentresState: CentresState = centresAdapter.getInitialState({
  loadStatus: 'idle',
  loadError: null,
  editor: initialEditorState,
});

export const centresFeature = createFeature({
  name: 'adminCentres',
  reducer: createReducer(
    initialCentresState,
    on(CentresPageActions.opened, CentresPageActions.retryClicked, StaffPageActions.opened, AuditPageActions.opened, (state): CentresState => ({
      ...state,
      // A list already on screen stays there while it refreshes.
      loadStatus: state.loadStatus === 'loaded' ? 'loaded' : 'loading',
      loadError: null,
    })),
    on(CentresApiActions.centresLoaded, (state, { centres }): CentresState => centresAdapter.setAll(centres, { ...state, loadStatus: 'loaded' })),
    on(CentresApiActions.centresLoadFailed, (state, { error }): CentresState => ({ ...state, loadStatus: 'failed', loadError: error.message })),

    on(CentreEditPageActions.opened, (state, { id }): CentresState => ({
      ...state,
      editor: id ? initialEditorState : { ...initialEditorState, status: 'ready' },
    })),
    on(CentresApiActions.centreLoaded, (state, { centre }): CentresState =>
      centresAdapter.upsertOne(centre, { ...state, editor: { ...initialEditorState, status: 'ready', original: centre } })),
    on(CentresApiActions.centreLoadFailed, (state, { error }): CentresState => ({ ...state, editor: { ...initialEditorState, status: 'load-failed', error } })),
    on(CentreEditPageActions.createSubmitted, CentreEditPageActions.updateSubmitted, (state): CentresState => ({
      ...state,
      editor: { ...state.editor, status: 'saving', error: null },
    })),
    on(CentreEditPageActions.reloadLatestClicked, (state): CentresState => ({ ...state, editor: { ...state.editor, status: 'reloading' } })),
    on(CentresApiActions.centreCreated, CentresApiActions.centreUpdated, (state, { centre }): CentresState =>
      centresAdapter.upsertOne(centre, { ...state, editor: { ...state.editor, status: 'saved', error: null } })),
    on(CentresApiActions.latestLoaded, (state, { centre }): CentresState =>
      centresAdapter.upsertOne(centre, { ...state, editor: { ...state.editor, status: 'ready', error: null, latest: centre } })),
    on(CentresApiActions.saveFailed, (state, { error }): CentresState => ({
      ...state,
      editor: { ...state.editor, status: error.status === 412 ? 'stale' : 'failed', error },
    })),
  ),
  extraSelectors: ({ selectAdminCentresState, selectEditor }) => {
    const { selectAll, selectEntities } = centresAdapter.getSelectors(selectAdminCentresState);
    return {
      selectAllCentres: selectAll,
      selectCentreEntities: selectEntities,
      selectEditorBusy: createSelector(selectEditor, (editor) => editor.status === 'saving' || editor.status === 'reloading'),
    };
  },
});
