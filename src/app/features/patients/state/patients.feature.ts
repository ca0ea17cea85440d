import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { Patient, PatientDetail, PatientSummary } from '../../../../shared/api/diary';
import type { ApiError } from '../../../core/http-error';
import { PatientPageActions, PatientsApiActions, PatientsPageActions } from './patients.actions';

export type LoadStatus = 'idle' | 'loading' | 'loaded' | 'failed';

export interface PatientRecordState {
  id: string | null;
  status: LoadStatus;
  detail: PatientDetail | null;
  error: ApiError | null;
  /** 'stale': the server answered 412, someone else saved first. */
  saveStatus: 'idle' | 'saving' | 'saved' | 'failed' | 'stale' | 'reloading';
  saveError: ApiError | null;
  /** The copy someone else saved, fetched after a 412; the user's edits go on top of its version. */
  latest: Patient | null;
  /** Merge and anonymise, manager only. */
  actionStatus: 'idle' | 'busy' | 'done' | 'failed';
  actionError: ApiError | null;
  exporting: boolean;
}

export interface PatientsState extends EntityState<PatientSummary> {
  q: string;
  pageIndex: number;
  pageSize: number;
  total: number;
  listStatus: LoadStatus;
  listError: string | null;
  record: PatientRecordState;
}

/** The server orders the page; the adapter keeps that order (no sortComparer). */
export const patientsAdapter = createEntityAdapter<PatientSummary>();

export const initialRecordState: PatientRecordState = {
  id: null, status: 'idle', detail: null, error: null, saveStatus: 'idle', saveError: null, latest: null,
  actionStatus: 'idle', actionError: null, exporting: false,
};

export const initialPatientsState: PatientsState = patientsAdapter.getInitialState({
  q: '', pageIndex: 0, pageSize: 25, total: 0, listStatus: 'idle', listError: null, record: initialRecordState,
});

function withPatient(detail: PatientDetail | null, patient: Patient): PatientDetail | null {
  return detail && detail.patient.id === patient.id ? { ...detail, patient } : detail;
}

export const patientsFeature = createFeature({
  name: 'patients',
  reducer: createReducer(
    initialPatientsState,
    on(PatientsPageActions.opened, PatientsPageActions.retryClicked, (state): PatientsState => ({
      ...state, listStatus: 'loading', listError: null,
    })),
    on(PatientsPageActions.searchChanged, (state, { q }): PatientsState => ({ ...state, q, pageIndex: 0, listStatus: 'loading', listError: null })),
    on(PatientsPageActions.pageChanged, (state, { pageIndex, pageSize }): PatientsState => ({
      ...state, pageIndex, pageSize, listStatus: 'loading', listError: null,
    })),
    on(PatientsApiActions.pageLoaded, (state, { page }): PatientsState =>
      patientsAdapter.setAll(page.items, { ...state, total: page.total, listStatus: 'loaded' })),
    on(PatientsApiActions.pageLoadFailed, (state, { error }): PatientsState => ({ ...state, listStatus: 'failed', listError: error.message })),

    on(PatientPageActions.opened, (state, { id }): PatientsState => ({
      ...state,
      // Re-opening the record on screen refreshes it in place; another record starts clean.
      record: state.record.id === id && state.record.detail ? { ...state.record, status: 'loading' } : { ...initialRecordState, id, status: 'loading' },
    })),
    on(PatientsApiActions.detailLoaded, (state, { detail }): PatientsState => ({
      ...state, record: { ...state.record, status: 'loaded', detail, error: null },
    })),
    on(PatientsApiActions.detailLoadFailed, (state, { error }): PatientsState => ({ ...state, record: { ...state.record, status: 'failed', error } })),

    on(PatientPageActions.saveSubmitted, (state): PatientsState => ({ ...state, record: { ...state.record, saveStatus: 'saving', saveError: null } })),
    on(PatientsApiActions.patientSaved, (state, { patient }): PatientsState => ({
      ...state,
      record: { ...state.record, saveStatus: 'saved', saveError: null, latest: null, detail: withPatient(state.record.detail, patient) },
    })),
    on(PatientsApiActions.saveFailed, (state, { error }): PatientsState => ({
      ...state, record: { ...state.record, saveStatus: error.status === 412 ? 'stale' : 'failed', saveError: error },
    })),
    on(PatientPageActions.reloadLatestClicked, (state): PatientsState => ({ ...state, record: { ...state.record, saveStatus: 'reloading' } })),
    on(PatientsApiActions.latestLoaded, (state, { detail }): PatientsState => ({
      ...state, record: { ...state.record, saveStatus: 'stale', latest: detail.patient },
    })),
    on(PatientsApiActions.latestLoadFailed, (state, { error }): PatientsState => ({
      ...state, record: { ...state.record, saveStatus: 'failed', saveError: error },
    })),

    on(PatientPageActions.latestAccepted, (state, { patient }): PatientsState => ({
      ...state,
      record: { ...state.record, saveStatus: 'idle', saveError: null, latest: null, detail: withPatient(state.record.detail, patient) },
    })),
    on(PatientPageActions.mergeConfirmed, PatientPageActions.anonymiseConfirmed, (state): PatientsState => ({
      ...state, record: { ...state.record, actionStatus: 'busy', actionError: null },
    })),
    on(PatientsApiActions.mergeSucceeded, (state, { detail }): PatientsState => ({
      ...state, record: { ...state.record, actionStatus: 'done', detail, latest: null, saveStatus: 'idle' },
    })),
    on(PatientsApiActions.anonymiseSucceeded, (state, { patient }): PatientsState => ({
      ...state, record: { ...state.record, actionStatus: 'done', detail: withPatient(state.record.detail, patient), latest: null, saveStatus: 'idle' },
    })),
    on(PatientsApiActions.mergeFailed, PatientsApiActions.anonymiseFailed, (state, { error }): PatientsState => ({
      ...state, record: { ...state.record, actionStatus: 'failed', actionError: error },
    })),
    on(PatientPageActions.exportClicked, (state): PatientsState => ({ ...state, record: { ...state.record, exporting: true } })),
    on(PatientsApiActions.exportDownloaded, PatientsApiActions.exportFailed, (state): PatientsState => ({
      ...state, record: { ...state.record, exporting: false },
    })),
  ),
  extraSelectors: ({ selectPatientsState, selectRecord }) => {
    const { selectAll } = patientsAdapter.getSelectors(selectPatientsState);
    const selectDetail = createSelector(selectRecord, (record) => record.detail);
    return {
      selectPatientRows: selectAll,
      selectDetail,
      selectPatient: createSelector(selectDetail, (detail) => detail?.patient ?? null),
      /** Newest first: the next visit is what the desk usually wants. */
      selectAppointments: createSelector(selectDetail, (detail) =>
        [...(detail?.appointments ?? [])].sort((a, b) => b.start.localeCompare(a.start))),
      selectSaveBusy: createSelector(selectRecord, (record) => record.saveStatus === 'saving' || record.saveStatus === 'reloading'),
    };
  },
});
