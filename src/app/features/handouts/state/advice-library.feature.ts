import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { ADVICE_CATEGORIES, CATEGORY_LABELS, READING_AGE_TARGET, type AdviceCategory } from '../../../../shared/advice';
import type { ApiError } from '../../../core/http-error';
import type { LibraryModuleDetail } from '../data/advice-api';
import type { LibraryEntry } from '../data/handouts-api';
import { AdviceApiActions, AdviceLibraryPageActions, AdviceModulePageActions } from './advice-library.actions';

export interface AdviceLibraryState {
  entries: LibraryEntry[];
  listStatus: 'idle' | 'loading' | 'loaded' | 'error';
  listError: ApiError | null;
  detail: LibraryModuleDetail | null;
  detailStatus: 'idle' | 'loading' | 'loaded' | 'error' | 'new';
  detailError: ApiError | null;
  saving: boolean;
  saveError: ApiError | null;
  /** Bumped on each successful save, so the page knows to take the saved copy into its form. */
  savedCount: number;
}

export const initialAdviceLibraryState: AdviceLibraryState = {
  entries: [], listStatus: 'idle', listError: null, detail: null, detailStatus: 'idle', detailError: null,
  saving: false, saveError: null, savedCount: 0,
};

export interface LibraryRow {
  key: string;
  title: string;
  active: boolean;
  readingAge: number;
  readingAgeHigh: boolean;
  versionNo: number;
  updatedAt: string;
  updatedByName: string | null;
}

export interface LibraryCategory {
  category: AdviceCategory;
  label: string;
  rows: LibraryRow[];
}

export const adviceLibraryFeature = createFeature({
  name: 'adviceLibrary',
  reducer: createReducer(
    initialAdviceLibraryState,
    on(AdviceLibraryPageActions.opened, AdviceLibraryPageActions.retryClicked, (state): AdviceLibraryState => ({ ...state, listStatus: 'loading', listError: null })),
    on(AdviceApiActions.libraryLoaded, (state, { entries }): AdviceLibraryState => ({ ...state, entries, listStatus: 'loaded' })),
    on(AdviceApiActions.libraryLoadFailed, (state, { error }): AdviceLibraryState => ({ ...state, listStatus: 'error', listError: error })),
    on(AdviceModulePageActions.opened, (state): AdviceLibraryState => ({ ...state, detail: null, detailStatus: 'loading', detailError: null, saveError: null })),
    on(AdviceModulePageActions.newOpened, (state): AdviceLibraryState => ({ ...state, detail: null, detailStatus: 'new', detailError: null, saveError: null })),
    on(AdviceModulePageActions.reloadLatestClicked, (state): AdviceLibraryState => ({ ...state, detailError: null, saveError: null })),
    on(AdviceApiActions.moduleLoaded, (state, { detail }): AdviceLibraryState => ({ ...state, detail, detailStatus: 'loaded' })),
    on(AdviceApiActions.moduleLoadFailed, (state, { error }): AdviceLibraryState => ({ ...state, detailStatus: 'error', detailError: error })),
    on(AdviceModulePageActions.saveSubmitted, (state): AdviceLibraryState => ({ ...state, saving: true, saveError: null })),
    on(AdviceApiActions.moduleSaved, (state, { entry }): AdviceLibraryState => ({
      ...state, saving: false, savedCount: state.savedCount + 1,
      entries: state.entries.some((e) => e.key === entry.key) ? state.entries.map((e) => (e.key === entry.key ? entry : e)) : [...state.entries, entry],
      detail: state.detail && state.detail.current.key === entry.key ? { ...state.detail, current: entry } : state.detail,
    })),
    on(AdviceApiActions.saveFailed, (state, { error }): AdviceLibraryState => ({ ...state, saving: false, saveError: error })),
  ),
  extraSelectors: ({ selectEntries, selectSaveError }) => ({
    selectCategories: createSelector(selectEntries, (entries): LibraryCategory[] =>
      ADVICE_CATEGORIES.map((category) => ({
        category,
        label: CATEGORY_LABELS[category],
        rows: entries
          .filter((e) => e.module.category === category)
          .map((e): LibraryRow => ({
            key: e.key, title: e.module.title, active: e.active, readingAge: e.readingAge, readingAgeHigh: e.readingAge > READING_AGE_TARGET,
            versionNo: e.versionNo, updatedAt: e.updatedAt, updatedByName: e.updatedByName,
          }))
          .sort((a, b) => a.title.localeCompare(b.title)),
      })).filter((group) => group.rows.length > 0)),
    selectStale: createSelector(selectSaveError, (error) => error?.status === 412),
  }),
});
