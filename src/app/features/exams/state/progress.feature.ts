import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { findingsTimeline, outcomeHistory } from '../../../../shared/exam';
import type { ProgressVisit } from '../data/visits-api';
import type { LoadStatus } from './exam.feature';
import { ProgressPageActions, VisitsApiActions } from './exams.actions';

/** A patient's visits with their outcome answers and findings, oldest first, as the server orders them. */
export interface ProgressState extends EntityState<ProgressVisit> {
  patientId: string | null;
  status: LoadStatus;
  error: string | null;
}

// No sortComparer: the server's order (visit date, then creation) is the one that counts.
export const progressAdapter = createEntityAdapter<ProgressVisit>();

export const initialProgressState: ProgressState = progressAdapter.getInitialState({ patientId: null, status: 'idle', error: null });

export const progressFeature = createFeature({
  name: 'examProgress',
  reducer: createReducer(
    initialProgressState,
    on(ProgressPageActions.opened, ProgressPageActions.retryClicked, (state, { patientId }): ProgressState => ({
      ...(state.patientId === patientId ? state : progressAdapter.removeAll(state)),
      patientId, status: 'loading', error: null,
    })),
    on(VisitsApiActions.visitLoaded, (state, { visit }): ProgressState =>
      state.patientId === visit.patientId && state.status === 'loaded'
        ? state
        : { ...progressAdapter.removeAll(state), patientId: visit.patientId, status: 'loading', error: null }),
    on(VisitsApiActions.progressLoaded, (state, { patientId, visits }): ProgressState =>
      state.patientId === patientId ? progressAdapter.setAll(visits, { ...state, status: 'loaded', error: null }) : state),
    on(VisitsApiActions.progressLoadFailed, (state, { patientId, error }): ProgressState =>
      state.patientId === patientId ? { ...state, status: 'failed', error: error.message } : state),
  ),
  extraSelectors: ({ selectExamProgressState }) => {
    const { selectAll } = progressAdapter.getSelectors(selectExamProgressState);
    const selectVisits = selectAll;
    return {
      selectVisits,
      selectHistory: createSelector(selectVisits, (visits) => outcomeHistory(visits)),
      selectTimeline: createSelector(selectVisits, (visits) => findingsTimeline(visits.map((v) => v.findings))),
    };
  },
});
